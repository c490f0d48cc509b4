#pragma once
// The in-memory aggregation index of incidents. The database stays the source of truth; this is a
// compact columnar copy (day, neighbourhood, category, source and severity as small integers: 7
// bytes an incident) plus a cube of counts per day × neighbourhood × category, so that a picture
// sums a few thousand cells instead of scanning incidents.
//
// It is built at start-up and kept current by CatchUp(), which reads the rows committed since the
// last one it saw. Every write of incidents takes SerializeOn("incidents"), so ids commit in order
// on both backends and "id > last seen" never skips a row. The server calls CatchUp after its own
// writes, and at most once a second before a read, which also picks up command-line imports and
// other instances sharing a PostgreSQL database.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/database.hpp"
#include "est/calendar.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::est {

class IncidentIndex {
public:
    explicit IncidentIndex(const org::AreaCatalog& areas);
    ~IncidentIndex();

    // Reads incidents committed since the last call (all of them the first time). Returns how many.
    std::size_t CatchUp(db::Connection& conn);
    // The start-up load: every stored incident, read by `threads` connections in parallel over
    // ranges of ids (the order of incidents in the index does not matter to any figure).
    std::size_t LoadAll(db::Database& db, int threads);
    // CatchUp unless one ran less than `max_age_ms` ago.
    void Refresh(db::Database& db, int max_age_ms = 1000);

    std::size_t size() const;
    std::int64_t last_id() const;
    std::size_t MemoryBytes() const;  // columns (capacity included) + cube

    // Neighbourhood slots: every neighbourhood in the catalog, in a fixed order, then one slot for
    // incidents placed only at municipality level.
    const std::vector<std::string>& neighbourhood_ids() const { return nb_ids_; }
    int unplaced_slot() const { return static_cast<int>(nb_ids_.size()); }
    int slot_count() const { return static_cast<int>(nb_ids_.size()) + 1; }
    std::optional<int> SlotOf(const std::string& neighbourhood_id) const;

    struct Filter {
        std::optional<int> source;        // organisation slot
        std::optional<int> min_severity;  // 1..3
        bool any() const { return source || min_severity; }
    };
    std::optional<int> SourceSlot(const std::string& organisation_id) const;

    // The one aggregation: counts per category for each of `n` consecutive periods of `length`
    // days from `from`, summed per group of slots (`group_of_slot[slot]`, -1 = left out).
    // Result index: (period * groups + group) * categories + category id, where categories is the
    // capacity returned in `categories_out`. Sums cube cells, or scans the columns when filtered.
    std::vector<std::uint32_t> Aggregate(Day from, int length, int n, const std::vector<int>& group_of_slot, int groups,
                                         const Filter& filter, int* categories_out) const;
    // The same figures always from the columns, never the cube: for benchmarks and for checking the cube.
    std::vector<std::uint32_t> Scan(Day from, int length, int n, const std::vector<int>& group_of_slot, int groups,
                                    const Filter& filter, int* categories_out) const;

private:
    struct Row {
        Day day;
        int slot, category, source, severity;
    };
    // Reads rows with id in (from, to] (to < 0: no upper bound) into `out`; returns the last id read.
    std::int64_t ReadPage(db::Connection& conn, std::int64_t from, std::int64_t to, std::vector<Row>& out);
    int SourceSlotFor(std::string_view id);
    void AppendLocked(Day day, int slot, int category, int source, int severity);
    void GrowCategories(int category_id);
    std::uint32_t* DayCells(Day day);

    static constexpr Day kBaseDay = 10957;  // 2000-01-01
    static constexpr int kDays = 36890;     // to 2100-12-31

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using SlotMap = std::unordered_map<std::string, int, Hash, std::equal_to<>>;  // found by string_view
    std::vector<std::string> nb_ids_;
    SlotMap nb_slot_;
    SlotMap source_slot_;
    std::vector<std::string> source_ids_;

    mutable std::shared_mutex mu_;
    std::mutex catch_up_mu_;
    std::int64_t last_id_ = 0;
    std::atomic<std::int64_t> last_refresh_ms_{0};
    // Columns.
    std::vector<std::uint16_t> day_;
    std::vector<std::uint8_t> slot_;
    std::vector<std::uint8_t> category_;
    std::vector<std::uint16_t> source_;
    std::vector<std::uint8_t> severity_;
    // Cube: per day (from kBaseDay), slot_count × cat_capacity counts, allocated on first use.
    int cat_capacity_ = 16;
    std::vector<std::unique_ptr<std::uint32_t[]>> cube_;
    std::size_t cube_days_ = 0;
};

}  // namespace samverkan::est
