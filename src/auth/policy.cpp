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

// Allows when the actor is named in the record's relation (e.g. a member of the record's group).
Policy::Rule InRelation(std::string relation, std::vector<Role> roles) {
    return [relation, roles](const Actor& actor, const Resource& res) -> std::optional<Decision> {
        auto it = res.relations.find(relation);
        if (it == res.relations.end() || !actor.authenticated()) return std::nullopt;
        if (std::find(it->second.begin(), it->second.end(), actor.id.str()) == it->second.end()) return std::nullopt;
        for (const Grant& g : actor.grants)
            if (std::find(roles.begin(), roles.end(), g.role) != roles.end())
                return Decision{true, "listed in " + relation + " with role " + std::string(RoleName(g.role))};
        return std::nullopt;
    };
}

// Allows when the actor holds one of `roles` with any scope: for "may do this kind of thing at all",
// where each record is then checked on its own (an import's rows against the reporter's areas).
Policy::Rule AnyRole(std::vector<Role> roles) {
    return [roles](const Actor& actor, const Resource&) -> std::optional<Decision> {
        for (const Grant& g : actor.grants)
            if (std::find(roles.begin(), roles.end(), g.role) != roles.end())
                return Decision{true, "holds role " + std::string(RoleName(g.role))};
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
        case Action::kReadGovernance: return "governance.read";
        case Action::kManageGroups: return "group.manage";
        case Action::kRecordGroupWork: return "group.record";
        case Action::kRecordEscalationOutcome: return "escalation.record_outcome";
        case Action::kOverrideConsultation: return "consultation.override";
        case Action::kRecordFeedback: return "report.feedback";
        case Action::kReportIncident: return "incident.report";
        case Action::kSubmitIncidents: return "incident.submit";
        case Action::kReadSituationPicture: return "situation_picture.read";
        case Action::kReadIncidentText: return "incident.read_text";
        case Action::kEditSituationNote: return "situation_note.edit";
        case Action::kManageSituationSetup: return "situation_setup.manage";
        case Action::kReadSituationSetup: return "situation_setup.read";
        case Action::kReadPlans: return "plan.read";
        case Action::kEditPlan: return "plan.edit";
        case Action::kUpdateMeasure: return "measure.update";
        case Action::kCommentPlan: return "plan.comment";
    }
    return "unknown";
}

bool GrantCovers(const Grant& grant, const Resource& res) {
    if (grant.organisation && !res.area_only &&
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
    rules_[Action::kReadGovernance] = {AnySignedIn()};
    rules_[Action::kManageGroups] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator})};
    // A group's own members record its meetings and decisions; coordinators may for any group in scope.
    rules_[Action::kRecordGroupWork] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator}),
                                        InRelation("group_members", {Role::kGroupMember})};
    rules_[Action::kRecordEscalationOutcome] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator})};
    rules_[Action::kOverrideConsultation] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator})};
    // Politicians read and give feedback: the committee's answer to a report back is theirs to record.
    rules_[Action::kRecordFeedback] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator, Role::kPolitician})};
    // The situation picture. Reporters file and see their own areas; members of a local group see
    // their group's areas ("group_members" = members of the groups covering the area); coordinators
    // see everything in scope; politicians see pictures but never individual free text.
    rules_[Action::kReportIncident] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator, Role::kIncidentReporter})};
    rules_[Action::kSubmitIncidents] = {AnyRole({Role::kAdministrator, Role::kCoordinator, Role::kIncidentReporter})};
    rules_[Action::kReadSituationPicture] = {
        AnyScopedRole({Role::kAdministrator, Role::kCoordinator, Role::kIncidentReporter, Role::kPolitician}),
        InRelation("group_members", {Role::kGroupMember})};
    rules_[Action::kReadIncidentText] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator, Role::kIncidentReporter}),
                                         InRelation("group_members", {Role::kGroupMember})};
    rules_[Action::kEditSituationNote] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator}),
                                          InRelation("group_members", {Role::kGroupMember})};
    rules_[Action::kManageSituationSetup] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator})};
    rules_[Action::kReadSituationSetup] = {AnySignedIn()};
    // Action plans are read by everyone signed in (they are published on the portal too). A district's
    // plan is edited by its local group and by coordinators whose scope covers the district; the
    // citywide plan only by coordinators of the whole city (its resource's area is the municipality).
    // A measure's owners (members of its owner organisations) keep their own measures up to date;
    // case workers are left out: their role is the early-intervention cases, not the plans.
    // Politicians read and comment.
    rules_[Action::kReadPlans] = {AnySignedIn()};
    rules_[Action::kEditPlan] = {AnyScopedRole({Role::kAdministrator, Role::kCoordinator}),
                                 InRelation("local_group_members", {Role::kGroupMember})};
    rules_[Action::kUpdateMeasure] = {
        AnyScopedRole({Role::kAdministrator, Role::kCoordinator}), InRelation("local_group_members", {Role::kGroupMember}),
        InRelation("measure_owners", {Role::kCoordinator, Role::kGroupMember, Role::kIncidentReporter})};
    // Any coordinator comments on any plan (a district's coordinator on the citywide plan too).
    rules_[Action::kCommentPlan] = {AnyRole({Role::kAdministrator, Role::kCoordinator, Role::kPolitician}),
                                    InRelation("local_group_members", {Role::kGroupMember})};
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
