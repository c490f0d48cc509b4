#include "governance/agreement_service.hpp"

#include <boost/json.hpp>

#include "audit/audit_log.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "governance/agreement_repository.hpp"

namespace samverkan::governance {
namespace {

boost::json::object Summary(const Agreement& a) {
    return {{"title", a.title}, {"version", a.version}, {"status", StatusName(a.status)},
            {"period_start", a.period_start}, {"period_end", a.period_end ? boost::json::value(*a.period_end) : nullptr}};
}

void ValidatePeriod(const std::string& start, const std::optional<std::string>& end) {
    if (!IsIsoDate(start)) throw ValidationError("period_start must be a date as YYYY-MM-DD", "period_start");
    if (end && !IsIsoDate(*end)) throw ValidationError("period_end must be a date as YYYY-MM-DD", "period_end");
    if (end && *end < start) throw ValidationError("period_end is before period_start", "period_end");
}

}  // namespace

std::string AgreementService::Today() const { return db_.clock().TodayStockholm(); }

auth::Resource AgreementService::ResourceFor(const Agreement& a) const {
    auth::Resource r{"agreement", a.id};
    if (a.district_id)
        for (auto& id : areas_.WithAncestors(*a.district_id, Today())) r.areas.emplace_back(id);
    return r;
}

AgreementView AgreementService::View(std::vector<Agreement> all, const std::string& id) const {
    AgreementView v;
    v.all = std::move(all);
    const Agreement* self = nullptr;
    for (const Agreement& a : v.all)
        if (a.id == id) self = &a;
    if (!self) throw NotFoundError("No agreement with id " + id + ".");
    v.agreement = *self;
    v.effective_status = self->EffectiveStatus(Today());
    v.allowed_transitions = AllowedTransitions(self->status);
    // The version chain: back along previous_version_id, then forward along successors.
    auto find = [&](const std::string& i) -> const Agreement* {
        for (const Agreement& a : v.all)
            if (a.id == i) return &a;
        return nullptr;
    };
    const Agreement* first = self;
    for (int guard = 0; first->previous_version_id && guard < 100; ++guard) {
        const Agreement* p = find(*first->previous_version_id);
        if (!p) break;
        first = p;
    }
    for (const Agreement* cur = first; cur && v.versions.size() < 100;) {
        v.versions.push_back(cur);
        const Agreement* next = nullptr;
        for (const Agreement& a : v.all)
            if (a.previous_version_id == cur->id) next = &a;
        cur = next;
    }
    return v;
}

std::vector<Agreement> AgreementService::List(const auth::Actor& actor) {
    authz_.Require(actor, auth::Action::kReadAgreements, {"agreement"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return AgreementRepository::LoadAll(*c);
}

AgreementView AgreementService::Get(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadAgreements, {"agreement", id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return View(AgreementRepository::LoadAll(*c), id);
}

AgreementView AgreementService::Create(const auth::Actor& actor, const NewAgreement& in) {
    if (in.title.empty() || in.title.size() > 300) throw ValidationError("title must be 1 to 300 bytes", "title");
    if (in.scope != "citywide" && in.scope != "local") throw ValidationError("scope must be citywide or local", "scope");
    ValidatePeriod(in.period_start, in.period_end);
    Agreement a;
    a.id = NewUuid();
    a.title = in.title;
    a.scope = in.scope;
    a.period_start = in.period_start;
    a.period_end = in.period_end;
    if (in.scope == "local") {
        if (!in.district_id) throw ValidationError("a local agreement needs district_id", "district_id");
        const org::Area* d = areas_.Get(*in.district_id);
        if (!d || d->kind != "district") throw ValidationError("No district with id " + *in.district_id + ".", "district_id");
        // Refused only for a district already abolished when the agreement starts: the reference data
        // begins in 2020, and older districts are not "unknown" before that.
        if (d->valid_to && in.period_start >= *d->valid_to)
            throw ValidationError("The district " + d->name + " was abolished on " + *d->valid_to + ", before " +
                                      in.period_start + ".",
                                  "district_id");
        a.district_id = in.district_id;
    } else if (in.district_id) {
        throw ValidationError("a citywide agreement has no district", "district_id");
    }
    authz_.Require(actor, auth::Action::kEditAgreement, ResourceFor(a));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (in.parent_id) {
            auto parent = AgreementRepository::Load(c, *in.parent_id);
            if (!parent || parent->scope != "citywide")
                throw ValidationError("parent_id must name a citywide agreement", "parent_id");
            a.parent_id = in.parent_id;
        }
        AgreementRepository::Insert(c, a);
        audit::Append(c, audit::ByActor(actor, "agreement.create", "agreement", a.id, Summary(a)));
        return View(AgreementRepository::LoadAll(c), a.id);
    });
}

AgreementView AgreementService::Update(const auth::Actor& actor, const std::string& id, const AgreementContent& in) {
    if (in.title.empty() || in.title.size() > 300) throw ValidationError("title must be 1 to 300 bytes", "title");
    ValidatePeriod(in.period_start, in.period_end);
    std::optional<Agreement> current;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        current = AgreementRepository::Load(*c, id);
    }
    if (!current) throw NotFoundError("No agreement with id " + id + ".");
    authz_.Require(actor, auth::Action::kEditAgreement, ResourceFor(*current));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        auto a = AgreementRepository::Load(c, id);
        if (!a) throw NotFoundError("No agreement with id " + id + ".");
        if (a->status != AgreementStatus::kDraft)
            throw ConflictError("Only a draft can be edited; this agreement is " + std::string(StatusName(a->status)) +
                                ". Make a new version to change it.");
        Agreement before = *a;
        a->title = in.title;
        a->period_start = in.period_start;
        a->period_end = in.period_end;
        a->follow_up_plan = in.follow_up_plan;
        a->signatories = in.signatories;
        a->items = in.items;
        AgreementRepository::SaveContent(c, *a);
        boost::json::object detail = Summary(*a);
        boost::json::array changes;
        for (const SectionDiff& d : Compare(before, *a))
            if (!d.added.empty() || !d.removed.empty() || !d.changed.empty())
                changes.push_back({{"kind", d.kind},
                                   {"added", d.added.size()},
                                   {"removed", d.removed.size()},
                                   {"changed", d.changed.size()}});
        detail["item_changes"] = changes;
        detail["signatories"] = a->signatories.size();
        audit::Append(c, audit::ByActor(actor, "agreement.update", "agreement", id, detail));
        return View(AgreementRepository::LoadAll(c), id);
    });
}

AgreementView AgreementService::Transition(const auth::Actor& actor, const std::string& id, AgreementStatus to) {
    std::optional<Agreement> current;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        current = AgreementRepository::Load(*c, id);
    }
    if (!current) throw NotFoundError("No agreement with id " + id + ".");
    authz_.Require(actor, auth::Action::kEditAgreement, ResourceFor(*current));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("agreements");
        std::vector<Agreement> all = AgreementRepository::LoadAll(c);
        auto self = std::find_if(all.begin(), all.end(), [&](const Agreement& a) { return a.id == id; });
        if (self == all.end()) throw NotFoundError("No agreement with id " + id + ".");
        if (auto why = TransitionRefusal(*self, to, all)) throw ConflictError(*why);
        AgreementStatus from = self->status;
        if (to == AgreementStatus::kSigned) {
            // Signatories without a date signed on the day the agreement was marked signed.
            for (Signatory& s : self->signatories)
                if (!s.signed_on) s.signed_on = Today();
            AgreementRepository::SaveContent(c, *self);
        }
        AgreementRepository::SetStatus(c, id, to);
        boost::json::object detail{{"from", StatusName(from)}, {"to", StatusName(to)}};
        if (to == AgreementStatus::kInForce && self->previous_version_id) {
            for (const Agreement& o : all)
                if (o.id == *self->previous_version_id && o.status == AgreementStatus::kInForce) {
                    // Superseding only ever shortens the predecessor's period, never lengthens it.
                    std::string last_day = DayBefore(self->period_start);
                    if (o.period_end && *o.period_end < last_day) last_day = *o.period_end;
                    AgreementRepository::Supersede(c, o.id, id, last_day);
                    detail["supersedes"] = o.id;
                    detail["predecessor_last_day"] = last_day;
                }
        }
        audit::Append(c, audit::ByActor(actor, "agreement.transition", "agreement", id, detail));
        return View(AgreementRepository::LoadAll(c), id);
    });
}

AgreementView AgreementService::NewVersion(const auth::Actor& actor, const std::string& id) {
    std::optional<Agreement> source;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        source = AgreementRepository::Load(*c, id);
    }
    if (!source) throw NotFoundError("No agreement with id " + id + ".");
    authz_.Require(actor, auth::Action::kEditAgreement, ResourceFor(*source));
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("agreements");
        std::vector<Agreement> all = AgreementRepository::LoadAll(c);
        for (const Agreement& a : all)
            if (a.previous_version_id == id)
                throw ConflictError("Version " + std::to_string(a.version) + " already follows this one; work on it instead.");
        if (source->status != AgreementStatus::kSigned && source->status != AgreementStatus::kInForce)
            throw ConflictError("Only a signed or in-force agreement gets a new version; this one is " +
                                std::string(StatusName(source->status)) +
                                (source->status == AgreementStatus::kProposed ? ": move it back to draft to change it."
                                                                              : "."));
        Agreement next = *source;
        next.id = NewUuid();
        next.version = source->version + 1;
        next.previous_version_id = source->id;
        next.status = AgreementStatus::kDraft;
        next.superseded_by.reset();
        std::string today = Today();
        next.period_start = today > source->period_start ? today : source->period_start;
        next.period_end.reset();
        for (Signatory& s : next.signatories) s.signed_on.reset();
        AgreementRepository::Insert(c, next);
        audit::Append(c, audit::ByActor(actor, "agreement.new_version", "agreement", next.id,
                                        {{"previous_version_id", source->id}, {"version", next.version}}));
        return View(AgreementRepository::LoadAll(c), next.id);
    });
}

std::pair<Agreement, Agreement> AgreementService::ForCompare(const auth::Actor& actor, const std::string& from,
                                                             const std::string& to) {
    authz_.Require(actor, auth::Action::kReadAgreements, {"agreement"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto a = AgreementRepository::Load(*c, from);
    if (!a) throw NotFoundError("No agreement with id " + from + ".");
    auto b = AgreementRepository::Load(*c, to);
    if (!b) throw NotFoundError("No agreement with id " + to + ".");
    return {std::move(*a), std::move(*b)};
}

}  // namespace samverkan::governance
