#pragma once
// Governance health at a glance: groups breaking a composition rule, pending escalations, late or
// missing consultations, meetings behind their cadence, and (with reporting) overdue reports.
#include <boost/json/object.hpp>
#include <string>

#include "auth/authorizer.hpp"
#include "db/database.hpp"

namespace samverkan::governance {

class DecisionService;

// Everything as one JSON object; `today` is a YYYY-MM-DD date in Europe/Stockholm.
boost::json::object GovernanceHealth(db::Connection& c, const DecisionService& decisions, const std::string& today);

}  // namespace samverkan::governance
