// samverkan user add|list|disable|enable|set-password: user accounts, administered by the system.
#include <iostream>

#include "auth/actor.hpp"
#include "auth/user_service.hpp"
#include "cli/commands.hpp"

namespace samverkan::cli {
namespace {

// A password from standard input (one line), so that it never appears in the process list or shell history.
std::string ReadPassword() {
    std::string p;
    std::getline(std::cin, p);
    if (!p.empty() && p.back() == '\r') p.pop_back();
    return p;
}

// ROLE, ROLE@ORG_ID or ROLE@area:AREA_ID.
auth::Grant ParseGrant(const std::string& text) {
    auto at = text.find('@');
    std::string role = text.substr(0, at);
    auto r = auth::ParseRole(role);
    if (!r) throw UsageError("--role: unknown role '" + role + "'; one of " + RoleNames());
    auth::Grant g{*r, std::nullopt, std::nullopt};
    if (at != std::string::npos) {
        std::string scope = text.substr(at + 1);
        if (scope.rfind("area:", 0) == 0)
            g.area = AreaId(scope.substr(5));
        else
            g.organisation = OrganisationId(scope);
    }
    return g;
}

int SetDisabled(const Invocation& call, bool disabled) {
    const std::string& username = call.flags.positional()[0];
    auto db = call.OpenMigratedDatabase();
    auth::UserService(*db).SetDisabled(auth::Actor::System("cli"), username, disabled);
    std::cout << username << (disabled ? " disabled\n" : " enabled\n");
    return 0;
}

}  // namespace

std::string RoleNames() {
    std::string out;
    // Role's enumerators run from kAdministrator to kCaseWorker without gaps.
    for (int r = static_cast<int>(auth::Role::kAdministrator); r <= static_cast<int>(auth::Role::kCaseWorker); ++r)
        out += (out.empty() ? "" : ", ") + std::string(auth::RoleName(static_cast<auth::Role>(r)));
    return out;
}

int UserAdd(const Invocation& call) {
    const std::string& username = call.flags.positional()[0];
    auth::NewUser u{username, call.flags.Text("name", username), "", {}, {}};
    u.organisation_ids = call.flags.All("org");
    for (const std::string& role : call.flags.All("role")) u.grants.push_back(ParseGrant(role));
    u.password = ReadPassword();
    auto db = call.OpenMigratedDatabase();
    std::string id = auth::UserService(*db).Add(auth::Actor::System("cli"), u);
    std::cout << "user " << username << " created with id " << id << "\n";
    return 0;
}

int UserList(const Invocation& call) {
    auto db = call.OpenMigratedDatabase();
    for (const auto& u : auth::UserService(*db).List())
        std::cout << u.username << "\t" << u.display_name << (u.disabled ? "\t(disabled)" : "") << "\n";
    return 0;
}

int UserDisable(const Invocation& call) { return SetDisabled(call, true); }
int UserEnable(const Invocation& call) { return SetDisabled(call, false); }

int UserSetPassword(const Invocation& call) {
    const std::string& username = call.flags.positional()[0];
    auto db = call.OpenMigratedDatabase();
    auth::UserService(*db).SetPassword(auth::Actor::System("cli"), username, ReadPassword());
    std::cout << "password changed for " << username << "\n";
    return 0;
}

}  // namespace samverkan::cli
