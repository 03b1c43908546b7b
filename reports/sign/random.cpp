#include "reports/sign/random.hpp"

#include <openssl/rand.h>

#include "reports/sign/codes.hpp"
#include "reports/sign/openssl_error.hpp"

namespace vca::sign {

core::Result<std::string> random_bytes(std::size_t n) {
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        return core::make_diag(codes::kNoRandomness, "the random generator failed: " + drain_openssl_errors(),
                               "check that the system entropy source (/dev/urandom) is available");
    return out;
}

}  // namespace vca::sign
