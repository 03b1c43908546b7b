#include "probes/creds/credential_event.hpp"

namespace vca::probes::creds {

std::string_view outcome_name(Outcome o) {
    switch (o) {
        case Outcome::Success: return "success";
        case Outcome::Failure: return "failure";
        case Outcome::Unknown: return "unknown";
    }
    return "unknown";
}

}  // namespace vca::probes::creds
