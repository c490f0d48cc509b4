#pragma once
// The table of samverkan's commands: each one's name, arguments, flags, help and function. The
// dispatcher and `--help` both read it, so the help shows exactly what the commands accept.
#include <string>
#include <string_view>
#include <vector>

#include "app/config.hpp"
#include "cli/flags.hpp"
#include "cli/invocation.hpp"

namespace samverkan::cli {

struct Command {
    std::string_view name;           // one or two words: "migrate", "import incidents"
    std::string_view arguments;      // the positional part of the usage: "LAT LON"; empty for none
    std::size_t argument_count = 0;  // how many positional words it takes, exactly
    std::string_view globals;        // global options it reads, for the usage line: "[--date YYYY-MM-DD]"
    std::vector<FlagSpec> flags;     // its own flags
    bool json = false;               // it honours the global --json
    std::string_view summary;        // one line for samverkan --help
    std::string details;             // more for samverkan COMMAND --help; may be empty
    int (*run)(const Invocation&) = nullptr;
};

// Every command, in the order of the help text.
const std::vector<Command>& Commands();

// "import incidents FILE --format polisen|csv|ndjson [--source-org ORG_ID] [--batch N] [--json]"
std::string UsageLine(const Command& command);
// The whole of samverkan --help: the commands from the table, then the options of app::HelpText().
std::string FullHelp();
// samverkan WORDS --help: the usage of the command named by `words`, or of every command of a group
// (`user --help`). Throws UsageError for a word that names no command.
std::string CommandHelp(const std::vector<std::string>& words);

// Runs the command that `words` (the positional words of the command line) name. Throws UsageError
// for an unknown command, a wrong number of arguments or a bad flag; the command's own errors pass.
int RunCommand(const app::Config& config, const std::vector<std::string>& words);

// The commands, one file each (cli/<name>.cpp).
int Serve(const Invocation& call);
int Migrate(const Invocation& call);
int ImportAreas(const Invocation& call);
int ImportIncidents(const Invocation& call);
int GenerateIncidents(const Invocation& call);
int Locate(const Invocation& call);
int UserAdd(const Invocation& call);
int UserList(const Invocation& call);
int UserDisable(const Invocation& call);
int UserEnable(const Invocation& call);
int UserSetPassword(const Invocation& call);
int AuditVerify(const Invocation& call);

// The role names a grant may use (user add --role), comma-separated.
std::string RoleNames();

}  // namespace samverkan::cli
