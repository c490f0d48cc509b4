#include "plans/indicator_service.hpp"

#include <cmath>
#include <map>
#include <set>

#include "audit/audit_log.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "est/picture.hpp"
#include "plans/plan_repository.hpp"
#include "plans/validation.hpp"

namespace samverkan::plans {

IndicatorService::IndicatorService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas,
                                   est::EstService& est)
    : db_(db), access_(access), authz_(access.authz()), areas_(areas), est_(est) {}

std::vector<IndicatorValue> IndicatorService::BoundValues(const Indicator& x, const std::string& from) {
    std::vector<IndicatorValue> out;
    if (!x.category_id) return out;
    auto& index = est_.index();
    index.Refresh(db_);
    est::Day today = est::StockholmDay(db_.clock().EpochSeconds());
    est::Period current = est::PeriodContaining(est::PeriodKind::kQuarter, today);
    est::Period first = est::PeriodContaining(est::PeriodKind::kQuarter, est::ParseDay(from).value_or(today));
    est::Period earliest = est::ShiftPeriod(current, -19);
    if (first.start < earliest.start) first = earliest;
    if (first.start > current.start) first = current;
    for (est::Period q = first; q.start <= current.start; q = est::ShiftPeriod(q, 1)) {
        // Like the situation picture: each area's territory as it was on the quarter's last day.
        std::string ref_date = est::FormatDay(q.end - 1);
        std::vector<int> slots(static_cast<std::size_t>(index.slot_count()), -1);
        for (const auto& id : x.area_ids) {
            const org::Area* a = areas_.Get(id);
            if (!a || !a->ValidOn(ref_date)) continue;
            auto s = est::TerritorySlots(index, areas_, *a, ref_date);
            for (std::size_t i = 0; i < s.size(); ++i)
                if (s[i] == 0) slots[i] = 0;
        }
        int cats = 0;
        auto counts = index.Aggregate(q.start, q.end - q.start, 1, slots, 1, {}, &cats);
        double v = *x.category_id < cats ? counts[static_cast<std::size_t>(*x.category_id)] : 0;
        out.push_back({q.Code(), v, "situation_picture", q.start == current.start});
    }
    return out;
}

void IndicatorService::FillBoundValues(const Plan& plan, std::vector<Indicator>& indicators) {
    for (Indicator& x : indicators)
        if (x.source == "situation_picture") x.values = BoundValues(x, plan.period_start);
}

Indicator IndicatorService::AddIndicator(const auth::Actor& actor, const std::string& owner,
                                         const std::string& owner_id, const IndicatorInput& in) {
    Indicator x;
    x.id = NewUuid();
    Plan plan;
    if (owner == "goal") {
        Goal g = access_.ReadRecord(actor, "plan_goal", "goal", owner_id, PlanRepository::FindGoal);
        plan = access_.RequireEdit(actor, g.plan_id);
        x.goal_id = g.id;
    } else {
        auto [p, m] = access_.RequireMeasureUpdate(actor, owner_id);
        plan = p;
        x.measure_id = m.id;
    }
    x.plan_id = plan.id;
    RequireLength(in.name, 200, "name", true);
    RequireLength(in.unit, 40, "unit", false);
    x.name = in.name;
    x.unit = in.unit;
    x.baseline = in.baseline;
    x.target = in.target;
    x.source = in.source;
    if (in.source == "situation_picture") {
        if (!in.category_id)
            throw ValidationError("A bound indicator names its situation-picture category.", "category_id");
        const est::Category* cat = est_.reference()->CategoryById(*in.category_id);
        if (!cat)
            throw ValidationError("No situation-picture category with id " + std::to_string(*in.category_id) + ".",
                                  "category_id");
        if (in.area_ids.empty() || in.area_ids.size() > 20)
            throw ValidationError("A bound indicator names 1–20 areas.", "area_ids");
        std::set<std::string> seen;
        for (const auto& id : in.area_ids) {
            const org::Area* a = areas_.Get(id);
            if (!a) throw ValidationError("Unknown area '" + id + "'.", "area_ids");
            if (!seen.insert(id).second) throw ValidationError("Area '" + a->name + "' is named twice.", "area_ids");
        }
        x.category_id = in.category_id;
        x.area_ids = in.area_ids;
    } else if (in.source == "manual") {
        if (in.category_id || !in.area_ids.empty())
            throw ValidationError(
                "Only an indicator bound to the situation picture "
                "has a category and areas.",
                "source");
    } else {
        throw ValidationError("source must be manual or situation_picture.", "source");
    }
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        x.position = PlanRepository::NextIndicatorPosition(c, x);
        PlanRepository::InsertIndicator(c, x);
        audit::Append(c, audit::ByActor(actor, "plan.indicator.create", "indicator", x.id,
                                        {{"plan_id", plan.id}, {"source", x.source}}));
    });
    if (x.source == "situation_picture") x.values = BoundValues(x, plan.period_start);
    return x;
}

Indicator IndicatorService::GetIndicator(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"indicator", id});
    Indicator x;
    Plan plan;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        auto found = PlanRepository::FindIndicator(*c, id);
        if (!found) throw NotFoundError("No indicator with id " + id + ".");
        x = std::move(*found);
        plan = *PlanRepository::FindPlan(*c, x.plan_id);
    }
    if (x.source == "situation_picture") x.values = BoundValues(x, plan.period_start);
    return x;
}

void IndicatorService::DeleteIndicator(const auth::Actor& actor, const std::string& id) {
    Indicator x = access_.ReadRecord(actor, "indicator", "indicator", id, PlanRepository::FindIndicator);
    if (x.measure_id)
        access_.RequireMeasureUpdate(actor, *x.measure_id);
    else
        access_.RequireEdit(actor, x.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::DeleteIndicator(c, id);
        audit::Append(c, audit::ByActor(actor, "plan.indicator.delete", "indicator", id, {{"plan_id", x.plan_id}}));
    });
}

Indicator IndicatorService::SetIndicatorValue(const auth::Actor& actor, const std::string& id,
                                              const std::string& period, std::optional<double> value) {
    Indicator x = access_.ReadRecord(actor, "indicator", "indicator", id, PlanRepository::FindIndicator);
    if (x.measure_id)
        access_.RequireMeasureUpdate(actor, *x.measure_id);
    else
        access_.RequireEdit(actor, x.plan_id);
    if (x.source != "manual")
        throw ConflictError(
            "The indicator reads its values from the situation "
            "picture; they cannot be entered by hand.");
    auto p = est::ParsePeriod(period);
    if (!p) throw ValidationError("period '" + period + "' is not like 2026-Q3, 2026-T2, 2026-W48 or 2026.", "period");
    if (value && !std::isfinite(*value)) throw ValidationError("value must be a finite number.", "value");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::SetIndicatorValue(c, id, p->Code(), value, "manual", actor.id.str());
        audit::Append(c, audit::ByActor(actor, value ? "plan.indicator.value_set" : "plan.indicator.value_delete",
                                        "indicator", id, {{"period", p->Code()}}));
    });
    db::Lease c = db_.Acquire(db::Access::kRead);
    return *PlanRepository::FindIndicator(*c, id);
}

// --- CSV -----------------------------------------------------------------------------------------

namespace {
const std::vector<std::string> kIndicatorValueColumns = {"indikator_id", "indikator", "period", "värde"};
}  // namespace

std::string IndicatorService::ExportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = access_.RequirePlan(actor, plan_id);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::string out = csv::kBom;
    AppendCsvRow(out, kIndicatorValueColumns, csv::kDelimiter);
    for (const Indicator& x : PlanRepository::IndicatorsOf(*c, plan.id)) {
        if (x.source != "manual") continue;
        for (const IndicatorValue& v : x.values)
            AppendCsvRow(out, {x.id, x.name, v.period, csv::DecimalSv(v.value)}, csv::kDelimiter);
    }
    return out;
}

ImportResult IndicatorService::ImportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id,
                                                        const std::string& bytes) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    std::map<std::string, Indicator> indicators;
    std::set<std::pair<std::string, std::string>> seen;
    csv::Import import;
    import.columns = kIndicatorValueColumns;
    import.begin = [&](db::Connection & c) {
        for (Indicator& x:PlanRepository::IndicatorsOf(c, plan.id)) indicators.emplace(x.id, std::move(x));
};
import.row = [&](db::Connection & c, const csv::ImportRow& row) { std::string id = row.Cell(0);
auto it = indicators.find(id);
if (it == indicators.end()) {
    bool elsewhere = PlanRepository::FindIndicator(c, id).has_value();
    throw ValidationError(
        elsewhere ? "The indicator " + id + " belongs to another plan." : "No indicator with id '" + id + "'.",
        "indicator_id");
}
if (it->second.source != "manual")
    throw ValidationError("The indicator reads its values from the situation picture.", "indicator_id");
auto period = est::ParsePeriod(row.Cell(2));
if (!period)
    throw ValidationError("period '" + row.Cell(2) + "' is not like 2026-Q3, 2026-T2, 2026-W48 or 2026.", "period");
if (!seen.emplace(id, period->Code()).second)
    throw ValidationError("The indicator's " + period->Code() + " appears twice in the file.", "period");
std::optional<double> value;
if (!row.Cell(3).empty()) {
    value = csv::ParseDecimal(row.Cell(3));
    if (!value) throw ValidationError("värde '" + row.Cell(3) + "' is not a number like 72,5.", "value");
}
const IndicatorValue* stored = nullptr;
for (const auto& v : it->second.values)
    if (v.period == period->Code()) stored = &v;
if ((!stored && !value) || (stored && value && stored->value == *value)) return csv::RowOutcome::kUnchanged;
PlanRepository::SetIndicatorValue(c, id, period->Code(), value, "import", actor.id.str());
return stored ? csv::RowOutcome::kUpdated : csv::RowOutcome::kCreated;
};  // namespace samverkan::plans
import.finish = [&](db::Connection & c, const ImportResult& result) {
    audit::Append(c, audit::ByActor(actor, "plan.indicator.import", "action_plan", plan.id,
                                    {{"created", result.created},
                                     {"updated", result.updated},
                                     { "unchanged",
                                       result.unchanged }}));
}
;
return csv::RunImport(db_, bytes, import);
}

}  // namespace samverkan::plans
