#include "governance/group_demo.hpp"

#include "common/random.hpp"
#include "governance/consultation.hpp"
#include "governance/decision_repository.hpp"
#include "governance/group_repository.hpp"
#include "governance/agreement.hpp"
#include "org/organisation_repository.hpp"

namespace samverkan::governance {
namespace {
std::string DaysAgo(const std::string& today, int days) {
    std::string d = today;
    for (int i = 0; i < days; ++i) d = DayBefore(d);
    return d;
}
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
    std::optional<std::string> member_user, jarva_area;
    if (auto u = c.Query("SELECT id FROM users WHERE username = 'member'"); !u.empty()) member_user = u.text(0, "id");
    for (const org::Area* d : areas.ValidOn(today, "district"))
        if (d->name == "Järva") jarva_area = d->id;

    Group steering{NewUuid(), "Styrgruppen för samverkan", "steering", std::nullopt, std::nullopt, "monthly", {}, {ks}};
    steering.members.push_back({NewUuid(), "Stadsdirektör (ordförande)", slk, "chair", std::nullopt});
    steering.members.push_back({NewUuid(), "Polisområdeschef Stockholm city", region, "member", std::nullopt});
    steering.members.push_back({NewUuid(), "Sekreterare, stadsledningskontoret", slk, "secretary", std::nullopt});
    for (const auto& o : orgs)
        if (o.kind == "district_committee") {
            steering.members.push_back({NewUuid(), "Stadsdelsdirektör, " + o.name, o.id, "member", std::nullopt});
            steering.committee_ids.push_back(o.id);
        }
    GroupRepository::Insert(c, steering);

    Group local{NewUuid(), "Lokal samverkansgrupp Järva", "local", jarva_area, steering.id, "monthly", {}, {jarva_sdn}};
    local.members = {{NewUuid(), "Stadsdelsdirektör Järva", jarva_sdn, "chair", std::nullopt},
                     {NewUuid(), "Lokalpolisområdeschef Järva", jarva_lpo, "member", std::nullopt},
                     {NewUuid(), "Mohammed Gruppmedlem", jarva_sdn, "member", member_user}};
    GroupRepository::Insert(c, local);

    Group est{NewUuid(), "EST-gruppen", "thematic", std::nullopt, steering.id, "weekly", {}, {ks}};
    est.members = {{NewUuid(), "Trygghetssamordnare", slk, "chair", std::nullopt}};
    GroupRepository::Insert(c, est);

    GroupRepository::InsertRule(c, {NewUuid(), steering.id, "measure", 500000, {}, 12, false, ks, "2021-01-01", std::nullopt});
    GroupRepository::InsertRule(c, {NewUuid(), steering.id, "resource_allocation", 2000000, {}, 24, true, ks, "2021-01-01", std::nullopt});
    GroupRepository::InsertRule(c, {NewUuid(), local.id, "measure", 100000,
                                    jarva_area ? std::vector<std::string>{*jarva_area} : std::vector<std::string>{}, 6,
                                    false, jarva_sdn, "2023-07-01", std::nullopt});

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

    auto decision = [&](const Meeting& m, const std::string& title, const std::string& type, std::optional<long long> amount,
                        std::optional<int> horizon, bool major, const std::string& status, bool within,
                        std::vector<std::string> reasons, std::optional<std::string> rule_escalate) {
        Decision d;
        d.id = NewUuid();
        d.meeting_id = m.id;
        d.group_id = m.group_id;
        d.title = title;
        d.facts = {type, amount, {}, horizon, m.held_on};
        d.major = major;
        d.status = status;
        d.evaluation.within = within;
        d.evaluation.escalate_to_id = rule_escalate;
        d.evaluation.reasons = std::move(reasons);
        DecisionRepository::InsertDecision(c, d);
        if (status == "final") DecisionRepository::SetStatus(c, d.id, "final", std::nullopt, true);
        return d;
    };
    decision(m1, "Gemensam trygghetsvandring i alla stadsdelsområden", "measure", 250000, 6, false, "final", true,
             {"Within the delegation for 'measure' valid from 2021-01-01."}, ks);
    Decision out = decision(m1, "Kameraövervakning på fem platser", "measure", 1800000, 12, false, "escalated", false,
                            {"The amount 1800000 SEK exceeds the limit of 500000 SEK."}, ks);
    DecisionRepository::InsertEscalation(c, {NewUuid(), out.id, ks, "The amount 1800000 SEK exceeds the limit of 500000 SEK.",
                                             m1.held_on, std::nullopt, std::nullopt, std::nullopt});
    Decision major = decision(m1, "Omfördelning av resurser till Järva", "resource_allocation", 1500000, 12, true,
                              "proposed", true, {"Within the delegation for 'resource_allocation' valid from 2021-01-01."}, ks);
    // Opened five days before the decision: too late for the 14-day lead time.
    DecisionRepository::InsertConsultation(c, {NewUuid(), major.id, ks, DaysAgo(today, 25), std::nullopt, ""});
    decision(m3, "Ny belysning vid Kista gångbro", "measure", 80000, 3, false, "final", true,
             {"Within the delegation for 'measure' valid from 2023-07-01."}, jarva_sdn);
}

}  // namespace samverkan::governance
