#include "audit/audit_log.hpp"

#include <boost/json/serialize.hpp>

#include "common/random.hpp"
#include "common/time.hpp"

namespace samverkan::audit {
namespace {

struct Row {
    std::string seq, at, actor_id, actor_name, request_id, action, object_type, object_id, outcome, detail;
};

std::string ChainHash(const std::string& prev_hash, const Row& r) {
    // Unit separators keep field boundaries unambiguous ("ab","c" differs from "a","bc").
    std::string s = prev_hash;
    for (const std::string* f : {&r.seq, &r.at, &r.actor_id, &r.actor_name, &r.request_id, &r.action, &r.object_type,
                                 &r.object_id, &r.outcome, &r.detail}) {
        s.push_back('\x1f');
        s += *f;
    }
    return Sha256Hex(s);
}

}  // namespace

Entry ByActor(const Who& actor, std::string action, std::string object_type,
              std::optional<std::string> object_id, boost::json::object detail, std::string outcome) {
    return Entry{actor.user_id, actor.name, actor.request_id,
                 std::move(action), std::move(object_type), std::move(object_id), std::move(outcome), std::move(detail)};
}

void Append(db::Connection& conn, const Entry& e) {
    // The UPDATE takes the head row's lock (PostgreSQL) inside the writer's transaction (SQLite),
    // so concurrent appends get consecutive sequence numbers and a single chain.
    db::Result head = conn.Query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
    Row r{head.text(0, "seq"), conn.clock().NowUtc(), e.actor_id.value_or(""), e.actor_name, e.request_id, e.action,
          e.object_type, e.object_id.value_or(""), e.outcome, boost::json::serialize(e.detail)};
    std::string prev = head.text(0, "hash");
    std::string hash = ChainHash(prev, r);
    conn.Query(
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, request_id, action, object_type, object_id, outcome, "
        "detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {r.seq, r.at, e.actor_id, r.actor_name, r.request_id, r.action, r.object_type, e.object_id, r.outcome, r.detail,
         prev, hash});
    conn.Query("UPDATE audit_head SET hash = $1 WHERE id = 1", {hash});
}

void AppendAlone(db::Database& db, const Entry& entry) {
    db::InTransaction(db, db::Access::kWrite, [&](db::Connection& c) { Append(c, entry); });
}

VerifyResult Verify(db::Database& db) {
    VerifyResult out;
    db::Lease c = db.Acquire(db::Access::kRead);
    std::string prev(64, '0');
    long long expected_seq = 1;
    long long after = 0;
    for (;;) {
        db::Result rows = c->Query(
            "SELECT seq, at, actor_id, actor_name, request_id, action, object_type, object_id, outcome, detail, "
            "prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000",
            {std::to_string(after)});
        if (rows.empty()) break;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            Row r{rows.text(i, "seq"),        rows.text(i, "at"),          rows.text(i, "actor_id"),
                  rows.text(i, "actor_name"), rows.text(i, "request_id"),  rows.text(i, "action"),
                  rows.text(i, "object_type"), rows.text(i, "object_id"), rows.text(i, "outcome"),
                  rows.text(i, "detail")};
            long long seq = std::stoll(r.seq);
            auto fail = [&](std::string why) {
                out.first_broken_seq = seq;
                out.reason = std::move(why);
                return out;
            };
            if (seq != expected_seq) {
                out.first_broken_seq = expected_seq;
                out.reason = "row " + std::to_string(expected_seq) + " is missing";
                return out;
            }
            if (rows.text(i, "prev_hash") != prev) return fail("prev_hash does not match the previous row's hash");
            std::string hash = ChainHash(prev, r);
            if (hash != rows.text(i, "hash")) return fail("the row's content does not match its hash");
            prev = hash;
            ++expected_seq;
            ++out.rows_checked;
            after = seq;
        }
    }
    db::Result head = c->Query("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (!head.empty() && (head.integer(0, "seq") != expected_seq - 1 || head.text(0, "hash") != prev)) {
        out.first_broken_seq = expected_seq;
        out.reason = "rows after " + std::to_string(expected_seq - 1) + " were removed from the end of the log";
    }
    return out;
}

}  // namespace samverkan::audit
