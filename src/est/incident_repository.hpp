#pragma once
// SQL for stored incident reports and the record of each import. Callers own the transaction and the permission checks
// (EstService).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "est/incident.hpp"

namespace samverkan::est {

struct StoredIncident {
    std::int64_t id = 0;
    NewIncident incident;
    std::string reported_at;
};

// One import as recorded: counts are final once `status` is no longer "running".
struct ImportRecord {
    std::string id, format, file_name;
    std::optional<std::string> actor_id;
    std::string actor_name, started_at;
    std::optional<std::string> finished_at;
    std::string status;
    long long total = 0, accepted = 0, duplicates = 0, rejected = 0;
    std::string summary;  // JSON
};

// Reports that occurred on days [from, to) in the listed neighbourhoods (and, when `municipality_level`, those placed
// only in the municipality), optionally of one category.
struct IncidentFilter {
    Day from = 0, to = 0;
    std::vector<std::string> area_ids;
    bool municipality_level = false;
    std::optional<int> category_id;
};

namespace IncidentRepository {

std::size_t Count(db::Connection& c, const IncidentFilter& filter);
// Newest first (occurrence, then id).
std::vector<StoredIncident> Page(db::Connection& c, const IncidentFilter& filter, int limit, int offset);
std::optional<StoredIncident> Find(db::Connection& c, std::int64_t id);

std::optional<ImportRecord> FindImport(db::Connection& c, const std::string& id);
// The latest `limit` imports, of one actor or (no actor) of everyone, newest first.
std::vector<ImportRecord> LatestImports(db::Connection& c, const std::optional<std::string>& actor_id, int limit);

}  // namespace IncidentRepository
}  // namespace samverkan::est
