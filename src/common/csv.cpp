#include "common/csv.hpp"

#include <stdexcept>

namespace samverkan {

std::vector<CsvRow> ParseCsv(std::string_view text) {
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    bool quoted = false, row_has_content = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.push_back(c);
            }
            continue;
        }
        switch (c) {
            case '"': quoted = true; row_has_content = true; break;
            case ',': row.push_back(std::move(field)); field.clear(); row_has_content = true; break;
            case '\r': break;
            case '\n':
                if (row_has_content || !field.empty()) {
                    row.push_back(std::move(field));
                    rows.push_back(std::move(row));
                }
                row.clear();
                field.clear();
                row_has_content = false;
                break;
            default: field.push_back(c); row_has_content = true;
        }
    }
    if (quoted) throw std::invalid_argument("unterminated quoted field");
    if (row_has_content || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace samverkan
