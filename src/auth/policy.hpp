#pragma once
// The one place that answers "may this actor do this to that record?". Deny by default: an action
// with no rule, or whose rules all decline, is refused. Every handler asks through Authorizer.
//
// A rule sees the actor and a Resource that the service filled in: the record's organisation and
// area with their ancestors, and named relations (e.g. "case_team" = user ids, "consented_parties").
// Relations used today: "group_members" = user ids of the members of the record's group;
// "local_group_members" = members of the local group of the record's district; "measure_owners" =
// users with a membership in one of a measure's owner organisations.
// A later rule such as "member of this case team while consent covers their party" is one more
// entry in the rule table that reads those relations; nothing else changes.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/actor.hpp"

namespace samverkan::auth {

enum class Action {
    kReadOwnProfile,
    kReadOrganisations,
    kCreateOrganisation,
    kReadAreas,
    kReadAudit,
    kReadAgreements,
    kEditAgreement,  // create, edit drafts, move status, make versions
    kReadGovernance,
    kManageGroups,             // groups, members, committees, delegation rules
    kRecordGroupWork,          // meetings, decisions, consultations, dialogue of one group
    kRecordEscalationOutcome,  // the named body's answer to an escalated decision
    kOverrideConsultation,     // finalise a major decision despite a late or missing consultation
    kRecordFeedback,           // a committee's feedback on a report back
    // The situation picture (EST).
    kReportIncident,         // file an incident report (or import rows) for an area
    kSubmitIncidents,        // file or import incidents at all (each report still checked with kReportIncident)
    kReadSituationPicture,   // counts, trends and hotspots of an area
    kReadIncidentText,       // individual reports with their free text
    kEditSituationNote,      // the local group's analysis and focus for the coming week
    kManageSituationSetup,   // categories, places, police type mappings, reporting duties, survey data
    kReadSituationSetup,     // the taxonomy, places, police type mappings, one's own reporting duty
    // Action plans.
    kReadPlans,      // plans, roll-ups, citizen promises
    kEditPlan,       // a plan's problems, priorities, goals, indicators and measures; the area's promises
    kUpdateMeasure,  // one measure's fields, status, follow-ups and hand-entered indicator values
    kCommentPlan,    // comments on a plan or a measure
};
std::string_view ActionName(Action action);

struct Resource {
    std::string type;  // "organisation", "area", "user", ...
    std::optional<std::string> id;
    // The record's organisation and area, each followed by its ancestors (nearest first).
    std::vector<OrganisationId> organisations;
    std::vector<AreaId> areas;
    std::map<std::string, std::vector<std::string>> relations;
    // The record belongs to an area and to no organisation (a situation picture): a grant's
    // organisation scope does not apply to it, only its area scope.
    bool area_only = false;
};

struct Decision {
    bool allowed = false;
    std::string reason;
};

class Policy {
public:
    using Rule = std::function<std::optional<Decision>(const Actor&, const Resource&)>;
    Policy();
    Decision Decide(const Actor& actor, Action action, const Resource& resource) const;

private:
    std::map<Action, std::vector<Rule>> rules_;
};

// True when the grant's scope covers the resource: each axis the grant narrows must match the
// resource's record or one of its ancestors.
bool GrantCovers(const Grant& grant, const Resource& resource);

}  // namespace samverkan::auth
