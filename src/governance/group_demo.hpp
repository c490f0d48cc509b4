#pragma once
#include "db/database.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::governance {

// Demo groups: the steering group (missing one district committee, so it is flagged), a local group
// per district, and an EST group missing the police (flagged); delegation rules; meetings with a decision within the mandate,
// one escalated and one major decision whose consultation came late. Does nothing if groups exist.
void LoadDemoGroups(db::Connection& c, const org::AreaCatalog& areas, const std::string& today);

}  // namespace samverkan::governance
