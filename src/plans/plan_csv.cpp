#include "plans/plan_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "common/errors.hpp"

namespace samverkan::plans::csv {
namespace {

constexpr const char* kListSeparator = " | ";

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

std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Parses the file and maps its header to `columns` (any order, case-insensitive); a missing or unknown column refuses
// the whole file.
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

RowError RowErrorOf(std::size_t row, const RequestError& e) {
    auto it = kColumnOfField.find(e.Field());
    return {row, it == kColumnOfField.end() ? e.Field() : it->second, e.what()};
}

[[noreturn]] void RefuseFile(std::vector<RowError> errors) {
    std::string detail = std::to_string(errors.size()) + (errors.size() == 1 ? " row" : " rows") +
                         " could not be imported; nothing was changed.";
    throw RowValidationError(detail, std::move(errors));
}

// The shortest text that reads back as the same double.
std::string DecimalPoint(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ec == std::errc() ? end : buf);
}

}  // namespace

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

std::string DecimalSv(double v) {
    std::string s = DecimalPoint(v);
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::optional<double> ParseDecimal(std::string s) {
    std::replace(s.begin(), s.end(), ',', '.');
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string ImportRow::Cell(std::size_t column) const {
    std::size_t i = position_[column];
    return i < row_.size() ? row_[i] : std::string();
}

ImportResult RunImport(db::Database& db, const std::string& bytes, const Import& import) {
    std::vector<std::size_t> position;
    std::vector<CsvRow> rows = ReadTable(bytes, import.columns, &position);
    return db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        ImportResult result;
        std::vector<RowError> errors;
        if (import.begin) import.begin(c);
        for (std::size_t r = 1; r < rows.size(); ++r) {
            try {
                switch (import.row(c, ImportRow(rows[r], position))) {
                    case RowOutcome::kCreated:
                        ++result.created;
                        break;
                    case RowOutcome::kUpdated:
                        ++result.updated;
                        break;
                    case RowOutcome::kUnchanged:
                        ++result.unchanged;
                        break;
                }
            } catch (const RequestError& e) {
                errors.push_back(RowErrorOf(r + 1, e));  // the spreadsheet's row: the header is row 1
            }
        }
        if (!errors.empty()) RefuseFile(std::move(errors));
        if (import.finish) import.finish(c, result);
        return result;
    });
}

}  // namespace samverkan::plans::csv
