#pragma once
// Synthetic incidents for demos, tests and benchmarks: deterministic for a seed, spread over a
// number of years ending on a given day, weighted over the neighbourhoods (some far busier than
// others) and the categories, with more in the evening and in summer, and every point inside the
// real neighbourhood polygons.
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "est/calendar.hpp"
#include "est/incident.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::est {

struct GeneratedIncident {
    std::int64_t occurred_utc;
    int category_id;
    double lat, lon;
    std::string neighbourhood_id;
    std::size_t source;  // index into the generator's sources
    int severity;
};

class IncidentGenerator {
public:
    // `sources`: organisation ids to attribute incidents to; `end` is the last day (inclusive).
    IncidentGenerator(const org::AreaCatalog& areas, const Reference& ref, std::vector<std::string> sources,
                      std::uint64_t seed, Day end, int days);
    GeneratedIncident Next();
    const std::vector<std::string>& sources() const { return sources_; }
    // A point inside a neighbourhood (from a pool sampled by point-in-polygon).
    std::pair<double, double> PointIn(const std::string& neighbourhood_id);

private:
    const org::AreaCatalog& areas_;
    std::vector<std::string> sources_;
    std::mt19937_64 rng_;
    Day first_;
    int days_;
    std::vector<std::string> nbs_;
    std::discrete_distribution<int> nb_pick_;
    std::vector<int> categories_;
    std::discrete_distribution<int> cat_pick_;
    std::vector<std::vector<std::pair<double, double>>> points_;
};

// The default taxonomy, police type mappings and place registry, stored when the tables are empty.
void EnsureEstDefaults(db::Database& db, const org::AreaCatalog& areas);
// Demo incidents: `count` synthetic ones over two years ending today, and a cluster of Klotter in
// Rinkeby in the current week so that the demo picture of Järva has a hotspot to show.
void LoadDemoIncidents(db::Database& db, const org::AreaCatalog& areas, std::size_t count);
// The demo reporter ("reporter") reports weekly for Södermalm.
void LoadDemoDuties(db::Database& db, const org::AreaCatalog& areas);

}  // namespace samverkan::est
