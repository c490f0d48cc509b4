#include "est/incident_import.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "audit/audit_log.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "est/incident_index.hpp"
#include "est/personal_number.hpp"

namespace samverkan::est {
namespace {

namespace json = boost::json;

std::string Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

// A decimal number; a Swedish decimal comma is accepted.
std::optional<double> ParseNumber(std::string text) {
    text = Trim(text);
    std::replace(text.begin(), text.end(), ',', '.');
    if (text.empty()) return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// Names of neighbourhoods and places that a police event's text may mention, longest first.
class TextMatcher {
public:
    TextMatcher(const Reference& ref, const org::AreaCatalog& areas) {
        std::vector<const org::Area*> nbs = areas.ValidOn("2100-01-01", "neighbourhood");
        for (const org::Area* a : areas.ValidOn("2000-01-01", "neighbourhood")) nbs.push_back(a);
        for (const org::Area* a : nbs) names_.push_back({LowerSv(a->name), a->id, false});
        for (const Place& p : ref.places) names_.push_back({LowerSv(p.name), p.id, true});
        std::sort(names_.begin(), names_.end(), [](const auto& a, const auto& b) { return a.lower.size() > b.lower.size(); });
    }
    struct Found {
        std::string id;
        bool place;
        std::string words;
    };
    std::optional<Found> Find(const std::string& text) const {
        std::string lower = LowerSv(text);
        std::optional<Found> best;
        std::size_t best_at = std::string::npos, best_len = 0;
        for (const auto& n : names_) {
            if (n.lower.size() < best_len) break;
            for (std::size_t at = lower.find(n.lower); at != std::string::npos; at = lower.find(n.lower, at + 1)) {
                if (!Boundary(lower, at - 1) || !Boundary(lower, at + n.lower.size())) continue;
                if (n.lower.size() > best_len || at < best_at) {
                    best = Found{n.id, n.place, text.substr(at, n.lower.size())};
                    best_at = at;
                    best_len = n.lower.size();
                }
                break;
            }
        }
        return best;
    }

private:
    static bool Boundary(const std::string& s, std::size_t i) {
        if (i == std::string::npos || i >= s.size()) return true;
        unsigned char c = static_cast<unsigned char>(s[i]);
        return !(std::isalnum(c) || c >= 0x80);
    }
    struct Name {
        std::string lower, id;
        bool place;
    };
    std::vector<Name> names_;
};

std::string ReadAll(std::istream& in) {
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// --- The Swedish Police events feed -------------------------------------------------------------
class PolisenSource final : public RecordSource {
public:
    PolisenSource(std::string text, const Reference& ref, const org::AreaCatalog& areas)
        : matcher_(ref, areas), ref_(ref) {
        if (!IsValidUtf8(text)) throw ValidationError("The file is not UTF-8, so it is not a Polisen events file.", "file");
        json::error_code ec;
        json::value v = json::parse(text, ec);
        if (ec) throw ValidationError("The file is not valid JSON (" + ec.message() + "), so it is not a Polisen events file.", "file");
        if (!v.is_array()) throw ValidationError("A Polisen events file is a JSON array of events.", "file");
        events_ = std::move(v.as_array());
    }
    double Fraction() const override { return events_.empty() ? 1.0 : static_cast<double>(next_) / events_.size(); }

    bool Next(SourceRecord& out) override {
        if (next_ >= events_.size()) return false;
        out = SourceRecord{};
        out.record = events_[next_++];
        try {
            out.draft = Read(out.record);
        } catch (const ValidationError& e) {
            out.error = e.what();
        }
        return true;
    }

private:
    static std::string Str(const json::object& o, const char* key, bool required) {
        auto* v = o.if_contains(key);
        if (!v || v->is_null()) {
            if (required) throw ValidationError(std::string(key) + " is missing.", key);
            return {};
        }
        if (v->is_string()) return std::string(v->as_string());
        if (v->is_int64()) return std::to_string(v->as_int64());
        if (v->is_uint64()) return std::to_string(v->as_uint64());
        throw ValidationError(std::string(key) + " must be a string.", key);
    }

    IncidentDraft Read(const json::value& v) {
        if (!v.is_object()) throw ValidationError("An event must be a JSON object.");
        const json::object& o = v.as_object();
        IncidentDraft d;
        d.dedup_scope = "polisen";
        d.external_id = Str(o, "id", true);
        std::string when = Str(o, "datetime", true);
        d.occurred_text = when;
        d.occurred_utc = ParsePolisenDateTime(when);
        if (!d.occurred_utc) throw ValidationError("datetime '" + when + "' is not like '2018-04-13 9:58:49 +02:00'.", "datetime");
        std::string name = Str(o, "name", true);
        std::string summary = Str(o, "summary", false);
        std::string type = Str(o, "type", true);
        auto* loc = o.if_contains("location");
        if (!loc || !loc->is_object()) throw ValidationError("location is missing.", "location");
        std::string where = Str(loc->as_object(), "name", true);
        std::string gps = Str(loc->as_object(), "gps", false);
        if (!gps.empty()) {
            auto comma = gps.find(',');
            auto lat = comma == std::string::npos ? std::nullopt : ParseNumber(gps.substr(0, comma));
            auto lon = comma == std::string::npos ? std::nullopt : ParseNumber(gps.substr(comma + 1));
            if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
                throw ValidationError("location.gps '" + gps + "' is not \"lat,lng\".", "location.gps");
        }
        std::string where_lower = LowerSv(where);
        if (where_lower == "stockholms län")
            throw ValidationError("The event is placed only in the county (Stockholms län), not in Stockholm municipality.",
                                  "location.name");
        if (where_lower != "stockholm")
            throw ValidationError("The event is in another municipality (" + where + "), outside Stockholm.", "location.name");
        auto mapped = ref_.police_types.find(LowerSv(type));
        if (mapped == ref_.police_types.end())
            throw ValidationError("No category is mapped for the police event type '" + type + "'.", "type");
        d.category = std::to_string(mapped->second);
        d.source_org = ref_.police_region_org_id;
        d.text = summary;
        d.municipality_level = true;
        // The feed's coordinates are the municipality's reference point, not the scene: the area
        // comes from a neighbourhood or place named in the text, or stays the municipality.
        if (auto found = matcher_.Find(name + " \n " + summary)) {
            if (found->place) d.place = found->id;
            else d.text_area_id = found->id;
            d.text_match = found->words;
        }
        return d;
    }

    TextMatcher matcher_;
    const Reference& ref_;
    json::array events_;
    std::size_t next_ = 0;
};

// --- EST spreadsheets (CSV) -----------------------------------------------------------------------
class CsvSource final : public RecordSource {
public:
    CsvSource(const std::string& bytes, const std::string& default_source) : default_source_(default_source) {
        std::string text = DecodeSpreadsheetText(bytes, &encoding_);
        try {
            rows_ = ParseCsv(text, GuessCsvDelimiter(text));
        } catch (const std::invalid_argument&) {
            throw ValidationError("The file is not CSV: a quoted field is never closed.", "file");
        }
        if (rows_.empty()) throw ValidationError("The file is empty.", "file");
        const CsvRow& header = rows_[0];
        for (std::size_t i = 0; i < header.size(); ++i) {
            std::string h = LowerSv(Trim(header[i]));
            std::string key = Canonical(h);
            if (!key.empty()) columns_[key] = i;
            names_.push_back(Trim(header[i]));
        }
        auto require = [&](const char* key, const char* shown) {
            if (!columns_.count(key)) throw ValidationError(std::string("The CSV file has no column '") + shown + "'.", "file");
        };
        if (!columns_.count("tidpunkt")) require("datum", "datum");
        require("kategori", "kategori");
        if (!columns_.count("plats") && !(columns_.count("lat") && columns_.count("lng")))
            throw ValidationError("The CSV file has no column 'plats', nor 'lat' and 'lng'.", "file");
    }
    std::string Encoding() const override { return encoding_; }
    double Fraction() const override { return rows_.size() <= 1 ? 1.0 : static_cast<double>(next_) / rows_.size(); }

    bool Next(SourceRecord& out) override {
        if (next_ == 0) next_ = 1;
        if (next_ >= rows_.size()) return false;
        const CsvRow& row = rows_[next_];
        out = SourceRecord{};
        json::object rec{{"row", next_ + 1}};
        for (std::size_t i = 0; i < row.size() && i < names_.size(); ++i) rec[names_[i]] = row[i];
        out.record = rec;
        ++next_;
        try {
            if (row.size() != names_.size())
                throw ValidationError("The row has " + std::to_string(row.size()) + " fields; the header has " +
                                      std::to_string(names_.size()) + ".");
            out.draft = Read(row);
        } catch (const ValidationError& e) {
            out.error = e.what();
        }
        return true;
    }

private:
    static std::string Canonical(const std::string& h) {
        if (h == "id" || h == "löpnummer" || h == "nr") return "id";
        if (h == "datum" || h == "date") return "datum";
        if (h == "tid" || h == "klockslag" || h == "time") return "tid";
        if (h == "tidpunkt" || h == "occurred_at") return "tidpunkt";
        if (h == "kategori" || h == "category") return "kategori";
        if (h == "plats" || h == "place") return "plats";
        if (h == "lat" || h == "latitud" || h == "latitude") return "lat";
        if (h == "lng" || h == "lon" || h == "longitud" || h == "longitude") return "lng";
        if (h == "källa" || h == "organisation" || h == "source") return "källa";
        if (h == "allvarlighet" || h == "allvarlighetsgrad" || h == "severity") return "allvarlighet";
        if (h == "beskrivning" || h == "fritext" || h == "text") return "beskrivning";
        return {};
    }
    std::string Cell(const CsvRow& row, const char* key) const {
        auto it = columns_.find(key);
        if (it == columns_.end() || it->second >= row.size()) return {};
        return Trim(row[it->second]);
    }
    IncidentDraft Read(const CsvRow& row) const {
        IncidentDraft d;
        d.dedup_scope = "csv";
        d.external_id = Cell(row, "id");
        if (!d.external_id.empty()) d.dedup_scope = "csv:" + Cell(row, "källa");
        std::string when = Cell(row, "tidpunkt");
        if (when.empty()) {
            std::string date = Cell(row, "datum"), time = Cell(row, "tid");
            std::replace(time.begin(), time.end(), '.', ':');  // Swedish "9.15"
            if (time.size() == 4 && time[1] == ':') time = "0" + time;
            when = date + "T" + (time.empty() ? "12:00" : time);
            d.occurred_text = time.empty() ? date : date + " " + time;
        } else {
            d.occurred_text = when;
        }
        d.occurred_utc = ParseInstant(when);
        if (!d.occurred_utc) throw ValidationError("datum/tid '" + d.occurred_text + "' is not a date (YYYY-MM-DD) and time (HH:MM).", "datum");
        d.category = Cell(row, "kategori");
        d.place = Cell(row, "plats");
        std::string lat = Cell(row, "lat"), lng = Cell(row, "lng");
        if (!lat.empty() || !lng.empty()) {
            d.lat = ParseNumber(lat);
            d.lon = ParseNumber(lng);
            if (!d.lat) throw ValidationError("lat '" + lat + "' is not a number.", "lat");
            if (!d.lon) throw ValidationError("lng '" + lng + "' is not a number.", "lng");
        }
        d.source_org = Cell(row, "källa");
        if (d.source_org.empty()) d.source_org = default_source_;
        std::string sev = LowerSv(Cell(row, "allvarlighet"));
        if (sev == "låg" || sev == "1") d.severity = 1;
        else if (sev == "medel" || sev == "2") d.severity = 2;
        else if (sev == "hög" || sev == "3") d.severity = 3;
        else if (!sev.empty()) throw ValidationError("allvarlighet '" + sev + "' is not 1–3 or låg, medel, hög.", "allvarlighet");
        d.text = Cell(row, "beskrivning");
        return d;
    }

    std::string encoding_;
    std::vector<CsvRow> rows_;
    std::vector<std::string> names_;
    std::map<std::string, std::size_t> columns_;
    std::string default_source_;
    std::size_t next_ = 0;
};

// --- NDJSON ---------------------------------------------------------------------------------------
class NdjsonSource final : public RecordSource {
public:
    NdjsonSource(std::istream& in, std::size_t size, const std::string& default_source)
        : in_(in), size_(size), default_source_(default_source) {
        // The first non-blank line decides whether this is NDJSON at all.
        while (std::getline(in_, pending_)) {
            read_ += pending_.size() + 1;
            ++line_;
            if (!Trim(pending_).empty()) break;
        }
        std::string first = Trim(pending_);
        if (first.empty()) throw ValidationError("The file is empty.", "file");
        json::error_code ec;
        json::value v = json::parse(first, ec);
        if (ec || !v.is_object())
            throw ValidationError("The file is not NDJSON: line " + std::to_string(line_) + " is not a JSON object.", "file");
        has_pending_ = true;
    }
    double Fraction() const override { return size_ ? std::min(1.0, static_cast<double>(read_) / size_) : 0.0; }

    bool Next(SourceRecord& out) override {
        std::string line;
        if (has_pending_) {
            line = std::move(pending_);
            has_pending_ = false;
        } else {
            for (;;) {
                if (!std::getline(in_, line)) return false;
                read_ += line.size() + 1;
                ++line_;
                if (!Trim(line).empty()) break;
            }
        }
        out = SourceRecord{};
        std::string trimmed = Trim(line);
        if (!IsValidUtf8(trimmed)) {
            out.record = json::object{{"line", line_}};
            out.error = "Line " + std::to_string(line_) + " is not UTF-8.";
            return true;
        }
        json::error_code ec;
        json::value v = json::parse(trimmed, ec);
        if (ec || !v.is_object()) {
            out.record = json::object{{"line", line_}, {"text", trimmed.substr(0, 300)}};
            out.error = "Line " + std::to_string(line_) + " is not a JSON object" + (ec ? " (" + ec.message() + ")." : ".");
            return true;
        }
        out.record = v;
        try {
            out.draft = Read(v.as_object());
        } catch (const ValidationError& e) {
            out.error = e.what();
        }
        return true;
    }

private:
    std::optional<std::string> Str(const json::object& o, const char* key) const {
        auto* v = o.if_contains(key);
        if (!v || v->is_null()) return std::nullopt;
        if (!v->is_string()) throw ValidationError(std::string(key) + " must be a string.", key);
        return std::string(v->as_string());
    }
    std::optional<double> Num(const json::object& o, const char* key) const {
        auto* v = o.if_contains(key);
        if (!v || v->is_null()) return std::nullopt;
        if (!v->is_number()) throw ValidationError(std::string(key) + " must be a number.", key);
        return v->to_number<double>();
    }
    IncidentDraft Read(const json::object& o) const {
        static const char* kKnown[] = {"id", "external_id", "occurred_at", "category", "lat", "lon", "lng", "place",
                                       "place_id", "source_organisation_id", "severity", "text"};
        for (const auto& kv : o)
            if (std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return kv.key() == k; }) ==
                std::end(kKnown))
                throw ValidationError("Unknown field '" + std::string(kv.key()) + "'.", std::string(kv.key()));
        IncidentDraft d;
        d.dedup_scope = "ndjson";
        d.external_id = Str(o, "external_id").value_or(Str(o, "id").value_or(""));
        d.occurred_text = Str(o, "occurred_at").value_or("");
        d.occurred_utc = ParseInstant(d.occurred_text);
        d.category = Str(o, "category").value_or("");
        d.lat = Num(o, "lat");
        d.lon = Num(o, "lon");
        if (!d.lon) d.lon = Num(o, "lng");
        d.place = Str(o, "place_id").value_or(Str(o, "place").value_or(""));
        d.source_org = Str(o, "source_organisation_id").value_or(default_source_);
        if (auto* s = o.if_contains("severity"); s && !s->is_null()) {
            if (!s->is_int64() && !s->is_uint64()) throw ValidationError("severity must be 1, 2 or 3.", "severity");
            d.severity = static_cast<int>(s->to_number<std::int64_t>());
        }
        d.text = Str(o, "text").value_or("");
        return d;
    }

    std::istream& in_;
    std::size_t size_;
    std::size_t read_ = 0;
    std::size_t line_ = 0;
    std::string pending_;
    bool has_pending_ = false;
    std::string default_source_;
};

}  // namespace

std::optional<ImportFormat> ParseImportFormat(std::string_view name) {
    if (name == "polisen") return ImportFormat::kPolisen;
    if (name == "csv") return ImportFormat::kCsv;
    if (name == "ndjson") return ImportFormat::kNdjson;
    return std::nullopt;
}

std::string_view ImportFormatName(ImportFormat f) {
    switch (f) {
        case ImportFormat::kPolisen: return "polisen";
        case ImportFormat::kCsv: return "csv";
        case ImportFormat::kNdjson: return "ndjson";
    }
    return "ndjson";
}

std::optional<std::int64_t> ParsePolisenDateTime(std::string_view s) {
    // YYYY-MM-DD H:MM:SS +HH:MM, the hour with one or two digits.
    if (s.size() < 10) return std::nullopt;
    auto day = ParseDay(s.substr(0, 10));
    if (!day || s.size() < 11 || s[10] != ' ') return std::nullopt;
    std::size_t i = 11, start = i;
    int h = 0;
    while (i < s.size() && i - start < 2 && s[i] >= '0' && s[i] <= '9') h = h * 10 + (s[i++] - '0');
    if (i == start || i >= s.size() || s[i] != ':') return std::nullopt;
    auto two = [&](std::size_t at, int& v) {
        if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
        v = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return true;
    };
    int m = 0, sec = 0, oh = 0, om = 0;
    if (!two(i + 1, m) || i + 3 >= s.size() || s[i + 3] != ':' || !two(i + 4, sec)) return std::nullopt;
    i += 6;
    if (i + 7 != s.size() || s[i] != ' ' || (s[i + 1] != '+' && s[i + 1] != '-') || !two(i + 2, oh) || s[i + 4] != ':' ||
        !two(i + 5, om))
        return std::nullopt;
    if (h > 23 || m > 59 || sec > 59 || oh > 14 || om > 59) return std::nullopt;
    int off = (oh * 3600 + om * 60) * (s[i + 1] == '+' ? 1 : -1);
    return static_cast<std::int64_t>(*day) * 86400 + h * 3600 + m * 60 + sec - off;
}

std::unique_ptr<RecordSource> OpenSource(ImportFormat format, std::istream& in, std::size_t size_hint,
                                         const Reference& ref, const org::AreaCatalog& areas,
                                         const std::string& default_source_org) {
    switch (format) {
        case ImportFormat::kPolisen: return std::make_unique<PolisenSource>(ReadAll(in), ref, areas);
        case ImportFormat::kCsv: return std::make_unique<CsvSource>(ReadAll(in), default_source_org);
        case ImportFormat::kNdjson: return std::make_unique<NdjsonSource>(in, size_hint, default_source_org);
    }
    throw ValidationError("Unknown import format.", "format");
}

json::object ImportSummary::ToJson() const {
    json::array rej;
    for (const auto& r : rejected) rej.push_back({{"record", r.record}, {"reason", r.reason}});
    json::object o{{"id", id},
                   {"format", format},
                   {"status", status},
                   {"encoding", encoding},
                   {"total", total},
                   {"accepted", accepted},
                   {"duplicates", duplicates},
                   {"rejected_count", rejected_count},
                   {"rejected", rej}};
    if (!refused_reason.empty()) o["refused_reason"] = refused_reason;
    return o;
}

void MaskPersonalNumbers(json::value& v) {
    if (v.is_string()) {
        std::string text(v.as_string());
        bool changed = false;
        while (auto m = FindPersonalNumber(text)) {
            text.replace(m->offset, m->length, "[borttaget]");
            changed = true;
        }
        if (changed) v = text;
    } else if (v.is_object()) {
        for (auto& kv : v.as_object()) MaskPersonalNumbers(kv.value());
    } else if (v.is_array()) {
        for (auto& e : v.as_array()) MaskPersonalNumbers(e);
    }
}

std::string RegisterImport(db::Database& db, const auth::Actor& actor, ImportFormat format, const std::string& file_name) {
    std::string id = NewUuid();
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        c.Query("INSERT INTO incident_imports (id, format, file_name, actor_id, actor_name, started_at, status) "
                "VALUES ($1, $2, $3, $4, $5, $6, 'running')",
                {id, std::string(ImportFormatName(format)), file_name.substr(0, 200),
                 actor.authenticated() ? db::Value(actor.id.str()) : std::nullopt, actor.username, c.clock().NowUtc()});
    });
    return id;
}

void RefuseImport(db::Database& db, const std::string& import_id, const std::string& reason) {
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        json::object summary{{"refused_reason", reason}};
        c.Query("UPDATE incident_imports SET status = 'refused', finished_at = $2, summary = $3 WHERE id = $1",
                {import_id, c.clock().NowUtc(), json::serialize(summary)});
    });
}

std::optional<std::int64_t> InsertIncident(db::Connection& c, const NewIncident& n, const std::string& reported_at,
                                           const std::optional<std::string>& import_id) {
    auto num = [](const std::optional<double>& v) -> db::Value {
        if (!v) return std::nullopt;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.7f", *v);
        return std::string(buf);
    };
    auto r = c.Query(
        "INSERT INTO incidents (dedup_key, occurred_at, occurred_on, reported_at, category_id, lat, lon, place_id, "
        "area_id, area_basis, district_id, police_area_id, source_org_id, severity, text, external_id, reporter_id, "
        "import_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
        "ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
        {std::to_string(n.dedup_key), FormatInstant(n.occurred_utc), FormatDay(n.occurred_on), reported_at,
         std::to_string(n.category_id), num(n.lat), num(n.lon), n.place_id, n.area_id, n.area_basis, n.district_id,
         n.police_area_id, n.source_org_id, n.severity ? db::Value(std::to_string(*n.severity)) : std::nullopt, n.text,
         n.external_id, n.reporter_id, import_id});
    if (r.empty()) return std::nullopt;
    return r.integer(0, "id");
}

ImportSummary RunImport(db::Database& db, const org::AreaCatalog& areas, const Reference& ref, RecordSource& source,
                        const auth::Actor& actor, ImportFormat format, const ImportOptions& options) {
    ImportSummary s;
    s.format = std::string(ImportFormatName(format));
    s.encoding = source.Encoding();
    s.id = options.import_id ? *options.import_id : RegisterImport(db, actor, format, options.file_name);
    std::int64_t now = db.clock().EpochSeconds();
    std::string reported_at = db.clock().NowUtc();

    auto reject = [&](json::value record, std::string reason) {
        MaskPersonalNumbers(record);
        ++s.rejected_count;
        if (s.rejected.size() < kMaxRejectionsKept) s.rejected.push_back({std::move(record), std::move(reason)});
        if (options.progress) options.progress->rejected = s.rejected_count;
    };
    std::vector<NewIncident> batch;
    auto flush = [&] {
        if (batch.empty()) return;
        std::size_t added = 0;
        db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
            c.SerializeOn("incidents");
            for (const NewIncident& n : batch)
                if (InsertIncident(c, n, reported_at, s.id)) ++added;
        });
        s.accepted += added;
        s.duplicates += batch.size() - added;
        batch.clear();
        if (options.index) {
            db::Lease c = db.Acquire(db::Access::kRead);
            options.index->CatchUp(*c);
        }
        if (options.progress) {
            options.progress->accepted = s.accepted;
            options.progress->duplicates = s.duplicates;
        }
    };

    try {
        SourceRecord rec;
        while (source.Next(rec)) {
            ++s.total;
            if (!rec.draft) {
                reject(std::move(rec.record), rec.error);
            } else {
                try {
                    NewIncident n = CheckIncident(*rec.draft, ref, areas, now);
                    if (actor.authenticated()) n.reporter_id = actor.id.str();
                    std::optional<std::string> refusal = options.row_refusal ? options.row_refusal(n) : std::nullopt;
                    if (refusal) reject(std::move(rec.record), *refusal);
                    else batch.push_back(std::move(n));
                } catch (const ValidationError& e) {
                    reject(std::move(rec.record), e.what());
                }
            }
            if (batch.size() >= options.batch_size) flush();
            if (options.progress && s.total % 256 == 0) {
                options.progress->processed = s.total;
                options.progress->fraction = source.Fraction();
            }
        }
        flush();
    } catch (...) {
        // Whole batches are stored; record the failure so that the import is not shown as running forever.
        db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
            c.Query("UPDATE incident_imports SET status = 'failed', finished_at = $2, total = $3, accepted = $4, "
                    "duplicates = $5, rejected = $6 WHERE id = $1",
                    {s.id, c.clock().NowUtc(), std::to_string(s.total), std::to_string(s.accepted), std::to_string(s.duplicates),
                     std::to_string(s.rejected_count)});
        });
        throw;
    }
    s.status = "done";
    if (options.progress) {
        options.progress->processed = s.total;
        options.progress->fraction = 1.0;
    }
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) {
        c.Query("UPDATE incident_imports SET status = 'done', finished_at = $2, total = $3, accepted = $4, "
                "duplicates = $5, rejected = $6, summary = $7 WHERE id = $1",
                {s.id, c.clock().NowUtc(), std::to_string(s.total), std::to_string(s.accepted), std::to_string(s.duplicates),
                 std::to_string(s.rejected_count), json::serialize(s.ToJson())});
        audit::Append(c, audit::ByActor(actor, "incident.import", "incident_import", s.id,
                                        {{"format", s.format},
                                         {"file_name", options.file_name},
                                         {"total", s.total},
                                         {"accepted", s.accepted},
                                         {"duplicates", s.duplicates},
                                         {"rejected", s.rejected_count}}));
    });
    return s;
}

}  // namespace samverkan::est
