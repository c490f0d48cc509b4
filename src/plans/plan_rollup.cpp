// PlanService: roll-ups of every plan's measures by district, owner organisation and goal, the
// overdue measures, and the district-by-district comparison of priorities.
#include <algorithm>
#include <chrono>
#include <map>

#include "common/time.hpp"
#include "plans/plan_repository.hpp"
#include "plans/plan_service.hpp"

namespace samverkan::plans {

RollupView PlanService::Rollups(const auth::Actor& actor) {
    authz_.Require(actor, auth::Action::kReadPlans, {"action_plan"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return BuildRollups(*c);
}

RollupView PlanService::BuildRollups(db::Connection& c) {
    RollupView v;
    est::Day today = est::StockholmDay(c.clock().EpochSeconds());
    v.today = est::FormatDay(today);
    v.plans = PlanRepository::ListPlans(c);
    v.measures = PlanRepository::RollupMeasures(c);
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
    std::map<std::string, std::string> org_name = PlanRepository::OrganisationNames(c);
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
    for (Goal& g : PlanRepository::AllGoals(c)) {
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
    v.focus_areas = PlanRepository::FocusAreas(c);
    std::map<std::string, std::map<std::string, int>> ranks = PlanRepository::BestRanks(c);
    for (const Plan* p : local) v.priorities.emplace_back(p, ranks[p->id]);
    return v;
}

}  // namespace samverkan::plans
