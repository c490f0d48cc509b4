#include "plans/plan_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <regex>
#include <set>

#include "audit/audit_log.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "est/picture.hpp"
#include "plans/plan_repository.hpp"
#include "plans/validation.hpp"

namespace samverkan::plans {

PlanService::PlanService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas, est::EstService& est,
                         IndicatorService& indicators)
    : db_(db), access_(access), authz_(access.authz()), areas_(areas), est_(est), indicators_(indicators) {}

std::map<std::string, std::string> PlanService::OrganisationNames() const {
    db::Lease c = db_.Acquire(db::Access::kRead);
    return PlanRepository::OrganisationNames(*c);
}

Plan PlanService::RequirePlan(const auth::Actor& actor, const std::string& plan_id) {
    return access_.RequirePlan(actor, plan_id);
}

// --- Plans ---------------------------------------------------------------------------------------

Rollup PlanService::RollupOf(const std::vector<const Measure*>& ms, est::Day today) const {
    Rollup r;
    for (const Measure* m : ms) r.Add(m->status, m->progress, IsOverdue(*est::ParseDay(m->end_date), m->status, today));
    return r;
}

std::vector<PlanSummary> PlanService::List(const auth::Actor& actor) {
    authz_.Require(actor, auth::Action::kReadPlans, {"action_plan"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::vector<Plan> plans = PlanRepository::ListPlans(*c);
    std::vector<Measure> measures = PlanRepository::Measures(*c, std::nullopt);
    est::Day today = est::StockholmDay(db_.clock().EpochSeconds());
    std::vector<PlanSummary> out;
    for (const Plan& p : plans) {
        std::vector<const Measure*> mine;
        for (const Measure& m : measures)
            if (m.plan_id == p.id) mine.push_back(&m);
        out.push_back({p, RollupOf(mine, today), authz_.Allows(actor, auth::Action::kEditPlan, access_.PlanResource(*c, p))});
    }
    // Citywide first, then the districts by name.
    std::stable_sort(out.begin(), out.end(), [&](const PlanSummary& a, const PlanSummary& b) {
        auto key = [&](const PlanSummary& s) {
            const org::Area* d = s.plan.district_id ? areas_.Get(*s.plan.district_id) : nullptr;
            return std::make_pair(s.plan.scope == "citywide" ? 0 : 1, d ? d->name : s.plan.title);
        };
        return key(a) < key(b);
    });
    return out;
}

PlanView PlanService::Get(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = access_.RequirePlan(actor, plan_id);
    PlanView v;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        v.detail = PlanRepository::LoadDetail(*c, plan);
        auth::Resource res = access_.PlanResource(*c, plan);
        v.can_edit = authz_.Allows(actor, auth::Action::kEditPlan, res);
        v.can_comment = authz_.Allows(actor, auth::Action::kCommentPlan, res);
        std::set<std::string> memberships = access_.Memberships(*c, actor);
        for (const Measure& m : v.detail.measures)
            v.can_update[m.id] = authz_.Allows(actor, auth::Action::kUpdateMeasure, access_.MeasureResource(res, m, actor, memberships));
        v.focus_areas = PlanRepository::FocusAreas(*c);
        if (plan.agreement_id) v.agreement_title = PlanRepository::AgreementTitle(*c, *plan.agreement_id);
    }
    est::Day today = est::StockholmDay(db_.clock().EpochSeconds());
    std::vector<const Measure*> all;
    for (const Measure& m : v.detail.measures) all.push_back(&m);
    v.rollup = RollupOf(all, today);
    for (const Goal& g : v.detail.goals) {
        std::vector<const Measure*> serving;
        for (const Measure& m : v.detail.measures)
            if (std::find(m.goal_ids.begin(), m.goal_ids.end(), g.id) != m.goal_ids.end()) serving.push_back(&m);
        v.goal_rollups[g.id] = RollupOf(serving, today);
    }
    indicators_.FillBoundValues(plan, v.detail.indicators);
    return v;
}

Plan PlanService::UpdatePlan(const auth::Actor& actor, const std::string& plan_id,
                             const std::optional<std::string>& title, const std::optional<std::string>& period_start,
                             const std::optional<std::string>& period_end) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    if (title) {
        RequireLength(*title, 200, "title", true);
        plan.title = *title;
    }
    if (period_start) plan.period_start = est::FormatDay(RequireDay(*period_start, "period_start"));
    if (period_end) plan.period_end = est::FormatDay(RequireDay(*period_end, "period_end"));
    if (plan.period_end < plan.period_start) throw ValidationError("period_end is before period_start.", "period_end");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::UpdatePlan(c, plan);
        audit::Append(c, audit::ByActor(actor, "plan.update", "action_plan", plan.id));
    });
    return plan;
}

// --- Problems and priorities ---------------------------------------------------------------------

namespace {
void ApplyProblem(Problem& p, const ProblemInput& in, const std::vector<FocusArea>& focus,
                  const org::AreaCatalog& areas, const est::Reference& ref) {
    if (in.title) p.title = *in.title;
    RequireLength(p.title, 200, "title", true);
    if (in.description) p.description = *in.description;
    RequireLength(p.description, 4000, "description", false);
    if (in.clear_focus_area) p.focus_area_code.reset();
    if (in.focus_area_code) {
        bool known =
            std::any_of(focus.begin(), focus.end(), [&](const FocusArea& f) { return f.code == *in.focus_area_code; });
        if (!known)
            throw ValidationError("No focus area with code '" + *in.focus_area_code + "' in the agreement.",
                                  "focus_area_code");
        p.focus_area_code = in.focus_area_code;
    }
    if (in.offender) p.offender = *in.offender;
    if (in.target) p.target = *in.target;
    if (in.place) p.place = *in.place;
    RequireLength(p.offender, 2000, "triangle.offender", false);
    RequireLength(p.target, 2000, "triangle.target", false);
    RequireLength(p.place, 2000, "triangle.place", false);
    if (in.evidence) {
        if (in.evidence->size() > 20) throw ValidationError("At most 20 evidence links.", "evidence");
        for (std::size_t i = 0; i < in.evidence->size(); ++i) {
            const Evidence& e = (*in.evidence)[i];
            std::string path = "evidence[" + std::to_string(i) + "]";
            RequireLength(e.label, 300, path + ".label", true);
            if (e.kind == "situation_picture") {
                if (!e.area_id || !areas.Get(*e.area_id)) throw ValidationError("Unknown area.", path + ".area_id");
                if (!e.category_id || !ref.CategoryById(*e.category_id))
                    throw ValidationError("Unknown category.", path + ".category_id");
                if (!e.period || !est::ParsePeriod(*e.period))
                    throw ValidationError("period must be like 2026-W48, 2026-Q3, 2026-T2 or 2026.", path + ".period");
            } else if (e.kind == "source") {
                if (e.url) {
                    RequireLength(*e.url, 1000, path + ".url", false);
                    if (e.url->rfind("https://", 0) != 0 && e.url->rfind("http://", 0) != 0)
                        throw ValidationError("url must start with https:// or http://.", path + ".url");
                }
            } else {
                throw ValidationError("kind must be situation_picture or source.", path + ".kind");
            }
        }
        p.evidence = *in.evidence;
    }
}
}  // namespace

std::optional<std::size_t> PlanService::EvidenceFigure(const Evidence& e) {
    if (!e.area_id || !e.category_id || !e.period) return std::nullopt;
    auto period = est::ParsePeriod(*e.period);
    if (!period) return std::nullopt;
    Indicator x;
    x.category_id = e.category_id;
    x.area_ids = {*e.area_id};
    est_.index().Refresh(db_);
    const org::Area* area = areas_.Get(*e.area_id);
    if (!area) return std::nullopt;
    std::string ref_date = est::FormatDay(period->end - 1);
    if (!area->ValidOn(ref_date)) return std::nullopt;
    auto& index = est_.index();
    auto slots = est::TerritorySlots(index, areas_, *area, ref_date);
    int cats = 0;
    auto counts = index.Aggregate(period->start, period->end - period->start, 1, slots, 1, {}, &cats);
    return *e.category_id < cats ? counts[static_cast<std::size_t>(*e.category_id)] : 0;
}

Problem PlanService::AddProblem(const auth::Actor& actor, const std::string& plan_id, const ProblemInput& in) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    Problem p;
    p.id = NewUuid();
    p.plan_id = plan.id;
    std::vector<FocusArea> focus;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        focus = PlanRepository::FocusAreas(*c);
    }
    ApplyProblem(p, in, focus, areas_, *est_.reference());
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("plan_problems:" + plan.id);
        auto existing = PlanRepository::ProblemsOf(c, plan.id);
        for (const auto& e : existing)
            if (e.title == p.title) throw ConflictError("The plan already has a problem titled '" + p.title + "'.");
        p.rank = static_cast<int>(existing.size()) + 1;
        PlanRepository::InsertProblem(c, p);
        audit::Append(c, audit::ByActor(actor, "plan.problem.create", "plan_problem", p.id, {{"plan_id", plan.id}}));
        return p;
    });
}

Problem PlanService::UpdateProblem(const auth::Actor& actor, const std::string& problem_id, const ProblemInput& in) {
    Problem p = access_.ReadRecord(actor, "plan_problem", "problem", problem_id, PlanRepository::FindProblem);
    access_.RequireEdit(actor, p.plan_id);
    std::vector<FocusArea> focus;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        focus = PlanRepository::FocusAreas(*c);
    }
    ApplyProblem(p, in, focus, areas_, *est_.reference());
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        for (const auto& e : PlanRepository::ProblemsOf(c, p.plan_id))
            if (e.title == p.title && e.id != p.id)
                throw ConflictError("The plan already has a problem titled '" + p.title + "'.");
        PlanRepository::UpdateProblem(c, p);
        audit::Append(c, audit::ByActor(actor, "plan.problem.update", "plan_problem", p.id, {{"plan_id", p.plan_id}}));
        return p;
    });
}

void PlanService::DeleteProblem(const auth::Actor& actor, const std::string& problem_id) {
    Problem p = access_.ReadRecord(actor, "plan_problem", "problem", problem_id, PlanRepository::FindProblem);
    access_.RequireEdit(actor, p.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("plan_problems:" + p.plan_id);
        PlanRepository::DeleteProblem(c, p.id);
        int rank = 1;
        for (const auto& e : PlanRepository::ProblemsOf(c, p.plan_id)) PlanRepository::SetRank(c, e.id, rank++);
        audit::Append(c, audit::ByActor(actor, "plan.problem.delete", "plan_problem", p.id,
                                        {{"plan_id", p.plan_id}, {"title", p.title}}));
    });
}

std::vector<Problem> PlanService::Reorder(const auth::Actor& actor, const std::string& plan_id,
                                          const std::vector<std::string>& ids) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("plan_problems:" + plan.id);
        auto existing = PlanRepository::ProblemsOf(c, plan.id);
        std::set<std::string> have, sent(ids.begin(), ids.end());
        for (const auto& e : existing) have.insert(e.id);
        if (sent.size() != ids.size()) throw ValidationError("problem_ids names a problem twice.", "problem_ids");
        if (sent != have)
            throw ValidationError(
                ErrorCode("plan.priorities_stale"),
                "problem_ids must list each of the plan's " + std::to_string(have.size()) + " problems exactly once.",
                "problem_ids", {{"count", std::to_string(have.size())}});
        boost::json::array before, after;
        for (const auto& e : existing) before.emplace_back(e.id);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            PlanRepository::SetRank(c, ids[i], static_cast<int>(i) + 1);
            after.emplace_back(ids[i]);
        }
        audit::Append(c, audit::ByActor(actor, "plan.priorities.update", "action_plan", plan.id,
                                        {{"before", before}, {"after", after}}));
        return PlanRepository::ProblemsOf(c, plan.id);
    });
}

// --- Goals ---------------------------------------------------------------------------------------

namespace {
void ApplyGoal(db::Connection& c, const Plan& plan, Goal& g, const GoalInput& in) {
    static const std::regex kCode("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$");
    if (in.code) {
        if (!std::regex_match(*in.code, kCode))
            throw ValidationError("code must be 1–40 letters a–z, digits, '-', '_' or '.'.", "code");
        g.code = *in.code;
    }
    if (in.title) g.title = *in.title;
    RequireLength(g.title, 300, "title", true);
    if (in.description) g.description = *in.description;
    RequireLength(g.description, 4000, "description", false);
    if (in.origin) {
        if (*in.origin != "agreement" && *in.origin != "local")
            throw ValidationError("origin must be agreement or local.", "origin");
        g.origin = *in.origin;
    }
    if (g.origin.empty()) throw ValidationError("origin is required.", "origin");
    if (g.origin == "local")
        g.agreement_item_code.reset();
    else {
        if (in.agreement_item_code) g.agreement_item_code = in.agreement_item_code;
        if (!g.agreement_item_code)
            throw ValidationError("A goal from the agreement names the agreement's goal (agreement_item_code).",
                                  "agreement_item_code");
        // A goal of the plan's agreement, or of the agreement it sits under.
        if (!PlanRepository::AgreementHasGoal(c, plan.agreement_id.value_or(""), *g.agreement_item_code))
            throw ValidationError("The plan's agreement has no goal with code '" + *g.agreement_item_code + "'.",
                                  "agreement_item_code");
    }
}
}  // namespace

Goal PlanService::AddGoal(const auth::Actor& actor, const std::string& plan_id, const GoalInput& in) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    if (!in.code) throw ValidationError("code is required.", "code");
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        Goal g;
        g.id = NewUuid();
        g.plan_id = plan.id;
        ApplyGoal(c, plan, g, in);
        auto existing = PlanRepository::GoalsOf(c, plan.id);
        for (const auto& e : existing)
            if (e.code == g.code) throw ConflictError("The plan already has a goal with code '" + g.code + "'.");
        g.position = static_cast<int>(existing.size()) + 1;
        PlanRepository::InsertGoal(c, g);
        audit::Append(c, audit::ByActor(actor, "plan.goal.create", "plan_goal", g.id, {{"plan_id", plan.id}}));
        return g;
    });
}

Goal PlanService::UpdateGoal(const auth::Actor& actor, const std::string& goal_id, const GoalInput& in) {
    Goal g = access_.ReadRecord(actor, "plan_goal", "goal", goal_id, PlanRepository::FindGoal);
    Plan plan = access_.RequireEdit(actor, g.plan_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ApplyGoal(c, plan, g, in);
        for (const auto& e : PlanRepository::GoalsOf(c, plan.id))
            if (e.code == g.code && e.id != g.id)
                throw ConflictError("The plan already has a goal with code '" + g.code + "'.");
        PlanRepository::UpdateGoal(c, g);
        audit::Append(c, audit::ByActor(actor, "plan.goal.update", "plan_goal", g.id, {{"plan_id", plan.id}}));
        return g;
    });
}

void PlanService::DeleteGoal(const auth::Actor& actor, const std::string& goal_id) {
    Goal g = access_.ReadRecord(actor, "plan_goal", "goal", goal_id, PlanRepository::FindGoal);
    access_.RequireEdit(actor, g.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::DeleteGoal(c, g.id);
        audit::Append(c, audit::ByActor(actor, "plan.goal.delete", "plan_goal", g.id,
                                        {{"plan_id", g.plan_id}, {"code", g.code}}));
    });
}

Comment PlanService::AddComment(const auth::Actor& actor, const std::string& plan_id,
                                const std::optional<std::string>& measure_id, const std::string& body) {
    Plan plan = access_.RequirePlan(actor, plan_id);
    auth::Resource res;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        res = access_.PlanResource(*c, plan);
    }
    authz_.Require(actor, auth::Action::kCommentPlan, res);
    RequireLength(body, 4000, "body", true);
    Comment cm{NewUuid(), plan.id, measure_id, actor.id.str(), actor.display_name, body, db_.clock().NowUtc()};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (measure_id && PlanRepository::PlanOfMeasure(c, *measure_id) != plan.id)
            throw ValidationError("measure_id names no measure of this plan.", "measure_id");
        PlanRepository::InsertComment(c, cm);
        audit::Append(c, audit::ByActor(actor, "plan.comment", "action_plan", plan.id, {{"comment_id", cm.id}}));
    });
    return cm;
}

// --- Committee export ----------------------------------------------------------------------------

PlanExportData PlanService::ExportData(const auth::Actor& actor, const std::string& plan_id) {
    return BuildExportData(access_.RequirePlan(actor, plan_id));
}

PlanExportData PlanService::BuildExportData(const Plan& plan) {
    PlanExportData d;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        d.detail = PlanRepository::LoadDetail(*c, plan);
        d.follow_ups = PlanRepository::FollowUpsOfPlan(*c, plan.id);
    }
    indicators_.FillBoundValues(plan, d.detail.indicators);
    d.organisation_names = OrganisationNames();
    const org::Area* a = plan.district_id ? areas_.Get(*plan.district_id) : areas_.Municipality(db_.clock().TodayStockholm());
    d.area_name = a ? a->name : "";
    d.today = db_.clock().TodayStockholm();
    est::Day today = *est::ParseDay(d.today);
    for (const Measure& m : d.detail.measures)
        d.rollup.Add(m.status, m.progress, IsOverdue(*est::ParseDay(m.end_date), m.status, today));
    return d;
}

}  // namespace samverkan::plans
