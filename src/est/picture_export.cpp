#include "est/picture_export.hpp"

#include <cstdio>
#include <stdexcept>

#include "common/xlsx_file.hpp"

#include "est/est_service.hpp"
#include "est/hotspot.hpp"
#include "reports/report_document.hpp"

namespace samverkan::est {
namespace {

std::string Signed(long v) { return (v > 0 ? "+" : "") + std::to_string(v); }

std::string Decimal1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string MethodText(const Picture& p) {
    return "Hotspot: en stadsdel × kategori med minst " + std::to_string(kHotspotMinCount) +
           " rapporter under perioden och klart över sitt eget snitt för de " +
           std::to_string(BaselinePeriods(p.period.kind)) +
           " föregående perioderna: sannolikheten att få så många av en slump vid snittnivån (Poisson) är under 1 %.";
}

// A sheet of areas with their count this period and the previous one.
void AreaCountSheet(lxw_workbook* wb, const char* name, const char* label, const std::vector<Picture::AreaCount>& rows,
                    lxw_format* bold) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    worksheet_set_column(ws, 0, 0, 28, nullptr);
    worksheet_write_string(ws, 0, 0, label, bold);
    worksheet_write_string(ws, 0, 1, "Antal", bold);
    worksheet_write_string(ws, 0, 2, "Föregående period", bold);
    lxw_row_t row = 1;
    for (const auto& r : rows) {
        worksheet_write_string(ws, row, 0, r.area->name.c_str(), nullptr);
        worksheet_write_number(ws, row, 1, r.count, nullptr);
        worksheet_write_number(ws, row, 2, r.previous, nullptr);
        ++row;
    }
}

}  // namespace

reports::ReportSection PictureSection(const Picture& p, const std::string& key) {
    reports::ReportSection s;
    s.key = key;
    s.title = "Lägesbild " + p.area->name + ", " + p.period.NameSv();
    s.body = std::to_string(p.total) + " rapporterade händelser (" + Signed(static_cast<long>(p.total) - p.previous_total) +
             " mot " + p.previous.NameSv() + (p.last_year_total ? ", " + Signed(static_cast<long>(p.total) - *p.last_year_total) +
                                                                      " mot samma period föregående år"
                                                                : "") +
             "). ";
    if (p.hotspots.empty()) s.body += "Inga hotspots.";
    else {
        s.body += "Hotspots: ";
        for (std::size_t i = 0; i < p.hotspots.size() && i < 5; ++i)
            s.body += (i ? "; " : "") + p.hotspots[i].category->name_sv + " i " + p.hotspots[i].neighbourhood->name + " (" +
                      std::to_string(p.hotspots[i].count) + ", snitt " + Decimal1(p.hotspots[i].baseline) + ")";
        s.body += ".";
    }
    s.columns = {"Kategori", "Antal", "Föregående period", "Förändring", "Samma period i fjol"};
    for (const auto& r : p.rows)
        s.rows.push_back({r.category->name_sv, std::to_string(r.count), std::to_string(r.previous),
                          Signed(static_cast<long>(r.count) - r.previous),
                          r.last_year ? std::to_string(*r.last_year) : "–"});
    return s;
}

std::string PictureXlsx(const Picture& p, const PictureExtras& extras) {
    return BuildWorkbook([&](lxw_workbook* wb) {
        lxw_format* bold = workbook_add_format(wb);
        format_set_bold(bold);
        lxw_format* title = workbook_add_format(wb);
        format_set_bold(title);
        format_set_font_size(title, 14);
        lxw_format* wrap = workbook_add_format(wb);
        format_set_text_wrap(wrap);
        format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

        std::string heading = "Lägesbild " + p.area->name + ", " + p.period.NameSv();
        lxw_worksheet* ws = workbook_add_worksheet(wb, "Lägesbild");
        worksheet_set_column(ws, 0, 0, 28, nullptr);
        worksheet_set_column(ws, 1, 5, 16, nullptr);
        worksheet_write_string(ws, 0, 0, heading.c_str(), title);
        worksheet_write_string(ws, 1, 0, ("Period " + FormatDay(p.period.start) + " – " + FormatDay(p.period.end - 1)).c_str(), nullptr);
        const char* cols[] = {"Kategori", "Antal", "Föregående period", "Förändring", "Samma period i fjol", "Förändring mot i fjol"};
        for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 3, static_cast<lxw_col_t>(c), cols[c], bold);
        lxw_row_t row = 4;
        for (const auto& r : p.rows) {
            worksheet_write_string(ws, row, 0, r.category->name_sv.c_str(), nullptr);
            worksheet_write_number(ws, row, 1, r.count, nullptr);
            worksheet_write_number(ws, row, 2, r.previous, nullptr);
            worksheet_write_number(ws, row, 3, static_cast<double>(r.count) - r.previous, nullptr);
            if (r.last_year) {
                worksheet_write_number(ws, row, 4, *r.last_year, nullptr);
                worksheet_write_number(ws, row, 5, static_cast<double>(r.count) - *r.last_year, nullptr);
            }
            ++row;
        }
        worksheet_write_string(ws, row, 0, "Totalt", bold);
        worksheet_write_number(ws, row, 1, p.total, bold);
        worksheet_write_number(ws, row, 2, p.previous_total, bold);
        worksheet_write_number(ws, row, 3, static_cast<double>(p.total) - p.previous_total, bold);
        if (p.last_year_total) {
            worksheet_write_number(ws, row, 4, *p.last_year_total, bold);
            worksheet_write_number(ws, row, 5, static_cast<double>(p.total) - *p.last_year_total, bold);
        }
        row += 2;
        worksheet_write_string(ws, row++, 0, "Analys", bold);
        worksheet_set_row(ws, row, 60, nullptr);
        worksheet_merge_range(ws, row, 0, row, 5, extras.analysis.c_str(), wrap);
        row += 2;
        worksheet_write_string(ws, row++, 0, "Fokus kommande vecka", bold);
        for (const auto& f : extras.focus) worksheet_write_string(ws, row++, 0, f.c_str(), nullptr);

        lxw_worksheet* hs = workbook_add_worksheet(wb, "Hotspots");
        worksheet_set_column(hs, 0, 1, 24, nullptr);
        worksheet_set_column(hs, 2, 4, 14, nullptr);
        worksheet_write_string(hs, 0, 0, MethodText(p).c_str(), nullptr);
        const char* hcols[] = {"Stadsdel", "Kategori", "Antal", "Snitt (baslinje)", "Sannolikhet"};
        for (int c = 0; c < 5; ++c) worksheet_write_string(hs, 2, static_cast<lxw_col_t>(c), hcols[c], bold);
        row = 3;
        for (const auto& h : p.hotspots) {
            worksheet_write_string(hs, row, 0, h.neighbourhood->name.c_str(), nullptr);
            worksheet_write_string(hs, row, 1, h.category->name_sv.c_str(), nullptr);
            worksheet_write_number(hs, row, 2, h.count, nullptr);
            worksheet_write_number(hs, row, 3, h.baseline, nullptr);
            worksheet_write_number(hs, row, 4, h.probability, nullptr);
            ++row;
        }

        AreaCountSheet(wb, "Stadsdelar", "Stadsdel", p.neighbourhoods, bold);

        lxw_worksheet* ts = workbook_add_worksheet(wb, "Trend 52 veckor");
        worksheet_set_column(ts, 0, 0, 12, nullptr);
        worksheet_write_string(ts, 0, 0, "Vecka", bold);
        for (std::size_t c = 0; c < p.categories.size(); ++c)
            worksheet_write_string(ts, 0, static_cast<lxw_col_t>(c + 1), p.categories[c]->name_sv.c_str(), bold);
        for (std::size_t w = 0; w < p.trend_weeks.size(); ++w) {
            worksheet_write_string(ts, static_cast<lxw_row_t>(w + 1), 0, p.trend_weeks[w].Code().c_str(), nullptr);
            for (std::size_t c = 0; c < p.categories.size(); ++c)
                worksheet_write_number(ts, static_cast<lxw_row_t>(w + 1), static_cast<lxw_col_t>(c + 1), p.trend[c][w], nullptr);
        }
        if (!p.districts.empty()) {
            AreaCountSheet(wb, "Stadsdelsområden", "Stadsdelsområde", p.districts, bold);
            // Districts × categories × the 52 trend weeks, one row per district and week.
            lxw_worksheet* ms = workbook_add_worksheet(wb, "Per vecka och område");
            worksheet_set_column(ms, 0, 0, 24, nullptr);
            worksheet_write_string(ms, 0, 0, "Stadsdelsområde", bold);
            worksheet_write_string(ms, 0, 1, "Vecka", bold);
            for (std::size_t c = 0; c < p.categories.size(); ++c)
                worksheet_write_string(ms, 0, static_cast<lxw_col_t>(c + 2), p.categories[c]->name_sv.c_str(), bold);
            row = 1;
            for (std::size_t d = 0; d < p.districts.size(); ++d)
                for (std::size_t w = 0; w < p.trend_weeks.size(); ++w, ++row) {
                    worksheet_write_string(ms, row, 0, p.districts[d].area->name.c_str(), nullptr);
                    worksheet_write_string(ms, row, 1, p.trend_weeks[w].Code().c_str(), nullptr);
                    for (std::size_t c = 0; c < p.categories.size(); ++c)
                        worksheet_write_number(ms, row, static_cast<lxw_col_t>(c + 2), p.district_trend[d][c][w], nullptr);
                }
        }
    });
}

std::string PicturePdf(const Picture& p, const PictureExtras& extras, const std::string& created_at) {
    reports::ReportDocument doc;
    doc.title = "Lägesbild " + p.area->name;
    doc.author = "Samverkan";
    doc.subject = "Gemensam lägesbild (EST), " + p.period.NameSv();
    doc.created_at = created_at;
    doc.facts = {{"Område", p.area->name},
                 {"Period", p.period.NameSv() + " (" + FormatDay(p.period.start) + " – " + FormatDay(p.period.end - 1) + ")"},
                 {"Rapporterade händelser", std::to_string(p.total)}};
    doc.sections.push_back(PictureSection(p, "situation_picture"));
    reports::ReportSection hot{"hotspots", "Hotspots", MethodText(p), {"Stadsdel", "Kategori", "Antal", "Snitt"}, {}};
    for (const auto& h : p.hotspots)
        hot.rows.push_back({h.neighbourhood->name, h.category->name_sv, std::to_string(h.count), Decimal1(h.baseline)});
    doc.sections.push_back(hot);
    reports::ReportSection nb{"neighbourhoods", "Stadsdelar", "", {"Stadsdel", "Antal", "Föregående period"}, {}};
    for (const auto& n : p.neighbourhoods)
        nb.rows.push_back({n.area->name, std::to_string(n.count), std::to_string(n.previous)});
    doc.sections.push_back(nb);
    std::string focus;
    for (const auto& f : extras.focus) focus += "• " + f + "\n";
    doc.sections.push_back({"analysis", "Analys och fokus kommande vecka",
                            (extras.analysis.empty() ? std::string("Ingen analys sparad.") : extras.analysis) +
                                (focus.empty() ? "" : "\n\nFokusplatser:\n" + focus),
                            {}, {}});
    return reports::RenderPdf(doc);
}

namespace {

class PictureSectionProvider final : public reports::ReportSectionProvider {
public:
    PictureSectionProvider(EstService& service, const org::AreaCatalog& areas) : service_(service), areas_(areas) {}
    std::string Key() const override { return "situation_picture.areas"; }
    reports::ReportSection Draft(const reports::ReportContext& ctx) const override {
        auto g = ctx.conn.Query("SELECT district_id FROM groups WHERE id = $1", {ctx.group_id});
        std::string area_id = g.empty() ? "" : g.text(0, "district_id");
        if (area_id.empty()) {
            auto ref = service_.reference();
            area_id = ref->municipality_id;
        }
        auto start = ParseDay(ctx.period_start), end = ParseDay(ctx.period_end);
        reports::ReportSection empty{Key(), "Lägesbild", "Ingen lägesbild kunde tas fram för perioden.", {}, {}};
        if (!start || !end || area_id.empty()) return empty;
        // The report's period as a picture period: a quarter, tertial or year when it is one, else by its first day.
        Period period = PeriodContaining(PeriodKind::kYear, *start);
        for (PeriodKind k : {PeriodKind::kWeek, PeriodKind::kQuarter, PeriodKind::kTertial, PeriodKind::kYear}) {
            Period q = PeriodContaining(k, *start);
            if (q.start == *start && q.end == *end + 1) period = q;
        }
        try {
            auto& index = service_.index();
            Picture p = BuildPicture(index, areas_, *service_.reference(), area_id, period);
            return PictureSection(p, Key());
        } catch (const std::exception&) {
            return empty;
        }
    }

private:
    EstService& service_;
    const org::AreaCatalog& areas_;
};

}  // namespace

void RegisterEstSections(reports::ReportSectionRegistry& registry, EstService& service, const org::AreaCatalog& areas) {
    registry.Add(std::make_unique<PictureSectionProvider>(service, areas));
}

}  // namespace samverkan::est
