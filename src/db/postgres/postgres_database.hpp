#pragma once
#include <string>

#include "db/database.hpp"
#include "db/pool.hpp"

namespace samverkan::db {

// PostgreSQL through libpq: a pool of connections, each with its own prepared-statement cache.
// Sessions run with TimeZone=UTC; timestamptz and boolean results are normalised to the shared text forms.
class PostgresDatabase final : public Database {
public:
    PostgresDatabase(const std::string& url, int pool_size, const Clock& clock);
    Lease Acquire(Access access) override { return pool_.Acquire(); }
    Backend backend() const override { return Backend::kPostgres; }
    std::string Describe() const override { return described_; }

private:
    std::string described_;
    ConnectionPool pool_;
};

}  // namespace samverkan::db
