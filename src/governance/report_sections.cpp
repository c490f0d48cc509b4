#include "governance/report_sections.hpp"

#include <map>

#include "governance/consultation.hpp"
#include "governance/decision_repository.hpp"
#include "governance/group_repository.hpp"

namespace samverkan::governance {
namespace {

using reports::ReportContext;
using reports::ReportSection;

bool InPeriod(const std::string& d, const ReportContext& c) { return c.period_start <= d && d <= c.period_end; }

std::string Sek(const std::optional<long long>& v) {
    if (!v) return "–";
    std::string digits = std::to_string(*v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += "\u00a0";
        out += digits[i];
    }
    return out + " kr";
}

std::map<std::string, std::string> OrgNames(db::Connection& c) {
    std::map<std::string, std::string> out;
    for (const auto& o : GroupRepository::Organisations(c)) out[o.id] = o.name;
    return out;
}

class DelegatedDecisions : public reports::ReportSectionProvider {
public:
    std::string Key() const override { return "governance.delegated_decisions"; }
    ReportSection Draft(const ReportContext& c) const override {
        ReportSection s{Key(), "Beslut fattade med stöd av delegation (anmälan av delegationsbeslut)", "", {"Datum", "Beslut", "Ärendetyp", "Belopp"}, {}};
        for (const Decision& d : DecisionRepository::Decisions(c.conn, c.group_id))
            if (d.status == "final" && d.evaluation.within && InPeriod(d.facts.decision_date, c))
                s.rows.push_back({d.facts.decision_date, d.title, d.facts.matter_type, Sek(d.facts.amount_sek)});
        s.body = s.rows.empty() ? "Inga beslut fattades med stöd av delegation under perioden."
                                : (s.rows.size() == 1 ? std::string("Ett") : std::to_string(s.rows.size())) +
                                      " beslut fattades med stöd av delegation under perioden.";
        return s;
    }
};

class Escalations : public reports::ReportSectionProvider {
public:
    std::string Key() const override { return "governance.escalations"; }
    ReportSection Draft(const ReportContext& c) const override {
        ReportSection s{Key(), "Ärenden utanför mandatet (eskaleringar)", "", {"Datum", "Beslut", "Till", "Utfall"}, {}};
        auto names = OrgNames(c.conn);
        std::map<std::string, Decision> decisions;
        for (Decision& d : DecisionRepository::Decisions(c.conn, c.group_id)) decisions[d.id] = std::move(d);
        for (const Escalation& e : DecisionRepository::Escalations(c.conn)) {
            auto d = decisions.find(e.decision_id);
            if (d == decisions.end() || !InPeriod(e.created_on, c)) continue;
            std::string outcome = !e.outcome ? "Väntar på besked"
                                  : *e.outcome == "approved" ? "Godkänt"
                                  : *e.outcome == "rejected" ? "Avslaget"
                                                             : "Ändrat: " + e.outcome_note.value_or("");
            s.rows.push_back({e.created_on, d->second.title, names[e.to_id], outcome});
        }
        s.body = s.rows.empty() ? "Inga ärenden eskalerades under perioden."
                                : s.rows.size() == 1 ? "Ett ärende låg utanför gruppens mandat och eskalerades."
                                : std::to_string(s.rows.size()) + " ärenden låg utanför gruppens mandat och eskalerades.";
        return s;
    }
};

class Consultations : public reports::ReportSectionProvider {
public:
    explicit Consultations(int lead_days) : lead_days_(lead_days) {}
    std::string Key() const override { return "governance.consultations"; }
    ReportSection Draft(const ReportContext& c) const override {
        ReportSection s{Key(), "Politiskt samråd", "", {"Beslut", "Beslutsdatum", "Samråd öppnat", "Avslutat", "Bedömning"}, {}};
        std::map<std::string, std::vector<Consultation>> by_decision;
        for (Consultation& k : DecisionRepository::Consultations(c.conn)) by_decision[k.decision_id].push_back(std::move(k));
        int flagged = 0;
        for (const Decision& d : DecisionRepository::Decisions(c.conn, c.group_id)) {
            bool needed = d.major || d.evaluation.requires_consultation;
            if (!needed || !InPeriod(d.facts.decision_date, c)) continue;
            const auto& ks = by_decision[d.id];
            ConsultationCheck check = CheckConsultation(true, d.facts.decision_date, lead_days_, ks);
            std::string verdict = check.state == ConsultationState::kInGoodTime ? "I god tid"
                                  : check.state == ConsultationState::kOpen     ? "Pågår"
                                  : check.state == ConsultationState::kLate     ? "För sent"
                                                                                : "Saknas";
            if (check.Flagged()) ++flagged;
            if (d.consultation_override) verdict += " (beslutat ändå: " + *d.consultation_override + ")";
            s.rows.push_back({d.title, d.facts.decision_date, ks.empty() ? "–" : ks.front().opened_on,
                              ks.empty() || !ks.front().concluded_on ? "–" : *ks.front().concluded_on, verdict});
        }
        s.body = s.rows.empty() ? "Inga beslut under perioden krävde politiskt samråd."
                 : flagged == 0 ? "Samråd hölls i god tid inför alla beslut som krävde det."
                                : std::to_string(flagged) + " beslut saknade samråd i god tid (minst " +
                                      std::to_string(lead_days_) + " dagar före beslutet).";
        return s;
    }

private:
    int lead_days_;
};

class MeetingsHeld : public reports::ReportSectionProvider {
public:
    std::string Key() const override { return "governance.meetings"; }
    ReportSection Draft(const ReportContext& c) const override {
        ReportSection s{Key(), "Sammanträden", "", {"Datum", "Dagordning"}, {}};
        auto group = GroupRepository::Load(c.conn, c.group_id);
        for (const Meeting& m : DecisionRepository::Meetings(c.conn, c.group_id))
            if (InPeriod(m.held_on, c)) s.rows.push_back({m.held_on, m.agenda.substr(0, m.agenda.find('\n'))});
        int days = DaysBetween(c.period_start, c.period_end) + 1;
        int expected = group ? std::max(1, days / CadenceDays(group->cadence)) : 0;
        s.body = "Gruppen höll " + std::to_string(s.rows.size()) + " sammanträden under perioden; med sin mötesfrekvens (" +
                 (group ? group->cadence : std::string("okänd")) + ") förväntades minst " + std::to_string(expected) + ".";
        return s;
    }
};

class UpcomingMajor : public reports::ReportSectionProvider {
public:
    std::string Key() const override { return "governance.upcoming_major"; }
    ReportSection Draft(const ReportContext& c) const override {
        ReportSection s{Key(), "Kommande större beslut", "", {"Beslut", "Beslutsdatum", "Status"}, {}};
        for (const Decision& d : DecisionRepository::Decisions(c.conn, c.group_id))
            if (d.major && d.status != "final" && d.status != "rejected")
                s.rows.push_back({d.title, d.facts.decision_date, d.status == "escalated" ? "Eskalerat" : "Förslag"});
        s.body = s.rows.empty() ? "Inga större beslut är under beredning." : "Större beslut under beredning, för kännedom och samråd.";
        return s;
    }
};

}  // namespace

void RegisterGovernanceSections(reports::ReportSectionRegistry& registry, int lead_days) {
    registry.Add(std::make_unique<DelegatedDecisions>());
    registry.Add(std::make_unique<Escalations>());
    registry.Add(std::make_unique<Consultations>(lead_days));
    registry.Add(std::make_unique<MeetingsHeld>());
    registry.Add(std::make_unique<UpcomingMajor>());
}

}  // namespace samverkan::governance
