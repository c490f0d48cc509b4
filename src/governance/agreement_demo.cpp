#include "governance/agreement_demo.hpp"

#include <boost/json.hpp>

#include "common/random.hpp"
#include "governance/agreement_repository.hpp"

namespace samverkan::governance {
namespace {

AgreementItem Focus(const char* code, const char* title, const char* description) {
    return {"focus_area", code, title, {{"description", description}}};
}
AgreementItem Problem(const char* code, const char* title, const char* focus, std::initializer_list<const char*> causes) {
    boost::json::array c;
    for (auto s : causes) c.push_back(boost::json::value(s));
    return {"problem", code, title, {{"description", ""}, {"causes", c}, {"focus_area_code", focus}}};
}
AgreementItem Goal(const char* code, const char* title, const char* indicator, const char* unit, double baseline,
                   double target) {
    return {"goal", code, title,
            {{"description", ""},
             {"indicators", boost::json::array{{{"name", indicator}, {"unit", unit}, {"baseline", baseline}, {"target", target}}}}}};
}
AgreementItem Group(const char* code, const char* title, const char* mandate) {
    return {"group", code, title, {{"description", ""}, {"mandate_summary", mandate}}};
}

}  // namespace

void LoadDemoAgreements(db::Connection& c, const org::AreaCatalog& areas) {
    if (c.Query("SELECT COUNT(*) AS n FROM agreements").integer(0, "n") > 0) return;
    const char* kTitle = "Samverkansöverenskommelse mellan Stockholms stad och Polisregion Stockholm";
    std::vector<Signatory> signatories = {
        {"city", "Kommunstyrelsens ordförande", "Ordförande, kommunstyrelsen", std::nullopt},
        {"police", "Regionpolischef", "Regionpolischef, Polisregion Stockholm", std::nullopt},
    };

    Agreement first;
    first.id = NewUuid();
    first.title = kTitle;
    first.scope = "citywide";
    first.version = 1;
    first.status = AgreementStatus::kInForce;
    first.period_start = "2015-06-01";
    first.follow_up_plan = "Styrgruppen följer upp överenskommelsen två gånger per år och rapporterar till kommunstyrelsen.";
    first.signatories = signatories;
    for (auto& s : first.signatories) s.signed_on = "2015-05-20";
    first.items = {
        Focus("ungdom", "Ungdomsbrottslighet", "Förebygga att unga begår brott."),
        Focus("trygghet", "Trygghet i offentlig miljö", "Öka tryggheten på gator och torg."),
        Focus("vald", "Våld i nära relationer", "Stöd till våldsutsatta."),
        Problem("p-narkotika", "Öppen narkotikahandel", "trygghet", {"Etablerade försäljningsplatser", "Svag social kontroll"}),
        Goal("m-trygghet", "Fler känner sig trygga i sitt bostadsområde", "Andel trygga i trygghetsmätningen", "%", 72, 78),
        Goal("m-unga", "Färre unga lagförs för brott", "Lagförda 15–20 år per 1 000", "per 1000", 28, 24),
        Group("styrgrupp", "Styrgrupp", "Prioriterar insatser inom överenskommelsens ram."),
        Group("lokala", "Lokala samverkansgrupper", "Samordnar lokala insatser per stadsdelsområde."),
    };

    Agreement second = first;
    second.id = NewUuid();
    second.version = 2;
    second.previous_version_id = first.id;
    second.period_start = "2021-01-01";
    second.follow_up_plan =
        "Styrgruppen återrapporterar kvartalsvis till kommunstyrelsen och stadsdelsnämnderna, och söker politisk "
        "samsyn i god tid före större beslut.";
    for (auto& s : second.signatories) s.signed_on = "2020-12-10";
    second.items = {
        Focus("unga-risk", "Unga i riskzonen", "Tidiga och samordnade insatser för unga i riskzonen (SSPF)."),
        Focus("kriminella-miljoer", "Kriminella miljöer", "Motverka kriminella nätverk och rekrytering."),
        Focus("trygghet", "Otrygga platser", "Åtgärda platser som upplevs otrygga, utifrån lägesbilden (EST)."),
        Focus("psykisk-ohalsa", "Psykisk ohälsa", "Samverkan kring personer med psykisk ohälsa i offentlig miljö."),
        Focus("utsatta-individer", "Särskilt utsatta individer", "Skydd och stöd för särskilt utsatta."),
        Focus("systemhot", "Systemhotande brottslighet", "Motverka otillåten påverkan och välfärdsbrott."),
        Problem("p-narkotika", "Öppen narkotikahandel", "trygghet",
                {"Etablerade försäljningsplatser", "Svag social kontroll", "Rekrytering av unga"}),
        Problem("p-rekrytering", "Rekrytering av unga till kriminella nätverk", "unga-risk",
                {"Skolfrånvaro", "Brist på meningsfull fritid"}),
        Goal("m-trygghet", "Fler känner sig trygga i sitt bostadsområde", "Andel trygga i trygghetsmätningen", "%", 74, 80),
        Goal("m-unga", "Färre unga lagförs för brott", "Lagförda 15–20 år per 1 000", "per 1000", 26, 20),
        Goal("m-platser", "Färre otrygga platser", "Platser med upprepade EST-rapporter", "antal", 40, 25),
        Group("styrgrupp", "Styrgrupp", "Prioriterar insatser inom överenskommelsens ram; beslut över 500 000 kr eskaleras."),
        Group("lokala", "Lokala samverkansgrupper", "Samordnar lokala insatser per stadsdelsområde."),
        Group("sspf", "SSPF-grupper", "Samverkan skola, socialtjänst, polis och fritid kring enskilda unga."),
    };
    AgreementRepository::Insert(c, first);
    AgreementRepository::Insert(c, second);
    AgreementRepository::Supersede(c, first.id, second.id, "2020-12-31");

    std::string today = "2024-01-01";
    const org::Area* jarva = nullptr;
    const org::Area* sodermalm = nullptr;
    for (const org::Area* d : areas.ValidOn(today, "district")) {
        if (d->name == "Järva") jarva = d;
        if (d->name == "Södermalm") sodermalm = d;
    }
    if (jarva) {
        Agreement local;
        local.id = NewUuid();
        local.title = "Lokal samverkansöverenskommelse Järva";
        local.scope = "local";
        local.district_id = jarva->id;
        local.parent_id = second.id;
        local.status = AgreementStatus::kInForce;
        local.period_start = "2023-07-01";
        local.follow_up_plan = "Den lokala samverkansgruppen följer upp varje tertial.";
        local.signatories = {{"city", "Stadsdelsdirektör", "Järva stadsdelsförvaltning", "2023-06-15"},
                             {"police", "Lokalpolisområdeschef", "Lokalpolisområde Järva", "2023-06-15"}};
        local.items = {Focus("trygghet", "Trygga centrummiljöer", "Kista, Rinkeby och Tensta centrum."),
                       Goal("m-centrum", "Färre anmälda brott i centrummiljöerna", "Anmälda brott per kvartal", "antal", 410, 330)};
        AgreementRepository::Insert(c, local);
    }
    if (sodermalm) {
        Agreement draft;
        draft.id = NewUuid();
        draft.title = "Lokal samverkansöverenskommelse Södermalm";
        draft.scope = "local";
        draft.district_id = sodermalm->id;
        draft.parent_id = second.id;
        draft.status = AgreementStatus::kDraft;
        draft.period_start = "2027-01-01";
        draft.items = {Focus("nattliv", "Trygg nattmiljö", "Medborgarplatsen och Slussen kvällar och helger.")};
        AgreementRepository::Insert(c, draft);
    }
}

}  // namespace samverkan::governance
