// samverkan locate LAT LON: the areas a point lies in on a date.
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <iostream>

#include "cli/commands.hpp"
#include "common/time.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::cli {
namespace {

// Degrees in [lo, hi]; anything else (a word, "59.3x", inf) is refused naming the argument.
double Degrees(const std::string& s, const char* what, double lo, double hi) {
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || v < lo || v > hi)
        throw UsageError(std::string(what) + " needs a number from " + std::to_string(static_cast<int>(lo)) + " to " +
                         std::to_string(static_cast<int>(hi)) + ", got '" + s + "'");
    return v;
}

boost::json::value AreaRef(const org::Area* a) {
    if (!a) return nullptr;
    return boost::json::object{{"id", a->id}, {"name", a->name}, {"code", a->code}};
}

}  // namespace

int Locate(const Invocation& call) {
    const auto& args = call.flags.positional();
    double lat = Degrees(args[0], "LAT", -90, 90), lon = Degrees(args[1], "LON", -180, 180);
    std::string date = call.config.date.empty() ? call.clock().TodayStockholm() : call.config.date;
    if (!IsIsoDate(date)) throw UsageError("--date needs a date YYYY-MM-DD, got '" + date + "'");
    auto db = call.OpenMigratedDatabase();
    db::Lease conn = db->Acquire(db::Access::kRead);
    org::AreaCatalog areas = org::AreaCatalog::Load(*conn);
    org::LocatedArea l = areas.Locate(lat, lon, date);
    if (call.config.json) {
        std::cout << boost::json::serialize(boost::json::object{{"date", date},
                                                                {"found", l.found()},
                                                                {"neighbourhood", AreaRef(l.neighbourhood)},
                                                                {"district", AreaRef(l.district)},
                                                                {"police_area", AreaRef(l.police_area)}})
                  << "\n";
        return 0;
    }
    if (!l.found()) {
        std::cout << "No area: the point is not in any neighbourhood of Stockholm on " << date << "\n";
        return 0;
    }
    std::cout << "neighbourhood: " << l.neighbourhood->name << "\n"
              << "district:      " << (l.district ? l.district->name : "(none recorded for this date)") << "\n"
              << "police area:   " << (l.police_area ? l.police_area->name : "(none recorded for this date)") << "\n";
    return 0;
}

}  // namespace samverkan::cli
