#include "est/reference_repository.hpp"

namespace samverkan::est::ReferenceRepository {

NextCategorySlot NextCategory(db::Connection& c) {
    auto next = c.Query(
        "SELECT coalesce(max(id), 0) + 1 AS id, coalesce(max(position), "
        "0) + 1 AS pos FROM incident_categories");
    return {static_cast<int>(next.integer(0, "id")), static_cast<int>(next.integer(0, "pos"))};
}

void InsertCategory(db::Connection& c, const Category& category) {
    c.Query(
        "INSERT INTO incident_categories (id, code, name_sv, name_en, "
        "position) VALUES ($1, $2, $3, $4, $5)",
        {std::to_string(category.id), category.code, category.name_sv, category.name_en,
         std::to_string(category.position)});
}

void UpdateCategory(db::Connection& c, const Category& category) {
    c.Query(
        "UPDATE incident_categories SET name_sv = $2, name_en = $3, "
        "retired_at = $4 WHERE id = $1",
        {std::to_string(category.id), category.name_sv, category.name_en, category.retired_at});
}

void InsertPlace(db::Connection& c, const Place& place) {
    c.Query(
        "INSERT INTO places (id, name, kind, lat, lon, created_at) VALUES "
        "($1, $2, $3, $4, $5, $6)",
        {place.id, place.name, place.kind, std::to_string(place.lat), std::to_string(place.lon), c.clock().NowUtc()});
}

void SetPoliceMapping(db::Connection& c, const std::string& police_type, int category_id) {
    c.Query("DELETE FROM police_type_mappings WHERE police_type = $1", {police_type});
    c.Query(
        "INSERT INTO police_type_mappings (police_type, category_id) VALUES "
        "($1, $2)",
        {police_type, std::to_string(category_id)});
}

bool DeletePoliceMapping(db::Connection& c, const std::string& police_type) {
    return !c.Query(
                 "DELETE FROM police_type_mappings WHERE police_type = $1 "
                 "RETURNING police_type",
                 {police_type})
                .empty();
}

}  // namespace samverkan::est::ReferenceRepository
