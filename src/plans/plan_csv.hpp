#pragma once
// The plans' CSV files (measures, follow-ups, indicator values): the format shared by the exports, and ONE import
// routine shared by the three imports. The round trip is exact: an exported file imported unchanged changes nothing,
// and exporting again gives the same bytes.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/csv.hpp"
#include "db/database.hpp"

namespace samverkan::plans {

struct ImportResult {
    std::size_t created = 0, updated = 0, unchanged = 0;
};

namespace csv {

inline constexpr const char* kBom = "\xEF\xBB\xBF";
inline constexpr char kDelimiter = ';';

// List cells ("a | b | c").
std::string Join(const std::vector<std::string>& parts);
std::vector<std::string> SplitList(const std::string& s);
// The shortest text that reads back as the same double, with a decimal comma as Swedish spreadsheets write it.
std::string DecimalSv(double v);
// A decimal comma or point; empty for anything else (thousands separators, trailing text, infinities).
std::optional<double> ParseDecimal(std::string s);

// One data row of a file, its cells in the order of the import's columns.
class ImportRow {
public:
    ImportRow(const CsvRow& row, const std::vector<std::size_t>& position) : row_(row), position_(position) {}
    // The cell of column `column` (an index into the import's columns); "" when the row is short.
    std::string Cell(std::size_t column) const;

private:
    const CsvRow& row_;
    const std::vector<std::size_t>& position_;
};

enum class RowOutcome { kCreated, kUpdated, kUnchanged };

struct Import {
    // The header must name exactly these columns, in any order and any case.
    std::vector<std::string> columns;
    // Inside the transaction, before the first row: read what the rows are checked against.
    std::function<void(db::Connection&)> begin;
    // Checks and writes one row. A RequestError refuses the row; its field names the column.
    std::function<RowOutcome(db::Connection&, const ImportRow&)> row;
    // After the last row, when every row passed (the audit row).
    std::function<void(db::Connection&, const ImportResult&)> finish;
};

// Parses `bytes` (a missing, unknown or repeated column refuses the file: ValidationError on "header"), then runs every
// row in one write transaction. All or nothing: when any row is refused, nothing is written and RowValidationError
// lists each refused row as RowError{row, column, reason}, the row counted as in the spreadsheet (the header is row 1).
ImportResult RunImport(db::Database& db, const std::string& bytes, const Import& import);

}  // namespace csv
}  // namespace samverkan::plans
