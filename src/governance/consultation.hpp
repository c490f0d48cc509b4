#pragma once
// Political consultation (samråd) before major decisions: opened at least `lead_days` before the
// decision date and concluded before the decision is final.
#include <optional>
#include <string>
#include <vector>

namespace samverkan::governance {

struct Consultation {
    std::string id;
    std::string decision_id;
    std::string body_id;
    std::string opened_on;
    std::optional<std::string> concluded_on;
    std::string outcome;
};

enum class ConsultationState { kNotNeeded, kMissing, kLate, kOpen, kInGoodTime };

struct ConsultationCheck {
    ConsultationState state;
    std::string reason;
    bool BlocksFinalising() const { return state == ConsultationState::kMissing || state == ConsultationState::kLate || state == ConsultationState::kOpen; }
    bool Flagged() const { return state == ConsultationState::kMissing || state == ConsultationState::kLate; }
};

// Judges the consultations of one decision. Late means opened fewer than `lead_days` days before the
// decision date (or after it); open means not yet concluded.
ConsultationCheck CheckConsultation(bool needed, const std::string& decision_date, int lead_days,
                                    const std::vector<Consultation>& consultations);

// Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier.
int DaysBetween(const std::string& from, const std::string& to);

}  // namespace samverkan::governance
