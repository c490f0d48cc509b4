#pragma once
// Who is asking: the signed-in user with their role grants, or an anonymous visitor.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/who.hpp"
#include "common/strong_id.hpp"

namespace samverkan::auth {

enum class Role { kAdministrator, kCoordinator, kGroupMember, kIncidentReporter, kPolitician, kCaseWorker };

std::string_view RoleName(Role role);
// Parses a role's code name ("group_member"); empty for an unknown name.
std::optional<Role> ParseRole(std::string_view name);

// One role, narrowed to an organisation and/or an area. An empty scope is not narrowed on that axis.
struct Grant {
    Role role;
    std::optional<OrganisationId> organisation;
    std::optional<AreaId> area;
};

struct Actor {
    UserId id;
    std::string username;
    std::string display_name;
    std::vector<Grant> grants;
    std::vector<OrganisationId> organisations;  // memberships
    std::string request_id;

    bool authenticated() const { return !id.empty(); }
    // As the audit log names an actor.
    operator audit::Who() const {  // NOLINT(google-explicit-constructor): audit::ByActor(actor, ...) everywhere
        return {id.empty() ? std::nullopt : std::optional<std::string>(id.str()), username, request_id};
    }
    bool HasRole(Role role) const;
    static Actor Anonymous(std::string request_id) {
        Actor a;
        a.username = "anonymous";
        a.request_id = std::move(request_id);
        return a;
    }
    static Actor System(std::string what) {
        Actor a;
        a.username = "system:" + what;
        a.request_id = "cli";
        return a;
    }
};

}  // namespace samverkan::auth
