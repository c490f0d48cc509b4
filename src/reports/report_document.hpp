#pragma once
// A report rendered for the committee: as a standalone HTML page and as a PDF (cairo + pango) with
// Swedish text shaped properly, tables, page numbers and the report's metadata.
#include <string>
#include <utility>
#include <vector>

#include "reports/report.hpp"

namespace samverkan::reports {

struct ReportDocument {
    std::string title;
    std::string author;  // the group
    std::string subject;  // e.g. "Återrapportering till Kommunstyrelsen"
    std::vector<std::pair<std::string, std::string>> facts;  // label, value: period, due date, status...
    std::vector<ReportSection> sections;
    std::string created_at;  // when it was made, ISO-8601 UTC from the injected clock; the PDF's CreationDate
};

std::string RenderHtml(const ReportDocument& doc);
// The PDF's bytes. Throws std::runtime_error if cairo fails.
std::string RenderPdf(const ReportDocument& doc);

}  // namespace samverkan::reports
