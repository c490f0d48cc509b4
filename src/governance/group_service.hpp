#pragma once
#include <optional>
#include <string>
#include <vector>

#include "auth/authorizer.hpp"
#include "db/database.hpp"
#include "governance/decision.hpp"
#include "governance/group.hpp"
#include "governance/mandate.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::governance {

struct GroupView {
    Group group;
    std::vector<std::string> composition_problems;
    std::vector<DelegationRule> rules;
    std::vector<Meeting> meetings;
    std::vector<DialogueEntry> dialogue;
};

class GroupService {
public:
    GroupService(db::Database& db, const auth::Authorizer& authz, const org::AreaCatalog& areas)
        : db_(db), authz_(authz), areas_(areas) {}

    // Every group with its composition problems.
    std::vector<std::pair<Group, std::vector<std::string>>> List(const auth::Actor& actor);
    GroupView Get(const auth::Actor& actor, const std::string& id);
    GroupView Create(const auth::Actor& actor, Group group);
    GroupView AddMember(const auth::Actor& actor, const std::string& group_id, GroupMember member);
    GroupView RemoveMember(const auth::Actor& actor, const std::string& group_id, const std::string& member_id);
    // Throws ValidationError for a non-delegable matter type or an unknown area or body.
    GroupView AddRule(const auth::Actor& actor, const std::string& group_id, DelegationRule rule);
    GroupView AddDialogue(const auth::Actor& actor, const std::string& group_id, DialogueEntry entry);

    // A secret feed token for the actor's calendar subscription to the group's meetings.
    std::string CreateCalendarFeed(const auth::Actor& actor, const std::string& group_id);
    // The group of a live feed token, read as the user who made it (re-checked against the policy, so a
    // disabled user's or a revoked feed stops working). NotFound for an unknown or dead token.
    GroupView ReadCalendarFeed(const std::string& token, const std::string& request_id);

    // The resource the policy judges for a group: its district with ancestors and its members' user ids.
    auth::Resource ResourceFor(const Group& g) const;

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    Group RequireGroup(const std::string& id);
    GroupView View(db::Connection& c, const std::string& id);
    db::Database& db_;
    const auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
};

}  // namespace samverkan::governance
