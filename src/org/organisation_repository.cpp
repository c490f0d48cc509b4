#include "org/organisation_repository.hpp"

#include "common/time.hpp"

namespace samverkan::org {
namespace {
constexpr const char* kSelect = "SELECT id, name, kind, parent_id, area_id FROM organisations ";
Organisation FromRow(const db::Result& r, std::size_t i) {
    return {r.text(i, "id"), r.text(i, "name"), r.text(i, "kind"), r.at(i, "parent_id"), r.at(i, "area_id")};
}
}  // namespace

std::vector<Organisation> OrganisationRepository::List(db::Connection& c) {
    db::Result r = c.Query(std::string(kSelect) + "ORDER BY name");
    std::vector<Organisation> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(FromRow(r, i));
    return out;
}

std::optional<Organisation> OrganisationRepository::Find(db::Connection& c, const std::string& id) {
    db::Result r = c.Query(std::string(kSelect) + "WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    return FromRow(r, 0);
}

std::optional<Organisation> OrganisationRepository::FindByName(db::Connection& c, const std::string& name) {
    db::Result r = c.Query(std::string(kSelect) + "WHERE name = $1", {name});
    if (r.empty()) return std::nullopt;
    return FromRow(r, 0);
}

void OrganisationRepository::Insert(db::Connection& c, const Organisation& o) {
    c.Query("INSERT INTO organisations (id, name, kind, parent_id, area_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            {o.id, o.name, o.kind, o.parent_id, o.area_id, c.clock().NowUtc()});
}

std::vector<std::string> OrganisationRepository::WithAncestors(db::Connection& c, const std::string& id) {
    std::vector<std::string> out;
    std::optional<std::string> cur = id;
    // The depth bound guards against a cycle in hand-edited data.
    for (int depth = 0; cur && depth < 32; ++depth) {
        db::Result r = c.Query("SELECT parent_id FROM organisations WHERE id = $1", {*cur});
        if (r.empty()) break;
        out.push_back(*cur);
        cur = r.at(0, "parent_id");
    }
    return out;
}

}  // namespace samverkan::org
