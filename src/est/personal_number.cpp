#include "est/personal_number.hpp"

#include <string>

namespace samverkan::est {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool LuhnValid(const std::string& ten) {
    int sum = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        int d = ten[i] - '0';
        if (i % 2 == 0) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

int DaysInMonth(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
    return days[month - 1];
}

// `digits` is 10 (YYMMDDNNNC) or 12 (CCYYMMDDNNNC) digits.
std::optional<bool> Check(const std::string& digits) {
    std::string ten = digits.size() == 12 ? digits.substr(2) : digits;
    int year = digits.size() == 12 ? std::stoi(digits.substr(0, 4)) : 2000 + std::stoi(ten.substr(0, 2));
    if (digits.size() == 12 && (year < 1800 || year > 2099)) return std::nullopt;
    int month = std::stoi(ten.substr(2, 2));
    int day = std::stoi(ten.substr(4, 2));
    if (month < 1 || month > 12) return std::nullopt;
    bool coordination = day > 60;
    if (coordination) day -= 60;
    // A 10-digit number does not say its century; accept the day if it exists in a leap year.
    int max_day = digits.size() == 12 ? DaysInMonth(year, month) : (month == 2 ? 29 : DaysInMonth(2001, month));
    if (day < 1 || day > max_day) return std::nullopt;
    if (!LuhnValid(ten)) return std::nullopt;
    return coordination;
}

}  // namespace

std::optional<PersonalNumberMatch> FindPersonalNumber(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (!IsDigit(text[i]) || (i > 0 && IsDigit(text[i - 1]))) {
            ++i;
            continue;
        }
        // A run of digits starting at i, possibly with one separator before the last four.
        std::size_t j = i;
        while (j < text.size() && IsDigit(text[j])) ++j;
        std::size_t head = j - i;
        std::string digits(text.substr(i, head));
        std::size_t end = j;
        if ((head == 6 || head == 8) && j < text.size() &&
            (text[j] == '-' || text[j] == '+' || text[j] == ' ')) {
            std::size_t k = j + 1;
            std::size_t tail = 0;
            while (k < text.size() && IsDigit(text[k])) ++k, ++tail;
            if (tail == 4) {
                digits += std::string(text.substr(j + 1, 4));
                end = k;
            }
        }
        if (digits.size() == 10 || digits.size() == 12) {
            if (auto coordination = Check(digits)) return PersonalNumberMatch{i, end - i, *coordination};
        }
        i = j;
    }
    return std::nullopt;
}

}  // namespace samverkan::est
