#pragma once
// /api/v1/groups, /api/v1/meetings, /api/v1/decisions, /api/v1/escalations, /api/v1/consultations
// and /api/v1/governance/health.
#include "common/read_cache.hpp"
#include "governance/decision_service.hpp"
#include "governance/group_service.hpp"
#include "http/router.hpp"

namespace samverkan::governance {

void RegisterGovernanceRoutes(http::Router& router, db::Database& db, const auth::Authorizer& authz,
                              GroupService& groups, DecisionService& decisions, const org::AreaCatalog& areas,
                              const DataVersion& version);

}  // namespace samverkan::governance
