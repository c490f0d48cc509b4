#pragma once
// The action plans' use cases, in four services over one set of access rules (PlanAccess):
// PlanService (plans, problems, goals, comments, roll-ups), MeasureService (measures and follow-ups),
// IndicatorService and PromiseService. Every entry point asks the policy first (refusals are audited
// by the Authorizer) and every write is audited with it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/authorizer.hpp"
#include "db/database.hpp"
#include "est/est_service.hpp"
#include "org/area_catalog.hpp"
#include "plans/indicator_service.hpp"
#include "plans/plan.hpp"
#include "plans/plan_access.hpp"

namespace samverkan::plans {

struct ProblemInput {
    std::optional<std::string> title, description, focus_area_code, offender, target, place;
    bool clear_focus_area = false;
    std::optional<std::vector<Evidence>> evidence;
};

struct GoalInput {
    std::optional<std::string> code, title, description, origin, agreement_item_code;
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

// Plans and their priorities: the plans, their ranked problems, goals and comments; the roll-ups
// across plans and the committee export of one plan.
class PlanService {
public:
    PlanService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas, est::EstService& est,
                IndicatorService& indicators);

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

    Comment AddComment(const auth::Actor& actor, const std::string& plan_id,
                       const std::optional<std::string>& measure_id, const std::string& body);

    RollupView Rollups(const auth::Actor& actor);
    // The same figures without a permission check: for report sections and benchmarks.
    RollupView BuildRollups(db::Connection& c);

    PlanExportData ExportData(const auth::Actor& actor, const std::string& plan_id);
    // The same without a permission check (benchmarks).
    PlanExportData BuildExportData(const Plan& plan);

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    Rollup RollupOf(const std::vector<const Measure*>& ms, est::Day today) const;

    db::Database& db_;
    PlanAccess& access_;
    auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
    est::EstService& est_;
    IndicatorService& indicators_;
};

}  // namespace samverkan::plans
