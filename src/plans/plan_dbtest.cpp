// Action plans against the database, SQLite or PostgreSQL: an indicator bound to the situation
// picture gives, quarter by quarter, the count SQL gives on the same incidents; the CSV round trip
// is exact and a file with a bad row changes nothing; the roll-up equals the same figures in SQL.
#include <cmath>
#include <map>

#include "auth/authorizer.hpp"
#include "auth/policy.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "db/testing.hpp"
#include "est/est_service.hpp"
#include "est/testing.hpp"
#include "org/area_importer.hpp"
#include "plans/plan_repository.hpp"
#include "plans/plan_services.hpp"

namespace samverkan::plans {
namespace {

class PlanDbTest : public db::testing::DatabaseTest {
protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        if (IsSkipped()) return;
        org::ImportStockholmAreas(db(), db::testing::SourceDir() + "/data/stockholm", auth::Actor::System("test"));
        {
            db::Lease c = db().Acquire(db::Access::kRead);
            areas_ = org::AreaCatalog::Load(*c);
        }
        ref_ = est::testing::SeedReference(db(), areas_);
        today_ = db().clock().TodayStockholm();
        db::InTransaction(db(), db::Access::kWrite, [&](db::Connection& c) {
            c.Query(
                "INSERT INTO users (id, username, display_name, password_hash, disabled, created_at, "
                "password_changed_at) VALUES ('u-coord', 'coord', 'Cecilia', 'x', 0, $1, $1)",
                {c.clock().NowUtc()});
        });
        actor_.id = UserId("u-coord");
        actor_.username = "coord";
        actor_.display_name = "Cecilia";
        actor_.grants = {{auth::Role::kCoordinator, std::nullopt, std::nullopt}};
        authz_ = std::make_unique<auth::Authorizer>(policy_, db());
    }
    void TearDown() override {
        plans_.reset();
        est_.reset();
        DatabaseTest::TearDown();
    }
    PlanServices& Service() {
        if (!plans_) {
            est_ = std::make_unique<est::EstService>(db(), *authz_, areas_, version_);
            plans_ = std::make_unique<PlanServices>(db(), *authz_, areas_, *est_);
        }
        return *plans_;
    }
    const org::Area& Area(const std::string& name, const std::string& kind) {
        for (const org::Area* a : areas_.ValidOn(today_, kind))
            if (a->name == name) return *a;
        throw std::runtime_error("no " + kind + " " + name);
    }
    Plan NewPlan(const std::optional<std::string>& district, const std::string& start) {
        Plan p{NewUuid(), district ? "local" : "citywide", district, std::nullopt, "Plan", start, "2030-12-31"};
        db::InTransaction(db(), db::Access::kWrite, [&](db::Connection& c) { PlanRepository::InsertPlan(c, p); });
        return p;
    }
    std::string Org(const std::string& name) {
        std::string id = NewUuid();
        db::InTransaction(db(), db::Access::kWrite, [&](db::Connection& c) {
            c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, 'district_committee', $3)",
                    {id, name, c.clock().NowUtc()});
        });
        return id;
    }
    // Incidents of `category` in the territories of `areas` on `ref_date`, in [from, to), by SQL.
    long long SqlCount(int category, const std::vector<const org::Area*>& areas, const std::string& ref_date,
                       const std::string& from, const std::string& to) {
        db::Lease c = db().Acquire(db::Access::kRead);
        long long n = 0;
        // The areas' territories do not overlap here (a district and a police area of another part of town).
        for (const org::Area* a : areas) {
            auto r = c->Query(
                "SELECT COUNT(*) AS n FROM incidents WHERE category_id = $1 AND occurred_on >= $2 AND occurred_on < $3 "
                "AND "
                "area_id IN (SELECT child_id FROM area_links WHERE relation = $4 AND parent_id = $5 AND valid_from <= "
                "$6 "
                "AND (valid_to IS NULL OR valid_to > $6))",
                {std::to_string(category), from, to, a->kind, a->id, ref_date});
            n += r.integer(0, "n");
        }
        return n;
    }

    org::AreaCatalog areas_;
    std::shared_ptr<const est::Reference> ref_;
    std::string today_;
    auth::Policy policy_;
    std::unique_ptr<auth::Authorizer> authz_;
    DataVersion version_;
    std::unique_ptr<est::EstService> est_;
    std::unique_ptr<PlanServices> plans_;
    auth::Actor actor_;
};

TEST_F(PlanDbTest, ABoundIndicatorCountsWhatSqlCountsEveryQuarter) {
    // Two years up to today, and the second half of 2023 around the district reform of 1 July.
    est::testing::GenerateIncidents(db(), areas_, *ref_, 11, today_, 700, 6000);
    est::testing::GenerateIncidents(db(), areas_, *ref_, 12, "2023-09-30", 180, 2000);
    const org::Area& jarva = Area("Järva", "district");
    const org::Area& sodermalm = Area("Södermalm", "district");
    const org::Area& farsta_police = Area("Farsta", "police_area");
    int klotter = ref_->FindCategory("klotter")->id, litter = ref_->FindCategory("nedskrapning")->id;

    // The plan starts with the quarter of the first generated incident, so that its quarters cover
    // the data whatever instant the clock is pinned to (SAMVERKAN_TEST_NOW).
    est::Period first = est::PeriodContaining(est::PeriodKind::kQuarter, *est::ParseDay(AddDays(today_, -699)));
    Plan plan = NewPlan(jarva.id, est::FormatDay(first.start));
    struct Case {
        int category;
        std::vector<const org::Area*> areas;
    };
    std::size_t nonzero = 0, quarters = 0;
    for (const Case& k : {Case{klotter, {&jarva}}, Case{litter, {&sodermalm, &farsta_police}}}) {
        Indicator x;
        x.plan_id = plan.id;
        x.source = "situation_picture";
        x.category_id = k.category;
        for (const auto* a : k.areas) x.area_ids.push_back(a->id);
        auto values = Service().indicators.BoundValues(x, plan.period_start);
        ASSERT_FALSE(values.empty());
        est::Period current = est::PeriodContaining(est::PeriodKind::kQuarter, *est::ParseDay(today_));
        EXPECT_EQ(values.back().period, current.Code());
        EXPECT_TRUE(values.back().partial);
        EXPECT_EQ(values.front().period, first.Code());
        for (const auto& v : values) {
            SCOPED_TRACE(v.period);
            est::Period q = *est::ParsePeriod(v.period);
            std::string ref_date = est::FormatDay(q.end - 1);
            long long sql = SqlCount(k.category, k.areas, ref_date, est::FormatDay(q.start), est::FormatDay(q.end));
            EXPECT_EQ(static_cast<long long>(v.value), sql);
            EXPECT_EQ(v.source, "situation_picture");
            nonzero += sql > 0;
            ++quarters;
        }
    }
    EXPECT_GT(nonzero, quarters / 2) << "the comparison must be over real counts";
    // Järva did not exist before 2023-07-01: its 2023-Q2 value is 0, its 2023-Q3 value is not.
    Indicator j;
    j.source = "situation_picture";
    j.category_id = klotter;
    j.area_ids = {jarva.id};
    std::map<std::string, double> by;
    for (const auto& v : Service().indicators.BoundValues(j, "2023-01-01")) by[v.period] = v.value;
    EXPECT_EQ(by.at("2023-Q2"), 0);
    EXPECT_GT(by.at("2023-Q3"), 0);
}

TEST_F(PlanDbTest, TheCsvRoundTripIsExactAndABadRowChangesNothing) {
    const org::Area& jarva = Area("Järva", "district");
    Plan plan = NewPlan(jarva.id, "2026-01-01");
    Plan other = NewPlan(Area("Södermalm", "district").id, "2026-01-01");
    std::string sdn = Org("Järva stadsdelsnämnd"), lpo = Org("Lokalpolisområde Järva");
    PlanServices& s = Service();
    ProblemInput pi;
    pi.title = "Öppen narkotikahandel; vid torget";
    s.plans.AddProblem(actor_, plan.id, pi);
    GoalInput gi;
    gi.code = "l-1";
    gi.title = "Tryggare torg";
    gi.origin = "local";
    Goal g = s.plans.AddGoal(actor_, plan.id, gi);
    auto measure = [&](const std::string& title, const std::string& plan_id, std::vector<std::string> owners) {
        MeasureInput in;
        in.title = title;
        in.description = "Rad ett\nrad två med \"citat\" och ; semikolon";
        in.type = "situational";
        in.horizon = "short";
        in.start_date = "2026-01-01";
        in.end_date = "2026-12-31";
        in.responsible = "Anna Andersson";
        in.owner_ids = std::move(owners);
        if (plan_id == plan.id) in.goal_ids = std::vector<std::string>{g.id};
        return s.measures.CreateMeasure(actor_, plan_id, in);
    };
    Measure a = measure("Belysning", plan.id, {sdn, lpo});
    measure("Trygghetsvandring", plan.id, {sdn});
    Measure foreign = measure("Södermalms åtgärd", other.id, {sdn});
    s.measures.AddFollowUp(actor_, a.id, "2026-03-01", "Påbörjad", 10);
    s.measures.AddFollowUp(actor_, a.id, "2026-04-01", "Halvvägs;\nenligt plan", 50);

    std::string measures = s.measures.ExportMeasuresCsv(actor_, plan.id);
    std::string follow_ups = s.measures.ExportFollowUpsCsv(actor_, plan.id);
    ImportResult r = s.measures.ImportMeasuresCsv(actor_, plan.id, measures);
    EXPECT_EQ(r.created + r.updated, 0u);
    EXPECT_EQ(r.unchanged, 2u);
    ImportResult f = s.measures.ImportFollowUpsCsv(actor_, plan.id, follow_ups);
    EXPECT_EQ(f.unchanged, 2u);
    EXPECT_EQ(s.measures.ExportMeasuresCsv(actor_, plan.id), measures);
    EXPECT_EQ(s.measures.ExportFollowUpsCsv(actor_, plan.id), follow_ups);

    // A good edit, a bad date, another plan's measure and an illegal status move: all refused.
    auto lines = ParseCsv(DecodeSpreadsheetText(measures), ';');
    ASSERT_EQ(lines.size(), 3u);
    std::string edited = "\xEF\xBB\xBF";
    lines[1][1] = "Belysning, utökad";
    lines[2][7] = "2026-02-30";
    CsvRow stranger = lines[1];
    stranger[0] = foreign.id;
    CsvRow jump = lines[1];
    jump[0] = "";
    jump[5] = "klar";
    jump[1] = "Ny åtgärd";
    for (const auto& row : lines) AppendCsvRow(edited, row, ';');
    AppendCsvRow(edited, stranger, ';');
    AppendCsvRow(edited, jump, ';');
    try {
        s.measures.ImportMeasuresCsv(actor_, plan.id, edited);
        FAIL() << "the file should be refused";
    } catch (const RowValidationError& e) {
        ASSERT_EQ(e.Rows().size(), 2u) << e.what();
        EXPECT_EQ(e.Rows()[0].row, 3u);
        EXPECT_EQ(e.Rows()[0].column, "slut");
        EXPECT_EQ(e.Rows()[1].row, 4u);
        EXPECT_EQ(e.Rows()[1].column, "id");
        EXPECT_NE(e.Rows()[1].reason.find("another plan"), std::string::npos) << e.Rows()[1].reason;
    }
    EXPECT_EQ(s.measures.ExportMeasuresCsv(actor_, plan.id), measures) << "nothing was half-applied";
    // The new row's jump from planned to done is allowed: a new measure has no status to move from.
    lines[2][7] = "2026-12-31";
    std::string good = "\xEF\xBB\xBF";
    for (const auto& row : lines) AppendCsvRow(good, row, ';');
    AppendCsvRow(good, jump, ';');
    r = s.measures.ImportMeasuresCsv(actor_, plan.id, good);
    EXPECT_EQ(r.created, 1u);
    EXPECT_EQ(r.updated, 1u);
    EXPECT_EQ(r.unchanged, 1u);
    auto after = ParseCsv(DecodeSpreadsheetText(s.measures.ExportMeasuresCsv(actor_, plan.id)), ';');
    ASSERT_EQ(after.size(), 4u);
    bool renamed = false;
    for (const auto& row : after)
        renamed |= row[1] == "Belysning, utökad" && row[9] == "Järva stadsdelsnämnd | Lokalpolisområde Järva";
    EXPECT_TRUE(renamed);
}

TEST_F(PlanDbTest, IndicatorValuesRoundTripThroughCsvWithDecimalCommas) {
    Plan plan = NewPlan(Area("Järva", "district").id, "2026-01-01");
    Plan other = NewPlan(Area("Farsta", "district").id, "2026-01-01");
    PlanServices& s = Service();
    GoalInput gi;
    gi.code = "l-1";
    gi.title = "Tryggare torg";
    gi.origin = "local";
    Goal g = s.plans.AddGoal(actor_, plan.id, gi);
    Goal og = s.plans.AddGoal(actor_, other.id, gi);
    IndicatorInput in{"Andel trygga", "%", "manual", 70.5, 80, std::nullopt, {}};
    Indicator x = s.indicators.AddIndicator(actor_, "goal", g.id, in);
    Indicator foreign = s.indicators.AddIndicator(actor_, "goal", og.id, in);
    s.indicators.SetIndicatorValue(actor_, x.id, "2025", 71.25);
    s.indicators.SetIndicatorValue(actor_, x.id, "2026-Q1", 0.1);
    std::string csv = s.indicators.ExportIndicatorValuesCsv(actor_, plan.id);
    EXPECT_NE(csv.find(";2025;71,25\r\n"), std::string::npos) << csv;
    ImportResult r = s.indicators.ImportIndicatorValuesCsv(actor_, plan.id, csv);
    EXPECT_EQ(r.unchanged, 2u);
    EXPECT_EQ(s.indicators.ExportIndicatorValuesCsv(actor_, plan.id), csv);

    std::string edited = csv + x.id + ";;2026-Q2;72,5\r\n" + x.id + ";;2026-Q3;sju\r\n" + foreign.id + ";;2026;1\r\n";
    try {
        s.indicators.ImportIndicatorValuesCsv(actor_, plan.id, edited);
        FAIL() << "refused";
    } catch (const RowValidationError& e) {
        ASSERT_EQ(e.Rows().size(), 2u);
        EXPECT_EQ(e.Rows()[0].row, 5u);
        EXPECT_EQ(e.Rows()[0].column, "värde");
        EXPECT_EQ(e.Rows()[1].row, 6u);
        EXPECT_NE(e.Rows()[1].reason.find("another plan"), std::string::npos);
    }
    EXPECT_EQ(s.indicators.ExportIndicatorValuesCsv(actor_, plan.id), csv) << "nothing half-applied";
    r = s.indicators.ImportIndicatorValuesCsv(actor_, plan.id, csv + x.id + ";;2026-Q2;72,5\r\n");
    EXPECT_EQ(r.created, 1u);
    Indicator after = s.indicators.GetIndicator(actor_, x.id);
    ASSERT_EQ(after.values.size(), 3u);
    EXPECT_EQ(after.values[2].period, "2026-Q2");
    EXPECT_DOUBLE_EQ(after.values[2].value, 72.5);
    EXPECT_EQ(after.values[2].source, "import");
}

TEST_F(PlanDbTest, TheRollUpEqualsTheSameFiguresInSql) {
    Plan a = NewPlan(Area("Järva", "district").id, "2026-01-01");
    Plan b = NewPlan(Area("Farsta", "district").id, "2026-01-01");
    std::string sdn = Org("Ägare");
    PlanServices& s = Service();
    const char* statuses[] = {"planned", "ongoing", "done", "paused", "cancelled"};
    int made = 0;
    for (const Plan* p : {&a, &b})
        for (int i = 0; i < 12; ++i) {
            MeasureInput in;
            in.title = "Åtgärd " + std::to_string(i);
            in.type = i % 2 ? "social" : "situational";
            in.horizon = "short";
            in.status = statuses[i % 5];
            in.start_date = "2025-01-01";
            // Some ended yesterday or earlier (overdue unless done or cancelled), some end today (not yet).
            in.end_date = est::FormatDay(*est::ParseDay(today_) + (i % 3 == 0 ? -1 - i : i % 3 == 1 ? 0 : 30));
            in.owner_ids = std::vector<std::string>{sdn};
            Measure m = s.measures.CreateMeasure(actor_, p->id, in);
            if (i % 5 != 0) s.measures.AddFollowUp(actor_, m.id, "2025-06-01", "", (i * 13 + made++) % 101);
            if (i % 4 == 0 && i % 5 != 0) s.measures.AddFollowUp(actor_, m.id, "2025-07-01", "", (i * 7) % 101);
        }
    RollupView v;
    {
        db::Lease c = db().Acquire(db::Access::kRead);
        v = s.plans.BuildRollups(*c);
    }
    db::Lease c = db().Acquire(db::Access::kRead);
    for (const auto& [plan, r] : v.districts) {
        SCOPED_TRACE(plan->id);
        auto sql = c->Query(
            "SELECT COUNT(*) AS n, "
            "SUM(CASE WHEN end_date < $2 AND status NOT IN ('done', 'cancelled') THEN 1 ELSE 0 END) AS overdue, "
            "AVG(CASE WHEN status = 'cancelled' THEN NULL WHEN status = 'done' THEN 100.0 ELSE (SELECT f.progress * "
            "1.0 "
            "FROM measure_follow_ups f WHERE f.measure_id = m.id ORDER BY f.follow_up_on DESC, f.recorded_at DESC, "
            "f.id DESC "
            "LIMIT 1) END) AS progress FROM measures m WHERE plan_id = $1",
            {plan->id, today_});
        EXPECT_EQ(r.measures, static_cast<std::size_t>(sql.integer(0, "n")));
        EXPECT_EQ(r.overdue, static_cast<std::size_t>(sql.integer(0, "overdue")));
        ASSERT_TRUE(r.Progress());
        EXPECT_NEAR(*r.Progress(), std::stod(sql.text(0, "progress")), 0.05);
        for (int st = 0; st < 5; ++st) {
            auto n = c->Query("SELECT COUNT(*) AS n FROM measures WHERE plan_id = $1 AND status = $2",
                              {plan->id, statuses[st]});
            EXPECT_EQ(r.by_status[static_cast<std::size_t>(st)], static_cast<std::size_t>(n.integer(0, "n")))
                << statuses[st];
        }
    }
    EXPECT_EQ(v.citywide.measures, 24u);
    EXPECT_GT(v.citywide.overdue, 0u);
    ASSERT_EQ(v.owners.size(), 1u);
    EXPECT_EQ(v.owners[0].second.measures, 24u);
}

}  // namespace
}  // namespace samverkan::plans
