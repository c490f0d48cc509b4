#include "plans/plan_export.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "common/xlsx_file.hpp"
#include "governance/group_repository.hpp"
#include "plans/plan_repository.hpp"

namespace samverkan::plans {
namespace {

std::string TypeSv(const std::string& t) { return t == "situational" ? "Situationell" : "Social"; }
std::string HorizonSv(const std::string& h) { return h == "short" ? "Kort sikt" : "Lång sikt"; }
std::string Capitalised(std::string_view s) {
    std::string out(s);
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}
std::string Number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, v == std::floor(v) ? "%.0f" : "%.1f", v);
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

struct Formats {
    lxw_format *title, *heading, *text, *wrap, *date, *percent, *number, *overdue, *overdue_date, *bold;
};

Formats MakeFormats(lxw_workbook* wb) {
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 16);
    f.heading = workbook_add_format(wb);
    format_set_bold(f.heading);
    format_set_font_color(f.heading, LXW_COLOR_WHITE);
    format_set_bg_color(f.heading, 0x1F4E79);
    format_set_border(f.heading, LXW_BORDER_THIN);
    format_set_text_wrap(f.heading);
    format_set_align(f.heading, LXW_ALIGN_VERTICAL_TOP);
    f.text = workbook_add_format(wb);
    format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.text, LXW_BORDER_HAIR);
    f.wrap = workbook_add_format(wb);
    format_set_text_wrap(f.wrap);
    format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.wrap, LXW_BORDER_HAIR);
    f.date = workbook_add_format(wb);
    format_set_num_format(f.date, "yyyy-mm-dd");
    format_set_align(f.date, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.date, LXW_BORDER_HAIR);
    f.percent = workbook_add_format(wb);
    format_set_num_format(f.percent, "0\" %\"");
    format_set_align(f.percent, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.percent, LXW_BORDER_HAIR);
    f.number = workbook_add_format(wb);
    format_set_num_format(f.number, "# ##0.##");
    format_set_align(f.number, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.number, LXW_BORDER_HAIR);
    // Overdue is said in words in its own column too; the fill only helps the eye.
    f.overdue = workbook_add_format(wb);
    format_set_bg_color(f.overdue, 0xFCE4D6);
    format_set_bold(f.overdue);
    format_set_align(f.overdue, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.overdue, LXW_BORDER_HAIR);
    f.overdue_date = workbook_add_format(wb);
    format_set_bg_color(f.overdue_date, 0xFCE4D6);
    format_set_num_format(f.overdue_date, "yyyy-mm-dd");
    format_set_align(f.overdue_date, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.overdue_date, LXW_BORDER_HAIR);
    f.bold = workbook_add_format(wb);
    format_set_bold(f.bold);
    return f;
}

// A sheet laid out for print: landscape A4, one page wide, the heading row repeated and frozen,
// page numbers in the footer.
lxw_worksheet* TableSheet(lxw_workbook* wb, const char* name, const std::string& header_text,
                          const std::vector<std::pair<const char*, double>>& columns, lxw_row_t heading_row,
                          const Formats& f) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, heading_row, heading_row);
    std::string header = "&L&\"Calibri,Bold\"" + header_text + "&R" + name;
    worksheet_set_header(ws, header.c_str());
    worksheet_set_footer(ws, "&LSamverkan&RSida &P av &N");
    for (std::size_t c = 0; c < columns.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columns[c].second, nullptr);
    return ws;
}

void HeadingRow(lxw_worksheet* ws, lxw_row_t row, const std::vector<std::pair<const char*, double>>& columns,
                const Formats& f) {
    for (std::size_t c = 0; c < columns.size(); ++c)
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), columns[c].first, f.heading);
    worksheet_freeze_panes(ws, row + 1, 0);
}

void WriteDate(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& day, lxw_format* format) {
    if (day.size() < 10) return;
    lxw_datetime dt{std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)), std::stoi(day.substr(8, 2)), 0, 0, 0};
    worksheet_write_datetime(ws, row, col, &dt, format);
}

}  // namespace

std::string PlanXlsx(const PlanExportData& d, const est::Reference& ref) {
    const PlanDetail& p = d.detail;
    std::map<std::string, const Goal*> goal_of;
    for (const Goal& g : p.goals) goal_of[g.id] = &g;
    std::map<std::string, const Problem*> problem_of;
    for (const Problem& x : p.problems) problem_of[x.id] = &x;
    std::map<std::string, const Measure*> measure_of;
    for (const Measure& m : p.measures) measure_of[m.id] = &m;
    est::Day today = *est::ParseDay(d.today);
    std::string header_text = p.plan.title;

    return BuildWorkbook(
        [&](lxw_workbook* wb) {
            Formats f = MakeFormats(wb);
            lxw_doc_properties props{};
            props.title = const_cast<char*>(p.plan.title.c_str());
            props.subject = const_cast<char*>("Handlingsplan: prioriteringar, mål, åtgärder och uppföljning");
            props.author = const_cast<char*>("Samverkan");
            workbook_set_properties(wb, &props);

            // Översikt.
            std::vector<std::pair<const char*, double>> ocols = {{"", 34}, {"", 18}};
            lxw_worksheet* ov = TableSheet(wb, "Översikt", header_text, ocols, 7, f);
            worksheet_write_string(ov, 0, 0, p.plan.title.c_str(), f.title);
            worksheet_write_string(ov, 2, 0, "Område", f.bold);
            worksheet_write_string(ov, 2, 1, d.area_name.c_str(), nullptr);
            worksheet_write_string(ov, 3, 0, "Period", f.bold);
            worksheet_write_string(ov, 3, 1, (p.plan.period_start + " – " + p.plan.period_end).c_str(), nullptr);
            worksheet_write_string(ov, 4, 0, "Utdrag", f.bold);
            worksheet_write_string(ov, 4, 1, d.today.c_str(), nullptr);
            worksheet_write_string(ov, 7, 0, "Status", f.heading);
            worksheet_write_string(ov, 7, 1, "Antal åtgärder", f.heading);
            lxw_row_t row = 8;
            for (MeasureStatus s : kAllStatuses) {
                worksheet_write_string(ov, row, 0, Capitalised(StatusNameSv(s)).c_str(), f.text);
                worksheet_write_number(ov, row++, 1,
                                       static_cast<double>(d.rollup.by_status[static_cast<std::size_t>(s)]), f.number);
            }
            worksheet_write_string(ov, row, 0, "Totalt", f.bold);
            worksheet_write_number(ov, row++, 1, static_cast<double>(d.rollup.measures), f.bold);
            worksheet_write_string(ov, row, 0, "Försenade", f.overdue);
            worksheet_write_number(ov, row++, 1, static_cast<double>(d.rollup.overdue), f.overdue);
            worksheet_write_string(ov, row, 0, "Genomsnittligt framsteg", f.text);
            if (auto pr = d.rollup.Progress())
                worksheet_write_number(ov, row, 1, *pr, f.percent);
            else
                worksheet_write_string(ov, row, 1, "–", f.text);

            // Prioriteringar: the ranked problems with their cause analysis.
            std::vector<std::pair<const char*, double>> pcols = {
                {"Rang", 6},         {"Problem", 30},        {"Fokusområde", 18},
                {"Beskrivning", 40}, {"Gärningsperson", 28}, {"Mål/brottsoffer", 28},
                {"Plats", 28},       {"Underlag", 36}};
            lxw_worksheet* ps = TableSheet(wb, "Prioriteringar", header_text, pcols, 0, f);
            HeadingRow(ps, 0, pcols, f);
            row = 1;
            for (const Problem& x : p.problems) {
                std::string evidence;
                for (const Evidence& e : x.evidence) evidence += (evidence.empty() ? "" : "\n") + e.label;
                worksheet_write_number(ps, row, 0, x.rank, f.number);
                worksheet_write_string(ps, row, 1, x.title.c_str(), f.wrap);
                worksheet_write_string(ps, row, 2, x.focus_area_code.value_or("").c_str(), f.text);
                worksheet_write_string(ps, row, 3, x.description.c_str(), f.wrap);
                worksheet_write_string(ps, row, 4, x.offender.c_str(), f.wrap);
                worksheet_write_string(ps, row, 5, x.target.c_str(), f.wrap);
                worksheet_write_string(ps, row, 6, x.place.c_str(), f.wrap);
                worksheet_write_string(ps, row, 7, evidence.c_str(), f.wrap);
                ++row;
            }
            if (row > 1) worksheet_autofilter(ps, 0, 0, row - 1, static_cast<lxw_col_t>(pcols.size() - 1));

            // Mål och indikatorer.
            std::vector<std::pair<const char*, double>> gcols = {
                {"Mål", 36},      {"Ursprung", 14},      {"Indikator", 34}, {"Enhet", 10}, {"Utgångsvärde", 13},
                {"Målvärde", 11}, {"Senaste värde", 13}, {"Period", 10},    {"Källa", 30}};
            lxw_worksheet* gs = TableSheet(wb, "Mål och indikatorer", header_text, gcols, 0, f);
            HeadingRow(gs, 0, gcols, f);
            row = 1;
            for (const Goal& g : p.goals) {
                std::string goal = g.code + " " + g.title;
                std::string origin = g.origin == "agreement" ? "Överenskommelsen" : "Lokalt";
                bool any = false;
                for (const Indicator& x : p.indicators) {
                    if (x.goal_id != g.id) continue;
                    any = true;
                    worksheet_write_string(gs, row, 0, goal.c_str(), f.wrap);
                    worksheet_write_string(gs, row, 1, origin.c_str(), f.text);
                    worksheet_write_string(gs, row, 2, x.name.c_str(), f.wrap);
                    worksheet_write_string(gs, row, 3, x.unit.c_str(), f.text);
                    if (x.baseline) worksheet_write_number(gs, row, 4, *x.baseline, f.number);
                    if (x.target) worksheet_write_number(gs, row, 5, *x.target, f.number);
                    if (!x.values.empty()) {
                        worksheet_write_number(gs, row, 6, x.values.back().value, f.number);
                        worksheet_write_string(gs, row, 7, x.values.back().period.c_str(), f.text);
                    }
                    std::string source = "Inmatat";
                    if (x.source == "situation_picture") {
                        const est::Category* cat = x.category_id ? ref.CategoryById(*x.category_id) : nullptr;
                        source = "Lägesbilden: " + (cat ? cat->name_sv : std::string("?")) + " per kvartal";
                    }
                    worksheet_write_string(gs, row, 8, source.c_str(), f.wrap);
                    ++row;
                }
                if (!any) {
                    worksheet_write_string(gs, row, 0, goal.c_str(), f.wrap);
                    worksheet_write_string(gs, row, 1, origin.c_str(), f.text);
                    ++row;
                }
            }

            // Åtgärder.
            std::vector<std::pair<const char*, double>> mcols = {{"Åtgärd", 34},
                                                                 {"Typ", 13},
                                                                 {"Horisont", 10},
                                                                 {"Status", 11},
                                                                 {"Start", 11},
                                                                 {"Slut", 11},
                                                                 {"Försenad", 9},
                                                                 {"Ägare", 30},
                                                                 {"Ansvarig", 20},
                                                                 {"Framsteg", 10},
                                                                 {"Senaste uppföljning", 14},
                                                                 {"Mål", 20},
                                                                 {"Problem", 30}};
            lxw_worksheet* ms = TableSheet(wb, "Åtgärder", header_text, mcols, 0, f);
            HeadingRow(ms, 0, mcols, f);
            row = 1;
            for (const Measure& m : p.measures) {
                bool late = IsOverdue(*est::ParseDay(m.end_date), m.status, today);
                std::string owners, goals, problems;
                for (const auto& o : m.owner_ids) {
                    auto it = d.organisation_names.find(o);
                    owners += (owners.empty() ? "" : ", ") + (it == d.organisation_names.end() ? o : it->second);
                }
                for (const auto& g : m.goal_ids)
                    if (goal_of.count(g)) goals += (goals.empty() ? "" : ", ") + goal_of[g]->code;
                for (const auto& x : m.problem_ids)
                    if (problem_of.count(x)) problems += (problems.empty() ? "" : "; ") + problem_of[x]->title;
                worksheet_write_string(ms, row, 0, m.title.c_str(), f.wrap);
                worksheet_write_string(ms, row, 1, TypeSv(m.type).c_str(), f.text);
                worksheet_write_string(ms, row, 2, HorizonSv(m.horizon).c_str(), f.text);
                worksheet_write_string(ms, row, 3, Capitalised(StatusNameSv(m.status)).c_str(), f.text);
                WriteDate(ms, row, 4, m.start_date, f.date);
                WriteDate(ms, row, 5, m.end_date, late ? f.overdue_date : f.date);
                worksheet_write_string(ms, row, 6, late ? "Ja" : "", late ? f.overdue : f.text);
                worksheet_write_string(ms, row, 7, owners.c_str(), f.wrap);
                worksheet_write_string(ms, row, 8, m.responsible.c_str(), f.wrap);
                std::optional<int> progress = m.status == MeasureStatus::kDone ? std::optional(100) : m.progress;
                if (progress) worksheet_write_number(ms, row, 9, *progress, f.percent);
                if (m.progress_on) WriteDate(ms, row, 10, *m.progress_on, f.date);
                worksheet_write_string(ms, row, 11, goals.c_str(), f.wrap);
                worksheet_write_string(ms, row, 12, problems.c_str(), f.wrap);
                ++row;
            }
            if (row > 1) worksheet_autofilter(ms, 0, 0, row - 1, static_cast<lxw_col_t>(mcols.size() - 1));

            // Uppföljning.
            std::vector<std::pair<const char*, double>> fcols = {
                {"Åtgärd", 34}, {"Datum", 11}, {"Framsteg", 10}, {"Notering", 70}};
            lxw_worksheet* fs = TableSheet(wb, "Uppföljning", header_text, fcols, 0, f);
            HeadingRow(fs, 0, fcols, f);
            row = 1;
            for (const FollowUp& x : d.follow_ups) {
                auto it = measure_of.find(x.measure_id);
                worksheet_write_string(fs, row, 0, it == measure_of.end() ? "" : it->second->title.c_str(), f.wrap);
                WriteDate(fs, row, 1, x.date, f.date);
                worksheet_write_number(fs, row, 2, x.progress, f.percent);
                worksheet_write_string(fs, row, 3, x.note.c_str(), f.wrap);
                ++row;
            }
            if (row > 1) worksheet_autofilter(fs, 0, 0, row - 1, 3);
        },
        true);
}

namespace {

class PlanProgressSection final : public reports::ReportSectionProvider {
public:
    explicit PlanProgressSection(PlanService& service) : service_(service) {}
    std::string Key() const override { return "action_plan.progress"; }
    reports::ReportSection Draft(const reports::ReportContext& ctx) const override {
        reports::ReportSection s{Key(), "Handlingsplanens genomförande", "", {}, {}};
        auto group = governance::GroupRepository::Load(ctx.conn, ctx.group_id);
        std::optional<std::string> district = group ? group->district_id : std::nullopt;
        RollupView v = service_.BuildRollups(ctx.conn);
        auto progress = [](const Rollup& r) { return r.Progress() ? Number(*r.Progress()) + " %" : std::string("–"); };
        auto counts = [&](const Rollup& r) {
            std::vector<std::string> row;
            for (MeasureStatus st : kAllStatuses)
                row.push_back(std::to_string(r.by_status[static_cast<std::size_t>(st)]));
            row.push_back(std::to_string(r.overdue));
            row.push_back(progress(r));
            return row;
        };
        s.columns = {"Område", "Planerade", "Pågående", "Klara", "Pausade", "Avbrutna", "Försenade", "Framsteg"};
        std::string plan_id;
        if (district) {
            for (const auto& [plan, r] : v.districts) {
                if (plan->district_id != *district) continue;
                plan_id = plan->id;
                auto row = counts(r);
                row.insert(row.begin(), plan->title);
                s.rows.push_back(row);
                s.body = std::to_string(r.measures) + " åtgärder i " + plan->title + ", varav " +
                         std::to_string(r.overdue) + " försenade. Genomsnittligt framsteg " + progress(r) + ".";
            }
            if (plan_id.empty()) s.body = "Stadsdelsområdet har ingen handlingsplan.";
        } else {
            for (const auto& [plan, r] : v.districts) {
                const org::Area* a = plan->district_id ? service_.areas().Get(*plan->district_id) : nullptr;
                auto row = counts(r);
                row.insert(row.begin(), a ? a->name : plan->title);
                s.rows.push_back(row);
            }
            auto row = counts(v.citywide);
            row.insert(row.begin(), "Hela staden");
            s.rows.push_back(row);
            s.body = std::to_string(v.citywide.measures) + " åtgärder i stadens handlingsplaner, varav " +
                     std::to_string(v.citywide.overdue) + " försenade. Genomsnittligt framsteg " +
                     progress(v.citywide) + ".";
        }
        std::string late;
        int listed = 0;
        for (const OverdueMeasure& o : v.overdue) {
            if (!plan_id.empty() && o.plan->id != plan_id) continue;
            if (listed++ == 10) break;
            late += "\n• " + o.measure->title + " (slut " + o.measure->end_date + ", " +
                    std::to_string(o.days_overdue) + " dagar sen)";
        }
        if (!late.empty()) s.body += "\n\nFörsenade åtgärder:" + late;
        return s;
    }

private:
    PlanService& service_;
};

}  // namespace

void RegisterPlanSections(reports::ReportSectionRegistry& registry, PlanService& service) {
    registry.Add(std::make_unique<PlanProgressSection>(service));
}

}  // namespace samverkan::plans
