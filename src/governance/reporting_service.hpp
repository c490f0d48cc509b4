#pragma once
#include <optional>
#include <string>
#include <vector>

#include "governance/group_service.hpp"
#include "governance/reporting.hpp"
#include "reports/report.hpp"
#include "reports/report_section_registry.hpp"

namespace samverkan::governance {

// One period of an obligation and where its report stands: "due" (not yet past its due date),
// "submitted", or "overdue".
struct ScheduledReport {
    reports::ReportPeriod period;
    std::optional<std::string> report_id;
    std::string report_status;  // none, draft, submitted
    std::string tracking;       // due, submitted, overdue
};

struct ReportView {
    reports::Report report;
    ReportingObligation obligation;
    std::string group_name;
    std::string committee_name;
    std::vector<Feedback> feedback;
};

class ReportingService {
public:
    ReportingService(db::Database& db, const auth::Authorizer& authz, GroupService& groups,
                     const reports::ReportSectionRegistry& sections)
        : db_(db), authz_(authz), groups_(groups), sections_(sections) {}

    ReportingObligation AddObligation(const auth::Actor& actor, ReportingObligation obligation);
    std::vector<std::pair<ReportingObligation, std::vector<ScheduledReport>>> List(const auth::Actor& actor,
                                                                                   const std::string& group_id = {});
    // Drafts the report of the period starting `period_start` from the platform's data.
    ReportView Draft(const auth::Actor& actor, const std::string& obligation_id, const std::string& period_start);
    // Throws as Preview would (bad period, unknown obligation, forbidden) without drafting anything.
    void CheckPreview(const auth::Actor& actor, const std::string& obligation_id, const std::string& period_start) {
        Target(actor, obligation_id, period_start);
    }
    // The sections a draft of that period would hold, without storing anything (a preview).
    std::vector<reports::ReportSection> Preview(const auth::Actor& actor, const std::string& obligation_id,
                                                const std::string& period_start);
    ReportView Get(const auth::Actor& actor, const std::string& id);
    // Replaces the title and the text of sections (matched by key); drafts only.
    ReportView Edit(const auth::Actor& actor, const std::string& id, const std::string& title,
                    const std::vector<std::pair<std::string, std::string>>& section_bodies);
    ReportView Submit(const auth::Actor& actor, const std::string& id);
    ReportView RecordFeedback(const auth::Actor& actor, const std::string& report_id, Feedback feedback);
    ReportView CompleteItem(const auth::Actor& actor, const std::string& item_id, const std::string& note);

    // Every period due before `today` without a submitted report.
    static std::vector<std::pair<ReportingObligation, ScheduledReport>> Overdue(db::Connection& c, const std::string& today);

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    struct DraftTarget {
        ReportingObligation obligation;
        Group group;
        reports::ReportPeriod period;
    };
    // Validates the period against the obligation and checks that the actor may draft for the group.
    DraftTarget Target(const auth::Actor& actor, const std::string& obligation_id, const std::string& period_start);
    static std::vector<ScheduledReport> Schedule(db::Connection& c, const ReportingObligation& o, const std::string& today);
    ReportView View(db::Connection& c, const std::string& id);
    std::pair<Group, ReportingObligation> ObligationOfReport(const std::string& report_id);
    db::Database& db_;
    const auth::Authorizer& authz_;
    GroupService& groups_;
    const reports::ReportSectionRegistry& sections_;
};

}  // namespace samverkan::governance
