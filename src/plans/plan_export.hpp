#pragma once
// A plan as an Excel workbook for a committee meeting, and plan progress as a report section.
#include <string>

#include "plans/plan_service.hpp"
#include "reports/report_section_registry.hpp"

namespace samverkan::plans {

// Sheets: Översikt, Prioriteringar, Mål och indikatorer, Åtgärder, Uppföljning; print-ready (A4
// landscape, one page wide, repeated headings, page numbers), frozen headings and filters.
std::string PlanXlsx(const PlanExportData& data, const est::Reference& categories);

// Registers "action_plan.progress": the roll-up of the group's district plan (a citywide group:
// every district's), with its overdue measures.
void RegisterPlanSections(reports::ReportSectionRegistry& registry, PlanService& service);

}  // namespace samverkan::plans
