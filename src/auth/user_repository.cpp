#include "auth/user_repository.hpp"

#include "common/random.hpp"
#include "common/time.hpp"

namespace samverkan::auth {
namespace {
UserRecord FromRow(const db::Result& r, std::size_t i) {
    UserRecord u;
    u.id = r.text(i, "id");
    u.username = r.text(i, "username");
    u.display_name = r.text(i, "display_name");
    u.password_hash = r.text(i, "password_hash");
    u.disabled = r.integer(i, "disabled") != 0;
    u.failed_logins = static_cast<int>(r.integer(i, "failed_logins"));
    u.locked_until = r.at(i, "locked_until");
    return u;
}
constexpr const char* kUserColumns =
    "SELECT id, username, display_name, password_hash, disabled, failed_logins, locked_until FROM users ";
}  // namespace

std::optional<UserRecord> UserRepository::FindByUsername(db::Connection& c, const std::string& username) {
    db::Result r = c.Query(std::string(kUserColumns) + "WHERE username = $1", {username});
    if (r.empty()) return std::nullopt;
    return FromRow(r, 0);
}

std::vector<UserRecord> UserRepository::List(db::Connection& c) {
    db::Result r = c.Query(std::string(kUserColumns) + "ORDER BY username");
    std::vector<UserRecord> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(FromRow(r, i));
    return out;
}

void UserRepository::Insert(db::Connection& c, const UserRecord& u) {
    std::string now = c.clock().NowUtc();
    c.Query("INSERT INTO users (id, username, display_name, password_hash, disabled, created_at, password_changed_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $6)",
            {u.id, u.username, u.display_name, u.password_hash, u.disabled ? "1" : "0", now});
}

void UserRepository::SetPasswordHash(db::Connection& c, const std::string& user_id, const std::string& hash) {
    c.Query("UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = NULL "
            "WHERE id = $1",
            {user_id, hash, c.clock().NowUtc()});
}

void UserRepository::SetDisabled(db::Connection& c, const std::string& user_id, bool disabled) {
    c.Query("UPDATE users SET disabled = $2 WHERE id = $1", {user_id, disabled ? "1" : "0"});
}

void UserRepository::RecordFailure(db::Connection& c, const std::string& user_id, int failed_logins,
                                   const std::optional<std::string>& locked_until) {
    c.Query("UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1",
            {user_id, std::to_string(failed_logins), locked_until});
}

void UserRepository::ResetFailures(db::Connection& c, const std::string& user_id) {
    c.Query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND failed_logins <> 0", {user_id});
}

void UserRepository::AddGrant(db::Connection& c, const std::string& user_id, Role role,
                              const std::optional<std::string>& organisation_id,
                              const std::optional<std::string>& area_id) {
    c.Query("INSERT INTO grants (id, user_id, role, organisation_id, area_id) VALUES ($1, $2, $3, $4, $5)",
            {NewUuid(), user_id, std::string(RoleName(role)), organisation_id, area_id});
}

void UserRepository::AddMembership(db::Connection& c, const std::string& user_id, const std::string& organisation_id) {
    c.Query("INSERT INTO memberships (user_id, organisation_id) VALUES ($1, $2)", {user_id, organisation_id});
}

Actor UserRepository::LoadActor(db::Connection& c, const std::string& user_id) {
    Actor a;
    db::Result u = c.Query("SELECT id, username, display_name FROM users WHERE id = $1", {user_id});
    if (u.empty()) return a;
    a.id = UserId(u.text(0, "id"));
    a.username = u.text(0, "username");
    a.display_name = u.text(0, "display_name");
    db::Result g = c.Query("SELECT role, organisation_id, area_id FROM grants WHERE user_id = $1 ORDER BY role", {user_id});
    for (std::size_t i = 0; i < g.size(); ++i) {
        auto role = ParseRole(g.text(i, "role"));
        if (!role) continue;
        Grant grant{*role, std::nullopt, std::nullopt};
        if (auto o = g.at(i, "organisation_id")) grant.organisation = OrganisationId(*o);
        if (auto ar = g.at(i, "area_id")) grant.area = AreaId(*ar);
        a.grants.push_back(grant);
    }
    db::Result m = c.Query("SELECT organisation_id FROM memberships WHERE user_id = $1", {user_id});
    for (std::size_t i = 0; i < m.size(); ++i) a.organisations.emplace_back(m.text(i, "organisation_id"));
    return a;
}

}  // namespace samverkan::auth
