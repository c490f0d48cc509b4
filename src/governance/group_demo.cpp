#include "governance/group_demo.hpp"

#include <map>

#include "common/random.hpp"
#include "common/time.hpp"
#include "governance/consultation.hpp"
#include "governance/decision_repository.hpp"
#include "governance/group_repository.hpp"
#include "governance/report_sections.hpp"
#include "governance/reporting_repository.hpp"
#include "reports/report.hpp"
#include "governance/agreement.hpp"
#include "org/organisation_repository.hpp"

namespace samverkan::governance {
namespace {
std::string DaysAgo(const std::string& today, int days) { return AddDays(today, -days); }
}  // namespace

void LoadDemoGroups(db::Connection& c, const org::AreaCatalog& areas, const std::string& today) {
    if (c.Query("SELECT COUNT(*) AS n FROM groups").integer(0, "n") > 0) return;
    auto orgs = GroupRepository::Organisations(c);
    auto find = [&](const std::string& name) -> std::string {
        for (const auto& o : orgs)
            if (o.name == name) return o.id;
        return {};
    };
    std::string ks = find("Kommunstyrelsen");
    std::string slk = find("Stadsledningskontoret"), region = find("Polisregion Stockholm");
    std::string jarva_sdn = find("Järva stadsdelsnämnd"), jarva_lpo = find("Lokalpolisområde Järva");
    if (ks.empty() || slk.empty() || region.empty() || jarva_sdn.empty() || jarva_lpo.empty()) return;
    std::optional<std::string> member_user;
    if (auto u = c.Query("SELECT id FROM users WHERE username = 'member'"); !u.empty()) member_user = u.text(0, "id");

    // The steering group lacks Skärholmen's district committee, so the composition flag shows in the demo.
    Group steering{NewUuid(), "Styrgruppen för samverkan", "steering", std::nullopt, std::nullopt, "monthly", {}, {ks}};
    steering.members.push_back({NewUuid(), "Stadsdirektör (ordförande)", slk, "chair", std::nullopt});
    steering.members.push_back({NewUuid(), "Polisområdeschef Stockholm city", region, "member", std::nullopt});
    steering.members.push_back({NewUuid(), "Sekreterare, stadsledningskontoret", slk, "secretary", std::nullopt});
    for (const auto& o : orgs)
        if (o.kind == "district_committee") {
            steering.committee_ids.push_back(o.id);
            if (o.name != "Skärholmen stadsdelsnämnd")
                steering.members.push_back({NewUuid(), "Stadsdelsdirektör, " + o.name, o.id, "member", std::nullopt});
        }
    GroupRepository::Insert(c, steering);

    // A local group per district: its district committee and the local police area serving most of it.
    Group local;  // Järva's, which the demo member belongs to
    for (const org::Area* d : areas.ValidOn(today, "district")) {
        std::string sdn = find(d->name + " stadsdelsnämnd");
        std::map<std::string, int> lpo_count;
        for (const org::Area* n : areas.ValidOn(today, "neighbourhood"))
            if (const org::Area* parent = areas.Parent(n->id, "district", today); parent && parent->id == d->id)
                if (const org::Area* p = areas.Parent(n->id, "police_area", today)) ++lpo_count[p->name];
        std::string lpo_name;
        int best = 0;
        for (const auto& [name, count] : lpo_count)
            if (count > best) best = count, lpo_name = name;
        std::string lpo = find("Lokalpolisområde " + lpo_name);
        if (sdn.empty() || lpo.empty()) continue;
        Group g{NewUuid(), "Lokal samverkansgrupp " + d->name, "local", d->id, steering.id, "monthly", {}, {sdn}};
        g.members = {{NewUuid(), "Stadsdelsdirektör " + d->name, sdn, "chair", std::nullopt},
                     {NewUuid(), "Lokalpolisområdeschef " + lpo_name, lpo, "member", std::nullopt}};
        if (d->name == "Järva") g.members.push_back({NewUuid(), "Mohammed Gruppmedlem", sdn, "member", member_user});
        GroupRepository::Insert(c, g);
        if (d->name == "Järva") local = g;
        // Every local group but Skarpnäck's met recently; Skarpnäck's shows up as behind its cadence.
        else if (d->name != "Skarpnäck")
            DecisionRepository::InsertMeeting(c, {NewUuid(), g.id, DaysAgo(today, 15), "Lokal lägesbild", "", {}});
    }
    if (local.id.empty()) return;

    Group est{NewUuid(), "EST-gruppen", "thematic", std::nullopt, steering.id, "weekly", {}, {ks}};
    est.members = {{NewUuid(), "Trygghetssamordnare", slk, "chair", std::nullopt}};
    GroupRepository::Insert(c, est);

    GroupRepository::InsertRule(c, {NewUuid(), steering.id, "measure", 500000, {}, 12, false, ks, "2021-01-01", std::nullopt});
    GroupRepository::InsertRule(c, {NewUuid(), steering.id, "resource_allocation", 2000000, {}, 24, true, ks, "2021-01-01", std::nullopt});
    GroupRepository::InsertRule(c, {NewUuid(), local.id, "measure", 100000, {*local.district_id}, 6, false, jarva_sdn,
                                    "2023-07-01", std::nullopt});

    // The steering group met 20 days ago; the EST group has not met for 40 days (behind its weekly cadence).
    Meeting m1{NewUuid(), steering.id, DaysAgo(today, 20), "1. Lägesbild\n2. Beslut om insatser\n3. Återrapportering",
               "Styrgruppen gick igenom lägesbilden och fattade beslut enligt nedan.",
               {steering.members[0].id, steering.members[1].id, steering.members[2].id}};
    DecisionRepository::InsertMeeting(c, m1);
    Meeting m2{NewUuid(), est.id, DaysAgo(today, 40), "Veckans lägesbild", "Genomgång av veckans rapporter.", {}};
    DecisionRepository::InsertMeeting(c, m2);
    Meeting m3{NewUuid(), local.id, DaysAgo(today, 10), "Trygghet i Kista centrum", "Beslut om belysning.",
               {local.members[0].id, local.members[1].id}};
    DecisionRepository::InsertMeeting(c, m3);

    // Demo decisions go through the real evaluation, so their reasons and rules are what the platform says.
    auto decision = [&](const Meeting& m, const std::string& title, const std::string& type, long long amount, int horizon,
                        bool major, bool finalise, std::vector<std::string> area_ids = {}) {
        Decision d;
        d.id = NewUuid();
        d.meeting_id = m.id;
        d.group_id = m.group_id;
        d.title = title;
        d.facts = {type, amount, std::move(area_ids), horizon, m.held_on};
        d.major = major;
        d.evaluation = EvaluateAgainstMandate(d.facts, GroupRepository::Rules(c, m.group_id),
                                              [&](const std::string& rule_area, const std::string& area) {
                                                  for (const auto& a : areas.WithAncestors(area, m.held_on))
                                                      if (a == rule_area) return true;
                                                  return false;
                                              });
        d.status = d.evaluation.within ? "proposed" : "escalated";
        DecisionRepository::InsertDecision(c, d);
        if (finalise && d.evaluation.within) DecisionRepository::SetStatus(c, d.id, "final", std::nullopt, true);
        if (!d.evaluation.within) {
            std::string reason;
            for (const auto& r : d.evaluation.reasons) reason += (reason.empty() ? "" : " ") + r;
            DecisionRepository::InsertEscalation(
                c, {NewUuid(), d.id, d.evaluation.escalate_to_id.value_or(ks), reason, m.held_on, {}, {}, {}});
        }
        return d;
    };
    decision(m1, "Gemensam trygghetsvandring i alla stadsdelsområden", "measure", 250000, 6, false, true);
    decision(m1, "Kameraövervakning på fem platser", "measure", 1800000, 12, false, false);
    Decision major = decision(m1, "Omfördelning av resurser till Järva", "resource_allocation", 1500000, 12, true, false);
    // Opened five days before the decision: too late for the 14-day lead time.
    DecisionRepository::InsertConsultation(c, {NewUuid(), major.id, ks, DaysAgo(today, 25), std::nullopt, ""});
    std::vector<std::string> kista;
    for (const org::Area* n : areas.ValidOn(today, "neighbourhood"))
        if (n->name == "Kista") kista.push_back(n->id);
    decision(m3, "Ny belysning vid Kista gångbro", "measure", 80000, 3, false, true, kista);

    // Reporting back: the steering group reports quarterly to Kommunstyrelsen. Last quarter's report
    // was submitted and has feedback with a follow-up; the quarter before has none, so it is overdue.
    reports::ReportPeriod current = reports::PeriodContaining("quarterly", today, 30);
    reports::ReportPeriod last = reports::PeriodContaining("quarterly", DayBefore(current.start), 30);
    reports::ReportPeriod before_last = reports::PeriodContaining("quarterly", DayBefore(last.start), 30);
    ReportingObligation obligation{NewUuid(), steering.id, ks, "quarterly", 30, before_last.start};
    ReportingRepository::InsertObligation(c, obligation);
    reports::ReportSectionRegistry registry;
    RegisterGovernanceSections(registry, 14);
    reports::Report report{NewUuid(), obligation.id,
                           "Återrapportering från " + steering.name + " till Kommunstyrelsen, " + last.start + " – " + last.end,
                           last.start, last.end, last.due_on, "submitted", std::min(DayBefore(last.due_on), today),
                           registry.DraftAll({c, steering.id, last.start, last.end, today})};
    ReportingRepository::InsertReport(c, report);
    Feedback feedback{NewUuid(), report.id, std::min(last.due_on, today), ks,
                      "Kommunstyrelsen tackar för rapporten och vill veta mer om effekterna av trygghetsvandringarna.",
                      {{NewUuid(), "", "Redovisa effekterna av trygghetsvandringarna i nästa rapport", "Stadsdirektör", slk,
                        current.due_on, "open", std::nullopt, ""}}};
    feedback.items[0].feedback_id = feedback.id;
    ReportingRepository::InsertFeedback(c, feedback);
}

}  // namespace samverkan::governance
