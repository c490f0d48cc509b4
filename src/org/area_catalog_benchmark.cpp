// Point-in-polygon speed: how many incident reports per second the area assignment can place.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "auth/actor.hpp"
#include "common/random.hpp"
#include "db/migrations.hpp"
#include "org/area_catalog.hpp"
#include "org/area_importer.hpp"

namespace {
using namespace samverkan;

const org::AreaCatalog& Catalog() {
    static const org::AreaCatalog catalog = [] {
        auto dir = std::filesystem::temp_directory_path() / ("samverkan-bench-" + NewUuid());
        std::filesystem::create_directories(dir);
        auto db = db::Database::Open("sqlite:" + (dir / "b.db").string(), 1);
        db::Migrate(*db);
        org::ImportStockholmAreas(*db, std::string(SAMVERKAN_SOURCE_DIR) + "/data/stockholm", auth::Actor::System("bench"));
        db::Lease c = db->Acquire(db::Access::kRead);
        auto cat = org::AreaCatalog::Load(*c);
        std::filesystem::remove_all(dir);
        return cat;
    }();
    return catalog;
}

void BM_LocateRandomPointInStockholm(benchmark::State& state) {
    const auto& catalog = Catalog();
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> lat(59.23, 59.43), lon(17.76, 18.20);
    std::vector<std::pair<double, double>> points(4096);
    for (auto& p : points) p = {lat(rng), lon(rng)};
    std::size_t i = 0, found = 0;
    for (auto _ : state) {
        auto& p = points[i++ & 4095];
        found += catalog.Locate(p.first, p.second, "2024-01-01").found();
    }
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LocateRandomPointInStockholm);

}  // namespace
