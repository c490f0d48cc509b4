#pragma once
// SQL for the weekly reporting duty: who reports for which area, and their nil returns. Callers own the transaction; no
// rules here.
#include <string>
#include <vector>

#include "db/database.hpp"

namespace samverkan::est {

struct DutyStatus {
    std::string user_id, username, display_name, area_id;
    std::size_t incidents = 0;
    bool nil_return = false;
};

// A user who may be given a duty: one with the incident reporter role.
struct DutyCandidate {
    std::string id, username, display_name;
};

namespace DutyRepository {

// Every duty with its reporter's reports filed in [from, to) (instants) and whether `iso_week` has a nil return; by
// reporter name, then area.
std::vector<DutyStatus> Duties(db::Connection& c, const std::string& from, const std::string& to,
                               const std::string& iso_week);
// Enabled users with the incident reporter role, by name.
std::vector<DutyCandidate> Candidates(db::Connection& c);
bool UserExists(db::Connection& c, const std::string& user_id);
bool HasDuty(db::Connection& c, const std::string& user_id, const std::string& area_id);
// The areas the user reports for.
std::vector<std::string> AreasOf(db::Connection& c, const std::string& user_id);
// Stamps the row with the connection's clock.
void InsertDuty(db::Connection& c, const std::string& user_id, const std::string& area_id);
// False when there was no such duty.
bool DeleteDuty(db::Connection& c, const std::string& user_id, const std::string& area_id);

// Reports the user filed in [from, to) (instants).
std::size_t ReportsFiled(db::Connection& c, const std::string& user_id, const std::string& from, const std::string& to);
bool HasNilReturn(db::Connection& c, const std::string& user_id, const std::string& iso_week);
// Stamps the row with the connection's clock.
void InsertNilReturn(db::Connection& c, const std::string& user_id, const std::string& iso_week);

}  // namespace DutyRepository
}  // namespace samverkan::est
