// The verification side of the custody ledger, for vcaudit verify.
#include <unistd.h>

#include "auditor/core/version.hpp"
#include "auditor/pipeline/custody_ledger.hpp"
#include "auditor/pipeline/manifest.hpp"

namespace vca::pipeline {

void verify_custody(const std::filesystem::path& dir, const std::string& signed_head, VerifyReport& report) {
    auto fail = [&](const std::string& what) {
        report.ok = false;
        report.custody_ok = false;
        report.lines.push_back("BROKEN   custody ledger: " + what);
    };
    if (signed_head.empty()) {
        fail("the manifest names no custody head (made by a vcaudit without a ledger?)");
        return;
    }
    auto db = store::QueryHandle::open(dir / "evidence.db");
    if (!db) {
        fail("evidence.db cannot be opened: " + db.error().message);
        return;
    }
    auto stored = read_store_ledger(*db);
    if (!stored) {
        fail("evidence.db holds no readable ledger: " + stored.error().message);
        return;
    }
    ChainCheck in_store = check_chain(*stored);
    if (!in_store.ok) {
        fail("evidence.db " + in_store.problem);
        return;
    }
    if (in_store.head != signed_head) {
        fail("evidence.db's last entry (" + std::to_string(in_store.entries) + ", hash " + in_store.head +
             ") is not the head the signed manifest names (" + signed_head + "): entries were added or removed");
        return;
    }
    auto log = read_ledger_log(dir / kCustodyLogFile);
    if (!log) {
        fail(log.error().message);
        return;
    }
    ChainCheck after = check_chain(*log, signed_head, in_store.entries + 1);
    if (!after.ok) {
        fail(std::string(kCustodyLogFile) + " " + after.problem);
        return;
    }
    report.custody_ok = true;
    report.custody_head = after.head;
    report.custody_entries = in_store.entries + after.entries;
    report.lines.push_back("ok       custody ledger: " + std::to_string(in_store.entries) +
                           " entries in evidence.db ending at the signed head" +
                           (after.entries > 0 ? ", " + std::to_string(after.entries) + " later in " + kCustodyLogFile
                                              : std::string()) +
                           ", every link holds");
}

core::Status record_verification(const std::filesystem::path& dir, const VerifyReport& report) {
    if (!report.custody_ok) return core::ok_status();  // never extend a chain that did not verify
    CustodyLedger ledger(current_actor(), custody_now, report.custody_head, report.custody_entries + 1);
    std::string outcome = report.ok ? "verified: every file matches the signed manifest"
                                    : "verification FAILED: some file does not match the signed manifest";
    outcome += std::string("; signer ") + (report.trusted ? "trusted" : "not checked against a trust anchor") +
               "; by vcaudit " + core::kToolVersion;
    CustodyEntry e = ledger.next("verify", std::filesystem::absolute(dir).lexically_normal().string(), std::nullopt,
                                 outcome);
    return append_ledger_log(dir / kCustodyLogFile, e);
}

}  // namespace vca::pipeline
