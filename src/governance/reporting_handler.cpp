#include "governance/reporting_handler.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"
#include "reports/report_document.hpp"

namespace samverkan::governance {
namespace {

using http::Nullable;

using boost::json::array;
using boost::json::object;
using boost::json::value;


object ObligationJson(const ReportingObligation& o, const std::vector<ScheduledReport>& schedule) {
    array periods;
    for (const auto& s : schedule)
        periods.push_back({{"period_start", s.period.start}, {"period_end", s.period.end}, {"due_on", s.period.due_on},
                           {"report_id", Nullable(s.report_id)}, {"report_status", s.report_status},
                           {"tracking", s.tracking}});
    return {{"id", o.id}, {"group_id", o.group_id}, {"committee_id", o.committee_id}, {"cadence", o.cadence},
            {"due_days", o.due_days}, {"starts_on", o.starts_on}, {"periods", periods}};
}

// `today`: the Stockholm date by the injected clock, for what is overdue now.
object ReportJson(const ReportView& v, const std::string& today) {
    const reports::Report& r = v.report;
    array sections;
    for (const auto& s : r.sections) {
        array columns, rows;
        for (const auto& c : s.columns) columns.push_back(value(c));
        for (const auto& row : s.rows) {
            array cells;
            for (const auto& cell : row) cells.push_back(value(cell));
            rows.push_back(cells);
        }
        sections.push_back({{"key", s.key}, {"title", s.title}, {"body", s.body}, {"columns", columns}, {"rows", rows}});
    }
    array feedback;
    for (const auto& f : v.feedback) {
        array items;
        for (const auto& i : f.items)
            items.push_back({{"id", i.id}, {"request", i.request}, {"owner_name", i.owner_name}, {"owner_id", i.owner_id},
                             {"due_on", i.due_on}, {"status", i.status}, {"done_on", Nullable(i.done_on)}, {"note", i.note},
                             {"overdue", i.status == "open" && i.due_on < today}});
        feedback.push_back({{"id", f.id}, {"received_on", f.received_on}, {"from_id", f.from_id}, {"summary", f.summary},
                            {"requests", items}});
    }
    return {{"id", r.id},
            {"obligation_id", r.obligation_id},
            {"group_id", v.obligation.group_id},
            {"group_name", v.group_name},
            {"committee_id", v.obligation.committee_id},
            {"committee_name", v.committee_name},
            {"title", r.title},
            {"period_start", r.period_start},
            {"period_end", r.period_end},
            {"due_on", r.due_on},
            {"status", r.status},
            {"submitted_on", Nullable(r.submitted_on)},
            {"tracking", r.status == "submitted" ? "submitted" : r.due_on < today ? "overdue" : "due"},
            {"sections", sections},
            {"feedback", feedback}};
}

reports::ReportDocument Document(const ReportView& v, const std::string& created_at) {
    const reports::Report& r = v.report;
    std::string status = r.status == "submitted" ? "Inlämnad " + r.submitted_on.value_or("") : "Utkast";
    return {r.title,
            v.group_name,
            "Återrapportering till " + v.committee_name,
            {{"Från", v.group_name},
             {"Till", v.committee_name},
             {"Period", r.period_start + " – " + r.period_end},
             {"Senast", r.due_on},
             {"Status", status}},
            r.sections,
            created_at};
}

// A report as JSON, with what is overdue by the service's clock.
object ReportJson(const ReportingService& reporting, const ReportView& v) {
    return ReportJson(v, reporting.clock().TodayStockholm());
}

http::Response Download(std::string body, std::string type, const std::string& filename) {
    http::Response r;
    r.content_type = std::move(type);
    r.body = std::move(body);
    r.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    return r;
}

http::Response Json(const object& o, int status = 200) { return http::Response::Json(boost::json::serialize(o), status); }

}  // namespace

void RegisterReportingRoutes(http::Router& router, ReportingService& reporting, const DataVersion& version) {
    // A submitted report never changes, so its PDF is rendered once; drafts' previews follow the data.
    auto pdf_cache = std::make_shared<ReadCache>(std::chrono::milliseconds(0), 64);
    auto preview_cache = std::make_shared<ReadCache>(std::chrono::seconds(5), 256);
    router.Add("GET", "/api/v1/reporting", [&](const http::Context& ctx) {
        array items;
        for (const auto& [o, schedule] : reporting.List(ctx.actor, ctx.request.QueryParam("group_id").value_or("")))
            items.push_back(ObligationJson(o, schedule));
        return Json({{"items", items}});
    });

    router.Add("POST", "/api/v1/groups/{id}/obligations", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"committee_id", "cadence", "due_days", "starts_on"});
        ReportingObligation o;
        o.group_id = ctx.request.path_params.at("id");
        o.committee_id = body.RequiredString("committee_id", 64);
        o.cadence = body.RequiredString("cadence", 20);
        auto due = http::NumberField(body.object(), "due_days", "due_days");
        if (due && (*due != static_cast<int>(*due))) throw ValidationError("due_days must be a whole number", "due_days");
        o.due_days = due ? static_cast<int>(std::clamp(*due, -1.0, 1000.0)) : 30;
        o.starts_on = body.RequiredString("starts_on", 10);
        ReportingObligation saved = reporting.AddObligation(ctx.actor, o);
        for (const auto& [ob, schedule] : reporting.List(ctx.actor, saved.group_id))
            if (ob.id == saved.id) {
                http::Response r = Json(ObligationJson(ob, schedule), 201);
                r.SetHeader("Location", "/api/v1/reporting?group_id=" + saved.group_id);
                return r;
            }
        return Json(ObligationJson(saved, {}), 201);
    });

    router.Add("POST", "/api/v1/obligations/{id}/reports", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"period_start"});
        ReportView v = reporting.Draft(ctx.actor, ctx.request.path_params.at("id"), body.RequiredString("period_start", 10));
        http::Response r = Json(ReportJson(reporting, v), 201);
        r.SetHeader("Location", "/api/v1/reports/" + v.report.id);
        return r;
    });

    router.Add("GET", "/api/v1/obligations/{id}/preview", [&, preview_cache](const http::Context& ctx) {
        auto period = ctx.request.QueryParam("period_start");
        if (!period) throw ValidationError("period_start is required", "period_start");
        // Preview checks the period and the actor's right before anything is served from the cache.
        const std::string& id = ctx.request.path_params.at("id");
        std::uint64_t v = version.Get();
        std::string key = id + "|" + *period;
        reporting.CheckPreview(ctx.actor, id, *period);
        if (auto cached = preview_cache->Get(key, v)) return http::Response::Json(*cached);
        reports::Report r;
        r.sections = reporting.Preview(ctx.actor, id, *period);
        object o = ReportJson(reporting, {r, {}, "", "", {}});
        std::string body = boost::json::serialize(object{{"period_start", *period}, {"sections", o["sections"]}});
        preview_cache->Put(key, v, body);
        return http::Response::Json(std::move(body));
    });

    router.Add("GET", "/api/v1/reports/{id}", [&](const http::Context& ctx) {
        return Json(ReportJson(reporting, reporting.Get(ctx.actor, ctx.request.path_params.at("id"))));
    });

    router.Add("PUT", "/api/v1/reports/{id}", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"title", "sections"});
        std::vector<std::pair<std::string, std::string>> bodies;
        const array& sections = http::ArrayField(body.object(), "sections", "sections", 100);
        for (std::size_t i = 0; i < sections.size(); ++i) {
            std::string path = "sections[" + std::to_string(i) + "]";
            const object& s = http::AsObject(sections[i], path);
            http::RejectUnknownFields(s, {"key", "body"}, path);
            bodies.emplace_back(http::RequiredStringField(s, "key", path + ".key", 100),
                                http::StringField(s, "body", path + ".body", 50000, true).value_or(""));
        }
        return Json(ReportJson(reporting, reporting.Edit(ctx.actor, ctx.request.path_params.at("id"),
                                              body.OptionalString("title", 300).value_or(""), bodies)));
    });

    router.Add("POST", "/api/v1/reports/{id}/submit", [&](const http::Context& ctx) {
        return Json(ReportJson(reporting, reporting.Submit(ctx.actor, ctx.request.path_params.at("id"))));
    });

    router.Add("GET", "/api/v1/reports/{id}/pdf", [&, pdf_cache](const http::Context& ctx) {
        ReportView v = reporting.Get(ctx.actor, ctx.request.path_params.at("id"));
        std::string filename = "aterrapportering-" + v.report.period_start + ".pdf";
        if (v.report.status != "submitted") return Download(reports::RenderPdf(Document(v, reporting.clock().NowUtc())), "application/pdf", filename);
        if (auto cached = pdf_cache->Get(v.report.id, std::nullopt)) return Download(*cached, "application/pdf", filename);
        std::string pdf = reports::RenderPdf(Document(v, reporting.clock().NowUtc()));
        pdf_cache->Put(v.report.id, std::nullopt, pdf);
        return Download(std::move(pdf), "application/pdf", filename);
    });

    router.Add("GET", "/api/v1/reports/{id}/html", [&](const http::Context& ctx) {
        ReportView v = reporting.Get(ctx.actor, ctx.request.path_params.at("id"));
        http::Response r = Download(reports::RenderHtml(Document(v, reporting.clock().NowUtc())), "text/html; charset=utf-8",
                                    "aterrapportering-" + v.report.period_start + ".html");
        // The document carries its own stylesheet so that it reads well on its own; it has no script.
        r.SetHeader("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        return r;
    });

    router.Add("POST", "/api/v1/reports/{id}/feedback", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"received_on", "from_id", "summary", "requests"});
        Feedback f;
        f.received_on = body.RequiredString("received_on", 10);
        f.from_id = body.RequiredString("from_id", 64);
        f.summary = body.OptionalText("summary", 20000).value_or("");
        const array& requests = http::ArrayField(body.object(), "requests", "requests", 100);
        for (std::size_t i = 0; i < requests.size(); ++i) {
            std::string path = "requests[" + std::to_string(i) + "]";
            const object& q = http::AsObject(requests[i], path);
            http::RejectUnknownFields(q, {"request", "owner_name", "owner_id", "due_on"}, path);
            FollowUpItem item;
            item.request = http::RequiredStringField(q, "request", path + ".request", 2000);
            item.owner_name = http::RequiredStringField(q, "owner_name", path + ".owner_name", 200);
            item.owner_id = http::RequiredStringField(q, "owner_id", path + ".owner_id", 64);
            item.due_on = http::RequiredStringField(q, "due_on", path + ".due_on", 10);
            f.items.push_back(std::move(item));
        }
        return Json(ReportJson(reporting, reporting.RecordFeedback(ctx.actor, ctx.request.path_params.at("id"), f)), 201);
    });

    router.Add("POST", "/api/v1/follow-ups/{id}/done", [&](const http::Context& ctx) {
        std::string note;
        if (!ctx.request.body.empty()) note = http::JsonBody(ctx.request.body, {"note"}).OptionalText("note", 5000).value_or("");
        return Json(ReportJson(reporting, reporting.CompleteItem(ctx.actor, ctx.request.path_params.at("id"), note)));
    });
}

}  // namespace samverkan::governance
