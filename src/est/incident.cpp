#include "est/incident.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/errors.hpp"
#include "common/random.hpp"
#include "est/personal_number.hpp"

namespace samverkan::est {
namespace {

constexpr Day kEarliestDay = 10957;  // 2000-01-01, in Stockholm
constexpr std::int64_t kClockSkew = 300;       // a report may be up to five minutes "in the future"

int Digits(std::string_view s, std::size_t at, std::size_t n, bool& ok) {
    int v = 0;
    if (at + n > s.size()) {
        ok = false;
        return 0;
    }
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') ok = false;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

std::string Fixed6(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

std::int64_t KeyOf(const std::string& material) {
    std::string hex = Sha256Hex(material).substr(0, 16);
    std::uint64_t u = 0;
    std::from_chars(hex.data(), hex.data() + hex.size(), u, 16);
    return static_cast<std::int64_t>(u);
}

}  // namespace

std::string LowerSv(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(out[i]);
        if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
        else if (c == 0xC3 && i + 1 < out.size()) {
            unsigned char d = static_cast<unsigned char>(out[i + 1]);
            if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
            ++i;
        }
    }
    return out;
}

std::int64_t StockholmLocalToUtc(Day day, int seconds_of_day) {
    std::int64_t local = static_cast<std::int64_t>(day) * 86400 + seconds_of_day;
    // Try summer time first: in the repeated autumn hour that picks the earlier instant.
    std::int64_t summer = local - 7200;
    if (StockholmOffsetSeconds(summer) == 7200) return summer;
    return local - 3600;
}

std::string FormatInstant(std::int64_t t) {
    Day day = static_cast<Day>(t >= 0 ? t / 86400 : (t - 86399) / 86400);
    int sod = static_cast<int>(t - static_cast<std::int64_t>(day) * 86400);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.000Z", FormatDay(day).c_str(), sod / 3600, sod / 60 % 60, sod % 60);
    return buf;
}

std::optional<std::int64_t> ParseInstant(std::string_view s) {
    if (s.size() < 16) return std::nullopt;
    auto day = ParseDay(s.substr(0, 10));
    if (!day || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return std::nullopt;
    bool ok = true;
    int h = Digits(s, 11, 2, ok), m = Digits(s, 14, 2, ok), sec = 0;
    std::size_t i = 16;
    if (i < s.size() && s[i] == ':') {
        sec = Digits(s, i + 1, 2, ok);
        i += 3;
        if (i < s.size() && s[i] == '.') {
            ++i;
            std::size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
            if (i == start) return std::nullopt;
        }
    }
    if (!ok || h > 23 || m > 59 || sec > 59) return std::nullopt;
    int sod = h * 3600 + m * 60 + sec;
    if (i == s.size()) return StockholmLocalToUtc(*day, sod);
    std::int64_t base = static_cast<std::int64_t>(*day) * 86400 + sod;
    if (s[i] == 'Z' && i + 1 == s.size()) return base;
    if ((s[i] == '+' || s[i] == '-') && i + 6 == s.size() && s[i + 3] == ':') {
        int oh = Digits(s, i + 1, 2, ok), om = Digits(s, i + 4, 2, ok);
        if (!ok || oh > 14 || om > 59) return std::nullopt;
        int off = (oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
        return base - off;
    }
    return std::nullopt;
}

std::shared_ptr<const Reference> Reference::Load(db::Connection& conn, const org::AreaCatalog& areas) {
    auto ref = std::make_shared<Reference>();
    auto cats = conn.Query("SELECT id, code, name_sv, name_en, position, retired_at FROM incident_categories ORDER BY position, id");
    for (std::size_t i = 0; i < cats.size(); ++i)
        ref->categories.push_back({static_cast<int>(cats.integer(i, "id")), cats.text(i, "code"), cats.text(i, "name_sv"),
                                   cats.text(i, "name_en"), static_cast<int>(cats.integer(i, "position")),
                                   cats.at(i, "retired_at")});
    auto places = conn.Query("SELECT id, name, kind, lat, lon FROM places ORDER BY name");
    for (std::size_t i = 0; i < places.size(); ++i)
        ref->places.push_back({places.text(i, "id"), places.text(i, "name"), places.text(i, "kind"),
                               std::stod(places.text(i, "lat")), std::stod(places.text(i, "lon"))});
    auto types = conn.Query("SELECT police_type, category_id FROM police_type_mappings");
    for (std::size_t i = 0; i < types.size(); ++i)
        ref->police_types[LowerSv(types.text(i, "police_type"))] = static_cast<int>(types.integer(i, "category_id"));
    auto orgs = conn.Query("SELECT id, name, kind FROM organisations ORDER BY name");
    for (std::size_t i = 0; i < orgs.size(); ++i) {
        ref->organisations[orgs.text(i, "id")] = orgs.text(i, "name");
        if (orgs.text(i, "kind") == "police_region" && ref->police_region_org_id.empty())
            ref->police_region_org_id = orgs.text(i, "id");
    }
    for (const org::Area* a : areas.ValidOn("2100-01-01", "municipality")) ref->municipality_id = a->id;
    if (ref->municipality_id.empty())
        for (const org::Area* a : areas.ValidOn("2000-01-01", "municipality")) ref->municipality_id = a->id;
    return ref;
}

const Category* Reference::CategoryById(int id) const {
    for (const auto& c : categories)
        if (c.id == id) return &c;
    return nullptr;
}

const Category* Reference::FindCategory(const std::string& key) const {
    std::string lower = LowerSv(key);
    for (const auto& c : categories)
        if (c.code == key || LowerSv(c.name_sv) == lower || std::to_string(c.id) == key) return &c;
    return nullptr;
}

const Place* Reference::FindPlace(const std::string& key) const {
    std::string lower = LowerSv(key);
    for (const auto& p : places)
        if (p.id == key || LowerSv(p.name) == lower) return &p;
    return nullptr;
}

std::optional<std::string> Reference::FindOrganisation(const std::string& key) const {
    if (organisations.count(key)) return key;
    std::string lower = LowerSv(key);
    for (const auto& [id, name] : organisations)
        if (LowerSv(name) == lower) return id;
    return std::nullopt;
}

NewIncident CheckIncident(const IncidentDraft& d, const Reference& ref, const org::AreaCatalog& areas,
                          std::int64_t now) {
    NewIncident n;
    if (!d.occurred_utc)
        throw ValidationError(d.occurred_text.empty() ? "occurred_at is required."
                                                       : "occurred_at '" + d.occurred_text + "' is not a valid time.",
                              "occurred_at");
    if (*d.occurred_utc > now + kClockSkew) throw ValidationError("occurred_at is in the future.", "occurred_at");
    if (StockholmDay(*d.occurred_utc) < kEarliestDay) throw ValidationError("occurred_at is before 2000.", "occurred_at");
    n.occurred_utc = *d.occurred_utc;
    n.occurred_on = StockholmDay(n.occurred_utc);
    std::string date = FormatDay(n.occurred_on);

    if (d.category.empty()) throw ValidationError("category is required.", "category");
    const Category* cat = ref.FindCategory(d.category);
    if (!cat) throw ValidationError("Unknown category '" + d.category + "'.", "category");
    if (cat->retired()) throw ValidationError("The category '" + cat->name_sv + "' is retired.", "category");
    n.category_id = cat->id;

    if (d.severity && (*d.severity < 1 || *d.severity > 3))
        throw ValidationError("severity must be 1 (låg), 2 (medel) or 3 (hög).", "severity");
    n.severity = d.severity;

    if (d.text.size() > 4000) throw ValidationError("text is longer than 4000 characters.", "text");
    if (auto pn = FindPersonalNumber(d.text)) {
        std::size_t chars = 0;  // the position in characters, not UTF-8 bytes
        for (std::size_t i = 0; i < pn->offset; ++i)
            if ((static_cast<unsigned char>(d.text[i]) & 0xC0) != 0x80) ++chars;
        throw ValidationError(std::string("text contains something that looks like a ") +
                                  (pn->coordination ? "co-ordination number" : "personal identity number") +
                                  " (at character " + std::to_string(chars + 1) +
                                  "). The situation picture is about places, not persons: remove it.",
                              "text");
    }
    n.text = d.text;

    if (d.source_org.empty()) throw ValidationError("source_organisation_id is required.", "source_organisation_id");
    auto org = ref.FindOrganisation(d.source_org);
    if (!org) throw ValidationError("Unknown source organisation '" + d.source_org + "'.", "source_organisation_id");
    n.source_org_id = *org;

    // The place: a named place, coordinates, a neighbourhood named in a police event, or only the municipality.
    std::optional<double> lat = d.lat, lon = d.lon;
    if (!d.place.empty()) {
        const Place* p = ref.FindPlace(d.place);
        if (!p) throw ValidationError("Unknown place '" + d.place + "'.", "place_id");
        n.place_id = p->id;
        lat = p->lat;
        lon = p->lon;
        n.area_basis = d.municipality_level ? "text" : "place";
    }
    if (d.text_area_id && !n.place_id) {
        n.neighbourhood_id = d.text_area_id;
        n.area_basis = "text";
    } else if (lat || lon) {
        if (!lat || !lon) throw ValidationError("Give both lat and lon.", lat ? "lon" : "lat");
        if (!std::isfinite(*lat) || *lat < -90 || *lat > 90) throw ValidationError("lat must be from -90 to 90.", "lat");
        if (!std::isfinite(*lon) || *lon < -180 || *lon > 180) throw ValidationError("lon must be from -180 to 180.", "lon");
        org::LocatedArea at = areas.Locate(*lat, *lon, date);
        if (!at.found()) {
            bool swapped = areas.Locate(*lon, *lat, date).found();
            throw ValidationError(swapped ? "The point is outside Stockholm municipality; lat and lon look swapped."
                                          : "The point is outside Stockholm municipality.",
                                  n.place_id ? "place_id" : "lat");
        }
        n.neighbourhood_id = at.neighbourhood->id;
        if (n.area_basis.empty()) n.area_basis = "point";
        n.lat = lat;
        n.lon = lon;
    } else if (d.municipality_level) {
        n.area_basis = "municipality";
    } else {
        throw ValidationError("Give a place: place_id, or lat and lon.", "place_id");
    }
    if (n.neighbourhood_id) {
        n.area_id = *n.neighbourhood_id;
        if (const org::Area* dist = areas.Parent(*n.neighbourhood_id, "district", date)) n.district_id = dist->id;
        if (const org::Area* pa = areas.Parent(*n.neighbourhood_id, "police_area", date)) n.police_area_id = pa->id;
    } else {
        if (ref.municipality_id.empty()) throw ValidationError("No municipality area is registered.", "place_id");
        n.area_id = ref.municipality_id;
    }

    if (!d.external_id.empty()) n.external_id = d.external_id;
    std::string material = d.dedup_scope + "\n";
    if (!d.external_id.empty()) {
        material += "id:" + d.external_id;
    } else {
        material += std::to_string(n.occurred_utc) + "|" + std::to_string(n.category_id) + "|" +
                    (n.lat ? Fixed6(*n.lat) + "," + Fixed6(*n.lon) : "") + "|" + n.place_id.value_or("") + "|" +
                    n.area_id + "|" + n.source_org_id + "|" + (n.severity ? std::to_string(*n.severity) : "") + "|" +
                    n.text;
    }
    n.dedup_key = KeyOf(material);
    return n;
}

}  // namespace samverkan::est
