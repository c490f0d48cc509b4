#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::org {

struct Organisation {
    std::string id;
    std::string name;
    std::string kind;
    std::optional<std::string> parent_id;
    std::optional<std::string> area_id;
};

// The kinds an organisation can have; false for anything else.
bool IsOrganisationKind(std::string_view kind);
// Which party of the agreement a kind belongs to: "police", "city" or "external".
std::string_view PartyOfKind(std::string_view kind);

}  // namespace samverkan::org
