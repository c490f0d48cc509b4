#include "cli/flags.hpp"

#include <algorithm>
#include <charconv>

namespace samverkan::cli {
namespace {

std::string Quoted(std::string_view value) { return "'" + std::string(value) + "'"; }

std::string AllowedFlags(const std::vector<FlagSpec>& allowed) {
    if (allowed.empty()) return "this command takes no flags of its own";
    std::string out = "allowed: ";
    for (std::size_t i = 0; i < allowed.size(); ++i) out += (i ? ", --" : "--") + std::string(allowed[i].name);
    return out;
}

const FlagSpec* Find(const std::vector<FlagSpec>& allowed, std::string_view name) {
    for (const FlagSpec& f : allowed)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace

Flags Flags::Parse(const std::vector<std::string>& words, const std::vector<FlagSpec>& allowed) {
    Flags out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word.rfind("--", 0) != 0) {
            out.positional_.push_back(word);
            continue;
        }
        std::string name = word.substr(2), value;
        bool has_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
            has_value = true;
        }
        const FlagSpec* spec = Find(allowed, name);
        if (!spec)
            throw UsageError("unknown flag --" + name + " (" + AllowedFlags(allowed) +
                             ", and the global options of samverkan --help)");
        if (spec->value_name.empty()) {
            if (has_value) throw UsageError("--" + name + " takes no value, got " + Quoted(value));
        } else if (!has_value) {
            // A following flag is not taken as the value: `--count --seed 5` misses the count.
            if (i + 1 >= words.size() || words[i + 1].rfind("--", 0) == 0)
                throw UsageError("--" + name + " needs a value (" + std::string(spec->value_name) + ")");
            value = words[++i];
        }
        if (!spec->repeatable && out.Has(name)) throw UsageError("--" + name + " is given more than once");
        out.values_.emplace_back(name, value);
    }
    for (const FlagSpec& f : allowed)
        if (f.required && !out.Has(f.name))
            throw UsageError("--" + std::string(f.name) + " is required (" + std::string(f.value_name) + ")");
    return out;
}

bool Flags::Has(std::string_view name) const {
    return std::any_of(values_.begin(), values_.end(), [&](const auto& v) { return v.first == name; });
}

std::string Flags::Text(std::string_view name, std::string_view fallback) const {
    for (const auto& [flag, value] : values_)
        if (flag == name) return value;
    return std::string(fallback);
}

std::vector<std::string> Flags::All(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [flag, value] : values_)
        if (flag == name) out.push_back(value);
    return out;
}

std::uint64_t Flags::WholeNumber(std::string_view name, std::uint64_t fallback, std::uint64_t min,
                                 std::uint64_t max) const {
    if (!Has(name)) return fallback;
    return ParseWholeNumber("--" + std::string(name), Text(name), min, max);
}

std::string Flags::Choice(std::string_view name, std::initializer_list<std::string_view> choices,
                          std::string_view fallback) const {
    if (!Has(name)) return std::string(fallback);
    std::string value = Text(name);
    RequireChoice("--" + std::string(name), value, choices);
    return value;
}

std::uint64_t ParseWholeNumber(std::string_view flag, std::string_view value, std::uint64_t min, std::uint64_t max) {
    std::uint64_t n = 0;
    const char* end = value.data() + value.size();
    // from_chars for an unsigned type refuses a sign, so "-3" fails here rather than wrapping round.
    auto [stop, ec] = std::from_chars(value.data(), end, n);
    if (value.empty() || ec != std::errc() || stop != end || n < min || n > max)
        throw UsageError(std::string(flag) + " needs a whole number from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got " + Quoted(value));
    return n;
}

void RequireChoice(std::string_view flag, std::string_view value, std::initializer_list<std::string_view> choices) {
    for (std::string_view c : choices)
        if (c == value) return;
    std::string list;
    for (std::string_view c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
    throw UsageError(std::string(flag) + " needs one of " + list + ", got " + Quoted(value));
}

}  // namespace samverkan::cli
