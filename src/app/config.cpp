#include "app/config.hpp"

#include <fstream>
#include <functional>
#include <stdexcept>

namespace samverkan::app {
namespace {

struct Option {
    const char* name;  // long flag without "--"; env var is SAMVERKAN_ + upper-case with '_'
    const char* value_name;  // empty for a switch
    const char* help;
    std::function<void(Config&, const std::string&)> set;
};

int ToInt(const std::string& flag, const std::string& v, int min, int max) {
    try {
        std::size_t used = 0;
        long n = std::stol(v, &used);
        if (used != v.size() || n < min || n > max) throw std::out_of_range("");
        return static_cast<int>(n);
    } catch (const std::exception&) {
        throw std::invalid_argument("--" + flag + " needs a whole number from " + std::to_string(min) + " to " +
                                    std::to_string(max) + ", got '" + v + "'");
    }
}

bool ToBool(const std::string& v) { return v.empty() || v == "1" || v == "true" || v == "yes" || v == "on"; }

const std::vector<Option>& Options() {
    static const std::vector<Option> kOptions = {
        {"db", "URL", "Database: sqlite:FILE (embedded, default sqlite:samverkan.db) or postgresql://user:pass@host/db",
         [](Config& c, const std::string& v) { c.db = v; }},
        {"bind", "ADDR", "Address to listen on (default 127.0.0.1)", [](Config& c, const std::string& v) { c.bind = v; }},
        {"port", "N", "TCP port to listen on; 0 picks a free one and prints it (default 8080)",
         [](Config& c, const std::string& v) { c.port = ToInt("port", v, 0, 65535); }},
        {"static", "DIR", "Built front end to serve (default web/dist)",
         [](Config& c, const std::string& v) { c.static_dir = v; }},
        {"data", "DIR", "Reference data for `import areas` and --demo (default data/stockholm)",
         [](Config& c, const std::string& v) { c.data_dir = v; }},
        {"demo", "", "With serve: load the Stockholm demo data into an empty database",
         [](Config& c, const std::string& v) { c.demo = ToBool(v); }},
        {"max-body", "BYTES", "Largest request body accepted; larger gets 413 (default 1048576)",
         [](Config& c, const std::string& v) { c.max_body = ToInt("max-body", v, 1024, 1 << 30); }},
        {"max-header", "BYTES", "Largest request head (all headers) accepted; larger gets 431 (default 8192)",
         [](Config& c, const std::string& v) { c.max_header = ToInt("max-header", v, 1024, 1 << 20); }},
        {"read-timeout", "SECONDS", "A client must send a whole request within this time or is dropped (default 15)",
         [](Config& c, const std::string& v) { c.read_timeout = ToInt("read-timeout", v, 1, 3600); }},
        {"max-connections", "N", "Open connections allowed at once; more get 503 (default 1024)",
         [](Config& c, const std::string& v) { c.max_connections = ToInt("max-connections", v, 1, 1000000); }},
        {"io-threads", "N", "Network I/O threads (default: the number of cores, at most 4)",
         [](Config& c, const std::string& v) { c.io_threads = ToInt("io-threads", v, 1, 64); }},
        {"workers", "N", "Threads for request handling and database work (default: the number of cores, at most 4; raise it for PostgreSQL over a network)",
         [](Config& c, const std::string& v) { c.workers = ToInt("workers", v, 1, 256); }},
        {"db-pool", "N", "Database connections (SQLite: readers; PostgreSQL: all) (default 4)",
         [](Config& c, const std::string& v) { c.db_pool = ToInt("db-pool", v, 1, 256); }},
        {"session-idle-minutes", "N", "Sign out after this long without a request (default 60)",
         [](Config& c, const std::string& v) { c.session_idle_minutes = ToInt("session-idle-minutes", v, 1, 24 * 60); }},
        {"tls-proxy", "", "Served behind a TLS-terminating proxy: mark cookies Secure and send HSTS",
         [](Config& c, const std::string& v) { c.tls_proxy = ToBool(v); }},
        {"consultation-lead-days", "N", "A major decision's political consultation must open this many days before it (default 14)",
         [](Config& c, const std::string& v) { c.consultation_lead_days = ToInt("consultation-lead-days", v, 0, 365); }},
        {"access-log", "BOOL", "Log one line per request (method, path, status, time, request id) (default true)",
         [](Config& c, const std::string& v) { c.access_log = ToBool(v); }},
        {"log-level", "LEVEL", "trace, debug, info, warn or error (default info)",
         [](Config& c, const std::string& v) { c.log_level = v; }},
        {"demo-incidents", "N", "With --demo: how many synthetic incident reports to generate (default 30000)",
         [](Config& c, const std::string& v) { c.demo_incidents = ToInt("demo-incidents", v, 0, 100000000); }},
        {"json", "", "Print machine-readable JSON instead of text (the commands whose usage shows [--json])",
         [](Config& c, const std::string& v) { c.json = ToBool(v); }},
        {"date", "YYYY-MM-DD", "With locate: the date whose area layout applies (default today)",
         [](Config& c, const std::string& v) { c.date = v; }},
        {"now", "INSTANT", "Test only: take INSTANT (e.g. 2026-11-27T10:00:00Z) as the time at start; the clock runs on from there",
         [](Config& c, const std::string& v) {
             c.now = ParseInstant(v);
             if (!c.now) throw std::invalid_argument("--now needs an instant such as 2026-11-27T10:00:00Z, got '" + v + "'");
         }},
    };
    return kOptions;
}

std::string EnvName(const std::string& flag) {
    std::string out = "SAMVERKAN_";
    for (char c : flag) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return out;
}

const Option* FindOption(const std::string& name) {
    for (const Option& o : Options())
        if (name == o.name) return &o;
    return nullptr;
}

}  // namespace

ParsedCommandLine ParseCommandLine(int argc, char** argv, const std::map<std::string, std::string>& env) {
    ParsedCommandLine out;
    std::vector<std::pair<const Option*, std::string>> flags;
    std::string config_file;
    if (auto it = env.find("SAMVERKAN_CONFIG"); it != env.end()) config_file = it->second;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            out.help = true;
            continue;
        }
        if (a.rfind("--", 0) != 0) {
            out.positional.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        if (name == "config") {
            if (!has_value) {
                if (i + 1 >= argc) throw std::invalid_argument("--config needs a FILE");
                value = argv[++i];
            }
            config_file = value;
            continue;
        }
        const Option* o = FindOption(name);
        if (!o) {
            // Unknown flags belong to the subcommand (e.g. `user add --role`), kept in order.
            out.positional.push_back(a);
            continue;
        }
        if (!has_value && *o->value_name) {
            if (i + 1 >= argc) throw std::invalid_argument("--" + name + " needs a " + o->value_name);
            value = argv[++i];
        }
        flags.emplace_back(o, value);
    }
    if (!config_file.empty()) {
        std::ifstream in(config_file);
        if (!in) throw std::invalid_argument("cannot read config file " + config_file);
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            auto trim = [](std::string s) {
                s.erase(0, s.find_first_not_of(" \t\r"));
                s.erase(s.find_last_not_of(" \t\r") + 1);
                return s;
            };
            line = trim(line);
            if (line.empty() || line[0] == '#') continue;
            auto eq = line.find('=');
            if (eq == std::string::npos)
                throw std::invalid_argument(config_file + ":" + std::to_string(n) + ": expected key = value");
            const Option* o = FindOption(trim(line.substr(0, eq)));
            if (!o) throw std::invalid_argument(config_file + ":" + std::to_string(n) + ": unknown key");
            o->set(out.config, trim(line.substr(eq + 1)));
        }
    }
    for (const Option& o : Options())
        if (auto it = env.find(EnvName(o.name)); it != env.end()) o.set(out.config, it->second);
    for (auto& [o, v] : flags) o->set(out.config, v);
    return out;
}

std::unique_ptr<Clock> MakeClock(const Config& config) {
    if (config.now) return std::make_unique<StartedClock>(*config.now);
    return std::make_unique<SystemClock>();
}

// The options part of `samverkan --help`; the commands part comes from the command table (cli/commands.cpp).
std::string HelpText() {
    std::string s =
        "Options (each also as environment variable SAMVERKAN_<NAME> and as `name = value` in a config file):\n"
        "  --config FILE                  Read settings from FILE (env SAMVERKAN_CONFIG)\n";
    for (const Option& o : Options()) {
        std::string flag = "  --" + std::string(o.name) + (*o.value_name ? " " + std::string(o.value_name) : "");
        if (flag.size() < 33) flag.resize(33, ' ');
        else flag += " ";
        s += flag + o.help + "\n";
    }
    return s;
}

}  // namespace samverkan::app
