#pragma once
// SQL for the situation picture's reference data: incident categories, places and the mapping of police event types to
// categories. Callers own the transaction; no rules here (EstService has them).
#include <optional>
#include <string>

#include "db/database.hpp"
#include "est/incident.hpp"

namespace samverkan::est::ReferenceRepository {

struct NextCategorySlot {
    int id = 0, position = 0;
};
// The id and position a new category gets: one past the largest so far.
NextCategorySlot NextCategory(db::Connection& c);
void InsertCategory(db::Connection& c, const Category& category);
// Names and retirement; code and position stay.
void UpdateCategory(db::Connection& c, const Category& category);

// Stamps the row with the connection's clock.
void InsertPlace(db::Connection& c, const Place& place);

// Replaces any mapping of `police_type`.
void SetPoliceMapping(db::Connection& c, const std::string& police_type, int category_id);
// False when there was no mapping to delete.
bool DeletePoliceMapping(db::Connection& c, const std::string& police_type);

}  // namespace samverkan::est::ReferenceRepository
