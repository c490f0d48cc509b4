#include "app/application.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "app/demo_data.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth_handler.hpp"
#include "auth/authorizer.hpp"
#include "auth/session_service.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "common/read_cache.hpp"
#include "db/database.hpp"
#include "est/est_handler.hpp"
#include "est/generator.hpp"
#include "est/est_service.hpp"
#include "plans/plan_demo.hpp"
#include "plans/plan_export.hpp"
#include "plans/plan_handler.hpp"
#include "plans/plan_services.hpp"
#include "est/picture_export.hpp"
#include "governance/agreement_handler.hpp"
#include "governance/agreement_service.hpp"
#include "governance/decision_service.hpp"
#include "governance/governance_handler.hpp"
#include "governance/group_service.hpp"
#include "governance/report_sections.hpp"
#include "governance/reporting_handler.hpp"
#include "governance/reporting_service.hpp"
#include "db/migrations.hpp"
#include "http/compression.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "http/security_headers.hpp"
#include "http/static_files.hpp"
#include "org/area_catalog.hpp"
#include "org/org_handler.hpp"
#include "org/organisation_service.hpp"

namespace samverkan::http {
const char* OpenApiDocument();
}

namespace samverkan::app {
namespace {

bool IsStateChanging(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// application/json or application/*+json, case-insensitive (RFC 9110), and if a charset is named it is UTF-8.
bool IsJsonContentType(std::string_view ct) {
    std::string lower(ct);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    lower.erase(std::remove(lower.begin(), lower.end(), ' '), lower.end());
    std::string_view v = lower;
    std::string_view base = v.substr(0, v.find(';'));
    bool json = base == "application/json" ||
                (base.rfind("application/", 0) == 0 && base.size() > 17 && base.substr(base.size() - 5) == "+json");
    if (!json) return false;
    auto cs = v.find("charset=");
    if (cs == std::string_view::npos) return true;
    std::string_view charset = v.substr(cs + 8);
    charset = charset.substr(0, charset.find(';'));
    return charset == "utf-8" || charset == "\"utf-8\"";
}

// A route's extra body types (file uploads), by media type without parameters, case-insensitive.
bool IsAcceptedUpload(std::string_view ct, const std::vector<std::string>& types) {
    std::string base(ct.substr(0, ct.find(';')));
    std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return std::tolower(c); });
    base.erase(std::remove(base.begin(), base.end(), ' '), base.end());
    return std::find(types.begin(), types.end(), base) != types.end();
}

// A client's X-Request-Id is kept when it is short and plain, so that logs can be joined across proxies.
std::string RequestIdFor(const http::Request& req) {
    std::string_view given = req.Header("x-request-id");
    if (!given.empty() && given.size() <= 64 &&
        std::all_of(given.begin(), given.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }))
        return std::string(given);
    return RandomToken(12);
}

}  // namespace

struct Application::Impl {
    Config config;
    std::unique_ptr<Clock> clock;  // before db, which reads it
    std::unique_ptr<db::Database> db;
    auth::Policy policy;
    std::unique_ptr<auth::Authorizer> authz;
    std::unique_ptr<auth::SessionService> sessions;
    org::AreaCatalog areas;
    std::unique_ptr<org::OrganisationService> organisations;
    std::unique_ptr<governance::AgreementService> agreements;
    std::unique_ptr<governance::GroupService> groups;
    std::unique_ptr<governance::DecisionService> decisions;
    std::unique_ptr<governance::GovernanceHealthService> governance_health;
    reports::ReportSectionRegistry report_sections;
    std::unique_ptr<governance::ReportingService> reporting;
    std::unique_ptr<est::EstService> est;
    std::unique_ptr<plans::PlanServices> plans;
    http::Router router;
    http::StaticFiles static_files;
    http::Metrics metrics;
    DataVersion data_version;

    explicit Impl(const Config& c) : config(c), clock(MakeClock(c)), static_files(c.static_dir) {}

    http::Response Api(http::Request& req) {
        if (req.path == "/api/v1/openapi.json") {
            if (req.method != "GET" && req.method != "HEAD") return MethodNotAllowed({"GET"});
            return http::Response::Json(http::OpenApiDocument());
        }
        http::Match m = router.Find(req.method, req.path);
        if (!m.route) {
            if (!m.allowed_methods.empty()) return MethodNotAllowed(m.allowed_methods);
            return http::Problem(404, "route.not_found", "No API route " + req.path + ".");
        }
        req.path_params = std::move(m.params);
        // A body must be JSON; an action without a body (POST .../versions) needs none.
        if (IsStateChanging(req.method) && !req.body.empty() && !IsJsonContentType(req.Header("content-type")) &&
            !IsAcceptedUpload(req.Header("content-type"), m.route->options.body_types)) {
            std::string accepted = "application/json";
            for (const auto& t : m.route->options.body_types) accepted += ", " + t;
            return http::Problem(415, "body.media_type", "Send the body as one of: " + accepted + ".", {},
                                 {{"accepted", accepted}});
        }

        std::optional<auth::SessionView> session;
        if (auto token = req.Cookie(auth::kSessionCookie); token && !token->empty())
            session = sessions->Find(*token, req.request_id);
        auth::Actor anonymous = auth::Actor::Anonymous(req.request_id);
        const auth::Actor& actor = session ? session->actor : anonymous;

        // CSRF: a state-changing request with a session must echo the session's token in a header,
        // which a page on another site cannot read or set.
        if (IsStateChanging(req.method) && !m.route->options.csrf_exempt && session) {
            std::string_view sent = req.Header("x-csrf-token");
            if (sent.empty() || !ConstantTimeEquals(sent, session->csrf_token)) {
                audit::AppendAlone(*db, audit::ByActor(actor, "csrf.reject", "request", std::nullopt,
                                                       {{"method", req.method}, {"path", req.path},
                                                        {"reason", sent.empty() ? "missing" : "mismatch"}},
                                                       "denied"));
                return http::Problem(403, sent.empty() ? "csrf.missing" : "csrf.mismatch",
                                     sent.empty() ? "The X-CSRF-Token header is missing."
                                                  : "The X-CSRF-Token header does not match this session.");
            }
        }
        return m.route->handler(http::Context{req, actor, session ? &*session : nullptr});
    }

    static http::Response MethodNotAllowed(const std::vector<std::string>& allowed) {
        std::string allow;
        for (const auto& a : allowed) allow += (allow.empty() ? "" : ", ") + a;
        http::Response r = http::Problem(405, "method.not_allowed", "Allowed here: " + allow + ".", {}, {{"allowed", allow}});
        r.SetHeader("Allow", allow);
        return r;
    }

    http::Response Route(http::Request& req) {
        if ((req.path == "/healthz" || req.path == "/metrics") && req.method != "GET" && req.method != "HEAD")
            return MethodNotAllowed({"GET", "HEAD"});
        if (req.path == "/healthz") return http::Response::Json(R"({"status":"ok"})");
        if (req.path == "/metrics") {
            http::Response r;
            r.content_type = "text/plain; version=0.0.4; charset=utf-8";
            r.body = metrics.Render();
            return r;
        }
        if (req.path.rfind("/api/", 0) == 0) return Api(req);
        if (req.method != "GET" && req.method != "HEAD") return MethodNotAllowed({"GET", "HEAD"});
        if (auto r = static_files.Serve(req)) return *r;
        return http::Problem(404, "route.not_found", "Nothing at " + req.path + ".");
    }
};

Application::Application(const Config& config) : impl_(std::make_unique<Impl>(config)) {
    Impl& s = *impl_;
    if (config.now) spdlog::warn("test clock: the time is taken to be {} at start (--now)", s.clock->NowUtc());
    s.db = db::Database::Open(config.db, config.db_pool, *s.clock);
    auto applied = db::Migrate(*s.db);
    if (!applied.empty()) spdlog::info("applied {} migration(s) to {}", applied.size(), s.db->Describe());
    if (config.demo) {
        auto accounts = LoadDemoData(*s.db, config.data_dir);
        if (!accounts.empty()) {
            spdlog::info("demo data loaded; demo accounts (password {}):", kDemoPassword);
            for (const auto& a : accounts) spdlog::info("  {:<12} {:<18} {}", a.username, a.role, a.description);
        }
    }
    {
        db::Lease c = s.db->Acquire(db::Access::kRead);
        s.areas = org::AreaCatalog::Load(*c);
    }
    if (s.areas.size() == 0) spdlog::warn("no areas loaded; run `samverkan import areas`");
    if (s.areas.size() > 0) {
        est::EnsureEstDefaults(*s.db, s.areas);
        if (config.demo) {
            est::LoadDemoIncidents(*s.db, s.areas, config.demo_incidents);
            est::LoadDemoDuties(*s.db, s.areas);
            auth::Actor system = auth::Actor::System("demo");
            db::InTransaction(*s.db, db::Access::kWrite, [&](db::Connection& c) {
                if (!c.Query("SELECT 1 FROM action_plans LIMIT 1").empty()) return;
                plans::LoadDemoPlans(c, s.areas, c.clock().TodayStockholm());
                audit::Append(c, audit::ByActor(system, "plan.demo_load", "action_plan", std::nullopt));
            });
        }
    }
    if (!s.static_files.available()) spdlog::warn("no front end at {}; build web/ first", config.static_dir);
    s.authz = std::make_unique<auth::Authorizer>(s.policy, *s.db);
    s.sessions = std::make_unique<auth::SessionService>(
        *s.db, auth::SessionSettings{.idle_timeout = std::chrono::minutes(config.session_idle_minutes)});
    s.organisations = std::make_unique<org::OrganisationService>(*s.db, *s.authz, s.areas);
    auth::RegisterAuthRoutes(s.router, *s.sessions, *s.authz, {.secure = config.tls_proxy});
    org::RegisterOrgRoutes(s.router, *s.organisations, s.areas, *s.authz);
    s.agreements = std::make_unique<governance::AgreementService>(*s.db, *s.authz, s.areas);
    governance::RegisterAgreementRoutes(s.router, *s.agreements, s.areas);
    s.groups = std::make_unique<governance::GroupService>(*s.db, *s.authz, s.areas);
    s.decisions = std::make_unique<governance::DecisionService>(*s.db, *s.authz, s.areas, *s.groups,
                                                                config.consultation_lead_days);
    s.governance_health = std::make_unique<governance::GovernanceHealthService>(*s.db, *s.authz, *s.decisions);
    governance::RegisterGovernanceRoutes(s.router, *s.groups, *s.decisions, *s.governance_health, s.areas,
                                         s.data_version);
    // Modules contribute their sections to reports back; governance's come first.
    governance::RegisterGovernanceSections(s.report_sections, config.consultation_lead_days);
    s.est = std::make_unique<est::EstService>(*s.db, *s.authz, s.areas, s.data_version);
    est::RegisterEstRoutes(s.router, *s.est, s.areas, s.data_version);
    est::RegisterEstSections(s.report_sections, *s.est, s.areas);
    s.plans = std::make_unique<plans::PlanServices>(*s.db, *s.authz, s.areas, *s.est);
    plans::RegisterPlanRoutes(s.router, *s.plans);
    plans::RegisterPlanSections(s.report_sections, s.plans->plans);
    s.reporting = std::make_unique<governance::ReportingService>(*s.db, *s.authz, *s.groups, s.report_sections);
    governance::RegisterReportingRoutes(s.router, *s.reporting, s.data_version);
}

Application::~Application() = default;

http::Response Application::Handle(http::Request& req) {
    auto start = std::chrono::steady_clock::now();
    req.request_id = RequestIdFor(req);
    http::Response r;
    try {
        r = impl_->Route(req);
    } catch (...) {
        r = http::ProblemFromCurrentException(req.request_id);
    }
    // Read models cached per data version are rebuilt after any write that succeeded.
    if (IsStateChanging(req.method) && r.status < 400) impl_->data_version.Bump();
    // API answers, errors included, are personal or short-lived: never cached.
    if (req.path.rfind("/api/", 0) == 0) r.SetHeader("Cache-Control", "no-store");
    http::CompressIfWorthIt(r, req.Header("accept-encoding"));
    http::ApplySecurityHeaders(r, impl_->config.tls_proxy);
    r.SetHeader("X-Request-Id", req.request_id);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    impl_->metrics.RecordRequest(r.status, secs);
    // The access log names the request, never its body, cookies or tokens.
    if (impl_->config.access_log) {
        // A calendar feed's path holds its secret token: log the route, not the token.
        constexpr std::string_view kFeed = "/api/v1/calendar/";
        std::string path = req.path.rfind(kFeed, 0) == 0 ? std::string(kFeed) + "***" : req.path;
        spdlog::info("{} {} {} {:.1f}ms rid={} ip={}", req.method, path, r.status, secs * 1000, req.request_id,
                     req.remote_address);
    }
    return r;
}

http::Metrics& Application::metrics() { return impl_->metrics; }
db::Database& Application::database() { return *impl_->db; }

}  // namespace samverkan::app
