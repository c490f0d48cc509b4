#pragma once
// Incident reports and the reference data they are checked against.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "est/calendar.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::est {

struct Category {
    int id = 0;
    std::string code;
    std::string name_sv;
    std::string name_en;
    int position = 0;
    std::optional<std::string> retired_at;
    bool retired() const { return retired_at.has_value(); }
};

struct Place {
    std::string id;
    std::string name;
    std::string kind;
    double lat = 0;
    double lon = 0;
};

// Categories, places, police type mappings and organisations, read once and replaced as a whole
// when a coordinator changes them, so that validating a million imported rows takes no locks.
struct Reference {
    std::vector<Category> categories;
    std::vector<Place> places;
    std::map<std::string, int> police_types;           // lower-case police event type -> category id
    std::map<std::string, std::string> organisations;  // id -> name
    std::string municipality_id;                       // Stockholms stad (the area)
    std::string police_region_org_id;                  // the source of the police events feed

    static std::shared_ptr<const Reference> Load(db::Connection& conn, const org::AreaCatalog& areas);
    const Category* CategoryById(int id) const;
    // By code, Swedish name (any case) or numeric id.
    const Category* FindCategory(const std::string& key) const;
    // By id or name (any case).
    const Place* FindPlace(const std::string& key) const;
    // An organisation by id or name (any case); empty when unknown.
    std::optional<std::string> FindOrganisation(const std::string& key) const;
};

// A report as it arrives, from the form, an import row or a police event, before any checks.
struct IncidentDraft {
    std::optional<std::int64_t> occurred_utc;  // seconds since the epoch, when the source gave a time
    std::string occurred_text;                 // the time as given, for error messages
    std::string category;                      // code, Swedish name or id
    std::optional<double> lat, lon;
    std::string place;  // a place registry id or name
    std::string source_org;
    std::optional<int> severity;
    std::string text;
    std::string external_id;  // the source's own id, if any
    std::string dedup_scope;  // "polisen", "csv", "ndjson", "form:<user>"
    // Police events: the feed places them in a municipality; the area comes from the text, if any.
    bool municipality_level = false;
    std::optional<std::string> text_area_id;  // a neighbourhood named in the text
    std::string text_match;                    // the words that named it
};

// A checked report with its areas assigned, ready to store.
struct NewIncident {
    std::int64_t dedup_key = 0;
    std::int64_t occurred_utc = 0;
    Day occurred_on = 0;  // local date in Stockholm
    int category_id = 0;
    std::optional<double> lat, lon;
    std::optional<std::string> place_id;
    std::string area_id;
    std::string area_basis;  // point, place, text, municipality
    std::optional<std::string> neighbourhood_id;
    std::optional<std::string> district_id;
    std::optional<std::string> police_area_id;
    std::string source_org_id;
    std::optional<int> severity;
    std::string text;
    std::optional<std::string> external_id;
    std::optional<std::string> reporter_id;
};

// Checks a draft and assigns its areas by point-in-polygon on the layout valid on the day it
// occurred. Throws ValidationError naming the field (the JSON field name) on any failure.
NewIncident CheckIncident(const IncidentDraft& draft, const Reference& ref, const org::AreaCatalog& areas,
                          std::int64_t now_utc);

// Times: ISO 8601 ("2026-11-27T14:05", seconds and fraction optional, 'Z' or an offset; without one
// the time is local to Stockholm). Empty when malformed.
std::optional<std::int64_t> ParseInstant(std::string_view text);
// Local Stockholm wall-clock time to UTC seconds (the first of an ambiguous autumn hour).
std::int64_t StockholmLocalToUtc(Day day, int seconds_of_day);
std::string FormatInstant(std::int64_t utc_seconds);
// Lower-case for Swedish text: ASCII and the Latin-1 letters (Å, Ä, Ö, É, Ü...) in UTF-8.
std::string LowerSv(std::string_view text);

}  // namespace samverkan::est
