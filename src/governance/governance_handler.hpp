#pragma once
// /api/v1/groups, /api/v1/meetings, /api/v1/decisions, /api/v1/escalations, /api/v1/consultations
// and /api/v1/governance/health.
#include "common/read_cache.hpp"
#include "governance/decision_service.hpp"
#include "governance/governance_health_service.hpp"
#include "governance/group_service.hpp"
#include "http/router.hpp"

namespace samverkan::governance {

void RegisterGovernanceRoutes(http::Router& router, GroupService& groups, DecisionService& decisions,
                              GovernanceHealthService& health, const org::AreaCatalog& areas,
                              const DataVersion& version);

}  // namespace samverkan::governance
