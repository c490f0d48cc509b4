#pragma once
// Citizen promises (medborgarlöften) per district and local police area, with activities and follow-ups.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "org/area_catalog.hpp"
#include "plans/plan.hpp"
#include "plans/plan_access.hpp"
#include "plans/plan_csv.hpp"

namespace samverkan::plans {

struct PromiseInput {
    std::optional<std::string> title, description, district_id, police_area_id, period_start, period_end;
    std::optional<std::vector<Signatory>> signatories;
    std::optional<bool> is_public;
};

class PromiseService {
public:
    PromiseService(db::Database& db, PlanAccess& access, const org::AreaCatalog& areas);

    // With whether the actor may edit each.
    std::vector<std::pair<CitizenPromise, bool>> Promises(const auth::Actor& actor,
                                                          const std::optional<std::string>& area);
    std::pair<CitizenPromise, bool> GetPromise(const auth::Actor& actor, const std::string& id);
    CitizenPromise CreatePromise(const auth::Actor& actor, const PromiseInput& in);
    CitizenPromise UpdatePromise(const auth::Actor& actor, const std::string& id, const PromiseInput& in);
    PromiseActivity AddActivity(const auth::Actor& actor, const std::string& promise_id, const PromiseActivity& in);
    PromiseActivity UpdateActivity(const auth::Actor& actor, const std::string& activity_id,
                                   const std::optional<std::string>& title,
                                   const std::optional<std::string>& responsible,
                                   const std::optional<std::optional<std::string>>& due_date,
                                   const std::optional<std::string>& status);
    PromiseFollowUp AddPromiseFollowUp(const auth::Actor& actor, const std::string& promise_id, const std::string& date,
                                       const std::string& note, int progress);

    const Clock& clock() const { return db_.clock(); }

private:
    db::Database& db_;
    PlanAccess& access_;
    auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
};

}  // namespace samverkan::plans
