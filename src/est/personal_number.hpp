#pragma once
// EST is about places, not persons. Free text is screened for anything that looks like a Swedish
// personal identity number (personnummer) or co-ordination number (samordningsnummer): 10 or 12
// digits, optionally with '-', '+' or a space before the last four, a real date (day + 60 for a
// co-ordination number) and a valid Luhn check digit.
#include <optional>
#include <string_view>

namespace samverkan::est {

struct PersonalNumberMatch {
    std::size_t offset = 0;  // byte offset in the text
    std::size_t length = 0;
    bool coordination = false;
};

std::optional<PersonalNumberMatch> FindPersonalNumber(std::string_view text);

}  // namespace samverkan::est
