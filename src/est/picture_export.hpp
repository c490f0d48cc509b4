#pragma once
// The situation picture as an Excel workbook (for the group's own analysis) and as a PDF (for the
// meeting), plus the picture of a group's areas as a section of a report back to committees.
#include <string>

#include "est/picture.hpp"
#include "reports/report.hpp"
#include "reports/report_section_registry.hpp"

namespace samverkan::est {

struct PictureExtras {
    std::string analysis;
    std::vector<std::string> focus;
};

std::string PictureXlsx(const Picture& p, const PictureExtras& extras);
std::string PicturePdf(const Picture& p, const PictureExtras& extras, const std::string& created_at);
// Title and table of a picture as a report section (categories with change, and the hotspots).
reports::ReportSection PictureSection(const Picture& p, const std::string& key);

class EstService;
// Registers "situation_picture.areas": the picture of the group's district (the whole city for a
// citywide group) over the report's period.
void RegisterEstSections(reports::ReportSectionRegistry& registry, EstService& service, const org::AreaCatalog& areas);

}  // namespace samverkan::est
