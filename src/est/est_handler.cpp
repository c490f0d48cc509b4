#include "est/est_handler.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <sstream>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "est/hotspot.hpp"
#include "est/picture_export.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"

namespace samverkan::est {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using http::Nullable;

http::Response Json(const value& v, int status = 200) {
    http::Response r = http::Response::Json(boost::json::serialize(v));
    r.status = status;
    return r;
}

// The document's AreaRef {id, name, kind}: one shape for every reference to an area.
object AreaRef(const org::Area& a) { return {{"id", a.id}, {"name", a.name}, {"kind", a.kind}}; }

value AreaRef(const org::AreaCatalog& areas, const std::optional<std::string>& id) {
    if (!id) return nullptr;
    const org::Area* a = areas.Get(*id);
    if (!a) return nullptr;
    return AreaRef(*a);
}

object CategoryJson(const Category& c) {
    return {{"id", c.id}, {"code", c.code}, {"name_sv", c.name_sv}, {"name_en", c.name_en}, {"position", c.position},
            {"retired", c.retired()}, {"retired_at", Nullable(c.retired_at)}};
}

object PlaceJson(const Place& p, const org::AreaCatalog& areas, const std::string& today) {
    org::LocatedArea at = areas.Locate(p.lat, p.lon, today);
    return {{"id", p.id}, {"name", p.name}, {"kind", p.kind}, {"lat", p.lat}, {"lon", p.lon},
            {"neighbourhood", at.found() ? value(AreaRef(*at.neighbourhood)) : value(nullptr)}};
}

object IncidentJson(const StoredIncident& s, const Reference& ref, const org::AreaCatalog& areas) {
    const NewIncident& n = s.incident;
    const Category* c = ref.CategoryById(n.category_id);
    const Place* p = n.place_id ? ref.FindPlace(*n.place_id) : nullptr;
    auto org = ref.organisations.find(n.source_org_id);
    IsoWeek w = IsoWeekOf(n.occurred_on);
    char week[16];
    std::snprintf(week, sizeof week, "%04d-W%02d", w.year, w.week);
    return {{"id", s.id},
            {"occurred_at", FormatInstant(n.occurred_utc)},
            {"occurred_on", FormatDay(n.occurred_on)},
            {"iso_week", week},
            {"reported_at", s.reported_at},
            {"category", c ? value{{"id", c->id}, {"code", c->code}, {"name_sv", c->name_sv}} : value(nullptr)},
            {"place", p ? value{{"id", p->id}, {"name", p->name}} : value(nullptr)},
            {"lat", http::NullableNumber(n.lat)},
            {"lon", http::NullableNumber(n.lon)},
            {"area", AreaRef(areas, n.area_id)},
            {"area_basis", n.area_basis},
            {"neighbourhood", AreaRef(areas, n.neighbourhood_id)},
            {"district", AreaRef(areas, n.district_id)},
            {"police_area", AreaRef(areas, n.police_area_id)},
            {"source_organisation",
             {{"id", n.source_org_id}, {"name", org != ref.organisations.end() ? org->second : n.source_org_id}}},
            {"severity", http::NullableNumber(n.severity)},
            {"text", n.text}};
}

// The period the query names, or the week of `today` (YYYY-MM-DD).
Period RequirePeriod(const http::Request& req, const std::string& today_text, const char* param = "period") {
    auto code = req.QueryParam(param);
    if (!code || code->empty()) {
        auto today = ParseDay(today_text);
        return PeriodContaining(PeriodKind::kWeek, *today);
    }
    auto p = ParsePeriod(*code);
    if (!p) throw ValidationError("period '" + *code + "' is not like 2026-W48, 2026-Q3, 2026-T2 or 2026.", param);
    return *p;
}

std::string RequireParam(const http::Request& req, const char* name) {
    auto v = req.QueryParam(name);
    if (!v || v->empty()) throw ValidationError(std::string("The query parameter '") + name + "' is required.", name);
    return *v;
}

int IntParam(const http::Request& req, const char* name, int fallback, int lo, int hi) {
    auto v = req.QueryParam(name);
    if (!v || v->empty()) return fallback;
    int n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < lo || n > hi)
        throw ValidationError(std::string(name) + " must be a whole number from " + std::to_string(lo) + " to " +
                                  std::to_string(hi) + ".",
                              name);
    return n;
}

PictureFilter FilterOf(const http::Request& req) {
    PictureFilter f;
    if (auto s = req.QueryParam("source"); s && !s->empty()) f.source_org_id = *s;
    if (req.QueryParam("min_severity")) f.min_severity = IntParam(req, "min_severity", 1, 1, 3);
    return f;
}

object PeriodRef(const Period& p) { return {{"code", p.Code()}, {"name", p.NameSv()}}; }

std::string MethodText(PeriodKind kind) {
    return "En stadsdel och kategori markeras som hotspot när den har minst " + std::to_string(kHotspotMinCount) +
           " rapporter under perioden och ligger klart över sitt eget snitt för de " + std::to_string(BaselinePeriods(kind)) +
           " föregående perioderna: sannolikheten att få så många eller fler av en slump, om rapporterna kom i "
           "snittakt (Poissonfördelning), är under 1 %. En enstaka rapport blir aldrig en hotspot.";
}

value PictureJson(const Picture& p, EstService& service, bool edit_note, bool read_incidents) {
    array cats;
    for (std::size_t i = 0; i < p.rows.size(); ++i) {
        const auto& r = p.rows[i];
        array trend;
        for (auto n : p.trend[i]) trend.push_back(n);
        cats.push_back({{"id", r.category->id}, {"code", r.category->code}, {"name", r.category->name_sv},
                        {"name_en", r.category->name_en}, {"retired", r.category->retired()}, {"count", r.count},
                        {"previous", r.previous}, {"last_year", http::NullableNumber(r.last_year)}, {"trend", trend}});
    }
    array weeks, hotspots, nbs, districts;
    for (const auto& w : p.trend_weeks) weeks.push_back(value(w.Code()));
    for (const auto& h : p.hotspots)
        hotspots.push_back({{"neighbourhood", AreaRef(*h.neighbourhood)},
                            {"category", {{"id", h.category->id}, {"code", h.category->code}, {"name", h.category->name_sv},
                                          {"name_en", h.category->name_en}}},
                            {"count", h.count},
                            {"baseline", std::round(h.baseline * 100) / 100},
                            {"probability", h.probability}});
    for (const auto& n : p.neighbourhoods)
        nbs.push_back({{"id", n.area->id}, {"name", n.area->name}, {"count", n.count}, {"previous", n.previous}});
    for (std::size_t d = 0; d < p.districts.size(); ++d) {
        // The district's weekly totals over the trend weeks (the per-category matrix is in the xlsx).
        array weekly;
        for (std::size_t w = 0; w < p.trend_weeks.size(); ++w) {
            std::uint32_t n = 0;
            for (std::size_t c = 0; c < p.categories.size(); ++c) n += p.district_trend[d][c][w];
            weekly.push_back(n);
        }
        districts.push_back({{"id", p.districts[d].area->id}, {"name", p.districts[d].area->name},
                             {"count", p.districts[d].count}, {"previous", p.districts[d].previous}, {"weekly", weekly}});
    }
    value note = nullptr;
    if (auto n = service.Note(p.area->id, p.period.Code()))
        note = object{{"analysis", n->analysis}, {"focus", http::Strings(n->focus)}, {"updated_by", n->updated_by},
                      {"updated_at", n->updated_at}};
    array indicators;
    for (const auto& i : service.IndicatorsOf(p.area->id)) {
        const org::Area* a = service.areas().Get(i.area_id);
        indicators.push_back({{"area", a ? value(AreaRef(*a)) : value{{"id", i.area_id}, {"name", i.area_id}, {"kind", nullptr}}},
                              {"year", i.year}, {"indicator", i.indicator}, {"value", i.value}});
    }
    return object{
        {"area", AreaRef(*p.area)},
        {"period", {{"code", p.period.Code()}, {"name", p.period.NameSv()}, {"start", FormatDay(p.period.start)},
                    {"end", FormatDay(p.period.end - 1)}}},
        {"previous", PeriodRef(p.previous)},
        {"last_year", p.last_year ? value(PeriodRef(*p.last_year)) : value(nullptr)},
        {"reference_date", FormatDay(p.reference_day)},
        {"method", {{"text", MethodText(p.period.kind)}, {"min_count", kHotspotMinCount},
                    {"baseline_periods", BaselinePeriods(p.period.kind)}, {"max_probability", kHotspotMaxProbability}}},
        {"totals", {{"count", p.total}, {"previous", p.previous_total}, {"last_year", http::NullableNumber(p.last_year_total)}}},
        {"categories", cats},
        {"trend_weeks", weeks},
        {"hotspots", hotspots},
        {"neighbourhoods", nbs},
        {"districts", districts},
        {"unplaced", p.unplaced},
        {"note", note},
        {"safety_indicators", indicators},
        {"permissions", {{"edit_note", edit_note}, {"read_incidents", read_incidents}}},
        {"incidents_indexed", p.incidents_indexed}};
}

object JobJson(const ImportRecord& r, const std::shared_ptr<ImportJob>& job) {
    object o{{"id", r.id},
             {"format", r.format},
             {"file_name", r.file_name},
             {"status", r.status},
             {"started_at", r.started_at},
             {"finished_at", Nullable(r.finished_at)}};
    bool done = r.status != "running";
    object progress{{"fraction", done ? 1.0 : 0.0},
                    {"processed", r.total},
                    {"accepted", r.accepted},
                    {"duplicates", r.duplicates},
                    {"rejected", r.rejected}};
    if (job && !done) {
        progress = {{"fraction", job->progress.fraction.load()},
                    {"processed", job->progress.processed.load()},
                    {"accepted", job->progress.accepted.load()},
                    {"duplicates", job->progress.duplicates.load()},
                    {"rejected", job->progress.rejected.load()}};
    }
    o["progress"] = progress;
    value summary = nullptr;
    if (done) {
        boost::json::error_code ec;
        summary = boost::json::parse(r.summary, ec);
        if (ec) summary = nullptr;
    }
    o["summary"] = summary;
    return o;
}

std::string FileNameOf(const http::Request& req, const std::string& fallback) {
    auto n = req.QueryParam("file_name");
    std::string name = n && !n->empty() ? *n : fallback;
    if (name.size() > 200) name.resize(200);
    for (char& c : name)
        if (static_cast<unsigned char>(c) < 0x20) c = '_';
    return name;
}

std::string AttachmentName(const Picture& p, const char* ext) {
    std::string name = "lagesbild-" + p.period.Code() + "." + ext;
    return "attachment; filename=\"" + name + "\"";
}

}  // namespace

void RegisterEstRoutes(http::Router& router, EstService& service, const org::AreaCatalog& areas, const DataVersion& version) {
    http::RouteOptions uploads;
    uploads.body_types = {"text/csv", "application/x-ndjson", "application/octet-stream", "text/plain"};

    // --- Reference data ---
    router.Add("GET", "/api/v1/incident-categories", [&](const http::Context& ctx) {
        service.RequireReadSetup(ctx.actor);
        array items;
        for (const auto& c : service.reference()->categories) items.push_back(CategoryJson(c));
        return Json(object{{"items", items}});
    });
    router.Add("POST", "/api/v1/incident-categories", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"code", "name_sv", "name_en"});
        Category c = service.CreateCategory(ctx.actor, body.RequiredString("code", 40), body.RequiredString("name_sv", 80),
                                            body.RequiredString("name_en", 80));
        return Json(CategoryJson(c), 201);
    });
    router.Add("PATCH", "/api/v1/incident-categories/{id}", [&](const http::Context& ctx) {
        const std::string& raw = ctx.request.path_params.at("id");
        int id = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
        if (ec != std::errc() || end != raw.data() + raw.size()) throw NotFoundError("No incident category with id " + raw + ".");
        http::JsonBody body(ctx.request.body, {"name_sv", "name_en", "retired"});
        std::optional<bool> retired;
        if (auto* r = body.object().if_contains("retired")) {
            if (!r->is_bool()) throw ValidationError("retired must be true or false.", "retired");
            retired = r->as_bool();
        }
        return Json(CategoryJson(service.UpdateCategory(ctx.actor, id, body.OptionalString("name_sv", 80),
                                                        body.OptionalString("name_en", 80), retired)));
    });
    router.Add("GET", "/api/v1/places", [&](const http::Context& ctx) {
        service.RequireReadSetup(ctx.actor);
        array items;
        for (const auto& p : service.reference()->places) items.push_back(PlaceJson(p, areas, service.clock().TodayStockholm()));
        return Json(object{{"items", items}});
    });
    router.Add("POST", "/api/v1/places", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"name", "kind", "lat", "lon"});
        auto lat = http::NumberField(body.object(), "lat", "lat");
        auto lon = http::NumberField(body.object(), "lon", "lon");
        if (!lat) throw ValidationError("lat is required.", "lat");
        if (!lon) throw ValidationError("lon is required.", "lon");
        Place p = service.CreatePlace(ctx.actor, body.RequiredString("name", 120), body.RequiredString("kind", 20), *lat, *lon);
        return Json(PlaceJson(p, areas, service.clock().TodayStockholm()), 201);
    });
    router.Add("GET", "/api/v1/police-type-mappings", [&](const http::Context& ctx) {
        service.RequireReadSetup(ctx.actor);
        array items;
        auto ref = service.reference();
        // Police types are matched and kept in lower case.
        for (const auto& [type, cat] : ref->police_types) items.push_back({{"police_type", type}, {"category_id", cat}});
        return Json(object{{"items", items}});
    });
    router.Add("PUT", "/api/v1/police-type-mappings/{type}", [&](const http::Context& ctx) {
        std::string type = ctx.request.path_params.at("type");
        if (type.empty() || type.size() > 120) throw ValidationError("The police type must be 1–120 characters.", "police_type");
        http::JsonBody body(ctx.request.body, {"category_id"});
        auto cat = http::NumberField(body.object(), "category_id", "category_id");
        if (!cat || *cat != static_cast<int>(*cat)) throw ValidationError("category_id must be a category's id.", "category_id");
        service.SetPoliceMapping(ctx.actor, LowerSv(type), static_cast<int>(*cat));
        return Json(object{{"police_type", LowerSv(type)}, {"category_id", static_cast<int>(*cat)}});
    });
    router.Add("DELETE", "/api/v1/police-type-mappings/{type}", [&](const http::Context& ctx) {
        service.DeletePoliceMapping(ctx.actor, LowerSv(ctx.request.path_params.at("type")));
        http::Response r;
        r.status = 204;
        return r;
    });

    // --- Incident reports ---
    router.Add("POST", "/api/v1/incidents", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body,
                            {"occurred_at", "category", "place_id", "lat", "lon", "source_organisation_id", "severity", "text"});
        IncidentDraft d;
        d.occurred_text = body.RequiredString("occurred_at", 40);
        d.occurred_utc = ParseInstant(d.occurred_text);
        if (!d.occurred_utc)
            throw ValidationError("occurred_at '" + d.occurred_text + "' is not a time like 2026-11-27T14:05.", "occurred_at");
        const auto& o = body.object();
        if (auto* c = o.if_contains("category"); c && c->is_int64()) d.category = std::to_string(c->as_int64());
        else d.category = body.RequiredString("category", 80);
        d.place = body.OptionalString("place_id", 64).value_or("");
        d.lat = http::NumberField(o, "lat", "lat");
        d.lon = http::NumberField(o, "lon", "lon");
        d.source_org = body.OptionalString("source_organisation_id", 64).value_or("");
        if (auto sev = http::NumberField(o, "severity", "severity")) {
            if (*sev != static_cast<int>(*sev)) throw ValidationError("severity must be 1, 2 or 3.", "severity");
            d.severity = static_cast<int>(*sev);
        }
        d.text = body.OptionalText("text", 4000).value_or("");
        StoredIncident s = service.File(ctx.actor, d);
        http::Response r = Json(IncidentJson(s, *service.reference(), areas), 201);
        r.SetHeader("Location", "/api/v1/incidents/" + std::to_string(s.id));
        return r;
    });
    router.Add("GET", "/api/v1/incidents", [&](const http::Context& ctx) {
        std::string area = RequireParam(ctx.request, "area");
        Period period = RequirePeriod(ctx.request, service.clock().TodayStockholm());
        std::optional<int> category;
        if (ctx.request.QueryParam("category")) category = IntParam(ctx.request, "category", 0, 1, 250);
        int limit = IntParam(ctx.request, "limit", 50, 1, 500);
        int offset = IntParam(ctx.request, "offset", 0, 0, 100000000);
        auto [items, total] = service.List(ctx.actor, area, period, category, limit, offset);
        auto ref = service.reference();
        array out;
        for (const auto& s : items) out.push_back(IncidentJson(s, *ref, areas));
        return Json(object{{"items", out}, {"total", total}});
    });
    router.Add("GET", "/api/v1/incidents/{id}", [&](const http::Context& ctx) {
        const std::string& raw = ctx.request.path_params.at("id");
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
        if (ec != std::errc() || end != raw.data() + raw.size()) throw NotFoundError("No incident report with id " + raw + ".");
        return Json(IncidentJson(service.Get(ctx.actor, id), *service.reference(), areas));
    });
    router.Add(
        "POST", "/api/v1/incidents:bulk",
        [&](const http::Context& ctx) {
            std::istringstream in(ctx.request.body);
            ImportSummary s = service.ImportNow(ctx.actor, ImportFormat::kNdjson, in, ctx.request.body.size(),
                                                FileNameOf(ctx.request, "bulk.ndjson"));
            return Json(s.ToJson());
        },
        uploads);

    router.Add(
        "POST", "/api/v1/incident-imports",
        [&](const http::Context& ctx) {
            std::string fmt = RequireParam(ctx.request, "format");
            auto format = ParseImportFormat(fmt);
            if (!format) throw ValidationError("format must be polisen, csv or ndjson.", "format");
            std::string name = FileNameOf(ctx.request, "upload." + fmt);
            auto job = service.StartImport(ctx.actor, *format, ctx.request.body, name);
            http::Response r = Json(object{{"id", job->id}, {"status", "running"}, {"format", job->format},
                                           {"file_name", job->file_name}},
                                    202);
            r.SetHeader("Location", "/api/v1/incident-imports/" + job->id);
            return r;
        },
        uploads);
    router.Add("GET", "/api/v1/incident-imports/{id}", [&](const http::Context& ctx) {
        const std::string& id = ctx.request.path_params.at("id");
        return Json(JobJson(service.Imports(ctx.actor, id).front(), service.Job(id)));
    });
    router.Add("GET", "/api/v1/incident-imports", [&](const http::Context& ctx) {
        array items;
        for (const auto& r : service.Imports(ctx.actor, std::nullopt)) items.push_back(JobJson(r, service.Job(r.id)));
        return Json(object{{"items", items}});
    });

    // --- Pictures ---
    router.Add("GET", "/api/v1/situation-areas", [&](const http::Context& ctx) {
        service.RequireReadSetup(ctx.actor);
        array items;
        for (const org::Area* a : service.PictureAreas(ctx.actor))
            items.push_back({{"id", a->id}, {"name", a->name}, {"kind", a->kind}});
        return Json(object{{"items", items}});
    });
    // A picture's JSON is cached per area, period, filter and what the reader may do with it, until
    // the next write on this instance or new incidents in the index (CLI imports, other instances).
    auto cache = std::make_shared<ReadCache>(std::chrono::seconds(5), 512);
    router.Add("GET", "/api/v1/situation-picture", [&, cache](const http::Context& ctx) {
        std::string area = RequireParam(ctx.request, "area");
        Period period = RequirePeriod(ctx.request, service.clock().TodayStockholm());
        PictureFilter filter = FilterOf(ctx.request);
        service.RequirePicture(ctx.actor, area);
        bool edit = service.Allows(ctx.actor, auth::Action::kEditSituationNote, area);
        bool read = service.Allows(ctx.actor, auth::Action::kReadIncidentText, area);
        std::string key = area + "|" + period.Code() + "|" + filter.source_org_id.value_or("") + "|" +
                          std::to_string(filter.min_severity.value_or(0)) + "|" + (edit ? "e" : "") + (read ? "r" : "") +
                          "|" + std::to_string(service.index().last_id());
        std::uint64_t v = version.Get();
        if (auto hit = cache->Get(key, v)) return http::Response::Json(std::move(*hit));
        Picture p = BuildPicture(service.index(), areas, *service.reference(), area, period, filter);
        std::string body = boost::json::serialize(PictureJson(p, service, edit, read));
        cache->Put(key, v, body);
        return http::Response::Json(std::move(body));
    });
    auto exported = [&](const http::Context& ctx, bool xlsx) {
        std::string area = RequireParam(ctx.request, "area");
        Period period = RequirePeriod(ctx.request, service.clock().TodayStockholm());
        service.RequirePicture(ctx.actor, area);
        Picture p = BuildPicture(service.index(), areas, *service.reference(), area, period, FilterOf(ctx.request));
        PictureExtras extras;
        if (auto n = service.Note(area, period.Code())) extras = {n->analysis, n->focus};
        http::Response r;
        r.content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf";
        r.body = xlsx ? PictureXlsx(p, extras) : PicturePdf(p, extras, service.clock().NowUtc());
        r.SetHeader("Content-Disposition", AttachmentName(p, xlsx ? "xlsx" : "pdf"));
        return r;
    };
    router.Add("GET", "/api/v1/situation-picture.xlsx", [exported](const http::Context& ctx) { return exported(ctx, true); });
    router.Add("GET", "/api/v1/situation-picture.pdf", [exported](const http::Context& ctx) { return exported(ctx, false); });
    router.Add("PUT", "/api/v1/situation-notes/{area}/{period}", [&](const http::Context& ctx) {
        auto period = ParsePeriod(ctx.request.path_params.at("period"));
        if (!period) throw NotFoundError("No period " + ctx.request.path_params.at("period") + ".");
        http::JsonBody body(ctx.request.body, {"analysis", "focus"});
        std::string analysis = body.OptionalText("analysis", 10000).value_or("");
        std::vector<std::string> focus;
        if (body.object().if_contains("focus")) {
            const auto& items = http::ArrayField(body.object(), "focus", "focus", 20);
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (!items[i].is_string()) throw ValidationError("focus items must be strings.", "focus[" + std::to_string(i) + "]");
                std::string f(items[i].as_string());
                if (f.empty() || f.size() > 200)
                    throw ValidationError("A focus place is 1–200 characters.", "focus[" + std::to_string(i) + "]");
                for (char c : f)
                    if (static_cast<unsigned char>(c) < 0x20)
                        throw ValidationError("A focus place is one line of text.", "focus[" + std::to_string(i) + "]");
                focus.push_back(f);
            }
        }
        SituationNote n = service.SaveNote(ctx.actor, ctx.request.path_params.at("area"), *period, analysis, focus);
        return Json(object{{"area_id", n.area_id}, {"period", n.period}, {"analysis", n.analysis},
                           {"focus", http::Strings(n.focus)}, {"updated_by", n.updated_by}, {"updated_at", n.updated_at}});
    });

    // --- Reporting duty ---
    router.Add("GET", "/api/v1/reporting-duties", [&](const http::Context& ctx) {
        Period week = RequirePeriod(ctx.request, service.clock().TodayStockholm(), "week");
        if (week.kind != PeriodKind::kWeek) throw ValidationError("week must be an ISO week like 2026-W48.", "week");
        array items;
        for (const auto& d : service.Duties(ctx.actor, week))
            items.push_back({{"user", {{"id", d.user_id}, {"username", d.username}, {"display_name", d.display_name}}},
                             {"area", AreaRef(areas, d.area_id)},
                             {"reported", d.incidents > 0 || d.nil_return},
                             {"incidents", d.incidents},
                             {"nil_return", d.nil_return}});
        return Json(object{{"week", week.Code()}, {"items", items}});
    });
    router.Add("GET", "/api/v1/reporting-duties/candidates", [&](const http::Context& ctx) {
        array items;
        for (const auto& u : service.DutyCandidates(ctx.actor))
            items.push_back({{"id", u[0]}, {"username", u[1]}, {"display_name", u[2]}});
        return Json(object{{"items", items}});
    });
    router.Add("POST", "/api/v1/reporting-duties", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"user_id", "area_id"});
        std::string user = body.RequiredString("user_id", 64), area = body.RequiredString("area_id", 64);
        service.AddDuty(ctx.actor, user, area);
        return Json(object{{"user_id", user}, {"area", AreaRef(areas, area)}}, 201);
    });
    router.Add("DELETE", "/api/v1/reporting-duties/{user}/{area}", [&](const http::Context& ctx) {
        service.RemoveDuty(ctx.actor, ctx.request.path_params.at("user"), ctx.request.path_params.at("area"));
        http::Response r;
        r.status = 204;
        return r;
    });
    router.Add("GET", "/api/v1/my-reporting", [&](const http::Context& ctx) {
        Period week = RequirePeriod(ctx.request, service.clock().TodayStockholm(), "week");
        if (week.kind != PeriodKind::kWeek) throw ValidationError("week must be an ISO week like 2026-W48.", "week");
        std::vector<std::string> mine;
        DutyStatus s = service.MyWeek(ctx.actor, week, &mine);
        array list;
        for (const auto& a : mine) list.push_back(AreaRef(areas, a));
        return Json(object{{"week", week.Code()}, {"areas", list}, {"incidents", s.incidents}, {"nil_return", s.nil_return},
                           {"reported", s.incidents > 0 || s.nil_return}});
    });
    router.Add("POST", "/api/v1/nil-returns", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"week"});
        auto week = ParsePeriod(body.RequiredString("week", 10));
        if (!week || week->kind != PeriodKind::kWeek) throw ValidationError("week must be an ISO week like 2026-W48.", "week");
        service.NilReturn(ctx.actor, *week);
        return Json(object{{"week", week->Code()}, {"nil_return", true}}, 201);
    });

    // --- Safety survey ---
    router.Add(
        "POST", "/api/v1/safety-indicators:import",
        [&](const http::Context& ctx) { return Json(service.ImportSafety(ctx.actor, ctx.request.body).ToJson()); }, uploads);
    router.Add("GET", "/api/v1/safety-indicators", [&](const http::Context& ctx) {
        std::string area = RequireParam(ctx.request, "area");
        array items;
        for (const auto& i : service.Indicators(ctx.actor, area))
            items.push_back({{"area", AreaRef(areas, i.area_id)}, {"year", i.year}, {"indicator", i.indicator}, {"value", i.value}});
        return Json(object{{"items", items}});
    });
}

}  // namespace samverkan::est
