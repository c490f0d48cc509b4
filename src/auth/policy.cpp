#include "auth/policy.hpp"

#include <algorithm>

namespace samverkan::auth {
namespace {

// Allows when the actor holds one of `roles` with a scope covering the resource.
Policy::Rule AnyScopedRole(std::vector<Role> roles) {
    return [roles](const Actor& actor, const Resource& res) -> std::optional<Decision> {
        for (const Grant& g : actor.grants) {
            if (std::find(roles.begin(), roles.end(), g.role) == roles.end()) continue;
            if (GrantCovers(g, res)) return Decision{true, "role " + std::string(RoleName(g.role))};
        }
        return std::nullopt;
    };
}

Policy::Rule AnySignedIn() {
    return [](const Actor& actor, const Resource&) -> std::optional<Decision> {
        if (actor.authenticated()) return Decision{true, "signed in"};
        return std::nullopt;
    };
}

}  // namespace

std::string_view ActionName(Action action) {
    switch (action) {
        case Action::kReadOwnProfile: return "profile.read";
        case Action::kReadOrganisations: return "organisation.read";
        case Action::kCreateOrganisation: return "organisation.create";
        case Action::kReadAreas: return "area.read";
        case Action::kReadAudit: return "audit.read";
        case Action::kReadAgreements: return "agreement.read";
        case Action::kEditAgreement: return "agreement.edit";
    }
    return "unknown";
}

bool GrantCovers(const Grant& grant, const Resource& res) {
    if (grant.organisation &&
        std::find(res.organisations.begin(), res.organisations.end(), *grant.organisation) == res.organisations.end())
        return false;
    if (grant.area && std::find(res.areas.begin(), res.areas.end(), *grant.area) == res.areas.end()) return false;
    return true;
}

Policy::Policy() {
    // The organisation and area registers are shared reference data for every signed-in person.
    rules_[Action::kReadOwnProfile] = {AnySignedIn()};
    rules_[Action::kReadOrganisations] = {AnySignedIn()};
    rules_[Action::kReadAreas] = {AnySignedIn()};
    // Organisations are created by an administrator, or a coordinator within their own organisation tree.
    rules_[Action::kCreateOrganisation] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator})};
    rules_[Action::kReadAudit] = {AnyScopedRole({Role::kAdministrator})};
    // Governance records are open to everyone signed in (politicians included: the political
    // anchoring depends on it); coordinators shape them, a district coordinator only their district's.
    rules_[Action::kReadAgreements] = {AnySignedIn()};
    rules_[Action::kEditAgreement] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator})};
}

Decision Policy::Decide(const Actor& actor, Action action, const Resource& resource) const {
    auto it = rules_.find(action);
    if (it == rules_.end()) return {false, "no rule permits " + std::string(ActionName(action))};
    for (const Rule& rule : it->second)
        if (auto d = rule(actor, resource)) return *d;
    return {false, actor.authenticated() ? "Your roles do not permit " + std::string(ActionName(action)) + " on this " +
                                               resource.type + "."
                                         : "sign-in required"};
}

}  // namespace samverkan::auth
