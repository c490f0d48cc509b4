#pragma once
// `samverkan import areas`: loads Stockholm's reference areas from data/stockholm into the database.
// Idempotent: areas are matched by code, links are replaced, so a second run changes nothing.
#include <string>

#include "auth/actor.hpp"
#include "db/database.hpp"

namespace samverkan::org {

struct AreaImportSummary {
    int municipalities = 0, districts = 0, neighbourhoods = 0, police_areas = 0, links = 0;
};

// Reads stadsdelar.geojson, stadsdelar.csv and stadsdel_lpo.csv from `dir`.
// Throws std::runtime_error naming the file and row for missing or inconsistent data.
AreaImportSummary ImportStockholmAreas(db::Database& db, const std::string& dir, const auth::Actor& actor);

// "GAMLA STAN" -> "Gamla stan", "SÖDRA HAMMARBYHAMNEN" -> "Södra Hammarbyhamnen".
std::string NeighbourhoodDisplayName(const std::string& upper);

}  // namespace samverkan::org
