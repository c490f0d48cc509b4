#include "auth/session_service.hpp"

#include <date/date.h>

#include <sstream>

#include "audit/audit_log.hpp"
#include "auth/password.hpp"
#include "auth/user_repository.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"

namespace samverkan::auth {
namespace {

using SysClock = std::chrono::system_clock;

std::optional<SysClock::time_point> ParseUtc(const std::optional<std::string>& s) {
    if (!s || s->empty()) return std::nullopt;
    std::istringstream in(*s);
    date::sys_time<std::chrono::milliseconds> t;
    in >> date::parse("%FT%TZ", t);
    if (in.fail()) return std::nullopt;
    return t;
}

// A real argon2id hash of a random password: verifying against it costs the same as a real account,
// so response time does not reveal whether a username exists.
const std::string& DummyHash() {
    static const std::string hash = HashPassword(RandomToken(16));
    return hash;
}

}  // namespace

SignedIn SessionService::SignIn(const std::string& username, const std::string& password,
                                const std::string& request_id) {
    std::optional<UserRecord> user;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        user = UserRepository::FindByUsername(*c, username);
    }
    auto now = db_.clock().Now();
    auto audit_failure = [&](const std::string& reason) {
        audit::AppendAlone(db_, {user ? std::optional(user->id) : std::nullopt, username, request_id,
                                 "session.create", "session", std::nullopt, "failure", {{"reason", reason}}});
    };
    std::optional<SysClock::time_point> locked;
    if (user) {
        locked = ParseUtc(user->locked_until);
    } else {
        std::lock_guard lock(unknown_mu_);
        if (auto it = unknown_.find(username); it != unknown_.end()) locked = it->second.locked_until;
    }
    if (locked && *locked > now) {
        audit_failure("temporarily locked after repeated failures");
        int secs = static_cast<int>(std::chrono::ceil<std::chrono::seconds>(*locked - now).count());
        throw TooManyRequestsError("Too many failed sign-ins. Try again in " + std::to_string(secs) + " seconds.", secs);
    }
    // Argon2 runs outside any transaction: it takes a while and must not hold the writer.
    bool password_ok = VerifyPassword(user ? user->password_hash : DummyHash(), password);
    if (!user || !password_ok || user->disabled) {
        if (user && !password_ok) {
            int failures = user->failed_logins + 1;
            std::optional<std::string> locked_until;
            if (auto lock = LockFor(failures)) locked_until = FormatUtc(now + *lock);
            db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
                UserRepository::RecordFailure(c, user->id, failures, locked_until);
                audit::Append(c, {user->id, username, request_id, "session.create", "session", std::nullopt, "failure",
                                  {{"reason", "wrong password"}, {"failed_logins", failures}}});
            });
        } else {
            if (!user) {
                std::lock_guard lock(unknown_mu_);
                if (unknown_.size() > 100000) unknown_.clear();  // a memory bound under a username spray
                UnknownFailures& f = unknown_[username];
                if (auto l = LockFor(++f.count)) f.locked_until = now + *l;
            }
            audit_failure(user ? "account disabled" : "unknown username");
        }
        throw UnauthenticatedError(ErrorCode("auth.wrong_credentials"), "Wrong username or password");
    }
    SignedIn out;
    out.token = RandomToken(32);
    out.csrf_token = RandomToken(32);
    std::string now_s = FormatUtc(now);
    std::string expires = FormatUtc(now + settings_.idle_timeout);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        UserRepository::ResetFailures(c, user->id);
        // Expired sessions are swept here rather than by a timer: sign-ins are rare enough to be cheap.
        c.Query("DELETE FROM sessions WHERE expires_at < $1", {now_s});
        c.Query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) "
                "VALUES ($1, $2, $3, $4, $5, $4)",
                {Sha256Hex(out.token), user->id, out.csrf_token, now_s, expires});
        audit::Append(c, {user->id, username, request_id, "session.create", "session", std::nullopt, "success", {}});
        out.actor = UserRepository::LoadActor(c, user->id);
    });
    out.actor.request_id = request_id;
    return out;
}

std::optional<std::chrono::seconds> SessionService::LockFor(int failures) const {
    if (failures < settings_.failures_before_lock) return std::nullopt;
    int doublings = std::min(failures - settings_.failures_before_lock, 10);
    return std::min(settings_.first_lock * (1 << doublings), settings_.max_lock);
}

std::optional<SessionView> SessionService::Find(const std::string& token, const std::string& request_id) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    std::string hash = Sha256Hex(token);
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(cache_mu_);
        if (auto it = cache_.find(hash); it != cache_.end()) {
            if (now - it->second.fetched < settings_.cache_ttl) {
                SessionView v = it->second.view;
                v.actor.request_id = request_id;
                return v;
            }
            cache_.erase(it);
        }
    }
    auto view = Load(hash, request_id);
    if (view) {
        std::lock_guard lock(cache_mu_);
        if (cache_.size() > 10000) cache_.clear();  // a bound, not a policy: entries live seconds
        cache_[hash] = {*view, now};
    }
    return view;
}

std::optional<SessionView> SessionService::Load(const std::string& hash, const std::string& request_id) {
    auto now = db_.clock().Now();
    std::string now_s = FormatUtc(now);
    SessionView view;
    std::string last_seen;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        db::Result r = c->Query(
            "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
            {hash, now_s});
        if (r.empty()) return std::nullopt;
        auto created = ParseUtc(r.at(0, "created_at"));
        if (!created || now - *created > settings_.absolute_timeout) return std::nullopt;
        view.actor = UserRepository::LoadActor(*c, r.text(0, "user_id"));
        view.csrf_token = r.text(0, "csrf_token");
        last_seen = r.text(0, "last_seen_at");
    }
    view.token_hash = hash;
    view.actor.request_id = request_id;
    // Slide the idle expiry at most once a minute, so that reads do not turn into writes.
    if (auto seen = ParseUtc(last_seen); !seen || now - *seen > std::chrono::minutes(1)) {
        db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
            c.Query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1",
                    {hash, now_s, FormatUtc(now + settings_.idle_timeout)});
        });
    }
    return view;
}

void SessionService::SignOut(const SessionView& session) {
    {
        std::lock_guard lock(cache_mu_);
        cache_.erase(session.token_hash);
    }
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.Query("DELETE FROM sessions WHERE token_hash = $1", {session.token_hash});
        audit::Append(c, audit::ByActor(session.actor, "session.delete", "session", std::nullopt));
    });
}

}  // namespace samverkan::auth
