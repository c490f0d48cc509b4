#pragma once
#include "common/read_cache.hpp"
#include "est/est_service.hpp"
#include "http/router.hpp"

namespace samverkan::est {

// The situation picture's HTTP routes (see the OpenAPI description).
void RegisterEstRoutes(http::Router& router, EstService& service, const org::AreaCatalog& areas,
                       const DataVersion& version);

}  // namespace samverkan::est
