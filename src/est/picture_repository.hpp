#pragma once
// SQL for what a situation picture shows beside its figures: the group's note, the safety-survey indicators, and who
// sits in the groups that read it. Callers own the transaction; no rules here.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace samverkan::est {

struct SituationNote {
    std::string area_id, period, analysis;
    std::vector<std::string> focus;
    std::string updated_by, updated_at;
};

struct SafetyIndicator {
    std::string area_id;
    int year = 0;
    std::string indicator;
    double value = 0;
};

namespace PictureRepository {

std::optional<SituationNote> FindNote(db::Connection& c, const std::string& area_id, const std::string& period);
// Replaces the note of the area and period.
void SaveNote(db::Connection& c, const SituationNote& note);

// Every indicator value, newest year first, then by indicator and area.
std::vector<SafetyIndicator> SafetyIndicators(db::Connection& c);
// Replaces the value of each (area, year, indicator).
void SaveSafetyIndicators(db::Connection& c, const std::vector<SafetyIndicator>& values);

// Every group member with a user account: (user id, the group's district or none for citywide groups).
std::vector<std::pair<std::string, std::optional<std::string>>> GroupMembers(db::Connection& c);

}  // namespace PictureRepository
}  // namespace samverkan::est
