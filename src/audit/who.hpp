#pragma once
// Who did something, as the audit log records it. The audit layer sits below accounts (auth), so it
// knows a person only by these three facts; auth::Actor converts to it.
#include <optional>
#include <string>

namespace samverkan::audit {

struct Who {
    std::optional<std::string> user_id;  // empty for anonymous and system actors
    std::string name;                    // username, or "anonymous" / "system:..."
    std::string request_id;
};

}  // namespace samverkan::audit
