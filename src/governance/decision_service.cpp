#include "governance/decision_service.hpp"

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "governance/decision_repository.hpp"
#include "governance/group_repository.hpp"
#include "org/organisation_repository.hpp"

namespace samverkan::governance {
ConsultationCheck DecisionService::Check(const Decision& d, const std::vector<Consultation>& consultations) const {
    return CheckConsultation(d.major || d.evaluation.requires_consultation, d.facts.decision_date, lead_days_, consultations);
}

DecisionView DecisionService::View(db::Connection& c, const std::string& id) const {
    auto d = DecisionRepository::LoadDecision(c, id);
    if (!d) throw NotFoundError("No decision with id " + id + ".");
    DecisionView v{*d, DecisionRepository::EscalationOf(c, id), DecisionRepository::Consultations(c, id), {}};
    v.consultation = Check(v.decision, v.consultations);
    return v;
}

Group DecisionService::GroupOf(const std::string& group_id) {
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto g = GroupRepository::Load(*c, group_id);
    if (!g) throw NotFoundError("No group with id " + group_id + ".");
    return *g;
}

Meeting DecisionService::AddMeeting(const auth::Actor& actor, const std::string& group_id, Meeting m) {
    Group g = GroupOf(group_id);
    if (!IsIsoDate(m.held_on)) throw ValidationError("held_on must be a date as YYYY-MM-DD", "held_on");
    for (std::size_t i = 0; i < m.attendance.size(); ++i) {
        if (std::find(m.attendance.begin(), m.attendance.begin() + i, m.attendance[i]) != m.attendance.begin() + i)
            throw ValidationError("Member " + m.attendance[i] + " is listed twice.", "attendance[" + std::to_string(i) + "]");
        bool known = false;
        for (const auto& member : g.members) known = known || member.id == m.attendance[i];
        if (!known)
            throw ValidationError("No member of this group has id " + m.attendance[i] + ".",
                                  "attendance[" + std::to_string(i) + "]");
    }
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));
    m.id = NewUuid();
    m.group_id = group_id;
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        DecisionRepository::InsertMeeting(c, m);
        audit::Append(c, audit::ByActor(actor, "meeting.create", "meeting", m.id,
                                        {{"group_id", group_id}, {"held_on", m.held_on}, {"attendance", m.attendance.size()}}));
    });
    return m;
}

std::pair<Meeting, std::vector<DecisionView>> DecisionService::GetMeeting(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadGovernance, {"meeting", id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto m = DecisionRepository::LoadMeeting(*c, id);
    if (!m) throw NotFoundError("No meeting with id " + id + ".");
    std::vector<DecisionView> decisions;
    for (const Decision& d : DecisionRepository::DecisionsOfMeeting(*c, id)) decisions.push_back(View(*c, d.id));
    return {*m, decisions};
}

DecisionView DecisionService::Decide(const auth::Actor& actor, const std::string& meeting_id, const NewDecision& in) {
    if (in.title.empty() || in.title.size() > 300) throw ValidationError("title must be 1 to 300 bytes", "title");
    ValidateMatterType(in.matter_type);
    if (in.amount_sek && *in.amount_sek < 0) throw ValidationError("amount_sek must not be negative", "amount_sek");
    if (in.horizon_months && *in.horizon_months <= 0) throw ValidationError("horizon_months must be positive", "horizon_months");
    for (std::size_t i = 0; i < in.area_ids.size(); ++i)
        if (!areas_.Get(in.area_ids[i]))
            throw ValidationError("No area with id " + in.area_ids[i] + ".", "area_ids[" + std::to_string(i) + "]");
    std::optional<Meeting> meeting;
    std::vector<DelegationRule> rules;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        meeting = DecisionRepository::LoadMeeting(*c, meeting_id);
        if (!meeting) throw NotFoundError("No meeting with id " + meeting_id + ".");
        rules = GroupRepository::Rules(*c, meeting->group_id);
    }
    Group g = GroupOf(meeting->group_id);
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));

    Decision d;
    d.id = NewUuid();
    d.meeting_id = meeting_id;
    d.group_id = g.id;
    d.title = in.title;
    d.facts = {in.matter_type, in.amount_sek, in.area_ids, in.horizon_months, meeting->held_on};
    d.major = in.major;
    std::string date = meeting->held_on;
    d.evaluation = EvaluateAgainstMandate(d.facts, rules, [&](const std::string& rule_area, const std::string& area) {
        for (const std::string& a : areas_.WithAncestors(area, date))
            if (a == rule_area) return true;
        return false;
    });
    std::optional<Escalation> escalation;
    if (d.evaluation.within) {
        d.status = "proposed";
    } else {
        std::optional<std::string> to = d.evaluation.escalate_to_id;
        if (!to && !g.committee_ids.empty()) to = g.committee_ids.front();
        if (!to)
            throw ConflictError("The decision is outside the mandate and the group names no body to escalate to; "
                                "add a delegation rule or a committee the group reports to.");
        d.status = "escalated";
        std::string reason;
        for (const auto& r : d.evaluation.reasons) reason += (reason.empty() ? "" : " ") + r;
        escalation = Escalation{NewUuid(), d.id, *to, reason, db_.clock().TodayStockholm(), {}, {}, {}};
    }
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        DecisionRepository::InsertDecision(c, d);
        boost::json::object detail{{"meeting_id", meeting_id}, {"title", d.title}, {"matter_type", d.facts.matter_type},
                                   {"within_mandate", d.evaluation.within}, {"status", d.status}};
        if (escalation) {
            DecisionRepository::InsertEscalation(c, *escalation);
            detail["escalated_to"] = escalation->to_id;
        }
        audit::Append(c, audit::ByActor(actor, "decision.create", "decision", d.id, detail));
        return View(c, d.id);
    });
}

DecisionView DecisionService::Get(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadGovernance, {"decision", id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return View(*c, id);
}

DecisionView DecisionService::Finalise(const auth::Actor& actor, const std::string& id,
                                       const std::optional<std::string>& override_reason) {
    DecisionView v = Get(actor, id);
    Group g = GroupOf(v.decision.group_id);
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));
    if (v.decision.status != "proposed")
        throw ConflictError("Only a proposed decision can be made final; this one is " + v.decision.status + ".");
    if (!v.decision.evaluation.within)
        throw ConflictError("The decision is outside the group's mandate and cannot be made final here.");
    if (v.consultation.BlocksFinalising()) {
        if (!override_reason || override_reason->empty())
            throw ConflictError(ErrorCode("decision.consultation_not_in_time"),
                                v.consultation.reason + " Give an override reason to finalise all the same.");
        auth::Resource res = groups_.ResourceFor(g);
        res.type = "decision";
        res.id = id;
        authz_.Require(actor, auth::Action::kOverrideConsultation, res);
    }
    bool overridden = v.consultation.BlocksFinalising();
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("decision:" + id);
        if (auto now = DecisionRepository::LoadDecision(c, id); !now || now->status != "proposed")
            throw ConflictError("The decision changed meanwhile; it is no longer proposed.");
        DecisionRepository::SetStatus(c, id, "final", overridden ? override_reason : std::nullopt, true);
        boost::json::object detail{{"from", "proposed"}, {"to", "final"}};
        if (overridden) {
            detail["consultation_override"] = *override_reason;
            detail["consultation_state"] = v.consultation.reason;
        }
        audit::Append(c, audit::ByActor(actor, "decision.finalise", "decision", id, detail));
        return View(c, id);
    });
}

DecisionView DecisionService::RecordOutcome(const auth::Actor& actor, const std::string& escalation_id,
                                            const std::string& outcome, const std::string& note,
                                            const std::string& decided_on) {
    if (outcome != "approved" && outcome != "rejected" && outcome != "amended")
        throw ValidationError("outcome must be approved, rejected or amended", "outcome");
    if (!IsIsoDate(decided_on)) throw ValidationError("decided_on must be a date as YYYY-MM-DD", "decided_on");
    if (outcome == "amended" && note.empty()) throw ValidationError("an amended outcome needs a note saying how", "note");
    std::optional<Escalation> e;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        e = DecisionRepository::LoadEscalation(*c, escalation_id);
    }
    if (!e) throw NotFoundError("No escalation with id " + escalation_id + ".");
    std::optional<Decision> decided;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        decided = DecisionRepository::LoadDecision(*c, e->decision_id);
    }
    auth::Resource res = groups_.ResourceFor(GroupOf(decided->group_id));
    res.type = "escalation";
    res.id = escalation_id;
    authz_.Require(actor, auth::Action::kRecordEscalationOutcome, res);
    if (e->outcome) throw ConflictError("The escalation already has an outcome (" + *e->outcome + ").");
    e->outcome = outcome;
    e->outcome_note = note;
    e->decided_on = decided_on;
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("decision:" + e->decision_id);
        if (auto now = DecisionRepository::LoadEscalation(c, escalation_id); now && now->outcome)
            throw ConflictError("The escalation already has an outcome (" + *now->outcome + ").");
        DecisionRepository::RecordOutcome(c, *e);
        // The body's answer closes the loop: approved or amended makes the decision final, rejected ends it.
        DecisionRepository::SetStatus(c, e->decision_id, outcome == "rejected" ? "rejected" : "final", std::nullopt,
                                      outcome != "rejected");
        audit::Append(c, audit::ByActor(actor, "escalation.outcome", "escalation", escalation_id,
                                        {{"decision_id", e->decision_id}, {"outcome", outcome}, {"note", note},
                                         {"decided_on", decided_on}}));
        return View(c, e->decision_id);
    });
}

DecisionView DecisionService::OpenConsultation(const auth::Actor& actor, const std::string& decision_id,
                                               const std::string& body_id, const std::string& opened_on) {
    if (!IsIsoDate(opened_on)) throw ValidationError("opened_on must be a date as YYYY-MM-DD", "opened_on");
    DecisionView v = Get(actor, decision_id);
    Group g = GroupOf(v.decision.group_id);
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));
    if (v.decision.status == "final" || v.decision.status == "rejected")
        throw ConflictError("The decision is already " + v.decision.status + ".");
    Consultation k{NewUuid(), decision_id, body_id, opened_on, std::nullopt, ""};
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (!org::OrganisationRepository::Find(c, body_id))
            throw ValidationError("No organisation with id " + body_id + ".", "body_id");
        DecisionRepository::InsertConsultation(c, k);
        audit::Append(c, audit::ByActor(actor, "consultation.open", "consultation", k.id,
                                        {{"decision_id", decision_id}, {"body_id", body_id}, {"opened_on", opened_on}}));
        return View(c, decision_id);
    });
}

DecisionView DecisionService::ConcludeConsultation(const auth::Actor& actor, const std::string& consultation_id,
                                                   const std::string& concluded_on, const std::string& outcome) {
    if (!IsIsoDate(concluded_on)) throw ValidationError("concluded_on must be a date as YYYY-MM-DD", "concluded_on");
    std::optional<Consultation> k;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        k = DecisionRepository::LoadConsultation(*c, consultation_id);
    }
    if (!k) throw NotFoundError("No consultation with id " + consultation_id + ".");
    if (k->concluded_on) throw ConflictError("The consultation was already concluded on " + *k->concluded_on + ".");
    if (concluded_on < k->opened_on) throw ValidationError("concluded_on is before the consultation opened", "concluded_on");
    DecisionView v = Get(actor, k->decision_id);
    Group g = GroupOf(v.decision.group_id);
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("decision:" + k->decision_id);
        if (auto now = DecisionRepository::LoadConsultation(c, consultation_id); now && now->concluded_on)
            throw ConflictError("The consultation was already concluded on " + *now->concluded_on + ".");
        DecisionRepository::Conclude(c, consultation_id, concluded_on, outcome);
        audit::Append(c, audit::ByActor(actor, "consultation.conclude", "consultation", consultation_id,
                                        {{"decision_id", k->decision_id}, {"concluded_on", concluded_on}, {"outcome", outcome}}));
        return View(c, k->decision_id);
    });
}

}  // namespace samverkan::governance
