// Action plans at scale: 11 district plans × 200 measures × 5 years of monthly follow-ups (132,000
// follow-ups). The data is written once into a fresh SQLite database (and into PostgreSQL when
// SAMVERKAN_BENCH_PG names one); each benchmark is the citywide roll-up or one district plan's
// xlsx export, as the API computes them.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "auth/authorizer.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "db/migrations.hpp"
#include "est/est_service.hpp"
#include "est/generator.hpp"
#include "org/area_importer.hpp"
#include "plans/plan_export.hpp"
#include "plans/plan_repository.hpp"
#include "plans/plan_services.hpp"

namespace {
using namespace samverkan;

constexpr int kMeasuresPerDistrict = 200;
constexpr int kMonths = 60;

struct Loaded {
    std::unique_ptr<db::Database> db;
    org::AreaCatalog areas;
    auth::Policy policy;
    std::unique_ptr<auth::Authorizer> authz;
    DataVersion version;
    std::unique_ptr<est::EstService> est;
    std::unique_ptr<plans::PlanServices> plans;
    plans::Plan jarva;
};

void Seed(db::Database& db, const org::AreaCatalog& areas) {
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        std::string today = c.clock().TodayStockholm();
        est::Day day = *est::ParseDay(today);
        std::vector<std::string> orgs;
        for (int i = 0; i < 12; ++i) {
            orgs.push_back(NewUuid());
            c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, 'district_committee', $3)",
                    {orgs.back(), "Organisation " + std::to_string(i), c.clock().NowUtc()});
        }
        const char* statuses[] = {"planned", "ongoing", "done", "paused", "cancelled"};
        int n = 0;
        for (const org::Area* d : areas.ValidOn(today, "district")) {
            plans::Plan p{NewUuid(),    "local",     d->id, std::nullopt, "Lokal handlingsplan " + d->name,
                          "2022-01-01", "2027-12-31"};
            plans::PlanRepository::InsertPlan(c, p);
            std::vector<std::string> goals, problems;
            for (int g = 0; g < 5; ++g) {
                goals.push_back(NewUuid());
                c.Query(
                    "INSERT INTO plan_goals (id, plan_id, code, position, title, description, origin) VALUES "
                    "($1, $2, $3, $4, $5, '', 'local')",
                    {goals.back(), p.id, "l-" + std::to_string(g), std::to_string(g), "Mål " + std::to_string(g)});
                problems.push_back(NewUuid());
                c.Query(
                    "INSERT INTO plan_problems (id, plan_id, rank, title, description, focus_area_code, offender, "
                    "target, place, evidence) VALUES ($1, $2, $3, $4, '', NULL, '', '', '', '[]')",
                    {problems.back(), p.id, std::to_string(g + 1), "Problem " + std::to_string(g)});
            }
            for (int m = 0; m < kMeasuresPerDistrict; ++m, ++n) {
                std::string id = NewUuid();
                std::string status = statuses[n % 5];
                int progress = (n * 37) % 101;
                c.Query(
                    "INSERT INTO measures (id, plan_id, title, description, type, horizon, status, start_date, "
                    "end_date, responsible, progress, progress_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
                    "'long', $6, $7, $8, 'Ansvarig', $9, $10, $11, $11)",
                    {id, p.id, "Åtgärd " + std::to_string(m) + " i " + d->name, "Beskrivning av åtgärden.",
                     m % 2 ? "social" : "situational", status, est::FormatDay(day - 5 * 365),
                     est::FormatDay(day + (m % 4 == 0 ? -30 : 200)), std::to_string(progress), est::FormatDay(day - 1),
                     c.clock().NowUtc()});
                c.Query("INSERT INTO measure_owners (measure_id, organisation_id, position) VALUES ($1, $2, 0)",
                        {id, orgs[static_cast<std::size_t>(n) % orgs.size()]});
                c.Query("INSERT INTO measure_goals (measure_id, goal_id) VALUES ($1, $2)", {id, goals[m % 5]});
                c.Query("INSERT INTO measure_problems (measure_id, problem_id) VALUES ($1, $2)", {id, problems[m % 5]});
                for (int k = 0; k < kMonths; ++k)
                    c.Query(
                        "INSERT INTO measure_follow_ups (id, measure_id, follow_up_on, note, progress, recorded_by, "
                        "recorded_at) VALUES ($1, $2, $3, $4, $5, NULL, $6)",
                        {NewUuid(), id, est::FormatDay(day - 30 * (kMonths - k)),
                         "Månadsuppföljning: arbetet pågår enligt plan.", std::to_string(std::min(100, k * 2)),
                         c.clock().NowUtc()});
            }
        }
    });
}

Loaded* Open(const std::string& url) {
    auto* l = new Loaded;
    l->db = db::Database::Open(url, 3);
    db::Migrate(*l->db);
    bool empty;
    {
        db::Lease c = l->db->Acquire(db::Access::kRead);
        empty = c->Query("SELECT 1 FROM areas LIMIT 1").empty();
    }
    if (empty) org::ImportStockholmAreas(*l->db, SAMVERKAN_SOURCE_DIR "/data/stockholm", auth::Actor::System("bench"));
    {
        db::Lease c = l->db->Acquire(db::Access::kRead);
        l->areas = org::AreaCatalog::Load(*c);
    }
    est::EnsureEstDefaults(*l->db, l->areas);
    {
        db::Lease c = l->db->Acquire(db::Access::kRead);
        empty = c->Query("SELECT 1 FROM measures LIMIT 1").empty();
    }
    if (empty) Seed(*l->db, l->areas);
    l->authz = std::make_unique<auth::Authorizer>(l->policy, *l->db);
    l->est = std::make_unique<est::EstService>(*l->db, *l->authz, l->areas, l->version);
    l->plans = std::make_unique<plans::PlanServices>(*l->db, *l->authz, l->areas, *l->est);
    db::Lease c = l->db->Acquire(db::Access::kRead);
    for (const plans::Plan& p : plans::PlanRepository::ListPlans(*c))
        if (p.title == "Lokal handlingsplan Järva") l->jarva = p;
    return l;
}

Loaded* Sqlite() {
    static Loaded* loaded = [] {
        std::string path = "/tmp/samverkan-plans-bench.db";
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        return Open("sqlite:" + path);
    }();
    return loaded;
}

Loaded* Postgres() {
    static Loaded* loaded = []() -> Loaded* {
        const char* url = std::getenv("SAMVERKAN_BENCH_PG");
        if (!url) return nullptr;
        {
            auto wipe = db::Database::Open(url, 1);
            db::Lease c = wipe->Acquire(db::Access::kWrite);
            c->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        }
        return Open(url);
    }();
    return loaded;
}

void Rollup(benchmark::State& state, Loaded* l) {
    if (!l) return state.SkipWithError("SAMVERKAN_BENCH_PG is not set");
    std::size_t measures = 0;
    for (auto _ : state) {
        db::Lease c = l->db->Acquire(db::Access::kRead);
        plans::RollupView v = l->plans->plans.BuildRollups(*c);
        measures = v.citywide.measures;
        benchmark::DoNotOptimize(v);
    }
    state.counters["measures"] = static_cast<double>(measures);
}

void Xlsx(benchmark::State& state, Loaded* l) {
    if (!l) return state.SkipWithError("SAMVERKAN_BENCH_PG is not set");
    std::size_t bytes = 0, follow_ups = 0;
    for (auto _ : state) {
        plans::PlanExportData d = l->plans->plans.BuildExportData(l->jarva);
        std::string x = plans::PlanXlsx(d, *l->est->reference());
        bytes = x.size();
        follow_ups = d.follow_ups.size();
    }
    state.counters["bytes"] = static_cast<double>(bytes);
    state.counters["follow_ups"] = static_cast<double>(follow_ups);
}

void BM_PlanCitywideRollup_Sqlite(benchmark::State& s) { Rollup(s, Sqlite()); }
void BM_PlanCitywideRollup_Postgres(benchmark::State& s) { Rollup(s, Postgres()); }
void BM_PlanDistrictXlsx_Sqlite(benchmark::State& s) { Xlsx(s, Sqlite()); }
void BM_PlanDistrictXlsx_Postgres(benchmark::State& s) { Xlsx(s, Postgres()); }
BENCHMARK(BM_PlanCitywideRollup_Sqlite)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_PlanCitywideRollup_Postgres)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_PlanDistrictXlsx_Sqlite)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_PlanDistrictXlsx_Postgres)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
