#pragma once
// Lists of strings stored as JSON arrays in a text column (area ids, attendance, follow-ups).
#include <string>
#include <string_view>
#include <vector>

namespace samverkan {

std::string StringArrayJson(const std::vector<std::string>& values);
// Throws std::invalid_argument when `json` is not an array of strings (a corrupt row).
std::vector<std::string> ParseStringArray(std::string_view json);

}  // namespace samverkan
