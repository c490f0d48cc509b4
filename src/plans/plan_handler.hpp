#pragma once
#include "http/router.hpp"
#include "plans/plan_services.hpp"

namespace samverkan::plans {

// The action plans' HTTP routes (see the OpenAPI description).
void RegisterPlanRoutes(http::Router& router, PlanServices& services);

}  // namespace samverkan::plans
