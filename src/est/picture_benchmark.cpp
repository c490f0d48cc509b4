// The situation picture engine on a real database: SAMVERKAN_BENCH_DB names an SQLite database
// filled by `samverkan import incidents` (bench/est.sh makes one with 10 million incidents). The
// index is loaded once, as the server does at start-up, and each benchmark is one picture.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>

#include "common/time.hpp"
#include "db/database.hpp"
#include "est/incident.hpp"
#include "est/incident_index.hpp"
#include "est/picture.hpp"
#include "org/area_catalog.hpp"

namespace {
using namespace samverkan;

long RssKiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

struct Loaded {
    std::unique_ptr<db::Database> db;
    org::AreaCatalog areas;
    std::shared_ptr<const est::Reference> ref;
    std::unique_ptr<est::IncidentIndex> index;
    double load_seconds = 0;
    long rss_growth_kib = 0;
    std::string city, jarva;
};

Loaded* Data() {
    static Loaded* loaded = []() -> Loaded* {
        const char* path = std::getenv("SAMVERKAN_BENCH_DB");
        if (!path) return nullptr;
        auto* l = new Loaded;
        l->db = db::Database::Open(std::string("sqlite:") + path, 3);
        {
            db::Lease c = l->db->Acquire(db::Access::kRead);
            l->areas = org::AreaCatalog::Load(*c);
            l->ref = est::Reference::Load(*c, l->areas);
        }
        std::string today = l->db->clock().TodayStockholm();
        for (const org::Area* a : l->areas.ValidOn(today, "municipality")) l->city = a->id;
        for (const org::Area* a : l->areas.ValidOn(today, "district"))
            if (a->name == "Järva") l->jarva = a->id;
        long before = RssKiB();
        auto start = std::chrono::steady_clock::now();
        l->index = std::make_unique<est::IncidentIndex>(l->areas);
        l->index->LoadAll(*l->db, 2);
        l->load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        l->rss_growth_kib = RssKiB() - before;
        return l;
    }();
    return loaded;
}

est::Period ThisWeek() { return est::PeriodContaining(est::PeriodKind::kWeek, *est::ParseDay(TheSystemClock().TodayStockholm())); }

std::vector<int> ByDistrict(const Loaded& l, const est::Period& week, int* count) {
    std::vector<const org::Area*> districts;
    auto group = est::DistrictSlots(*l.index, l.areas, est::FormatDay(week.end - 1), &districts);
    *count = static_cast<int>(districts.size());
    return group;
}

void Counters(benchmark::State& state, const Loaded& l) {
    state.counters["incidents"] = static_cast<double>(l.index->size());
    state.counters["index_bytes_per_incident"] =
        static_cast<double>(l.index->MemoryBytes()) / static_cast<double>(std::max<std::size_t>(1, l.index->size()));
    state.counters["rss_growth_MiB"] = static_cast<double>(l.rss_growth_kib) / 1024.0;
    state.counters["load_s"] = l.load_seconds;
}

// The whole city for this week: counts, changes, 52-week trends, hotspots over 117 neighbourhoods,
// and the 52 weeks × districts × categories matrix.
void BM_CityWeeklyPicture(benchmark::State& state) {
    Loaded* l = Data();
    if (!l) return state.SkipWithError("set SAMVERKAN_BENCH_DB (bench/est.sh does)");
    est::Period week = ThisWeek();
    for (auto _ : state) {
        est::Picture p = est::BuildPicture(*l->index, l->areas, *l->ref, l->city, week);
        benchmark::DoNotOptimize(p.total);
    }
    Counters(state, *l);
}
BENCHMARK(BM_CityWeeklyPicture)->Unit(benchmark::kMillisecond);

void BM_DistrictWeeklyPicture(benchmark::State& state) {
    Loaded* l = Data();
    if (!l) return state.SkipWithError("set SAMVERKAN_BENCH_DB (bench/est.sh does)");
    est::Period week = ThisWeek();
    for (auto _ : state) {
        est::Picture p = est::BuildPicture(*l->index, l->areas, *l->ref, l->jarva, week);
        benchmark::DoNotOptimize(p.total);
    }
}
BENCHMARK(BM_DistrictWeeklyPicture)->Unit(benchmark::kMillisecond);

// Peer query (b): counts per district × week × category over the last 52 weeks, from the cube, or
// by scanning the columns (what a filter on source or severity does).
void BM_CityMatrix52Weeks(benchmark::State& state, bool scan) {
    Loaded* l = Data();
    if (!l) return state.SkipWithError("set SAMVERKAN_BENCH_DB (bench/est.sh does)");
    est::Period week = ThisWeek();
    int districts = 0;
    std::vector<int> group = ByDistrict(*l, week, &districts);
    for (auto _ : state) {
        int cats = 0;
        auto m = scan ? l->index->Scan(week.start - 51 * 7, 7, 52, group, districts, {}, &cats)
                      : l->index->Aggregate(week.start - 51 * 7, 7, 52, group, districts, {}, &cats);
        benchmark::DoNotOptimize(m.data());
    }
}
BENCHMARK_CAPTURE(BM_CityMatrix52Weeks, cube, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CityMatrix52Weeks, column_scan, true)->Unit(benchmark::kMillisecond);

// Peer query (c): one district, one category, weekly over 3 years.
void BM_DistrictCategory3Years(benchmark::State& state) {
    Loaded* l = Data();
    if (!l) return state.SkipWithError("set SAMVERKAN_BENCH_DB (bench/est.sh does)");
    est::Period week = ThisWeek();
    const org::Area* jarva = l->areas.Get(l->jarva);
    std::vector<int> group = est::TerritorySlots(*l->index, l->areas, *jarva, est::FormatDay(week.end - 1));
    int category = 2;
    for (auto _ : state) {
        int cats = 0;
        auto m = l->index->Aggregate(week.start - 156 * 7, 7, 157, group, 1, {}, &cats);
        std::uint32_t total = 0;
        for (int w = 0; w < 157; ++w) total += m[static_cast<std::size_t>(w) * cats + category];
        benchmark::DoNotOptimize(total);
    }
}
BENCHMARK(BM_DistrictCategory3Years)->Unit(benchmark::kMillisecond);

}  // namespace
