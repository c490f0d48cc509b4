#pragma once
// /api/v1/organisations, /api/v1/areas, /api/v1/areas/map and /api/v1/locate.
#include "auth/authorizer.hpp"
#include "http/router.hpp"
#include "org/area_catalog.hpp"
#include "org/organisation_service.hpp"

namespace samverkan::org {

void RegisterOrgRoutes(http::Router& router, OrganisationService& organisations, const AreaCatalog& areas,
                       const auth::Authorizer& authz);

}  // namespace samverkan::org
