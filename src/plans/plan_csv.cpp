// PlanService: measures and follow-ups as CSV for bulk editing in a spreadsheet, and back. The
// round trip is exact: an exported file imported unchanged changes nothing, and exporting again
// gives the same bytes. An import is one transaction; one bad row refuses the whole file.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <chrono>
#include <map>
#include <set>

#include "audit/audit_log.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "plans/plan_repository.hpp"
#include "plans/plan_service.hpp"
#include "plans/validation.hpp"

namespace samverkan::plans {
namespace R = PlanRepository;
namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";
constexpr char kDelimiter = ';';
constexpr const char* kListSeparator = " | ";

const std::vector<std::string> kMeasureColumns = {"id",    "titel", "beskrivning", "typ",   "horisont", "status",
                                                  "start", "slut",  "ansvarig",    "ägare", "mål",      "problem"};
const std::vector<std::string> kFollowUpColumns = {"id", "åtgärd_id", "åtgärd", "datum", "notering", "framsteg"};
const std::vector<std::string> kIndicatorValueColumns = {"indikator_id", "indikator", "period", "värde"};

// The API's field name -> the CSV column, for errors.
const std::map<std::string, std::string> kColumnOfField = {{"id", "id"},
                                                           {"title", "titel"},
                                                           {"description", "beskrivning"},
                                                           {"type", "typ"},
                                                           {"horizon", "horisont"},
                                                           {"status", "status"},
                                                           {"start_date", "start"},
                                                           {"end_date", "slut"},
                                                           {"responsible", "ansvarig"},
                                                           {"owner_organisation_ids", "ägare"},
                                                           {"goal_ids", "mål"},
                                                           {"problem_ids", "problem"},
                                                           {"date", "datum"},
                                                           {"note", "notering"},
                                                           {"progress", "framsteg"},
                                                           {"measure_id", "åtgärd_id"},
                                                           {"indicator_id", "indikator_id"},
                                                           {"period", "period"},
                                                           {"value", "värde"}};

std::string TypeSv(const std::string& t) { return t == "situational" ? "situationell" : t; }
std::string HorizonSv(const std::string& h) { return h == "short" ? "kort" : h == "long" ? "lång" : h; }

std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : kListSeparator) + p;
    return out;
}

std::vector<std::string> SplitList(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t bar = s.find('|', start);
        std::string part = s.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        auto b = part.find_first_not_of(" \t"), e = part.find_last_not_of(" \t");
        if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    return out;
}

std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Parses the file and maps its header to `columns` (any order, case-insensitive); a missing or
// unknown column refuses the whole file.
std::vector<CsvRow> ReadTable(const std::string& bytes, const std::vector<std::string>& columns,
                              std::vector<std::size_t>* position) {
    std::string text = DecodeSpreadsheetText(bytes);
    std::vector<CsvRow> rows;
    try {
        rows = ParseCsv(text, GuessCsvDelimiter(text));
    } catch (const std::invalid_argument& e) {
        throw ValidationError(std::string("The file is not CSV: ") + e.what(), "file");
    }
    if (rows.empty()) throw ValidationError("The file is empty; its first row names the columns.", "header");
    std::map<std::string, std::size_t> at;
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < rows[0].size(); ++i) {
        std::string name = Lower(rows[0][i]);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (std::find(columns.begin(), columns.end(), name) == columns.end())
            unknown.push_back(rows[0][i]);
        else if (!at.emplace(name, i).second)
            throw ValidationError("The column " + name + " appears twice.", "header");
    }
    std::vector<std::string> missing;
    for (const auto& c : columns)
        if (!at.count(c)) missing.push_back(c);
    if (!missing.empty() || !unknown.empty()) {
        std::string detail = "The columns must be " + Join(columns) + ".";
        if (!missing.empty()) detail += " Missing: " + Join(missing) + ".";
        if (!unknown.empty()) detail += " Unknown: " + Join(unknown) + ".";
        throw ValidationError(detail, "header");
    }
    position->clear();
    for (const auto& c : columns) position->push_back(at[c]);
    return rows;
}

std::string Cell(const CsvRow& row, const std::vector<std::size_t>& position, std::size_t column) {
    std::size_t i = position[column];
    return i < row.size() ? row[i] : std::string();
}

bool SameMeasure(const Measure& a, const Measure& b) {
    return a.title == b.title && a.description == b.description && a.type == b.type && a.horizon == b.horizon &&
           a.status == b.status && a.start_date == b.start_date && a.end_date == b.end_date &&
           a.responsible == b.responsible && a.owner_ids == b.owner_ids && a.goal_ids == b.goal_ids &&
           a.problem_ids == b.problem_ids;
}

// The shortest text that reads back as the same double.
std::string DecimalPoint(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ec == std::errc() ? end : buf);
}

// The same with a decimal comma, as Swedish spreadsheets write it.
std::string DecimalSv(double v) {
    std::string s = DecimalPoint(v);
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

// A decimal comma or point; no thousands separators, no exponent surprises beyond what from_chars reads.
std::optional<double> ParseDecimal(std::string s) {
    std::replace(s.begin(), s.end(), ',', '.');
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

RowError RowErrorOf(std::size_t row, const RequestError& e) {
    auto it = kColumnOfField.find(e.Field());
    return {row, it == kColumnOfField.end() ? e.Field() : it->second, e.what()};
}

[[noreturn]] void RefuseFile(std::vector<RowError> errors) {
    std::string detail = std::to_string(errors.size()) + (errors.size() == 1 ? " row" : " rows") +
                         " could not be imported; nothing was changed.";
    throw RowValidationError(detail, std::move(errors));
}

}  // namespace

std::string PlanService::ExportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = RequirePlan(actor, plan_id);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::map<std::string, std::string> goal_code, problem_title;
    for (const Goal& g : R::GoalsOf(*c, plan.id)) goal_code[g.id] = g.code;
    for (const Problem& p : R::ProblemsOf(*c, plan.id)) problem_title[p.id] = p.title;
    auto orgs = c->Query("SELECT id, name FROM organisations");
    std::map<std::string, std::string> org_name;
    for (std::size_t i = 0; i < orgs.size(); ++i) org_name[orgs.text(i, "id")] = orgs.text(i, "name");
    std::string out = kBom;
    AppendCsvRow(out, kMeasureColumns, kDelimiter);
    for (const Measure& m : R::Measures(*c, plan.id)) {
        std::vector<std::string> owners, goals, problems;
        for (const auto& o : m.owner_ids) owners.push_back(org_name[o]);
        for (const auto& g : m.goal_ids) goals.push_back(goal_code[g]);
        for (const auto& p : m.problem_ids) problems.push_back(problem_title[p]);
        AppendCsvRow(
            out,
            {m.id, m.title, m.description, TypeSv(m.type), HorizonSv(m.horizon), std::string(StatusNameSv(m.status)),
             m.start_date, m.end_date, m.responsible, Join(owners), Join(goals), Join(problems)},
            kDelimiter);
    }
    return out;
}

std::string PlanService::ExportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = RequirePlan(actor, plan_id);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::map<std::string, std::string> title;
    for (const Measure& m : R::Measures(*c, plan.id)) title[m.id] = m.title;
    std::string out = kBom;
    AppendCsvRow(out, kFollowUpColumns, kDelimiter);
    for (const FollowUp& f : R::FollowUpsOfPlan(*c, plan.id))
        AppendCsvRow(out, {f.id, f.measure_id, title[f.measure_id], f.date, f.note, std::to_string(f.progress)},
                     kDelimiter);
    return out;
}

ImportResult PlanService::ImportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id,
                                            const std::string& csv) {
    Plan plan = RequireEdit(actor, plan_id);
    std::vector<std::size_t> pos;
    std::vector<CsvRow> rows = ReadTable(csv, kMeasureColumns, &pos);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ImportResult result;
        std::vector<RowError> errors;
        std::map<std::string, std::string> goal_by_code, problem_by_title;
        for (const Goal& g : R::GoalsOf(c, plan.id)) goal_by_code[g.code] = g.id;
        for (const Problem& p : R::ProblemsOf(c, plan.id)) problem_by_title[p.title] = p.id;
        auto orgs = c.Query("SELECT id, name FROM organisations");
        std::multimap<std::string, std::string> org_by_name;
        for (std::size_t i = 0; i < orgs.size(); ++i) org_by_name.emplace(orgs.text(i, "name"), orgs.text(i, "id"));
        // The plan's measures, read once: a file has a row for each of them.
        std::map<std::string, Measure> existing;
        for (Measure& x : R::Measures(c, plan.id)) existing.emplace(x.id, std::move(x));
        std::set<std::string> seen_ids;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            std::size_t row_no = r + 1;  // the spreadsheet's row: the header is row 1
            const CsvRow& row = rows[r];
            auto cell = [&](std::size_t col) { return Cell(row, pos, col); };
            try {
                std::string id = cell(0);
                Measure m, before;
                bool creating = id.empty();
                if (!creating) {
                    if (!seen_ids.insert(id).second)
                        throw ValidationError("The measure " + id + " appears twice in the file.", "id");
                    auto found = existing.find(id);
                    if (found == existing.end()) {
                        auto elsewhere = c.Query("SELECT plan_id FROM measures WHERE id = $1", {id});
                        if (elsewhere.empty()) throw ValidationError("No measure with id " + id + ".", "id");
                        auto other = R::FindPlan(c, elsewhere.text(0, "plan_id"));
                        const org::Area* d = other && other->district_id ? areas_.Get(*other->district_id) : nullptr;
                        throw ValidationError("The measure " + id + " belongs to another plan (" +
                                                  (d ? d->name : other ? other->title : elsewhere.text(0, "plan_id")) +
                                                  ").",
                                              "id");
                    }
                    m = before = found->second;
                } else {
                    m.id = NewUuid();
                    m.plan_id = plan.id;
                }
                MeasureInput in;
                in.title = cell(1);
                in.description = cell(2);
                std::string typ = cell(3), hor = cell(4), status = cell(5);
                if (typ == "situationell")
                    in.type = "situational";
                else if (typ == "social")
                    in.type = "social";
                else
                    throw ValidationError("typ must be situationell or social, not '" + typ + "'.", "type");
                if (hor == "kort")
                    in.horizon = "short";
                else if (hor == "lång")
                    in.horizon = "long";
                else
                    throw ValidationError("horisont must be kort or lång, not '" + hor + "'.", "horizon");
                auto st = ParseStatusSv(status);
                if (!st)
                    throw ValidationError(
                        "status must be planerad, pågående, klar, pausad or avbruten, not '" + status + "'.", "status");
                in.status = std::string(StatusName(*st));
                in.start_date = cell(6);
                in.end_date = cell(7);
                in.responsible = cell(8);
                in.owner_ids.emplace();
                for (const auto& name : SplitList(cell(9))) {
                    auto [lo, hi] = org_by_name.equal_range(name);
                    if (lo == hi)
                        throw ValidationError("No organisation named '" + name + "'.", "owner_organisation_ids");
                    if (std::next(lo) != hi)
                        throw ValidationError("More than one organisation is named '" + name + "'.",
                                              "owner_organisation_ids");
                    in.owner_ids->push_back(lo->second);
                }
                in.goal_ids.emplace();
                for (const auto& code : SplitList(cell(10))) {
                    auto it = goal_by_code.find(code);
                    if (it == goal_by_code.end())
                        throw ValidationError("The plan has no goal with code '" + code + "'.", "goal_ids");
                    in.goal_ids->push_back(it->second);
                }
                in.problem_ids.emplace();
                for (const auto& t : SplitList(cell(11))) {
                    auto it = problem_by_title.find(t);
                    if (it == problem_by_title.end())
                        throw ValidationError("The plan has no problem titled '" + t + "'.", "problem_ids");
                    in.problem_ids->push_back(it->second);
                }
                ApplyMeasure(c, plan, m, in, creating);
                if (creating) {
                    R::InsertMeasure(c, m);
                    ++result.created;
                } else if (SameMeasure(m, before)) {
                    ++result.unchanged;
                } else {
                    R::UpdateMeasure(c, m);
                    ++result.updated;
                }
            } catch (const RequestError& e) {
                errors.push_back(RowErrorOf(row_no, e));
            }
        }
        if (!errors.empty()) RefuseFile(std::move(errors));
        audit::Append(c,
                      audit::ByActor(
                          actor, "measure.import", "action_plan", plan.id,
                          {{"created", result.created}, {"updated", result.updated}, {"unchanged", result.unchanged}}));
        return result;
    });
}

ImportResult PlanService::ImportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id,
                                             const std::string& csv) {
    Plan plan = RequireEdit(actor, plan_id);
    std::vector<std::size_t> pos;
    std::vector<CsvRow> rows = ReadTable(csv, kFollowUpColumns, &pos);
    std::string today = db_.clock().TodayStockholm();
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ImportResult result;
        std::vector<RowError> errors;
        // The plan's measures and follow-ups, read once (a district's file has thousands of rows).
        std::set<std::string> measure_ids;
        for (const Measure& x : R::Measures(c, plan.id)) measure_ids.insert(x.id);
        std::map<std::string, FollowUp> stored;
        for (FollowUp& x : R::FollowUpsOfPlan(c, plan.id)) stored.emplace(x.id, std::move(x));
        std::set<std::string> seen_ids;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            std::size_t row_no = r + 1;
            auto cell = [&](std::size_t col) { return Cell(rows[r], pos, col); };
            try {
                std::string id = cell(0), measure_id = cell(1);
                if (measure_id.empty()) throw ValidationError("åtgärd_id is required.", "measure_id");
                if (!measure_ids.count(measure_id)) {
                    bool elsewhere = !c.Query("SELECT 1 FROM measures WHERE id = $1", {measure_id}).empty();
                    throw ValidationError(elsewhere ? "The measure " + measure_id + " belongs to another plan."
                                                    : "No measure with id " + measure_id + ".",
                                          "measure_id");
                }
                FollowUp f;
                std::optional<FollowUp> before;
                if (!id.empty()) {
                    if (!seen_ids.insert(id).second)
                        throw ValidationError("The follow-up " + id + " appears twice in the file.", "id");
                    auto it = stored.find(id);
                    if (it == stored.end()) throw ValidationError("No follow-up of this plan with id " + id + ".", "id");
                    before = it->second;
                    if (before->measure_id != measure_id)
                        throw ValidationError("The follow-up " + id + " belongs to another measure.", "measure_id");
                    f = *before;
                } else {
                    f.id = NewUuid();
                    f.measure_id = measure_id;
                    f.recorded_by = actor.id.str();
                }
                f.date = CheckedDay(cell(3), "date");
                if (f.date > today) throw ValidationError("datum " + f.date + " is in the future.", "date");
                f.note = cell(4);
                RequireLength(f.note, 4000, "note", false);
                std::string p = cell(5);
                bool digits = !p.empty() && p.size() <= 3 && std::all_of(p.begin(), p.end(), ::isdigit);
                if (!digits || std::stoi(p) > 100)
                    throw ValidationError("framsteg must be a whole number from 0 to 100, not '" + p + "'.",
                                          "progress");
                f.progress = std::stoi(p);
                if (!before) {
                    R::InsertFollowUp(c, f);
                    ++result.created;
                } else if (before->date == f.date && before->note == f.note && before->progress == f.progress) {
                    ++result.unchanged;
                } else {
                    R::UpdateFollowUp(c, f);
                    ++result.updated;
                }
            } catch (const RequestError& e) {
                errors.push_back(RowErrorOf(row_no, e));
            }
        }
        if (!errors.empty()) RefuseFile(std::move(errors));
        audit::Append(c,
                      audit::ByActor(
                          actor, "measure.follow_up.import", "action_plan", plan.id,
                          {{"created", result.created}, {"updated", result.updated}, {"unchanged", result.unchanged}}));
        return result;
    });
}

std::string PlanService::ExportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = RequirePlan(actor, plan_id);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::string out = kBom;
    AppendCsvRow(out, kIndicatorValueColumns, kDelimiter);
    for (const Indicator& x : R::IndicatorsOf(*c, plan.id)) {
        if (x.source != "manual") continue;
        for (const IndicatorValue& v : x.values) AppendCsvRow(out, {x.id, x.name, v.period, DecimalSv(v.value)}, kDelimiter);
    }
    return out;
}

ImportResult PlanService::ImportIndicatorValuesCsv(const auth::Actor& actor, const std::string& plan_id,
                                                   const std::string& csv) {
    Plan plan = RequireEdit(actor, plan_id);
    std::vector<std::size_t> pos;
    std::vector<CsvRow> rows = ReadTable(csv, kIndicatorValueColumns, &pos);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ImportResult result;
        std::vector<RowError> errors;
        std::map<std::string, Indicator> indicators;
        for (Indicator& x : R::IndicatorsOf(c, plan.id)) indicators.emplace(x.id, std::move(x));
        std::set<std::pair<std::string, std::string>> seen;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            auto cell = [&](std::size_t col) { return Cell(rows[r], pos, col); };
            try {
                std::string id = cell(0);
                auto it = indicators.find(id);
                if (it == indicators.end()) {
                    bool elsewhere = !c.Query("SELECT 1 FROM indicators WHERE id = $1", {id}).empty();
                    throw ValidationError(elsewhere ? "The indicator " + id + " belongs to another plan."
                                                    : "No indicator with id '" + id + "'.",
                                          "indicator_id");
                }
                if (it->second.source != "manual")
                    throw ValidationError("The indicator reads its values from the situation picture.", "indicator_id");
                auto period = est::ParsePeriod(cell(2));
                if (!period)
                    throw ValidationError("period '" + cell(2) + "' is not like 2026-Q3, 2026-T2, 2026-W48 or 2026.",
                                          "period");
                if (!seen.emplace(id, period->Code()).second)
                    throw ValidationError("The indicator's " + period->Code() + " appears twice in the file.", "period");
                std::optional<double> value;
                if (!cell(3).empty()) {
                    value = ParseDecimal(cell(3));
                    if (!value) throw ValidationError("värde '" + cell(3) + "' is not a number like 72,5.", "value");
                }
                const IndicatorValue* stored = nullptr;
                for (const auto& v : it->second.values)
                    if (v.period == period->Code()) stored = &v;
                if ((!stored && !value) || (stored && value && stored->value == *value)) {
                    ++result.unchanged;
                    continue;
                }
                c.Query("DELETE FROM indicator_values WHERE indicator_id = $1 AND period = $2", {id, period->Code()});
                if (value) {
                    c.Query("INSERT INTO indicator_values (indicator_id, period, value, source, recorded_by, recorded_at) "
                            "VALUES ($1, $2, $3, 'import', $4, $5)",
                            {id, period->Code(), DecimalPoint(*value),
                             actor.id.str(), db_.clock().NowUtc()});
                }
                ++(stored ? result.updated : result.created);
            } catch (const RequestError& e) {
                errors.push_back(RowErrorOf(r + 1, e));
            }
        }
        if (!errors.empty()) RefuseFile(std::move(errors));
        audit::Append(c, audit::ByActor(actor, "plan.indicator.import", "action_plan", plan.id,
                                        {{"created", result.created}, {"updated", result.updated},
                                         {"unchanged", result.unchanged}}));
        return result;
    });
}

PlanExportData PlanService::ExportData(const auth::Actor& actor, const std::string& plan_id) {
    return BuildExportData(RequirePlan(actor, plan_id));
}

PlanExportData PlanService::BuildExportData(const Plan& plan) {
    PlanExportData d;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        d.detail = R::LoadDetail(*c, plan);
        d.follow_ups = R::FollowUpsOfPlan(*c, plan.id);
    }
    FillBoundValues(plan, d.detail.indicators);
    d.organisation_names = OrganisationNames();
    const org::Area* a = plan.district_id ? areas_.Get(*plan.district_id) : areas_.Municipality(db_.clock().TodayStockholm());
    d.area_name = a ? a->name : "";
    d.today = db_.clock().TodayStockholm();
    est::Day today = *est::ParseDay(d.today);
    for (const Measure& m : d.detail.measures)
        d.rollup.Add(m.status, m.progress, IsOverdue(*est::ParseDay(m.end_date), m.status, today));
    return d;
}

}  // namespace samverkan::plans
