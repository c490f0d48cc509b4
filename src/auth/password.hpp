#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::auth {

// argon2id (libsodium), with libsodium's "interactive" cost: about 64 MiB and a few tenths of a second.
std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

// The password policy: 12 to 128 characters (counted as UTF-8 code points), not containing the
// username, and not one of the commonest passwords. Returns the reason a password is refused.
std::optional<std::string> CheckPasswordPolicy(std::string_view password, std::string_view username);

}  // namespace samverkan::auth
