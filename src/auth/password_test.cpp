#include "auth/password.hpp"

#include <gtest/gtest.h>

namespace samverkan::auth {
namespace {

TEST(PasswordTest, HashIsArgon2idAndVerifies) {
    std::string h = HashPassword("Korrekt-häst-batteri-9");
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(VerifyPassword(h, "Korrekt-häst-batteri-9"));
    EXPECT_FALSE(VerifyPassword(h, "korrekt-häst-batteri-9"));
    EXPECT_NE(HashPassword("Korrekt-häst-batteri-9"), h) << "hashes must be salted";
}

TEST(PasswordTest, PolicyRefusesShortCommonAndUsernamePasswords) {
    EXPECT_TRUE(CheckPasswordPolicy("kort", "anna").has_value());
    EXPECT_TRUE(CheckPasswordPolicy("elva-tecken", "anna").has_value());  // 11
    EXPECT_FALSE(CheckPasswordPolicy("tolv-tecken!", "anna").has_value());  // 12
    EXPECT_TRUE(CheckPasswordPolicy("annas-hemliga-ord", "anna").has_value());
    EXPECT_TRUE(CheckPasswordPolicy("password1234", "anna").has_value());
    EXPECT_TRUE(CheckPasswordPolicy("aaaaaaaaaaaaaaaa", "anna").has_value());
    EXPECT_TRUE(CheckPasswordPolicy(std::string(129, 'x') + "y", "anna").has_value());
}

TEST(PasswordTest, LengthCountsCharactersNotBytes) {
    // 11 characters, 17 bytes: still too short.
    EXPECT_TRUE(CheckPasswordPolicy("åäöåäöåäöab", "anna").has_value());
    EXPECT_FALSE(CheckPasswordPolicy("åäöåäöåäöabc", "anna").has_value());
}

}  // namespace
}  // namespace samverkan::auth
