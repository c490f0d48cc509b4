#pragma once
// Field checks shared by the plans' JSON and CSV paths: each failure is a ValidationError naming the field.
#include <string>

#include "common/errors.hpp"
#include "est/calendar.hpp"

namespace samverkan::plans {

inline est::Day RequireDay(const std::string& text, const std::string& field) {
    auto d = est::ParseDay(text);
    if (!d) throw ValidationError(field + " '" + text + "' is not a date like 2026-11-27.", field);
    return *d;
}

inline std::string CheckedDay(const std::string& text, const std::string& field) {
    return est::FormatDay(RequireDay(text, field));
}

// Length in characters, not bytes (Swedish letters are two bytes each).
inline void RequireLength(const std::string& s, std::size_t max, const std::string& field, bool required) {
    if (required && s.empty()) throw ValidationError(field + " is required.", field);
    std::size_t chars = 0;
    for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80;
    if (chars > max) throw ValidationError(field + " is longer than " + std::to_string(max) + " characters.", field);
}

}  // namespace samverkan::plans
