#pragma once
#include <optional>
#include <string>
#include <vector>

#include "governance/consultation.hpp"
#include "governance/decision.hpp"
#include "governance/group_service.hpp"

namespace samverkan::governance {

struct DecisionView {
    Decision decision;
    std::optional<Escalation> escalation;
    std::vector<Consultation> consultations;
    ConsultationCheck consultation;
};

struct NewDecision {
    std::string title;
    std::string matter_type;
    std::optional<long long> amount_sek;
    std::vector<std::string> area_ids;
    std::optional<int> horizon_months;
    bool major = false;
};

class DecisionService {
public:
    DecisionService(db::Database& db, const auth::Authorizer& authz, const org::AreaCatalog& areas,
                    GroupService& groups, int consultation_lead_days)
        : db_(db), authz_(authz), areas_(areas), groups_(groups), lead_days_(consultation_lead_days) {}

    Meeting AddMeeting(const auth::Actor& actor, const std::string& group_id, Meeting meeting);
    std::pair<Meeting, std::vector<DecisionView>> GetMeeting(const auth::Actor& actor, const std::string& id);
    // Records a decision, evaluated against the group's mandate on the meeting's date. Outside the
    // mandate it is escalated at once to the body the rule names (or the group's first committee).
    DecisionView Decide(const auth::Actor& actor, const std::string& meeting_id, const NewDecision& input);
    DecisionView Get(const auth::Actor& actor, const std::string& id);
    // Makes a decision within the mandate final. Conflict when outside the mandate, or when a required
    // consultation is missing, late or open, unless `override_reason` is given by a permitted role.
    DecisionView Finalise(const auth::Actor& actor, const std::string& id, const std::optional<std::string>& override_reason);
    DecisionView RecordOutcome(const auth::Actor& actor, const std::string& escalation_id, const std::string& outcome,
                               const std::string& note, const std::string& decided_on);
    DecisionView OpenConsultation(const auth::Actor& actor, const std::string& decision_id, const std::string& body_id,
                                  const std::string& opened_on);
    DecisionView ConcludeConsultation(const auth::Actor& actor, const std::string& consultation_id,
                                      const std::string& concluded_on, const std::string& outcome);
    int lead_days() const { return lead_days_; }
    ConsultationCheck Check(const Decision& d, const std::vector<Consultation>& consultations) const;

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    DecisionView View(db::Connection& c, const std::string& id) const;
    Group GroupOf(const std::string& group_id);
    db::Database& db_;
    const auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
    GroupService& groups_;
    int lead_days_;
};

}  // namespace samverkan::governance
