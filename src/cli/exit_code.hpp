#pragma once
// The exit codes of the samverkan command line, and the one place that maps an error to its code.
#include <exception>

namespace samverkan::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // the command could not do its work (unreadable data, a broken audit chain, ...)
constexpr int kExitUsage = 2;    // the command line or the input is wrong: fix it and run again

// The exit code for an error that ended a command: kExitUsage for bad usage or input (UsageError,
// std::invalid_argument, a domain error refusing the input), kExitFailure for anything else.
int ExitCodeFor(const std::exception& error);

}  // namespace samverkan::cli
