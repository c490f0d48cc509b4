#pragma once
#include <string>
#include <string_view>

namespace samverkan {

// A random RFC 4122 version-4 UUID in lower-case text form (libsodium's CSPRNG).
std::string NewUuid();
// `bytes` random bytes as unpadded base64url: for session tokens and CSRF tokens.
std::string RandomToken(std::size_t bytes = 32);
// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace samverkan
