#include "cli/commands.hpp"

#include <algorithm>

namespace samverkan::cli {
namespace {

constexpr std::size_t kHelpColumn = 33;  // where the descriptions start in the help text

std::vector<std::string_view> Words(std::string_view name) {
    std::vector<std::string_view> out;
    while (!name.empty()) {
        auto space = name.find(' ');
        out.push_back(name.substr(0, space));
        name = space == std::string_view::npos ? std::string_view() : name.substr(space + 1);
    }
    return out;
}

// The command whose name the first of `words` spell, or null.
const Command* Find(const std::vector<std::string>& words) {
    for (const Command& c : Commands()) {
        auto name = Words(c.name);
        if (words.size() >= name.size() && std::equal(name.begin(), name.end(), words.begin())) return &c;
    }
    return nullptr;
}

// The commands whose name starts with `first` ("user" -> user add, user list, ...).
std::vector<const Command*> Group(std::string_view first) {
    std::vector<const Command*> out;
    for (const Command& c : Commands())
        if (Words(c.name).front() == first) out.push_back(&c);
    return out;
}

// "  usage                          description", the description on its own line when the usage is long.
std::string HelpLine(const std::string& left, std::string_view description) {
    std::string line = "  " + left;
    if (line.size() < kHelpColumn)
        line.resize(kHelpColumn, ' ');
    else
        line += "\n" + std::string(kHelpColumn, ' ');
    return line + std::string(description) + "\n";
}

std::string FlagWithValue(const FlagSpec& f) {
    return "--" + std::string(f.name) + (f.value_name.empty() ? "" : " " + std::string(f.value_name));
}

// "unknown user command 'x'" lists the group's second words: "add, list, disable, ...".
std::string SubcommandNames(const std::vector<const Command*>& group) {
    std::string out;
    for (const Command* c : group) {
        auto name = Words(c->name);
        out += (out.empty() ? "" : ", ") + std::string(name.size() > 1 ? name[1] : name[0]);
    }
    return out;
}

std::string OneCommandHelp(const Command& c) {
    std::string s = "Usage: samverkan " + UsageLine(c) + "\n\n" + std::string(c.summary) + ".\n";
    if (!c.details.empty()) s += c.details + "\n";
    if (!c.flags.empty() || c.json) {
        s += "\nFlags:\n";
        for (const FlagSpec& f : c.flags)
            s += HelpLine(FlagWithValue(f), std::string(f.help) + (f.required ? " (required)" : ""));
        if (c.json) s += HelpLine("--json", "Print the result as one JSON object instead of text");
    }
    return s;
}

}  // namespace

const std::vector<Command>& Commands() {
    static const std::vector<Command> kCommands = {
        {.name = "serve",
         .globals = "[--demo]",
         .summary = "Migrate the database and serve the API and the web app",
         .details = "Listens on --bind and --port (--port 0 picks a free port and prints it). With --demo an empty\n"
                    "database gets the Stockholm demo data. Stops on SIGTERM or SIGINT once the requests in flight\n"
                    "are done.",
         .run = Serve},
        {.name = "migrate", .summary = "Apply pending database migrations", .run = Migrate},
        {.name = "import areas",
         .globals = "[--data DIR]",
         .json = true,
         .summary = "Load Stockholm's districts, neighbourhoods and police areas (from --data)",
         .details = "Idempotent: areas are matched by code and links replaced, so a second run changes nothing.",
         .run = ImportAreas},
        {.name = "import incidents",
         .arguments = "FILE",
         .argument_count = 1,
         .flags = {{"format", "polisen|csv|ndjson", "The file's format", true},
                   {"source-org", "ORG_ID", "The reporting organisation of records that name none"},
                   {"batch", "N", "Records written per transaction, 1 to 1000000 (default 20000)"}},
         .json = true,
         .summary = "Import incident reports from FILE",
         .details = "Progress goes to stderr about once a second; the summary to stdout.",
         .run = ImportIncidents},
        {.name = "generate incidents",
         .flags = {{"count", "N", "How many incident reports, 1 to 1000000000 (default 1000)"},
                   {"seed", "S", "Random seed; the same seed gives the same reports (default 1)"},
                   {"days", "N", "Spread them over this many days up to --end, 1 to 36500 (default 1096)"},
                   {"end", "YYYY-MM-DD", "The last day (default today)"},
                   {"peer-csv", "", "Print the peer benchmark's CSV (bench/PEERS.md) instead of NDJSON"}},
         .summary = "Print synthetic incident reports as NDJSON for `import incidents --format ndjson`",
         .details = "Needs the areas and at least one organisation in the database.",
         .run = GenerateIncidents},
        {.name = "locate",
         .arguments = "LAT LON",
         .argument_count = 2,
         .globals = "[--date YYYY-MM-DD]",
         .json = true,
         .summary = "Print the neighbourhood, district and local police area of a point",
         .details = "LAT and LON are WGS 84 degrees. --date picks the area layout of that day (default today).",
         .run = Locate},
        {.name = "user add",
         .arguments = "USERNAME",
         .argument_count = 1,
         .flags = {{"name", "NAME", "Display name (default USERNAME)"},
                   {"role", "ROLE[@ORG_ID|@area:AREA_ID]",
                    "A role, city-wide or narrowed to an organisation or an area; repeat for more", false, true},
                   {"org", "ORG_ID", "An organisation the user belongs to; repeat for more", false, true}},
         .summary = "Create a user; the password is read from standard input",
         .details = "The password is one line of standard input, so that it never shows in the process list.\n"
                    "Roles: " +
                    RoleNames(),
         .run = UserAdd},
        {.name = "user list",
         .summary = "List the users: username, display name and, for a disabled one, (disabled)",
         .run = UserList},
        {.name = "user disable",
         .arguments = "USERNAME",
         .argument_count = 1,
         .summary = "Refuse the user's sign-ins from now on",
         .run = UserDisable},
        {.name = "user enable",
         .arguments = "USERNAME",
         .argument_count = 1,
         .summary = "Let a disabled user sign in again",
         .run = UserEnable},
        {.name = "user set-password",
         .arguments = "USERNAME",
         .argument_count = 1,
         .summary = "Set a user's password, read from standard input",
         .run = UserSetPassword},
        {.name = "audit verify",
         .json = true,
         .summary = "Check the audit log's hash chain; exits 1 at the first broken link",
         .run = AuditVerify},
    };
    return kCommands;
}

std::string UsageLine(const Command& c) {
    std::string s(c.name);
    if (!c.arguments.empty()) s += " " + std::string(c.arguments);
    for (const FlagSpec& f : c.flags) {
        std::string flag = FlagWithValue(f);
        s += " " + (f.required ? flag : "[" + flag + "]") + (f.repeatable ? "..." : "");
    }
    if (!c.globals.empty()) s += " " + std::string(c.globals);
    if (c.json) s += " [--json]";
    return s;
}

std::string FullHelp() {
    std::string s =
        "samverkan - the platform for the cooperation between the City of Stockholm and Polisregion Stockholm\n\n"
        "Usage: samverkan COMMAND [ARGS] [OPTIONS]\n"
        "       samverkan COMMAND --help      the command's arguments and flags\n\n"
        "Commands:\n";
    for (const Command& c : Commands()) s += HelpLine(UsageLine(c), c.summary);
    s += "\n" + app::HelpText();
    s += "\nRoles (user add --role): " + RoleNames() + "\n";
    return s;
}

std::string CommandHelp(const std::vector<std::string>& words) {
    if (const Command* c = Find(words)) return OneCommandHelp(*c);
    auto group = Group(words.front());
    if (group.empty()) throw UsageError("unknown command '" + words.front() + "'; see samverkan --help");
    std::string s;
    for (const Command* c : group) s += (s.empty() ? "" : "\n") + OneCommandHelp(*c);
    return s;
}

int RunCommand(const app::Config& config, const std::vector<std::string>& words) {
    const Command* command = Find(words);
    if (!command) {
        auto group = Group(words.front());
        if (group.empty()) throw UsageError("unknown command '" + words.front() + "'; see samverkan --help");
        std::string names = SubcommandNames(group);
        if (words.size() < 2 || words[1].rfind("--", 0) == 0)
            throw UsageError("samverkan " + words.front() + " needs one of: " + names + " (see samverkan " +
                             words.front() + " --help)");
        throw UsageError("unknown " + words.front() + " command '" + words[1] + "'; one of: " + names);
    }
    std::vector<std::string> rest(words.begin() + static_cast<std::ptrdiff_t>(Words(command->name).size()),
                                  words.end());
    Invocation call{config, Flags::Parse(rest, command->flags)};
    const auto& arguments = call.flags.positional();
    if (arguments.size() > command->argument_count)
        throw UsageError("unexpected argument '" + arguments[command->argument_count] + "'; usage: samverkan " +
                         UsageLine(*command));
    if (arguments.size() < command->argument_count)
        throw UsageError("samverkan " + std::string(command->name) + " needs " + std::string(command->arguments) +
                         "; usage: samverkan " + UsageLine(*command));
    return command->run(call);
}

}  // namespace samverkan::cli
