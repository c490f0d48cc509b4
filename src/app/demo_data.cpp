#include "app/demo_data.hpp"

#include "auth/user_service.hpp"
#include "governance/agreement_demo.hpp"
#include "governance/group_demo.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "org/area_catalog.hpp"
#include "org/area_importer.hpp"
#include "org/organisation_repository.hpp"
#include "audit/audit_log.hpp"

namespace samverkan::app {
namespace {

void LoadOrganisations(db::Database& db, const auth::Actor& system) {
    std::string today = db.clock().TodayStockholm();
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        org::AreaCatalog areas = org::AreaCatalog::Load(c);
        int count = 0;
        auto add = [&](const std::string& name, const std::string& kind, std::optional<std::string> parent,
                       std::optional<std::string> area) {
            std::string id = NewUuid();
            org::OrganisationRepository::Insert(c, {id, name, kind, parent, area});
            ++count;
            return id;
        };
        std::string region = add("Polisregion Stockholm", "police_region", std::nullopt, std::nullopt);
        for (const org::Area* lpo : areas.ValidOn(today, "police_area"))
            add("Lokalpolisområde " + lpo->name, "local_police_area", region, lpo->id);

        std::string slk = add("Stadsledningskontoret", "city_executive_office", std::nullopt,
                              areas.ValidOn(today, "municipality").empty()
                                  ? std::nullopt
                                  : std::optional(areas.ValidOn(today, "municipality").front()->id));
        for (const org::Area* d : areas.ValidOn(today, "district"))
            add(d->name + " stadsdelsnämnd", "district_committee", slk, d->id);
        for (const char* name : {"Kommunstyrelsen", "Socialnämnden", "Utbildningsnämnden", "Kulturnämnden", "Idrottsnämnden", "Trafiknämnden",
                                 "Arbetsmarknadsnämnden"})
            add(name, "specialist_committee", slk, std::nullopt);
        std::string stadshus = add("Stockholms Stadshus AB", "municipal_company", std::nullopt, std::nullopt);
        for (const char* name : {"AB Svenska Bostäder", "AB Familjebostäder", "AB Stockholmshem"})
            add(name, "municipal_company", stadshus, std::nullopt);
        for (const char* name : {"Region Stockholm, trafikförvaltningen (SL)", "Fastighetsägarna Stockholm",
                                 "Stockholms köpmannaförbund"})
            add(name, "external_actor", std::nullopt, std::nullopt);
        audit::Append(c, audit::ByActor(system, "organisation.demo_load", "organisation", std::nullopt,
                                        {{"organisations", count}}));
    });
}

}  // namespace

std::vector<DemoAccount> LoadDemoData(db::Database& db, const std::string& data_dir) {
    auth::Actor system = auth::Actor::System("demo");
    auto count = [&](const char* table) {
        db::Lease c = db.Acquire(db::Access::kRead);
        return c->Query(std::string("SELECT COUNT(*) AS n FROM ") + table).integer(0, "n");
    };
    if (count("areas") == 0) org::ImportStockholmAreas(db, data_dir, system);
    if (count("organisations") == 0) LoadOrganisations(db, system);
    if (count("agreements") == 0)
        db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
            governance::LoadDemoAgreements(c, org::AreaCatalog::Load(c));
            audit::Append(c, audit::ByActor(system, "agreement.demo_load", "agreement", std::nullopt));
        });
    if (count("users") > 0) return {};

    std::string today = db.clock().TodayStockholm();
    std::optional<std::string> slk, jarva_sdn, sodermalm_lpo, jarva_area, sodermalm_area;
    {
        db::Lease c = db.Acquire(db::Access::kRead);
        org::AreaCatalog areas = org::AreaCatalog::Load(*c);
        auto org_id = [&](const std::string& name) -> std::optional<std::string> {
            auto o = org::OrganisationRepository::FindByName(*c, name);
            return o ? std::optional(o->id) : std::nullopt;
        };
        slk = org_id("Stadsledningskontoret");
        jarva_sdn = org_id("Järva stadsdelsnämnd");
        sodermalm_lpo = org_id("Lokalpolisområde Södermalm");
        for (const org::Area* d : areas.ValidOn(today, "district")) {
            if (d->name == "Järva") jarva_area = d->id;
            if (d->name == "Södermalm") sodermalm_area = d->id;
        }
    }
    auto opt_org = [](const std::optional<std::string>& s) {
        return s ? std::optional(OrganisationId(*s)) : std::nullopt;
    };
    auto opt_area = [](const std::optional<std::string>& s) { return s ? std::optional(AreaId(*s)) : std::nullopt; };
    auto orgs = [](std::initializer_list<std::optional<std::string>> ids) {
        std::vector<std::string> out;
        for (auto& i : ids)
            if (i) out.push_back(*i);
        return out;
    };
    using auth::Role;
    struct Demo {
        DemoAccount account;
        auth::NewUser user;
    };
    std::vector<Demo> demos = {
        {{"admin", "administrator", "Systemförvaltare, all administration"},
         {"admin", "Ada Administratör", kDemoPassword, {{Role::kAdministrator, std::nullopt, std::nullopt}}, orgs({slk})}},
        {{"coordinator", "coordinator", "Samordnare på stadsledningskontoret, ser allt"},
         {"coordinator", "Cecilia Samordnare", kDemoPassword, {{Role::kCoordinator, std::nullopt, std::nullopt}}, orgs({slk})}},
        {{"member", "group_member", "Ledamot i lokala samverkansgruppen, Järva"},
         {"member", "Mohammed Gruppmedlem", kDemoPassword, {{Role::kGroupMember, opt_org(jarva_sdn), opt_area(jarva_area)}},
          orgs({jarva_sdn})}},
        {{"reporter", "incident_reporter", "Rapportör, lokalpolisområde Södermalm"},
         {"reporter", "Rasmus Rapportör", kDemoPassword,
          {{Role::kIncidentReporter, opt_org(sodermalm_lpo), opt_area(sodermalm_area)}}, orgs({sodermalm_lpo})}},
        {{"politician", "politician", "Förtroendevald, läser och lämnar återkoppling"},
         {"politician", "Paula Politiker", kDemoPassword, {{Role::kPolitician, std::nullopt, std::nullopt}}, {}}},
        {{"jarvacoordinator", "coordinator", "Samordnare på Järva stadsdelsförvaltning, Järvas handlingsplan"},
         {"jarvacoordinator", "Jonna Samordnare", kDemoPassword,
          {{Role::kCoordinator, opt_org(jarva_sdn), opt_area(jarva_area)}}, orgs({jarva_sdn})}},
        {{"caseworker", "case_worker", "Handläggare för tidiga insatser, Järva"},
         {"caseworker", "Karin Handläggare", kDemoPassword, {{Role::kCaseWorker, opt_org(jarva_sdn), opt_area(jarva_area)}},
          orgs({jarva_sdn})}},
    };
    auth::UserService users(db);
    std::vector<DemoAccount> out;
    for (const Demo& d : demos) {
        users.Add(system, d.user);
        out.push_back(d.account);
    }
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        governance::LoadDemoGroups(c, org::AreaCatalog::Load(c), today);
        audit::Append(c, audit::ByActor(system, "group.demo_load", "group", std::nullopt));
    });
    return out;
}

}  // namespace samverkan::app
