#pragma once
// /api/v1/reporting, obligations, reports (JSON, HTML, PDF), feedback and follow-up items.
#include "common/read_cache.hpp"
#include "governance/reporting_service.hpp"
#include "http/router.hpp"

namespace samverkan::governance {

void RegisterReportingRoutes(http::Router& router, ReportingService& reporting, const DataVersion& version);

}  // namespace samverkan::governance
