#pragma once
#include <optional>
#include <string>
#include <vector>

#include "auth/authorizer.hpp"
#include "db/database.hpp"
#include "org/area_catalog.hpp"
#include "org/organisation.hpp"

namespace samverkan::org {

struct NewOrganisation {
    std::string name;
    std::string kind;
    std::optional<std::string> parent_id;
    std::optional<std::string> area_id;
};

class OrganisationService {
public:
    OrganisationService(db::Database& db, const auth::Authorizer& authz, const AreaCatalog& areas)
        : db_(db), authz_(authz), areas_(areas) {}
    std::vector<Organisation> List(const auth::Actor& actor);
    Organisation Get(const auth::Actor& actor, const std::string& id);
    // Throws ValidationError naming the field, Forbidden, or Conflict for a duplicate name and kind.
    Organisation Create(const auth::Actor& actor, const NewOrganisation& input);

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    db::Database& db_;
    const auth::Authorizer& authz_;
    const AreaCatalog& areas_;
};

}  // namespace samverkan::org
