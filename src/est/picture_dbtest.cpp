// The index against SQL: incidents are generated around the awkward edges (ISO week 53, 1 January
// inside week 52 or week 1, the district change of 2023-07-01 and the police-area split of
// 2025-01-01), stored through the real checks, and every figure of the picture (weekly counts,
// the previous week, the same week last year, the 52-week trend and the hotspots) is recomputed in
// SQL on the same database, SQLite or PostgreSQL.
#include <map>
#include <set>

#include "auth/actor.hpp"
#include "common/time.hpp"
#include "db/testing.hpp"
#include "est/generator.hpp"
#include "est/hotspot.hpp"
#include "est/incident_import.hpp"
#include "est/incident_index.hpp"
#include "est/picture.hpp"
#include "est/testing.hpp"
#include "org/area_importer.hpp"

namespace samverkan::est {
namespace {

class PictureDbTest : public db::testing::DatabaseTest {
protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        if (IsSkipped()) return;
        org::ImportStockholmAreas(db(), db::testing::SourceDir() + "/data/stockholm", auth::Actor::System("test"));
        {
            db::Lease c = db().Acquire(db::Access::kRead);
            areas_ = org::AreaCatalog::Load(*c);
        }
        ref_ = testing::SeedReference(db(), areas_);
    }

    void Generate(std::uint64_t seed, const char* end, int days, int n) {
        testing::GenerateIncidents(db(), areas_, *ref_, seed, end, days, n);
    }
    // A cluster: `n` reports of one category at one neighbourhood during the week starting `monday`.
    void Cluster(const std::string& neighbourhood, const std::string& category, const char* monday, int n) {
        IncidentGenerator gen(areas_, *ref_, {"org-city"}, 7, *ParseDay(monday) + 6, 7);
        std::vector<NewIncident> rows;
        for (int i = 0; i < n; ++i) {
            auto [lat, lon] = gen.PointIn(neighbourhood);
            IncidentDraft d;
            d.occurred_utc = StockholmLocalToUtc(*ParseDay(monday) + i % 7, 12 * 3600 + i);
            d.category = category;
            d.lat = lat;
            d.lon = lon;
            d.source_org = "org-city";
            d.severity = 2;
            d.dedup_scope = "cluster";
            d.external_id = neighbourhood + category + monday + std::to_string(i);
            rows.push_back(CheckIncident(d, *ref_, areas_, 4102444800));
        }
        Store(rows);
    }
    void Store(const std::vector<NewIncident>& rows) { testing::StoreIncidents(db(), rows); }
    std::string AreaNamed(const std::string& name, const std::string& kind, const std::string& date) {
        for (const org::Area* a : areas_.ValidOn(date, kind))
            if (a->name == name) return a->id;
        ADD_FAILURE() << "no " << kind << " named " << name << " on " << date;
        return {};
    }
    // The ISO week ("2026-W48") of the local day `occurred_on`, computed by the database itself.
    std::string WeekExpr() const {
        if (db().backend() == db::Backend::kPostgres) return "to_char(occurred_on, 'IYYY-\"W\"IW')";
        // SQLite: the Thursday of the day's ISO week decides the year; the week counts from its 1 January.
        return "(strftime('%Y', date(occurred_on, '-3 days', 'weekday 4')) || '-W' || "
               "printf('%02d', (CAST(strftime('%j', date(occurred_on, '-3 days', 'weekday 4')) AS INTEGER) - 1) / 7 + 1))";
    }
    db::Database& db() const { return const_cast<PictureDbTest*>(this)->DatabaseTest::db(); }
    // Counts per (week, neighbourhood, category) from SQL over the area's territory on `ref_date`.
    std::map<std::tuple<std::string, std::string, int>, std::uint32_t> SqlCounts(const org::Area& area,
                                                                                  const std::string& ref_date,
                                                                                  const std::string& from,
                                                                                  const std::string& to) {
        std::string territory =
            area.kind == "municipality"
                ? "SELECT id FROM areas WHERE kind = 'neighbourhood' AND $1 <> '' AND $2 <> ''"
                : "SELECT child_id FROM area_links WHERE relation = '" + area.kind + "' AND parent_id = $1 "
                  "AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)";
        db::Lease c = db().Acquire(db::Access::kRead);
        auto r = c->Query("SELECT " + WeekExpr() + " AS week, area_id, category_id, count(*) AS n FROM incidents "
                          "WHERE occurred_on >= $3 AND occurred_on < $4 AND area_id IN (" + territory + ") "
                          "GROUP BY 1, 2, 3",
                          {area.id, ref_date, from, to});
        std::map<std::tuple<std::string, std::string, int>, std::uint32_t> out;
        for (std::size_t i = 0; i < r.size(); ++i)
            out[{r.text(i, "week"), r.text(i, "area_id"), static_cast<int>(r.integer(i, "category_id"))}] =
                static_cast<std::uint32_t>(r.integer(i, "n"));
        return out;
    }

    void CheckWeek(const std::string& area_id, const std::string& week_code) {
        SCOPED_TRACE(week_code);
        IncidentIndex index(areas_);
        {
            db::Lease c = db().Acquire(db::Access::kRead);
            index.CatchUp(*c);
        }
        Period week = *ParsePeriod(week_code);
        Picture p = BuildPicture(index, areas_, *ref_, area_id, week);
        SCOPED_TRACE(p.area->name);
        std::string ref_date = FormatDay(p.reference_day);
        // SQL over the whole span the picture reads: 52 trend weeks and 12 baseline weeks, and last year.
        Period earliest = ShiftPeriod(week, -60);
        auto sql = SqlCounts(*p.area, ref_date, FormatDay(earliest.start), FormatDay(week.end));
        auto total = [&](const std::string& wk, int cat) {
            std::uint32_t n = 0;
            for (const auto& [k, v] : sql)
                if (std::get<0>(k) == wk && std::get<2>(k) == cat) n += v;
            return n;
        };
        auto cell = [&](const std::string& wk, const std::string& nb, int cat) {
            auto it = sql.find({wk, nb, cat});
            return it == sql.end() ? 0u : it->second;
        };
        std::uint32_t sum = 0;
        for (std::size_t i = 0; i < p.rows.size(); ++i) {
            const auto& row = p.rows[i];
            int cat = row.category->id;
            EXPECT_EQ(row.count, total(week.Code(), cat)) << row.category->code;
            EXPECT_EQ(row.previous, total(p.previous.Code(), cat)) << row.category->code;
            if (p.last_year) EXPECT_EQ(row.last_year.value_or(999999), total(p.last_year->Code(), cat)) << row.category->code;
            else EXPECT_FALSE(row.last_year);
            ASSERT_EQ(p.trend[i].size(), 52u);
            for (std::size_t w = 0; w < 52; ++w)
                EXPECT_EQ(p.trend[i][w], total(p.trend_weeks[w].Code(), cat)) << row.category->code << " " << p.trend_weeks[w].Code();
            sum += row.count;
        }
        EXPECT_EQ(p.total, sum);
        std::uint32_t trend_sum = 0;
        for (const auto& t : p.trend)
            for (auto n : t) trend_sum += n;
        EXPECT_GT(trend_sum, 10u) << "too few incidents to compare anything";
        // Hotspots: the rule applied to SQL's cells must give exactly the index's list.
        std::set<std::pair<std::string, int>> expected, got;
        for (std::size_t s = 0; s < index.neighbourhood_ids().size(); ++s) {
            const std::string& nb = index.neighbourhood_ids()[s];
            for (const auto& c : ref_->categories) {
                std::uint32_t n = cell(week.Code(), nb, c.id);
                if (n == 0) continue;
                double base = 0;
                for (int k = 1; k <= 12; ++k) base += cell(ShiftPeriod(week, -k).Code(), nb, c.id);
                if (IsHotspot(static_cast<int>(n), base / 12)) expected.insert({nb, c.id});
            }
        }
        for (const auto& h : p.hotspots) got.insert({h.neighbourhood->id, h.category->id});
        EXPECT_EQ(got, expected);
        // The column scan (used with filters) agrees with the cube.
        std::vector<int> groups = TerritorySlots(index, areas_, *p.area, ref_date);
        int cats_a = 0, cats_b = 0;
        auto cube = index.Aggregate(week.start - 364, 7, 53, groups, 1, {}, &cats_a);
        auto scan = index.Scan(week.start - 364, 7, 53, groups, 1, {}, &cats_b);
        EXPECT_EQ(cube, scan);
        checked_ += 1;
    }

    org::AreaCatalog areas_;
    std::shared_ptr<const Reference> ref_;
    int checked_ = 0;
};

TEST_F(PictureDbTest, IndexFiguresEqualSqlAtYearEdgesAndAcrossTheDistrictChange) {
    // Around New Year 2020/21 (week 53; 1 January 2021 in week 53) and 2021/22 (1 January in week 52).
    Generate(1, "2022-01-20", 430, 5000);
    // Around the district change on 2023-07-01 and the police-area split on 2025-01-01.
    Generate(2, "2023-08-15", 120, 2000);
    Generate(3, "2025-01-20", 420, 3000);
    std::string rinkeby = AreaNamed("Rinkeby", "neighbourhood", "2024-01-01");
    Cluster(rinkeby, "klotter", "2024-03-04", 9);  // week 2024-W10
    Cluster(rinkeby, "brand", "2021-01-04", 4);    // week 2021-W01, after week 53

    std::string jarva = AreaNamed("Järva", "district", "2024-01-01");
    std::string rinkeby_kista = AreaNamed("Rinkeby-Kista", "district", "2023-01-01");
    std::string city = AreaNamed("Stockholms stad", "municipality", "2024-01-01");
    CheckWeek(jarva, "2024-W10");
    CheckWeek(jarva, "2023-W27");          // the first week of Järva (2023-07-03)
    CheckWeek(rinkeby_kista, "2023-W25");  // the last full week of Rinkeby-Kista
    CheckWeek(rinkeby_kista, "2020-W53");
    CheckWeek(rinkeby_kista, "2021-W01");
    CheckWeek(rinkeby_kista, "2021-W52");  // contains 1 January 2022
    CheckWeek(city, "2025-W01");           // 30 December 2024 - 5 January 2025
    CheckWeek(AreaNamed("Södermalm", "district", "2024-06-01"), "2024-W26");
    CheckWeek(AreaNamed("Södermalm", "police_area", "2025-01-10"), "2025-W02");
    EXPECT_EQ(checked_, 9);

    // The planted cluster is found, and only because of the cluster.
    IncidentIndex index(areas_);
    {
        db::Lease c = db().Acquire(db::Access::kRead);
        index.CatchUp(*c);
    }
    Picture p = BuildPicture(index, areas_, *ref_, jarva, *ParsePeriod("2024-W10"));
    bool found = false;
    for (const auto& h : p.hotspots) found |= h.neighbourhood->id == rinkeby && h.category->code == "klotter";
    EXPECT_TRUE(found);
}

TEST_F(PictureDbTest, StoredLocalDayIsStockholmsCalendarDay) {
    Generate(4, "2024-11-10", 400, 1500);  // spans both daylight-saving changes of 2024
    db::Lease c = db().Acquire(db::Access::kRead);
    if (db().backend() == db::Backend::kPostgres) {
        auto r = c->Query("SELECT count(*) AS n FROM incidents "
                          "WHERE occurred_on <> (occurred_at AT TIME ZONE 'Europe/Stockholm')::date");
        EXPECT_EQ(r.integer(0, "n"), 0);
    }
    auto all = c->Query("SELECT occurred_at, occurred_on FROM incidents");
    ASSERT_EQ(all.size(), 1500u);
    for (std::size_t i = 0; i < all.size(); ++i)
        ASSERT_EQ(FormatDay(StockholmDay(*ParseInstant(all.text(i, "occurred_at")))), all.text(i, "occurred_on").substr(0, 10));
}

TEST_F(PictureDbTest, IndexCatchesUpWithRowsCommittedElsewhere) {
    IncidentIndex index(areas_);
    Generate(5, "2025-06-01", 30, 100);
    {
        db::Lease c = db().Acquire(db::Access::kRead);
        EXPECT_EQ(index.CatchUp(*c), 100u);
        EXPECT_EQ(index.CatchUp(*c), 0u);
    }
    Generate(6, "2025-06-01", 30, 50);  // as by `samverkan import` or another instance
    db::Lease c = db().Acquire(db::Access::kRead);
    EXPECT_EQ(index.CatchUp(*c), 50u);
    EXPECT_EQ(index.size(), 150u);
    // Re-importing the same rows adds nothing: the keys are already stored.
    Generate(6, "2025-06-01", 30, 50);
    EXPECT_EQ(index.CatchUp(*c), 0u);

    // The parallel start-up load gives the same index as reading row by row.
    IncidentIndex loaded(areas_);
    EXPECT_EQ(loaded.LoadAll(db(), 2), 150u);
    EXPECT_EQ(loaded.last_id(), index.last_id());
    std::vector<int> all(static_cast<std::size_t>(index.slot_count()), 0);
    int ca = 0, cb = 0;
    EXPECT_EQ(loaded.Aggregate(*ParseDay("2025-05-01"), 1, 40, all, 1, {}, &ca),
              index.Aggregate(*ParseDay("2025-05-01"), 1, 40, all, 1, {}, &cb));
    Generate(7, "2025-06-01", 30, 10);
    EXPECT_EQ(loaded.CatchUp(*c), 10u);
}

}  // namespace
}  // namespace samverkan::est
