#include "governance/reporting_service.hpp"

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "governance/group_repository.hpp"
#include "governance/reporting_repository.hpp"
#include "org/organisation_repository.hpp"

namespace samverkan::governance {

std::vector<ScheduledReport> ReportingService::Schedule(db::Connection& c, const ReportingObligation& o,
                                                        const std::string& today) {
    std::vector<ScheduledReport> out;
    auto reports = ReportingRepository::Statuses(c, o.id);
    // Every period from the first up to the one running today.
    for (const auto& p : reports::PeriodsBetween(o.cadence, o.starts_on, today, o.due_days)) {
        ScheduledReport s{p, std::nullopt, "none", "due"};
        for (const auto& r : reports)
            if (r.period_start == p.start) {
                s.report_id = r.id;
                s.report_status = r.status;
            }
        if (s.report_status == "submitted") s.tracking = "submitted";
        else if (p.due_on < today) s.tracking = "overdue";
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<std::pair<ReportingObligation, ScheduledReport>> ReportingService::Overdue(db::Connection& c,
                                                                                      const std::string& today) {
    std::vector<std::pair<ReportingObligation, ScheduledReport>> out;
    for (const auto& o : ReportingRepository::Obligations(c))
        for (auto& s : Schedule(c, o, today))
            if (s.tracking == "overdue") out.emplace_back(o, std::move(s));
    return out;
}

ReportingObligation ReportingService::AddObligation(const auth::Actor& actor, ReportingObligation o) {
    if (o.cadence != "monthly" && o.cadence != "quarterly" && o.cadence != "tertial" && o.cadence != "yearly")
        throw ValidationError("cadence must be monthly, quarterly, tertial or yearly", "cadence");
    if (o.due_days < 0 || o.due_days > 365) throw ValidationError("due_days must be 0 to 365", "due_days");
    if (!IsIsoDate(o.starts_on)) throw ValidationError("starts_on must be a date as YYYY-MM-DD", "starts_on");
    Group g = groups_.Get(actor, o.group_id).group;
    authz_.Require(actor, auth::Action::kManageGroups, groups_.ResourceFor(g));
    o.id = NewUuid();
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        auto committee = org::OrganisationRepository::Find(c, o.committee_id);
        if (!committee || (committee->kind != "district_committee" && committee->kind != "specialist_committee" &&
                           committee->kind != "municipal_company"))
            throw ValidationError("committee_id must name a committee or a municipal company", "committee_id");
        ReportingRepository::InsertObligation(c, o);
        audit::Append(c, audit::ByActor(actor, "report.obligation_add", "group", o.group_id,
                                        {{"obligation_id", o.id}, {"committee_id", o.committee_id}, {"cadence", o.cadence},
                                         {"due_days", o.due_days}, {"starts_on", o.starts_on}}));
    });
    return o;
}

std::vector<std::pair<ReportingObligation, std::vector<ScheduledReport>>> ReportingService::List(
    const auth::Actor& actor, const std::string& group_id) {
    authz_.Require(actor, auth::Action::kReadGovernance, {"report"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::string today = db_.clock().TodayStockholm();
    std::vector<std::pair<ReportingObligation, std::vector<ScheduledReport>>> out;
    for (auto& o : ReportingRepository::Obligations(*c, group_id)) {
        auto schedule = Schedule(*c, o, today);
        out.emplace_back(std::move(o), std::move(schedule));
    }
    return out;
}

ReportView ReportingService::View(db::Connection& c, const std::string& id) {
    auto r = ReportingRepository::LoadReport(c, id);
    if (!r) throw NotFoundError("No report with id " + id + ".");
    auto o = ReportingRepository::LoadObligation(c, r->obligation_id);
    auto g = GroupRepository::Load(c, o->group_id);
    auto committee = org::OrganisationRepository::Find(c, o->committee_id);
    return {std::move(*r), *o, g ? g->name : "", committee ? committee->name : "", ReportingRepository::FeedbackFor(c, id)};
}

std::pair<Group, ReportingObligation> ReportingService::ObligationOfReport(const std::string& report_id) {
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto r = ReportingRepository::LoadReport(*c, report_id);
    if (!r) throw NotFoundError("No report with id " + report_id + ".");
    auto o = ReportingRepository::LoadObligation(*c, r->obligation_id);
    return {*GroupRepository::Load(*c, o->group_id), *o};
}

ReportingService::DraftTarget ReportingService::Target(const auth::Actor& actor, const std::string& obligation_id,
                                                      const std::string& period_start) {
    if (!IsIsoDate(period_start)) throw ValidationError("period_start must be a date as YYYY-MM-DD", "period_start");
    std::optional<ReportingObligation> o;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        o = ReportingRepository::LoadObligation(*c, obligation_id);
    }
    if (!o) throw NotFoundError("No reporting obligation with id " + obligation_id + ".");
    reports::ReportPeriod p = reports::PeriodContaining(o->cadence, period_start, o->due_days);
    if (p.start != period_start)
        throw ValidationError("A " + o->cadence + " reporting period starts on " + p.start + ", not " + period_start + ".",
                              "period_start");
    if (p.start < reports::PeriodContaining(o->cadence, o->starts_on, o->due_days).start)
        throw ValidationError("The obligation starts on " + o->starts_on + ".", "period_start");
    if (p.start > db_.clock().TodayStockholm())
        throw ValidationError("The period starting " + p.start + " has not begun yet.", "period_start");
    std::optional<Group> g;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        g = GroupRepository::Load(*c, o->group_id);
    }
    if (!g) throw NotFoundError("No group with id " + o->group_id + ".");
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(*g));
    return {*o, std::move(*g), p};
}

std::vector<reports::ReportSection> ReportingService::Preview(const auth::Actor& actor, const std::string& obligation_id,
                                                              const std::string& period_start) {
    DraftTarget t = Target(actor, obligation_id, period_start);
    db::Lease c = db_.Acquire(db::Access::kRead);
    return sections_.DraftAll({*c, t.group.id, t.period.start, t.period.end, db_.clock().TodayStockholm()});
}

ReportView ReportingService::Draft(const auth::Actor& actor, const std::string& obligation_id,
                                   const std::string& period_start) {
    DraftTarget t = Target(actor, obligation_id, period_start);
    const ReportingObligation* o = &t.obligation;
    const Group& g = t.group;
    const reports::ReportPeriod& p = t.period;
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("reports:" + obligation_id);
        for (const auto& r : ReportingRepository::Reports(c, obligation_id))
            if (r.period_start == p.start) throw ConflictError(ErrorCode("report.exists"), "The report for " + p.start + " – " + p.end + " already exists.",
                                    {}, {{"start", p.start}, {"end", p.end}});
        auto committee = org::OrganisationRepository::Find(c, o->committee_id);
        reports::Report r;
        r.id = NewUuid();
        r.obligation_id = obligation_id;
        r.title = "Återrapportering från " + g.name + " till " + (committee ? committee->name : "nämnden") + ", " +
                  p.start + " – " + p.end;
        r.period_start = p.start;
        r.period_end = p.end;
        r.due_on = p.due_on;
        r.status = "draft";
        r.sections = sections_.DraftAll({c, g.id, p.start, p.end, db_.clock().TodayStockholm()});
        ReportingRepository::InsertReport(c, r);
        audit::Append(c, audit::ByActor(actor, "report.draft", "report", r.id,
                                        {{"obligation_id", obligation_id}, {"period_start", p.start}, {"sections", r.sections.size()}}));
        return View(c, r.id);
    });
}

ReportView ReportingService::Get(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadGovernance, {"report", id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return View(*c, id);
}

ReportView ReportingService::Edit(const auth::Actor& actor, const std::string& id, const std::string& title,
                                  const std::vector<std::pair<std::string, std::string>>& bodies) {
    auto [g, o] = ObligationOfReport(id);
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("report:" + id);
        auto r = ReportingRepository::LoadReport(c, id);
        if (r->status != "draft") throw ConflictError("The report has been submitted and can no longer be edited.");
        if (!title.empty()) r->title = title;
        for (std::size_t i = 0; i < bodies.size(); ++i) {
            auto it = std::find_if(r->sections.begin(), r->sections.end(), [&](auto& s) { return s.key == bodies[i].first; });
            if (it == r->sections.end())
                throw ValidationError("The report has no section '" + bodies[i].first + "'.",
                                      "sections[" + std::to_string(i) + "].key");
            it->body = bodies[i].second;
        }
        ReportingRepository::SaveReport(c, *r);
        audit::Append(c, audit::ByActor(actor, "report.edit", "report", id, {{"sections_edited", bodies.size()}}));
        return View(c, id);
    });
}

ReportView ReportingService::Submit(const auth::Actor& actor, const std::string& id) {
    auto [g, o] = ObligationOfReport(id);
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("report:" + id);
        auto r = ReportingRepository::LoadReport(c, id);
        if (r->status == "submitted") throw ConflictError("The report was already submitted on " + r->submitted_on.value_or("") + ".");
        r->status = "submitted";
        r->submitted_on = db_.clock().TodayStockholm();
        ReportingRepository::SaveReport(c, *r);
        audit::Append(c, audit::ByActor(actor, "report.submit", "report", id,
                                        {{"submitted_on", *r->submitted_on}, {"due_on", r->due_on},
                                         {"late", *r->submitted_on > r->due_on}}));
        return View(c, id);
    });
}

ReportView ReportingService::RecordFeedback(const auth::Actor& actor, const std::string& report_id, Feedback f) {
    if (!IsIsoDate(f.received_on)) throw ValidationError("received_on must be a date as YYYY-MM-DD", "received_on");
    if (f.summary.empty()) throw ValidationError("summary is required", "summary");
    for (std::size_t i = 0; i < f.items.size(); ++i) {
        std::string path = "requests[" + std::to_string(i) + "]";
        if (!IsIsoDate(f.items[i].due_on)) throw ValidationError(path + ".due_on must be a date as YYYY-MM-DD", path + ".due_on");
        if (f.items[i].request.empty()) throw ValidationError(path + ".request is required", path + ".request");
        if (f.items[i].owner_name.empty()) throw ValidationError(path + ".owner_name is required", path + ".owner_name");
    }
    auto [g, o] = ObligationOfReport(report_id);
    auth::Resource res = groups_.ResourceFor(g);
    res.type = "report";
    res.id = report_id;
    authz_.Require(actor, auth::Action::kRecordFeedback, res);
    f.id = NewUuid();
    f.report_id = report_id;
    for (auto& i : f.items) {
        i.id = NewUuid();
        i.feedback_id = f.id;
        i.status = "open";
    }
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        auto r = ReportingRepository::LoadReport(c, report_id);
        if (r->status != "submitted") throw ConflictError("Feedback is recorded on a submitted report; this one is a draft.");
        if (!org::OrganisationRepository::Find(c, f.from_id))
            throw ValidationError("No organisation with id " + f.from_id + ".", "from_id");
        for (std::size_t i = 0; i < f.items.size(); ++i)
            if (!org::OrganisationRepository::Find(c, f.items[i].owner_id))
                throw ValidationError("No organisation with id " + f.items[i].owner_id + ".",
                                      "requests[" + std::to_string(i) + "].owner_id");
        ReportingRepository::InsertFeedback(c, f);
        audit::Append(c, audit::ByActor(actor, "report.feedback", "report", report_id,
                                        {{"feedback_id", f.id}, {"from_id", f.from_id}, {"requests", f.items.size()}}));
        return View(c, report_id);
    });
}

ReportView ReportingService::CompleteItem(const auth::Actor& actor, const std::string& item_id, const std::string& note) {
    std::optional<FollowUpItem> item;
    std::string report_id;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        item = ReportingRepository::LoadItem(*c, item_id);
        if (!item) throw NotFoundError("No follow-up item with id " + item_id + ".");
        report_id = ReportingRepository::ReportOfFeedback(*c, item->feedback_id);
    }
    auto [g, o] = ObligationOfReport(report_id);
    authz_.Require(actor, auth::Action::kRecordGroupWork, groups_.ResourceFor(g));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("item:" + item_id);
        if (auto now = ReportingRepository::LoadItem(c, item_id); now->status == "done")
            throw ConflictError("The follow-up item was already done on " + now->done_on.value_or("") + ".");
        ReportingRepository::CompleteItem(c, item_id, db_.clock().TodayStockholm(), note);
        audit::Append(c, audit::ByActor(actor, "report.follow_up_done", "follow_up_item", item_id, {{"note", note}}));
        return View(c, report_id);
    });
}

}  // namespace samverkan::governance
