#include "org/area_catalog.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <functional>

#include <algorithm>
#include <boost/json.hpp>

namespace samverkan::org {

AreaCatalog AreaCatalog::Load(db::Connection& conn) {
    AreaCatalog cat;
    db::Result a = conn.Query("SELECT id, code, name, kind, valid_from, valid_to, geometry FROM areas ORDER BY code");
    for (std::size_t i = 0; i < a.size(); ++i) {
        Area area{a.text(i, "id"), a.text(i, "code"), a.text(i, "name"), a.text(i, "kind"), a.text(i, "valid_from"),
                  a.at(i, "valid_to")};
        if (auto g = a.at(i, "geometry"); g && area.kind == "neighbourhood") {
            cat.locator_.Add(area.id, *g);
            cat.geometry_[area.id] = *g;
        }
        cat.by_id_[area.id] = cat.areas_.size();
        cat.areas_.push_back(std::move(area));
    }
    cat.locator_.Build();
    db::Result l = conn.Query("SELECT child_id, parent_id, relation, valid_from, valid_to FROM area_links");
    for (std::size_t i = 0; i < l.size(); ++i)
        cat.links_.push_back({l.text(i, "child_id"), l.text(i, "parent_id"), l.text(i, "relation"),
                              l.text(i, "valid_from"), l.at(i, "valid_to")});
    for (std::size_t i = 0; i < cat.links_.size(); ++i) cat.links_by_child_[cat.links_[i].child_id].push_back(i);
    return cat;
}

const Area* AreaCatalog::Get(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &areas_[it->second];
}

std::vector<const Area*> AreaCatalog::ValidOn(const std::string& date, const std::string& kind) const {
    std::vector<const Area*> out;
    for (const Area& a : areas_)
        if (a.ValidOn(date) && (kind.empty() || a.kind == kind)) out.push_back(&a);
    std::sort(out.begin(), out.end(), [](const Area* x, const Area* y) {
        return std::tie(x->kind, x->name) < std::tie(y->kind, y->name);
    });
    return out;
}

const Area* AreaCatalog::Municipality(const std::string& date) const {
    auto m = ValidOn(date, "municipality");
    return m.empty() ? nullptr : m.front();
}

const Area* AreaCatalog::Parent(const std::string& area_id, const std::string& relation, const std::string& date) const {
    auto it = links_by_child_.find(area_id);
    if (it == links_by_child_.end()) return nullptr;
    for (std::size_t i : it->second) {
        const AreaLink& l = links_[i];
        if (l.relation == relation && l.ValidOn(date)) return Get(l.parent_id);
    }
    return nullptr;
}

std::vector<std::string> AreaCatalog::WithAncestors(const std::string& area_id, const std::string& date) const {
    std::vector<std::string> out{area_id};
    const Area* a = Get(area_id);
    if (!a) return out;
    if (a->kind == "neighbourhood") {
        if (const Area* d = Parent(a->id, "district", date)) {
            out.push_back(d->id);
            a = d;
        }
        if (const Area* p = Parent(area_id, "police_area", date)) out.push_back(p->id);
    }
    if (const Area* m = Parent(a->id, "municipality", date)) out.push_back(m->id);
    return out;
}

LocatedArea AreaCatalog::Locate(double lat, double lon, const std::string& date) const {
    LocatedArea out;
    for (const std::string& id : locator_.Find(lat, lon)) {
        const Area* n = Get(id);
        if (!n || !n->ValidOn(date)) continue;
        out.neighbourhood = n;
        out.district = Parent(id, "district", date);
        out.police_area = Parent(id, "police_area", date);
        if (out.district) out.municipality = Parent(out.district->id, "municipality", date);
        break;
    }
    return out;
}

std::optional<AreaCatalog::Box> AreaCatalog::BoundingBox(const std::string& area_id) const {
    auto it = geometry_.find(area_id);
    if (it == geometry_.end()) return std::nullopt;
    Box b{90, 180, -90, -180};
    // Every [lon, lat] pair of the GeoJSON coordinates, however deeply nested.
    std::function<void(const boost::json::value&)> walk = [&](const boost::json::value& v) {
        if (!v.is_array()) return;
        const auto& a = v.as_array();
        if (a.size() >= 2 && a[0].is_number() && a[1].is_number()) {
            double lon = a[0].to_number<double>(), lat = a[1].to_number<double>();
            b.min_lat = std::min(b.min_lat, lat);
            b.max_lat = std::max(b.max_lat, lat);
            b.min_lon = std::min(b.min_lon, lon);
            b.max_lon = std::max(b.max_lon, lon);
            return;
        }
        for (const auto& e : a) walk(e);
    };
    boost::json::value g = boost::json::parse(it->second);
    if (auto* c = g.as_object().if_contains("coordinates")) walk(*c);
    if (b.min_lat > b.max_lat) return std::nullopt;
    return b;
}

std::string AreaCatalog::MapGeoJson(const std::string& date) const {
    // Built as text: the geometries are already GeoJSON and re-parsing 500 kB per request is waste.
    std::string out = R"({"type":"FeatureCollection","features":[)";
    bool first = true;
    auto ref = [](const Area* a) { return a ? boost::json::value(a->id) : boost::json::value(nullptr); };
    auto name = [](const Area* a) { return a ? boost::json::value(a->name) : boost::json::value(nullptr); };
    for (const Area* n : ValidOn(date, "neighbourhood")) {
        auto g = geometry_.find(n->id);
        if (g == geometry_.end()) continue;
        const Area* d = Parent(n->id, "district", date);
        const Area* p = Parent(n->id, "police_area", date);
        boost::json::object props{{"id", n->id},        {"name", n->name},         {"district_id", ref(d)},
                                  {"district_name", name(d)}, {"police_area_id", ref(p)}, {"police_area_name", name(p)}};
        if (!first) out += ',';
        first = false;
        out += R"({"type":"Feature","properties":)" + boost::json::serialize(props) + R"(,"geometry":)" + g->second + "}";
    }
    out += "]}";
    return out;
}

}  // namespace samverkan::org
