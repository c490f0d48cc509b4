#pragma once
// What a command gets to run with: the settings, its own flags and words, the injected clock and
// the database. Commands take the time only from clock(), never from the system clock.
#include <memory>

#include "app/config.hpp"
#include "cli/flags.hpp"
#include "common/clock.hpp"
#include "db/database.hpp"

namespace samverkan::cli {

struct Invocation {
    const app::Config& config;
    Flags flags;  // flags.positional(): the words after the command's name (`locate LAT LON` -> LAT, LON)

    // The system clock, or the test clock of --now / SAMVERKAN_NOW. Made once per process.
    const Clock& clock() const;
    // The database of --db on the injected clock, with every migration applied.
    std::unique_ptr<db::Database> OpenMigratedDatabase() const;
};

}  // namespace samverkan::cli
