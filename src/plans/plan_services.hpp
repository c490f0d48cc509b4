#pragma once
// The action plans' services, built together: they share one PlanAccess, and plans and measures read bound indicator
// values through the IndicatorService.
#include "plans/measure_service.hpp"
#include "plans/plan_service.hpp"
#include "plans/promise_service.hpp"

namespace samverkan::plans {

struct PlanServices {
    PlanServices(db::Database& db, auth::Authorizer& authz, const org::AreaCatalog& areas, est::EstService& est)
        : access(db, authz, areas),
          indicators(db, access, areas, est),
          plans(db, access, areas, est, indicators),
          measures(db, access, areas, indicators),
          promises(db, access, areas) {}

    PlanAccess access;
    IndicatorService indicators;
    PlanService plans;
    MeasureService measures;
    PromiseService promises;
};

}  // namespace samverkan::plans
