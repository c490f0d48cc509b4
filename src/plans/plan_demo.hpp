#pragma once
#include <string>

#include "db/database.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::plans {

// Demo action plans (only when there are none): the citywide plan with the six focus areas of the
// revised agreement, and a local plan for each district with its own ranking of them, measures in
// every status (some overdue, relative to `today`), follow-ups, and the districts' citizen promises.
void LoadDemoPlans(db::Connection& c, const org::AreaCatalog& areas, const std::string& today);

}  // namespace samverkan::plans
