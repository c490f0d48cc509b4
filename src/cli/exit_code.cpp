#include "cli/exit_code.hpp"

#include <stdexcept>

#include "common/errors.hpp"

namespace samverkan::cli {

int ExitCodeFor(const std::exception& error) {
    // UsageError is a std::invalid_argument. A domain error (a weak password, a duplicate user, an
    // unknown organisation) is the input's fault too, as it would be a 4xx over HTTP.
    if (dynamic_cast<const std::invalid_argument*>(&error)) return kExitUsage;
    if (dynamic_cast<const RequestError*>(&error)) return kExitUsage;
    return kExitFailure;
}

}  // namespace samverkan::cli
