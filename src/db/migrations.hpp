#pragma once
#include <string>
#include <vector>

#include "db/database.hpp"

namespace samverkan::db {

struct EmbeddedMigration {
    const char* name;  // "0001_foundation.sql", or "0001_foundation.postgres.sql" to override one dialect
    const char* sql;
};
const std::vector<EmbeddedMigration>& EmbeddedMigrations();

// Applies every numbered migration not yet in schema_migrations, each in its own transaction,
// and returns the versions applied. Placeholders in the SQL: {{timestamptz}} and {{date}}.
std::vector<std::string> Migrate(Database& db);

// The SQL of one migration for a backend, with the dialect placeholders filled in.
std::string RenderMigration(const std::string& sql, Backend backend);

}  // namespace samverkan::db
