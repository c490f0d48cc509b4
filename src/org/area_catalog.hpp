#pragma once
// The area register held in memory: areas, their date-valid links and neighbourhood polygons.
// Reference data that changes only by `samverkan import areas`, so it is loaded once at start-up.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/database.hpp"
#include "org/area.hpp"
#include "org/area_locator.hpp"

namespace samverkan::org {

struct LocatedArea {
    const Area* neighbourhood = nullptr;
    const Area* district = nullptr;
    const Area* police_area = nullptr;
    const Area* municipality = nullptr;
    bool found() const { return neighbourhood != nullptr; }
};

class AreaCatalog {
public:
    static AreaCatalog Load(db::Connection& conn);

    const Area* Get(const std::string& id) const;
    // Areas valid on `date`, optionally of one kind, ordered by kind then name.
    std::vector<const Area*> ValidOn(const std::string& date, const std::string& kind = {}) const;
    // The municipality (Stockholms stad) valid on `date`, or null before areas are imported.
    const Area* Municipality(const std::string& date) const;
    // The parent of `area_id` by `relation` on `date`, or null.
    const Area* Parent(const std::string& area_id, const std::string& relation, const std::string& date) const;
    // The area and its ancestors on `date`, nearest first (neighbourhood, district, municipality).
    std::vector<std::string> WithAncestors(const std::string& area_id, const std::string& date) const;
    // Which neighbourhood, district and police area a point lies in on `date`. A point in water or
    // outside the city gives a result with found() false: an answer, not an error.
    LocatedArea Locate(double lat, double lon, const std::string& date) const;
    // Neighbourhoods valid on `date` as a GeoJSON FeatureCollection with their district and police area.
    std::string MapGeoJson(const std::string& date) const;
    std::size_t size() const { return areas_.size(); }
    struct Box {
        double min_lat, min_lon, max_lat, max_lon;
    };
    // The bounding box of a neighbourhood's polygon; empty for an area without one.
    std::optional<Box> BoundingBox(const std::string& area_id) const;

private:
    std::vector<Area> areas_;
    std::unordered_map<std::string, std::size_t> by_id_;
    std::vector<AreaLink> links_;
    std::unordered_map<std::string, std::vector<std::size_t>> links_by_child_;  // Parent() runs per imported row
    std::unordered_map<std::string, std::string> geometry_;  // area id -> GeoJSON geometry
    AreaLocator locator_;
};

}  // namespace samverkan::org
