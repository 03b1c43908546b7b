#include "auditor/investigate/run_investigation.hpp"

#include <ostream>

#include "auditor/engine/site_policy.hpp"

namespace vca::investigate {

core::Result<InvestigateOutcome> run_investigation(InvestigateOptions o, std::ostream& log) {
    // Everything the user controls is checked before the audit writes anything.
    auto window = make_window(o.from, o.to);
    if (!window) return window.error();
    if (!(o.after_meeting_minutes >= 0))
        return core::make_diag("E198", "--after-meeting must be a number of minutes, 0 or more");
    if (o.audit.pcaps.empty())
        return core::make_diag("E100", "nothing to investigate", "pass at least one --pcap FILE (or - for standard input)");
    InvestigationInputs in;
    in.scope.window = *window;
    in.scope.after_meeting_s = o.after_meeting_minutes * 60;
    in.pcaps = o.audit.pcaps;
    int site_level = 0;
    if (o.audit.site) {
        auto policy = engine::load_site_policy(*o.audit.site);
        if (!policy) return policy.error();
        in.scope.allowed_networks = policy->allowed_networks;
        in.site_name = policy->name;
        site_level = policy->level;
    }
    if (!o.audit.level && site_level == 0) {
        o.audit.level = 1;
        log << "note: no security level given (--level or the site's 'level'): the audit part of this folder is "
               "evaluated at level 1\n";
    }
    if (in.scope.allowed_networks.empty())
        log << "note: the site declares no allowed_networks: every destination is listed as a possible path\n";

    InvestigationSummary summary;
    o.audit.extra_outputs = [&in, &summary](const std::filesystem::path& dir,
                                            const store::QueryHandle& db) -> core::Result<std::vector<std::string>> {
        auto s = write_investigation_outputs(dir, db, in);
        if (!s) return s.error();
        summary = *s;
        return s->files;
    };
    auto audit = pipeline::run_audit(o.audit, log);
    if (!audit) return audit.error();
    return InvestigateOutcome{*audit, summary};
}

}  // namespace vca::investigate
