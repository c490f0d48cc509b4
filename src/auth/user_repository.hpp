#pragma once
// SQL for users, their grants and memberships, and sessions. No rules here.
#include <optional>
#include <string>
#include <vector>

#include "auth/actor.hpp"
#include "db/database.hpp"

namespace samverkan::auth {

struct UserRecord {
    std::string id, username, display_name, password_hash;
    bool disabled = false;
    int failed_logins = 0;
    std::optional<std::string> locked_until;
};

class UserRepository {
public:
    static std::optional<UserRecord> FindByUsername(db::Connection& c, const std::string& username);
    static std::vector<UserRecord> List(db::Connection& c);
    static void Insert(db::Connection& c, const UserRecord& u);
    static void SetPasswordHash(db::Connection& c, const std::string& user_id, const std::string& hash);
    static void SetDisabled(db::Connection& c, const std::string& user_id, bool disabled);
    static void RecordFailure(db::Connection& c, const std::string& user_id, int failed_logins,
                              const std::optional<std::string>& locked_until);
    static void ResetFailures(db::Connection& c, const std::string& user_id);
    static void AddGrant(db::Connection& c, const std::string& user_id, Role role,
                         const std::optional<std::string>& organisation_id, const std::optional<std::string>& area_id);
    static void AddMembership(db::Connection& c, const std::string& user_id, const std::string& organisation_id);
    // The actor for a user: identity, grants and memberships.
    static Actor LoadActor(db::Connection& c, const std::string& user_id);
};

}  // namespace samverkan::auth
