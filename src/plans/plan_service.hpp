#pragma once
// The action plans' use cases: plans with their problems, priorities, goals, indicators and
// measures; follow-ups and comments; citizen promises; roll-ups; CSV import. Every entry point asks
// the policy first (refusals are audited by the Authorizer) and every write is audited with it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/authorizer.hpp"
#include "db/database.hpp"
#include "est/est_service.hpp"
#include "org/area_catalog.hpp"
#include "plans/plan.hpp"

namespace samverkan::plans {

// Fields of a measure as sent; an empty optional leaves the field as it is (or at its default).
struct MeasureInput {
    std::optional<std::string> title, description, type, horizon, status, start_date, end_date, responsible;
    std::optional<std::vector<std::string>> owner_ids, goal_ids, problem_ids;
};

struct ProblemInput {
    std::optional<std::string> title, description, focus_area_code, offender, target, place;
    bool clear_focus_area = false;
    std::optional<std::vector<Evidence>> evidence;
};

struct GoalInput {
    std::optional<std::string> code, title, description, origin, agreement_item_code;
};

struct IndicatorInput {
    std::string name, unit, source;
    std::optional<double> baseline, target;
    std::optional<int> category_id;
    std::vector<std::string> area_ids;
};

struct PromiseInput {
    std::optional<std::string> title, description, district_id, police_area_id, period_start, period_end;
    std::optional<std::vector<Signatory>> signatories;
    std::optional<bool> is_public;
};

struct FocusArea {
    std::string code, title;
};

struct PlanSummary {
    Plan plan;
    Rollup rollup;
    bool can_edit = false;
};

// A plan as its page shows it, with what the reader may do.
struct PlanView {
    PlanDetail detail;
    Rollup rollup;
    std::map<std::string, Rollup> goal_rollups;  // by goal id
    std::map<std::string, bool> can_update;      // by measure id
    bool can_edit = false, can_comment = false;
    std::vector<FocusArea> focus_areas;
    std::optional<std::string> agreement_title;
};

struct MeasureView {
    Measure measure;
    std::vector<Indicator> indicators;
    std::vector<FollowUp> follow_ups;
    std::vector<Comment> comments;
    bool can_update = false;
};

struct OverdueMeasure {
    const Measure* measure;
    const Plan* plan;
    int days_overdue;
};

struct RollupView {
    std::string today;
    std::vector<Plan> plans;
    std::vector<Measure> measures;
    Rollup citywide;                                        // every plan's measures
    std::vector<std::pair<const Plan*, Rollup>> districts;  // the local plans, by district name
    std::vector<std::pair<std::string, Rollup>> owners;     // organisation id, by organisation name
    struct GoalRow {
        Goal goal;
        const Plan* plan;
        Rollup rollup;
    };
    std::vector<GoalRow> goals;
    std::vector<OverdueMeasure> overdue;  // most overdue first
    std::vector<FocusArea> focus_areas;
    // District plan -> focus area code -> the best rank of the district's problems in it.
    std::vector<std::pair<const Plan*, std::map<std::string, int>>> priorities;
};

// Everything a committee export of one plan shows.
struct PlanExportData {
    PlanDetail detail;
    std::vector<FollowUp> follow_ups;  // by measure, then date
    Rollup rollup;
    std::map<std::string, std::string> organisation_names;
    std::string area_name;  // the district, or the city
    std::string today;
};

struct ImportResult {
    std::size_t created = 0, updated = 0, unchanged = 0;
};

class PlanService {
public:
    PlanService(db::Database& db, auth::Authorizer& authz, const org::AreaCatalog& areas, est::EstService& est);

    const org::AreaCatalog& areas() const { return areas_; }
    est::EstService& est() { return est_; }
    // Organisation id -> name, for answers.
    std::map<std::string, std::string> OrganisationNames() const;

    std::vector<PlanSummary> List(const auth::Actor& actor);
    PlanView Get(const auth::Actor& actor, const std::string& plan_id);
    Plan UpdatePlan(const auth::Actor& actor, const std::string& plan_id, const std::optional<std::string>& title,
                    const std::optional<std::string>& period_start, const std::optional<std::string>& period_end);
    // Checks that the actor may read plans and that the plan exists.
    Plan RequirePlan(const auth::Actor& actor, const std::string& plan_id);

    Problem AddProblem(const auth::Actor& actor, const std::string& plan_id, const ProblemInput& in);
    Problem UpdateProblem(const auth::Actor& actor, const std::string& problem_id, const ProblemInput& in);
    void DeleteProblem(const auth::Actor& actor, const std::string& problem_id);
    std::vector<Problem> Reorder(const auth::Actor& actor, const std::string& plan_id,
                                 const std::vector<std::string>& ids);
    // The live count behind a situation-picture evidence link; empty when it cannot be drawn.
    std::optional<std::size_t> EvidenceFigure(const Evidence& e);

    Goal AddGoal(const auth::Actor& actor, const std::string& plan_id, const GoalInput& in);
    Goal UpdateGoal(const auth::Actor& actor, const std::string& goal_id, const GoalInput& in);
    void DeleteGoal(const auth::Actor& actor, const std::string& goal_id);

    // `owner` is "goal" or "measure".
    Indicator AddIndicator(const auth::Actor& actor, const std::string& owner, const std::string& owner_id,
                           const IndicatorInput& in);
    Indicator GetIndicator(const auth::Actor& actor, const std::string& id);
    void DeleteIndicator(const auth::Actor& actor, const std::string& id);
    Indicator SetIndicatorValue(const auth::Actor& actor, const std::string& id, const std::string& period,
                                std::optional<double> value);
    // A bound indicator's quarterly values from the situation picture (territory on each quarter's
    // last day), from the quarter of `from` (at most 20 quarters back) to the current quarter.
    std::vector<IndicatorValue> BoundValues(const Indicator& indicator, const std::string& from);

    Measure CreateMeasure(const auth::Actor& actor, const std::string& plan_id, const MeasureInput& in);
    MeasureView GetMeasure(const auth::Actor& actor, const std::string& measure_id);
    Measure UpdateMeasure(const auth::Actor& actor, const std::string& measure_id, const MeasureInput& in);
    void DeleteMeasure(const auth::Actor& actor, const std::string& measure_id);
    FollowUp AddFollowUp(const auth::Actor& actor, const std::string& measure_id, const std::string& date,
                         const std::string& note, int progress);
    Comment AddComment(const auth::Actor& actor, const std::string& plan_id,
                       const std::optional<std::string>& measure_id, const std::string& body);

    std::vector<std::pair<CitizenPromise, bool>> Promises(const auth::Actor& actor,
                                                          const std::optional<std::string>& area);
    std::pair<CitizenPromise, bool> GetPromise(const auth::Actor& actor, const std::string& id);
    CitizenPromise CreatePromise(const auth::Actor& actor, const PromiseInput& in);
    CitizenPromise UpdatePromise(const auth::Actor& actor, const std::string& id, const PromiseInput& in);
    PromiseActivity AddActivity(const auth::Actor& actor, const std::string& promise_id, const PromiseActivity& in);
    PromiseActivity UpdateActivity(const auth::Actor& actor, const std::string& activity_id,
                                   const std::optional<std::string>& title,
                                   const std::optional<std::string>& responsible,
                                   const std::optional<std::optional<std::string>>& due_date,
                                   const std::optional<std::string>& status);
    PromiseFollowUp AddPromiseFollowUp(const auth::Actor& actor, const std::string& promise_id, const std::string& date,
                                       const std::string& note, int progress);

    RollupView Rollups(const auth::Actor& actor);
    // The same figures without a permission check: for report sections and benchmarks.
    RollupView BuildRollups(db::Connection& c);

    std::string ExportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id);
    std::string ExportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id);
    // All rows or none: a bad row throws RowValidationError listing every bad row.
    ImportResult ImportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id, const std::string& csv);
    ImportResult ImportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id, const std::string& csv);
    // Values of the plan's hand-entered indicators (indikator_id;indikator;period;värde). An imported
    // value is stored with source "import"; an empty värde removes that period's value.
    std::string ExportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id);
    ImportResult ImportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id, const std::string& csv);
    PlanExportData ExportData(const auth::Actor& actor, const std::string& plan_id);
    // The same without a permission check (benchmarks).
    PlanExportData BuildExportData(const Plan& plan);

    std::vector<FocusArea> FocusAreas(db::Connection& c);

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    auth::Resource PlanResource(db::Connection& c, const Plan& plan) const;
    auth::Resource AreaResource(db::Connection& c, const std::string& type, const std::optional<std::string>& id,
                                const std::vector<std::string>& area_ids) const;
    // The actor's organisation memberships as stored now (not as when the session began).
    std::set<std::string> Memberships(db::Connection& c, const auth::Actor& actor) const;
    // A measure is the plan's resource with "measure_owners": the actor, when a membership is an owner.
    auth::Resource MeasureResource(const auth::Resource& plan_resource, const Measure& m, const auth::Actor& actor,
                                   const std::set<std::string>& memberships) const;
    auth::Resource PromiseResource(db::Connection& c, const CitizenPromise& p) const;
    // Checks that the actor may read plans and reads one record by `find`; NotFound names `what`.
    template <typename Find>
    auto ReadRecord(const auth::Actor& actor, const char* resource, const char* what, const std::string& id, Find find);
    // Checks plan.edit on the promise's district and police area.
    void RequirePromiseEdit(const auth::Actor& actor, const CitizenPromise& p);
    std::pair<Plan, Measure> RequireMeasureUpdate(const auth::Actor& actor, const std::string& measure_id);
    Plan RequireEdit(const auth::Actor& actor, const std::string& plan_id);
    void ApplyMeasure(db::Connection& c, const Plan& plan, Measure& m, const MeasureInput& in, bool creating) const;
    void FillBoundValues(const Plan& plan, std::vector<Indicator>& indicators);
    Rollup RollupOf(const std::vector<const Measure*>& ms, est::Day today) const;

    db::Database& db_;
    auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
    est::EstService& est_;
};

}  // namespace samverkan::plans
