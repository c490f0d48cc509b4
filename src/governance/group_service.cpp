#include "governance/group_service.hpp"

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "governance/decision_repository.hpp"
#include "governance/group_repository.hpp"
#include "auth/user_repository.hpp"
#include "org/organisation_repository.hpp"

namespace samverkan::governance {

auth::Resource GroupService::ResourceFor(const Group& g) const {
    auth::Resource r{"group", g.id};
    if (g.district_id)
        for (auto& id : areas_.WithAncestors(*g.district_id, db_.clock().TodayStockholm())) r.areas.emplace_back(id);
    // The group's own organisation is the first body it reports to: a coordinator scoped to Järva's
    // district committee administers the Järva group, but not the steering group that merely also
    // reports to that committee.
    if (!g.committee_ids.empty()) r.organisations.emplace_back(g.committee_ids.front());
    auto& members = r.relations["group_members"];
    for (const auto& m : g.members)
        if (m.user_id) members.push_back(*m.user_id);
    return r;
}

Group GroupService::RequireGroup(const std::string& id) {
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto g = GroupRepository::Load(*c, id);
    if (!g) throw NotFoundError("No group with id " + id + ".");
    return *g;
}

GroupView GroupService::View(db::Connection& c, const std::string& id) {
    GroupView v;
    auto g = GroupRepository::Load(c, id);
    if (!g) throw NotFoundError("No group with id " + id + ".");
    v.group = std::move(*g);
    v.composition_problems = CompositionProblems(v.group, GroupRepository::Organisations(c));
    v.rules = GroupRepository::Rules(c, id);
    v.meetings = DecisionRepository::Meetings(c, id);
    v.dialogue = DecisionRepository::Dialogue(c, id);
    return v;
}

std::vector<std::pair<Group, std::vector<std::string>>> GroupService::List(const auth::Actor& actor) {
    authz_.Require(actor, auth::Action::kReadGovernance, {"group"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto orgs = GroupRepository::Organisations(*c);
    std::vector<std::pair<Group, std::vector<std::string>>> out;
    for (Group& g : GroupRepository::LoadAll(*c)) {
        auto problems = CompositionProblems(g, orgs);
        out.emplace_back(std::move(g), std::move(problems));
    }
    return out;
}

GroupView GroupService::Get(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadGovernance, {"group", id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return View(*c, id);
}

GroupView GroupService::Create(const auth::Actor& actor, Group g) {
    if (g.name.empty() || g.name.size() > 200) throw ValidationError("name must be 1 to 200 bytes", "name");
    if (g.kind != "steering" && g.kind != "local" && g.kind != "thematic")
        throw ValidationError("kind must be steering, local or thematic", "kind");
    if (!IsCadence(g.cadence))
        throw ValidationError("cadence must be weekly, biweekly, monthly, quarterly, tertial or yearly", "cadence");
    if (g.kind == "local") {
        const org::Area* d = g.district_id ? areas_.Get(*g.district_id) : nullptr;
        if (!d || d->kind != "district") throw ValidationError("a local group needs the id of a district", "district_id");
        if (d->valid_to && db_.clock().TodayStockholm() >= *d->valid_to)
            throw ValidationError("The district " + d->name + " was abolished on " + *d->valid_to + ".", "district_id");
    } else if (g.district_id) {
        throw ValidationError("only a local group has a district", "district_id");
    }
    for (std::size_t i = 0; i < g.committee_ids.size(); ++i)
        if (std::find(g.committee_ids.begin(), g.committee_ids.begin() + i, g.committee_ids[i]) != g.committee_ids.begin() + i)
            throw ValidationError("Committee " + g.committee_ids[i] + " is listed twice.", "committee_ids[" + std::to_string(i) + "]");
    g.id = NewUuid();
    g.members.clear();
    authz_.Require(actor, auth::Action::kManageGroups, ResourceFor(g));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (!c.Query("SELECT id FROM groups WHERE name = $1", {g.name}).empty())
            throw ConflictError(ErrorCode("group.exists"), "A group named " + g.name + " already exists.", {},
                                {{"name", g.name}});
        if (g.parent_group_id && !GroupRepository::Load(c, *g.parent_group_id))
            throw ValidationError("No group with id " + *g.parent_group_id + ".", "parent_group_id");
        for (std::size_t i = 0; i < g.committee_ids.size(); ++i)
            if (!org::OrganisationRepository::Find(c, g.committee_ids[i]))
                throw ValidationError("No organisation with id " + g.committee_ids[i] + ".",
                                      "committee_ids[" + std::to_string(i) + "]");
        GroupRepository::Insert(c, g);
        audit::Append(c, audit::ByActor(actor, "group.create", "group", g.id,
                                        {{"name", g.name}, {"kind", g.kind}, {"cadence", g.cadence}}));
        return View(c, g.id);
    });
}

GroupView GroupService::AddMember(const auth::Actor& actor, const std::string& group_id, GroupMember m) {
    Group g = RequireGroup(group_id);
    if (m.name.empty() || m.name.size() > 200) throw ValidationError("name must be 1 to 200 bytes", "name");
    if (m.role != "chair" && m.role != "secretary" && m.role != "member" && m.role != "substitute")
        throw ValidationError("role must be chair, secretary, member or substitute", "role");
    authz_.Require(actor, auth::Action::kManageGroups, ResourceFor(g));
    m.id = NewUuid();
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (!org::OrganisationRepository::Find(c, m.organisation_id))
            throw ValidationError("No organisation with id " + m.organisation_id + ".", "organisation_id");
        if (m.user_id && c.Query("SELECT id FROM users WHERE id = $1", {*m.user_id}).empty())
            throw ValidationError("No user with id " + *m.user_id + ".", "user_id");
        GroupRepository::InsertMember(c, group_id, m);
        // A member's name is personal data: the audit row records that it was added, and by whom.
        audit::Append(c, audit::ByActor(actor, "group.member_add", "group", group_id,
                                        {{"member_id", m.id}, {"name", m.name}, {"organisation_id", m.organisation_id},
                                         {"role", m.role}}));
        return View(c, group_id);
    });
}

GroupView GroupService::RemoveMember(const auth::Actor& actor, const std::string& group_id, const std::string& member_id) {
    Group g = RequireGroup(group_id);
    authz_.Require(actor, auth::Action::kManageGroups, ResourceFor(g));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (!GroupRepository::DeleteMember(c, group_id, member_id))
            throw NotFoundError("The group has no member with id " + member_id + ".");
        audit::Append(c, audit::ByActor(actor, "group.member_remove", "group", group_id, {{"member_id", member_id}}));
        return View(c, group_id);
    });
}

GroupView GroupService::AddRule(const auth::Actor& actor, const std::string& group_id, DelegationRule r) {
    Group g = RequireGroup(group_id);
    ValidateMatterType(r.matter_type);
    if (IsNonDelegable(r.matter_type))
        throw ValidationError("Goals, direction and scope can never be delegated.", "matter_type");
    if (r.amount_limit_sek && *r.amount_limit_sek < 0)
        throw ValidationError("amount_limit_sek must not be negative", "amount_limit_sek");
    if (r.horizon_months && *r.horizon_months <= 0)
        throw ValidationError("horizon_months must be positive", "horizon_months");
    if (!IsIsoDate(r.valid_from)) throw ValidationError("valid_from must be a date as YYYY-MM-DD", "valid_from");
    for (std::size_t i = 0; i < r.area_ids.size(); ++i)
        if (!areas_.Get(r.area_ids[i]))
            throw ValidationError("No area with id " + r.area_ids[i] + ".", "area_ids[" + std::to_string(i) + "]");
    authz_.Require(actor, auth::Action::kManageGroups, ResourceFor(g));
    r.id = NewUuid();
    r.group_id = group_id;
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (!org::OrganisationRepository::Find(c, r.escalate_to_id))
            throw ValidationError("No organisation with id " + r.escalate_to_id + ".", "escalate_to_id");
        c.SerializeOn("rules:" + group_id);
        // A new rule for the same matter type takes over from the one before it.
        for (const DelegationRule& old : GroupRepository::Rules(c, group_id))
            if (old.matter_type == r.matter_type && old.valid_from >= r.valid_from)
                throw ConflictError("A rule for '" + r.matter_type + "' already starts on " + old.valid_from +
                                    "; a new rule must start after it.");
        c.Query("UPDATE delegation_rules SET valid_to = $3 WHERE group_id = $1 AND matter_type = $2 AND valid_to IS NULL",
                {group_id, r.matter_type, r.valid_from});
        GroupRepository::InsertRule(c, r);
        audit::Append(c, audit::ByActor(
                             actor, "group.rule_add", "group", group_id,
                             {{"rule_id", r.id},
                              {"matter_type", r.matter_type},
                              {"amount_limit_sek", r.amount_limit_sek ? boost::json::value(*r.amount_limit_sek) : nullptr},
                              {"horizon_months", r.horizon_months ? boost::json::value(*r.horizon_months) : nullptr},
                              {"requires_consultation", r.requires_consultation},
                              {"escalate_to_id", r.escalate_to_id},
                              {"valid_from", r.valid_from}}));
        return View(c, group_id);
    });
}

GroupView GroupService::AddDialogue(const auth::Actor& actor, const std::string& group_id, DialogueEntry e) {
    Group g = RequireGroup(group_id);
    if (!IsIsoDate(e.held_on)) throw ValidationError("held_on must be a date as YYYY-MM-DD", "held_on");
    if (e.parties.empty()) throw ValidationError("parties is required", "parties");
    if (e.topic.empty()) throw ValidationError("topic is required", "topic");
    authz_.Require(actor, auth::Action::kRecordGroupWork, ResourceFor(g));
    e.id = NewUuid();
    e.group_id = group_id;
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        DecisionRepository::InsertDialogue(c, e);
        audit::Append(c, audit::ByActor(actor, "group.dialogue_add", "group", group_id,
                                        {{"entry_id", e.id}, {"held_on", e.held_on}, {"topic", e.topic}}));
        return View(c, group_id);
    });
}

}  // namespace samverkan::governance

namespace samverkan::governance {

std::string GroupService::CreateCalendarFeed(const auth::Actor& actor, const std::string& group_id) {
    Group g = RequireGroup(group_id);
    authz_.Require(actor, auth::Action::kReadGovernance, {"group", group_id});
    if (!actor.authenticated()) throw UnauthenticatedError();
    std::string token = RandomToken(32);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.Query("INSERT INTO calendar_feeds (token_hash, user_id, group_id, created_at) VALUES ($1, $2, $3, $4)",
                {Sha256Hex(token), actor.id.str(), group_id, db_.clock().NowUtc()});
        // The token itself is never recorded: the audit names the feed by the group and user only.
        audit::Append(c, audit::ByActor(actor, "group.calendar_feed_create", "group", group_id, {}));
    });
    return token;
}

GroupView GroupService::ReadCalendarFeed(const std::string& token, const std::string& request_id) {
    if (token.empty() || token.size() > 128) throw NotFoundError("No such calendar feed.");
    db::Lease c = db_.Acquire(db::Access::kRead);
    db::Result r = c->Query("SELECT f.user_id, f.group_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id "
                            "WHERE f.token_hash = $1 AND f.revoked = 0 AND u.disabled = 0",
                            {Sha256Hex(token)});
    if (r.empty()) throw NotFoundError("No such calendar feed.");
    auth::Actor actor = auth::UserRepository::LoadActor(*c, r.text(0, "user_id"));
    actor.request_id = request_id;
    std::string group_id = r.text(0, "group_id");
    authz_.Require(actor, auth::Action::kReadGovernance, {"group", group_id});
    return View(*c, group_id);
}

}  // namespace samverkan::governance
