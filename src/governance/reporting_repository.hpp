#pragma once
// SQL for reporting obligations, reports, feedback and follow-up items.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "governance/reporting.hpp"
#include "reports/report.hpp"

namespace samverkan::governance {

class ReportingRepository {
public:
    static void InsertObligation(db::Connection& c, const ReportingObligation& o);
    static std::vector<ReportingObligation> Obligations(db::Connection& c, const std::string& group_id = {});
    static std::optional<ReportingObligation> LoadObligation(db::Connection& c, const std::string& id);

    static void InsertReport(db::Connection& c, const reports::Report& r);
    static std::optional<reports::Report> LoadReport(db::Connection& c, const std::string& id);
    static std::vector<reports::Report> Reports(db::Connection& c, const std::string& obligation_id = {});
    struct ReportStatus {
        std::string id, period_start, status;
    };
    // The reports of an obligation without their content: for schedules and the health view.
    static std::vector<ReportStatus> Statuses(db::Connection& c, const std::string& obligation_id);
    static void SaveReport(db::Connection& c, const reports::Report& r);

    static void InsertFeedback(db::Connection& c, const Feedback& f);
    static std::vector<Feedback> FeedbackFor(db::Connection& c, const std::string& report_id);
    static std::string ReportOfFeedback(db::Connection& c, const std::string& feedback_id);
    static std::optional<FollowUpItem> LoadItem(db::Connection& c, const std::string& id);
    static std::vector<FollowUpItem> OpenItemsDueBefore(db::Connection& c, const std::string& date);
    static void CompleteItem(db::Connection& c, const std::string& id, const std::string& done_on, const std::string& note);
};

}  // namespace samverkan::governance
