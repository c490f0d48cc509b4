#include "db/migrations.hpp"

#include <map>
#include <set>

#include "common/time.hpp"

namespace samverkan::db {
namespace {
void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}
}  // namespace

std::string RenderMigration(const std::string& sql, Backend backend) {
    std::string out = sql;
    bool pg = backend == Backend::kPostgres;
    ReplaceAll(out, "{{timestamptz}}", pg ? "TIMESTAMPTZ" : "TEXT");
    ReplaceAll(out, "{{date}}", pg ? "DATE" : "TEXT");
    // A 64-bit key the database assigns in commit order (SQLite's rowid; a sequence on PostgreSQL).
    ReplaceAll(out, "{{bigserial_pk}}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY");
    return out;
}

std::vector<std::string> Migrate(Database& db) {
    const std::string dialect = db.backend() == Backend::kPostgres ? "postgres" : "sqlite";
    // version -> SQL, with a dialect file taking precedence over the shared one.
    std::map<std::string, std::string> chosen;
    std::set<std::string> overridden;
    for (const auto& m : EmbeddedMigrations()) {
        std::string name = m.name;
        std::string version = name.substr(0, name.find('_'));
        std::string stem = name.substr(0, name.size() - 4);  // without ".sql"
        auto dot = stem.rfind('.');
        if (dot != std::string::npos) {
            if (stem.substr(dot + 1) != dialect) continue;
            chosen[version] = m.sql;
            overridden.insert(version);
        } else if (!overridden.count(version)) {
            chosen[version] = m.sql;
        }
    }
    std::vector<std::string> applied;
    {
        Lease c = db.Acquire(Access::kWrite);
        c->ExecScript(RenderMigration(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at {{timestamptz}} NOT NULL)",
            db.backend()));
    }
    for (const auto& [version, sql] : chosen) {
        InTransaction(db, Access::kWrite, [&](Connection& c) {
            // Serialises concurrent instances starting against one PostgreSQL.
            if (c.backend() == Backend::kPostgres) c.Query("SELECT pg_advisory_xact_lock(7271001)");
            if (!c.Query("SELECT version FROM schema_migrations WHERE version = $1", {version}).empty()) return;
            c.ExecScript(RenderMigration(sql, c.backend()));
            c.Query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", {version, c.clock().NowUtc()});
            applied.push_back(version);
        });
    }
    return applied;
}

}  // namespace samverkan::db
