#include "est/incident_repository.hpp"

namespace samverkan::est::IncidentRepository {
namespace {

std::optional<double> ToDouble(const db::Value& v) {
    if (!v) return std::nullopt;
    return std::stod(*v);
}

StoredIncident FromRow(const db::Result& r, std::size_t i) {
    StoredIncident s;
    s.id = r.integer(i, "id");
    NewIncident& n = s.incident;
    auto t = ParseInstant(r.text(i, "occurred_at"));
    n.occurred_utc = t.value_or(0);
    n.occurred_on = ParseDay(r.text(i, "occurred_on").substr(0, 10)).value_or(0);
    n.category_id = static_cast<int>(r.integer(i, "category_id"));
    n.lat = ToDouble(r.at(i, "lat"));
    n.lon = ToDouble(r.at(i, "lon"));
    n.place_id = r.at(i, "place_id");
    n.area_id = r.text(i, "area_id");
    n.area_basis = r.text(i, "area_basis");
    if (n.area_basis != "municipality") n.neighbourhood_id = n.area_id;
    n.district_id = r.at(i, "district_id");
    n.police_area_id = r.at(i, "police_area_id");
    n.source_org_id = r.text(i, "source_org_id");
    if (auto sev = r.at(i, "severity")) n.severity = std::stoi(*sev);
    n.text = r.text(i, "text");
    n.external_id = r.at(i, "external_id");
    n.reporter_id = r.at(i, "reporter_id");
    s.reported_at = r.text(i, "reported_at");
    return s;
}

ImportRecord ImportFromRow(const db::Result& r, std::size_t i) {
    ImportRecord o;
    o.id = r.text(i, "id");
    o.format = r.text(i, "format");
    o.file_name = r.text(i, "file_name");
    o.actor_id = r.at(i, "actor_id");
    o.actor_name = r.text(i, "actor_name");
    o.started_at = r.text(i, "started_at");
    o.finished_at = r.at(i, "finished_at");
    o.status = r.text(i, "status");
    o.total = r.integer(i, "total");
    o.accepted = r.integer(i, "accepted");
    o.duplicates = r.integer(i, "duplicates");
    o.rejected = r.integer(i, "rejected");
    o.summary = r.text(i, "summary");
    return o;
}

constexpr const char* kIncidentColumns =
    "id, occurred_at, occurred_on, reported_at, category_id, lat, lon, "
    "place_id, area_id, area_basis, district_id, "
    "police_area_id, source_org_id, severity, text, external_id, reporter_id";

constexpr const char* kImportColumns =
    "id, format, file_name, actor_id, actor_name, started_at, finished_at, "
    "status, total, accepted, "
    "duplicates, rejected, summary";

// The WHERE clause of `filter`, its parameters appended to `params`.
std::string Where(const IncidentFilter& filter, db::Params& params) {
    params = {FormatDay(filter.from), FormatDay(filter.to)};
    std::string in_list;
    for (const auto& id : filter.area_ids) {
        params.push_back(id);
        in_list += (in_list.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    std::string where =
        "occurred_on >= $1 AND occurred_on < $2 AND (area_id IN (" + (in_list.empty() ? "NULL" : in_list) + ")";
    if (filter.municipality_level) where += " OR area_basis = 'municipality'";
    where += ")";
    if (filter.category_id) {
        params.push_back(std::to_string(*filter.category_id));
        where += " AND category_id = $" + std::to_string(params.size());
    }
    return where;
}

}  // namespace

std::size_t Count(db::Connection& c, const IncidentFilter& filter) {
    db::Params params;
    std::string where = Where(filter, params);
    return static_cast<std::size_t>(
        c.Query("SELECT count(*) AS n FROM incidents WHERE " + where, params).integer(0, "n"));
}

std::vector<StoredIncident> Page(db::Connection& c, const IncidentFilter& filter, int limit, int offset) {
    db::Params params;
    std::string where = Where(filter, params);
    auto rows = c.Query(std::string("SELECT ") + kIncidentColumns + " FROM incidents WHERE " + where +
                            " ORDER BY occurred_at DESC, id DESC LIMIT " + std::to_string(limit) + " OFFSET " +
                            std::to_string(offset),
                        params);
    std::vector<StoredIncident> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(FromRow(rows, i));
    return out;
}

std::optional<StoredIncident> Find(db::Connection& c, std::int64_t id) {
    auto r = c.Query(std::string("SELECT ") + kIncidentColumns + " FROM incidents WHERE id = $1", {std::to_string(id)});
    if (r.empty()) return std::nullopt;
    return FromRow(r, 0);
}

std::optional<ImportRecord> FindImport(db::Connection& c, const std::string& id) {
    auto r = c.Query(std::string("SELECT ") + kImportColumns + " FROM incident_imports WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    return ImportFromRow(r, 0);
}

std::vector<ImportRecord> LatestImports(db::Connection& c, const std::optional<std::string>& actor_id, int limit) {
    std::string tail = " ORDER BY started_at DESC LIMIT " + std::to_string(limit);
    auto r =
        actor_id
            ? c.Query(std::string("SELECT ") + kImportColumns + " FROM incident_imports WHERE actor_id = $1" + tail,
                      {*actor_id})
            : c.Query(std::string("SELECT ") + kImportColumns + " FROM incident_imports" + tail);
    std::vector<ImportRecord> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(ImportFromRow(r, i));
    return out;
}

}  // namespace samverkan::est::IncidentRepository
