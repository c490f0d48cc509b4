#pragma once
// Reading and writing action-plan records. Callers own the transaction; nothing here checks
// permissions or rules (PlanService does).
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "plans/plan.hpp"

namespace samverkan::plans::PlanRepository {

std::vector<Plan> ListPlans(db::Connection& c);
std::optional<Plan> FindPlan(db::Connection& c, const std::string& id);
void InsertPlan(db::Connection& c, const Plan& p);
void UpdatePlan(db::Connection& c, const Plan& p);

// Everything shown on a plan's page. Bound indicators come with their stored values only.
PlanDetail LoadDetail(db::Connection& c, const Plan& plan);

std::vector<Problem> ProblemsOf(db::Connection& c, const std::string& plan_id);
std::optional<Problem> FindProblem(db::Connection& c, const std::string& id);
void InsertProblem(db::Connection& c, const Problem& p);
void UpdateProblem(db::Connection& c, const Problem& p);  // every field but the rank
void SetRank(db::Connection& c, const std::string& problem_id, int rank);

std::vector<Goal> GoalsOf(db::Connection& c, const std::string& plan_id);
std::optional<Goal> FindGoal(db::Connection& c, const std::string& id);
void InsertGoal(db::Connection& c, const Goal& g);
void UpdateGoal(db::Connection& c, const Goal& g);

// Measures of one plan, or of every plan (with owners, goals and problems): what roll-ups read.
std::vector<Measure> Measures(db::Connection& c, const std::optional<std::string>& plan_id);
std::optional<Measure> FindMeasure(db::Connection& c, const std::string& id);
void InsertMeasure(db::Connection& c, const Measure& m);
// Every field and link; `progress` fields are left to the follow-ups.
void UpdateMeasure(db::Connection& c, const Measure& m);
void DeleteMeasure(db::Connection& c, const std::string& id);

std::vector<FollowUp> FollowUpsOf(db::Connection& c, const std::string& measure_id);
// Follow-ups of every measure of a plan, by measure then date.
std::vector<FollowUp> FollowUpsOfPlan(db::Connection& c, const std::string& plan_id);
void InsertFollowUp(db::Connection& c, const FollowUp& f);
void UpdateFollowUp(db::Connection& c, const FollowUp& f);
// Sets the measure's progress and progress date from its latest follow-up (by date, then recording).
void RefreshProgress(db::Connection& c, const std::string& measure_id);

std::vector<Indicator> IndicatorsOf(db::Connection& c, const std::string& plan_id);
std::optional<Indicator> FindIndicator(db::Connection& c, const std::string& id);
void InsertIndicator(db::Connection& c, const Indicator& i);

std::vector<Comment> CommentsOf(db::Connection& c, const std::string& plan_id);

std::vector<CitizenPromise> Promises(db::Connection& c);
std::optional<CitizenPromise> FindPromise(db::Connection& c, const std::string& id);
void InsertPromise(db::Connection& c, const CitizenPromise& p);
void UpdatePromise(db::Connection& c, const CitizenPromise& p);

std::string EvidenceToJson(const std::vector<Evidence>& evidence);
std::vector<Evidence> EvidenceFromJson(const std::string& json);

}  // namespace samverkan::plans::PlanRepository
