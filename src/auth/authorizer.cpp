#include "auth/authorizer.hpp"

#include "audit/audit_log.hpp"
#include "common/errors.hpp"

namespace samverkan::auth {

void Authorizer::Require(const Actor& actor, Action action, const Resource& resource) const {
    Decision d = policy_.Decide(actor, action, resource);
    if (d.allowed) return;
    if (!actor.authenticated()) throw UnauthenticatedError();
    audit::AppendAlone(db_, audit::ByActor(actor, "authz.deny", resource.type, resource.id,
                                           {{"action", std::string(ActionName(action))}, {"reason", d.reason}}, "denied"));
    throw ForbiddenError(d.reason);
}

}  // namespace samverkan::auth
