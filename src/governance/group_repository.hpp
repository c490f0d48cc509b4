#pragma once
// SQL for groups, their members, committees and delegation rules.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "governance/group.hpp"
#include "governance/mandate.hpp"

namespace samverkan::governance {

class GroupRepository {
public:
    static std::vector<Group> LoadAll(db::Connection& c);
    static std::optional<Group> Load(db::Connection& c, const std::string& id);
    static void Insert(db::Connection& c, const Group& g);
    static void InsertMember(db::Connection& c, const std::string& group_id, const GroupMember& m);
    // False when no such member of that group.
    static bool DeleteMember(db::Connection& c, const std::string& group_id, const std::string& member_id);
    static std::vector<DelegationRule> Rules(db::Connection& c, const std::string& group_id);
    static void InsertRule(db::Connection& c, const DelegationRule& r);
    static std::vector<OrganisationFacts> Organisations(db::Connection& c);
};

}  // namespace samverkan::governance
