#pragma once
#include "http/router.hpp"
#include "plans/plan_service.hpp"

namespace samverkan::plans {

// The action plans' HTTP routes (see the OpenAPI description).
void RegisterPlanRoutes(http::Router& router, PlanService& service);

}  // namespace samverkan::plans
