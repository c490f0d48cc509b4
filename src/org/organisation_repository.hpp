#pragma once
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "org/organisation.hpp"

namespace samverkan::org {

class OrganisationRepository {
public:
    static std::vector<Organisation> List(db::Connection& c);
    static std::optional<Organisation> Find(db::Connection& c, const std::string& id);
    static std::optional<Organisation> FindByName(db::Connection& c, const std::string& name);
    static void Insert(db::Connection& c, const Organisation& o);
    // The organisation followed by its ancestors, nearest first.
    static std::vector<std::string> WithAncestors(db::Connection& c, const std::string& id);
};

}  // namespace samverkan::org
