// samverkan generate incidents: synthetic incident reports on stdout, for tests, demos and benchmarks.
#include <cstdio>
#include <iostream>
#include <limits>
#include <map>

#include "cli/commands.hpp"
#include "est/calendar.hpp"
#include "est/generator.hpp"
#include "est/incident_import.hpp"
#include "org/area_catalog.hpp"
#include "org/organisation_repository.hpp"

namespace samverkan::cli {

int GenerateIncidents(const Invocation& call) {
    const Flags& flags = call.flags;
    std::size_t count = flags.WholeNumber("count", 1000, 1, 1000000000);
    std::uint64_t seed = flags.WholeNumber("seed", 1, 0, std::numeric_limits<std::uint64_t>::max());
    int days = static_cast<int>(flags.WholeNumber("days", 1096, 1, 36500));
    std::string end_text = flags.Text("end", call.clock().TodayStockholm());
    auto end = est::ParseDay(end_text);
    if (!end) throw UsageError("--end needs a date YYYY-MM-DD, got '" + end_text + "'");

    auto db = call.OpenMigratedDatabase();
    org::AreaCatalog areas;
    std::vector<std::string> sources;  // by organisation name, so that a seed gives the same reports
    {
        db::Lease conn = db->Acquire(db::Access::kRead);
        areas = org::AreaCatalog::Load(*conn);
        for (const org::Organisation& o : org::OrganisationRepository::List(*conn)) sources.push_back(o.id);
    }
    if (sources.empty())
        throw std::invalid_argument("no organisations; run `samverkan serve --demo` once, or add some");
    est::EnsureEstDefaults(*db, areas);
    std::shared_ptr<const est::Reference> ref;
    {
        db::Lease conn = db->Acquire(db::Access::kRead);
        ref = est::Reference::Load(*conn, areas);
    }
    est::IncidentGenerator gen(areas, *ref, sources, seed, *end, days);
    bool peer = flags.Has("peer-csv");
    // Peer CSV (../shared/bench/PEERS.md): id,ts,district,category,source,lat,lon,text with small integers.
    std::map<std::string, int> district_no;
    std::string ref_date = est::FormatDay(*end);
    for (const org::Area* d : areas.ValidOn(ref_date, "district"))
        district_no[d->id] = static_cast<int>(district_no.size()) + 1;
    std::string out;
    out.reserve(1 << 20);
    char buf[512];
    for (std::size_t i = 0; i < count; ++i) {
        est::GeneratedIncident g = gen.Next();
        if (peer) {
            const org::Area* d = areas.Parent(g.neighbourhood_id, "district", ref_date);
            std::snprintf(buf, sizeof buf, "%zu,%s,%d,%d,%zu,%.6f,%.6f,\n", i + 1,
                          est::FormatInstant(g.occurred_utc).c_str(), d ? district_no[d->id] : 0, g.category_id,
                          g.source + 1, g.lat, g.lon);
        } else {
            std::snprintf(buf, sizeof buf,
                          "{\"external_id\":\"gen-%llu-%zu\",\"occurred_at\":\"%s\",\"category\":\"%d\",\"lat\":%.6f,"
                          "\"lon\":%.6f,\"source_organisation_id\":\"%s\",\"severity\":%d}\n",
                          static_cast<unsigned long long>(seed), i + 1, est::FormatInstant(g.occurred_utc).c_str(),
                          g.category_id, g.lat, g.lon, gen.sources()[g.source].c_str(), g.severity);
        }
        out += buf;
        // Written in blocks of about a megabyte: ten million lines would not fit in memory at once.
        if (out.size() > (1 << 20) - 600) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out;
    return 0;
}

}  // namespace samverkan::cli
