#pragma once
// Small helpers for building JSON answers: optional values as null, string lists as arrays.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::http {

inline boost::json::value Nullable(const std::optional<std::string>& s) {
    return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

template <typename T>
boost::json::value NullableNumber(const std::optional<T>& n) {
    return n ? boost::json::value(*n) : boost::json::value(nullptr);
}

inline boost::json::array Strings(const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& s : v) a.push_back(boost::json::value(s));
    return a;
}

}  // namespace samverkan::http
