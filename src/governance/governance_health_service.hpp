#pragma once
// The governance health view as a use case: who may read it, and the view itself for a day.
#include <boost/json/object.hpp>
#include <string>

#include "auth/authorizer.hpp"
#include "db/database.hpp"
#include "governance/decision_service.hpp"

namespace samverkan::governance {

class GovernanceHealthService {
public:
    GovernanceHealthService(db::Database& db, const auth::Authorizer& authz, const DecisionService& decisions)
        : db_(db), authz_(authz), decisions_(decisions) {}

    // Throws ForbiddenError unless the actor may read governance (the refusal is audited).
    void RequireRead(const auth::Actor& actor) const;
    // The view on `today` (YYYY-MM-DD, Europe/Stockholm); see GovernanceHealth. No permission check: call RequireRead
    // first (the handler caches the view between the two).
    boost::json::object Build(const std::string& today) const;

    // The injected clock (the database's).
    const Clock& clock() const { return db_.clock(); }

private:
    db::Database& db_;
    const auth::Authorizer& authz_;
    const DecisionService& decisions_;
};

}  // namespace samverkan::governance
