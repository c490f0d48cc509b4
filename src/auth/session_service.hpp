#pragma once
// Sign-in, session look-up and sign-out, with login throttling.
#include <chrono>
#include <optional>
#include <string>

#include "auth/actor.hpp"
#include "db/database.hpp"

namespace samverkan::auth {

struct SessionSettings {
    std::chrono::minutes idle_timeout{60};
    std::chrono::hours absolute_timeout{12};
    int failures_before_lock = 5;
    std::chrono::seconds first_lock{30};
    std::chrono::seconds max_lock{900};
};

struct SignedIn {
    std::string token;  // goes only into the Set-Cookie header, never into logs
    std::string csrf_token;
    Actor actor;
};

struct SessionView {
    Actor actor;
    std::string csrf_token;
    std::string token_hash;
};

class SessionService {
public:
    SessionService(db::Database& db, SessionSettings settings) : db_(db), settings_(settings) {}

    // Throws UnauthenticatedError for wrong credentials or a disabled account (one message for all,
    // so that it does not reveal which usernames exist) and TooManyRequestsError while throttled.
    SignedIn SignIn(const std::string& username, const std::string& password, const std::string& request_id);
    // The live session for a cookie token, or nothing for an unknown, expired or disabled one.
    std::optional<SessionView> Find(const std::string& token, const std::string& request_id);
    void SignOut(const SessionView& session);

private:
    db::Database& db_;
    SessionSettings settings_;
};

}  // namespace samverkan::auth
