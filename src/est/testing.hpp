#pragma once
// Test helpers for the situation picture, shared by the database tests of modules that read it:
// reference data (two source organisations and the default categories) and generated incidents
// stored through the real checks.
#include <memory>
#include <vector>

#include "common/time.hpp"
#include "db/database.hpp"
#include "est/generator.hpp"
#include "est/incident.hpp"
#include "est/incident_import.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::est::testing {

// Organisations "org-police" and "org-city", and the default categories and places.
inline std::shared_ptr<const Reference> SeedReference(db::Database& db, const org::AreaCatalog& areas) {
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        for (const char* name : {"Polisregion Stockholm", "Stadsdelsförvaltning"})
            c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, 'police_region', $3)",
                    {std::string(name) == "Polisregion Stockholm" ? "org-police" : "org-city", name, c.clock().NowUtc()});
    });
    EnsureEstDefaults(db, areas);
    db::Lease c = db.Acquire(db::Access::kRead);
    return Reference::Load(*c, areas);
}

inline void StoreIncidents(db::Database& db, const std::vector<NewIncident>& rows) {
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("incidents");
        for (const auto& n : rows) InsertIncident(c, n, c.clock().NowUtc(), std::nullopt);
    });
}

// `n` incidents over `days` days ending on `end`, each checked by CheckIncident and stored.
inline void GenerateIncidents(db::Database& db, const org::AreaCatalog& areas, const Reference& ref, std::uint64_t seed,
                              const std::string& end, int days, int n) {
    IncidentGenerator gen(areas, ref, {"org-police", "org-city"}, seed, *ParseDay(end), days);
    std::vector<NewIncident> rows;
    for (int i = 0; i < n; ++i) {
        GeneratedIncident g = gen.Next();
        IncidentDraft d;
        d.occurred_utc = g.occurred_utc;
        d.category = std::to_string(g.category_id);
        d.lat = g.lat;
        d.lon = g.lon;
        d.source_org = gen.sources()[g.source];
        d.severity = g.severity;
        d.dedup_scope = "test";
        d.external_id = std::to_string(seed) + "-" + std::to_string(i);
        rows.push_back(CheckIncident(d, ref, areas, 4102444800));
    }
    StoreIncidents(db, rows);
}

}  // namespace samverkan::est::testing
