#include "plans/promise_service.hpp"

#include <algorithm>

#include "audit/audit_log.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "plans/plan_repository.hpp"
#include "plans/validation.hpp"

namespace samverkan::plans {
namespace {

void ApplyPromise(CitizenPromise& p, const PromiseInput& in, const org::AreaCatalog& areas) {
    if (in.title) p.title = *in.title;
    RequireLength(p.title, 300, "title", true);
    if (in.description) p.description = *in.description;
    RequireLength(p.description, 4000, "description", false);
    if (in.district_id) {
        const org::Area* a = areas.Get(*in.district_id);
        if (!a || a->kind != "district") throw ValidationError("district_id names no district.", "district_id");
        p.district_id = in.district_id;
    }
    if (in.police_area_id) {
        const org::Area* a = areas.Get(*in.police_area_id);
        if (!a || a->kind != "police_area")
            throw ValidationError("police_area_id names no local police area.", "police_area_id");
        p.police_area_id = in.police_area_id;
    }
    if (!p.district_id && !p.police_area_id)
        throw ValidationError("A promise belongs to a district, a local police area or both.", "district_id");
    if (in.period_start) p.period_start = CheckedDay(*in.period_start, "period_start");
    if (in.period_end) p.period_end = CheckedDay(*in.period_end, "period_end");
    if (p.period_start.empty()) throw ValidationError("period_start is required.", "period_start");
    if (p.period_end.empty()) throw ValidationError("period_end is required.", "period_end");
    if (p.period_end < p.period_start) throw ValidationError("period_end is before period_start.", "period_end");
    if (in.signatories) {
        bool city = false, police = false;
        for (std::size_t i = 0; i < in.signatories->size(); ++i) {
            const Signatory& s = (*in.signatories)[i];
            std::string path = "signatories[" + std::to_string(i) + "]";
            RequireLength(s.name, 200, path + ".name", true);
            RequireLength(s.title, 200, path + ".title", false);
            Signatory checked = s;
            if (s.signed_on) checked.signed_on = CheckedDay(*s.signed_on, path + ".signed_on");
            if (s.party == "city" && !city) {
                city = true;
                p.city = checked;
            } else if (s.party == "police" && !police) {
                police = true;
                p.police = checked;
            } else {
                throw ValidationError("One signatory for the city and one for the police.", path + ".party");
            }
        }
        if (!city) p.city = {"city", "", "", std::nullopt};
        if (!police) p.police = {"police", "", "", std::nullopt};
    }
    if (in.is_public) {
        // Only what both parties have signed is published.
        if (*in.is_public && !p.Signed())
            throw ConflictError(
                "A promise is made public only once both the city "
                "and the police have signed it.");
        p.is_public = *in.is_public;
    }
    if (p.is_public && !p.Signed()) throw ConflictError("A public promise keeps both signatures.");
}

const char* kActivityStatuses[] = {"planned", "ongoing", "done", "paused", "cancelled"};
bool KnownActivityStatus(const std::string& s) {
    return std::any_of(std::begin(kActivityStatuses), std::end(kActivityStatuses),
                       [&](const char* k) { return s == k; });
}

}  // namespace

PromiseService::PromiseService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas)
    : db_(db), access_(access), authz_(access.authz()), areas_(areas) {}

std::vector<std::pair<CitizenPromise, bool>> PromiseService::Promises(const auth::Actor& actor,
                                                                      const std::optional<std::string>& area) {
    authz_.Require(actor, auth::Action::kReadPlans, {"citizen_promise"});
    if (area && !areas_.Get(*area)) throw ValidationError("Unknown area '" + *area + "'.", "area");
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::vector<std::pair<CitizenPromise, bool>> out;
    for (CitizenPromise& p : PlanRepository::Promises(*c)) {
        if (area && p.district_id != *area && p.police_area_id != *area) continue;
        bool edit = authz_.Allows(actor, auth::Action::kEditPlan, access_.PromiseResource(*c, p));
        out.emplace_back(std::move(p), edit);
    }
    return out;
}

std::pair<CitizenPromise, bool> PromiseService::GetPromise(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadPlans, {"citizen_promise", id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    CitizenPromise p = PlanRepository::FindPromise(*c, id).value_or(CitizenPromise{});
    if (p.id.empty()) throw NotFoundError("No citizen promise with id " + id + ".");
    bool edit = authz_.Allows(actor, auth::Action::kEditPlan, access_.PromiseResource(*c, p));
    return {std::move(p), edit};
}

CitizenPromise PromiseService::CreatePromise(const auth::Actor& actor, const PromiseInput& in) {
    authz_.Require(actor, auth::Action::kReadPlans, {"citizen_promise"});
    CitizenPromise p;
    p.city.party = "city";
    p.police.party = "police";
    ApplyPromise(p, in, areas_);
    access_.RequirePromiseEdit(actor, p);
    p.id = NewUuid();
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::InsertPromise(c, p);
        audit::Append(c, audit::ByActor(actor, "citizen_promise.create", "citizen_promise", p.id));
    });
    return p;
}

CitizenPromise PromiseService::UpdatePromise(const auth::Actor& actor, const std::string& id, const PromiseInput& in) {
    auto [p, edit] = GetPromise(actor, id);
    access_.RequirePromiseEdit(actor, p);
    ApplyPromise(p, in, areas_);
    // Moving a promise to another area needs the right there too.
    access_.RequirePromiseEdit(actor, p);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::UpdatePromise(c, p);
        audit::Append(c, audit::ByActor(actor, "citizen_promise.update", "citizen_promise", p.id,
                                        {{"public", p.is_public}, {"signed", p.Signed()}}));
    });
    return p;
}

PromiseActivity PromiseService::AddActivity(const auth::Actor& actor, const std::string& promise_id,
                                            const PromiseActivity& in) {
    auto [p, edit] = GetPromise(actor, promise_id);
    access_.RequirePromiseEdit(actor, p);
    PromiseActivity a = in;
    a.id = NewUuid();
    a.promise_id = p.id;
    RequireLength(a.title, 300, "title", true);
    RequireLength(a.responsible, 200, "responsible", false);
    if (a.due_date) a.due_date = CheckedDay(*a.due_date, "due_date");
    if (a.status.empty()) a.status = "planned";
    if (!KnownActivityStatus(a.status))
        throw ValidationError("status must be planned, ongoing, done, paused or cancelled.", "status");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::InsertActivity(c, a);
        audit::Append(c, audit::ByActor(actor, "citizen_promise.activity.create", "citizen_promise", p.id,
                                        {{"activity_id", a.id}}));
    });
    return a;
}

PromiseActivity PromiseService::UpdateActivity(const auth::Actor& actor, const std::string& activity_id,
                                               const std::optional<std::string>& title,
                                               const std::optional<std::string>& responsible,
                                               const std::optional<std::optional<std::string>>& due_date,
                                               const std::optional<std::string>& status) {
    authz_.Require(actor, auth::Action::kReadPlans, {"promise_activity", activity_id});
    std::string promise_id;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        auto found = PlanRepository::PromiseOfActivity(*c, activity_id);
        if (!found) throw NotFoundError("No promise activity with id " + activity_id + ".");
        promise_id = *found;
    }
    auto [p, edit] = GetPromise(actor, promise_id);
    access_.RequirePromiseEdit(actor, p);
    PromiseActivity a;
    for (const auto& x : p.activities)
        if (x.id == activity_id) a = x;
    if (title) a.title = *title;
    if (responsible) a.responsible = *responsible;
    if (due_date) a.due_date = *due_date ? std::optional(CheckedDay(**due_date, "due_date")) : std::nullopt;
    if (status) a.status = *status;
    RequireLength(a.title, 300, "title", true);
    RequireLength(a.responsible, 200, "responsible", false);
    if (!KnownActivityStatus(a.status))
        throw ValidationError("status must be planned, ongoing, done, paused or cancelled.", "status");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::UpdateActivity(c, a);
        audit::Append(c, audit::ByActor(actor, "citizen_promise.activity.update", "citizen_promise", p.id,
                                        {{"activity_id", a.id}, {"status", a.status}}));
    });
    return a;
}

PromiseFollowUp PromiseService::AddPromiseFollowUp(const auth::Actor& actor, const std::string& promise_id,
                                                   const std::string& date, const std::string& note, int progress) {
    auto [p, edit] = GetPromise(actor, promise_id);
    access_.RequirePromiseEdit(actor, p);
    std::string day = CheckedDay(date, "date");
    if (day > db_.clock().TodayStockholm()) throw ValidationError("date " + day + " is in the future.", "date");
    RequireLength(note, 4000, "note", false);
    if (progress < 0 || progress > 100)
        throw ValidationError("progress must be a whole number from 0 to 100.", "progress");
    PromiseFollowUp f{NewUuid(), p.id, day, note, progress};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PlanRepository::InsertPromiseFollowUp(c, f, actor.id.str());
        audit::Append(
            c, audit::ByActor(actor, "citizen_promise.follow_up", "citizen_promise", p.id, {{"follow_up_id", f.id}}));
    });
    return f;
}

}  // namespace samverkan::plans
