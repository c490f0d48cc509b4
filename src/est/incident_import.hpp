#pragma once
// Imports of incident reports: the Swedish Police public events feed (JSON), EST spreadsheets
// (CSV) and NDJSON. Each record is checked on its own: good ones are stored, bad ones are reported
// with their reason; a file that is not the format at all is refused whole (ValidationError).
// Imports are idempotent: every incident carries a key derived from the source's id or its content.
#include <boost/json/value.hpp>
#include <atomic>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/actor.hpp"
#include "db/database.hpp"
#include "est/incident.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::est {

class IncidentIndex;

enum class ImportFormat { kPolisen, kCsv, kNdjson };
std::optional<ImportFormat> ParseImportFormat(std::string_view name);
std::string_view ImportFormatName(ImportFormat format);

// One record of a file: a draft, or the reason it could not be read.
struct SourceRecord {
    boost::json::value record;  // the record as read, for the summary
    std::optional<IncidentDraft> draft;
    std::string error;
};

class RecordSource {
public:
    virtual ~RecordSource() = default;
    virtual bool Next(SourceRecord& out) = 0;
    // How far through the input, 0..1, for progress.
    virtual double Fraction() const = 0;
    virtual std::string Encoding() const { return "utf-8"; }
};

// Opens a source over a whole file's bytes (Polisen JSON, CSV) or a stream (NDJSON, read line by
// line so that a 10-million-line file never sits in memory). Throws ValidationError when the input
// is not the format at all. `default_source_org` is used for rows that name no source.
std::unique_ptr<RecordSource> OpenSource(ImportFormat format, std::istream& in, std::size_t size_hint,
                                         const Reference& ref, const org::AreaCatalog& areas,
                                         const std::string& default_source_org);

// The police feed's datetime, e.g. "2018-04-13 9:58:49 +02:00" (the hour may have one digit).
std::optional<std::int64_t> ParsePolisenDateTime(std::string_view text);

struct ImportRejection {
    boost::json::value record;
    std::string reason;
};

struct ImportSummary {
    std::string id;
    std::string format;
    std::string status;  // running, done, refused, failed
    std::string encoding = "utf-8";
    std::size_t total = 0, accepted = 0, duplicates = 0, rejected_count = 0;
    std::vector<ImportRejection> rejected;  // the first kMaxRejectionsKept, in file order
    std::string refused_reason;
    boost::json::object ToJson() const;
};
inline constexpr std::size_t kMaxRejectionsKept = 1000;

struct ImportProgress {
    std::atomic<double> fraction{0};
    std::atomic<std::size_t> processed{0}, accepted{0}, duplicates{0}, rejected{0};
};

struct ImportOptions {
    std::string file_name;
    std::size_t batch_size = 5000;
    // Per-row permission (a reporter may only import for their own areas); empty = all rows allowed.
    std::function<std::optional<std::string>(const NewIncident&)> row_refusal;
    ImportProgress* progress = nullptr;
    IncidentIndex* index = nullptr;  // caught up after each batch
    std::optional<std::string> import_id;  // an already-registered import (the browser's job)
};

// Replaces anything that looks like a personal identity or co-ordination number in the record's
// strings with "[borttaget]": rejected records are kept and shown, and must not carry what the
// screening refused.
void MaskPersonalNumbers(boost::json::value& record);

// Registers an import (status running) and returns its id.
std::string RegisterImport(db::Database& db, const auth::Actor& actor, ImportFormat format, const std::string& file_name);
// Finishes a refused import, recording why.
void RefuseImport(db::Database& db, const std::string& import_id, const std::string& reason);

// Reads `source` to the end, storing good records in batches (one transaction each; a crash
// leaves whole batches, and a re-run adds only what is missing) and records the summary.
ImportSummary RunImport(db::Database& db, const org::AreaCatalog& areas, const Reference& ref, RecordSource& source,
                        const auth::Actor& actor, ImportFormat format, const ImportOptions& options);

// Stores one checked incident in the caller's write transaction; empty when its key is already stored.
std::optional<std::int64_t> InsertIncident(db::Connection& conn, const NewIncident& n, const std::string& reported_at,
                                           const std::optional<std::string>& import_id);

}  // namespace samverkan::est
