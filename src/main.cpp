// samverkan: the one binary. `serve` runs the platform; the other commands administer it.
#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <atomic>
#include <iostream>
#include <thread>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "app/application.hpp"
#include "app/config.hpp"
#include "audit/audit_log.hpp"
#include "auth/user_service.hpp"
#include "common/errors.hpp"
#include "common/time.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "http/server.hpp"
#include "org/area_catalog.hpp"
#include "org/area_importer.hpp"
#include "est/generator.hpp"
#include "est/incident_import.hpp"

extern char** environ;

namespace {
using namespace samverkan;

std::map<std::string, std::string> Environment() {
    std::map<std::string, std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string kv = *e;
        if (auto eq = kv.find('='); eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return env;
}

// The CLI's clock: the system clock, or the test clock of --now / SAMVERKAN_NOW. Made once per process.
const Clock& ClockOf(const app::Config& c) {
    static const std::unique_ptr<Clock> clock = app::MakeClock(c);
    return *clock;
}

std::unique_ptr<db::Database> OpenMigrated(const app::Config& c) {
    auto db = db::Database::Open(c.db, c.db_pool, ClockOf(c));
    db::Migrate(*db);
    return db;
}

// A password from standard input (one line), so that it never appears in the process list or shell history.
std::string ReadPassword() {
    std::string p;
    std::getline(std::cin, p);
    if (!p.empty() && p.back() == '\r') p.pop_back();
    return p;
}

int Serve(const app::Config& c) {
    app::Application application(c);
    http::ServerOptions o{c.bind, c.port, c.max_body, c.max_header, c.read_timeout, c.max_connections,
                          c.io_threads, c.workers, c.tls_proxy};
    o.upload_paths = {"/api/v1/incident-imports", "/api/v1/incidents:bulk", "/api/v1/safety-indicators:import",
                      "*/measures.csv", "*/follow-ups.csv", "*/indicator-values.csv"};
    http::RunServer(
        o, [&](http::Request& r) { return application.Handle(r); }, application.metrics(),
        [&](unsigned short port) {
            spdlog::info("listening on http://{}:{}/", c.bind, port);
            std::fflush(stdout);
        });
    spdlog::info("stopped");
    return 0;
}

int Locate(const app::Config& c, const std::vector<std::string>& args) {
    if (args.size() != 3) throw std::invalid_argument("usage: samverkan locate LAT LON [--date YYYY-MM-DD] [--json]");
    auto number = [](const std::string& s, const char* what, double lo, double hi) {
        double v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || v < lo || v > hi)
            throw std::invalid_argument(std::string(what) + " must be a number from " + std::to_string(lo) + " to " +
                                        std::to_string(hi) + ", got '" + s + "'");
        return v;
    };
    double lat = number(args[1], "LAT", -90, 90), lon = number(args[2], "LON", -180, 180);
    std::string date = c.date.empty() ? ClockOf(c).TodayStockholm() : c.date;
    if (!IsIsoDate(date)) throw std::invalid_argument("--date must be YYYY-MM-DD");
    auto db = OpenMigrated(c);
    db::Lease conn = db->Acquire(db::Access::kRead);
    org::AreaCatalog areas = org::AreaCatalog::Load(*conn);
    org::LocatedArea l = areas.Locate(lat, lon, date);
    if (c.json) {
        auto ref = [](const org::Area* a) -> boost::json::value {
            if (!a) return nullptr;
            return boost::json::object{{"id", a->id}, {"name", a->name}, {"code", a->code}};
        };
        std::cout << boost::json::serialize(boost::json::object{{"date", date},
                                                                {"found", l.found()},
                                                                {"neighbourhood", ref(l.neighbourhood)},
                                                                {"district", ref(l.district)},
                                                                {"police_area", ref(l.police_area)}})
                  << "\n";
        return 0;
    }
    if (!l.found()) {
        std::cout << "No area: the point is not in any neighbourhood of Stockholm on " << date << "\n";
        return 0;
    }
    std::cout << "neighbourhood: " << l.neighbourhood->name << "\n"
              << "district:      " << (l.district ? l.district->name : "(none recorded for this date)") << "\n"
              << "police area:   " << (l.police_area ? l.police_area->name : "(none recorded for this date)") << "\n";
    return 0;
}

int User(const app::Config& c, const std::vector<std::string>& args) {
    if (args.size() < 2) throw std::invalid_argument("usage: samverkan user add|list|disable|enable|set-password ...");
    auto db = OpenMigrated(c);
    auth::UserService users(*db);
    auth::Actor actor = auth::Actor::System("cli");
    const std::string& sub = args[1];
    if (sub == "list") {
        for (const auto& u : users.List())
            std::cout << u.username << "\t" << u.display_name << (u.disabled ? "\t(disabled)" : "") << "\n";
        return 0;
    }
    if (args.size() < 3) throw std::invalid_argument("usage: samverkan user " + sub + " USERNAME");
    const std::string& username = args[2];
    if (sub == "disable" || sub == "enable") {
        users.SetDisabled(actor, username, sub == "disable");
        std::cout << username << (sub == "disable" ? " disabled\n" : " enabled\n");
        return 0;
    }
    if (sub == "set-password") {
        users.SetPassword(actor, username, ReadPassword());
        std::cout << "password changed for " << username << "\n";
        return 0;
    }
    if (sub == "add") {
        auth::NewUser u{username, username, "", {}, {}};
        for (std::size_t i = 3; i < args.size(); ++i) {
            auto value = [&]() -> std::string {
                if (i + 1 >= args.size()) throw std::invalid_argument(args[i] + " needs a value");
                return args[++i];
            };
            if (args[i] == "--name") u.display_name = value();
            else if (args[i] == "--org") u.organisation_ids.push_back(value());
            else if (args[i] == "--role") {
                // ROLE, ROLE@ORG_ID or ROLE@area:AREA_ID
                std::string v = value();
                std::string role = v.substr(0, v.find('@'));
                auto r = auth::ParseRole(role);
                if (!r) throw std::invalid_argument("unknown role '" + role + "'");
                auth::Grant g{*r, std::nullopt, std::nullopt};
                if (auto at = v.find('@'); at != std::string::npos) {
                    std::string scope = v.substr(at + 1);
                    if (scope.rfind("area:", 0) == 0) g.area = AreaId(scope.substr(5));
                    else g.organisation = OrganisationId(scope);
                }
                u.grants.push_back(g);
            } else throw std::invalid_argument("unknown option " + args[i]);
        }
        u.password = ReadPassword();
        std::string id = users.Add(actor, u);
        std::cout << "user " << username << " created with id " << id << "\n";
        return 0;
    }
    throw std::invalid_argument("unknown user command '" + sub + "'");
}

// Flags of a subcommand (`--format polisen`), removed from `args`; the rest stay positional.
std::map<std::string, std::string> TakeFlags(std::vector<std::string>& args, std::initializer_list<const char*> with_value,
                                             std::initializer_list<const char*> switches = {}) {
    std::map<std::string, std::string> out;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        bool taken = false;
        for (const char* f : with_value)
            if (a == std::string("--") + f) {
                if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
                out[f] = args[++i];
                taken = true;
            }
        for (const char* f : switches)
            if (a == std::string("--") + f) {
                out[f] = "1";
                taken = true;
            }
        if (!taken) {
            if (a.rfind("--", 0) == 0) throw std::invalid_argument("unknown option " + a);
            rest.push_back(a);
        }
    }
    args = rest;
    return out;
}

int ImportIncidents(const app::Config& c, std::vector<std::string> args) {
    auto flags = TakeFlags(args, {"format", "source-org", "batch"});
    if (args.size() != 3 || !flags.count("format"))
        throw std::invalid_argument("usage: samverkan import incidents --format polisen|csv|ndjson FILE [--source-org ID] [--json]");
    auto format = est::ParseImportFormat(flags["format"]);
    if (!format) throw std::invalid_argument("--format must be polisen, csv or ndjson");
    const std::string& file = args[2];
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::invalid_argument("cannot open " + file);
    std::size_t size = std::filesystem::file_size(file);
    auto db = OpenMigrated(c);
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
    auto source = est::OpenSource(*format, in, size, *ref, areas, flags.count("source-org") ? flags["source-org"] : "");
    est::ImportProgress progress;
    est::ImportOptions o;
    o.file_name = std::filesystem::path(file).filename().string();
    o.progress = &progress;
    o.batch_size = flags.count("batch") ? std::stoul(flags["batch"]) : 20000;
    // Progress on stderr, about once a second, so that stdout stays the summary.
    std::atomic<bool> done{false};
    bool tty = isatty(2);
    auto start = std::chrono::steady_clock::now();
    std::thread reporter([&] {
        while (!done) {
            for (int i = 0; i < 10 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (done) break;
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::fprintf(stderr, "%s%5.1f %%  %zu records, %zu accepted, %zu duplicates, %zu rejected  (%.0f records/s)%s",
                         tty ? "\r" : "", progress.fraction.load() * 100, progress.processed.load(), progress.accepted.load(),
                         progress.duplicates.load(), progress.rejected.load(), progress.processed.load() / secs,
                         tty ? "" : "\n");
        }
    });
    est::ImportSummary s;
    try {
        s = est::RunImport(*db, areas, *ref, *source, actor, *format, o);
    } catch (...) {
        done = true;
        reporter.join();
        throw;
    }
    done = true;
    reporter.join();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (tty) std::fprintf(stderr, "\n");
    if (c.json) {
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
    } else {
        std::cout << s.total << " records: " << s.accepted << " accepted, " << s.duplicates << " duplicates, "
                  << s.rejected_count << " rejected (" << static_cast<long>(s.total / std::max(secs, 1e-9))
                  << " records/s)\n";
        for (std::size_t i = 0; i < s.rejected.size() && i < 20; ++i)
            std::cout << "  rejected: " << s.rejected[i].reason << "  " << boost::json::serialize(s.rejected[i].record).substr(0, 200)
                      << "\n";
        if (s.rejected_count > 20) std::cout << "  ... and " << s.rejected_count - 20 << " more (see --json)\n";
    }
    return 0;
}

int GenerateIncidents(const app::Config& c, std::vector<std::string> args) {
    auto flags = TakeFlags(args, {"count", "seed", "days", "end"}, {"peer-csv"});
    if (args.size() != 2) throw std::invalid_argument(
        "usage: samverkan generate incidents --count N [--seed S] [--days 1096] [--end YYYY-MM-DD] [--peer-csv]");
    std::size_t count = flags.count("count") ? std::stoull(flags["count"]) : 1000;
    std::uint64_t seed = flags.count("seed") ? std::stoull(flags["seed"]) : 1;
    int days = flags.count("days") ? std::stoi(flags["days"]) : 1096;
    auto end = est::ParseDay(flags.count("end") ? flags["end"] : ClockOf(c).TodayStockholm());
    if (!end) throw std::invalid_argument("--end must be YYYY-MM-DD");
    auto db = OpenMigrated(c);
    org::AreaCatalog areas;
    std::vector<std::string> sources;
    {
        db::Lease conn = db->Acquire(db::Access::kRead);
        areas = org::AreaCatalog::Load(*conn);
        auto orgs = conn->Query("SELECT id FROM organisations ORDER BY name");
        for (std::size_t i = 0; i < orgs.size(); ++i) sources.push_back(orgs.text(i, "id"));
    }
    if (sources.empty()) throw std::invalid_argument("no organisations; run `samverkan serve --demo` once, or add some");
    est::EnsureEstDefaults(*db, areas);
    std::shared_ptr<const est::Reference> ref;
    {
        db::Lease conn = db->Acquire(db::Access::kRead);
        ref = est::Reference::Load(*conn, areas);
    }
    est::IncidentGenerator gen(areas, *ref, sources, seed, *end, days);
    bool peer = flags.count("peer-csv") > 0;
    // Peer CSV (../shared/bench/PEERS.md): id,ts,district,category,source,lat,lon,text with small integers.
    std::map<std::string, int> district_no;
    std::string ref_date = est::FormatDay(*end);
    for (const org::Area* d : areas.ValidOn(ref_date, "district")) district_no[d->id] = static_cast<int>(district_no.size()) + 1;
    std::string out;
    out.reserve(1 << 20);
    char buf[512];
    for (std::size_t i = 0; i < count; ++i) {
        est::GeneratedIncident g = gen.Next();
        if (peer) {
            const org::Area* d = areas.Parent(g.neighbourhood_id, "district", ref_date);
            std::snprintf(buf, sizeof buf, "%zu,%s,%d,%d,%zu,%.6f,%.6f,\n", i + 1, est::FormatInstant(g.occurred_utc).c_str(),
                          d ? district_no[d->id] : 0, g.category_id, g.source + 1, g.lat, g.lon);
        } else {
            std::snprintf(buf, sizeof buf,
                          "{\"external_id\":\"gen-%llu-%zu\",\"occurred_at\":\"%s\",\"category\":\"%d\",\"lat\":%.6f,"
                          "\"lon\":%.6f,\"source_organisation_id\":\"%s\",\"severity\":%d}\n",
                          static_cast<unsigned long long>(seed), i + 1, est::FormatInstant(g.occurred_utc).c_str(),
                          g.category_id, g.lat, g.lon, gen.sources()[g.source].c_str(), g.severity);
        }
        out += buf;
        if (out.size() > (1 << 20) - 600) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out;
    return 0;
}

int Run(int argc, char** argv) {
    auto parsed = app::ParseCommandLine(argc, argv, Environment());
    const app::Config& c = parsed.config;
    const auto& args = parsed.positional;
    if (parsed.help || args.empty()) {
        std::cout << app::HelpText();
        return parsed.help ? 0 : 2;
    }
    spdlog::set_level(spdlog::level::from_str(c.log_level));
    const std::string& cmd = args[0];
    if (cmd == "serve") return Serve(c);
    if (cmd == "migrate") {
        auto db = db::Database::Open(c.db, 1, ClockOf(c));
        auto applied = db::Migrate(*db);
        std::cout << "applied " << applied.size() << " migration(s)\n";
        return 0;
    }
    if (cmd == "import" && args.size() == 2 && args[1] == "areas") {
        auto db = OpenMigrated(c);
        auto s = org::ImportStockholmAreas(*db, c.data_dir, auth::Actor::System("import"));
        std::cout << "imported " << s.municipalities << " municipality, " << s.districts << " districts, "
                  << s.neighbourhoods << " neighbourhoods, " << s.police_areas << " police areas, " << s.links
                  << " date-valid links\n";
        return 0;
    }
    if (cmd == "import" && args.size() >= 2 && args[1] == "incidents") return ImportIncidents(c, args);
    if (cmd == "generate" && args.size() >= 2 && args[1] == "incidents") return GenerateIncidents(c, args);
    if (cmd == "locate") return Locate(c, args);
    if (cmd == "user") return User(c, args);
    if (cmd == "audit" && args.size() == 2 && args[1] == "verify") {
        auto db = OpenMigrated(c);
        audit::VerifyResult v = audit::Verify(*db);
        if (c.json) {
            boost::json::object o{{"ok", !v.first_broken_seq}, {"rows_checked", v.rows_checked}};
            if (v.first_broken_seq) {
                o["first_broken_seq"] = *v.first_broken_seq;
                o["reason"] = v.reason;
            }
            std::cout << boost::json::serialize(o) << "\n";
        } else if (v.first_broken_seq) {
            std::cout << "BROKEN at row " << *v.first_broken_seq << ": " << v.reason << " (" << v.rows_checked
                      << " rows before it are intact)\n";
        } else {
            std::cout << "OK: " << v.rows_checked << " rows, chain intact\n";
        }
        return v.first_broken_seq ? 1 : 0;
    }
    std::cerr << "unknown command '" << cmd << "'; see samverkan --help\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    // Logs go to stderr so that command output on stdout stays machine-readable.
    spdlog::set_default_logger(spdlog::stderr_logger_mt("samverkan"));
    try {
        return Run(argc, argv);
    } catch (const samverkan::RequestError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
