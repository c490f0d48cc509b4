#include "org/org_handler.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"

namespace samverkan::org {
namespace {

using http::Nullable;

boost::json::object OrganisationJson(const Organisation& o) {
    return {{"id", o.id},
            {"name", o.name},
            {"kind", o.kind},
            {"party", PartyOfKind(o.kind)},
            {"parent_id", Nullable(o.parent_id)},
            {"area_id", Nullable(o.area_id)}};
}

boost::json::value AreaRef(const Area* a) {
    if (!a) return nullptr;
    return boost::json::object{{"id", a->id}, {"name", a->name}, {"kind", a->kind}};
}

// The query's date, or `today` (the injected clock's Stockholm date).
std::string DateParam(const http::Request& req, const std::string& today) {
    auto d = req.QueryParam("date");
    if (!d) return today;
    if (!IsIsoDate(*d)) throw ValidationError("date must be a calendar date as YYYY-MM-DD", "date");
    return *d;
}

double CoordinateParam(const http::Request& req, const std::string& name, double min, double max) {
    auto v = req.QueryParam(name);
    if (!v || v->empty()) throw ValidationError(name + " is required", name);
    double out = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || end != v->data() + v->size() || !std::isfinite(out))
        throw ValidationError(name + " must be a decimal number", name);
    if (out < min || out > max)
        throw ValidationError(name + " must lie between " + std::to_string(min) + " and " + std::to_string(max), name);
    return out;
}

}  // namespace

void RegisterOrgRoutes(http::Router& router, OrganisationService& organisations, const AreaCatalog& areas,
                       const auth::Authorizer& authz) {
    router.Add("GET", "/api/v1/organisations", [&organisations](const http::Context& ctx) {
        boost::json::array items;
        for (const Organisation& o : organisations.List(ctx.actor)) items.push_back(OrganisationJson(o));
        return http::Response::Json(boost::json::serialize(boost::json::object{{"items", items}}));
    });

    router.Add("GET", "/api/v1/organisations/{id}", [&organisations](const http::Context& ctx) {
        return http::Response::Json(
            boost::json::serialize(OrganisationJson(organisations.Get(ctx.actor, ctx.request.path_params.at("id")))));
    });

    router.Add("POST", "/api/v1/organisations", [&organisations](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"name", "kind", "parent_id", "area_id"});
        NewOrganisation in{body.RequiredString("name", 200), body.RequiredString("kind", 64),
                           body.OptionalString("parent_id", 64), body.OptionalString("area_id", 64)};
        Organisation o = organisations.Create(ctx.actor, in);
        http::Response r = http::Response::Json(boost::json::serialize(OrganisationJson(o)), 201);
        r.SetHeader("Location", "/api/v1/organisations/" + o.id);
        return r;
    });

    router.Add("GET", "/api/v1/areas", [&areas, &authz, &organisations](const http::Context& ctx) {
        authz.Require(ctx.actor, auth::Action::kReadAreas, {"area"});
        std::string date = DateParam(ctx.request, organisations.clock().TodayStockholm());
        std::string kind = ctx.request.QueryParam("kind").value_or("");
        if (!kind.empty() && kind != "municipality" && kind != "district" && kind != "neighbourhood" &&
            kind != "police_area")
            throw ValidationError("kind must be municipality, district, neighbourhood or police_area", "kind");
        boost::json::array items;
        for (const Area* a : areas.ValidOn(date, kind)) {
            const Area* d = a->kind == "neighbourhood" ? areas.Parent(a->id, "district", date) : nullptr;
            const Area* p = a->kind == "neighbourhood" ? areas.Parent(a->id, "police_area", date) : nullptr;
            items.push_back({{"id", a->id},
                             {"code", a->code},
                             {"name", a->name},
                             {"kind", a->kind},
                             {"valid_from", a->valid_from},
                             {"valid_to", Nullable(a->valid_to)},
                             {"district_id", d ? boost::json::value(d->id) : nullptr},
                             {"district_name", d ? boost::json::value(d->name) : nullptr},
                             {"police_area_id", p ? boost::json::value(p->id) : nullptr},
                             {"police_area_name", p ? boost::json::value(p->name) : nullptr}});
        }
        return http::Response::Json(boost::json::serialize(boost::json::object{{"date", date}, {"items", items}}));
    });

    router.Add("GET", "/api/v1/areas/map", [&areas, &authz, &organisations](const http::Context& ctx) {
        authz.Require(ctx.actor, auth::Action::kReadAreas, {"area"});
        http::Response r = http::Response::Json(areas.MapGeoJson(DateParam(ctx.request, organisations.clock().TodayStockholm())));
        r.content_type = "application/geo+json";
        return r;
    });

    router.Add("GET", "/api/v1/locate", [&areas, &authz, &organisations](const http::Context& ctx) {
        authz.Require(ctx.actor, auth::Action::kReadAreas, {"area"});
        double lat = CoordinateParam(ctx.request, "lat", -90, 90);
        double lon = CoordinateParam(ctx.request, "lon", -180, 180);
        std::string date = DateParam(ctx.request, organisations.clock().TodayStockholm());
        LocatedArea l = areas.Locate(lat, lon, date);
        return http::Response::Json(boost::json::serialize(boost::json::object{{"date", date},
                                                                               {"found", l.found()},
                                                                               {"neighbourhood", AreaRef(l.neighbourhood)},
                                                                               {"district", AreaRef(l.district)},
                                                                               {"police_area", AreaRef(l.police_area)},
                                                                               {"municipality", AreaRef(l.municipality)}}));
    });
}

}  // namespace samverkan::org
