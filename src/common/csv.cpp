#include "common/csv.hpp"

#include <cstdint>
#include <stdexcept>

namespace samverkan {

std::vector<CsvRow> ParseCsv(std::string_view text, char delimiter) {
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
        if (c == delimiter) {
            row.push_back(std::move(field));
            field.clear();
            row_has_content = true;
            continue;
        }
        switch (c) {
            case '"': quoted = true; row_has_content = true; break;
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

char GuessCsvDelimiter(std::string_view text) {
    std::string_view first = text.substr(0, text.find('\n'));
    std::size_t semi = 0, comma = 0;
    for (char c : first) {
        if (c == ';') ++semi;
        if (c == ',') ++comma;
    }
    return semi > comma ? ';' : ',';
}

bool IsValidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        std::uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        else if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
        else return false;
        if (i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            unsigned char d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

std::string DecodeSpreadsheetText(std::string_view bytes, std::string* encoding) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (IsValidUtf8(bytes)) {
        if (encoding) *encoding = "utf-8";
        return std::string(bytes);
    }
    if (encoding) *encoding = "windows-1252";
    // 0x80-0x9F in Windows-1252; the rest of the upper half is Latin-1.
    static const char16_t kHigh[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                       0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char ch : bytes) {
        unsigned char c = static_cast<unsigned char>(ch);
        std::uint32_t cp = c < 0x80 ? c : (c < 0xA0 ? kHigh[c - 0x80] : c);
        if (cp < 0x80) out.push_back(static_cast<char>(cp));
        else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

void AppendCsvRow(std::string& out, const CsvRow& row, char delimiter) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) out += delimiter;
        const std::string& f = row[i];
        bool quote = f.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string::npos ||
                     (!f.empty() && (f.front() == ' ' || f.back() == ' '));
        if (!quote) {
            out += f;
            continue;
        }
        out += '"';
        for (char c : f) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += "\r\n";
}

}  // namespace samverkan
