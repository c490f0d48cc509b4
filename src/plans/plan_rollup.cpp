// PlanService: roll-ups of every plan's measures by district, owner organisation and goal, the
// overdue measures, and the district-by-district comparison of priorities.
#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include "common/time.hpp"
#include "plans/plan_repository.hpp"
#include "plans/plan_service.hpp"

namespace samverkan::plans {
namespace R = PlanRepository;
namespace {

// Every measure with only what a roll-up reads (no descriptions), streamed rather than built into
// result tables: the citywide roll-up reads thousands of measures on each request.
std::vector<Measure> RollupMeasures(db::Connection& c) {
    std::vector<Measure> out;
    std::unordered_map<std::string, std::size_t> at;
    // Unordered: the overdue list is sorted below, and nothing else depends on the order.
    c.ForEach("SELECT id, plan_id, title, status, end_date, progress FROM measures", {},
              [&](const std::vector<std::optional<std::string_view>>& row) {
                  Measure m;
                  m.id = std::string(*row[0]);
                  m.plan_id = std::string(*row[1]);
                  m.title = std::string(*row[2]);
                  m.status = ParseStatus(*row[3]).value_or(MeasureStatus::kPlanned);
                  m.end_date = std::string(row[4]->substr(0, 10));
                  if (row[5]) m.progress = std::stoi(std::string(*row[5]));
                  at.emplace(m.id, out.size());
                  out.push_back(std::move(m));
              });
    // Owners in each measure's own order, sorted here rather than by the database (no index serves it).
    std::vector<std::vector<std::pair<int, std::string>>> owners(out.size());
    c.ForEach("SELECT measure_id, organisation_id, position FROM measure_owners", {},
              [&](const std::vector<std::optional<std::string_view>>& row) {
                  if (auto it = at.find(std::string(*row[0])); it != at.end())
                      owners[it->second].emplace_back(std::stoi(std::string(*row[2])), std::string(*row[1]));
              });
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::sort(owners[i].begin(), owners[i].end());
        for (auto& [position, id] : owners[i]) out[i].owner_ids.push_back(std::move(id));
    }
    c.ForEach("SELECT measure_id, goal_id FROM measure_goals", {},
              [&](const std::vector<std::optional<std::string_view>>& row) {
                  if (auto it = at.find(std::string(*row[0])); it != at.end())
                      out[it->second].goal_ids.emplace_back(*row[1]);
              });
    return out;
}

}  // namespace

RollupView PlanService::Rollups(const auth::Actor& actor) {
    authz_.Require(actor, auth::Action::kReadPlans, {"action_plan"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return BuildRollups(*c);
}

RollupView PlanService::BuildRollups(db::Connection& c) {
    RollupView v;
    est::Day today = est::StockholmDay(c.clock().EpochSeconds());
    v.today = est::FormatDay(today);
    v.plans = R::ListPlans(c);
    v.measures = RollupMeasures(c);
    std::map<std::string, const Plan*> plan_of;
    for (const Plan& p : v.plans) plan_of[p.id] = &p;
    std::map<std::string, std::size_t> district_at;  // plan id -> index in v.districts
    std::vector<const Plan*> local;
    for (const Plan& p : v.plans)
        if (p.scope == "local") local.push_back(&p);
    auto district_name = [&](const Plan* p) {
        const org::Area* a = p->district_id ? areas_.Get(*p->district_id) : nullptr;
        return a ? a->name : p->title;
    };
    std::sort(local.begin(), local.end(),
              [&](const Plan* a, const Plan* b) { return district_name(a) < district_name(b); });
    for (const Plan* p : local) {
        district_at[p->id] = v.districts.size();
        v.districts.emplace_back(p, Rollup{});
    }
    auto names = c.Query("SELECT id, name FROM organisations");
    std::map<std::string, std::string> org_name;
    for (std::size_t i = 0; i < names.size(); ++i) org_name[names.text(i, "id")] = names.text(i, "name");
    std::map<std::string, Rollup> by_owner;
    std::map<std::string, Rollup> by_goal;
    for (const Measure& m : v.measures) {
        auto end = est::ParseDay(m.end_date);
        bool overdue = end && IsOverdue(*end, m.status, today);
        v.citywide.Add(m.status, m.progress, overdue);
        if (auto it = district_at.find(m.plan_id); it != district_at.end())
            v.districts[it->second].second.Add(m.status, m.progress, overdue);
        for (const auto& o : m.owner_ids) by_owner[o].Add(m.status, m.progress, overdue);
        for (const auto& g : m.goal_ids) by_goal[g].Add(m.status, m.progress, overdue);
        if (overdue) v.overdue.push_back({&m, plan_of[m.plan_id], today - *end});
    }
    for (auto& [id, r] : by_owner) v.owners.emplace_back(id, r);
    std::sort(v.owners.begin(), v.owners.end(),
              [&](const auto& a, const auto& b) { return org_name[a.first] < org_name[b.first]; });
    auto goals = c.Query("SELECT * FROM plan_goals ORDER BY position, code");
    for (std::size_t i = 0; i < goals.size(); ++i) {
        Goal g{goals.text(i, "id"),     goals.text(i, "plan_id"),
               goals.text(i, "code"),   static_cast<int>(goals.integer(i, "position")),
               goals.text(i, "title"),  goals.text(i, "description"),
               goals.text(i, "origin"), goals.at(i, "agreement_item_code")};
        const Plan* p = plan_of[g.plan_id];
        Rollup r = by_goal[g.id];
        v.goals.push_back({std::move(g), p, r});
    }
    // The citywide plan's goals first, then the districts' by district name.
    std::stable_sort(v.goals.begin(), v.goals.end(), [&](const auto& a, const auto& b) {
        auto key = [&](const RollupView::GoalRow& r) {
            return std::make_pair(r.plan && r.plan->scope == "citywide" ? 0 : 1, r.plan ? district_name(r.plan) : "");
        };
        return key(a) < key(b);
    });
    std::sort(v.overdue.begin(), v.overdue.end(), [](const OverdueMeasure& a, const OverdueMeasure& b) {
        if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
        return a.measure->title < b.measure->title;
    });
    v.focus_areas = FocusAreas(c);
    auto problems = c.Query(
        "SELECT plan_id, focus_area_code, MIN(rank) AS best FROM plan_problems WHERE focus_area_code "
        "IS NOT NULL GROUP BY plan_id, focus_area_code");
    std::map<std::string, std::map<std::string, int>> ranks;
    for (std::size_t i = 0; i < problems.size(); ++i)
        ranks[problems.text(i, "plan_id")][problems.text(i, "focus_area_code")] =
            static_cast<int>(problems.integer(i, "best"));
    for (const Plan* p : local) v.priorities.emplace_back(p, ranks[p->id]);
    return v;
}

}  // namespace samverkan::plans
