#pragma once
// Indicators of goals and measures: hand-entered values (also by CSV) or figures bound to the situation picture.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "est/est_service.hpp"
#include "org/area_catalog.hpp"
#include "plans/plan.hpp"
#include "plans/plan_access.hpp"
#include "plans/plan_csv.hpp"

namespace samverkan::plans {

struct IndicatorInput {
    std::string name, unit, source;
    std::optional<double> baseline, target;
    std::optional<int> category_id;
    std::vector<std::string> area_ids;
};

class IndicatorService {
public:
    IndicatorService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas, est::EstService& est);

    // `owner` is "goal" or "measure".
    Indicator AddIndicator(const auth::Actor& actor, const std::string& owner, const std::string& owner_id,
                           const IndicatorInput& in);
    Indicator GetIndicator(const auth::Actor& actor, const std::string& id);
    void DeleteIndicator(const auth::Actor& actor, const std::string& id);
    Indicator SetIndicatorValue(const auth::Actor& actor, const std::string& id, const std::string& period,
                                std::optional<double> value);
    // A bound indicator's quarterly values from the situation picture (territory on each quarter's last day), from the
    // quarter of `from` (at most 20 quarters back) to the current quarter.
    std::vector<IndicatorValue> BoundValues(const Indicator& indicator, const std::string& from);
    // Fills in the values of the bound indicators among `indicators` of `plan`.
    void FillBoundValues(const Plan& plan, std::vector<Indicator>& indicators);

    // Values of the plan's hand-entered indicators (indikator_id;indikator;period;värde). An imported value is stored
    // with source "import"; an empty värde removes that period's value.
    std::string ExportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id);
    // All rows or none: a bad row throws RowValidationError listing every bad row.
    ImportResult ImportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id, const std::string& csv);

    const Clock& clock() const { return db_.clock(); }

private:
    db::Database& db_;
    PlanAccess& access_;
    auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
    est::EstService& est_;
};

}  // namespace samverkan::plans
