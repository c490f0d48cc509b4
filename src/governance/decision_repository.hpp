#pragma once
// SQL for meetings, decisions, escalations, consultations and the dialogue log.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "governance/consultation.hpp"
#include "governance/decision.hpp"

namespace samverkan::governance {

class DecisionRepository {
public:
    static void InsertMeeting(db::Connection& c, const Meeting& m);
    static std::optional<Meeting> LoadMeeting(db::Connection& c, const std::string& id);
    static std::vector<Meeting> Meetings(db::Connection& c, const std::string& group_id);

    static void InsertDecision(db::Connection& c, const Decision& d);
    static std::optional<Decision> LoadDecision(db::Connection& c, const std::string& id);
    // Decisions of a group (or every group when empty), optionally of one meeting.
    static std::vector<Decision> Decisions(db::Connection& c, const std::string& group_id = {},
                                           const std::string& meeting_id = {});
    static void SetStatus(db::Connection& c, const std::string& id, const std::string& status,
                          const std::optional<std::string>& override_reason, bool finalised);

    static void InsertEscalation(db::Connection& c, const Escalation& e);
    static std::optional<Escalation> LoadEscalation(db::Connection& c, const std::string& id);
    static std::optional<Escalation> EscalationOf(db::Connection& c, const std::string& decision_id);
    static std::vector<Escalation> Escalations(db::Connection& c);
    static void RecordOutcome(db::Connection& c, const Escalation& e);

    static void InsertConsultation(db::Connection& c, const Consultation& k);
    static std::optional<Consultation> LoadConsultation(db::Connection& c, const std::string& id);
    static std::vector<Consultation> Consultations(db::Connection& c, const std::string& decision_id = {});
    static void Conclude(db::Connection& c, const std::string& id, const std::string& on, const std::string& outcome);

    static void InsertDialogue(db::Connection& c, const DialogueEntry& e);
    static std::vector<DialogueEntry> Dialogue(db::Connection& c, const std::string& group_id);
};

}  // namespace samverkan::governance
