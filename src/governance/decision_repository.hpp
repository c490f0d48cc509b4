#pragma once
// SQL for meetings, decisions, escalations, consultations and the dialogue log.
#include <map>
#include <tuple>
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
    static std::vector<Decision> DecisionsOfMeeting(db::Connection& c, const std::string& meeting_id);
    // Decisions of one group dated within [from, to].
    static std::vector<Decision> DecisionsInPeriod(db::Connection& c, const std::string& group_id, const std::string& from,
                                                   const std::string& to);
    // Decisions that need a political consultation (major, or the rule asks), not rejected, that are
    // still unsettled (proposed or escalated) or dated on or after `since`.
    static std::vector<Decision> NeedingConsultation(db::Connection& c, const std::string& since);
    // Major decisions of a group not yet final or rejected.
    static std::vector<Decision> UpcomingMajor(db::Connection& c, const std::string& group_id);
    // The date of each group's latest meeting on or before `today`.
    static std::map<std::string, std::string> LastMeetings(db::Connection& c, const std::string& today);
    static std::vector<Meeting> MeetingsInPeriod(db::Connection& c, const std::string& group_id, const std::string& from,
                                                 const std::string& to);
    // Escalations without an outcome.
    static std::vector<Escalation> PendingEscalations(db::Connection& c);
    // Escalations of one group's decisions dated within [from, to], with each decision's title.
    static std::vector<std::pair<Escalation, std::string>> EscalationsInPeriod(db::Connection& c, const std::string& group_id,
                                                                               const std::string& from, const std::string& to);
    // The consultations of every decision that needs one, dated within [from, to] (all groups when
    // `group_id` is empty), keyed by decision id: one query instead of one per decision.
    static std::map<std::string, std::vector<Consultation>> ConsultationsOfDecisionsNeedingThem(
        db::Connection& c, const std::string& group_id, const std::string& from, const std::string& to);
    // Title, group and meeting of each decision behind a pending escalation.
    static std::map<std::string, std::tuple<std::string, std::string, std::string>> PendingEscalationDecisions(
        db::Connection& c);
    static void SetStatus(db::Connection& c, const std::string& id, const std::string& status,
                          const std::optional<std::string>& override_reason, bool finalised);

    static void InsertEscalation(db::Connection& c, const Escalation& e);
    static std::optional<Escalation> LoadEscalation(db::Connection& c, const std::string& id);
    static std::optional<Escalation> EscalationOf(db::Connection& c, const std::string& decision_id);
    static void RecordOutcome(db::Connection& c, const Escalation& e);

    static void InsertConsultation(db::Connection& c, const Consultation& k);
    static std::optional<Consultation> LoadConsultation(db::Connection& c, const std::string& id);
    static std::vector<Consultation> Consultations(db::Connection& c, const std::string& decision_id = {});
    static void Conclude(db::Connection& c, const std::string& id, const std::string& on, const std::string& outcome);

    static void InsertDialogue(db::Connection& c, const DialogueEntry& e);
    static std::vector<DialogueEntry> Dialogue(db::Connection& c, const std::string& group_id);
};

}  // namespace samverkan::governance
