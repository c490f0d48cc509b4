#include "reports/report.hpp"

#include <gtest/gtest.h>

#include "reports/report_document.hpp"

namespace samverkan::reports {
namespace {

TEST(ReportPeriodTest, CadencesCutTheCalendarTheCommitteesWay) {
    // cadence, a date, expected start, end, due (30 days after)
    const std::tuple<const char*, const char*, const char*, const char*, const char*> cases[] = {
        {"monthly", "2028-02-15", "2028-02-01", "2028-02-29", "2028-03-30"},
        {"quarterly", "2026-05-20", "2026-04-01", "2026-06-30", "2026-07-30"},
        {"quarterly", "2026-12-31", "2026-10-01", "2026-12-31", "2027-01-30"},
        {"tertial", "2026-05-01", "2026-05-01", "2026-08-31", "2026-09-30"},
        {"tertial", "2026-12-24", "2026-09-01", "2026-12-31", "2027-01-30"},
        {"yearly", "2026-07-01", "2026-01-01", "2026-12-31", "2027-01-30"},
    };
    for (auto [cadence, date, start, end, due] : cases) {
        ReportPeriod p = PeriodContaining(cadence, date, 30);
        EXPECT_EQ(p.start, start) << cadence << " " << date;
        EXPECT_EQ(p.end, end) << cadence << " " << date;
        EXPECT_EQ(p.due_on, due) << cadence << " " << date;
    }
    EXPECT_THROW(PeriodContaining("weekly", "2026-01-01", 30), std::invalid_argument);
}

TEST(ReportPeriodTest, PeriodsBetweenCoverEveryPeriodUpToTheRunningOne) {
    auto periods = PeriodsBetween("quarterly", "2026-02-10", "2026-11-27", 30);
    ASSERT_EQ(periods.size(), 4u);
    EXPECT_EQ(periods.front().start, "2026-01-01");
    EXPECT_EQ(periods.back().start, "2026-10-01");
    EXPECT_EQ(PeriodsBetween("yearly", "2024-03-01", "2026-01-01", 0).size(), 3u);
}

TEST(ReportHtmlTest, EscapesTextAndMarksUpTables) {
    ReportDocument doc{"Återrapportering <Q3>", "Styrgruppen", "Till KS", {{"Period", "2026-07-01 – 2026-09-30"}},
                       {{"k", "Beslut", "<script>alert(1)</script>\n\nAndra stycket", {"Datum", "Beslut"}, {{"2026-08-01", "A & B"}}}}};
    std::string html = RenderHtml(doc);
    EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("<th scope=\"col\">Datum</th>"), std::string::npos);
    EXPECT_NE(html.find("A &amp; B"), std::string::npos);
    EXPECT_NE(html.find("<p>Andra stycket</p>"), std::string::npos);
}

TEST(ReportPdfTest, ProducesAPdfWithAPageForLongTables) {
    ReportDocument doc{"Återrapportering", "Styrgruppen", "Till KS", {}, {{"k", "Sammanträden", "", {"Datum", "Dagordning"}, {}}}};
    for (int i = 0; i < 120; ++i) doc.sections[0].rows.push_back({"2026-01-01", "Punkt " + std::to_string(i)});
    std::string pdf = RenderPdf(doc);
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
    // At least two pages: count page objects.
    std::size_t pages = 0;
    for (std::size_t pos = 0; (pos = pdf.find("/Type /Page\n", pos)) != std::string::npos; ++pos) ++pages;
    if (pages == 0)
        for (std::size_t pos = 0; (pos = pdf.find("/Type /Page ", pos)) != std::string::npos; ++pos) ++pages;
    EXPECT_GE(pages, 2u);
}

}  // namespace
}  // namespace samverkan::reports
