#pragma once
// The append-only, hash-chained audit log. Each row's hash covers the previous row's hash and
// every field of the row, so altering, removing or reordering any row breaks the chain from there on.
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "audit/who.hpp"
#include "db/database.hpp"

namespace samverkan::audit {

struct Entry {
    std::optional<std::string> actor_id;
    std::string actor_name;  // username, or "anonymous" / "system"
    std::string request_id;
    std::string action;       // e.g. "session.create", "organisation.create", "authz.deny"
    std::string object_type;  // e.g. "session", "organisation"
    std::optional<std::string> object_id;
    std::string outcome;  // "success", "failure" or "denied"
    boost::json::object detail;  // what changed; never secrets
};

// An entry for something `actor` did (an auth::Actor converts to Who).
Entry ByActor(const Who& actor, std::string action, std::string object_type,
              std::optional<std::string> object_id, boost::json::object detail = {}, std::string outcome = "success");

// Appends one row inside the caller's write transaction, so the row commits or rolls back with the change.
void Append(db::Connection& conn, const Entry& entry);
// Appends one row in its own transaction (sign-in failures and denials, which change nothing else).
void AppendAlone(db::Database& db, const Entry& entry);

struct VerifyResult {
    long long rows_checked = 0;
    std::optional<long long> first_broken_seq;  // empty when the whole chain holds
    std::string reason;
};
VerifyResult Verify(db::Database& db);

}  // namespace samverkan::audit
