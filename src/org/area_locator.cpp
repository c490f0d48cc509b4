#include "org/area_locator.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/json/parse.hpp>
#include <stdexcept>

namespace samverkan::org {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using Point = bg::model::d2::point_xy<double>;  // x = longitude, y = latitude
using Polygon = bg::model::polygon<Point>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;
using Box = bg::model::box<Point>;

struct AreaLocator::Impl {
    std::vector<std::pair<std::string, MultiPolygon>> areas;
    bgi::rtree<std::pair<Box, std::size_t>, bgi::quadratic<16>> tree;
};

namespace {
Polygon ReadPolygon(const boost::json::array& rings) {
    Polygon poly;
    for (std::size_t r = 0; r < rings.size(); ++r) {
        auto& ring = r == 0 ? poly.outer() : (poly.inners().emplace_back(), poly.inners().back());
        for (const auto& pos : rings[r].as_array()) {
            const auto& p = pos.as_array();
            ring.emplace_back(p.at(0).to_number<double>(), p.at(1).to_number<double>());
        }
    }
    return poly;
}
}  // namespace

AreaLocator::AreaLocator() : impl_(std::make_unique<Impl>()) {}
AreaLocator::~AreaLocator() = default;
AreaLocator::AreaLocator(AreaLocator&&) noexcept = default;
AreaLocator& AreaLocator::operator=(AreaLocator&&) noexcept = default;

void AreaLocator::Add(const std::string& area_id, const std::string& geojson_geometry) {
    MultiPolygon mp;
    try {
        auto geom = boost::json::parse(geojson_geometry).as_object();
        std::string type(geom.at("type").as_string());
        const auto& coords = geom.at("coordinates").as_array();
        if (type == "Polygon") mp.push_back(ReadPolygon(coords));
        else if (type == "MultiPolygon")
            for (const auto& p : coords) mp.push_back(ReadPolygon(p.as_array()));
        else throw std::invalid_argument("unsupported geometry type " + type);
    } catch (const std::invalid_argument&) {
        throw;
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("malformed geometry: ") + e.what());
    }
    // GeoJSON allows either ring orientation in practice; correct() makes it what Boost expects.
    bg::correct(mp);
    impl_->areas.emplace_back(area_id, std::move(mp));
}

void AreaLocator::Build() {
    std::vector<std::pair<Box, std::size_t>> boxes;
    for (std::size_t i = 0; i < impl_->areas.size(); ++i)
        boxes.emplace_back(bg::return_envelope<Box>(impl_->areas[i].second), i);
    impl_->tree = decltype(impl_->tree)(boxes.begin(), boxes.end());
}

std::vector<std::string> AreaLocator::Find(double lat, double lon) const {
    Point p(lon, lat);
    std::vector<std::string> out;
    for (auto it = impl_->tree.qbegin(bgi::intersects(p)); it != impl_->tree.qend(); ++it)
        if (bg::covered_by(p, impl_->areas[it->second].second)) out.push_back(impl_->areas[it->second].first);
    return out;
}

std::size_t AreaLocator::size() const { return impl_->areas.size(); }

}  // namespace samverkan::org
