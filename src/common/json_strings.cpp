#include "common/json_strings.hpp"

#include <boost/json.hpp>
#include <stdexcept>

namespace samverkan {

std::string StringArrayJson(const std::vector<std::string>& values) {
    boost::json::array a;
    for (const auto& s : values) a.push_back(boost::json::value(s));
    return boost::json::serialize(a);
}

std::vector<std::string> ParseStringArray(std::string_view json) {
    // Keep the parsed value alive for the loop: iterating parse(...).as_array() directly would
    // walk a destroyed temporary.
    boost::json::value parsed = boost::json::parse(json);
    if (!parsed.is_array()) throw std::invalid_argument("expected a JSON array of strings");
    std::vector<std::string> out;
    for (const auto& v : parsed.as_array()) {
        if (!v.is_string()) throw std::invalid_argument("expected a JSON array of strings");
        out.emplace_back(v.as_string());
    }
    return out;
}

}  // namespace samverkan
