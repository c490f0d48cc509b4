#include "plans/plan_demo.hpp"

#include <map>

#include "common/random.hpp"
#include "plans/plan_repository.hpp"

namespace samverkan::plans {
namespace R = PlanRepository;
namespace {

struct FocusText {
    const char* code;
    const char* problem;  // "%s" = the district
    const char* offender;
    const char* target;
    const char* place;
};

const FocusText kFocus[] = {
    {"unga-risk", "Unga som rekryteras till kriminalitet i %s", "Äldre kriminella som rekryterar via sociala medier",
     "Unga 12–17 år med hög skolfrånvaro", "Skolgårdar, fritidsgårdar och centrum kvällstid"},
    {"kriminella-miljoer", "Öppen narkotikahandel och kriminella nätverk i %s",
     "Lokala nätverk med försäljning i öppen miljö", "Boende och näringsidkare som utsätts för hot",
     "Tunnelbaneuppgångar och gångtunnlar"},
    {"trygghet", "Otrygga platser i %s", "Grupper som samlas och stör kvällstid",
     "Boende och resenärer, särskilt kvinnor och äldre", "Dåligt belysta gångvägar, torg och busshållplatser"},
    {"psykisk-ohalsa", "Psykisk ohälsa och missbruk i offentlig miljö i %s", "–",
     "Personer i akut psykisk ohälsa och deras omgivning", "Stationer och parker"},
    {"utsatta-individer", "Särskilt utsatta individer i %s", "Förövare i nära relationer och hedersmiljöer",
     "Våldsutsatta kvinnor, barn och äldre", "Hemmet och digitala miljöer"},
    {"systemhot", "Otillåten påverkan mot verksamheter i %s", "Aktörer som påverkar tjänstepersoner och föreningar",
     "Handläggare, föreningsliv och upphandlingar", "Lokaler som hyrs ut och bidragsflöden"},
};

const FocusText* Focus(const std::string& code) {
    for (const auto& f : kFocus)
        if (code == f.code) return &f;
    return nullptr;
}

std::string Fill(const char* pattern, const std::string& district) {
    std::string s = pattern;
    auto at = s.find("%s");
    if (at != std::string::npos) s.replace(at, 2, district);
    return s;
}

// Each district's own order of the focus areas: where they agree and where local conditions differ.
const std::map<std::string, std::vector<std::string>> kDistrictPriorities = {
    {"Bromma", {"trygghet", "unga-risk", "systemhot"}},
    {"Enskede-Årsta-Vantör", {"kriminella-miljoer", "trygghet", "unga-risk"}},
    {"Farsta", {"unga-risk", "kriminella-miljoer", "trygghet"}},
    {"Hägersten-Älvsjö", {"unga-risk", "trygghet", "psykisk-ohalsa"}},
    {"Hässelby-Vällingby", {"unga-risk", "kriminella-miljoer", "trygghet", "utsatta-individer"}},
    {"Järva", {"kriminella-miljoer", "unga-risk", "trygghet", "systemhot"}},
    {"Kungsholmen", {"trygghet", "utsatta-individer", "unga-risk"}},
    {"Norra innerstaden", {"psykisk-ohalsa", "trygghet", "kriminella-miljoer"}},
    {"Skarpnäck", {"trygghet", "unga-risk", "psykisk-ohalsa"}},
    {"Skärholmen", {"kriminella-miljoer", "unga-risk", "utsatta-individer", "trygghet"}},
    {"Södermalm", {"trygghet", "psykisk-ohalsa", "kriminella-miljoer", "unga-risk"}},
};

struct MeasureText {
    const char* title;
    const char* type;
    const char* horizon;
};
const MeasureText kMeasures[] = {
    {"Trygghetsvandring med boende och fastighetsägare", "situational", "short"},
    {"Förstärkt belysning på gångvägar", "situational", "short"},
    {"Fältassistenter kvällar och helger", "social", "long"},
    {"SSPF-samverkan kring unga i riskzonen", "social", "long"},
    {"Platssamverkan med fastighetsägare (BID)", "situational", "long"},
    {"Klotterplank och snabb sanering", "situational", "short"},
    {"Föräldravandringar och stöd till föräldrar", "social", "short"},
    {"Kameraövervakning vid centrum", "situational", "long"},
    {"Sommarjobb och meningsfull fritid för unga", "social", "short"},
};

// Statuses and end dates (days from today; negative = already passed) that give every status and
// some overdue measures in every district.
struct Shape {
    MeasureStatus status;
    int start, end;
};
const Shape kShapes[] = {
    {MeasureStatus::kOngoing, -400, 120},    {MeasureStatus::kOngoing, -300, -20},  // overdue
    {MeasureStatus::kDone, -500, -60},       {MeasureStatus::kPlanned, 30, 400},
    {MeasureStatus::kPaused, -200, -5},  // overdue
    {MeasureStatus::kCancelled, -300, -100}, {MeasureStatus::kOngoing, -150, 250},
    {MeasureStatus::kPlanned, -40, -2},  // overdue: never started
};

std::string Shift(const std::string& today, int days) { return est::FormatDay(*est::ParseDay(today) + days); }

}  // namespace

void LoadDemoPlans(db::Connection& c, const org::AreaCatalog& areas, const std::string& today) {
    if (!c.Query("SELECT 1 FROM action_plans LIMIT 1").empty()) return;
    auto agreement = c.Query(
        "SELECT id FROM agreements WHERE scope = 'citywide' AND status = 'in_force' ORDER BY "
        "period_start DESC LIMIT 1");
    std::optional<std::string> citywide_agreement = agreement.empty() ? std::nullopt : agreement.at(0, "id");
    auto org_id = [&](const std::string& name) -> std::optional<std::string> {
        auto r = c.Query("SELECT id FROM organisations WHERE name = $1", {name});
        return r.empty() ? std::nullopt : r.at(0, "id");
    };
    auto klotter = c.Query("SELECT id FROM incident_categories WHERE code = 'klotter'");
    std::optional<int> klotter_id =
        klotter.empty() ? std::nullopt : std::optional(static_cast<int>(klotter.integer(0, "id")));
    std::string now = today + "T08:00:00Z";
    // Follow-ups are recorded by the demo coordinator when there is one.
    auto recorder = c.Query("SELECT id FROM users WHERE username = 'coordinator'");
    std::optional<std::string> recorded_by = recorder.empty() ? std::nullopt : recorder.at(0, "id");
    int year = std::stoi(today.substr(0, 4));
    est::Period last_quarter =
        est::ShiftPeriod(est::PeriodContaining(est::PeriodKind::kQuarter, *est::ParseDay(today)), -1);

    auto add_indicator = [&](const std::string& plan_id, std::optional<std::string> goal_id,
                             std::optional<std::string> measure_id, const std::string& name, const std::string& unit,
                             double baseline, double target, std::vector<double> yearly) {
        Indicator x;
        x.id = NewUuid();
        x.plan_id = plan_id;
        x.goal_id = goal_id;
        x.measure_id = measure_id;
        x.position = 1;
        x.name = name;
        x.unit = unit;
        x.baseline = baseline;
        x.target = target;
        x.source = "manual";
        R::InsertIndicator(c, x);
        for (std::size_t i = 0; i < yearly.size(); ++i)
            c.Query(
                "INSERT INTO indicator_values (indicator_id, period, value, source, recorded_by, recorded_at) VALUES "
                "($1, $2, $3, 'manual', NULL, $4)",
                {x.id, std::to_string(year - static_cast<int>(yearly.size()) + static_cast<int>(i)),
                 std::to_string(yearly[i]), now});
    };

    // The citywide plan.
    Plan city{NewUuid(),
              "citywide",
              std::nullopt,
              citywide_agreement,
              "Handlingsplan för samverkan Stockholms stad och Polisregion Stockholm",
              std::to_string(year - 1) + "-01-01",
              std::to_string(year + 1) + "-12-31"};
    R::InsertPlan(c, city);
    int rank = 1;
    std::map<std::string, std::string> city_problem;
    for (const auto& f : kFocus) {
        Problem p{NewUuid(), city.id, rank++, Fill(f.problem, "Stockholm"), "", f.code, f.offender,
                  f.target,  f.place, {}};
        p.description = "Stadsövergripande prioritering enligt den reviderade samverkansöverenskommelsen.";
        R::InsertProblem(c, p);
        city_problem[f.code] = p.id;
    }
    std::map<std::string, std::string> city_goal;
    int position = 1;
    for (auto [code, title] : {std::pair{"m-trygghet", "Fler känner sig trygga i sitt bostadsområde"},
                               {"m-unga", "Färre unga lagförs för brott"},
                               {"m-platser", "Färre otrygga platser"}}) {
        Goal g{NewUuid(), city.id, code, position++, title, "", "agreement", std::string(code)};
        R::InsertGoal(c, g);
        city_goal[code] = g.id;
    }
    add_indicator(city.id, city_goal["m-trygghet"], std::nullopt, "Andel trygga i trygghetsmätningen", "%", 74, 80,
                  {75, 76});
    add_indicator(city.id, city_goal["m-unga"], std::nullopt, "Lagförda 15–20 år per 1 000", "per 1 000", 26, 20,
                  {25, 24.5});
    if (const org::Area* city_area = areas.Municipality(today); klotter_id && city_area) {
        Indicator x;
        x.id = NewUuid();
        x.plan_id = city.id;
        x.goal_id = city_goal["m-platser"];
        x.position = 1;
        x.name = "Rapporterat klotter i hela staden per kvartal";
        x.unit = "rapporter";
        x.source = "situation_picture";
        x.category_id = klotter_id;
        x.area_ids = {city_area->id};
        R::InsertIndicator(c, x);
    }
    auto slk = org_id("Stadsledningskontoret"), region = org_id("Polisregion Stockholm"), soc = org_id("Socialnämnden"),
         utb = org_id("Utbildningsnämnden");
    struct CityMeasure {
        const char* title;
        const char* type;
        std::optional<std::string> owner;
        const char* focus;
        const char* goal;
        Shape shape;
    };
    const CityMeasure kCity[] = {
        {"Gemensam lägesbild varje vecka i alla stadsdelsområden", "situational", slk, "trygghet", "m-platser",
         kShapes[0]},
        {"Stadsövergripande SSPF-modell", "social", soc, "unga-risk", "m-unga", kShapes[6]},
        {"Avhopparverksamhet för unga i kriminella nätverk", "social", soc, "kriminella-miljoer", "m-unga", kShapes[1]},
        {"Samverkan kring personer med psykisk ohälsa i tunnelbanan", "social", region, "psykisk-ohalsa", "m-trygghet",
         kShapes[3]},
        {"Utbildning om otillåten påverkan för chefer", "situational", slk, "systemhot", "m-trygghet", kShapes[2]},
        {"Skolnärvaroteam i alla stadsdelsområden", "social", utb, "unga-risk", "m-unga", kShapes[4]},
    };
    for (const auto& cm : kCity) {
        Measure m;
        m.id = NewUuid();
        m.plan_id = city.id;
        m.title = cm.title;
        m.description = "";
        m.type = cm.type;
        m.horizon = "long";
        m.status = cm.shape.status;
        m.start_date = Shift(today, cm.shape.start);
        m.end_date = Shift(today, cm.shape.end);
        m.responsible = "Samordnare, stadsledningskontoret";
        if (cm.owner) m.owner_ids.push_back(*cm.owner);
        if (region && cm.owner != region) m.owner_ids.push_back(*region);
        m.goal_ids = {city_goal[cm.goal]};
        m.problem_ids = {city_problem[cm.focus]};
        R::InsertMeasure(c, m);
    }

    // A local plan per district.
    auto districts = areas.ValidOn(today, "district");
    auto neighbourhoods = areas.ValidOn(today, "neighbourhood");
    int salt = 0;
    for (const org::Area* d : districts) {
        auto pr = kDistrictPriorities.find(d->name);
        if (pr == kDistrictPriorities.end()) continue;
        ++salt;
        // The local agreement of the district when it has one in force, else the citywide one.
        auto local = c.Query(
            "SELECT id FROM agreements WHERE scope = 'local' AND district_id = $1 AND status = 'in_force'", {d->id});
        Plan plan{NewUuid(),
                  "local",
                  d->id,
                  local.empty() ? citywide_agreement : local.at(0, "id"),
                  "Lokal handlingsplan " + d->name,
                  std::to_string(year) + "-01-01",
                  std::to_string(year + 1) + "-12-31"};
        R::InsertPlan(c, plan);
        std::vector<std::string> problem_ids;
        rank = 1;
        for (const auto& code : pr->second) {
            const FocusText* f = Focus(code);
            Problem p{NewUuid(), plan.id,  rank++, Fill(f->problem, d->name), "", code, f->offender,
                      f->target, f->place, {}};
            p.description = "Lokal prioritering utifrån lägesbilden och dialog med boende i " + d->name + ".";
            if (code == "trygghet" && klotter_id)
                p.evidence.push_back({"situation_picture", "Klotter i " + d->name + ", " + last_quarter.NameSv(),
                                      std::nullopt, d->id, klotter_id, last_quarter.Code()});
            p.evidence.push_back({"source", "Trygghetsmätningen " + std::to_string(year - 1),
                                  std::string("https://start.stockholm/trygghetsmatning"), std::nullopt, std::nullopt,
                                  std::nullopt});
            R::InsertProblem(c, p);
            problem_ids.push_back(p.id);
        }
        Goal from_agreement{NewUuid(),
                            plan.id,
                            "m-trygghet",
                            1,
                            "Fler känner sig trygga i sitt bostadsområde",
                            "",
                            "agreement",
                            std::string("m-trygghet")};
        R::InsertGoal(c, from_agreement);
        Goal local_goal{NewUuid(),
                        plan.id,
                        "l-1",
                        2,
                        "Tryggare offentliga platser i " + d->name,
                        "Lokalt mål i stadsdelsområdets handlingsplan.",
                        "local",
                        std::nullopt};
        R::InsertGoal(c, local_goal);
        double base = 60 + (salt * 7) % 20;
        add_indicator(plan.id, from_agreement.id, std::nullopt, "Andel trygga i trygghetsmätningen", "%", base,
                      base + 6, {base, base + 1});
        if (klotter_id) {
            Indicator x;
            x.id = NewUuid();
            x.plan_id = plan.id;
            x.goal_id = local_goal.id;
            x.position = 1;
            x.name = "Rapporterat klotter i " + d->name + " per kvartal";
            x.unit = "rapporter";
            x.source = "situation_picture";
            x.category_id = klotter_id;
            x.area_ids = {d->id};
            R::InsertIndicator(c, x);
        }
        // The police area serving most of the district's neighbourhoods, and the district committee.
        std::map<std::string, int> police;
        for (const org::Area* nb : neighbourhoods) {
            const org::Area* parent = areas.Parent(nb->id, "district", today);
            if (!parent || parent->id != d->id) continue;
            if (const org::Area* pa = areas.Parent(nb->id, "police_area", today)) ++police[pa->name];
        }
        std::string lpo_name;
        int best = 0;
        for (const auto& [name, n] : police)
            if (n > best) best = n, lpo_name = name;
        auto sdn = org_id(d->name + " stadsdelsnämnd");
        auto lpo = org_id("Lokalpolisområde " + lpo_name);
        std::size_t shapes = std::size(kShapes);
        for (std::size_t i = 0; i < shapes; ++i) {
            const MeasureText& t = kMeasures[(i + static_cast<std::size_t>(salt)) % std::size(kMeasures)];
            const Shape& s = kShapes[i];
            Measure m;
            m.id = NewUuid();
            m.plan_id = plan.id;
            m.title = t.title;
            m.description = std::string(t.title) + " i " + d->name + ".";
            m.type = t.type;
            m.horizon = t.horizon;
            m.status = s.status;
            m.start_date = Shift(today, s.start + salt);
            m.end_date = Shift(today, s.end + (s.end < 0 ? -salt : salt));
            m.responsible = i % 2 ? "Lokalpolisområdeschef" : "Trygghetssamordnare, " + d->name;
            // Alternate which party leads, so that the police area owns some measures on its own.
            if (i % 3 == 1 && lpo)
                m.owner_ids = {*lpo};
            else {
                if (sdn) m.owner_ids.push_back(*sdn);
                if (lpo && i % 2 == 0) m.owner_ids.push_back(*lpo);
            }
            if (m.owner_ids.empty() && slk) m.owner_ids.push_back(*slk);
            m.goal_ids = {i % 2 ? from_agreement.id : local_goal.id};
            m.problem_ids = {problem_ids[i % problem_ids.size()]};
            R::InsertMeasure(c, m);
            // Monthly follow-ups of what has started.
            if (s.status == MeasureStatus::kPlanned) continue;
            int months = s.status == MeasureStatus::kCancelled ? 1 : 3;
            for (int k = 0; k < months; ++k) {
                int progress = std::min(100, 10 + 20 * k + static_cast<int>(i) * 5 + (salt * 7) % 15);
                FollowUp f{NewUuid(),
                           m.id,
                           Shift(today, -30 * (months - k) - static_cast<int>(i)),
                           k == months - 1 ? "Genomfört enligt plan; nästa steg planeras." : "Arbetet pågår.",
                           progress,
                           recorded_by,
                           "",
                           now};
                R::InsertFollowUp(c, f);
            }
        }
        // The district's citizen promise with its police area, signed and public.
        CitizenPromise p;
        p.id = NewUuid();
        p.title = "Medborgarlöfte " + d->name + " " + std::to_string(year);
        p.description = "Polisen och staden lovar att tillsammans öka tryggheten på " +
                        std::string(Focus(pr->second.front())->place) + ".";
        p.district_id = d->id;
        for (const org::Area* pa : areas.ValidOn(today, "police_area"))
            if (pa->name == lpo_name) p.police_area_id = pa->id;
        p.period_start = std::to_string(year) + "-01-01";
        p.period_end = std::to_string(year) + "-12-31";
        p.city = {"city", "Stadsdelsdirektör", d->name + " stadsdelsförvaltning", std::to_string(year) + "-01-20"};
        p.police = {"police", "Lokalpolisområdeschef", "Lokalpolisområde " + lpo_name, std::to_string(year) + "-01-20"};
        p.is_public = d->name != "Skarpnäck";
        R::InsertPromise(c, p);
        int pos = 1;
        for (auto [title, status] : {std::pair{"Trygghetsvandringar varje kvartal", "ongoing"},
                                     {"Synlig polis vid centrum fredagskvällar", "ongoing"},
                                     {"Åtgärda belysning efter trygghetsvandring", "done"}})
            c.Query(
                "INSERT INTO promise_activities (id, promise_id, position, title, responsible, due_date, status) "
                "VALUES "
                "($1, $2, $3, $4, $5, $6, $7)",
                {NewUuid(), p.id, std::to_string(pos++), title, "Lokala samverkansgruppen", p.period_end, status});
        c.Query(
            "INSERT INTO promise_follow_ups (id, promise_id, follow_up_on, note, progress, recorded_by, recorded_at) "
            "VALUES ($1, $2, $3, $4, $5, NULL, $6)",
            {NewUuid(), p.id, Shift(today, -45), "Uppföljning i den lokala samverkansgruppen.", "40", now});
        if (d->name == "Södermalm") {
            // Next year's promise, not yet signed by the police: it stays off the portal.
            CitizenPromise next = p;
            next.id = NewUuid();
            next.title = "Medborgarlöfte Södermalm " + std::to_string(year + 1);
            next.period_start = std::to_string(year + 1) + "-01-01";
            next.period_end = std::to_string(year + 1) + "-12-31";
            next.police.signed_on.reset();
            next.city.signed_on.reset();
            next.is_public = false;
            R::InsertPromise(c, next);
        }
    }
}

}  // namespace samverkan::plans
