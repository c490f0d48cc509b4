#pragma once
// Settings from, in rising precedence: built-in defaults, a config file (`key = value` lines,
// keys as the long flag names), SAMVERKAN_* environment variables, and command-line flags.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.hpp"

namespace samverkan::app {

// The number of cores, 1 to 4: on this many threads Asio's queues stay busy without waking idle
// threads per request (BENCHMARKS.md: 2 I/O + 2 workers on 2 cores gave 26k req/s, 2 + 4 gave 20k).
inline int CoreCount() { return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4); }

struct Config {
    std::string db = "sqlite:samverkan.db";
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string static_dir = "web/dist";
    std::string data_dir = "data/stockholm";
    bool demo = false;
    std::size_t demo_incidents = 30000;  // synthetic incident reports in the demo data
    std::size_t max_body = 1 << 20;
    std::size_t max_header = 8 * 1024;
    int read_timeout = 15;
    int max_connections = 1024;
    int io_threads = CoreCount();
    int workers = CoreCount();
    int db_pool = 4;
    int session_idle_minutes = 60;
    bool tls_proxy = false;
    bool access_log = true;
    int consultation_lead_days = 14;
    std::string log_level = "info";
    bool json = false;
    std::string date;
    // Test only: the instant the process takes as "now" when it starts (SAMVERKAN_NOW); unset in production.
    std::optional<Clock::TimePoint> now;
};

// The clock a process with this configuration runs on: the system clock, or with `now` set a clock
// that starts there and runs on at the machine's pace.
std::unique_ptr<Clock> MakeClock(const Config& config);

struct ParsedCommandLine {
    Config config;
    std::vector<std::string> positional;  // the command and its arguments
    bool help = false;
};

// Throws std::invalid_argument naming the bad flag or value.
ParsedCommandLine ParseCommandLine(int argc, char** argv, const std::map<std::string, std::string>& env);
std::string HelpText();

}  // namespace samverkan::app
