#include "est/picture_repository.hpp"

#include <boost/json.hpp>

namespace samverkan::est::PictureRepository {

std::optional<SituationNote> FindNote(db::Connection& c, const std::string& area_id, const std::string& period) {
    auto r = c.Query(
        "SELECT analysis, focus, updated_by, updated_at FROM "
        "situation_notes WHERE area_id = $1 AND period = $2",
        {area_id, period});
    if (r.empty()) return std::nullopt;
    SituationNote n{area_id, period, r.text(0, "analysis"), {}, r.text(0, "updated_by"), r.text(0, "updated_at")};
    auto focus = boost::json::parse(r.text(0, "focus"));
    for (const auto& f : focus.as_array()) n.focus.emplace_back(f.as_string());
    return n;
}

void SaveNote(db::Connection& c, const SituationNote& note) {
    boost::json::array focus;
    for (const auto& s : note.focus) focus.emplace_back(s);
    c.Query("DELETE FROM situation_notes WHERE area_id = $1 AND period = $2", {note.area_id, note.period});
    c.Query(
        "INSERT INTO situation_notes (area_id, period, analysis, focus, "
        "updated_by, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {note.area_id, note.period, note.analysis, boost::json::serialize(focus), note.updated_by, note.updated_at});
}

std::vector<SafetyIndicator> SafetyIndicators(db::Connection& c) {
    auto rows = c.Query(
        "SELECT area_id, year, indicator, value FROM safety_indicators "
        "ORDER BY year DESC, indicator, area_id");
    std::vector<SafetyIndicator> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.push_back({rows.text(i, "area_id"), static_cast<int>(rows.integer(i, "year")), rows.text(i, "indicator"),
                       std::stod(rows.text(i, "value"))});
    return out;
}

void SaveSafetyIndicators(db::Connection& c, const std::vector<SafetyIndicator>& values) {
    for (const auto& g : values) {
        c.Query(
            "DELETE FROM safety_indicators WHERE area_id = $1 AND year = $2 "
            "AND indicator = $3",
            {g.area_id, std::to_string(g.year), g.indicator});
        c.Query(
            "INSERT INTO safety_indicators (area_id, year, indicator, value) "
            "VALUES ($1, $2, $3, $4)",
            {g.area_id, std::to_string(g.year), g.indicator, std::to_string(g.value)});
    }
}

std::vector<std::pair<std::string, std::optional<std::string>>> GroupMembers(db::Connection& c) {
    auto rows = c.Query(
        "SELECT DISTINCT m.user_id, g.district_id FROM "
        "group_members m JOIN groups g ON g.id = m.group_id "
        "WHERE m.user_id IS NOT NULL");
    std::vector<std::pair<std::string, std::optional<std::string>>> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.emplace_back(rows.text(i, "user_id"), rows.at(i, "district_id"));
    return out;
}

}  // namespace samverkan::est::PictureRepository
