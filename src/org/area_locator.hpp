#pragma once
// Point-in-polygon over neighbourhood boundaries, with an R-tree of bounding boxes in front.
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::org {

class AreaLocator {
public:
    AreaLocator();
    ~AreaLocator();
    AreaLocator(AreaLocator&&) noexcept;
    AreaLocator& operator=(AreaLocator&&) noexcept;

    // Adds an area from a GeoJSON Polygon or MultiPolygon geometry ([lon, lat] positions).
    // Throws std::invalid_argument for another geometry or malformed coordinates.
    void Add(const std::string& area_id, const std::string& geojson_geometry);
    // Call once after the last Add.
    void Build();
    // The ids of the areas whose polygon covers the point (boundary included).
    std::vector<std::string> Find(double lat, double lon) const;
    std::size_t size() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace samverkan::org
