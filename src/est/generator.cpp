#include "est/generator.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "audit/audit_log.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "est/incident_import.hpp"

namespace samverkan::est {

IncidentGenerator::IncidentGenerator(const org::AreaCatalog& areas, const Reference& ref, std::vector<std::string> sources,
                                     std::uint64_t seed, Day end, int days)
    : areas_(areas), sources_(std::move(sources)), rng_(seed), first_(end - days + 1), days_(days) {
    if (sources_.empty()) throw std::invalid_argument("no organisations to attribute incidents to");
    std::vector<double> weights;
    std::mt19937_64 w(42);  // the city's shape does not depend on the seed
    for (const org::Area* a : areas.ValidOn(FormatDay(end), "neighbourhood")) {
        if (!areas.BoundingBox(a->id)) continue;
        nbs_.push_back(a->id);
        // A long tail: a few neighbourhoods (centres, squares) get most reports.
        double u = std::uniform_real_distribution<double>(0, 1)(w);
        weights.push_back(0.2 + 8.0 * u * u * u);
    }
    if (nbs_.empty()) throw std::invalid_argument("no neighbourhoods; import areas first");
    nb_pick_ = std::discrete_distribution<int>(weights.begin(), weights.end());
    static const std::map<std::string, double> kShare{
        {"klotter", 25}, {"nedskrapning", 20}, {"skadegorelse", 15}, {"otrygg_plats", 10}, {"storande_folksamling", 8},
        {"narkotika", 8}, {"hot_vald", 6}, {"inbrott", 5}, {"brand", 3}};
    std::vector<double> cw;
    for (const Category& c : ref.categories) {
        if (c.retired()) continue;
        categories_.push_back(c.id);
        auto it = kShare.find(c.code);
        cw.push_back(it == kShare.end() ? 2.0 : it->second);
    }
    if (categories_.empty()) throw std::invalid_argument("no categories");
    cat_pick_ = std::discrete_distribution<int>(cw.begin(), cw.end());
    points_.resize(nbs_.size());
}

namespace {
double Round6(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return std::strtod(buf, nullptr);
}
}  // namespace

std::pair<double, double> IncidentGenerator::PointIn(const std::string& id) {
    auto pos = std::find(nbs_.begin(), nbs_.end(), id);
    if (pos == nbs_.end()) throw std::invalid_argument("unknown neighbourhood");
    auto& pool = points_[static_cast<std::size_t>(pos - nbs_.begin())];
    if (pool.empty()) {
        auto box = *areas_.BoundingBox(id);
        std::mt19937_64 g(std::hash<std::string>{}(id));
        std::uniform_real_distribution<double> lat(box.min_lat, box.max_lat), lon(box.min_lon, box.max_lon);
        std::string date = FormatDay(first_ + days_ - 1);
        for (int tries = 0; pool.size() < 64 && tries < 20000; ++tries) {
            // Points are written with 6 decimals (about 0.1 m); test the point as written, so that one near a
            // boundary does not fall outside the city once rounded.
            double a = Round6(lat(g)), o = Round6(lon(g));
            auto at = areas_.Locate(a, o, date);
            if (at.found() && at.neighbourhood->id == id) pool.emplace_back(a, o);
        }
        if (pool.empty()) throw std::runtime_error("no point found inside a neighbourhood");
    }
    return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng_)];
}

GeneratedIncident IncidentGenerator::Next() {
    GeneratedIncident g{};
    // Summer weeks a little busier than winter ones.
    Day day;
    for (;;) {
        day = first_ + std::uniform_int_distribution<int>(0, days_ - 1)(rng_);
        int month_day = (day - ParseDay("2000-01-01").value()) % 365;
        double season = 0.75 + 0.25 * (1 - std::abs(month_day - 190) / 190.0);
        if (std::uniform_real_distribution<double>(0, 1)(rng_) < season) break;
    }
    // Evening-heavy time of day.
    int hour = std::uniform_real_distribution<double>(0, 1)(rng_) < 0.6 ? std::uniform_int_distribution<int>(16, 23)(rng_)
                                                                        : std::uniform_int_distribution<int>(0, 23)(rng_);
    int second = hour * 3600 + std::uniform_int_distribution<int>(0, 3599)(rng_);
    g.occurred_utc = StockholmLocalToUtc(day, second);
    std::size_t nb = static_cast<std::size_t>(nb_pick_(rng_));
    g.neighbourhood_id = nbs_[nb];
    auto [lat, lon] = PointIn(g.neighbourhood_id);
    g.lat = lat;
    g.lon = lon;
    g.category_id = categories_[static_cast<std::size_t>(cat_pick_(rng_))];
    g.source = std::uniform_int_distribution<std::size_t>(0, sources_.size() - 1)(rng_);
    int s = std::uniform_int_distribution<int>(1, 10)(rng_);
    g.severity = s <= 5 ? 1 : (s <= 9 ? 2 : 3);
    return g;
}

void EnsureEstDefaults(db::Database& db, const org::AreaCatalog& areas) {
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        if (!c.Query("SELECT 1 FROM incident_categories LIMIT 1").empty()) return;
        struct Cat {
            const char *code, *sv, *en;
        };
        static const Cat kCats[] = {{"skadegorelse", "Skadegörelse", "Vandalism"},
                                    {"klotter", "Klotter", "Graffiti"},
                                    {"nedskrapning", "Nedskräpning", "Littering"},
                                    {"otrygg_plats", "Otrygg plats/belysning", "Unsafe place/lighting"},
                                    {"narkotika", "Narkotikahantering", "Drug dealing"},
                                    {"storande_folksamling", "Störande folksamling", "Disruptive gathering"},
                                    {"hot_vald", "Hot/våld", "Threats/violence"},
                                    {"brand", "Brand", "Fire"},
                                    {"inbrott", "Inbrott", "Burglary"}};
        int id = 1;
        for (const Cat& k : kCats) {
            c.Query("INSERT INTO incident_categories (id, code, name_sv, name_en, position) VALUES ($1, $2, $3, $4, $5)",
                    {std::to_string(id), k.code, k.sv, k.en, std::to_string(id)});
            ++id;
        }
        // Police event types (as the public feed names them) to categories.
        static const std::pair<const char*, int> kTypes[] = {
            {"skadegörelse", 1}, {"klotter", 2}, {"narkotikabrott", 5}, {"bråk", 6}, {"ordningslagen", 6},
            {"fylleri/lob", 6}, {"misshandel", 7}, {"misshandel, grov", 7}, {"olaga hot", 7}, {"rån", 7},
            {"rån väpnat", 7}, {"våld/hot mot tjänsteman", 7}, {"skottlossning", 7}, {"knivlagen", 7}, {"brand", 8},
            {"mordbrand", 8}, {"inbrott", 9}, {"inbrott, försök", 9}, {"stöld/inbrott", 9}};
        for (const auto& [type, cat] : kTypes)
            c.Query("INSERT INTO police_type_mappings (police_type, category_id) VALUES ($1, $2)", {type, std::to_string(cat)});
        // Well-known places; each must lie inside a neighbourhood.
        struct P {
            const char *name, *kind;
            double lat, lon;
        };
        static const P kPlaces[] = {
            {"Sergels torg", "square", 59.33233, 18.06432},      {"T-Centralen", "station", 59.33116, 18.05985},
            {"Medborgarplatsen", "square", 59.31431, 18.07368},   {"Slussen", "station", 59.31946, 18.07217},
            {"Stortorget", "square", 59.32506, 18.07079},         {"Hötorget", "square", 59.33486, 18.06303},
            {"Odenplan", "square", 59.34291, 18.04931},           {"Fridhemsplan", "station", 59.33236, 18.02968},
            {"Rinkeby torg", "square", 59.38810, 17.92858},       {"Tensta centrum", "centre", 59.39434, 17.90110},
            {"Kista torg", "square", 59.40320, 17.94441},         {"Husby centrum", "centre", 59.41023, 17.92530},
            {"Hjulsta", "station", 59.39660, 17.88800},           {"Vällingby centrum", "centre", 59.36331, 17.87209},
            {"Skärholmen centrum", "centre", 59.27693, 17.90694}, {"Farsta centrum", "centre", 59.24327, 18.09325},
            {"Gullmarsplan", "station", 59.29899, 18.08091},      {"Globen", "other", 59.29354, 18.08308},
            {"Hökarängen centrum", "centre", 59.25768, 18.08246}, {"Rågsveds centrum", "centre", 59.25633, 18.02888},
            {"Bagarmossen centrum", "centre", 59.27625, 18.13141}, {"Björns trädgård", "park", 59.31470, 18.07520},
            {"Tantolunden", "park", 59.31230, 18.04280},          {"Kungsträdgården", "park", 59.33070, 18.07110}};
        std::string today = db.clock().TodayStockholm();
        for (const P& p : kPlaces) {
            if (!areas.Locate(p.lat, p.lon, today).found()) continue;  // areas not imported yet: skip, never guess
            c.Query("INSERT INTO places (id, name, kind, lat, lon, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    {NewUuid(), p.name, p.kind, std::to_string(p.lat), std::to_string(p.lon), db.clock().NowUtc()});
        }
        audit::Append(c, audit::ByActor(auth::Actor::System("defaults"), "incident_category.defaults", "incident_category",
                                        std::nullopt));
    });
}

void LoadDemoIncidents(db::Database& db, const org::AreaCatalog& areas, std::size_t count) {
    if (count == 0) return;  // --demo-incidents 0: an empty situation picture (benchmarks bring their own)
    {
        db::Lease c = db.Acquire(db::Access::kRead);
        if (!c->Query("SELECT 1 FROM incidents LIMIT 1").empty()) return;
    }
    std::shared_ptr<const Reference> ref;
    std::vector<std::string> sources;
    {
        db::Lease c = db.Acquire(db::Access::kRead);
        ref = Reference::Load(*c, areas);
        auto orgs = c->Query("SELECT id FROM organisations WHERE kind IN ('local_police_area', 'district_committee', "
                             "'municipal_company') ORDER BY name");
        for (std::size_t i = 0; i < orgs.size(); ++i) sources.push_back(orgs.text(i, "id"));
    }
    if (sources.empty()) return;
    Day today = *ParseDay(db.clock().TodayStockholm());
    // Up to yesterday, so that the current week holds only the planted cluster and what users file.
    IncidentGenerator gen(areas, *ref, sources, 2026, today - 1, 730);
    std::vector<NewIncident> rows;
    std::string reported = db.clock().NowUtc();
    auto add = [&](const GeneratedIncident& g, const std::string& text) {
        NewIncident n;
        n.occurred_utc = g.occurred_utc;
        n.occurred_on = StockholmDay(g.occurred_utc);
        n.category_id = g.category_id;
        n.lat = g.lat;
        n.lon = g.lon;
        n.area_id = g.neighbourhood_id;
        n.area_basis = "point";
        n.neighbourhood_id = g.neighbourhood_id;
        std::string date = FormatDay(n.occurred_on);
        if (auto* d = areas.Parent(g.neighbourhood_id, "district", date)) n.district_id = d->id;
        if (auto* p = areas.Parent(g.neighbourhood_id, "police_area", date)) n.police_area_id = p->id;
        n.source_org_id = gen.sources()[g.source];
        n.severity = g.severity;
        n.text = text;
        n.dedup_key = static_cast<std::int64_t>(std::hash<std::string>{}("demo:" + std::to_string(rows.size())) >> 1);
        rows.push_back(std::move(n));
    };
    for (std::size_t i = 0; i < count; ++i) add(gen.Next(), "");
    // The planted hotspot: Klotter in Rinkeby, this week (Monday up to today, daytime).
    std::string rinkeby;
    for (const org::Area* a : areas.ValidOn(FormatDay(today), "neighbourhood"))
        if (a->name == "Rinkeby") rinkeby = a->id;
    const Category* klotter = nullptr;
    for (const auto& c : ref->categories)
        if (c.code == "klotter") klotter = &c;
    if (!rinkeby.empty() && klotter) {
        Day monday = today - (Weekday(today) - 1);
        static const char* kTexts[] = {"Klotter på tunnelbanans entré", "Nytt klotter på skolans fasad",
                                       "Taggar på busskuren vid torget", "Klotter i gångtunneln",
                                       "Klotter på elskåp längs gångvägen", "Omfattande klotter på garagelängan",
                                       "Klotter på återvinningsstationen", "Klotter på lekplatsens staket"};
        for (int i = 0; i < 8; ++i) {
            Day d = monday + i % (today - monday + 1);
            GeneratedIncident g{StockholmLocalToUtc(d, 9 * 3600 + i * 900), klotter->id, 0, 0, rinkeby, 0, 1 + i % 2};
            auto [lat, lon] = gen.PointIn(rinkeby);
            g.lat = lat;
            g.lon = lon;
            add(g, kTexts[i]);
        }
    }
    for (std::size_t at = 0; at < rows.size(); at += 5000) {
        db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
            c.SerializeOn("incidents");
            for (std::size_t i = at; i < std::min(rows.size(), at + 5000); ++i) InsertIncident(c, rows[i], reported, std::nullopt);
            if (at == 0)
                audit::Append(c, audit::ByActor(auth::Actor::System("demo"), "incident.demo_load", "incident", std::nullopt,
                                                {{"count", rows.size()}}));
        });
    }
}

void LoadDemoDuties(db::Database& db, const org::AreaCatalog& areas) {
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        if (!c.Query("SELECT 1 FROM reporting_duties LIMIT 1").empty()) return;
        auto user = c.Query("SELECT id FROM users WHERE username = 'reporter'");
        if (user.empty()) return;
        for (const org::Area* d : areas.ValidOn(db.clock().TodayStockholm(), "district")) {
            if (d->name != "Södermalm") continue;
            c.Query("INSERT INTO reporting_duties (user_id, area_id, created_at) VALUES ($1, $2, $3)",
                    {user.text(0, "id"), d->id, db.clock().NowUtc()});
            audit::Append(c, audit::ByActor(auth::Actor::System("demo"), "reporting_duty.add", "user", user.text(0, "id"),
                                            {{"area_id", d->id}}));
        }
    });
}

}  // namespace samverkan::est
