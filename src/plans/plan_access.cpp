#include "plans/plan_access.hpp"

#include "plans/plan_repository.hpp"

namespace samverkan::plans {

auth::Resource PlanAccess::AreaResource(db::Connection& c, const std::string& type,
                                        const std::optional<std::string>& id,
                                        const std::vector<std::string>& area_ids) const {
    auth::Resource r{type, id};
    r.area_only = true;
    std::string today = db_.clock().TodayStockholm();
    std::vector<std::string> districts;
    for (const auto& a : area_ids) {
        for (auto& x : areas_.WithAncestors(a, today)) r.areas.emplace_back(x);
        const org::Area* area = areas_.Get(a);
        if (area && area->kind == "district") districts.push_back(a);
    }
    // The members of the districts' local groups.
    if (!districts.empty()) r.relations["local_group_members"] = PlanRepository::LocalGroupMembers(c, districts);
    return r;
}

auth::Resource PlanAccess::PlanResource(db::Connection& c, const Plan& plan) const {
    const org::Area* city = areas_.Municipality(db_.clock().TodayStockholm());
    std::string area = plan.district_id ? *plan.district_id : (city ? city->id : "");
    return AreaResource(c, "action_plan", plan.id, {area});
}

std::set<std::string> PlanAccess::Memberships(db::Connection& c, const auth::Actor& actor) const {
    if (!actor.authenticated()) return {};
    return PlanRepository::MembershipsOf(c, actor.id.str());
}

auth::Resource PlanAccess::MeasureResource(const auth::Resource& plan_resource, const Measure& m,
                                           const auth::Actor& actor, const std::set<std::string>& memberships) const {
    auth::Resource r = plan_resource;
    r.type = "measure";
    r.id = m.id;
    // Only the asking actor's place in the relation matters to the decision.
    for (const auto& o : m.owner_ids)
        if (memberships.count(o)) {
            r.relations["measure_owners"] = {actor.id.str()};
            break;
        }
    return r;
}

auth::Resource PlanAccess::PromiseResource(db::Connection& c, const CitizenPromise& p) const {
    std::vector<std::string> ids;
    if (p.district_id) ids.push_back(*p.district_id);
    if (p.police_area_id) ids.push_back(*p.police_area_id);
    return AreaResource(c, "citizen_promise", p.id.empty() ? std::nullopt : std::optional(p.id), ids);
}

Plan PlanAccess::RequirePlan(const auth::Actor& actor, const std::string& plan_id) {
    return ReadRecord(actor, "action_plan", "action plan", plan_id, PlanRepository::FindPlan);
}

Plan PlanAccess::RequireEdit(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = RequirePlan(actor, plan_id);
    auth::Resource res;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        res = PlanResource(*c, plan);
    }
    authz_.Require(actor, auth::Action::kEditPlan, res);
    return plan;
}

std::pair<Plan, Measure> PlanAccess::RequireMeasureUpdate(const auth::Actor& actor, const std::string& measure_id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"measure", measure_id});
    auth::Resource res;
    Plan plan;
    Measure m;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        auto found = PlanRepository::FindMeasure(*c, measure_id);
        if (!found) throw NotFoundError("No measure with id " + measure_id + ".");
        m = std::move(*found);
        plan = *PlanRepository::FindPlan(*c, m.plan_id);
        res = MeasureResource(PlanResource(*c, plan), m, actor, Memberships(*c, actor));
    }
    authz_.Require(actor, auth::Action::kUpdateMeasure, res);
    return {plan, m};
}

void PlanAccess::RequirePromiseEdit(const auth::Actor& actor, const CitizenPromise& p) {
    auth::Resource res;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        res = PromiseResource(*c, p);
    }
    authz_.Require(actor, auth::Action::kEditPlan, res);
}

}  // namespace samverkan::plans
