#pragma once
#include <string>

#include "db/database.hpp"
#include "db/pool.hpp"

namespace samverkan::db {

// SQLite in WAL mode: one writer connection (writes use BEGIN IMMEDIATE) and a pool of readers.
// synchronous=FULL, so a write is on disk before it is acknowledged.
class SqliteDatabase final : public Database {
public:
    SqliteDatabase(const std::string& path, int readers, const Clock& clock);
    Lease Acquire(Access access) override;
    Backend backend() const override { return Backend::kSqlite; }
    std::string Describe() const override { return "sqlite:" + path_; }

private:
    std::string path_;
    ConnectionPool writer_;
    ConnectionPool readers_;
};

}  // namespace samverkan::db
