#include "governance/decision_repository.hpp"

#include <boost/json.hpp>

#include "common/json_strings.hpp"
#include "common/time.hpp"

namespace samverkan::governance {
namespace {

std::optional<std::string> OptNumber(const std::optional<long long>& v) {
    return v ? std::optional(std::to_string(*v)) : std::nullopt;
}

std::string EvaluationJson(const Evaluation& e) {
    boost::json::array reasons;
    for (const auto& r : e.reasons) reasons.push_back(boost::json::value(r));
    return boost::json::serialize(boost::json::object{
        {"within", e.within},
        {"rule_id", e.rule_id ? boost::json::value(*e.rule_id) : nullptr},
        {"escalate_to_id", e.escalate_to_id ? boost::json::value(*e.escalate_to_id) : nullptr},
        {"requires_consultation", e.requires_consultation},
        {"reasons", reasons}});
}

Evaluation EvaluationFrom(const std::string& s) {
    auto o = boost::json::parse(s).as_object();
    Evaluation e;
    e.within = o.at("within").as_bool();
    if (o.at("rule_id").is_string()) e.rule_id = std::string(o.at("rule_id").as_string());
    if (o.at("escalate_to_id").is_string()) e.escalate_to_id = std::string(o.at("escalate_to_id").as_string());
    e.requires_consultation = o.at("requires_consultation").as_bool();
    for (const auto& r : o.at("reasons").as_array()) e.reasons.emplace_back(r.as_string());
    return e;
}

constexpr const char* kDecisionColumns =
    "SELECT id, meeting_id, group_id, title, matter_type, amount_sek, area_ids, horizon_months, decision_date, major, "
    "status, evaluation, consultation_override, finalised_at FROM decisions ";

std::vector<Decision> DecisionsFrom(const db::Result& r) {
    std::vector<Decision> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        Decision d;
        d.id = r.text(i, "id");
        d.meeting_id = r.text(i, "meeting_id");
        d.group_id = r.text(i, "group_id");
        d.title = r.text(i, "title");
        d.facts.matter_type = r.text(i, "matter_type");
        if (auto v = r.at(i, "amount_sek")) d.facts.amount_sek = std::stoll(*v);
        d.facts.area_ids = ParseStringArray(r.text(i, "area_ids"));
        if (auto v = r.at(i, "horizon_months")) d.facts.horizon_months = std::stoi(*v);
        d.facts.decision_date = r.text(i, "decision_date");
        d.major = r.integer(i, "major") != 0;
        d.status = r.text(i, "status");
        d.evaluation = EvaluationFrom(r.text(i, "evaluation"));
        d.consultation_override = r.at(i, "consultation_override");
        d.finalised_at = r.at(i, "finalised_at");
        out.push_back(std::move(d));
    }
    return out;
}

constexpr const char* kEscalationColumns =
    "SELECT id, decision_id, to_id, reason, created_on, outcome, outcome_note, decided_on FROM escalations ";

std::vector<Escalation> EscalationsFrom(const db::Result& r) {
    std::vector<Escalation> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "decision_id"), r.text(i, "to_id"), r.text(i, "reason"),
                       r.text(i, "created_on"), r.at(i, "outcome"), r.at(i, "outcome_note"), r.at(i, "decided_on")});
    return out;
}

constexpr const char* kConsultationColumns =
    "SELECT id, decision_id, body_id, opened_on, concluded_on, outcome FROM consultations ";

std::vector<Meeting> MeetingsFrom(const db::Result& r) {
    std::vector<Meeting> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "group_id"), r.text(i, "held_on"), r.text(i, "agenda"),
                       r.text(i, "minutes"), ParseStringArray(r.text(i, "attendance"))});
    return out;
}

std::vector<Consultation> ConsultationsFrom(const db::Result& r) {
    std::vector<Consultation> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "decision_id"), r.text(i, "body_id"), r.text(i, "opened_on"),
                       r.at(i, "concluded_on"), r.text(i, "outcome")});
    return out;
}

}  // namespace

void DecisionRepository::InsertMeeting(db::Connection& c, const Meeting& m) {
    c.Query("INSERT INTO meetings (id, group_id, held_on, agenda, minutes, attendance) VALUES ($1, $2, $3, $4, $5, $6)",
            {m.id, m.group_id, m.held_on, m.agenda, m.minutes, StringArrayJson(m.attendance)});
}

std::vector<Meeting> DecisionRepository::Meetings(db::Connection& c, const std::string& group_id) {
    return MeetingsFrom(c.Query("SELECT id, group_id, held_on, agenda, minutes, attendance FROM meetings "
                                "WHERE group_id = $1 ORDER BY held_on",
                                {group_id}));
}

std::optional<Meeting> DecisionRepository::LoadMeeting(db::Connection& c, const std::string& id) {
    db::Result r = c.Query("SELECT group_id FROM meetings WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    for (Meeting& m : Meetings(c, r.text(0, "group_id")))
        if (m.id == id) return std::move(m);
    return std::nullopt;
}

void DecisionRepository::InsertDecision(db::Connection& c, const Decision& d) {
    c.Query("INSERT INTO decisions (id, meeting_id, group_id, title, matter_type, amount_sek, area_ids, horizon_months, "
            "decision_date, major, status, within_mandate, evaluation, created_at, requires_consultation) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            {d.id, d.meeting_id, d.group_id, d.title, d.facts.matter_type, OptNumber(d.facts.amount_sek),
             StringArrayJson(d.facts.area_ids),
             d.facts.horizon_months ? std::optional(std::to_string(*d.facts.horizon_months)) : std::nullopt,
             d.facts.decision_date, d.major ? "1" : "0", d.status, d.evaluation.within ? "1" : "0",
             EvaluationJson(d.evaluation), c.clock().NowUtc(), d.major || d.evaluation.requires_consultation ? "1" : "0"});
}

std::optional<Decision> DecisionRepository::LoadDecision(db::Connection& c, const std::string& id) {
    auto v = DecisionsFrom(c.Query(std::string(kDecisionColumns) + "WHERE id = $1", {id}));
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::vector<Decision> DecisionRepository::DecisionsOfMeeting(db::Connection& c, const std::string& meeting_id) {
    return DecisionsFrom(c.Query(std::string(kDecisionColumns) + "WHERE meeting_id = $1 ORDER BY created_at", {meeting_id}));
}

std::vector<Decision> DecisionRepository::DecisionsInPeriod(db::Connection& c, const std::string& group_id,
                                                           const std::string& from, const std::string& to) {
    return DecisionsFrom(c.Query(std::string(kDecisionColumns) +
                                     "WHERE group_id = $1 AND decision_date >= $2 AND decision_date <= $3 "
                                     "ORDER BY decision_date, created_at",
                                 {group_id, from, to}));
}

std::vector<Decision> DecisionRepository::NeedingConsultation(db::Connection& c, const std::string& since) {
    return DecisionsFrom(c.Query(std::string(kDecisionColumns) +
                                     "WHERE requires_consultation = 1 AND status <> 'rejected' "
                                     "AND (decision_date >= $1 OR status IN ('proposed', 'escalated')) ORDER BY decision_date",
                                 {since}));
}

std::vector<Decision> DecisionRepository::UpcomingMajor(db::Connection& c, const std::string& group_id) {
    return DecisionsFrom(c.Query(std::string(kDecisionColumns) +
                                     "WHERE group_id = $1 AND major = 1 AND status IN ('proposed', 'escalated') "
                                     "ORDER BY decision_date",
                                 {group_id}));
}

std::map<std::string, std::string> DecisionRepository::LastMeetings(db::Connection& c, const std::string& today) {
    db::Result r = c.Query("SELECT group_id, MAX(held_on) AS last FROM meetings WHERE held_on <= $1 GROUP BY group_id",
                           {today});
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < r.size(); ++i) out[r.text(i, "group_id")] = r.text(i, "last");
    return out;
}

std::vector<Meeting> DecisionRepository::MeetingsInPeriod(db::Connection& c, const std::string& group_id,
                                                          const std::string& from, const std::string& to) {
    return MeetingsFrom(c.Query("SELECT id, group_id, held_on, agenda, minutes, attendance FROM meetings "
                                "WHERE group_id = $1 AND held_on >= $2 AND held_on <= $3 ORDER BY held_on",
                                {group_id, from, to}));
}

std::vector<Escalation> DecisionRepository::PendingEscalations(db::Connection& c) {
    return EscalationsFrom(c.Query(std::string(kEscalationColumns) + "WHERE outcome IS NULL ORDER BY created_on, id"));
}

std::vector<std::pair<Escalation, std::string>> DecisionRepository::EscalationsInPeriod(db::Connection& c,
                                                                                       const std::string& group_id,
                                                                                       const std::string& from,
                                                                                       const std::string& to) {
    db::Result r = c.Query(
        "SELECT e.id, e.decision_id, e.to_id, e.reason, e.created_on, e.outcome, e.outcome_note, e.decided_on, d.title "
        "FROM escalations e JOIN decisions d ON d.id = e.decision_id "
        "WHERE d.group_id = $1 AND d.decision_date >= $2 AND d.decision_date <= $3 ORDER BY e.created_on, e.id",
        {group_id, from, to});
    std::vector<std::pair<Escalation, std::string>> out;
    auto escalations = EscalationsFrom(r);
    for (std::size_t i = 0; i < escalations.size(); ++i) out.emplace_back(std::move(escalations[i]), r.text(i, "title"));
    return out;
}

std::map<std::string, std::vector<Consultation>> DecisionRepository::ConsultationsOfDecisionsNeedingThem(
    db::Connection& c, const std::string& group_id, const std::string& from, const std::string& to) {
    db::Result r = c.Query(
        "SELECT k.id, k.decision_id, k.body_id, k.opened_on, k.concluded_on, k.outcome FROM consultations k "
        "JOIN decisions d ON d.id = k.decision_id WHERE d.requires_consultation = 1 "
        "AND ($1 = '' OR d.group_id = $1) AND d.decision_date >= $2 AND d.decision_date <= $3 ORDER BY k.opened_on",
        {group_id, from, to});
    std::map<std::string, std::vector<Consultation>> out;
    for (Consultation& k : ConsultationsFrom(r)) out[k.decision_id].push_back(std::move(k));
    return out;
}

std::map<std::string, std::tuple<std::string, std::string, std::string>> DecisionRepository::PendingEscalationDecisions(
    db::Connection& c) {
    db::Result r = c.Query("SELECT d.id, d.title, d.group_id, d.meeting_id FROM escalations e "
                           "JOIN decisions d ON d.id = e.decision_id WHERE e.outcome IS NULL");
    std::map<std::string, std::tuple<std::string, std::string, std::string>> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out[r.text(i, "id")] = {r.text(i, "title"), r.text(i, "group_id"), r.text(i, "meeting_id")};
    return out;
}

void DecisionRepository::SetStatus(db::Connection& c, const std::string& id, const std::string& status,
                                   const std::optional<std::string>& override_reason, bool finalised) {
    c.Query("UPDATE decisions SET status = $2, consultation_override = COALESCE($3, consultation_override), "
            "finalised_at = CASE WHEN $4 = '1' THEN $5 ELSE finalised_at END WHERE id = $1",
            {id, status, override_reason, finalised ? "1" : "0", c.clock().NowUtc()});
}

void DecisionRepository::InsertEscalation(db::Connection& c, const Escalation& e) {
    c.Query("INSERT INTO escalations (id, decision_id, to_id, reason, created_on) VALUES ($1, $2, $3, $4, $5)",
            {e.id, e.decision_id, e.to_id, e.reason, e.created_on});
}

std::optional<Escalation> DecisionRepository::LoadEscalation(db::Connection& c, const std::string& id) {
    auto v = EscalationsFrom(c.Query(std::string(kEscalationColumns) + "WHERE id = $1", {id}));
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::optional<Escalation> DecisionRepository::EscalationOf(db::Connection& c, const std::string& decision_id) {
    auto v = EscalationsFrom(c.Query(std::string(kEscalationColumns) + "WHERE decision_id = $1", {decision_id}));
    if (v.empty()) return std::nullopt;
    return v.front();
}

void DecisionRepository::RecordOutcome(db::Connection& c, const Escalation& e) {
    c.Query("UPDATE escalations SET outcome = $2, outcome_note = $3, decided_on = $4 WHERE id = $1",
            {e.id, e.outcome, e.outcome_note, e.decided_on});
}

void DecisionRepository::InsertConsultation(db::Connection& c, const Consultation& k) {
    c.Query("INSERT INTO consultations (id, decision_id, body_id, opened_on, concluded_on, outcome) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {k.id, k.decision_id, k.body_id, k.opened_on, k.concluded_on, k.outcome});
}

std::optional<Consultation> DecisionRepository::LoadConsultation(db::Connection& c, const std::string& id) {
    auto v = ConsultationsFrom(c.Query(std::string(kConsultationColumns) + "WHERE id = $1", {id}));
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<Consultation> DecisionRepository::Consultations(db::Connection& c, const std::string& decision_id) {
    if (decision_id.empty()) return ConsultationsFrom(c.Query(std::string(kConsultationColumns) + "ORDER BY opened_on"));
    return ConsultationsFrom(
        c.Query(std::string(kConsultationColumns) + "WHERE decision_id = $1 ORDER BY opened_on", {decision_id}));
}

void DecisionRepository::Conclude(db::Connection& c, const std::string& id, const std::string& on,
                                  const std::string& outcome) {
    c.Query("UPDATE consultations SET concluded_on = $2, outcome = $3 WHERE id = $1", {id, on, outcome});
}

void DecisionRepository::InsertDialogue(db::Connection& c, const DialogueEntry& e) {
    c.Query("INSERT INTO dialogue_entries (id, group_id, held_on, parties, topic, follow_ups) VALUES ($1, $2, $3, $4, $5, $6)",
            {e.id, e.group_id, e.held_on, e.parties, e.topic, StringArrayJson(e.follow_ups)});
}

std::vector<DialogueEntry> DecisionRepository::Dialogue(db::Connection& c, const std::string& group_id) {
    db::Result r = c.Query("SELECT id, group_id, held_on, parties, topic, follow_ups FROM dialogue_entries "
                           "WHERE group_id = $1 ORDER BY held_on DESC",
                           {group_id});
    std::vector<DialogueEntry> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "group_id"), r.text(i, "held_on"), r.text(i, "parties"),
                       r.text(i, "topic"), ParseStringArray(r.text(i, "follow_ups"))});
    return out;
}

}  // namespace samverkan::governance
