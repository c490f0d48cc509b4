#include "auth/actor.hpp"

#include <array>

namespace samverkan::auth {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 6> kRoles{{
    {Role::kAdministrator, "administrator"},
    {Role::kCoordinator, "coordinator"},
    {Role::kGroupMember, "group_member"},
    {Role::kIncidentReporter, "incident_reporter"},
    {Role::kPolitician, "politician"},
    {Role::kCaseWorker, "case_worker"},
}};
}  // namespace

std::string_view RoleName(Role role) {
    for (auto& [r, name] : kRoles)
        if (r == role) return name;
    return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
    for (auto& [r, n] : kRoles)
        if (n == name) return r;
    return std::nullopt;
}

bool Actor::HasRole(Role role) const {
    for (const Grant& g : grants)
        if (g.role == role) return true;
    return false;
}

}  // namespace samverkan::auth
