#pragma once
#include <optional>
#include <string>

namespace samverkan::org {

// Area kinds: "municipality", "district" (stadsdelsområde), "neighbourhood" (stadsdel), "police_area"
// (lokalpolisområde). Dates are YYYY-MM-DD; valid_to is exclusive and empty while still valid.
struct Area {
    std::string id;
    std::string code;
    std::string name;
    std::string kind;
    std::string valid_from;
    std::optional<std::string> valid_to;

    bool ValidOn(const std::string& date) const { return valid_from <= date && (!valid_to || date < *valid_to); }
};

// A date-valid parent link, e.g. neighbourhood -> district from 2023-07-01.
struct AreaLink {
    std::string child_id;
    std::string parent_id;
    std::string relation;  // "district", "police_area", "municipality"
    std::string valid_from;
    std::optional<std::string> valid_to;

    bool ValidOn(const std::string& date) const { return valid_from <= date && (!valid_to || date < *valid_to); }
};

}  // namespace samverkan::org
