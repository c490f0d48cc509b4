#include "governance/reporting_repository.hpp"

#include <boost/json.hpp>

#include "common/time.hpp"

namespace samverkan::governance {
namespace {

std::string SectionsJson(const std::vector<reports::ReportSection>& sections) {
    boost::json::array out;
    for (const auto& s : sections) {
        boost::json::array columns, rows;
        for (const auto& c : s.columns) columns.push_back(boost::json::value(c));
        for (const auto& r : s.rows) {
            boost::json::array row;
            for (const auto& cell : r) row.push_back(boost::json::value(cell));
            rows.push_back(row);
        }
        out.push_back({{"key", s.key}, {"title", s.title}, {"body", s.body}, {"columns", columns}, {"rows", rows}});
    }
    return boost::json::serialize(out);
}

std::vector<reports::ReportSection> SectionsFrom(const std::string& json) {
    boost::json::value v = boost::json::parse(json);
    std::vector<reports::ReportSection> out;
    for (const auto& s : v.as_array()) {
        const auto& o = s.as_object();
        reports::ReportSection sec{std::string(o.at("key").as_string()), std::string(o.at("title").as_string()),
                                   std::string(o.at("body").as_string()), {}, {}};
        for (const auto& c : o.at("columns").as_array()) sec.columns.emplace_back(c.as_string());
        for (const auto& r : o.at("rows").as_array()) {
            std::vector<std::string> row;
            for (const auto& cell : r.as_array()) row.emplace_back(cell.as_string());
            sec.rows.push_back(std::move(row));
        }
        out.push_back(std::move(sec));
    }
    return out;
}

constexpr const char* kReportColumns =
    "SELECT id, obligation_id, title, period_start, period_end, due_on, status, submitted_on, sections FROM reports ";

std::vector<reports::Report> ReportsFrom(const db::Result& r) {
    std::vector<reports::Report> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "obligation_id"), r.text(i, "title"), r.text(i, "period_start"),
                       r.text(i, "period_end"), r.text(i, "due_on"), r.text(i, "status"), r.at(i, "submitted_on"),
                       SectionsFrom(r.text(i, "sections"))});
    return out;
}

constexpr const char* kItemColumns =
    "SELECT id, feedback_id, request, owner_name, owner_id, due_on, status, done_on, note FROM follow_up_items ";

std::vector<FollowUpItem> ItemsFrom(const db::Result& r) {
    std::vector<FollowUpItem> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "feedback_id"), r.text(i, "request"), r.text(i, "owner_name"),
                       r.text(i, "owner_id"), r.text(i, "due_on"), r.text(i, "status"), r.at(i, "done_on"), r.text(i, "note")});
    return out;
}

}  // namespace

void ReportingRepository::InsertObligation(db::Connection& c, const ReportingObligation& o) {
    c.Query("INSERT INTO reporting_obligations (id, group_id, committee_id, cadence, due_days, starts_on) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {o.id, o.group_id, o.committee_id, o.cadence, std::to_string(o.due_days), o.starts_on});
}

std::vector<ReportingObligation> ReportingRepository::Obligations(db::Connection& c, const std::string& group_id) {
    db::Result r = group_id.empty()
                       ? c.Query("SELECT id, group_id, committee_id, cadence, due_days, starts_on FROM reporting_obligations "
                                 "ORDER BY group_id, cadence")
                       : c.Query("SELECT id, group_id, committee_id, cadence, due_days, starts_on FROM reporting_obligations "
                                 "WHERE group_id = $1 ORDER BY cadence",
                                 {group_id});
    std::vector<ReportingObligation> out;
    for (std::size_t i = 0; i < r.size(); ++i)
        out.push_back({r.text(i, "id"), r.text(i, "group_id"), r.text(i, "committee_id"), r.text(i, "cadence"),
                       static_cast<int>(r.integer(i, "due_days")), r.text(i, "starts_on")});
    return out;
}

std::optional<ReportingObligation> ReportingRepository::LoadObligation(db::Connection& c, const std::string& id) {
    for (auto& o : Obligations(c))
        if (o.id == id) return o;
    return std::nullopt;
}

void ReportingRepository::InsertReport(db::Connection& c, const reports::Report& r) {
    std::string now = c.clock().NowUtc();
    c.Query("INSERT INTO reports (id, obligation_id, title, period_start, period_end, due_on, status, submitted_on, "
            "sections, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
            {r.id, r.obligation_id, r.title, r.period_start, r.period_end, r.due_on, r.status, r.submitted_on,
             SectionsJson(r.sections), now});
}

std::optional<reports::Report> ReportingRepository::LoadReport(db::Connection& c, const std::string& id) {
    auto v = ReportsFrom(c.Query(std::string(kReportColumns) + "WHERE id = $1", {id}));
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::vector<reports::Report> ReportingRepository::Reports(db::Connection& c, const std::string& obligation_id) {
    if (obligation_id.empty()) return ReportsFrom(c.Query(std::string(kReportColumns) + "ORDER BY period_start"));
    return ReportsFrom(c.Query(std::string(kReportColumns) + "WHERE obligation_id = $1 ORDER BY period_start", {obligation_id}));
}

std::vector<ReportingRepository::ReportStatus> ReportingRepository::Statuses(db::Connection& c,
                                                                           const std::string& obligation_id) {
    db::Result r = c.Query("SELECT id, period_start, status FROM reports WHERE obligation_id = $1 ORDER BY period_start",
                           {obligation_id});
    std::vector<ReportStatus> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back({r.text(i, "id"), r.text(i, "period_start"), r.text(i, "status")});
    return out;
}

void ReportingRepository::SaveReport(db::Connection& c, const reports::Report& r) {
    c.Query("UPDATE reports SET title = $2, status = $3, submitted_on = $4, sections = $5, updated_at = $6 WHERE id = $1",
            {r.id, r.title, r.status, r.submitted_on, SectionsJson(r.sections), c.clock().NowUtc()});
}

void ReportingRepository::InsertFeedback(db::Connection& c, const Feedback& f) {
    c.Query("INSERT INTO report_feedback (id, report_id, received_on, from_id, summary) VALUES ($1, $2, $3, $4, $5)",
            {f.id, f.report_id, f.received_on, f.from_id, f.summary});
    for (const FollowUpItem& i : f.items)
        c.Query("INSERT INTO follow_up_items (id, feedback_id, request, owner_name, owner_id, due_on, status, note) "
                "VALUES ($1, $2, $3, $4, $5, $6, 'open', '')",
                {i.id, f.id, i.request, i.owner_name, i.owner_id, i.due_on});
}

std::vector<Feedback> ReportingRepository::FeedbackFor(db::Connection& c, const std::string& report_id) {
    db::Result r = c.Query("SELECT id, report_id, received_on, from_id, summary FROM report_feedback WHERE report_id = $1 "
                           "ORDER BY received_on, id",
                           {report_id});
    std::vector<Feedback> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        Feedback f{r.text(i, "id"), r.text(i, "report_id"), r.text(i, "received_on"), r.text(i, "from_id"),
                   r.text(i, "summary"), {}};
        f.items = ItemsFrom(c.Query(std::string(kItemColumns) + "WHERE feedback_id = $1 ORDER BY due_on, id", {f.id}));
        out.push_back(std::move(f));
    }
    return out;
}

std::string ReportingRepository::ReportOfFeedback(db::Connection& c, const std::string& feedback_id) {
    return c.Query("SELECT report_id FROM report_feedback WHERE id = $1", {feedback_id}).text(0, "report_id");
}

std::optional<FollowUpItem> ReportingRepository::LoadItem(db::Connection& c, const std::string& id) {
    auto v = ItemsFrom(c.Query(std::string(kItemColumns) + "WHERE id = $1", {id}));
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<FollowUpItem> ReportingRepository::OpenItemsDueBefore(db::Connection& c, const std::string& date) {
    return ItemsFrom(c.Query(std::string(kItemColumns) + "WHERE status = 'open' AND due_on < $1 ORDER BY due_on, id", {date}));
}

void ReportingRepository::CompleteItem(db::Connection& c, const std::string& id, const std::string& done_on,
                                       const std::string& note) {
    c.Query("UPDATE follow_up_items SET status = 'done', done_on = $2, note = $3 WHERE id = $1", {id, done_on, note});
}

}  // namespace samverkan::governance
