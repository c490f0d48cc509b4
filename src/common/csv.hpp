#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF.
#include <string>
#include <string_view>
#include <vector>

namespace samverkan {

using CsvRow = std::vector<std::string>;
// Throws std::invalid_argument for an unterminated quoted field. Swedish spreadsheets use ';'.
std::vector<CsvRow> ParseCsv(std::string_view text, char delimiter = ',');
// The delimiter of a CSV file judged by its first line: ';' when it has more semicolons than commas.
char GuessCsvDelimiter(std::string_view text);

// Appends one RFC 4180 row ending in CRLF: a field with the delimiter, a quote, a line break or
// surrounding space is quoted, and its quotes doubled, so that ParseCsv gives the same fields back.
void AppendCsvRow(std::string& out, const CsvRow& row, char delimiter = ',');

bool IsValidUtf8(std::string_view bytes);
// Spreadsheet text as UTF-8: a UTF-8 byte-order mark is dropped, and text that is not valid UTF-8 is
// read as Windows-1252 (what Excel writes for "CSV" on a Swedish Windows). `encoding` gets which.
std::string DecodeSpreadsheetText(std::string_view bytes, std::string* encoding = nullptr);

}  // namespace samverkan
