// samverkan migrate: applies the pending migrations.
#include <iostream>

#include "cli/commands.hpp"
#include "db/migrations.hpp"

namespace samverkan::cli {

int Migrate(const Invocation& call) {
    // One connection: migrating needs no readers.
    auto db = db::Database::Open(call.config.db, 1, call.clock());
    auto applied = db::Migrate(*db);
    std::cout << "applied " << applied.size() << " migration(s)\n";
    return 0;
}

}  // namespace samverkan::cli
