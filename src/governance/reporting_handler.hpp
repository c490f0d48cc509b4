#pragma once
// /api/v1/reporting, obligations, reports (JSON, HTML, PDF), feedback and follow-up items.
#include "governance/reporting_service.hpp"
#include "http/router.hpp"

namespace samverkan::governance {

void RegisterReportingRoutes(http::Router& router, ReportingService& reporting);

}  // namespace samverkan::governance
