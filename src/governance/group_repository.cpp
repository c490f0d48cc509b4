#include "governance/group_repository.hpp"

#include <boost/json.hpp>
#include <map>

#include "common/json_strings.hpp"
#include "common/time.hpp"
#include "org/organisation.hpp"

namespace samverkan::governance {

std::vector<Group> GroupRepository::LoadAll(db::Connection& c) {
    db::Result r = c.Query("SELECT id, name, kind, district_id, parent_group_id, cadence FROM groups ORDER BY kind, name");
    std::vector<Group> out;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < r.size(); ++i) {
        index[r.text(i, "id")] = out.size();
        out.push_back({r.text(i, "id"), r.text(i, "name"), r.text(i, "kind"), r.at(i, "district_id"),
                       r.at(i, "parent_group_id"), r.text(i, "cadence"), {}, {}});
    }
    db::Result m = c.Query("SELECT id, group_id, name, organisation_id, role, user_id FROM group_members ORDER BY group_id, "
                           "CASE role WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, name");
    for (std::size_t i = 0; i < m.size(); ++i)
        if (auto it = index.find(m.text(i, "group_id")); it != index.end())
            out[it->second].members.push_back(
                {m.text(i, "id"), m.text(i, "name"), m.text(i, "organisation_id"), m.text(i, "role"), m.at(i, "user_id")});
    db::Result k = c.Query("SELECT group_id, organisation_id FROM group_committees ORDER BY group_id, position");
    for (std::size_t i = 0; i < k.size(); ++i)
        if (auto it = index.find(k.text(i, "group_id")); it != index.end())
            out[it->second].committee_ids.push_back(k.text(i, "organisation_id"));
    return out;
}

std::optional<Group> GroupRepository::Load(db::Connection& c, const std::string& id) {
    for (Group& g : LoadAll(c))
        if (g.id == id) return std::move(g);
    return std::nullopt;
}

void GroupRepository::Insert(db::Connection& c, const Group& g) {
    c.Query("INSERT INTO groups (id, name, kind, district_id, parent_group_id, cadence, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {g.id, g.name, g.kind, g.district_id, g.parent_group_id, g.cadence, c.clock().NowUtc()});
    // The order matters: an escalation without a matching rule goes to the first committee.
    for (std::size_t i = 0; i < g.committee_ids.size(); ++i)
        c.Query("INSERT INTO group_committees (group_id, organisation_id, position) VALUES ($1, $2, $3)",
                {g.id, g.committee_ids[i], std::to_string(i)});
    for (const auto& m : g.members) InsertMember(c, g.id, m);
}

void GroupRepository::InsertMember(db::Connection& c, const std::string& group_id, const GroupMember& m) {
    c.Query("INSERT INTO group_members (id, group_id, name, organisation_id, role, user_id) VALUES ($1, $2, $3, $4, $5, $6)",
            {m.id, group_id, m.name, m.organisation_id, m.role, m.user_id});
}

bool GroupRepository::DeleteMember(db::Connection& c, const std::string& group_id, const std::string& member_id) {
    return !c.Query("DELETE FROM group_members WHERE id = $1 AND group_id = $2 RETURNING id", {member_id, group_id}).empty();
}

std::vector<DelegationRule> GroupRepository::Rules(db::Connection& c, const std::string& group_id) {
    db::Result r = c.Query(
        "SELECT id, group_id, matter_type, amount_limit_sek, area_ids, horizon_months, requires_consultation, "
        "escalate_to_id, valid_from, valid_to FROM delegation_rules WHERE group_id = $1 ORDER BY matter_type, valid_from",
        {group_id});
    std::vector<DelegationRule> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        DelegationRule d;
        d.id = r.text(i, "id");
        d.group_id = r.text(i, "group_id");
        d.matter_type = r.text(i, "matter_type");
        if (auto v = r.at(i, "amount_limit_sek")) d.amount_limit_sek = std::stoll(*v);
        d.area_ids = ParseStringArray(r.text(i, "area_ids"));
        if (auto v = r.at(i, "horizon_months")) d.horizon_months = std::stoi(*v);
        d.requires_consultation = r.integer(i, "requires_consultation") != 0;
        d.escalate_to_id = r.text(i, "escalate_to_id");
        d.valid_from = r.text(i, "valid_from");
        d.valid_to = r.at(i, "valid_to");
        out.push_back(std::move(d));
    }
    return out;
}

void GroupRepository::InsertRule(db::Connection& c, const DelegationRule& d) {
    c.Query("INSERT INTO delegation_rules (id, group_id, matter_type, amount_limit_sek, area_ids, horizon_months, "
            "requires_consultation, escalate_to_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            {d.id, d.group_id, d.matter_type,
             d.amount_limit_sek ? std::optional(std::to_string(*d.amount_limit_sek)) : std::nullopt,
             StringArrayJson(d.area_ids), d.horizon_months ? std::optional(std::to_string(*d.horizon_months)) : std::nullopt,
             d.requires_consultation ? "1" : "0", d.escalate_to_id, d.valid_from, d.valid_to});
}

std::vector<OrganisationFacts> GroupRepository::Organisations(db::Connection& c) {
    db::Result r = c.Query("SELECT id, name, kind FROM organisations ORDER BY name");
    std::vector<OrganisationFacts> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "name"), r.text(i, "kind"),
                       std::string(org::PartyOfKind(r.text(i, "kind")))});
    return out;
}

}  // namespace samverkan::governance
