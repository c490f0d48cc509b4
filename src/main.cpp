// samverkan: the one binary. `serve` runs the platform; the other commands administer it.
#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <iostream>
#include <map>

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

std::unique_ptr<db::Database> OpenMigrated(const app::Config& c) {
    auto db = db::Database::Open(c.db, c.db_pool);
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
    std::string date = c.date.empty() ? TodayStockholm() : c.date;
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
        auto db = db::Database::Open(c.db, 1);
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
