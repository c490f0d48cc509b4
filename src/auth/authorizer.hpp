#pragma once
#include "auth/policy.hpp"
#include "db/database.hpp"

namespace samverkan::auth {

// Asks the Policy and, on a refusal, writes an audit row and throws Forbidden (Unauthenticated for
// an anonymous actor). Services call Require before they touch a record.
class Authorizer {
public:
    Authorizer(const Policy& policy, db::Database& db) : policy_(policy), db_(db) {}
    void Require(const Actor& actor, Action action, const Resource& resource) const;
    bool Allows(const Actor& actor, Action action, const Resource& resource) const {
        return policy_.Decide(actor, action, resource).allowed;
    }

private:
    const Policy& policy_;
    db::Database& db_;
};

}  // namespace samverkan::auth
