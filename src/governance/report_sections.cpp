#include "governance/report_sections.hpp"

#include <map>

#include "governance/consultation.hpp"
#include "governance/decision_repository.hpp"
#include "governance/group_repository.hpp"

namespace samverkan::governance {
namespace {

using reports::ReportContext;
using reports::ReportSection;

std::string Sek(const std::optional<long long>& v) {
    if (!v) return "–";
    std::string digits = std::to_string(*v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += "\u00a0";
        out += digits[i];
    }
    return out + " kr";
}

// The committee reads Swedish: known matter types and cadences in words, others as recorded.
std::string MatterTypeSv(const std::string& t) {
    static const std::map<std::string, std::string> kNames = {
        {"measure", "Åtgärd"}, {"resource_allocation", "Resursfördelning"}, {"communication", "Kommunikation"},
        {"budget", "Budget"}, {"goals", "Mål"}, {"direction", "Inriktning"}, {"scope", "Omfattning"}};
    auto it = kNames.find(t);
    return it == kNames.end() ? t : it->second;
}

std::string CadenceSv(const std::string& c) {
    static const std::map<std::string, std::string> kNames = {
        {"weekly", "varje vecka"}, {"biweekly", "varannan vecka"}, {"monthly", "varje månad"},
        {"quarterly", "varje kvartal"}, {"tertial", "varje tertial"}, {"yearly", "varje år"}};
    auto it = kNames.find(c);
    return it == kNames.end() ? c : it->second;
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
        for (const Decision& d : DecisionRepository::DecisionsInPeriod(c.conn, c.group_id, c.period_start, c.period_end))
            if (d.status == "final" && d.evaluation.within)
                s.rows.push_back({d.facts.decision_date, d.title, MatterTypeSv(d.facts.matter_type), Sek(d.facts.amount_sek)});
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
        for (const auto& [e, title] :
             DecisionRepository::EscalationsInPeriod(c.conn, c.group_id, c.period_start, c.period_end)) {
            std::string outcome = !e.outcome ? "Väntar på besked"
                                  : *e.outcome == "approved" ? "Godkänt"
                                  : *e.outcome == "rejected" ? "Avslaget"
                                                             : "Ändrat: " + e.outcome_note.value_or("");
            s.rows.push_back({e.created_on, title, names[e.to_id], outcome});
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
        int flagged = 0;
        auto consultations =
            DecisionRepository::ConsultationsOfDecisionsNeedingThem(c.conn, c.group_id, c.period_start, c.period_end);
        for (const Decision& d : DecisionRepository::DecisionsInPeriod(c.conn, c.group_id, c.period_start, c.period_end)) {
            bool needed = d.major || d.evaluation.requires_consultation;
            if (!needed) continue;
            const auto& ks = consultations[d.id];
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
        for (const Meeting& m : DecisionRepository::MeetingsInPeriod(c.conn, c.group_id, c.period_start, c.period_end))
            s.rows.push_back({m.held_on, m.agenda.substr(0, m.agenda.find('\n'))});
        int days = DaysBetween(c.period_start, c.period_end) + 1;
        int expected = group ? std::max(1, days / CadenceDays(group->cadence)) : 0;
        s.body = "Gruppen höll " + std::to_string(s.rows.size()) + (s.rows.size() == 1 ? " sammanträde" : " sammanträden") +
                 " under perioden; den ska sammanträda " + (group ? CadenceSv(group->cadence) : std::string("enligt plan")) +
                 ", så minst " + std::to_string(expected) + " förväntades.";
        return s;
    }
};

class UpcomingMajor : public reports::ReportSectionProvider {
public:
    std::string Key() const override { return "governance.upcoming_major"; }
    ReportSection Draft(const ReportContext& c) const override {
        ReportSection s{Key(), "Kommande större beslut", "", {"Beslut", "Beslutsdatum", "Status"}, {}};
        for (const Decision& d : DecisionRepository::UpcomingMajor(c.conn, c.group_id))
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
