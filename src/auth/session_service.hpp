#pragma once
// Sign-in, session look-up and sign-out, with login throttling.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/actor.hpp"
#include "db/database.hpp"

namespace samverkan::auth {

struct SessionSettings {
    std::chrono::minutes idle_timeout{60};
    std::chrono::hours absolute_timeout{12};
    // How long a looked-up session is trusted without asking the database again. Sign-out on this
    // instance takes effect at once; a sign-out, disabling or password change made elsewhere (another
    // instance, the CLI) within this time.
    std::chrono::seconds cache_ttl{5};
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
    struct Cached {
        SessionView view;
        std::chrono::steady_clock::time_point fetched;
    };
    std::optional<SessionView> Load(const std::string& hash, const std::string& request_id);
    // The lock after `failures` consecutive failures, or nothing below the threshold.
    std::optional<std::chrono::seconds> LockFor(int failures) const;

    db::Database& db_;
    SessionSettings settings_;
    std::mutex cache_mu_;
    std::unordered_map<std::string, Cached> cache_;  // token hash -> session
    // Failures for usernames that do not exist, throttled like real accounts so that a 429 does not
    // reveal which usernames exist. In memory: there is no row to count them in.
    struct UnknownFailures {
        int count = 0;
        std::chrono::system_clock::time_point locked_until;
    };
    std::mutex unknown_mu_;
    std::unordered_map<std::string, UnknownFailures> unknown_;
};

}  // namespace samverkan::auth
