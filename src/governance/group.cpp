#include "governance/group.hpp"

#include <map>
#include <set>

namespace samverkan::governance {

std::vector<std::string> CompositionProblems(const Group& g, const std::vector<OrganisationFacts>& orgs) {
    std::map<std::string, const OrganisationFacts*> by_id;
    for (const auto& o : orgs) by_id[o.id] = &o;
    std::set<std::string> represented;
    bool city = false, police = false;
    for (const GroupMember& m : g.members) {
        if (m.role == "substitute") continue;
        represented.insert(m.organisation_id);
        if (auto it = by_id.find(m.organisation_id); it != by_id.end()) {
            city = city || it->second->party == "city";
            police = police || it->second->party == "police";
        }
    }
    std::vector<std::string> out;
    if (!city && !police) out.push_back("Neither party is represented: the group needs members from the city and the police.");
    else if (!city) out.push_back("The city is not represented among the members.");
    else if (!police) out.push_back("The police are not represented among the members.");
    if (g.kind == "steering") {
        std::vector<std::string> missing;
        for (const auto& o : orgs)
            if (o.kind == "district_committee" && !represented.count(o.id)) missing.push_back(o.name);
        if (!missing.empty()) {
            std::string list;
            for (const auto& n : missing) list += (list.empty() ? "" : ", ") + n;
            out.push_back("Every district committee must be represented in the steering group; missing: " + list + ".");
        }
    }
    return out;
}

int CadenceDays(const std::string& c) {
    if (c == "weekly") return 7;
    if (c == "biweekly") return 14;
    if (c == "monthly") return 31;
    if (c == "quarterly") return 92;
    if (c == "tertial") return 123;
    return 366;
}

bool IsCadence(const std::string& c) {
    return c == "weekly" || c == "biweekly" || c == "monthly" || c == "quarterly" || c == "tertial" || c == "yearly";
}

}  // namespace samverkan::governance
