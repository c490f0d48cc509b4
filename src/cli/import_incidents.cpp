// samverkan import incidents FILE --format F: imports incident reports, with progress on stderr.
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "auth/actor.hpp"
#include "cli/commands.hpp"
#include "est/generator.hpp"
#include "est/incident_import.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::cli {
namespace {

// Prints the import's progress to stderr about once a second until stopped, so that stdout stays the
// summary. On a terminal the line is rewritten in place; in a log, one line per report.
class ProgressReporter {
public:
    explicit ProgressReporter(const est::ImportProgress& progress)
        : progress_(progress), tty_(isatty(2)), start_(std::chrono::steady_clock::now()), thread_([this] { Loop(); }) {}
    ~ProgressReporter() { Stop(); }

    void Stop() {
        if (!thread_.joinable()) return;
        done_ = true;
        thread_.join();
        if (tty_) std::fprintf(stderr, "\n");
    }
    // Elapsed time for the records/s figure: a duration, measured on the steady clock, not a date.
    double Seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

private:
    void Loop() {
        while (!done_) {
            for (int i = 0; i < 10 && !done_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (done_) break;
            std::fprintf(stderr,
                         "%s%5.1f %%  %zu records, %zu accepted, %zu duplicates, %zu rejected  (%.0f records/s)%s",
                         tty_ ? "\r" : "", progress_.fraction.load() * 100, progress_.processed.load(),
                         progress_.accepted.load(), progress_.duplicates.load(), progress_.rejected.load(),
                         progress_.processed.load() / Seconds(), tty_ ? "" : "\n");
        }
    }

    const est::ImportProgress& progress_;
    bool tty_;
    std::chrono::steady_clock::time_point start_;
    std::atomic<bool> done_{false};
    std::thread thread_;  // last: it starts in the constructor and reads the members above
};

}  // namespace

int ImportIncidents(const Invocation& call) {
    std::string format_name = call.flags.Choice("format", {"polisen", "csv", "ndjson"});
    auto format = est::ParseImportFormat(format_name);
    if (!format) throw UsageError("--format needs one of polisen, csv, ndjson, got '" + format_name + "'");
    std::size_t batch = call.flags.WholeNumber("batch", 20000, 1, 1000000);
    const std::string& file = call.flags.positional()[0];
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UsageError("cannot open " + file);
    std::size_t size = std::filesystem::file_size(file);

    auto db = call.OpenMigratedDatabase();
    org::AreaCatalog areas;
    {
        db::Lease conn = db->Acquire(db::Access::kRead);
        areas = org::AreaCatalog::Load(*conn);
    }
    if (areas.size() == 0) throw std::invalid_argument("no areas; run `samverkan import areas` first");
    est::EnsureEstDefaults(*db, areas);
    std::shared_ptr<const est::Reference> ref;
    {
        db::Lease conn = db->Acquire(db::Access::kRead);
        ref = est::Reference::Load(*conn, areas);
    }
    auth::Actor actor = auth::Actor::System("import");
    auto source = est::OpenSource(*format, in, size, *ref, areas, call.flags.Text("source-org"));
    est::ImportProgress progress;
    est::ImportOptions o;
    o.file_name = std::filesystem::path(file).filename().string();
    o.progress = &progress;
    o.batch_size = batch;
    ProgressReporter reporter(progress);
    est::ImportSummary s = est::RunImport(*db, areas, *ref, *source, actor, *format, o);
    reporter.Stop();
    double secs = reporter.Seconds();

    if (call.config.json) {
        boost::json::array rejected;
        for (const auto& r : s.rejected) rejected.push_back({{"record", r.record}, {"reason", r.reason}});
        std::cout << boost::json::serialize(boost::json::object{{"accepted", s.accepted},
                                                                {"duplicates", s.duplicates},
                                                                {"rejected", rejected},
                                                                {"rejected_count", s.rejected_count},
                                                                {"total", s.total},
                                                                {"import_id", s.id},
                                                                {"encoding", s.encoding},
                                                                {"seconds", secs}})
                  << "\n";
        return 0;
    }
    std::cout << s.total << " records: " << s.accepted << " accepted, " << s.duplicates << " duplicates, "
              << s.rejected_count << " rejected (" << static_cast<long>(s.total / std::max(secs, 1e-9))
              << " records/s)\n";
    for (std::size_t i = 0; i < s.rejected.size() && i < 20; ++i)
        std::cout << "  rejected: " << s.rejected[i].reason << "  "
                  << boost::json::serialize(s.rejected[i].record).substr(0, 200) << "\n";
    if (s.rejected_count > 20) std::cout << "  ... and " << s.rejected_count - 20 << " more (see --json)\n";
    return 0;
}

}  // namespace samverkan::cli
