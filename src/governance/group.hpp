#pragma once
// Cooperation groups: the steering group, local groups per district and thematic groups, with
// members drawn from organisations, and the composition rules the city's majority asks for.
#include <optional>
#include <string>
#include <vector>

namespace samverkan::governance {

struct GroupMember {
    std::string id;
    std::string name;
    std::string organisation_id;
    std::string role;  // chair, secretary, member, substitute
    std::optional<std::string> user_id;
};

struct Group {
    std::string id;
    std::string name;
    std::string kind;  // steering, local, thematic
    std::optional<std::string> district_id;
    std::optional<std::string> parent_group_id;
    std::string cadence;  // weekly, biweekly, monthly, quarterly, tertial, yearly
    std::vector<GroupMember> members;
    std::vector<std::string> committee_ids;  // the committees and companies it represents and reports to
};

// What the composition rules need to know of an organisation.
struct OrganisationFacts {
    std::string id;
    std::string name;
    std::string kind;
    std::string party;  // city, police, external
};

// The reasons a group breaks a composition rule (empty: it complies). Rules: both parties are
// represented among the members; the steering group has a member from every district committee.
// Substitutes do not count as representation.
std::vector<std::string> CompositionProblems(const Group& group, const std::vector<OrganisationFacts>& organisations);

// The longest expected gap between meetings for a cadence, in days (weekly 7, monthly 31, ...).
int CadenceDays(const std::string& cadence);
bool IsCadence(const std::string& cadence);

}  // namespace samverkan::governance
