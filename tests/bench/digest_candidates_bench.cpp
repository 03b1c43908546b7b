// Benchmark: how many weak-list candidates per second SecretGuard::judge_digest
// tries, for MD5 qop=auth and SHA-256 qop=auth. Every event carries a strong
// password that is not in the list, so each one costs the whole list.
//
//   digest_candidates_bench [weak-secrets.yaml] [events per algorithm]
//
// A plain executable, not a test: speed is measured, never asserted.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "probes/creds/digest_compute.hpp"
#include "probes/creds/secret_guard.hpp"
#include "probes/creds/weak_list.hpp"

using namespace vca::probes::creds;

namespace {

DigestParams event_params(const std::string& algorithm, int i) {
    DigestParams d;
    d.realm = "bench.example.vn";
    d.nonce = "5f1c2a" + std::to_string(1000003 * i);  // a fresh nonce per event: no shared HA2
    d.uri = "sip:pbx.bench.example.vn";
    d.method = "REGISTER";
    d.algorithm = algorithm;
    d.qop = "auth";
    d.nc = "00000001";
    d.cnonce = "c0ffee" + std::to_string(i);
    return d;
}

}  // namespace

int main(int argc, char** argv) {
    std::string list_path = std::string(VCA_SOURCE_DIR) + "/policy/weak-secrets.yaml";
    if (argc > 1 && argv[1][0] != '\0') list_path = argv[1];
    int events = argc > 2 ? std::atoi(argv[2]) : 200;
    if (events <= 0) events = 200;
    auto list = load_weak_list(list_path);
    if (!list) {
        std::fprintf(stderr, "%s\n", list.error().line().c_str());
        return 2;
    }
    SecretGuard guard(std::move(*list), "bench-key");
    const std::string strong = "Zt7#qLw9!vRk2$Xp-not-in-any-list";
    std::printf("candidates in list: %zu, events per algorithm: %d\n", guard.candidates(), events);
    for (const std::string algorithm : {"MD5", "SHA-256"}) {
        std::vector<DigestParams> params;
        for (int i = 0; i < events; ++i) {
            DigestParams d = event_params(algorithm, i);
            d.response = digest_response(d, "bench-user", strong);
            params.push_back(std::move(d));
        }
        int weak = 0;
        auto start = std::chrono::steady_clock::now();
        for (const auto& d : params) weak += guard.judge_digest("bench-user", d).weak ? 1 : 0;
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        // judge_digest also tries the empty password and the user name.
        double tried = static_cast<double>(events) * static_cast<double>(guard.candidates() + 2);
        std::printf("%-8s %d events in %.3f s: %.0f candidates/s (%.2f ms per event)%s\n", algorithm.c_str(),
                    events, seconds, tried / seconds, 1000.0 * seconds / events,
                    weak ? "  [unexpected weak match]" : "");
    }
    return 0;
}
