#include "auth/session_service.hpp"

#include "auth/user_service.hpp"
#include "common/errors.hpp"
#include "db/testing.hpp"

namespace samverkan::auth {
namespace {

constexpr const char* kPassword = "Korrekt-häst-batteri-9";

class SessionServiceDbTest : public db::testing::DatabaseTest {
protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        if (IsSkipped()) return;
        UserService(db()).Add(Actor::System("test"),
                              {"anna", "Anna Andersson", kPassword, {{Role::kCoordinator, std::nullopt, std::nullopt}}, {}});
        // No cache here: these tests change the database behind the service's back.
        sessions_ = std::make_unique<SessionService>(db(), SessionSettings{.cache_ttl = std::chrono::seconds(0)});
    }
    long long AuditCount(const std::string& action, const std::string& outcome) {
        db::Lease c = db().Acquire(db::Access::kRead);
        return c->Query("SELECT COUNT(*) AS n FROM audit_log WHERE action = $1 AND outcome = $2", {action, outcome})
            .integer(0, "n");
    }
    std::unique_ptr<SessionService> sessions_;
};

TEST_F(SessionServiceDbTest, SignInGivesASessionThatFindsTheActor) {
    SignedIn s = sessions_->SignIn("anna", kPassword, "r1");
    EXPECT_EQ(s.actor.username, "anna");
    EXPECT_TRUE(s.actor.HasRole(Role::kCoordinator));
    auto found = sessions_->Find(s.token, "r2");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->actor.id, s.actor.id);
    EXPECT_EQ(found->csrf_token, s.csrf_token);
    EXPECT_EQ(AuditCount("session.create", "success"), 1);
}

TEST_F(SessionServiceDbTest, OnlyTheTokenHashIsStored) {
    SignedIn s = sessions_->SignIn("anna", kPassword, "r1");
    db::Lease c = db().Acquire(db::Access::kRead);
    EXPECT_EQ(c->Query("SELECT COUNT(*) AS n FROM sessions WHERE token_hash = $1", {s.token}).integer(0, "n"), 0);
    EXPECT_EQ(c->Query("SELECT COUNT(*) AS n FROM sessions WHERE token_hash = $1", {Sha256Hex(s.token)}).integer(0, "n"), 1);
}

TEST_F(SessionServiceDbTest, WrongPasswordAndUnknownUserGiveTheSameError) {
    std::string wrong, unknown;
    try {
        sessions_->SignIn("anna", "fel-lösenord-123", "r");
    } catch (const UnauthenticatedError& e) {
        wrong = e.what();
    }
    try {
        sessions_->SignIn("nobody", "fel-lösenord-123", "r");
    } catch (const UnauthenticatedError& e) {
        unknown = e.what();
    }
    EXPECT_FALSE(wrong.empty());
    EXPECT_EQ(wrong, unknown);
    EXPECT_EQ(AuditCount("session.create", "failure"), 2);
}

TEST_F(SessionServiceDbTest, RepeatedFailuresLockTheAccountEvenForTheRightPassword) {
    for (int i = 0; i < 5; ++i) EXPECT_THROW(sessions_->SignIn("anna", "fel-lösenord-123", "r"), UnauthenticatedError);
    try {
        sessions_->SignIn("anna", kPassword, "r");
        FAIL() << "a locked account signed in";
    } catch (const TooManyRequestsError& e) {
        EXPECT_GT(e.RetryAfter(), 0);
        EXPECT_LE(e.RetryAfter(), 30);
    }
}

TEST_F(SessionServiceDbTest, UnknownUsernamesAreThrottledLikeRealOnes) {
    // Otherwise a 429 for one name and none for another would tell which accounts exist.
    for (int i = 0; i < 5; ++i) EXPECT_THROW(sessions_->SignIn("nobody", "fel-lösenord-123", "r"), UnauthenticatedError);
    EXPECT_THROW(sessions_->SignIn("nobody", "fel-lösenord-123", "r"), TooManyRequestsError);
}

TEST_F(SessionServiceDbTest, SignOutEndsTheSession) {
    SignedIn s = sessions_->SignIn("anna", kPassword, "r1");
    auto view = sessions_->Find(s.token, "r2");
    ASSERT_TRUE(view);
    sessions_->SignOut(*view);
    EXPECT_FALSE(sessions_->Find(s.token, "r3").has_value());
}

TEST_F(SessionServiceDbTest, TheCacheServesRepeatLookupsButSignOutClearsItAtOnce) {
    SessionService cached(db(), SessionSettings{.cache_ttl = std::chrono::seconds(60)});
    SignedIn s = cached.SignIn("anna", kPassword, "r1");
    auto first = cached.Find(s.token, "r2");
    ASSERT_TRUE(first);
    {
        // Removed behind the service's back: the cached entry still answers within its time to live.
        db::Lease c = db().Acquire(db::Access::kWrite);
        c->Query("DELETE FROM sessions WHERE token_hash = $1", {first->token_hash});
    }
    auto second = cached.Find(s.token, "r3");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->actor.request_id, "r3");
    cached.SignOut(*second);
    EXPECT_FALSE(cached.Find(s.token, "r4").has_value());
}

TEST_F(SessionServiceDbTest, AnExpiredSessionIsGone) {
    SignedIn s = sessions_->SignIn("anna", kPassword, "r1");
    {
        db::Lease c = db().Acquire(db::Access::kWrite);
        c->Query("UPDATE sessions SET expires_at = $1", {"2020-01-01T00:00:00.000Z"});
    }
    EXPECT_FALSE(sessions_->Find(s.token, "r2").has_value());
}

TEST_F(SessionServiceDbTest, DisablingAUserEndsTheirSessionsAndRefusesSignIn) {
    SignedIn s = sessions_->SignIn("anna", kPassword, "r1");
    UserService(db()).SetDisabled(Actor::System("test"), "anna", true);
    EXPECT_FALSE(sessions_->Find(s.token, "r2").has_value());
    EXPECT_THROW(sessions_->SignIn("anna", kPassword, "r3"), UnauthenticatedError);
}

TEST_F(SessionServiceDbTest, ANewPasswordWorksAndTheOldDoesNot) {
    UserService(db()).SetPassword(Actor::System("test"), "anna", "Ett-helt-nytt-lösen-2026");
    EXPECT_THROW(sessions_->SignIn("anna", kPassword, "r"), UnauthenticatedError);
    EXPECT_NO_THROW(sessions_->SignIn("anna", "Ett-helt-nytt-lösen-2026", "r"));
}

TEST_F(SessionServiceDbTest, UserAdminRefusesBadInputAndChangesNothing) {
    UserService users(db());
    EXPECT_THROW(users.Add(Actor::System("t"), {"anna", "Dubblett", kPassword, {}, {}}), ConflictError);
    EXPECT_THROW(users.Add(Actor::System("t"), {"bo", "Bo", "kort", {}, {}}), ValidationError);
    EXPECT_THROW(users.Add(Actor::System("t"), {"bad name!", "X", kPassword, {}, {}}), ValidationError);
    EXPECT_THROW(users.SetPassword(Actor::System("t"), "nobody", "Ett-helt-nytt-lösen-2026"), NotFoundError);
    EXPECT_EQ(users.List().size(), 1u);
}

}  // namespace
}  // namespace samverkan::auth
