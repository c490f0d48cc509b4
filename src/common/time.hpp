#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan {

using SysSeconds = std::chrono::sys_seconds;

// UTC time as ISO-8601 with milliseconds and 'Z', the one text form stored and sent.
std::string FormatUtc(std::chrono::system_clock::time_point t);
// The time now comes only from an injected Clock (common/clock.hpp).
// The calendar date `days` after (or before, when negative) a YYYY-MM-DD date.
std::string AddDays(const std::string& iso_date, int days);
// Strict YYYY-MM-DD check (a real calendar date).
bool IsIsoDate(std::string_view s);

}  // namespace samverkan
