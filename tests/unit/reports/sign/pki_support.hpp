// A small certificate authority made with the openssl command, for tests of
// chains, expiry, key usage and PKCS#12: a root, intermediates and signers
// with chosen validity dates (`openssl ca -startdate/-enddate`, so no clock
// tricks are needed).
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace vca::sign::test {

// Extensions of a document signer, as a government CA issues them.
inline const std::string kSignerExt =
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n"
    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";
inline const std::string kTlsServerExt =
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,keyEncipherment\nextendedKeyUsage=serverAuth\n"
    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";
inline const std::string kCaExt =
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";
inline const std::string kTsaExt =
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n"
    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";

class Pki {
public:
    explicit Pki(std::filesystem::path dir) : dir_(std::move(dir)) {}

    [[nodiscard]] std::filesystem::path key(const std::string& name) const { return dir_ / (name + ".key"); }
    [[nodiscard]] std::filesystem::path cert(const std::string& name) const { return dir_ / (name + ".pem"); }

    // Self-signed root CA, valid 2019-2045 so that certificates it issued
    // can be checked at past times too.
    bool make_root(const std::string& name) {
        return issue_cert(name, name, "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                                      "subjectKeyIdentifier=hash\n",
                          "20190101000000Z", "20450101000000Z", true);
    }

    // A certificate for `name` issued by `ca`, with extensions `ext` and
    // validity [start, end] as YYYYMMDDHHMMSSZ (empty: now .. +1 year).
    bool issue(const std::string& ca, const std::string& name, const std::string& ext,
               const std::string& start = {}, const std::string& end = {}) {
        return issue_cert(ca, name, ext, start, end, false);
    }

    // Concatenates PEM files (a bundle).
    bool bundle(const std::filesystem::path& out, std::initializer_list<std::string> names) {
        std::ofstream f(out, std::ios::binary | std::ios::trunc);
        for (const auto& n : names) f << read_file(cert(n));
        return f.good();
    }

    // The workhorse: a CSR for `name`, signed by `ca` (or by itself).
    bool issue_cert(const std::string& ca, const std::string& name, const std::string& ext, const std::string& start,
                    const std::string& end, bool self_signed) {
        const auto cnf = dir_ / (name + ".cnf");
        const auto db = dir_ / (ca + ".index");
        if (!std::filesystem::exists(db)) std::ofstream(db).flush();
        std::ofstream(cnf) << "[ca]\ndefault_ca = d\n[d]\ndatabase = " << db.string()
                           << "\nnew_certs_dir = " << dir_.string()
                           << "\nrand_serial = yes\ndefault_md = sha256\ndefault_days = 365\n"
                              "policy = p\nunique_subject = no\ncopy_extensions = none\n[p]\ncommonName = supplied\n"
                              "organizationName = optional\n[ext]\n"
                           << ext;
        if (!run("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + q(key(name)) +
                 " -out " + q(dir_ / (name + ".csr")) + " -subj '/O=vcaudit test/CN=" + name + "'"))
            return false;
        std::string cmd = "openssl ca -batch -notext -config " + q(cnf) + " -extensions ext" +
                          (self_signed ? std::string(" -selfsign") : " -cert " + q(cert(ca))) + " -keyfile " +
                          q(key(ca)) + " -in " + q(dir_ / (name + ".csr")) + " -out " + q(cert(name));
        if (!start.empty()) cmd += " -startdate " + start;
        if (!end.empty()) cmd += " -enddate " + end;
        return run(cmd);
    }

    // An `openssl ts -reply` configuration for a TSA named `tsa` (cert and
    // key made with issue(..., kTsaExt)); returns its path.
    std::filesystem::path tsa_config(const std::string& tsa) {
        const auto cnf = dir_ / (tsa + "-ts.cnf");
        std::ofstream(dir_ / (tsa + ".serial")) << "01\n";
        std::ofstream(cnf) << "[tsa]\ndefault_tsa = t\n[t]\nserial = " << (dir_ / (tsa + ".serial")).string()
                           << "\ncrypto_device = builtin\nsigner_cert = " << cert(tsa).string()
                           << "\nsigner_key = " << key(tsa).string()
                           << "\nsigner_digest = sha256\ndefault_policy = 1.3.6.1.4.1.99999.1\n"
                              "digests = sha256\naccuracy = secs:1\nordering = yes\ntsa_name = yes\n"
                              "ess_cert_id_chain = no\ness_cert_id_alg = sha256\n";
        return cnf;
    }

private:
    std::filesystem::path dir_;
};

}  // namespace vca::sign::test
