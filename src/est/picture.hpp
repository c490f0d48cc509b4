#pragma once
// The situation picture of an area for a period, computed from the incident index alone.
//
// Comparisons are like for like: the area's territory is the set of neighbourhoods it has on the
// last day of the period, and every figure (this period, the previous one, the same period last
// year, the 52-week trend, the hotspot baselines) counts incidents in that same territory. So
// Järva's picture for a week in 2024 compares with 2022 over the same ground, although Järva was
// formed on 2023-07-01; each stored incident still records the district of the day it occurred.
#include <optional>
#include <string>
#include <vector>

#include "est/calendar.hpp"
#include "est/incident.hpp"
#include "est/incident_index.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::est {

struct PictureFilter {
    std::optional<std::string> source_org_id;
    std::optional<int> min_severity;
};

struct Picture {
    const org::Area* area = nullptr;
    Period period;
    Period previous;
    std::optional<Period> last_year;
    Day reference_day = 0;
    std::vector<const Category*> categories;

    struct CategoryRow {
        const Category* category;
        std::uint32_t count = 0, previous = 0;
        std::optional<std::uint32_t> last_year;
    };
    std::vector<CategoryRow> rows;  // aligned with `categories`
    std::uint32_t total = 0, previous_total = 0;
    std::optional<std::uint32_t> last_year_total;

    // 52 weeks ending with the week that holds the period's last day.
    std::vector<Period> trend_weeks;
    std::vector<std::vector<std::uint32_t>> trend;  // [category][week]

    struct Hotspot {
        const org::Area* neighbourhood;
        const Category* category;
        std::uint32_t count;
        double baseline;  // mean of the preceding periods
        double probability;
    };
    std::vector<Hotspot> hotspots;  // most unusual first

    struct AreaCount {
        const org::Area* area;
        std::uint32_t count = 0, previous = 0;
    };
    std::vector<AreaCount> neighbourhoods;  // the territory, for the map
    std::vector<AreaCount> districts;       // the districts of the city, for the whole-city picture
    // Districts × categories × the 52 trend weeks (whole city only): [district][category][week].
    std::vector<std::vector<std::vector<std::uint32_t>>> district_trend;
    std::uint32_t unplaced = 0;  // police events placed only at municipality level (whole city only)
    std::size_t incidents_indexed = 0;
};

// Throws ValidationError("area") when the area does not exist or has no neighbourhoods in the period.
Picture BuildPicture(const IncidentIndex& index, const org::AreaCatalog& areas, const Reference& ref,
                     const std::string& area_id, const Period& period, const PictureFilter& filter = {});

// The neighbourhood slots of an area's territory on `date`: slot -> 0, others -> -1.
std::vector<int> TerritorySlots(const IncidentIndex& index, const org::AreaCatalog& areas, const org::Area& area,
                                const std::string& date);

// Neighbourhood slot -> index into `districts` (the districts valid on `date`), -1 for none.
std::vector<int> DistrictSlots(const IncidentIndex& index, const org::AreaCatalog& areas, const std::string& date,
                               std::vector<const org::Area*>* districts);

}  // namespace samverkan::est
