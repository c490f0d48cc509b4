#include "plans/plan_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <regex>
#include <set>

#include "audit/audit_log.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "est/picture.hpp"
#include "plans/plan_repository.hpp"
#include "plans/validation.hpp"

namespace samverkan::plans {
namespace R = PlanRepository;
namespace {

std::string Placeholders(std::size_t n, std::size_t first = 1) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? ", $" : "$") + std::to_string(first + i);
    return out;
}

template <typename T>
T Found(std::optional<T> v, const std::string& what, const std::string& id) {
    if (!v) throw NotFoundError("No " + what + " with id " + id + ".");
    return std::move(*v);
}

boost::json::object Changes(const MeasureInput& in) {
    boost::json::array fields;
    auto add = [&](const char* name, bool set) {
        if (set) fields.emplace_back(name);
    };
    add("title", in.title.has_value());
    add("description", in.description.has_value());
    add("type", in.type.has_value());
    add("horizon", in.horizon.has_value());
    add("status", in.status.has_value());
    add("start_date", in.start_date.has_value());
    add("end_date", in.end_date.has_value());
    add("responsible", in.responsible.has_value());
    add("owner_organisation_ids", in.owner_ids.has_value());
    add("goal_ids", in.goal_ids.has_value());
    add("problem_ids", in.problem_ids.has_value());
    return {{"fields", fields}};
}

}  // namespace

PlanService::PlanService(db::Database& db, auth::Authorizer& authz, const org::AreaCatalog& areas, est::EstService& est)
    : db_(db), authz_(authz), areas_(areas), est_(est) {}

std::map<std::string, std::string> PlanService::OrganisationNames() const {
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto r = c->Query("SELECT id, name FROM organisations");
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < r.size(); ++i) out[r.text(i, "id")] = r.text(i, "name");
    return out;
}

// --- Permissions ---------------------------------------------------------------------------------

auth::Resource PlanService::AreaResource(db::Connection& c, const std::string& type,
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
    if (!districts.empty()) {
        db::Params p(districts.begin(), districts.end());
        auto rows = c.Query(
            "SELECT DISTINCT m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE "
            "g.kind = 'local' AND m.user_id IS NOT NULL AND g.district_id IN (" +
                Placeholders(districts.size()) + ")",
            p);
        auto& members = r.relations["local_group_members"];
        for (std::size_t i = 0; i < rows.size(); ++i) members.push_back(rows.text(i, "user_id"));
    }
    return r;
}

auth::Resource PlanService::PlanResource(db::Connection& c, const Plan& plan) const {
    const org::Area* city = areas_.Municipality(db_.clock().TodayStockholm());
    std::string area = plan.district_id ? *plan.district_id : (city ? city->id : "");
    return AreaResource(c, "action_plan", plan.id, {area});
}

std::set<std::string> PlanService::Memberships(db::Connection& c, const auth::Actor& actor) const {
    std::set<std::string> out;
    if (!actor.authenticated()) return out;
    auto rows = c.Query("SELECT organisation_id FROM memberships WHERE user_id = $1", {actor.id.str()});
    for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.text(i, "organisation_id"));
    return out;
}

auth::Resource PlanService::MeasureResource(const auth::Resource& plan_resource, const Measure& m,
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

auth::Resource PlanService::PromiseResource(db::Connection& c, const CitizenPromise& p) const {
    std::vector<std::string> ids;
    if (p.district_id) ids.push_back(*p.district_id);
    if (p.police_area_id) ids.push_back(*p.police_area_id);
    return AreaResource(c, "citizen_promise", p.id.empty() ? std::nullopt : std::optional(p.id), ids);
}

template <typename Find>
auto PlanService::ReadRecord(const auth::Actor& actor, const char* resource, const char* what, const std::string& id,
                             Find find) {
    authz_.Require(actor, auth::Action::kReadPlans, {resource, id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return Found(find(*c, id), what, id);
}

Plan PlanService::RequirePlan(const auth::Actor& actor, const std::string& plan_id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"action_plan", plan_id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return Found(R::FindPlan(*c, plan_id), "action plan", plan_id);
}

Plan PlanService::RequireEdit(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = RequirePlan(actor, plan_id);
    auth::Resource res;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        res = PlanResource(*c, plan);
    }
    authz_.Require(actor, auth::Action::kEditPlan, res);
    return plan;
}

std::pair<Plan, Measure> PlanService::RequireMeasureUpdate(const auth::Actor& actor, const std::string& measure_id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"measure", measure_id});
    auth::Resource res;
    Plan plan;
    Measure m;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        m = Found(R::FindMeasure(*c, measure_id), "measure", measure_id);
        plan = *R::FindPlan(*c, m.plan_id);
        res = MeasureResource(PlanResource(*c, plan), m, actor, Memberships(*c, actor));
    }
    authz_.Require(actor, auth::Action::kUpdateMeasure, res);
    return {plan, m};
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
    std::vector<Plan> plans = R::ListPlans(*c);
    std::vector<Measure> measures = R::Measures(*c, std::nullopt);
    est::Day today = est::StockholmDay(db_.clock().EpochSeconds());
    std::vector<PlanSummary> out;
    for (const Plan& p : plans) {
        std::vector<const Measure*> mine;
        for (const Measure& m : measures)
            if (m.plan_id == p.id) mine.push_back(&m);
        out.push_back({p, RollupOf(mine, today), authz_.Allows(actor, auth::Action::kEditPlan, PlanResource(*c, p))});
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

std::vector<FocusArea> PlanService::FocusAreas(db::Connection& c) {
    // The focus areas of the citywide agreement in force (or the latest signed one).
    auto r = c.Query(
        "SELECT i.code, i.title FROM agreement_items i JOIN agreements a ON a.id = i.agreement_id WHERE i.kind = "
        "'focus_area' AND a.id = (SELECT id FROM agreements WHERE scope = 'citywide' AND status IN ('in_force', "
        "'signed') ORDER BY CASE status WHEN 'in_force' THEN 0 ELSE 1 END, period_start DESC LIMIT 1) ORDER BY "
        "i.position");
    std::vector<FocusArea> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back({r.text(i, "code"), r.text(i, "title")});
    return out;
}

PlanView PlanService::Get(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = RequirePlan(actor, plan_id);
    PlanView v;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        v.detail = R::LoadDetail(*c, plan);
        auth::Resource res = PlanResource(*c, plan);
        v.can_edit = authz_.Allows(actor, auth::Action::kEditPlan, res);
        v.can_comment = authz_.Allows(actor, auth::Action::kCommentPlan, res);
        std::set<std::string> memberships = Memberships(*c, actor);
        for (const Measure& m : v.detail.measures)
            v.can_update[m.id] = authz_.Allows(actor, auth::Action::kUpdateMeasure, MeasureResource(res, m, actor, memberships));
        v.focus_areas = FocusAreas(*c);
        if (plan.agreement_id) {
            auto a = c->Query("SELECT title FROM agreements WHERE id = $1", {*plan.agreement_id});
            if (!a.empty()) v.agreement_title = a.text(0, "title");
        }
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
    FillBoundValues(plan, v.detail.indicators);
    return v;
}

Plan PlanService::UpdatePlan(const auth::Actor& actor, const std::string& plan_id,
                             const std::optional<std::string>& title, const std::optional<std::string>& period_start,
                             const std::optional<std::string>& period_end) {
    Plan plan = RequireEdit(actor, plan_id);
    if (title) {
        RequireLength(*title, 200, "title", true);
        plan.title = *title;
    }
    if (period_start) plan.period_start = est::FormatDay(RequireDay(*period_start, "period_start"));
    if (period_end) plan.period_end = est::FormatDay(RequireDay(*period_end, "period_end"));
    if (plan.period_end < plan.period_start) throw ValidationError("period_end is before period_start.", "period_end");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        R::UpdatePlan(c, plan);
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
    Plan plan = RequireEdit(actor, plan_id);
    Problem p;
    p.id = NewUuid();
    p.plan_id = plan.id;
    std::vector<FocusArea> focus;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        focus = FocusAreas(*c);
    }
    ApplyProblem(p, in, focus, areas_, *est_.reference());
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("plan_problems:" + plan.id);
        auto existing = R::ProblemsOf(c, plan.id);
        for (const auto& e : existing)
            if (e.title == p.title) throw ConflictError("The plan already has a problem titled '" + p.title + "'.");
        p.rank = static_cast<int>(existing.size()) + 1;
        R::InsertProblem(c, p);
        audit::Append(c, audit::ByActor(actor, "plan.problem.create", "plan_problem", p.id, {{"plan_id", plan.id}}));
        return p;
    });
}

Problem PlanService::UpdateProblem(const auth::Actor& actor, const std::string& problem_id, const ProblemInput& in) {
    Problem p = ReadRecord(actor, "plan_problem", "problem", problem_id, R::FindProblem);
    RequireEdit(actor, p.plan_id);
    std::vector<FocusArea> focus;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        focus = FocusAreas(*c);
    }
    ApplyProblem(p, in, focus, areas_, *est_.reference());
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        for (const auto& e : R::ProblemsOf(c, p.plan_id))
            if (e.title == p.title && e.id != p.id)
                throw ConflictError("The plan already has a problem titled '" + p.title + "'.");
        R::UpdateProblem(c, p);
        audit::Append(c, audit::ByActor(actor, "plan.problem.update", "plan_problem", p.id, {{"plan_id", p.plan_id}}));
        return p;
    });
}

void PlanService::DeleteProblem(const auth::Actor& actor, const std::string& problem_id) {
    Problem p = ReadRecord(actor, "plan_problem", "problem", problem_id, R::FindProblem);
    RequireEdit(actor, p.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("plan_problems:" + p.plan_id);
        c.Query("DELETE FROM measure_problems WHERE problem_id = $1", {p.id});
        c.Query("DELETE FROM plan_problems WHERE id = $1", {p.id});
        int rank = 1;
        for (const auto& e : R::ProblemsOf(c, p.plan_id)) R::SetRank(c, e.id, rank++);
        audit::Append(c, audit::ByActor(actor, "plan.problem.delete", "plan_problem", p.id,
                                        {{"plan_id", p.plan_id}, {"title", p.title}}));
    });
}

std::vector<Problem> PlanService::Reorder(const auth::Actor& actor, const std::string& plan_id,
                                          const std::vector<std::string>& ids) {
    Plan plan = RequireEdit(actor, plan_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("plan_problems:" + plan.id);
        auto existing = R::ProblemsOf(c, plan.id);
        std::set<std::string> have, sent(ids.begin(), ids.end());
        for (const auto& e : existing) have.insert(e.id);
        if (sent.size() != ids.size()) throw ValidationError("problem_ids names a problem twice.", "problem_ids");
        if (sent != have)
            throw ValidationError(
                "problem_ids must list each of the plan's " + std::to_string(have.size()) + " problems exactly once.",
                "problem_ids");
        boost::json::array before, after;
        for (const auto& e : existing) before.emplace_back(e.id);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            R::SetRank(c, ids[i], static_cast<int>(i) + 1);
            after.emplace_back(ids[i]);
        }
        audit::Append(c, audit::ByActor(actor, "plan.priorities.update", "action_plan", plan.id,
                                        {{"before", before}, {"after", after}}));
        return R::ProblemsOf(c, plan.id);
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
        auto r = c.Query(
            "SELECT 1 FROM agreement_items i JOIN agreements a ON a.id = i.agreement_id WHERE i.kind = 'goal' "
            "AND i.code = $2 AND (a.id = $1 OR a.id = (SELECT parent_id FROM agreements WHERE id = $1))",
            {plan.agreement_id.value_or(""), *g.agreement_item_code});
        if (r.empty())
            throw ValidationError("The plan's agreement has no goal with code '" + *g.agreement_item_code + "'.",
                                  "agreement_item_code");
    }
}
}  // namespace

Goal PlanService::AddGoal(const auth::Actor& actor, const std::string& plan_id, const GoalInput& in) {
    Plan plan = RequireEdit(actor, plan_id);
    if (!in.code) throw ValidationError("code is required.", "code");
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        Goal g;
        g.id = NewUuid();
        g.plan_id = plan.id;
        ApplyGoal(c, plan, g, in);
        auto existing = R::GoalsOf(c, plan.id);
        for (const auto& e : existing)
            if (e.code == g.code) throw ConflictError("The plan already has a goal with code '" + g.code + "'.");
        g.position = static_cast<int>(existing.size()) + 1;
        R::InsertGoal(c, g);
        audit::Append(c, audit::ByActor(actor, "plan.goal.create", "plan_goal", g.id, {{"plan_id", plan.id}}));
        return g;
    });
}

Goal PlanService::UpdateGoal(const auth::Actor& actor, const std::string& goal_id, const GoalInput& in) {
    Goal g = ReadRecord(actor, "plan_goal", "goal", goal_id, R::FindGoal);
    Plan plan = RequireEdit(actor, g.plan_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ApplyGoal(c, plan, g, in);
        for (const auto& e : R::GoalsOf(c, plan.id))
            if (e.code == g.code && e.id != g.id)
                throw ConflictError("The plan already has a goal with code '" + g.code + "'.");
        R::UpdateGoal(c, g);
        audit::Append(c, audit::ByActor(actor, "plan.goal.update", "plan_goal", g.id, {{"plan_id", plan.id}}));
        return g;
    });
}

void PlanService::DeleteGoal(const auth::Actor& actor, const std::string& goal_id) {
    Goal g = ReadRecord(actor, "plan_goal", "goal", goal_id, R::FindGoal);
    RequireEdit(actor, g.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.Query("DELETE FROM indicator_values WHERE indicator_id IN (SELECT id FROM indicators WHERE goal_id = $1)",
                {g.id});
        c.Query("DELETE FROM indicators WHERE goal_id = $1", {g.id});
        c.Query("DELETE FROM measure_goals WHERE goal_id = $1", {g.id});
        c.Query("DELETE FROM plan_goals WHERE id = $1", {g.id});
        audit::Append(c, audit::ByActor(actor, "plan.goal.delete", "plan_goal", g.id,
                                        {{"plan_id", g.plan_id}, {"code", g.code}}));
    });
}

// --- Indicators ----------------------------------------------------------------------------------

std::vector<IndicatorValue> PlanService::BoundValues(const Indicator& x, const std::string& from) {
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

void PlanService::FillBoundValues(const Plan& plan, std::vector<Indicator>& indicators) {
    for (Indicator& x : indicators)
        if (x.source == "situation_picture") x.values = BoundValues(x, plan.period_start);
}

Indicator PlanService::AddIndicator(const auth::Actor& actor, const std::string& owner, const std::string& owner_id,
                                    const IndicatorInput& in) {
    Indicator x;
    x.id = NewUuid();
    Plan plan;
    if (owner == "goal") {
        Goal g = ReadRecord(actor, "plan_goal", "goal", owner_id, R::FindGoal);
        plan = RequireEdit(actor, g.plan_id);
        x.goal_id = g.id;
    } else {
        auto [p, m] = RequireMeasureUpdate(actor, owner_id);
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
            throw ValidationError("Only an indicator bound to the situation picture has a category and areas.",
                                  "source");
    } else {
        throw ValidationError("source must be manual or situation_picture.", "source");
    }
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        auto n = c.Query(x.goal_id ? "SELECT COUNT(*) AS n FROM indicators WHERE goal_id = $1"
                                   : "SELECT COUNT(*) AS n FROM indicators WHERE measure_id = $1",
                         {owner_id});
        x.position = static_cast<int>(n.integer(0, "n")) + 1;
        R::InsertIndicator(c, x);
        audit::Append(c, audit::ByActor(actor, "plan.indicator.create", "indicator", x.id,
                                        {{"plan_id", plan.id}, {"source", x.source}}));
    });
    if (x.source == "situation_picture") x.values = BoundValues(x, plan.period_start);
    return x;
}

Indicator PlanService::GetIndicator(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"indicator", id});
    Indicator x;
    Plan plan;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        x = Found(R::FindIndicator(*c, id), "indicator", id);
        plan = *R::FindPlan(*c, x.plan_id);
    }
    if (x.source == "situation_picture") x.values = BoundValues(x, plan.period_start);
    return x;
}

void PlanService::DeleteIndicator(const auth::Actor& actor, const std::string& id) {
    Indicator x = ReadRecord(actor, "indicator", "indicator", id, R::FindIndicator);
    if (x.measure_id)
        RequireMeasureUpdate(actor, *x.measure_id);
    else
        RequireEdit(actor, x.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.Query("DELETE FROM indicator_values WHERE indicator_id = $1", {id});
        c.Query("DELETE FROM indicators WHERE id = $1", {id});
        audit::Append(c, audit::ByActor(actor, "plan.indicator.delete", "indicator", id, {{"plan_id", x.plan_id}}));
    });
}

Indicator PlanService::SetIndicatorValue(const auth::Actor& actor, const std::string& id, const std::string& period,
                                         std::optional<double> value) {
    Indicator x = ReadRecord(actor, "indicator", "indicator", id, R::FindIndicator);
    if (x.measure_id)
        RequireMeasureUpdate(actor, *x.measure_id);
    else
        RequireEdit(actor, x.plan_id);
    if (x.source != "manual")
        throw ConflictError(
            "The indicator reads its values from the situation picture; they cannot be entered by hand.");
    auto p = est::ParsePeriod(period);
    if (!p) throw ValidationError("period '" + period + "' is not like 2026-Q3, 2026-T2, 2026-W48 or 2026.", "period");
    if (value && !std::isfinite(*value)) throw ValidationError("value must be a finite number.", "value");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.Query("DELETE FROM indicator_values WHERE indicator_id = $1 AND period = $2", {id, p->Code()});
        if (value) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.17g", *value);
            c.Query(
                "INSERT INTO indicator_values (indicator_id, period, value, source, recorded_by, recorded_at) VALUES "
                "($1, $2, $3, 'manual', $4, $5)",
                {id, p->Code(), std::string(buf), actor.id.str(), db_.clock().NowUtc()});
        }
        audit::Append(c, audit::ByActor(actor, value ? "plan.indicator.value_set" : "plan.indicator.value_delete",
                                        "indicator", id, {{"period", p->Code()}}));
    });
    db::Lease c = db_.Acquire(db::Access::kRead);
    return *R::FindIndicator(*c, id);
}

// --- Measures ------------------------------------------------------------------------------------

void PlanService::ApplyMeasure(db::Connection& c, const Plan& plan, Measure& m, const MeasureInput& in,
                               bool creating) const {
    if (in.title) m.title = *in.title;
    RequireLength(m.title, 200, "title", true);
    if (in.description) m.description = *in.description;
    RequireLength(m.description, 4000, "description", false);
    if (in.responsible) m.responsible = *in.responsible;
    RequireLength(m.responsible, 200, "responsible", false);
    if (in.type) {
        if (*in.type != "situational" && *in.type != "social")
            throw ValidationError("type must be situational or social.", "type");
        m.type = *in.type;
    }
    if (m.type.empty()) throw ValidationError("type is required (situational or social).", "type");
    if (in.horizon) {
        if (*in.horizon != "short" && *in.horizon != "long")
            throw ValidationError("horizon must be short or long.", "horizon");
        m.horizon = *in.horizon;
    }
    if (m.horizon.empty()) throw ValidationError("horizon is required (short or long).", "horizon");
    if (in.start_date) m.start_date = est::FormatDay(RequireDay(*in.start_date, "start_date"));
    if (in.end_date) m.end_date = est::FormatDay(RequireDay(*in.end_date, "end_date"));
    if (m.start_date.empty()) throw ValidationError("start_date is required.", "start_date");
    if (m.end_date.empty()) throw ValidationError("end_date is required.", "end_date");
    if (m.end_date < m.start_date) throw ValidationError("end_date is before start_date.", "end_date");
    if (in.status) {
        auto s = ParseStatus(*in.status);
        if (!s) throw ValidationError("status must be planned, ongoing, done, paused or cancelled.", "status");
        if (!creating && !CanMove(m.status, *s)) {
            std::string allowed;
            for (MeasureStatus a : AllowedMoves(m.status))
                allowed += (allowed.empty() ? "" : ", ") + std::string(StatusName(a));
            throw ConflictError("A measure cannot move from " + std::string(StatusName(m.status)) + " to " +
                                    std::string(StatusName(*s)) + "; from " + std::string(StatusName(m.status)) +
                                    (allowed.empty() ? " it cannot move at all." : " it can move to " + allowed + "."),
                                "status");
        }
        m.status = *s;
    }
    if (in.owner_ids) {
        if (in.owner_ids->empty() || in.owner_ids->size() > 10)
            throw ValidationError("A measure has 1–10 owner organisations.", "owner_organisation_ids");
        std::set<std::string> seen;
        for (const auto& o : *in.owner_ids) {
            if (!seen.insert(o).second)
                throw ValidationError("An owner organisation is named twice.", "owner_organisation_ids");
            if (c.Query("SELECT 1 FROM organisations WHERE id = $1", {o}).empty())
                throw ValidationError("No organisation with id " + o + ".", "owner_organisation_ids");
        }
        m.owner_ids = *in.owner_ids;
    }
    if (m.owner_ids.empty())
        throw ValidationError("A measure has at least one owner organisation.", "owner_organisation_ids");
    auto check_links = [&](const std::vector<std::string>& ids, const char* table, const char* field) {
        std::set<std::string> seen;
        for (const auto& id : ids) {
            if (!seen.insert(id).second) throw ValidationError(std::string(field) + " names " + id + " twice.", field);
            auto r = c.Query(std::string("SELECT plan_id FROM ") + table + " WHERE id = $1", {id});
            if (r.empty()) throw ValidationError(std::string(field) + ": no record with id " + id + ".", field);
            if (r.text(0, "plan_id") != plan.id)
                throw ValidationError(std::string(field) + ": " + id + " belongs to another plan.", field);
        }
    };
    if (in.goal_ids) {
        check_links(*in.goal_ids, "plan_goals", "goal_ids");
        m.goal_ids = *in.goal_ids;
    }
    if (in.problem_ids) {
        check_links(*in.problem_ids, "plan_problems", "problem_ids");
        m.problem_ids = *in.problem_ids;
    }
}

Measure PlanService::CreateMeasure(const auth::Actor& actor, const std::string& plan_id, const MeasureInput& in) {
    Plan plan = RequireEdit(actor, plan_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        Measure m;
        m.id = NewUuid();
        m.plan_id = plan.id;
        ApplyMeasure(c, plan, m, in, true);
        R::InsertMeasure(c, m);
        audit::Append(c, audit::ByActor(actor, "measure.create", "measure", m.id,
                                        {{"plan_id", plan.id}, {"status", StatusName(m.status)}}));
        return m;
    });
}

MeasureView PlanService::GetMeasure(const auth::Actor& actor, const std::string& measure_id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"measure", measure_id});
    MeasureView v;
    Plan plan;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        v.measure = Found(R::FindMeasure(*c, measure_id), "measure", measure_id);
        plan = *R::FindPlan(*c, v.measure.plan_id);
        for (Indicator& x : R::IndicatorsOf(*c, plan.id))
            if (x.measure_id == measure_id) v.indicators.push_back(std::move(x));
        v.follow_ups = R::FollowUpsOf(*c, measure_id);
        for (Comment& cm : R::CommentsOf(*c, plan.id))
            if (cm.measure_id == measure_id) v.comments.push_back(std::move(cm));
        v.can_update = authz_.Allows(actor, auth::Action::kUpdateMeasure,
                                     MeasureResource(PlanResource(*c, plan), v.measure, actor, Memberships(*c, actor)));
    }
    FillBoundValues(plan, v.indicators);
    return v;
}

Measure PlanService::UpdateMeasure(const auth::Actor& actor, const std::string& measure_id, const MeasureInput& in) {
    auto [plan, before] = RequireMeasureUpdate(actor, measure_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("measure:" + measure_id);
        Measure m = Found(R::FindMeasure(c, measure_id), "measure", measure_id);
        std::string from = std::string(StatusName(m.status));
        ApplyMeasure(c, plan, m, in, false);
        R::UpdateMeasure(c, m);
        boost::json::object detail = Changes(in);
        if (from != StatusName(m.status)) {
            detail["status_from"] = from;
            detail["status_to"] = StatusName(m.status);
        }
        audit::Append(c, audit::ByActor(actor, "measure.update", "measure", m.id, detail));
        return *R::FindMeasure(c, measure_id);
    });
}

void PlanService::DeleteMeasure(const auth::Actor& actor, const std::string& measure_id) {
    Measure m = ReadRecord(actor, "measure", "measure", measure_id, R::FindMeasure);
    RequireEdit(actor, m.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        R::DeleteMeasure(c, measure_id);
        audit::Append(c, audit::ByActor(actor, "measure.delete", "measure", measure_id,
                                        {{"plan_id", m.plan_id}, {"title", m.title}}));
    });
}

FollowUp PlanService::AddFollowUp(const auth::Actor& actor, const std::string& measure_id, const std::string& date,
                                  const std::string& note, int progress) {
    auto [plan, m] = RequireMeasureUpdate(actor, measure_id);
    est::Day d = RequireDay(date, "date");
    if (d > est::StockholmDay(db_.clock().EpochSeconds())) throw ValidationError("date " + date + " is in the future.", "date");
    RequireLength(note, 4000, "note", false);
    if (progress < 0 || progress > 100)
        throw ValidationError("progress must be a whole number from 0 to 100.", "progress");
    FollowUp f{NewUuid(), measure_id, est::FormatDay(d), note, progress, actor.id.str(), actor.display_name, db_.clock().NowUtc()};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        R::InsertFollowUp(c, f);
        audit::Append(c, audit::ByActor(actor, "measure.follow_up", "measure", measure_id,
                                        {{"follow_up_id", f.id}, {"date", f.date}, {"progress", progress}}));
    });
    return f;
}

Comment PlanService::AddComment(const auth::Actor& actor, const std::string& plan_id,
                                const std::optional<std::string>& measure_id, const std::string& body) {
    Plan plan = RequirePlan(actor, plan_id);
    auth::Resource res;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        res = PlanResource(*c, plan);
    }
    authz_.Require(actor, auth::Action::kCommentPlan, res);
    RequireLength(body, 4000, "body", true);
    Comment cm{NewUuid(), plan.id, measure_id, actor.id.str(), actor.display_name, body, db_.clock().NowUtc()};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (measure_id) {
            auto r = c.Query("SELECT plan_id FROM measures WHERE id = $1", {*measure_id});
            if (r.empty() || r.text(0, "plan_id") != plan.id)
                throw ValidationError("measure_id names no measure of this plan.", "measure_id");
        }
        c.Query(
            "INSERT INTO plan_comments (id, plan_id, measure_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, "
            "$5, $6)",
            {cm.id, cm.plan_id, measure_id ? db::Value(*measure_id) : db::Value(), cm.author_id, cm.body,
             cm.created_at});
        audit::Append(c, audit::ByActor(actor, "plan.comment", "action_plan", plan.id, {{"comment_id", cm.id}}));
    });
    return cm;
}

}  // namespace samverkan::plans
