#pragma once
#include "reports/report_section_registry.hpp"

namespace samverkan::governance {

// Governance's sections of a report back: decisions under delegation, escalations and their outcomes,
// consultations, meetings held against the cadence, and upcoming major decisions.
void RegisterGovernanceSections(reports::ReportSectionRegistry& registry, int consultation_lead_days);

}  // namespace samverkan::governance
