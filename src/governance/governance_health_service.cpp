#include "governance/governance_health_service.hpp"

#include "governance/governance_health.hpp"

namespace samverkan::governance {

void GovernanceHealthService::RequireRead(const auth::Actor& actor) const {
    authz_.Require(actor, auth::Action::kReadGovernance, {"governance"});
}

boost::json::object GovernanceHealthService::Build(const std::string& today) const {
    db::Lease c = db_.Acquire(db::Access::kRead);
    return GovernanceHealth(*c, decisions_, today);
}

}  // namespace samverkan::governance
