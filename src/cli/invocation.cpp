#include "cli/invocation.hpp"

#include "db/migrations.hpp"

namespace samverkan::cli {

const Clock& Invocation::clock() const {
    // One clock per process, so that a test clock started at --now runs on from its first reading.
    static const std::unique_ptr<Clock> clock = app::MakeClock(config);
    return *clock;
}

std::unique_ptr<db::Database> Invocation::OpenMigratedDatabase() const {
    auto db = db::Database::Open(config.db, config.db_pool, clock());
    db::Migrate(*db);
    return db;
}

}  // namespace samverkan::cli
