// samverkan import areas: loads Stockholm's reference areas from --data.
#include <boost/json.hpp>
#include <iostream>

#include "auth/actor.hpp"
#include "cli/commands.hpp"
#include "org/area_importer.hpp"

namespace samverkan::cli {

int ImportAreas(const Invocation& call) {
    auto db = call.OpenMigratedDatabase();
    auto s = org::ImportStockholmAreas(*db, call.config.data_dir, auth::Actor::System("import"));
    if (call.config.json) {
        std::cout << boost::json::serialize(boost::json::object{{"municipalities", s.municipalities},
                                                                {"districts", s.districts},
                                                                {"neighbourhoods", s.neighbourhoods},
                                                                {"police_areas", s.police_areas},
                                                                {"links", s.links}})
                  << "\n";
        return 0;
    }
    std::cout << "imported " << s.municipalities << " municipality, " << s.districts << " districts, "
              << s.neighbourhoods << " neighbourhoods, " << s.police_areas << " police areas, " << s.links
              << " date-valid links\n";
    return 0;
}

}  // namespace samverkan::cli
