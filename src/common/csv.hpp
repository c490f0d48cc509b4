#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF.
#include <string>
#include <string_view>
#include <vector>

namespace samverkan {

using CsvRow = std::vector<std::string>;
// Throws std::invalid_argument for an unterminated quoted field.
std::vector<CsvRow> ParseCsv(std::string_view text);

}  // namespace samverkan
