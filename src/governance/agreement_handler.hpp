#pragma once
// /api/v1/agreements: the register, drafts, status moves, versions and comparison.
#include "governance/agreement_service.hpp"
#include "http/router.hpp"

namespace samverkan::governance {

void RegisterAgreementRoutes(http::Router& router, AgreementService& agreements, const org::AreaCatalog& areas);

}  // namespace samverkan::governance
