#pragma once
#include "db/database.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::governance {

// The demo agreements: the citywide agreement of 2015 (superseded) and its successor (in force),
// a local agreement for Järva (in force) and a draft for Södermalm. Does nothing if any exist.
void LoadDemoAgreements(db::Connection& c, const org::AreaCatalog& areas);

}  // namespace samverkan::governance
