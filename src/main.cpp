// samverkan: the one binary. `serve` runs the platform; the other commands administer it. Each
// command lives in its own file under cli/; this file only wires the process together.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>
#include <string>

#include "app/config.hpp"
#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "http/server.hpp"

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

int Run(int argc, char** argv) {
    auto parsed = app::ParseCommandLine(argc, argv, Environment());
    if (parsed.help) {
        std::cout << (parsed.positional.empty() ? cli::FullHelp() : cli::CommandHelp(parsed.positional));
        return cli::kExitOk;
    }
    if (parsed.positional.empty()) {
        std::cout << cli::FullHelp();
        return cli::kExitUsage;
    }
    spdlog::set_level(spdlog::level::from_str(parsed.config.log_level));
    return cli::RunCommand(parsed.config, parsed.positional);
}

}  // namespace

int main(int argc, char** argv) {
    // Logs go to stderr so that command output on stdout stays machine-readable.
    spdlog::set_default_logger(spdlog::stderr_logger_mt("samverkan"));
    try {
        return Run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return cli::ExitCodeFor(e);
    }
}
