#pragma once
// Meetings, the decisions recorded in them, escalations of decisions outside the mandate, and the
// dialogue log with political bodies.
#include <optional>
#include <string>
#include <vector>

#include "governance/mandate.hpp"

namespace samverkan::governance {

struct Meeting {
    std::string id;
    std::string group_id;
    std::string held_on;
    std::string agenda;
    std::string minutes;
    std::vector<std::string> attendance;  // group member ids
};

struct Decision {
    std::string id;
    std::string meeting_id;
    std::string group_id;
    std::string title;
    DecisionFacts facts;
    bool major = false;
    std::string status;  // proposed, final, escalated, rejected
    Evaluation evaluation;
    std::optional<std::string> consultation_override;
    std::optional<std::string> finalised_at;
};

struct Escalation {
    std::string id;
    std::string decision_id;
    std::string to_id;
    std::string reason;
    std::string created_on;
    std::optional<std::string> outcome;  // approved, rejected, amended
    std::optional<std::string> outcome_note;
    std::optional<std::string> decided_on;
};

struct DialogueEntry {
    std::string id;
    std::string group_id;
    std::string held_on;
    std::string parties;
    std::string topic;
    std::vector<std::string> follow_ups;
};

}  // namespace samverkan::governance
