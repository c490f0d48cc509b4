#pragma once
// Account administration, used by `samverkan user ...` and the demo loader. Every change is audited.
#include <optional>
#include <string>
#include <vector>

#include "auth/actor.hpp"
#include "auth/user_repository.hpp"
#include "db/database.hpp"

namespace samverkan::auth {

struct NewUser {
    std::string username;
    std::string display_name;
    std::string password;
    std::vector<Grant> grants;
    std::vector<std::string> organisation_ids;
};

class UserService {
public:
    explicit UserService(db::Database& db) : db_(db) {}
    // Throws ValidationError (bad username, password policy) or ConflictError (username taken).
    std::string Add(const Actor& actor, const NewUser& user);
    std::vector<UserRecord> List();
    void SetDisabled(const Actor& actor, const std::string& username, bool disabled);
    void SetPassword(const Actor& actor, const std::string& username, const std::string& password);

private:
    UserRecord Require(db::Connection& c, const std::string& username);
    db::Database& db_;
};

}  // namespace samverkan::auth
