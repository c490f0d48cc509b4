#include "plans/plan_repository.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/time.hpp"

namespace samverkan::plans::PlanRepository {
namespace {

db::Value Opt(const std::optional<std::string>& s) { return s ? db::Value(*s) : db::Value(); }
db::Value OptNum(const std::optional<double>& d) {
    if (!d) return db::Value();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return std::string(buf);
}
db::Value OptInt(const std::optional<int>& i) { return i ? db::Value(std::to_string(*i)) : db::Value(); }
std::optional<double> Num(const db::Value& v) { return v ? std::optional(std::stod(*v)) : std::nullopt; }
std::optional<int> Int(const db::Value& v) { return v ? std::optional(std::stoi(*v)) : std::nullopt; }
// Dates come back as YYYY-MM-DD from both backends; a timestamp column's date part is the day.
std::string Day(const db::Value& v) { return v ? v->substr(0, 10) : std::string(); }
std::optional<std::string> OptDay(const db::Value& v) { return v ? std::optional(v->substr(0, 10)) : std::nullopt; }

Plan PlanFrom(const db::Result& r, std::size_t i) {
    return {r.text(i, "id"),    r.text(i, "scope"),           r.at(i, "district_id"),    r.at(i, "agreement_id"),
            r.text(i, "title"), Day(r.at(i, "period_start")), Day(r.at(i, "period_end"))};
}

Problem ProblemFrom(const db::Result& r, std::size_t i) {
    Problem p;
    p.id = r.text(i, "id");
    p.plan_id = r.text(i, "plan_id");
    p.rank = static_cast<int>(r.integer(i, "rank"));
    p.title = r.text(i, "title");
    p.description = r.text(i, "description");
    p.focus_area_code = r.at(i, "focus_area_code");
    p.offender = r.text(i, "offender");
    p.target = r.text(i, "target");
    p.place = r.text(i, "place");
    p.evidence = EvidenceFromJson(r.text(i, "evidence"));
    return p;
}

Goal GoalFrom(const db::Result& r, std::size_t i) {
    return {
        r.text(i, "id"),    r.text(i, "plan_id"),     r.text(i, "code"),   static_cast<int>(r.integer(i, "position")),
        r.text(i, "title"), r.text(i, "description"), r.text(i, "origin"), r.at(i, "agreement_item_code")};
}

Measure MeasureFrom(const db::Result& r, std::size_t i) {
    Measure m;
    m.id = r.text(i, "id");
    m.plan_id = r.text(i, "plan_id");
    m.title = r.text(i, "title");
    m.description = r.text(i, "description");
    m.type = r.text(i, "type");
    m.horizon = r.text(i, "horizon");
    m.status = ParseStatus(r.text(i, "status")).value_or(MeasureStatus::kPlanned);
    m.start_date = Day(r.at(i, "start_date"));
    m.end_date = Day(r.at(i, "end_date"));
    m.responsible = r.text(i, "responsible");
    m.progress = Int(r.at(i, "progress"));
    m.progress_on = OptDay(r.at(i, "progress_on"));
    return m;
}

FollowUp FollowUpFrom(const db::Result& r, std::size_t i) {
    return {r.text(i, "id"),
            r.text(i, "measure_id"),
            Day(r.at(i, "follow_up_on")),
            r.text(i, "note"),
            static_cast<int>(r.integer(i, "progress")),
            r.at(i, "recorded_by"),
            r.text(i, "recorded_by_name"),
            r.text(i, "recorded_at")};
}

Indicator IndicatorFrom(const db::Result& r, std::size_t i) {
    Indicator x;
    x.id = r.text(i, "id");
    x.plan_id = r.text(i, "plan_id");
    x.goal_id = r.at(i, "goal_id");
    x.measure_id = r.at(i, "measure_id");
    x.position = static_cast<int>(r.integer(i, "position"));
    x.name = r.text(i, "name");
    x.unit = r.text(i, "unit");
    x.baseline = Num(r.at(i, "baseline"));
    x.target = Num(r.at(i, "target"));
    x.source = r.text(i, "source");
    x.category_id = Int(r.at(i, "category_id"));
    if (auto a = r.at(i, "area_ids")) {
        boost::json::value ids = boost::json::parse(*a);  // kept alive for the loop
        for (const auto& v : ids.as_array()) x.area_ids.emplace_back(v.as_string());
    }
    return x;
}

constexpr const char* kMeasureColumns =
    "id, plan_id, title, description, type, horizon, status, start_date, end_date, responsible, progress, progress_on";
constexpr const char* kFollowUpSelect =
    "SELECT f.id, f.measure_id, f.follow_up_on, f.note, f.progress, f.recorded_by, f.recorded_at, "
    "COALESCE(u.display_name, '') AS recorded_by_name FROM measure_follow_ups f LEFT JOIN users u ON u.id = "
    "f.recorded_by ";
constexpr const char* kIndicatorColumns =
    "id, plan_id, goal_id, measure_id, position, name, unit, baseline, target, source, category_id, area_ids";

void LoadValues(db::Connection& c, std::vector<Indicator>& xs, const std::string& where, const db::Params& params) {
    std::map<std::string, Indicator*> by_id;
    for (auto& x : xs) by_id[x.id] = &x;
    auto r = c.Query(
        "SELECT v.indicator_id, v.period, v.value, v.source FROM indicator_values v JOIN indicators i ON "
        "i.id = v.indicator_id WHERE " +
            where + " ORDER BY v.indicator_id, v.period",
        params);
    for (std::size_t i = 0; i < r.size(); ++i) {
        auto it = by_id.find(r.text(i, "indicator_id"));
        if (it == by_id.end()) continue;
        it->second->values.push_back({r.text(i, "period"), std::stod(r.text(i, "value")), r.text(i, "source"), false});
    }
}

}  // namespace

std::vector<Plan> ListPlans(db::Connection& c) {
    auto r = c.Query("SELECT * FROM action_plans ORDER BY CASE scope WHEN 'citywide' THEN 0 ELSE 1 END, title");
    std::vector<Plan> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(PlanFrom(r, i));
    return out;
}

std::optional<Plan> FindPlan(db::Connection& c, const std::string& id) {
    auto r = c.Query("SELECT * FROM action_plans WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    return PlanFrom(r, 0);
}

void InsertPlan(db::Connection& c, const Plan& p) {
    std::string now = c.clock().NowUtc();
    c.Query(
        "INSERT INTO action_plans (id, scope, district_id, agreement_id, title, period_start, period_end, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        {p.id, p.scope, Opt(p.district_id), Opt(p.agreement_id), p.title, p.period_start, p.period_end, now});
}

void UpdatePlan(db::Connection& c, const Plan& p) {
    c.Query("UPDATE action_plans SET title = $2, period_start = $3, period_end = $4, updated_at = $5 WHERE id = $1",
            {p.id, p.title, p.period_start, p.period_end, c.clock().NowUtc()});
}

PlanDetail LoadDetail(db::Connection& c, const Plan& plan) {
    PlanDetail d;
    d.plan = plan;
    d.problems = ProblemsOf(c, plan.id);
    d.goals = GoalsOf(c, plan.id);
    d.indicators = IndicatorsOf(c, plan.id);
    d.measures = Measures(c, plan.id);
    d.comments = CommentsOf(c, plan.id);
    return d;
}

std::vector<Problem> ProblemsOf(db::Connection& c, const std::string& plan_id) {
    auto r = c.Query("SELECT * FROM plan_problems WHERE plan_id = $1 ORDER BY rank, title", {plan_id});
    std::vector<Problem> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(ProblemFrom(r, i));
    return out;
}

std::optional<Problem> FindProblem(db::Connection& c, const std::string& id) {
    auto r = c.Query("SELECT * FROM plan_problems WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    return ProblemFrom(r, 0);
}

void InsertProblem(db::Connection& c, const Problem& p) {
    c.Query(
        "INSERT INTO plan_problems (id, plan_id, rank, title, description, focus_area_code, offender, target, place, "
        "evidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {p.id, p.plan_id, std::to_string(p.rank), p.title, p.description, Opt(p.focus_area_code), p.offender, p.target,
         p.place, EvidenceToJson(p.evidence)});
}

void UpdateProblem(db::Connection& c, const Problem& p) {
    c.Query(
        "UPDATE plan_problems SET title = $2, description = $3, focus_area_code = $4, offender = $5, target = $6, "
        "place = $7, evidence = $8 WHERE id = $1",
        {p.id, p.title, p.description, Opt(p.focus_area_code), p.offender, p.target, p.place,
         EvidenceToJson(p.evidence)});
}

void SetRank(db::Connection& c, const std::string& problem_id, int rank) {
    c.Query("UPDATE plan_problems SET rank = $2 WHERE id = $1", {problem_id, std::to_string(rank)});
}

std::vector<Goal> GoalsOf(db::Connection& c, const std::string& plan_id) {
    auto r = c.Query("SELECT * FROM plan_goals WHERE plan_id = $1 ORDER BY position, code", {plan_id});
    std::vector<Goal> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(GoalFrom(r, i));
    return out;
}

std::optional<Goal> FindGoal(db::Connection& c, const std::string& id) {
    auto r = c.Query("SELECT * FROM plan_goals WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    return GoalFrom(r, 0);
}

void InsertGoal(db::Connection& c, const Goal& g) {
    c.Query(
        "INSERT INTO plan_goals (id, plan_id, code, position, title, description, origin, agreement_item_code) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {g.id, g.plan_id, g.code, std::to_string(g.position), g.title, g.description, g.origin,
         Opt(g.agreement_item_code)});
}

void UpdateGoal(db::Connection& c, const Goal& g) {
    c.Query(
        "UPDATE plan_goals SET code = $2, title = $3, description = $4, origin = $5, agreement_item_code = $6 "
        "WHERE id = $1",
        {g.id, g.code, g.title, g.description, g.origin, Opt(g.agreement_item_code)});
}

std::vector<Measure> Measures(db::Connection& c, const std::optional<std::string>& plan_id) {
    std::string where = plan_id ? " WHERE plan_id = $1" : "";
    db::Params params;
    if (plan_id) params.push_back(*plan_id);
    auto r = c.Query(
        std::string("SELECT ") + kMeasureColumns + " FROM measures" + where + " ORDER BY end_date, title, id", params);
    std::vector<Measure> out;
    out.reserve(r.size());
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < r.size(); ++i) {
        at[r.text(i, "id")] = out.size();
        out.push_back(MeasureFrom(r, i));
    }
    std::string join = plan_id ? " JOIN measures m ON m.id = x.measure_id WHERE m.plan_id = $1" : "";
    auto owners =
        c.Query("SELECT x.measure_id, x.organisation_id FROM measure_owners x" + join + " ORDER BY x.position", params);
    for (std::size_t i = 0; i < owners.size(); ++i)
        if (auto it = at.find(owners.text(i, "measure_id")); it != at.end())
            out[it->second].owner_ids.push_back(owners.text(i, "organisation_id"));
    auto goals = c.Query("SELECT x.measure_id, x.goal_id FROM measure_goals x JOIN plan_goals g ON g.id = x.goal_id" +
                             std::string(plan_id ? " WHERE g.plan_id = $1" : "") + " ORDER BY g.position, g.code",
                         params);
    for (std::size_t i = 0; i < goals.size(); ++i)
        if (auto it = at.find(goals.text(i, "measure_id")); it != at.end())
            out[it->second].goal_ids.push_back(goals.text(i, "goal_id"));
    auto problems = c.Query(
        "SELECT x.measure_id, x.problem_id FROM measure_problems x JOIN plan_problems p ON p.id = x.problem_id" +
            std::string(plan_id ? " WHERE p.plan_id = $1" : "") + " ORDER BY p.rank, p.title",
        params);
    for (std::size_t i = 0; i < problems.size(); ++i)
        if (auto it = at.find(problems.text(i, "measure_id")); it != at.end())
            out[it->second].problem_ids.push_back(problems.text(i, "problem_id"));
    return out;
}

std::optional<Measure> FindMeasure(db::Connection& c, const std::string& id) {
    auto r = c.Query(std::string("SELECT plan_id FROM measures WHERE id = $1"), {id});
    if (r.empty()) return std::nullopt;
    // Few measures per plan: reading the plan's set keeps one way of assembling a measure.
    for (Measure& m : Measures(c, r.text(0, "plan_id")))
        if (m.id == id) return std::move(m);
    return std::nullopt;
}

namespace {
void WriteLinks(db::Connection& c, const Measure& m) {
    c.Query("DELETE FROM measure_owners WHERE measure_id = $1", {m.id});
    c.Query("DELETE FROM measure_goals WHERE measure_id = $1", {m.id});
    c.Query("DELETE FROM measure_problems WHERE measure_id = $1", {m.id});
    for (std::size_t i = 0; i < m.owner_ids.size(); ++i)
        c.Query("INSERT INTO measure_owners (measure_id, organisation_id, position) VALUES ($1, $2, $3)",
                {m.id, m.owner_ids[i], std::to_string(i)});
    for (const auto& g : m.goal_ids)
        c.Query("INSERT INTO measure_goals (measure_id, goal_id) VALUES ($1, $2)", {m.id, g});
    for (const auto& p : m.problem_ids)
        c.Query("INSERT INTO measure_problems (measure_id, problem_id) VALUES ($1, $2)", {m.id, p});
}
}  // namespace

void InsertMeasure(db::Connection& c, const Measure& m) {
    std::string now = c.clock().NowUtc();
    c.Query(
        "INSERT INTO measures (id, plan_id, title, description, type, horizon, status, start_date, end_date, "
        "responsible, progress, progress_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "$11, $12, $13, $13)",
        {m.id, m.plan_id, m.title, m.description, m.type, m.horizon, std::string(StatusName(m.status)), m.start_date,
         m.end_date, m.responsible, OptInt(m.progress), Opt(m.progress_on), now});
    WriteLinks(c, m);
}

void UpdateMeasure(db::Connection& c, const Measure& m) {
    c.Query(
        "UPDATE measures SET title = $2, description = $3, type = $4, horizon = $5, status = $6, start_date = $7, "
        "end_date = $8, responsible = $9, updated_at = $10 WHERE id = $1",
        {m.id, m.title, m.description, m.type, m.horizon, std::string(StatusName(m.status)), m.start_date, m.end_date,
         m.responsible, c.clock().NowUtc()});
    WriteLinks(c, m);
}

void DeleteMeasure(db::Connection& c, const std::string& id) {
    c.Query("DELETE FROM indicator_values WHERE indicator_id IN (SELECT id FROM indicators WHERE measure_id = $1)",
            {id});
    c.Query("DELETE FROM indicators WHERE measure_id = $1", {id});
    c.Query("DELETE FROM measure_follow_ups WHERE measure_id = $1", {id});
    c.Query("UPDATE plan_comments SET measure_id = NULL WHERE measure_id = $1", {id});
    c.Query("DELETE FROM measure_owners WHERE measure_id = $1", {id});
    c.Query("DELETE FROM measure_goals WHERE measure_id = $1", {id});
    c.Query("DELETE FROM measure_problems WHERE measure_id = $1", {id});
    c.Query("DELETE FROM measures WHERE id = $1", {id});
}

std::vector<FollowUp> FollowUpsOf(db::Connection& c, const std::string& measure_id) {
    auto r = c.Query(
        std::string(kFollowUpSelect) + "WHERE f.measure_id = $1 ORDER BY f.follow_up_on DESC, f.recorded_at DESC, f.id",
        {measure_id});
    std::vector<FollowUp> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(FollowUpFrom(r, i));
    return out;
}

std::vector<FollowUp> FollowUpsOfPlan(db::Connection& c, const std::string& plan_id) {
    auto r = c.Query(std::string(kFollowUpSelect) +
                         "JOIN measures m ON m.id = f.measure_id WHERE m.plan_id = $1 "
                         "ORDER BY m.end_date, m.title, m.id, f.follow_up_on, f.recorded_at, f.id",
                     {plan_id});
    std::vector<FollowUp> out;
    out.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(FollowUpFrom(r, i));
    return out;
}

void InsertFollowUp(db::Connection& c, const FollowUp& f) {
    c.Query(
        "INSERT INTO measure_follow_ups (id, measure_id, follow_up_on, note, progress, recorded_by, recorded_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {f.id, f.measure_id, f.date, f.note, std::to_string(f.progress), Opt(f.recorded_by),
         f.recorded_at.empty() ? c.clock().NowUtc() : f.recorded_at});
    RefreshProgress(c, f.measure_id);
}

void UpdateFollowUp(db::Connection& c, const FollowUp& f) {
    c.Query("UPDATE measure_follow_ups SET follow_up_on = $2, note = $3, progress = $4 WHERE id = $1",
            {f.id, f.date, f.note, std::to_string(f.progress)});
    RefreshProgress(c, f.measure_id);
}

void RefreshProgress(db::Connection& c, const std::string& measure_id) {
    auto r = c.Query(
        "SELECT follow_up_on, progress FROM measure_follow_ups WHERE measure_id = $1 "
        "ORDER BY follow_up_on DESC, recorded_at DESC, id DESC LIMIT 1",
        {measure_id});
    if (r.empty())
        c.Query("UPDATE measures SET progress = NULL, progress_on = NULL WHERE id = $1", {measure_id});
    else
        c.Query("UPDATE measures SET progress = $2, progress_on = $3 WHERE id = $1",
                {measure_id, r.text(0, "progress"), Day(r.at(0, "follow_up_on"))});
}

std::vector<Indicator> IndicatorsOf(db::Connection& c, const std::string& plan_id) {
    auto r = c.Query(
        std::string("SELECT ") + kIndicatorColumns + " FROM indicators WHERE plan_id = $1 ORDER BY position, name",
        {plan_id});
    std::vector<Indicator> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(IndicatorFrom(r, i));
    LoadValues(c, out, "i.plan_id = $1", {plan_id});
    return out;
}

std::optional<Indicator> FindIndicator(db::Connection& c, const std::string& id) {
    auto r = c.Query(std::string("SELECT ") + kIndicatorColumns + " FROM indicators WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    std::vector<Indicator> one{IndicatorFrom(r, 0)};
    LoadValues(c, one, "i.id = $1", {id});
    return one[0];
}

void InsertIndicator(db::Connection& c, const Indicator& i) {
    std::optional<std::string> areas;
    if (i.source == "situation_picture") {
        boost::json::array a;
        for (const auto& id : i.area_ids) a.emplace_back(id);
        areas = boost::json::serialize(a);
    }
    c.Query(
        "INSERT INTO indicators (id, plan_id, goal_id, measure_id, position, name, unit, baseline, target, source, "
        "category_id, area_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {i.id, i.plan_id, Opt(i.goal_id), Opt(i.measure_id), std::to_string(i.position), i.name, i.unit,
         OptNum(i.baseline), OptNum(i.target), i.source, OptInt(i.category_id), Opt(areas)});
}

std::vector<Comment> CommentsOf(db::Connection& c, const std::string& plan_id) {
    auto r = c.Query(
        "SELECT x.id, x.plan_id, x.measure_id, x.author_id, u.display_name, x.body, x.created_at FROM "
        "plan_comments x JOIN users u ON u.id = x.author_id WHERE x.plan_id = $1 ORDER BY x.created_at, x.id",
        {plan_id});
    std::vector<Comment> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "plan_id"), r.at(i, "measure_id"), r.text(i, "author_id"),
                       r.text(i, "display_name"), r.text(i, "body"), r.text(i, "created_at")});
    return out;
}

namespace {
CitizenPromise PromiseFrom(const db::Result& r, std::size_t i) {
    CitizenPromise p;
    p.id = r.text(i, "id");
    p.title = r.text(i, "title");
    p.description = r.text(i, "description");
    p.district_id = r.at(i, "district_id");
    p.police_area_id = r.at(i, "police_area_id");
    p.period_start = Day(r.at(i, "period_start"));
    p.period_end = Day(r.at(i, "period_end"));
    p.city = {"city", r.text(i, "city_signatory"), r.text(i, "city_title"), OptDay(r.at(i, "city_signed_on"))};
    p.police = {"police", r.text(i, "police_signatory"), r.text(i, "police_title"),
                OptDay(r.at(i, "police_signed_on"))};
    p.is_public = r.integer(i, "is_public") != 0;
    return p;
}

void LoadPromiseParts(db::Connection& c, std::vector<CitizenPromise>& ps) {
    std::map<std::string, CitizenPromise*> by_id;
    for (auto& p : ps) by_id[p.id] = &p;
    auto a = c.Query("SELECT * FROM promise_activities ORDER BY promise_id, position");
    for (std::size_t i = 0; i < a.size(); ++i)
        if (auto it = by_id.find(a.text(i, "promise_id")); it != by_id.end())
            it->second->activities.push_back({a.text(i, "id"), a.text(i, "promise_id"), a.text(i, "title"),
                                              a.text(i, "responsible"), OptDay(a.at(i, "due_date")),
                                              a.text(i, "status")});
    auto f = c.Query("SELECT * FROM promise_follow_ups ORDER BY promise_id, follow_up_on DESC, recorded_at DESC");
    for (std::size_t i = 0; i < f.size(); ++i)
        if (auto it = by_id.find(f.text(i, "promise_id")); it != by_id.end())
            it->second->follow_ups.push_back({f.text(i, "id"), f.text(i, "promise_id"), Day(f.at(i, "follow_up_on")),
                                              f.text(i, "note"), static_cast<int>(f.integer(i, "progress"))});
}
}  // namespace

std::vector<CitizenPromise> Promises(db::Connection& c) {
    auto r = c.Query("SELECT * FROM citizen_promises ORDER BY period_start DESC, title");
    std::vector<CitizenPromise> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(PromiseFrom(r, i));
    LoadPromiseParts(c, out);
    return out;
}

std::optional<CitizenPromise> FindPromise(db::Connection& c, const std::string& id) {
    auto r = c.Query("SELECT * FROM citizen_promises WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    std::vector<CitizenPromise> one{PromiseFrom(r, 0)};
    LoadPromiseParts(c, one);
    return one[0];
}

void InsertPromise(db::Connection& c, const CitizenPromise& p) {
    std::string now = c.clock().NowUtc();
    c.Query(
        "INSERT INTO citizen_promises (id, title, description, district_id, police_area_id, period_start, period_end, "
        "city_signatory, city_title, city_signed_on, police_signatory, police_title, police_signed_on, is_public, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
        {p.id, p.title, p.description, Opt(p.district_id), Opt(p.police_area_id), p.period_start, p.period_end,
         p.city.name, p.city.title, Opt(p.city.signed_on), p.police.name, p.police.title, Opt(p.police.signed_on),
         p.is_public ? "1" : "0", now});
}

void UpdatePromise(db::Connection& c, const CitizenPromise& p) {
    c.Query(
        "UPDATE citizen_promises SET title = $2, description = $3, district_id = $4, police_area_id = $5, "
        "period_start = $6, period_end = $7, city_signatory = $8, city_title = $9, city_signed_on = $10, "
        "police_signatory = $11, police_title = $12, police_signed_on = $13, is_public = $14, updated_at = $15 "
        "WHERE id = $1",
        {p.id, p.title, p.description, Opt(p.district_id), Opt(p.police_area_id), p.period_start, p.period_end,
         p.city.name, p.city.title, Opt(p.city.signed_on), p.police.name, p.police.title, Opt(p.police.signed_on),
         p.is_public ? "1" : "0", c.clock().NowUtc()});
}

std::string EvidenceToJson(const std::vector<Evidence>& evidence) {
    boost::json::array a;
    for (const Evidence& e : evidence) {
        boost::json::object o{{"kind", e.kind}, {"label", e.label}};
        if (e.url) o["url"] = *e.url;
        if (e.area_id) o["area_id"] = *e.area_id;
        if (e.category_id) o["category_id"] = *e.category_id;
        if (e.period) o["period"] = *e.period;
        a.push_back(std::move(o));
    }
    return boost::json::serialize(a);
}

std::vector<Evidence> EvidenceFromJson(const std::string& json) {
    std::vector<Evidence> out;
    boost::json::value parsed = boost::json::parse(json);  // kept alive for the loop
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        Evidence e;
        e.kind = std::string(o.at("kind").as_string());
        e.label = std::string(o.at("label").as_string());
        if (auto* u = o.if_contains("url")) e.url = std::string(u->as_string());
        if (auto* a = o.if_contains("area_id")) e.area_id = std::string(a->as_string());
        if (auto* c = o.if_contains("category_id")) e.category_id = static_cast<int>(c->to_number<std::int64_t>());
        if (auto* p = o.if_contains("period")) e.period = std::string(p->as_string());
        out.push_back(std::move(e));
    }
    return out;
}

// --- Lookups the rules need ----------------------------------------------------------------------

std::map<std::string, std::string> OrganisationNames(db::Connection& c) {
    auto r = c.Query("SELECT id, name FROM organisations");
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < r.size(); ++i) out[r.text(i, "id")] = r.text(i, "name");
    return out;
}

bool OrganisationExists(db::Connection& c, const std::string& id) {
    return !c.Query("SELECT 1 FROM organisations WHERE id = $1", {id}).empty();
}

std::set<std::string> MembershipsOf(db::Connection& c, const std::string& user_id) {
    auto rows = c.Query("SELECT organisation_id FROM memberships WHERE user_id = $1", {user_id});
    std::set<std::string> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.text(i, "organisation_id"));
    return out;
}

std::vector<std::string> LocalGroupMembers(db::Connection& c, const std::vector<std::string>& district_ids) {
    if (district_ids.empty()) return {};
    std::string placeholders;
    for (std::size_t i = 0; i < district_ids.size(); ++i) placeholders += (i ? ", $" : "$") + std::to_string(i + 1);
    db::Params p(district_ids.begin(), district_ids.end());
    auto rows = c.Query(
        "SELECT DISTINCT m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE "
        "g.kind = 'local' AND m.user_id IS NOT NULL AND g.district_id IN (" +
            placeholders + ")",
        p);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.text(i, "user_id"));
    return out;
}

std::vector<FocusArea> FocusAreas(db::Connection& c) {
    auto r = c.Query(
        "SELECT i.code, i.title FROM agreement_items i JOIN agreements a ON a.id = i.agreement_id WHERE i.kind = "
        "'focus_area' AND a.id = (SELECT id FROM agreements WHERE scope = 'citywide' AND status IN ('in_force', "
        "'signed') ORDER BY CASE status WHEN 'in_force' THEN 0 ELSE 1 END, period_start DESC LIMIT 1) ORDER BY "
        "i.position");
    std::vector<FocusArea> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back({r.text(i, "code"), r.text(i, "title")});
    return out;
}

std::optional<std::string> AgreementTitle(db::Connection& c, const std::string& agreement_id) {
    auto a = c.Query("SELECT title FROM agreements WHERE id = $1", {agreement_id});
    if (a.empty()) return std::nullopt;
    return a.text(0, "title");
}

bool AgreementHasGoal(db::Connection& c, const std::string& agreement_id, const std::string& code) {
    return !c.Query("SELECT 1 FROM agreement_items i JOIN agreements a ON a.id = i.agreement_id WHERE i.kind = 'goal' "
                    "AND i.code = $2 AND (a.id = $1 OR a.id = (SELECT parent_id FROM agreements WHERE id = $1))",
                    {agreement_id, code})
                .empty();
}

// --- Deletes and links ---------------------------------------------------------------------------

void DeleteProblem(db::Connection& c, const std::string& id) {
    c.Query("DELETE FROM measure_problems WHERE problem_id = $1", {id});
    c.Query("DELETE FROM plan_problems WHERE id = $1", {id});
}

namespace {
std::optional<std::string> PlanIdOf(const db::Result& r) {
    if (r.empty()) return std::nullopt;
    return r.text(0, "plan_id");
}
}  // namespace

std::optional<std::string> PlanOfProblem(db::Connection& c, const std::string& id) {
    return PlanIdOf(c.Query("SELECT plan_id FROM plan_problems WHERE id = $1", {id}));
}

std::optional<std::string> PlanOfGoal(db::Connection& c, const std::string& id) {
    return PlanIdOf(c.Query("SELECT plan_id FROM plan_goals WHERE id = $1", {id}));
}

std::optional<std::string> PlanOfMeasure(db::Connection& c, const std::string& id) {
    return PlanIdOf(c.Query("SELECT plan_id FROM measures WHERE id = $1", {id}));
}

void DeleteGoal(db::Connection& c, const std::string& id) {
    c.Query("DELETE FROM indicator_values WHERE indicator_id IN (SELECT id FROM indicators WHERE goal_id = $1)", {id});
    c.Query("DELETE FROM indicators WHERE goal_id = $1", {id});
    c.Query("DELETE FROM measure_goals WHERE goal_id = $1", {id});
    c.Query("DELETE FROM plan_goals WHERE id = $1", {id});
}

int NextIndicatorPosition(db::Connection& c, const Indicator& i) {
    auto n = i.goal_id ? c.Query("SELECT COUNT(*) AS n FROM indicators WHERE goal_id = $1", {*i.goal_id})
                       : c.Query("SELECT COUNT(*) AS n FROM indicators WHERE measure_id = $1", {i.measure_id.value_or("")});
    return static_cast<int>(n.integer(0, "n")) + 1;
}

void DeleteIndicator(db::Connection& c, const std::string& id) {
    c.Query("DELETE FROM indicator_values WHERE indicator_id = $1", {id});
    c.Query("DELETE FROM indicators WHERE id = $1", {id});
}

void SetIndicatorValue(db::Connection& c, const std::string& indicator_id, const std::string& period,
                       std::optional<double> value, const std::string& source, const std::string& recorded_by) {
    c.Query("DELETE FROM indicator_values WHERE indicator_id = $1 AND period = $2", {indicator_id, period});
    if (value)
        c.Query("INSERT INTO indicator_values (indicator_id, period, value, source, recorded_by, recorded_at) VALUES "
                "($1, $2, $3, $4, $5, $6)",
                {indicator_id, period, OptNum(value), source, recorded_by, c.clock().NowUtc()});
}

void InsertComment(db::Connection& c, const Comment& comment) {
    c.Query(
        "INSERT INTO plan_comments (id, plan_id, measure_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, "
        "$5, $6)",
        {comment.id, comment.plan_id, Opt(comment.measure_id), comment.author_id, comment.body, comment.created_at});
}

// --- Promise activities and follow-ups -----------------------------------------------------------

void InsertActivity(db::Connection& c, const PromiseActivity& a) {
    auto n = c.Query("SELECT COUNT(*) AS n FROM promise_activities WHERE promise_id = $1", {a.promise_id});
    c.Query(
        "INSERT INTO promise_activities (id, promise_id, position, title, responsible, due_date, status) VALUES "
        "($1, $2, $3, $4, $5, $6, $7)",
        {a.id, a.promise_id, std::to_string(n.integer(0, "n") + 1), a.title, a.responsible, Opt(a.due_date), a.status});
}

void UpdateActivity(db::Connection& c, const PromiseActivity& a) {
    c.Query("UPDATE promise_activities SET title = $2, responsible = $3, due_date = $4, status = $5 WHERE id = $1",
            {a.id, a.title, a.responsible, Opt(a.due_date), a.status});
}

std::optional<std::string> PromiseOfActivity(db::Connection& c, const std::string& activity_id) {
    auto r = c.Query("SELECT promise_id FROM promise_activities WHERE id = $1", {activity_id});
    if (r.empty()) return std::nullopt;
    return r.text(0, "promise_id");
}

void InsertPromiseFollowUp(db::Connection& c, const PromiseFollowUp& f, const std::string& recorded_by) {
    c.Query(
        "INSERT INTO promise_follow_ups (id, promise_id, follow_up_on, note, progress, recorded_by, recorded_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {f.id, f.promise_id, f.date, f.note, std::to_string(f.progress), recorded_by, c.clock().NowUtc()});
}

// --- Roll-ups ------------------------------------------------------------------------------------

std::vector<Measure> RollupMeasures(db::Connection& c) {
    std::vector<Measure> out;
    std::unordered_map<std::string, std::size_t> at;
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

std::vector<Goal> AllGoals(db::Connection& c) {
    auto r = c.Query("SELECT * FROM plan_goals ORDER BY position, code");
    std::vector<Goal> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(GoalFrom(r, i));
    return out;
}

std::map<std::string, std::map<std::string, int>> BestRanks(db::Connection& c) {
    auto problems = c.Query(
        "SELECT plan_id, focus_area_code, MIN(rank) AS best FROM plan_problems WHERE focus_area_code "
        "IS NOT NULL GROUP BY plan_id, focus_area_code");
    std::map<std::string, std::map<std::string, int>> ranks;
    for (std::size_t i = 0; i < problems.size(); ++i)
        ranks[problems.text(i, "plan_id")][problems.text(i, "focus_area_code")] =
            static_cast<int>(problems.integer(i, "best"));
    return ranks;
}

}  // namespace samverkan::plans::PlanRepository
