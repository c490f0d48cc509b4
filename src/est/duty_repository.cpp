#include "est/duty_repository.hpp"

namespace samverkan::est::DutyRepository {

std::vector<DutyStatus> Duties(db::Connection& c, const std::string& from, const std::string& to,
                               const std::string& iso_week) {
    auto rows = c.Query(
        "SELECT d.user_id, u.username, u.display_name, d.area_id, "
        "(SELECT count(*) FROM incidents i WHERE i.reporter_id = "
        "d.user_id AND i.reported_at >= $1 AND i.reported_at < $2) AS n, "
        "(SELECT count(*) FROM nil_returns z WHERE z.user_id = d.user_id "
        "AND z.iso_week = $3) AS nil "
        "FROM reporting_duties d JOIN users u ON u.id = d.user_id ORDER "
        "BY u.display_name, d.area_id",
        {from, to, iso_week});
    std::vector<DutyStatus> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.push_back({rows.text(i, "user_id"), rows.text(i, "username"), rows.text(i, "display_name"),
                       rows.text(i, "area_id"), static_cast<std::size_t>(rows.integer(i, "n")),
                       rows.integer(i, "nil") > 0});
    return out;
}

std::vector<DutyCandidate> Candidates(db::Connection& c) {
    auto rows = c.Query(
        "SELECT DISTINCT u.id, u.username, u.display_name FROM "
        "users u JOIN grants g ON g.user_id = u.id "
        "WHERE g.role = 'incident_reporter' AND u.disabled = 0 "
        "ORDER BY u.display_name");
    std::vector<DutyCandidate> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.push_back({rows.text(i, "id"), rows.text(i, "username"), rows.text(i, "display_name")});
    return out;
}

bool UserExists(db::Connection& c, const std::string& user_id) {
    return !c.Query("SELECT 1 FROM users WHERE id = $1", {user_id}).empty();
}

bool HasDuty(db::Connection& c, const std::string& user_id, const std::string& area_id) {
    return !c.Query(
                 "SELECT 1 FROM reporting_duties WHERE user_id = $1 AND "
                 "area_id = $2",
                 {user_id, area_id})
                .empty();
}

std::vector<std::string> AreasOf(db::Connection& c, const std::string& user_id) {
    auto rows = c.Query("SELECT area_id FROM reporting_duties WHERE user_id = $1", {user_id});
    std::vector<std::string> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.text(i, "area_id"));
    return out;
}

void InsertDuty(db::Connection& c, const std::string& user_id, const std::string& area_id) {
    c.Query(
        "INSERT INTO reporting_duties (user_id, area_id, created_at) VALUES "
        "($1, $2, $3)",
        {user_id, area_id, c.clock().NowUtc()});
}

bool DeleteDuty(db::Connection& c, const std::string& user_id, const std::string& area_id) {
    return !c.Query(
                 "DELETE FROM reporting_duties WHERE user_id = $1 AND area_id "
                 "= $2 RETURNING user_id",
                 {user_id, area_id})
                .empty();
}

std::size_t ReportsFiled(db::Connection& c, const std::string& user_id, const std::string& from,
                         const std::string& to) {
    return static_cast<std::size_t>(c.Query("SELECT count(*) AS n FROM incidents WHERE reporter_id = $1 AND "
                                            "reported_at >= $2 AND reported_at < $3",
                                            {user_id, from, to})
                                        .integer(0, "n"));
}

bool HasNilReturn(db::Connection& c, const std::string& user_id, const std::string& iso_week) {
    return !c.Query("SELECT 1 FROM nil_returns WHERE user_id = $1 AND iso_week = $2", {user_id, iso_week}).empty();
}

void InsertNilReturn(db::Connection& c, const std::string& user_id, const std::string& iso_week) {
    c.Query(
        "INSERT INTO nil_returns (user_id, iso_week, created_at) VALUES ($1, "
        "$2, $3)",
        {user_id, iso_week, c.clock().NowUtc()});
}

}  // namespace samverkan::est::DutyRepository
