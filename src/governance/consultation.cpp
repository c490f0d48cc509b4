#include "governance/consultation.hpp"

#include <date/date.h>

#include <sstream>

namespace samverkan::governance {

int DaysBetween(const std::string& from, const std::string& to) {
    date::sys_days a, b;
    std::istringstream ia(from), ib(to);
    ia >> date::parse("%F", a);
    ib >> date::parse("%F", b);
    return static_cast<int>((b - a).count());
}

ConsultationCheck CheckConsultation(bool needed, const std::string& decision_date, int lead_days,
                                    const std::vector<Consultation>& consultations) {
    if (!needed) return {ConsultationState::kNotNeeded, "No political consultation is required."};
    if (consultations.empty())
        return {ConsultationState::kMissing, "A political consultation is required and none has been opened."};
    // The earliest-opened consultation decides whether it was in good time.
    const Consultation* first = &consultations.front();
    for (const auto& c : consultations)
        if (c.opened_on < first->opened_on) first = &c;
    int days = DaysBetween(first->opened_on, decision_date);
    if (days < lead_days)
        return {ConsultationState::kLate, "The consultation was opened on " + first->opened_on + ", " +
                                              std::to_string(days) + " days before the decision date; at least " +
                                              std::to_string(lead_days) + " days are required."};
    for (const auto& c : consultations)
        if (c.concluded_on) return {ConsultationState::kInGoodTime, "Consulted in good time (opened " + first->opened_on + ", concluded " + *c.concluded_on + ")."};
    return {ConsultationState::kOpen, "The consultation opened on " + first->opened_on + " is not yet concluded."};
}

}  // namespace samverkan::governance
