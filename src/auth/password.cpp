#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace samverkan::auth {

std::string HashPassword(std::string_view password) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    if (sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> CheckPasswordPolicy(std::string_view password, std::string_view username) {
    std::size_t code_points = std::count_if(password.begin(), password.end(),
                                            [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    if (code_points < 12) return "the password must be at least 12 characters long";
    if (code_points > 128) return "the password must be at most 128 characters long";
    auto lower = [](std::string_view s) {
        std::string out(s);
        std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
        return out;
    };
    std::string p = lower(password);
    if (!username.empty() && p.find(lower(username)) != std::string::npos)
        return "the password must not contain the username";
    static const std::array<std::string_view, 8> kCommon = {"password1234", "123456789012", "qwertyuiopas",
                                                             "losenord1234", "sommar2026!!", "stockholm123",
                                                             "samverkan123", "aaaaaaaaaaaa"};
    for (auto c : kCommon)
        if (p == c) return "the password is too common";
    if (std::all_of(p.begin(), p.end(), [&](char c) { return c == p[0]; })) return "the password is too simple";
    return std::nullopt;
}

}  // namespace samverkan::auth
