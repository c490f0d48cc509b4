#pragma once
// Reading and writing action-plan records. Callers own the transaction; nothing here checks
// permissions or rules (the plan services and PlanAccess do).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "plans/plan.hpp"

namespace samverkan::plans::PlanRepository {

// Organisation id -> name.
std::map<std::string, std::string> OrganisationNames(db::Connection& c);
bool OrganisationExists(db::Connection& c, const std::string& id);
// The organisations the user is a member of, as stored now.
std::set<std::string> MembershipsOf(db::Connection& c, const std::string& user_id);
// The user ids of the members of the local groups of these districts.
std::vector<std::string> LocalGroupMembers(db::Connection& c, const std::vector<std::string>& district_ids);
// The focus areas of the citywide agreement in force (or the latest signed one), in order.
std::vector<FocusArea> FocusAreas(db::Connection& c);
std::optional<std::string> AgreementTitle(db::Connection& c, const std::string& agreement_id);
// Whether the agreement, or the agreement it sits under, has a goal with this code.
bool AgreementHasGoal(db::Connection& c, const std::string& agreement_id, const std::string& code);

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
// The problem and its links to measures; the other problems keep their ranks.
void DeleteProblem(db::Connection& c, const std::string& id);
// The plan a problem, goal or measure belongs to; empty when there is no such record.
std::optional<std::string> PlanOfProblem(db::Connection& c, const std::string& id);
std::optional<std::string> PlanOfGoal(db::Connection& c, const std::string& id);
std::optional<std::string> PlanOfMeasure(db::Connection& c, const std::string& id);

std::vector<Goal> GoalsOf(db::Connection& c, const std::string& plan_id);
std::optional<Goal> FindGoal(db::Connection& c, const std::string& id);
void InsertGoal(db::Connection& c, const Goal& g);
void UpdateGoal(db::Connection& c, const Goal& g);
// The goal with its indicators (and their values) and its links to measures.
void DeleteGoal(db::Connection& c, const std::string& id);

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
// The position after the last indicator of the same goal or measure.
int NextIndicatorPosition(db::Connection& c, const Indicator& i);
// The indicator with its values.
void DeleteIndicator(db::Connection& c, const std::string& id);
// Replaces the value of one period; no value removes it. `source` is "manual" or "import"; stamped
// with the connection's clock.
void SetIndicatorValue(db::Connection& c, const std::string& indicator_id, const std::string& period,
                       std::optional<double> value, const std::string& source, const std::string& recorded_by);

std::vector<Comment> CommentsOf(db::Connection& c, const std::string& plan_id);
void InsertComment(db::Connection& c, const Comment& comment);

std::vector<CitizenPromise> Promises(db::Connection& c);
std::optional<CitizenPromise> FindPromise(db::Connection& c, const std::string& id);
void InsertPromise(db::Connection& c, const CitizenPromise& p);
void UpdatePromise(db::Connection& c, const CitizenPromise& p);
// Appends the activity after the promise's last one.
void InsertActivity(db::Connection& c, const PromiseActivity& a);
void UpdateActivity(db::Connection& c, const PromiseActivity& a);
// The promise an activity belongs to; empty when there is no such activity.
std::optional<std::string> PromiseOfActivity(db::Connection& c, const std::string& activity_id);
// Stamped with the connection's clock.
void InsertPromiseFollowUp(db::Connection& c, const PromiseFollowUp& f, const std::string& recorded_by);

// For roll-ups: every measure with only status, end date, progress, owners and goals (streamed:
// the citywide roll-up reads thousands on each request), in no particular order.
std::vector<Measure> RollupMeasures(db::Connection& c);
// Every goal of every plan, by position and code.
std::vector<Goal> AllGoals(db::Connection& c);
// Plan id -> focus area code -> the best (lowest) rank of the plan's problems in it.
std::map<std::string, std::map<std::string, int>> BestRanks(db::Connection& c);

std::string EvidenceToJson(const std::vector<Evidence>& evidence);
std::vector<Evidence> EvidenceFromJson(const std::string& json);

}  // namespace samverkan::plans::PlanRepository
