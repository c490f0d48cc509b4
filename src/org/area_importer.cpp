#include "org/area_importer.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "audit/audit_log.hpp"
#include "common/csv.hpp"
#include "common/random.hpp"

namespace samverkan::org {
namespace {

// The layouts the reference data describes. Dates are half-open ranges.
constexpr const char* kNeighbourhoodsFrom = "2000-01-01";  // boundaries as published, stable in this period
constexpr const char* kEra13From = "2020-07-01";            // 13 districts
constexpr const char* kEra11From = "2023-07-01";            // 11 districts: Järva, Norra innerstaden
constexpr const char* kPoliceAreasFrom = "2015-01-01";      // the police reorganisation created LPOs
constexpr const char* kLpoSplit = "2025-01-01";             // LPO Norrmalm split in two
constexpr const char* kMunicipalityFrom = "1971-01-01";

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string Slug(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
        else if (c == ' ' || c == '-') out.push_back('-');
        else if (c >= 0x80) out.push_back(static_cast<char>(c));  // keep å, ä, ö as they are
    }
    return out;
}

// Lower-cases ASCII and the Latin-1 capitals that Swedish uses (UTF-8 C3 80..9E).
std::string LowerUtf8(const std::string& s) {
    std::string out = s;
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned char c = out[i];
        if (c < 0x80) out[i] = static_cast<char>(std::tolower(c));
        else if (c == 0xC3 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(out[i + 1]) <= 0x9E && static_cast<unsigned char>(out[i + 1]) != 0x97)
        {
            ++i;
            out[i] = static_cast<char>(static_cast<unsigned char>(out[i]) + 0x20);
        }
    }
    return out;
}

std::string CapitaliseFirst(const std::string& lower) {
    std::string out = lower;
    if (out.empty()) return out;
    unsigned char c = out[0];
    if (c < 0x80) out[0] = static_cast<char>(std::toupper(c));
    else if (c == 0xC3 && out.size() > 1) out[1] = static_cast<char>(static_cast<unsigned char>(out[1]) - 0x20);
    return out;
}

struct AreaRow {
    std::string code, name, kind, valid_from;
    std::optional<std::string> valid_to, geometry;
};

}  // namespace

std::string NeighbourhoodDisplayName(const std::string& upper) {
    // Swedish writes the generic part of a place name in lower case: "Gamla stan", "Enskede gård".
    static const std::set<std::string> kGeneric = {"stan", "gård", "strand", "villastad", "kyrka", "mossen", "slott"};
    static const std::map<std::string, std::string> kExpanded = {{"industriomr", "industriområde"}};
    std::istringstream in(LowerUtf8(upper));
    std::string word, out;
    bool first = true;
    while (in >> word) {
        if (auto e = kExpanded.find(word); e != kExpanded.end()) word = e->second;
        else if (first || !kGeneric.count(word)) word = CapitaliseFirst(word);
        out += (first ? "" : " ") + word;
        first = false;
    }
    return out;
}

AreaImportSummary ImportStockholmAreas(db::Database& db, const std::string& dir, const auth::Actor& actor) {
    AreaImportSummary sum;
    std::vector<AreaRow> areas;
    struct Link {
        std::string child, parent, relation, from;
        std::optional<std::string> to;
    };
    std::vector<Link> links;

    areas.push_back({"0180", "Stockholms stad", "municipality", kMunicipalityFrom, std::nullopt, std::nullopt});
    sum.municipalities = 1;

    // Neighbourhood polygons.
    auto geo = boost::json::parse(ReadFile(dir + "/stadsdelar.geojson")).as_object();
    std::map<std::string, std::string> geometry_by_name;
    for (const auto& f : geo.at("features").as_array()) {
        std::string name(f.at("properties").at("name").as_string());
        geometry_by_name[name] = boost::json::serialize(f.at("geometry"));
    }

    // Neighbourhood -> district in both eras.
    auto sd = ParseCsv(ReadFile(dir + "/stadsdelar.csv"));
    if (sd.empty() || sd[0].size() < 3 || sd[0][0] != "stadsdel") throw std::runtime_error("stadsdelar.csv: bad header");
    std::map<std::string, std::pair<std::string, std::string>> districts;  // name -> (from, to or "")
    for (std::size_t i = 1; i < sd.size(); ++i) {
        const auto& r = sd[i];
        if (r.size() < 3) throw std::runtime_error("stadsdelar.csv row " + std::to_string(i + 1) + ": too few columns");
        const std::string &upper = r[0], &d2020 = r[1], &d2023 = r[2];
        auto g = geometry_by_name.find(upper);
        if (g == geometry_by_name.end())
            throw std::runtime_error("stadsdelar.csv row " + std::to_string(i + 1) + ": no polygon for " + upper);
        std::string code = "sd-" + Slug(upper);
        areas.push_back({code, NeighbourhoodDisplayName(upper), "neighbourhood", kNeighbourhoodsFrom, std::nullopt,
                         g->second});
        ++sum.neighbourhoods;
        if (d2020 == d2023) {
            links.push_back({code, "sdo-" + Slug(d2020), "district", kEra13From, std::nullopt});
        } else {
            links.push_back({code, "sdo-" + Slug(d2020), "district", kEra13From, kEra11From});
            links.push_back({code, "sdo-" + Slug(d2023), "district", kEra11From, std::nullopt});
        }
        districts.try_emplace(d2020, kEra13From, "");
        districts.try_emplace(d2023, kEra11From, "");
        if (d2020 != d2023) districts[d2020].second = kEra11From;  // merged away on 2023-07-01
    }
    for (const auto& [name, range] : districts) {
        areas.push_back({"sdo-" + Slug(name), name, "district", range.first,
                         range.second.empty() ? std::nullopt : std::optional(range.second), std::nullopt});
        links.push_back({"sdo-" + Slug(name), "0180", "municipality", range.first,
                         range.second.empty() ? std::nullopt : std::optional(range.second)});
        ++sum.districts;
    }

    // Neighbourhood -> local police area. LPO Norrmalm was split on 2025-01-01: Kungsholmen's
    // neighbourhoods went to LPO Lidingö-Kungsholmen, Norrmalm's and Östermalm's to LPO Norra innerstaden.
    auto sl = ParseCsv(ReadFile(dir + "/stadsdel_lpo.csv"));
    if (sl.empty() || sl[0].size() < 3 || sl[0][0] != "stadsdel") throw std::runtime_error("stadsdel_lpo.csv: bad header");
    std::set<std::string> lpos;
    for (std::size_t i = 1; i < sl.size(); ++i) {
        const auto& r = sl[i];
        if (r.size() < 3) throw std::runtime_error("stadsdel_lpo.csv row " + std::to_string(i + 1) + ": too few columns");
        std::string code = "sd-" + Slug(r[0]);
        const std::string& lpo = r[2];
        lpos.insert(lpo);
        if (lpo == "Norrmalm") {
            links.push_back({code, "lpo-" + Slug(lpo), "police_area", kEra13From, kLpoSplit});
            std::string successor = r[1] == "Kungsholmen" ? "Lidingö-Kungsholmen" : "Norra innerstaden";
            lpos.insert(successor);
            links.push_back({code, "lpo-" + Slug(successor), "police_area", kLpoSplit, std::nullopt});
        } else {
            links.push_back({code, "lpo-" + Slug(lpo), "police_area", kEra13From, std::nullopt});
        }
    }
    for (const std::string& lpo : lpos) {
        bool before_split = lpo == "Norrmalm";
        bool after_split = lpo == "Lidingö-Kungsholmen" || lpo == "Norra innerstaden";
        areas.push_back({"lpo-" + Slug(lpo), lpo, "police_area", after_split ? kLpoSplit : kPoliceAreasFrom,
                         before_split ? std::optional<std::string>(kLpoSplit) : std::nullopt, std::nullopt});
        ++sum.police_areas;
    }
    sum.links = static_cast<int>(links.size());

    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        std::map<std::string, std::string> id_by_code;
        for (const AreaRow& a : areas) {
            db::Result r = c.Query(
                "INSERT INTO areas (id, code, name, kind, valid_from, valid_to, geometry) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                "valid_from = excluded.valid_from, valid_to = excluded.valid_to, geometry = excluded.geometry "
                "RETURNING id",
                {NewUuid(), a.code, a.name, a.kind, a.valid_from, a.valid_to, a.geometry});
            id_by_code[a.code] = r.text(0, "id");
        }
        c.Query("DELETE FROM area_links");
        for (const Link& l : links) {
            auto child = id_by_code.find(l.child), parent = id_by_code.find(l.parent);
            if (child == id_by_code.end() || parent == id_by_code.end())
                throw std::runtime_error("link " + l.child + " -> " + l.parent + " names an unknown area");
            c.Query("INSERT INTO area_links (child_id, parent_id, relation, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)",
                    {child->second, parent->second, l.relation, l.from, l.to});
        }
        audit::Append(c, audit::ByActor(actor, "area.import", "area", std::nullopt,
                                        {{"source", dir},
                                         {"districts", sum.districts},
                                         {"neighbourhoods", sum.neighbourhoods},
                                         {"police_areas", sum.police_areas},
                                         {"links", sum.links}}));
    });
    return sum;
}

}  // namespace samverkan::org
