#include "plans/plan_handler.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"
#include "plans/plan_export.hpp"

namespace samverkan::plans {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using http::Nullable;
using http::NullableNumber;

http::Response Json(const value& v, int status = 200) {
    http::Response r = http::Response::Json(boost::json::serialize(v));
    r.status = status;
    return r;
}

http::Response NoContent() {
    http::Response r;
    r.status = 204;
    return r;
}

// Everything a JSON answer needs to name things.
struct Names {
    const org::AreaCatalog& areas;
    std::map<std::string, std::string> organisations;
    std::shared_ptr<const est::Reference> ref;
    est::Day today;
};

Names NamesOf(PlanService& s) {
    return {s.areas(), s.OrganisationNames(), s.est().reference(), est::StockholmDay(s.clock().EpochSeconds())};
}

// The document's AreaRef {id, name, kind}, the shape the situation picture and agreements use too.
value AreaRef(const org::AreaCatalog& areas, const std::optional<std::string>& id) {
    if (!id) return nullptr;
    const org::Area* a = areas.Get(*id);
    return object{{"id", *id}, {"name", a ? a->name : *id}, {"kind", a ? value(a->kind) : value(nullptr)}};
}

value OrgRef(const Names& n, const std::string& id) {
    auto it = n.organisations.find(id);
    return object{{"id", id}, {"name", it == n.organisations.end() ? id : it->second}};
}

object RollupJson(const Rollup& r) {
    object by;
    for (MeasureStatus s : kAllStatuses) by[StatusName(s)] = r.by_status[static_cast<std::size_t>(s)];
    return {{"measures", r.measures},
            {"by_status", by},
            {"overdue", r.overdue},
            {"progress", NullableNumber(r.Progress())}};
}

object PlanSummaryJson(const Plan& p, const Rollup& r, bool can_edit, const Names& n) {
    return {{"id", p.id},
            {"scope", p.scope},
            {"district", AreaRef(n.areas, p.district_id)},
            {"title", p.title},
            {"period_start", p.period_start},
            {"period_end", p.period_end},
            {"can_edit", can_edit},
            {"rollup", RollupJson(r)}};
}

object IndicatorJson(const Indicator& x, const Names& n) {
    value binding = nullptr;
    if (x.source == "situation_picture") {
        const est::Category* c = x.category_id ? n.ref->CategoryById(*x.category_id) : nullptr;
        array areas;
        for (const auto& id : x.area_ids) areas.push_back(AreaRef(n.areas, id));
        binding = object{{"category_id", NullableNumber(x.category_id)},
                         {"category_name", c ? value(c->name_sv) : value(nullptr)},
                         {"areas", areas}};
    }
    array values;
    for (const IndicatorValue& v : x.values)
        values.push_back({{"period", v.period}, {"value", v.value}, {"source", v.source}, {"partial", v.partial}});
    value latest = nullptr;
    if (!x.values.empty()) latest = object{{"period", x.values.back().period}, {"value", x.values.back().value}};
    return {{"id", x.id},
            {"goal_id", Nullable(x.goal_id)},
            {"measure_id", Nullable(x.measure_id)},
            {"name", x.name},
            {"unit", x.unit},
            {"baseline", NullableNumber(x.baseline)},
            {"target", NullableNumber(x.target)},
            {"source", x.source},
            {"binding", binding},
            {"values", values},
            {"latest", latest}};
}

// A situation-picture evidence link carries its live figure.
object ProblemJson(const Problem& p, PlanService& service) {
    array evidence;
    for (std::size_t i = 0; i < p.evidence.size(); ++i) {
        const Evidence& e = p.evidence[i];
        object o{{"kind", e.kind}, {"label", e.label}};
        if (e.kind == "source")
            o["url"] = Nullable(e.url);
        else {
            o["area_id"] = Nullable(e.area_id);
            o["category_id"] = NullableNumber(e.category_id);
            o["period"] = Nullable(e.period);
            auto figure = service.EvidenceFigure(e);
            o["figure"] = figure ? value(*figure) : value(nullptr);
        }
        evidence.push_back(std::move(o));
    }
    return {{"id", p.id},
            {"rank", p.rank},
            {"title", p.title},
            {"description", p.description},
            {"focus_area_code", Nullable(p.focus_area_code)},
            {"triangle", {{"offender", p.offender}, {"target", p.target}, {"place", p.place}}},
            {"evidence", evidence}};
}

object GoalJson(const Goal& g, const std::vector<Indicator>& indicators, const Rollup* rollup, const Names& n) {
    array xs;
    for (const Indicator& x : indicators)
        if (x.goal_id == g.id) xs.push_back(IndicatorJson(x, n));
    object o{{"id", g.id},         {"code", g.code},
             {"title", g.title},   {"description", g.description},
             {"origin", g.origin}, {"agreement_item_code", Nullable(g.agreement_item_code)},
             {"indicators", xs}};
    if (rollup) o["rollup"] = RollupJson(*rollup);
    return o;
}

object MeasureJson(const Measure& m, bool can_update, const std::vector<Indicator>& indicators, const Names& n) {
    array owners, statuses, xs;
    for (const auto& o : m.owner_ids) owners.push_back(OrgRef(n, o));
    for (MeasureStatus s : AllowedMoves(m.status)) statuses.emplace_back(StatusName(s));
    for (const Indicator& x : indicators)
        if (x.measure_id == m.id) xs.push_back(IndicatorJson(x, n));
    auto end = est::ParseDay(m.end_date);
    std::optional<int> progress = m.status == MeasureStatus::kDone ? std::optional(100) : m.progress;
    return {{"id", m.id},
            {"plan_id", m.plan_id},
            {"title", m.title},
            {"description", m.description},
            {"type", m.type},
            {"horizon", m.horizon},
            {"status", StatusName(m.status)},
            {"start_date", m.start_date},
            {"end_date", m.end_date},
            {"responsible", m.responsible},
            {"owner_organisations", owners},
            {"goal_ids", http::Strings(m.goal_ids)},
            {"problem_ids", http::Strings(m.problem_ids)},
            {"progress", NullableNumber(progress)},
            {"last_follow_up_on", Nullable(m.progress_on)},
            {"overdue", end && IsOverdue(*end, m.status, n.today)},
            {"allowed_statuses", statuses},
            {"can_update", can_update},
            {"indicators", xs}};
}

object FollowUpJson(const FollowUp& f) {
    return {
        {"id", f.id},
        {"date", f.date},
        {"note", f.note},
        {"progress", f.progress},
        {"recorded_by", f.recorded_by ? value{{"id", *f.recorded_by}, {"name", f.recorded_by_name}} : value(nullptr)},
        {"recorded_at", f.recorded_at}};
}

object CommentJson(const Comment& c) {
    return {{"id", c.id},
            {"measure_id", Nullable(c.measure_id)},
            {"author", {{"id", c.author_id}, {"name", c.author_name}}},
            {"body", c.body},
            {"created_at", c.created_at}};
}

object PromiseJson(const CitizenPromise& p, bool can_edit, const Names& n) {
    array signatories, activities, follow_ups;
    for (const Signatory* s : {&p.city, &p.police})
        if (!s->name.empty())
            signatories.push_back(
                {{"party", s->party}, {"name", s->name}, {"title", s->title}, {"signed_on", Nullable(s->signed_on)}});
    for (const auto& a : p.activities)
        activities.push_back({{"id", a.id},
                              {"title", a.title},
                              {"responsible", a.responsible},
                              {"due_date", Nullable(a.due_date)},
                              {"status", a.status}});
    for (const auto& f : p.follow_ups)
        follow_ups.push_back({{"id", f.id}, {"date", f.date}, {"note", f.note}, {"progress", f.progress}});
    return {{"id", p.id},
            {"title", p.title},
            {"description", p.description},
            {"district", AreaRef(n.areas, p.district_id)},
            {"police_area", AreaRef(n.areas, p.police_area_id)},
            {"period_start", p.period_start},
            {"period_end", p.period_end},
            {"signatories", signatories},
            {"signed", p.Signed()},
            {"public", p.is_public},
            {"activities", activities},
            {"follow_ups", follow_ups},
            {"can_edit", can_edit}};
}

std::optional<std::vector<std::string>> StringList(const boost::json::object& o, std::string_view key,
                                                   std::size_t max) {
    if (!o.contains(key) || o.at(key).is_null()) return std::nullopt;
    const auto& a = http::ArrayField(o, key, std::string(key), max);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string() || a[i].as_string().empty() || a[i].as_string().size() > 64)
            throw ValidationError(std::string(key) + "[" + std::to_string(i) + "] must be an id (a non-empty string).",
                                  std::string(key));
        out.emplace_back(a[i].as_string());
    }
    return out;
}

MeasureInput MeasureInputOf(const http::Request& req) {
    http::JsonBody body(req.body, {"title", "description", "type", "horizon", "status", "start_date", "end_date",
                                   "responsible", "owner_organisation_ids", "goal_ids", "problem_ids"});
    // A field sent as null would silently mean "leave as it is": say so instead.
    for (const auto& [key, v] : body.object())
        if (v.is_null())
            throw ValidationError("Field '" + std::string(key) + "' must not be null; leave it out to keep its value.",
                                  std::string(key));
    MeasureInput in;
    in.title = body.OptionalString("title", 800);
    in.description = body.OptionalText("description", 16000);
    in.type = body.OptionalString("type", 40);
    in.horizon = body.OptionalString("horizon", 40);
    in.status = body.OptionalString("status", 40);
    in.start_date = body.OptionalString("start_date", 40);
    in.end_date = body.OptionalString("end_date", 40);
    in.responsible = body.OptionalString("responsible", 800);
    in.owner_ids = StringList(body.object(), "owner_organisation_ids", 10);
    in.goal_ids = StringList(body.object(), "goal_ids", 50);
    in.problem_ids = StringList(body.object(), "problem_ids", 50);
    return in;
}

ProblemInput ProblemInputOf(const http::Request& req) {
    http::JsonBody body(req.body, {"title", "description", "focus_area_code", "triangle", "evidence"});
    const auto& o = body.object();
    ProblemInput in;
    in.title = body.OptionalString("title", 800);
    in.description = body.OptionalText("description", 16000);
    if (auto* f = o.if_contains("focus_area_code"); f && f->is_null())
        in.clear_focus_area = true;
    else
        in.focus_area_code = body.OptionalString("focus_area_code", 80);
    if (auto* t = o.if_contains("triangle"); t && !t->is_null()) {
        const auto& tri = http::AsObject(*t, "triangle");
        http::RejectUnknownFields(tri, {"offender", "target", "place"}, "triangle");
        in.offender = http::StringField(tri, "offender", "triangle.offender", 8000, true);
        in.target = http::StringField(tri, "target", "triangle.target", 8000, true);
        in.place = http::StringField(tri, "place", "triangle.place", 8000, true);
    }
    if (o.contains("evidence") && !o.at("evidence").is_null()) {
        const auto& a = http::ArrayField(o, "evidence", "evidence", 20);
        std::vector<Evidence> ev;
        for (std::size_t i = 0; i < a.size(); ++i) {
            std::string path = "evidence[" + std::to_string(i) + "]";
            const auto& e = http::AsObject(a[i], path);
            http::RejectUnknownFields(e, {"kind", "label", "url", "area_id", "category_id", "period"}, path);
            Evidence x;
            x.kind = http::RequiredStringField(e, "kind", path + ".kind", 40);
            x.label = http::RequiredStringField(e, "label", path + ".label", 1200);
            x.url = http::StringField(e, "url", path + ".url", 1000);
            x.area_id = http::StringField(e, "area_id", path + ".area_id", 64);
            x.period = http::StringField(e, "period", path + ".period", 20);
            if (auto c = http::NumberField(e, "category_id", path + ".category_id")) {
                if (*c != static_cast<int>(*c))
                    throw ValidationError("category_id must be a whole number.", path + ".category_id");
                x.category_id = static_cast<int>(*c);
            }
            ev.push_back(std::move(x));
        }
        in.evidence = std::move(ev);
    }
    return in;
}

int WholeNumber(const boost::json::object& o, std::string_view key, int lo, int hi) {
    auto v = http::NumberField(o, key, std::string(key));
    if (!v) throw ValidationError(std::string(key) + " is required.", std::string(key));
    if (*v != std::floor(*v) || *v < lo || *v > hi)
        throw ValidationError(
            std::string(key) + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ".",
            std::string(key));
    return static_cast<int>(*v);
}

PromiseInput PromiseInputOf(const http::Request& req) {
    http::JsonBody body(req.body, {"title", "description", "district_id", "police_area_id", "period_start",
                                   "period_end", "signatories", "public"});
    const auto& o = body.object();
    PromiseInput in;
    in.title = body.OptionalString("title", 1200);
    in.description = body.OptionalText("description", 16000);
    in.district_id = body.OptionalString("district_id", 64);
    in.police_area_id = body.OptionalString("police_area_id", 64);
    in.period_start = body.OptionalString("period_start", 40);
    in.period_end = body.OptionalString("period_end", 40);
    if (o.contains("signatories") && !o.at("signatories").is_null()) {
        const auto& a = http::ArrayField(o, "signatories", "signatories", 2);
        std::vector<Signatory> ss;
        for (std::size_t i = 0; i < a.size(); ++i) {
            std::string path = "signatories[" + std::to_string(i) + "]";
            const auto& s = http::AsObject(a[i], path);
            http::RejectUnknownFields(s, {"party", "name", "title", "signed_on"}, path);
            ss.push_back({http::RequiredStringField(s, "party", path + ".party", 20),
                          http::RequiredStringField(s, "name", path + ".name", 800),
                          http::StringField(s, "title", path + ".title", 800).value_or(""),
                          http::StringField(s, "signed_on", path + ".signed_on", 40)});
        }
        in.signatories = std::move(ss);
    }
    if (auto* p = o.if_contains("public"); p && !p->is_null()) {
        if (!p->is_bool()) throw ValidationError("public must be true or false.", "public");
        in.is_public = p->as_bool();
    }
    return in;
}

// A plan as its page shows it (GET and PATCH answer the same).
object PlanJson(const PlanView& v, PlanService& service) {
    Names n = NamesOf(service);
    const PlanDetail& d = v.detail;
    object o = PlanSummaryJson(d.plan, v.rollup, v.can_edit, n);
    o["agreement"] = d.plan.agreement_id && v.agreement_title
                         ? value{{"id", *d.plan.agreement_id}, {"title", *v.agreement_title}}
                         : value(nullptr);
    o["can_comment"] = v.can_comment;
    array focus, problems, goals, measures, comments;
    for (const auto& f : v.focus_areas) focus.push_back({{"code", f.code}, {"title", f.title}});
    for (const auto& p : d.problems) problems.push_back(ProblemJson(p, service));
    for (const auto& g : d.goals) goals.push_back(GoalJson(g, d.indicators, &v.goal_rollups.at(g.id), n));
    for (const auto& m : d.measures) measures.push_back(MeasureJson(m, v.can_update.at(m.id), d.indicators, n));
    for (const auto& c : d.comments) comments.push_back(CommentJson(c));
    o["focus_areas"] = focus;
    o["problems"] = problems;
    o["goals"] = goals;
    o["measures"] = measures;
    o["comments"] = comments;
    return o;
}

const std::string& Param(const http::Context& ctx, const char* name) { return ctx.request.path_params.at(name); }

http::Response Attachment(std::string body, const char* type, const std::string& name) {
    http::Response r;
    r.content_type = type;
    r.body = std::move(body);
    r.SetHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
}

std::string FileStem(const PlanExportData& d) {
    // An ASCII file name: å, ä and ö lose their dots, anything else unusual becomes '-'.
    std::string name = d.area_name;
    for (auto [from, to] :
         {std::pair{"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"Å", "a"}, {"Ä", "a"}, {"Ö", "o"}, {"é", "e"}})
        for (std::size_t at; (at = name.find(from)) != std::string::npos;)
            name.replace(at, std::string_view(from).size(), to);
    std::string s = "handlingsplan-";
    for (unsigned char c : name) s += std::isalnum(c) && c < 0x80 ? static_cast<char>(std::tolower(c)) : '-';
    return s;
}

}  // namespace

void RegisterPlanRoutes(http::Router& router, PlanServices& services) {
    PlanService& service = services.plans;
    http::RouteOptions csv;
    csv.body_types = {"text/csv", "text/plain", "application/octet-stream"};

    // --- Plans ---
    router.Add("GET", "/api/v1/plans", [&](const http::Context& ctx) {
        auto items = service.List(ctx.actor);
        Names n = NamesOf(service);
        array out;
        for (const auto& s : items) out.push_back(PlanSummaryJson(s.plan, s.rollup, s.can_edit, n));
        return Json(object{{"items", out}});
    });
    router.Add("GET", "/api/v1/plans/{id}", [&](const http::Context& ctx) {
        return Json(PlanJson(service.Get(ctx.actor, Param(ctx, "id")), service));
    });
    router.Add("PATCH", "/api/v1/plans/{id}", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"title", "period_start", "period_end"});
        service.UpdatePlan(ctx.actor, Param(ctx, "id"), body.OptionalString("title", 800),
                           body.OptionalString("period_start", 40), body.OptionalString("period_end", 40));
        return Json(PlanJson(service.Get(ctx.actor, Param(ctx, "id")), service));
    });

    // --- Problems and priorities ---
    router.Add("POST", "/api/v1/plans/{id}/problems", [&](const http::Context& ctx) {
        Problem p = service.AddProblem(ctx.actor, Param(ctx, "id"), ProblemInputOf(ctx.request));
        return Json(ProblemJson(p, service), 201);
    });
    router.Add("PATCH", "/api/v1/problems/{id}", [&](const http::Context& ctx) {
        return Json(
            ProblemJson(service.UpdateProblem(ctx.actor, Param(ctx, "id"), ProblemInputOf(ctx.request)), service));
    });
    router.Add("DELETE", "/api/v1/problems/{id}", [&](const http::Context& ctx) {
        service.DeleteProblem(ctx.actor, Param(ctx, "id"));
        return NoContent();
    });
    router.Add("PUT", "/api/v1/plans/{id}/priorities", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"problem_ids"});
        auto ids = StringList(body.object(), "problem_ids", 200);
        if (!ids)
            throw ValidationError("problem_ids is required: the plan's problem ids in their new order.", "problem_ids");
        array out;
        for (const auto& p : service.Reorder(ctx.actor, Param(ctx, "id"), *ids)) out.push_back(ProblemJson(p, service));
        return Json(object{{"problems", out}});
    });

    // --- Goals and indicators ---
    auto goal_input = [](const http::Request& req) {
        http::JsonBody body(req.body, {"code", "title", "description", "origin", "agreement_item_code"});
        GoalInput in;
        in.code = body.OptionalString("code", 80);
        in.title = body.OptionalString("title", 1200);
        in.description = body.OptionalText("description", 16000);
        in.origin = body.OptionalString("origin", 40);
        in.agreement_item_code = body.OptionalString("agreement_item_code", 80);
        return in;
    };
    // A goal is answered as the plan's page shows it: with its indicators and the roll-up of its measures.
    auto goal_answer = [&](const http::Context& ctx, const Goal& g, int status) {
        PlanView v = service.Get(ctx.actor, g.plan_id);
        return Json(GoalJson(g, v.detail.indicators, &v.goal_rollups[g.id], NamesOf(service)), status);
    };
    router.Add("POST", "/api/v1/plans/{id}/goals", [&, goal_input, goal_answer](const http::Context& ctx) {
        return goal_answer(ctx, service.AddGoal(ctx.actor, Param(ctx, "id"), goal_input(ctx.request)), 201);
    });
    router.Add("PATCH", "/api/v1/goals/{id}", [&, goal_input, goal_answer](const http::Context& ctx) {
        return goal_answer(ctx, service.UpdateGoal(ctx.actor, Param(ctx, "id"), goal_input(ctx.request)), 200);
    });
    router.Add("DELETE", "/api/v1/goals/{id}", [&](const http::Context& ctx) {
        service.DeleteGoal(ctx.actor, Param(ctx, "id"));
        return NoContent();
    });
    auto add_indicator = [&](const http::Context& ctx, const char* owner) {
        http::JsonBody body(ctx.request.body,
                            {"name", "unit", "baseline", "target", "source", "category_id", "area_ids"});
        const auto& o = body.object();
        IndicatorInput in;
        in.name = body.RequiredString("name", 800);
        in.unit = body.RequiredString("unit", 160);
        in.source = body.RequiredString("source", 40);
        in.baseline = http::NumberField(o, "baseline", "baseline");
        in.target = http::NumberField(o, "target", "target");
        if (o.contains("category_id") && !o.at("category_id").is_null())
            in.category_id = WholeNumber(o, "category_id", 1, 250);
        if (auto a = StringList(o, "area_ids", 20)) in.area_ids = *a;
        Indicator x = services.indicators.AddIndicator(ctx.actor, owner, Param(ctx, "id"), in);
        return Json(IndicatorJson(x, NamesOf(service)), 201);
    };
    router.Add("POST", "/api/v1/goals/{id}/indicators",
               [add_indicator](const http::Context& ctx) { return add_indicator(ctx, "goal"); });
    router.Add("POST", "/api/v1/measures/{id}/indicators",
               [add_indicator](const http::Context& ctx) { return add_indicator(ctx, "measure"); });
    router.Add("GET", "/api/v1/indicators/{id}", [&](const http::Context& ctx) {
        return Json(IndicatorJson(services.indicators.GetIndicator(ctx.actor, Param(ctx, "id")), NamesOf(service)));
    });
    router.Add("DELETE", "/api/v1/indicators/{id}", [&](const http::Context& ctx) {
        services.indicators.DeleteIndicator(ctx.actor, Param(ctx, "id"));
        return NoContent();
    });
    router.Add("PUT", "/api/v1/indicators/{id}/values/{period}", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"value"});
        auto v = http::NumberField(body.object(), "value", "value");
        if (!v) throw ValidationError("value is required.", "value");
        Indicator x = services.indicators.SetIndicatorValue(ctx.actor, Param(ctx, "id"), Param(ctx, "period"), v);
        return Json(IndicatorJson(x, NamesOf(service)));
    });
    router.Add("DELETE", "/api/v1/indicators/{id}/values/{period}", [&](const http::Context& ctx) {
        Indicator x = services.indicators.SetIndicatorValue(ctx.actor, Param(ctx, "id"), Param(ctx, "period"), std::nullopt);
        return Json(IndicatorJson(x, NamesOf(service)));
    });

    // --- Measures ---
    router.Add("POST", "/api/v1/plans/{id}/measures", [&](const http::Context& ctx) {
        Measure m = services.measures.CreateMeasure(ctx.actor, Param(ctx, "id"), MeasureInputOf(ctx.request));
        http::Response r = Json(MeasureJson(m, true, {}, NamesOf(service)), 201);
        r.SetHeader("Location", "/api/v1/measures/" + m.id);
        return r;
    });
    router.Add("GET", "/api/v1/measures/{id}", [&](const http::Context& ctx) {
        MeasureView v = services.measures.GetMeasure(ctx.actor, Param(ctx, "id"));
        object o = MeasureJson(v.measure, v.can_update, v.indicators, NamesOf(service));
        array follow_ups, comments;
        for (const auto& f : v.follow_ups) follow_ups.push_back(FollowUpJson(f));
        for (const auto& c : v.comments) comments.push_back(CommentJson(c));
        o["follow_ups"] = follow_ups;
        o["comments"] = comments;
        return Json(o);
    });
    router.Add("PATCH", "/api/v1/measures/{id}", [&](const http::Context& ctx) {
        Measure m = services.measures.UpdateMeasure(ctx.actor, Param(ctx, "id"), MeasureInputOf(ctx.request));
        MeasureView v = services.measures.GetMeasure(ctx.actor, m.id);
        return Json(MeasureJson(v.measure, v.can_update, v.indicators, NamesOf(service)));
    });
    router.Add("DELETE", "/api/v1/measures/{id}", [&](const http::Context& ctx) {
        services.measures.DeleteMeasure(ctx.actor, Param(ctx, "id"));
        return NoContent();
    });
    router.Add("POST", "/api/v1/measures/{id}/follow-ups", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"date", "note", "progress"});
        std::string date = body.RequiredString("date", 40);
        std::string note = body.OptionalText("note", 16000).value_or("");
        int progress = WholeNumber(body.object(), "progress", 0, 100);
        FollowUp f = services.measures.AddFollowUp(ctx.actor, Param(ctx, "id"), date, note, progress);
        return Json(FollowUpJson(f), 201);
    });
    router.Add("POST", "/api/v1/plans/{id}/comments", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"body", "measure_id"});
        std::string text = body.OptionalText("body", 16000).value_or("");
        Comment c = service.AddComment(ctx.actor, Param(ctx, "id"), body.OptionalString("measure_id", 64), text);
        return Json(CommentJson(c), 201);
    });

    // --- Citizen promises ---
    router.Add("GET", "/api/v1/citizen-promises", [&](const http::Context& ctx) {
        auto area = ctx.request.QueryParam("area");
        if (area && area->empty()) area.reset();
        Names n = NamesOf(service);
        array out;
        for (const auto& [p, edit] : services.promises.Promises(ctx.actor, area)) out.push_back(PromiseJson(p, edit, n));
        return Json(object{{"items", out}});
    });
    router.Add("GET", "/api/v1/citizen-promises/{id}", [&](const http::Context& ctx) {
        auto [p, edit] = services.promises.GetPromise(ctx.actor, Param(ctx, "id"));
        return Json(PromiseJson(p, edit, NamesOf(service)));
    });
    router.Add("POST", "/api/v1/citizen-promises", [&](const http::Context& ctx) {
        CitizenPromise p = services.promises.CreatePromise(ctx.actor, PromiseInputOf(ctx.request));
        return Json(PromiseJson(p, true, NamesOf(service)), 201);
    });
    router.Add("PATCH", "/api/v1/citizen-promises/{id}", [&](const http::Context& ctx) {
        CitizenPromise p = services.promises.UpdatePromise(ctx.actor, Param(ctx, "id"), PromiseInputOf(ctx.request));
        return Json(PromiseJson(p, true, NamesOf(service)));
    });
    router.Add("POST", "/api/v1/citizen-promises/{id}/activities", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"title", "responsible", "due_date", "status"});
        PromiseActivity a;
        a.title = body.OptionalString("title", 1200).value_or("");
        a.responsible = body.OptionalString("responsible", 800).value_or("");
        a.due_date = body.OptionalString("due_date", 40);
        a.status = body.OptionalString("status", 40).value_or("");
        a = services.promises.AddActivity(ctx.actor, Param(ctx, "id"), a);
        return Json(object{{"id", a.id},
                           {"title", a.title},
                           {"responsible", a.responsible},
                           {"due_date", Nullable(a.due_date)},
                           {"status", a.status}},
                    201);
    });
    router.Add("PATCH", "/api/v1/promise-activities/{id}", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"title", "responsible", "due_date", "status"});
        std::optional<std::optional<std::string>> due;
        if (body.object().contains("due_date")) due = body.OptionalString("due_date", 40);
        PromiseActivity a =
            services.promises.UpdateActivity(ctx.actor, Param(ctx, "id"), body.OptionalString("title", 1200),
                                   body.OptionalString("responsible", 800), due, body.OptionalString("status", 40));
        return Json(object{{"id", a.id},
                           {"title", a.title},
                           {"responsible", a.responsible},
                           {"due_date", Nullable(a.due_date)},
                           {"status", a.status}});
    });
    router.Add("POST", "/api/v1/citizen-promises/{id}/follow-ups", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"date", "note", "progress"});
        std::string date = body.RequiredString("date", 40);
        std::string note = body.OptionalText("note", 16000).value_or("");
        int progress = WholeNumber(body.object(), "progress", 0, 100);
        PromiseFollowUp f = services.promises.AddPromiseFollowUp(ctx.actor, Param(ctx, "id"), date, note, progress);
        return Json(object{{"id", f.id}, {"date", f.date}, {"note", f.note}, {"progress", f.progress}}, 201);
    });

    // --- Roll-up ---
    router.Add("GET", "/api/v1/plan-rollup", [&](const http::Context& ctx) {
        RollupView v = service.Rollups(ctx.actor);
        Names n = NamesOf(service);
        array districts, owners, goals, overdue, fa, pr;
        for (const auto& [plan, r] : v.districts)
            districts.push_back(
                {{"district", AreaRef(n.areas, plan->district_id)}, {"plan_id", plan->id}, {"rollup", RollupJson(r)}});
        for (const auto& [org, r] : v.owners)
            owners.push_back({{"organisation", OrgRef(n, org)}, {"rollup", RollupJson(r)}});
        for (const auto& g : v.goals)
            goals.push_back({{"goal_id", g.goal.id},
                             {"plan_id", g.goal.plan_id},
                             {"district", AreaRef(n.areas, g.plan ? g.plan->district_id : std::nullopt)},
                             {"code", g.goal.code},
                             {"title", g.goal.title},
                             {"rollup", RollupJson(g.rollup)}});
        for (const auto& o : v.overdue) {
            array orgs;
            for (const auto& id : o.measure->owner_ids) orgs.push_back(OrgRef(n, id));
            overdue.push_back({{"measure_id", o.measure->id},
                               {"plan_id", o.measure->plan_id},
                               {"district", AreaRef(n.areas, o.plan ? o.plan->district_id : std::nullopt)},
                               {"title", o.measure->title},
                               {"end_date", o.measure->end_date},
                               {"days_overdue", o.days_overdue},
                               {"status", StatusName(o.measure->status)},
                               {"owner_organisations", orgs}});
        }
        for (const auto& f : v.focus_areas) fa.push_back({{"code", f.code}, {"title", f.title}});
        for (const auto& [plan, ranks] : v.priorities) {
            object r;
            for (const auto& f : v.focus_areas) {
                auto it = ranks.find(f.code);
                r[f.code] = it == ranks.end() ? value(nullptr) : value(it->second);
            }
            pr.push_back({{"district", AreaRef(n.areas, plan->district_id)}, {"plan_id", plan->id}, {"ranks", r}});
        }
        return Json(object{{"today", v.today},
                           {"citywide", RollupJson(v.citywide)},
                           {"districts", districts},
                           {"owners", owners},
                           {"goals", goals},
                           {"overdue", overdue},
                           {"priorities", {{"focus_areas", fa}, {"districts", pr}}}});
    });

    // --- Export and import ---
    router.Add("GET", "/api/v1/plans/{id}/export.xlsx", [&](const http::Context& ctx) {
        PlanExportData d = service.ExportData(ctx.actor, Param(ctx, "id"));
        return Attachment(PlanXlsx(d, *service.est().reference()),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileStem(d) + ".xlsx");
    });
    router.Add("GET", "/api/v1/plans/{id}/measures.csv", [&](const http::Context& ctx) {
        return Attachment(services.measures.ExportMeasuresCsv(ctx.actor, Param(ctx, "id")), "text/csv; charset=utf-8",
                          "atgarder.csv");
    });
    router.Add("GET", "/api/v1/plans/{id}/follow-ups.csv", [&](const http::Context& ctx) {
        return Attachment(services.measures.ExportFollowUpsCsv(ctx.actor, Param(ctx, "id")), "text/csv; charset=utf-8",
                          "uppfoljningar.csv");
    });
    router.Add("GET", "/api/v1/plans/{id}/indicator-values.csv", [&](const http::Context& ctx) {
        return Attachment(services.indicators.ExportIndicatorValuesCsv(ctx.actor, Param(ctx, "id")), "text/csv; charset=utf-8",
                          "indikatorvarden.csv");
    });
    auto import_json = [](const ImportResult& r) {
        return Json(object{{"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged}});
    };
    router.Add(
        "POST", "/api/v1/plans/{id}/measures.csv",
        [&, import_json](const http::Context& ctx) {
            return import_json(services.measures.ImportMeasuresCsv(ctx.actor, Param(ctx, "id"), ctx.request.body));
        },
        csv);
    router.Add(
        "POST", "/api/v1/plans/{id}/follow-ups.csv",
        [&, import_json](const http::Context& ctx) {
            return import_json(services.measures.ImportFollowUpsCsv(ctx.actor, Param(ctx, "id"), ctx.request.body));
        },
        csv);
    router.Add(
        "POST", "/api/v1/plans/{id}/indicator-values.csv",
        [&, import_json](const http::Context& ctx) {
            return import_json(services.indicators.ImportIndicatorValuesCsv(ctx.actor, Param(ctx, "id"), ctx.request.body));
        },
        csv);
}

}  // namespace samverkan::plans
