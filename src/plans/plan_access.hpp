#pragma once
// Who may do what to a plan, a measure or a citizen promise: builds the policy's resources (areas, local group members,
// measure owners) and asks the Authorizer. Shared by the plan services; a refusal is audited by the Authorizer and
// thrown as ForbiddenError, a missing record as NotFoundError.
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "auth/authorizer.hpp"
#include "common/errors.hpp"
#include "db/database.hpp"
#include "org/area_catalog.hpp"
#include "plans/plan.hpp"

namespace samverkan::plans {

class PlanAccess {
public:
    PlanAccess(db::Database& db, auth::Authorizer& authz, const org::AreaCatalog& areas)
        : db_(db), authz_(authz), areas_(areas) {}

    auth::Authorizer& authz() { return authz_; }

    // Checks that the actor may read plans and that the plan exists.
    Plan RequirePlan(const auth::Actor& actor, const std::string& plan_id);
    // The same, and that the actor may edit it.
    Plan RequireEdit(const auth::Actor& actor, const std::string& plan_id);
    // Checks that the actor may update the measure (an owner's member, or an editor of its plan).
    std::pair<Plan, Measure> RequireMeasureUpdate(const auth::Actor& actor, const std::string& measure_id);
    // Checks plan.edit on the promise's district and police area.
    void RequirePromiseEdit(const auth::Actor& actor, const CitizenPromise& p);

    // Checks that the actor may read plans and reads one record by `find`; NotFound names `what`.
    template <typename Find>
    auto ReadRecord(const auth::Actor& actor, const char* resource, const char* what, const std::string& id,
                    Find find) {
        authz_.Require(actor, auth::Action::kReadPlans, {resource, id});
        db::Lease c = db_.Acquire(db::Access::kRead);
        auto record = find(*c, id);
        if (!record) throw NotFoundError("No " + std::string(what) + " with id " + id + ".");
        return std::move(*record);
    }

    auth::Resource PlanResource(db::Connection& c, const Plan& plan) const;
    auth::Resource PromiseResource(db::Connection& c, const CitizenPromise& p) const;
    // The actor's organisation memberships as stored now (not as when the session began).
    std::set<std::string> Memberships(db::Connection& c, const auth::Actor& actor) const;
    // A measure is the plan's resource with "measure_owners": the actor, when a membership is an owner.
    auth::Resource MeasureResource(const auth::Resource& plan_resource, const Measure& m, const auth::Actor& actor,
                                   const std::set<std::string>& memberships) const;

private:
    auth::Resource AreaResource(db::Connection& c, const std::string& type, const std::optional<std::string>& id,
                                const std::vector<std::string>& area_ids) const;

    db::Database& db_;
    auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
};

}  // namespace samverkan::plans
