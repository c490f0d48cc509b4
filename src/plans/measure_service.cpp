#include "plans/measure_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "audit/audit_log.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "plans/plan_repository.hpp"
#include "plans/validation.hpp"

namespace samverkan::plans {
namespace {

const std::vector<std::string> kMeasureColumns = {"id",    "titel", "beskrivning", "typ",   "horisont", "status",
                                                  "start", "slut",  "ansvarig",    "ägare", "mål",      "problem"};
const std::vector<std::string> kFollowUpColumns = {"id", "åtgärd_id", "åtgärd", "datum", "notering", "framsteg"};

std::string TypeSv(const std::string& t) { return t == "situational" ? "situationell" : t; }
std::string HorizonSv(const std::string& h) { return h == "short" ? "kort" : h == "long" ? "lång" : h; }

bool SameMeasure(const Measure& a, const Measure& b) {
    return a.title == b.title && a.description == b.description && a.type == b.type && a.horizon == b.horizon &&
           a.status == b.status && a.start_date == b.start_date && a.end_date == b.end_date &&
           a.responsible == b.responsible && a.owner_ids == b.owner_ids && a.goal_ids == b.goal_ids &&
           a.problem_ids == b.problem_ids;
}

boost::json::object Changes(const MeasureInput& in) {
    boost::json::array fields;
    auto add = [&](const char* name, bool set) {
        if (set) fields.emplace_back(name);
    };
    add("title", in.title.has_value());
    add("description", in.description.has_value());
    add("type", in.type.has_value());
    add("horizon", in.horizon.has_value());
    add("status", in.status.has_value());
    add("start_date", in.start_date.has_value());
    add("end_date", in.end_date.has_value());
    add("responsible", in.responsible.has_value());
    add("owner_organisation_ids", in.owner_ids.has_value());
    add("goal_ids", in.goal_ids.has_value());
    add("problem_ids", in.problem_ids.has_value());
    return {{"fields", fields}};
}

}  // namespace

MeasureService::MeasureService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas,
                               IndicatorService& indicators)
    : db_(db), access_(access), authz_(access.authz()), areas_(areas), indicators_(indicators) {}

void MeasureService::ApplyMeasure(db::Connection& c, const Plan& plan, Measure& m, const MeasureInput& in,
                                  bool creating) const {
    if (in.title) m.title = *in.title;
    RequireLength(m.title, 200, "title", true);
    if (in.description) m.description = *in.description;
    RequireLength(m.description, 4000, "description", false);
    if (in.responsible) m.responsible = *in.responsible;
    RequireLength(m.responsible, 200, "responsible", false);
    if (in.type) {
        if (*in.type != "situational" && *in.type != "social")
            throw ValidationError("type must be situational or social.", "type");
        m.type = *in.type;
    }
    if (m.type.empty()) throw ValidationError("type is required (situational or social).", "type");
    if (in.horizon) {
        if (*in.horizon != "short" && *in.horizon != "long")
            throw ValidationError("horizon must be short or long.", "horizon");
        m.horizon = *in.horizon;
    }
    if (m.horizon.empty()) throw ValidationError("horizon is required (short or long).", "horizon");
    if (in.start_date) m.start_date = est::FormatDay(RequireDay(*in.start_date, "start_date"));
    if (in.end_date) m.end_date = est::FormatDay(RequireDay(*in.end_date, "end_date"));
    if (m.start_date.empty()) throw ValidationError("start_date is required.", "start_date");
    if (m.end_date.empty()) throw ValidationError("end_date is required.", "end_date");
    if (m.end_date < m.start_date) throw ValidationError("end_date is before start_date.", "end_date");
    if (in.status) {
        auto s = ParseStatus(*in.status);
        if (!s) throw ValidationError("status must be planned, ongoing, done, paused or cancelled.", "status");
        if (!creating && !CanMove(m.status, *s)) {
            std::string allowed;
            for (MeasureStatus a : AllowedMoves(m.status))
                allowed += (allowed.empty() ? "" : ", ") + std::string(StatusName(a));
            throw ConflictError("A measure cannot move from " + std::string(StatusName(m.status)) + " to " +
                                    std::string(StatusName(*s)) + "; from " + std::string(StatusName(m.status)) +
                                    (allowed.empty() ? " it cannot move at all." : " it can move to " + allowed + "."),
                                "status");
        }
        m.status = *s;
    }
    if (in.owner_ids) {
        if (in.owner_ids->empty() || in.owner_ids->size() > 10)
            throw ValidationError("A measure has 1–10 owner organisations.", "owner_organisation_ids");
        std::set<std::string> seen;
        for (const auto& o : *in.owner_ids) {
            if (!seen.insert(o).second)
                throw ValidationError("An owner organisation is named twice.", "owner_organisation_ids");
            if (!PlanRepository::OrganisationExists(c, o))
                throw ValidationError("No organisation with id " + o + ".", "owner_organisation_ids");
        }
        m.owner_ids = *in.owner_ids;
    }
    if (m.owner_ids.empty())
        throw ValidationError("A measure has at least one owner organisation.", "owner_organisation_ids");
    using PlanOf = std::optional<std::string> (*)(db::Connection&, const std::string&);
    auto check_links = [&](const std::vector<std::string>& ids, PlanOf plan_of, const char* field) {
        std::set<std::string> seen;
        for (const auto& id : ids) {
            if (!seen.insert(id).second) throw ValidationError(std::string(field) + " names " + id + " twice.", field);
            auto owner = plan_of(c, id);
            if (!owner) throw ValidationError(std::string(field) + ": no record with id " + id + ".", field);
            if (*owner != plan.id)
                throw ValidationError(std::string(field) + ": " + id + " belongs to another plan.", field);
        }
    };
    if (in.goal_ids) {
        check_links(*in.goal_ids, PlanRepository::PlanOfGoal, "goal_ids");
        m.goal_ids = *in.goal_ids;
    }
    if (in.problem_ids) {
        check_links(*in.problem_ids, PlanRepository::PlanOfProblem, "problem_ids");
        m.problem_ids = *in.problem_ids;
    }
}

Measure MeasureService::CreateMeasure(const auth::Actor& actor, const std::string& plan_id, const MeasureInput& in) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        Measure m;
        m.id = NewUuid();
        m.plan_id = plan.id;
        ApplyMeasure(c, plan, m, in, true);
        PlanRepository::InsertMeasure(c, m);
        audit::Append(c, audit::ByActor(actor, "measure.create", "measure", m.id,
                                        {{"plan_id", plan.id}, {"status", StatusName(m.status)}}));
        return m;
    });
}

MeasureView MeasureService::GetMeasure(const auth::Actor& actor, const std::string& measure_id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"measure", measure_id});
    MeasureView v;
    Plan plan;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        auto found = PlanRepository::FindMeasure(*c, measure_id);
        if (!found) throw NotFoundError("No measure with id " + measure_id + ".");
        v.measure = std::move(*found);
        plan = *PlanRepository::FindPlan(*c, v.measure.plan_id);
        for (Indicator& x : PlanRepository::IndicatorsOf(*c, plan.id))
            if (x.measure_id == measure_id) v.indicators.push_back(std::move(x));
        v.follow_ups = PlanRepository::FollowUpsOf(*c, measure_id);
        for (Comment& cm : PlanRepository::CommentsOf(*c, plan.id))
            if (cm.measure_id == measure_id) v.comments.push_back(std::move(cm));
        v.can_update = authz_.Allows(
            actor, auth::Action::kUpdateMeasure,
            access_.MeasureResource(access_.PlanResource(*c, plan), v.measure, actor, access_.Memberships(*c, actor)));
    }
    indicators_.FillBoundValues(plan, v.indicators);
    return v;
}

Measure MeasureService::UpdateMeasure(const auth::Actor& actor, const std::string& measure_id, const MeasureInput& in) {
    auto [plan, before] = access_.RequireMeasureUpdate(actor, measure_id);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("measure:" + measure_id);
        auto found = PlanRepository::FindMeasure(c, measure_id);
        if (!found) throw NotFoundError("No measure with id " + measure_id + ".");
        Measure m = std::move(*found);
        std::string from = std::string(StatusName(m.status));
        ApplyMeasure(c, plan, m, in, false);
        PlanRepository::UpdateMeasure(c, m);
        boost::json::object detail = Changes(in);
        if (from != StatusName(m.status)) {
            detail["status_from"] = from;
            detail["status_to"] = StatusName(m.status);
        }
        audit::Append(c, audit::ByActor(actor, "measure.update", "measure", m.id, detail));
        return *PlanRepository::FindMeasure(c, measure_id);
    });
}

void MeasureService::DeleteMeasure(const auth::Actor& actor, const std::string& measure_id) {
    Measure m = access_.ReadRecord(actor, "measure", "measure", measure_id, PlanRepository::FindMeasure);
    access_.RequireEdit(actor, m.plan_id);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::DeleteMeasure(c, measure_id);
        audit::Append(c, audit::ByActor(actor, "measure.delete", "measure", measure_id,
                                        {{"plan_id", m.plan_id}, {"title", m.title}}));
    });
}

FollowUp MeasureService::AddFollowUp(const auth::Actor& actor, const std::string& measure_id, const std::string& date,
                                     const std::string& note, int progress) {
    auto [plan, m] = access_.RequireMeasureUpdate(actor, measure_id);
    est::Day d = RequireDay(date, "date");
    if (d > est::StockholmDay(db_.clock().EpochSeconds()))
        throw ValidationError("date " + date + " is in the future.", "date");
    RequireLength(note, 4000, "note", false);
    if (progress < 0 || progress > 100)
        throw ValidationError("progress must be a whole number from 0 to 100.", "progress");
    FollowUp f{NewUuid(), measure_id,     est::FormatDay(d),  note,
               progress,  actor.id.str(), actor.display_name, db_.clock().NowUtc()};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::InsertFollowUp(c, f);
        audit::Append(c, audit::ByActor(actor, "measure.follow_up", "measure", measure_id,
                                        {{"follow_up_id", f.id}, {"date", f.date}, {"progress", progress}}));
    });
    return f;
}

// --- CSV -----------------------------------------------------------------------------------------

std::string MeasureService::ExportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = access_.RequirePlan(actor, plan_id);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::map<std::string, std::string> goal_code, problem_title;
    for (const Goal& g : PlanRepository::GoalsOf(*c, plan.id)) goal_code[g.id] = g.code;
    for (const Problem& p : PlanRepository::ProblemsOf(*c, plan.id)) problem_title[p.id] = p.title;
    std::map<std::string, std::string> org_name = PlanRepository::OrganisationNames(*c);
    std::string out = csv::kBom;
    AppendCsvRow(out, kMeasureColumns, csv::kDelimiter);
    for (const Measure& m : PlanRepository::Measures(*c, plan.id)) {
        std::vector<std::string> owners, goals, problems;
        for (const auto& o : m.owner_ids) owners.push_back(org_name[o]);
        for (const auto& g : m.goal_ids) goals.push_back(goal_code[g]);
        for (const auto& p : m.problem_ids) problems.push_back(problem_title[p]);
        AppendCsvRow(
            out,
            {m.id, m.title, m.description, TypeSv(m.type), HorizonSv(m.horizon), std::string(StatusNameSv(m.status)),
             m.start_date, m.end_date, m.responsible, csv::Join(owners), csv::Join(goals), csv::Join(problems)},
            csv::kDelimiter);
    }
    return out;
}

std::string MeasureService::ExportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id) {
    Plan plan = access_.RequirePlan(actor, plan_id);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::map<std::string, std::string> title;
    for (const Measure& m : PlanRepository::Measures(*c, plan.id)) title[m.id] = m.title;
    std::string out = csv::kBom;
    AppendCsvRow(out, kFollowUpColumns, csv::kDelimiter);
    for (const FollowUp& f : PlanRepository::FollowUpsOfPlan(*c, plan.id))
        AppendCsvRow(out, {f.id, f.measure_id, title[f.measure_id], f.date, f.note, std::to_string(f.progress)},
                     csv::kDelimiter);
    return out;
}

ImportResult MeasureService::ImportMeasuresCsv(const auth::Actor& actor, const std::string& plan_id,
                                               const std::string& bytes) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    std::map<std::string, std::string> goal_by_code, problem_by_title;
    std::multimap<std::string, std::string> org_by_name;
    std::map<std::string, Measure> existing;
    std::set<std::string> seen_ids;
    csv::Import import;
    import.columns = kMeasureColumns;
    import.begin = [&](db::Connection & c) {
        for (const Goal& g:PlanRepository::GoalsOf(c, plan.id)) goal_by_code[g.code] = g.id;
    for (const Problem& p : PlanRepository::ProblemsOf(c, plan.id)) problem_by_title[p.title] = p.id;
    for (auto& [id, name] : PlanRepository::OrganisationNames(c)) org_by_name.emplace(name, id);
    // The plan's measures, read once: a file has a row for each of them.
    for (Measure& x : PlanRepository::Measures(c, plan.id)) existing.emplace(x.id, std::move(x));
};
import.row = [&](db::Connection & c, const csv::ImportRow& row) {
    auto cell = [&](std::size_t col) {
        return row.Cell(col);
};  // namespace samverkan::plans
std::string id = cell(0);
Measure m, before;
bool creating = id.empty();
if (!creating) {
    if (!seen_ids.insert(id).second) throw ValidationError("The measure " + id + " appears twice in the file.", "id");
    auto found = existing.find(id);
    if (found == existing.end()) {
        auto elsewhere = PlanRepository::PlanOfMeasure(c, id);
        if (!elsewhere) throw ValidationError("No measure with id " + id + ".", "id");
        auto other = PlanRepository::FindPlan(c, *elsewhere);
        const org::Area* d = other && other->district_id ? areas_.Get(*other->district_id) : nullptr;
        throw ValidationError("The measure " + id + " belongs to another plan (" +
                                  (d       ? d->name
                                   : other ? other->title
                                           : *elsewhere) +
                                  ").",
                              "id");
    }
    m = before = found->second;
} else {
    m.id = NewUuid();
    m.plan_id = plan.id;
}
MeasureInput in;
in.title = cell(1);
in.description = cell(2);
std::string typ = cell(3), hor = cell(4), status = cell(5);
if (typ == "situationell")
    in.type = "situational";
else if (typ == "social")
    in.type = "social";
else
    throw ValidationError("typ must be situationell or social, not '" + typ + "'.", "type");
if (hor == "kort")
    in.horizon = "short";
else if (hor == "lång")
    in.horizon = "long";
else
    throw ValidationError("horisont must be kort or lång, not '" + hor + "'.", "horizon");
auto st = ParseStatusSv(status);
if (!st)
    throw ValidationError("status must be planerad, pågående, klar, pausad or avbruten, not '" + status + "'.",
                          "status");
in.status = std::string(StatusName(*st));
in.start_date = cell(6);
in.end_date = cell(7);
in.responsible = cell(8);
in.owner_ids.emplace();
for (const auto& name : csv::SplitList(cell(9))) {
    auto [lo, hi] = org_by_name.equal_range(name);
    if (lo == hi) throw ValidationError("No organisation named '" + name + "'.", "owner_organisation_ids");
    if (std::next(lo) != hi)
        throw ValidationError("More than one organisation is named '" + name + "'.", "owner_organisation_ids");
    in.owner_ids->push_back(lo->second);
}
in.goal_ids.emplace();
for (const auto& code : csv::SplitList(cell(10))) {
    auto it = goal_by_code.find(code);
    if (it == goal_by_code.end()) throw ValidationError("The plan has no goal with code '" + code + "'.", "goal_ids");
    in.goal_ids->push_back(it->second);
}
in.problem_ids.emplace();
for (const auto& t : csv::SplitList(cell(11))) {
    auto it = problem_by_title.find(t);
    if (it == problem_by_title.end())
        throw ValidationError("The plan has no problem titled '" + t + "'.", "problem_ids");
    in.problem_ids->push_back(it->second);
}
ApplyMeasure(c, plan, m, in, creating);
if (creating) {
    PlanRepository::InsertMeasure(c, m);
    return csv::RowOutcome::kCreated;
}
if (SameMeasure(m, before)) return csv::RowOutcome::kUnchanged;
PlanRepository::UpdateMeasure(c, m);
return csv::RowOutcome::kUpdated;
}
;
import.finish = [&](db::Connection & c, const ImportResult& result) {
    audit::Append(c, audit::ByActor(actor, "measure.import", "action_plan", plan.id,
                                    {{"created", result.created},
                                     {"updated", result.updated},
                                     { "unchanged",
                                       result.unchanged }}));
}
;
return csv::RunImport(db_, bytes, import);
}

ImportResult MeasureService::ImportFollowUpsCsv(const auth::Actor& actor, const std::string& plan_id,
                                                const std::string& bytes) {
    Plan plan = access_.RequireEdit(actor, plan_id);
    std::string today = db_.clock().TodayStockholm();
    std::set<std::string> measure_ids;
    std::map<std::string, FollowUp> stored;
    std::set<std::string> seen_ids;
    csv::Import import;
    import.columns = kFollowUpColumns;
    import.begin = [&](db::Connection & c) {
        // The plan's measures and follow-ups, read once (a district's file has thousands of rows).
        for (const Measure& x:PlanRepository::Measures(c, plan.id)) measure_ids.insert(x.id);
    for (FollowUp& x : PlanRepository::FollowUpsOfPlan(c, plan.id)) stored.emplace(x.id, std::move(x));
};
import.row = [&](db::Connection & c, const csv::ImportRow& row) {
    auto cell = [&](std::size_t col) {
        return row.Cell(col);
}
;
std::string id = cell(0), measure_id = cell(1);
if (measure_id.empty()) throw ValidationError("åtgärd_id is required.", "measure_id");
if (!measure_ids.count(measure_id)) {
    bool elsewhere = PlanRepository::PlanOfMeasure(c, measure_id).has_value();
    throw ValidationError(elsewhere ? "The measure " + measure_id + " belongs to another plan."
                                    : "No measure with id " + measure_id + ".",
                          "measure_id");
}
FollowUp f;
std::optional<FollowUp> before;
if (!id.empty()) {
    if (!seen_ids.insert(id).second) throw ValidationError("The follow-up " + id + " appears twice in the file.", "id");
    auto it = stored.find(id);
    if (it == stored.end()) throw ValidationError("No follow-up of this plan with id " + id + ".", "id");
    before = it->second;
    if (before->measure_id != measure_id)
        throw ValidationError("The follow-up " + id + " belongs to another measure.", "measure_id");
    f = *before;
} else {
    f.id = NewUuid();
    f.measure_id = measure_id;
    f.recorded_by = actor.id.str();
}
f.date = CheckedDay(cell(3), "date");
if (f.date > today) throw ValidationError("datum " + f.date + " is in the future.", "date");
f.note = cell(4);
RequireLength(f.note, 4000, "note", false);
std::string p = cell(5);
bool digits = !p.empty() && p.size() <= 3 && std::all_of(p.begin(), p.end(), ::isdigit);
if (!digits || std::stoi(p) > 100)
    throw ValidationError("framsteg must be a whole number from 0 to 100, not '" + p + "'.", "progress");
f.progress = std::stoi(p);
if (!before) {
    PlanRepository::InsertFollowUp(c, f);
    return csv::RowOutcome::kCreated;
}
if (before->date == f.date && before->note == f.note && before->progress == f.progress)
    return csv::RowOutcome::kUnchanged;
PlanRepository::UpdateFollowUp(c, f);
return csv::RowOutcome::kUpdated;
}
;
import.finish = [&](db::Connection & c, const ImportResult& result) {
    audit::Append(c, audit::ByActor(actor, "measure.follow_up.import", "action_plan", plan.id,
                                    {{"created", result.created},
                                     {"updated", result.updated},
                                     { "unchanged",
                                       result.unchanged }}));
}
;
return csv::RunImport(db_, bytes, import);
}
}  // namespace samverkan::plans
