#pragma once
// A command's own flags (`generate incidents --count 400`), read from the words after the command's
// name once app::ParseCommandLine has taken the global options out. Every error is a UsageError
// (exit code 2) that names the flag, the value it got and what is allowed.
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::cli {

// The command line is used wrongly: an unknown flag, a missing or malformed value, a wrong number of
// arguments. Derives from std::invalid_argument, which the domain code also throws for bad input.
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// One flag a command accepts. The command table (cli/commands.cpp) holds these, so that the usage
// printed by --help and the flags accepted are the same list.
struct FlagSpec {
    std::string_view name;        // without "--"
    std::string_view value_name;  // e.g. "N"; empty for a switch such as --peer-csv
    std::string_view help;
    bool required = false;
    bool repeatable = false;  // e.g. user add --role, given once per grant
};

// The positional words and flag values of one command, in the order given.
class Flags {
public:
    // Reads `--name VALUE`, `--name=VALUE` and `--switch` for the flags of `allowed`; every other
    // word not starting with "--" is positional. Throws UsageError for a flag not in `allowed`
    // (listing the allowed ones), a flag without its value, a non-repeatable flag given twice or a
    // required flag missing.
    static Flags Parse(const std::vector<std::string>& words, const std::vector<FlagSpec>& allowed);

    const std::vector<std::string>& positional() const { return positional_; }
    bool Has(std::string_view name) const;
    // The flag's value, or `fallback` when it is absent.
    std::string Text(std::string_view name, std::string_view fallback = {}) const;
    // Every value of a repeatable flag, in order.
    std::vector<std::string> All(std::string_view name) const;
    // The flag's value as a whole number in [min, max], or `fallback` when it is absent.
    std::uint64_t WholeNumber(std::string_view name, std::uint64_t fallback, std::uint64_t min,
                              std::uint64_t max) const;
    // The flag's value, which must be one of `choices`, or `fallback` when it is absent.
    std::string Choice(std::string_view name, std::initializer_list<std::string_view> choices,
                       std::string_view fallback = {}) const;

private:
    std::vector<std::string> positional_;
    std::vector<std::pair<std::string, std::string>> values_;  // flag name without "--", value ("" for a switch)
};

// `value` as a whole number in [min, max] (decimal digits only: no sign, no spaces, no fraction).
// Throws UsageError such as "--days needs a whole number from 1 to 36500, got '-3'".
std::uint64_t ParseWholeNumber(std::string_view flag, std::string_view value, std::uint64_t min, std::uint64_t max);

// Throws UsageError such as "--format needs one of polisen, csv, ndjson, got 'xml'" unless `value`
// is one of `choices`.
void RequireChoice(std::string_view flag, std::string_view value, std::initializer_list<std::string_view> choices);

}  // namespace samverkan::cli
