#pragma once
// The Stockholm demo data: areas, the organisations of both parties, and one demo user per role.
#include <string>
#include <vector>

#include "db/database.hpp"

namespace samverkan::app {

inline constexpr const char* kDemoPassword = "Samverkan-demo-2026!";

struct DemoAccount {
    std::string username, role, description;
};

// Loads what is missing: areas when there are none, organisations when there are none, the demo
// users when there are no users. Returns the demo accounts (empty when users already existed).
std::vector<DemoAccount> LoadDemoData(db::Database& db, const std::string& data_dir);

}  // namespace samverkan::app
