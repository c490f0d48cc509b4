#include "org/organisation.hpp"

#include <array>

namespace samverkan::org {
namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kKinds{{
    {"police_region", "police"},
    {"local_police_area", "police"},
    {"city_executive_office", "city"},
    {"district_committee", "city"},
    {"specialist_committee", "city"},
    {"municipal_company", "city"},
    {"external_actor", "external"},
}};
}  // namespace

bool IsOrganisationKind(std::string_view kind) {
    for (auto& [k, p] : kKinds)
        if (k == kind) return true;
    return false;
}

std::string_view PartyOfKind(std::string_view kind) {
    for (auto& [k, p] : kKinds)
        if (k == kind) return p;
    return "external";
}

}  // namespace samverkan::org
