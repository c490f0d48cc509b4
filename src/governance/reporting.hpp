#pragma once
// Reporting obligations of groups to committees, the committees' feedback and its follow-up items.
#include <optional>
#include <string>
#include <vector>

namespace samverkan::governance {

struct ReportingObligation {
    std::string id;
    std::string group_id;
    std::string committee_id;
    std::string cadence;  // monthly, quarterly, tertial, yearly
    int due_days = 30;
    std::string starts_on;
};

struct FollowUpItem {
    std::string id;
    std::string feedback_id;
    std::string request;
    std::string owner_name;
    std::string owner_id;
    std::string due_on;
    std::string status;  // open, done
    std::optional<std::string> done_on;
    std::string note;
};

struct Feedback {
    std::string id;
    std::string report_id;
    std::string received_on;
    std::string from_id;
    std::string summary;
    std::vector<FollowUpItem> items;
};

}  // namespace samverkan::governance
