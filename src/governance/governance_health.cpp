#include "governance/governance_health.hpp"

#include <boost/json.hpp>
#include <map>

#include "common/time.hpp"
#include "governance/consultation.hpp"
#include "governance/decision_repository.hpp"
#include "governance/decision_service.hpp"
#include "governance/group_repository.hpp"
#include "governance/reporting_repository.hpp"
#include "governance/reporting_service.hpp"

namespace samverkan::governance {

boost::json::object GovernanceHealth(db::Connection& c, const DecisionService& decisions, const std::string& today) {
    auto orgs = GroupRepository::Organisations(c);
    std::map<std::string, std::string> org_name;
    for (const auto& o : orgs) org_name[o.id] = o.name;
    auto groups = GroupRepository::LoadAll(c);
    std::map<std::string, std::string> group_name;
    boost::json::array breaking, behind;
    auto last_meetings = DecisionRepository::LastMeetings(c, today);
    for (const Group& g : groups) {
        group_name[g.id] = g.name;
        auto problems = CompositionProblems(g, orgs);
        if (!problems.empty()) {
            boost::json::array p;
            for (auto& s : problems) p.push_back(boost::json::value(s));
            breaking.push_back({{"group_id", g.id}, {"group_name", g.name}, {"problems", p}});
        }
        std::string last = last_meetings.count(g.id) ? last_meetings[g.id] : "";
        int allowed = CadenceDays(g.cadence);
        int since = last.empty() ? -1 : DaysBetween(last, today);
        if (last.empty() || since > allowed)
            behind.push_back({{"group_id", g.id}, {"group_name", g.name}, {"cadence", g.cadence},
                              {"last_meeting", last.empty() ? boost::json::value(nullptr) : boost::json::value(last)},
                              {"days_since", since < 0 ? boost::json::value(nullptr) : boost::json::value(since)},
                              {"allowed_days", allowed}});
    }
    boost::json::array pending;
    auto pending_decisions = DecisionRepository::PendingEscalationDecisions(c);
    for (const Escalation& e : DecisionRepository::PendingEscalations(c)) {
        const auto& [title, group_id, meeting_id] = pending_decisions[e.decision_id];
        pending.push_back({{"escalation_id", e.id}, {"decision_id", e.decision_id}, {"meeting_id", meeting_id},
                           {"decision_title", title},
                           {"group_name", group_name[group_id]}, {"to_id", e.to_id}, {"to_name", org_name[e.to_id]},
                           {"created_on", e.created_on}, {"days_pending", DaysBetween(e.created_on, today)},
                           {"reason", e.reason}});
    }
    // Late or missing consultations of the past year, and of any decision not yet settled.
    boost::json::array late;
    std::string year_ago = AddDays(today, -365);
    auto consultations = DecisionRepository::ConsultationsOfDecisionsNeedingThem(c, "", "0001-01-01", "9999-12-31");
    for (const Decision& d : DecisionRepository::NeedingConsultation(c, year_ago)) {
        ConsultationCheck check = decisions.Check(d, consultations[d.id]);
        if (!check.Flagged()) continue;
        late.push_back({{"decision_id", d.id}, {"meeting_id", d.meeting_id}, {"decision_title", d.title},
                        {"group_name", group_name[d.group_id]},
                        {"decision_date", d.facts.decision_date}, {"status", d.status},
                        {"state", check.state == ConsultationState::kMissing ? "missing" : "late"},
                        {"reason", check.reason},
                        {"overridden", d.consultation_override ? boost::json::value(*d.consultation_override) : nullptr}});
    }
    boost::json::array overdue;
    for (const auto& [o, s] : ReportingService::Overdue(c, today))
        overdue.push_back({{"obligation_id", o.id}, {"group_name", group_name[o.group_id]},
                           {"committee_name", org_name[o.committee_id]}, {"period_start", s.period.start},
                           {"period_end", s.period.end}, {"due_on", s.period.due_on},
                           {"report_id", s.report_id ? boost::json::value(*s.report_id) : nullptr},
                           {"days_overdue", DaysBetween(s.period.due_on, today)}});
    boost::json::array follow_ups;
    for (const auto& i : ReportingRepository::OpenItemsDueBefore(c, today))
            follow_ups.push_back({{"id", i.id}, {"report_id", ReportingRepository::ReportOfFeedback(c, i.feedback_id)},
                                  {"request", i.request}, {"owner_name", i.owner_name},
                                  {"owner", org_name[i.owner_id]}, {"due_on", i.due_on}});
    return {{"date", today},
            {"overdue_reports", overdue},
            {"overdue_follow_ups", follow_ups},
            {"groups_breaking_composition", breaking},
            {"pending_escalations", pending},
            {"late_consultations", late},
            {"meetings_behind_cadence", behind}};
}

}  // namespace samverkan::governance
