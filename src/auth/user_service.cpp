#include "auth/user_service.hpp"

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "auth/password.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"

namespace samverkan::auth {
namespace {
void ValidateUsername(const std::string& u) {
    if (u.size() < 2 || u.size() > 64) throw ValidationError("username must be 2 to 64 characters", "username");
    for (char c : u)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'))
            throw ValidationError("username may hold only a-z, 0-9, '.', '-' and '_'", "username");
}
}  // namespace

std::string UserService::Add(const Actor& actor, const NewUser& user) {
    ValidateUsername(user.username);
    if (user.display_name.empty() || user.display_name.size() > 200)
        throw ValidationError("display name must be 1 to 200 characters", "display_name");
    if (auto why = CheckPasswordPolicy(user.password, user.username)) throw ValidationError(*why, "password");
    UserRecord rec;
    rec.id = NewUuid();
    rec.username = user.username;
    rec.display_name = user.display_name;
    rec.password_hash = HashPassword(user.password);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (UserRepository::FindByUsername(c, user.username))
            throw ConflictError("a user named " + user.username + " already exists");
        // Scopes and memberships must name real records; say which, rather than fail on a foreign key.
        for (std::size_t i = 0; i < user.grants.size(); ++i) {
            const Grant& g = user.grants[i];
            if (g.organisation && c.Query("SELECT id FROM organisations WHERE id = $1", {g.organisation->str()}).empty())
                throw ValidationError("No organisation with id " + g.organisation->str() + " (use ROLE@area:ID for an area).",
                                      "grants[" + std::to_string(i) + "]");
            if (g.area && c.Query("SELECT id FROM areas WHERE id = $1", {g.area->str()}).empty())
                throw ValidationError("No area with id " + g.area->str() + ".", "grants[" + std::to_string(i) + "]");
        }
        for (const auto& org : user.organisation_ids)
            if (c.Query("SELECT id FROM organisations WHERE id = $1", {org}).empty())
                throw ValidationError("No organisation with id " + org + ".", "organisation_ids");
        UserRepository::Insert(c, rec);
        boost::json::array grants;
        for (const Grant& g : user.grants) {
            UserRepository::AddGrant(c, rec.id, g.role, g.organisation ? std::optional(g.organisation->str()) : std::nullopt,
                                     g.area ? std::optional(g.area->str()) : std::nullopt);
            grants.push_back({{"role", RoleName(g.role)},
                              {"organisation_id", g.organisation ? boost::json::value(g.organisation->str()) : nullptr},
                              {"area_id", g.area ? boost::json::value(g.area->str()) : nullptr}});
        }
        for (const auto& org : user.organisation_ids) UserRepository::AddMembership(c, rec.id, org);
        audit::Append(c, audit::ByActor(actor, "user.create", "user", rec.id,
                                        {{"username", rec.username}, {"display_name", rec.display_name}, {"grants", grants}}));
    });
    return rec.id;
}

std::vector<UserRecord> UserService::List() {
    db::Lease c = db_.Acquire(db::Access::kRead);
    return UserRepository::List(*c);
}

UserRecord UserService::Require(db::Connection& c, const std::string& username) {
    auto u = UserRepository::FindByUsername(c, username);
    if (!u) throw NotFoundError("no user named " + username);
    return *u;
}

void UserService::SetDisabled(const Actor& actor, const std::string& username, bool disabled) {
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        UserRecord u = Require(c, username);
        UserRepository::SetDisabled(c, u.id, disabled);
        // A disabled account loses its sessions at once.
        if (disabled) c.Query("DELETE FROM sessions WHERE user_id = $1", {u.id});
        audit::Append(c, audit::ByActor(actor, disabled ? "user.disable" : "user.enable", "user", u.id, {{"username", username}}));
    });
}

void UserService::SetPassword(const Actor& actor, const std::string& username, const std::string& password) {
    if (auto why = CheckPasswordPolicy(password, username)) throw ValidationError(*why, "password");
    std::string hash = HashPassword(password);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        UserRecord u = Require(c, username);
        UserRepository::SetPasswordHash(c, u.id, hash);
        c.Query("DELETE FROM sessions WHERE user_id = $1", {u.id});
        // The detail records that the password changed, never the password or its hash.
        audit::Append(c, audit::ByActor(actor, "user.set_password", "user", u.id, {{"username", username}}));
    });
}

}  // namespace samverkan::auth
