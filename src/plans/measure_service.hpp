#pragma once
// Measures of a plan and their follow-ups, also as CSV for bulk editing in a spreadsheet.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "org/area_catalog.hpp"
#include "plans/indicator_service.hpp"
#include "plans/plan.hpp"
#include "plans/plan_access.hpp"
#include "plans/plan_csv.hpp"

namespace samverkan::plans {

// Fields of a measure as sent; an empty optional leaves the field as it is (or at its default).
struct MeasureInput {
    std::optional<std::string> title, description, type, horizon, status, start_date, end_date, responsible;
    std::optional<std::vector<std::string>> owner_ids, goal_ids, problem_ids;
};

struct MeasureView {
    Measure measure;
    std::vector<Indicator> indicators;
    std::vector<FollowUp> follow_ups;
    std::vector<Comment> comments;
    bool can_update = false;
};

class MeasureService {
public:
    MeasureService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas, IndicatorService& indicators);

    Measure CreateMeasure(const auth::Actor& actor, const std::string& plan_id, const MeasureInput& in);
    MeasureView GetMeasure(const auth::Actor& actor, const std::string& measure_id);
    Measure UpdateMeasure(const auth::Actor& actor, const std::string& measure_id, const MeasureInput& in);
    void DeleteMeasure(const auth::Actor& actor, const std::string& measure_id);
    FollowUp AddFollowUp(const auth::Actor& actor, const std::string& measure_id, const std::string& date,
                         const std::string& note, int progress);

    std::string ExportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id);
    std::string ExportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id);
    // All rows or none: a bad row throws RowValidationError listing every bad row.
    ImportResult ImportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id, const std::string& csv);
    ImportResult ImportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id, const std::string& csv);

    const Clock& clock() const { return db_.clock(); }

private:
    void ApplyMeasure(db::Connection& c, const Plan& plan, Measure& m, const MeasureInput& in, bool creating) const;

    db::Database& db_;
    PlanAccess& access_;
    auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
    IndicatorService& indicators_;
};

}  // namespace samverkan::plans
