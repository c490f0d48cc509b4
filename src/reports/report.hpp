#pragma once
// Reports back to committees: periods and due dates from a cadence, and a report as a list of
// sections that modules contribute (governance now; action plans and the situation picture later).
#include <optional>
#include <string>
#include <vector>

namespace samverkan::reports {

struct ReportSection {
    std::string key;    // e.g. "governance.delegated_decisions"
    std::string title;  // Swedish, as the committee reads it
    std::string body;   // free text, editable in the draft
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

struct Report {
    std::string id;
    std::string obligation_id;
    std::string title;
    std::string period_start, period_end, due_on;
    std::string status;  // draft, submitted
    std::optional<std::string> submitted_on;
    std::vector<ReportSection> sections;
};

struct ReportPeriod {
    std::string start, end, due_on;  // inclusive period; due `due_days` after its end
};

// The reporting periods of a cadence (calendar months, quarters, tertials or years) that begin on or
// after the period containing `from` and end on or before `until`... more precisely: every period
// that overlaps [from, until]. Throws std::invalid_argument for an unknown cadence.
std::vector<ReportPeriod> PeriodsBetween(const std::string& cadence, const std::string& from, const std::string& until,
                                         int due_days);
// The period of `cadence` containing `date`.
ReportPeriod PeriodContaining(const std::string& cadence, const std::string& date, int due_days);

}  // namespace samverkan::reports
