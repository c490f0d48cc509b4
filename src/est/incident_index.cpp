#include "est/incident_index.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <atomic>
#include <stdexcept>
#include <thread>

namespace samverkan::est {
namespace {

template <typename T>
T ToInt(std::string_view s) {
    T v{};
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

constexpr std::size_t kPage = 200000;

}  // namespace

IncidentIndex::IncidentIndex(const org::AreaCatalog& areas) {
    // Every neighbourhood that has ever existed, so that a slot never changes meaning.
    std::vector<const org::Area*> all;
    for (const char* date : {"2000-01-01", "2100-01-01"})
        for (const org::Area* a : areas.ValidOn(date, "neighbourhood"))
            if (!nb_slot_.count(a->id)) {
                nb_slot_[a->id] = static_cast<int>(nb_ids_.size());
                nb_ids_.push_back(a->id);
            }
    if (nb_ids_.size() > 254) throw std::runtime_error("the incident index holds at most 254 neighbourhoods");
    cube_.resize(kDays);
}

IncidentIndex::~IncidentIndex() = default;

std::optional<int> IncidentIndex::SlotOf(const std::string& id) const {
    auto it = nb_slot_.find(id);
    if (it == nb_slot_.end()) return std::nullopt;
    return it->second;
}

std::optional<int> IncidentIndex::SourceSlot(const std::string& id) const {
    std::shared_lock lock(mu_);
    auto it = source_slot_.find(id);
    if (it == source_slot_.end()) return std::nullopt;
    return it->second;
}

std::size_t IncidentIndex::size() const {
    std::shared_lock lock(mu_);
    return day_.size();
}

std::int64_t IncidentIndex::last_id() const {
    std::shared_lock lock(mu_);
    return last_id_;
}

std::size_t IncidentIndex::MemoryBytes() const {
    std::shared_lock lock(mu_);
    std::size_t cells = static_cast<std::size_t>(slot_count()) * cat_capacity_;
    return day_.capacity() * 2 + slot_.capacity() + category_.capacity() + source_.capacity() * 2 +
           severity_.capacity() + cube_days_ * cells * 4 + cube_.capacity() * sizeof(cube_[0]);
}

std::uint32_t* IncidentIndex::DayCells(Day day) {
    auto& cells = cube_[static_cast<std::size_t>(day - kBaseDay)];
    if (!cells) {
        std::size_t n = static_cast<std::size_t>(slot_count()) * cat_capacity_;
        cells = std::make_unique<std::uint32_t[]>(n);
        std::memset(cells.get(), 0, n * sizeof(std::uint32_t));
        ++cube_days_;
    }
    return cells.get();
}

void IncidentIndex::GrowCategories(int category_id) {
    int capacity = cat_capacity_;
    while (capacity <= category_id) capacity *= 2;
    cat_capacity_ = capacity;
    // Rebuild the cube from the columns with the wider category axis.
    for (auto& c : cube_) c.reset();
    cube_days_ = 0;
    for (std::size_t i = 0; i < day_.size(); ++i)
        DayCells(kBaseDay + day_[i])[static_cast<std::size_t>(slot_[i]) * cat_capacity_ + category_[i]]++;
}

void IncidentIndex::AppendLocked(Day day, int slot, int category, int source, int severity) {
    if (day < kBaseDay || day >= kBaseDay + kDays) return;  // the database refuses these; never here
    if (category >= cat_capacity_) GrowCategories(category);
    day_.push_back(static_cast<std::uint16_t>(day - kBaseDay));
    slot_.push_back(static_cast<std::uint8_t>(slot));
    category_.push_back(static_cast<std::uint8_t>(category));
    source_.push_back(static_cast<std::uint16_t>(source));
    severity_.push_back(static_cast<std::uint8_t>(severity));
    DayCells(day)[static_cast<std::size_t>(slot) * cat_capacity_ + category]++;
}

int IncidentIndex::SourceSlotFor(std::string_view id) {
    std::unique_lock lock(mu_);
    if (auto it = source_slot_.find(id); it != source_slot_.end()) return it->second;
    int source = static_cast<int>(source_ids_.size());
    source_ids_.emplace_back(id);
    source_slot_.emplace(std::string(id), source);
    return source;
}

std::int64_t IncidentIndex::ReadPage(db::Connection& conn, std::int64_t from, std::int64_t to, std::vector<Row>& out) {
    std::int64_t last = from;
    // Sources are few: each reader keeps its own small map in front of the shared one.
    std::unordered_map<std::string, int, Hash, std::equal_to<>> sources;
    conn.ForEach(
        std::string("SELECT id, occurred_on, area_id, area_basis, category_id, source_org_id, severity FROM incidents "
                    "WHERE id > $1") + (to >= 0 ? " AND id <= $2" : "") + " ORDER BY id LIMIT " + std::to_string(kPage),
        to >= 0 ? db::Params{std::to_string(from), std::to_string(to)} : db::Params{std::to_string(from)},
        [&](const std::vector<std::optional<std::string_view>>& r) {
            last = ToInt<std::int64_t>(*r[0]);
            auto day = ParseDay(r[1]->substr(0, 10));
            if (!day) return;
            int slot = unplaced_slot();
            if (*r[3] != "municipality")
                if (auto it = nb_slot_.find(*r[2]); it != nb_slot_.end()) slot = it->second;
            int source;
            if (auto it = sources.find(*r[5]); it != sources.end()) {
                source = it->second;
            } else {
                source = SourceSlotFor(*r[5]);
                sources.emplace(std::string(*r[5]), source);
            }
            out.push_back({*day, slot, ToInt<int>(*r[4]), source, r[6] ? ToInt<int>(*r[6]) : 0});
        });
    return last;
}

std::size_t IncidentIndex::CatchUp(db::Connection& conn) {
    std::lock_guard serial(catch_up_mu_);
    std::int64_t from;
    {
        std::shared_lock lock(mu_);
        from = last_id_;
    }
    std::size_t added = 0;
    std::vector<Row> page;
    for (;;) {
        page.clear();
        std::int64_t last = ReadPage(conn, from, -1, page);
        if (page.empty()) break;
        {
            std::unique_lock lock(mu_);
            for (const Row& row : page) AppendLocked(row.day, row.slot, row.category, row.source, row.severity);
            last_id_ = last;
        }
        added += page.size();
        from = last;
        if (page.size() < kPage) break;
    }
    last_refresh_ms_ = NowMs();
    return added;
}

std::size_t IncidentIndex::LoadAll(db::Database& db, int threads) {
    std::lock_guard serial(catch_up_mu_);
    std::int64_t max_id = 0;
    std::size_t total = 0;
    {
        db::Lease c = db.Acquire(db::Access::kRead);
        auto r = c->Query("SELECT count(*) AS n, coalesce(max(id), 0) AS m FROM incidents");
        total = static_cast<std::size_t>(r.integer(0, "n"));
        max_id = r.integer(0, "m");
    }
    {
        std::unique_lock lock(mu_);
        day_.reserve(total);
        slot_.reserve(total);
        category_.reserve(total);
        source_.reserve(total);
        severity_.reserve(total);
    }
    threads = std::max(1, threads);
    std::atomic<std::size_t> added{0};
    std::exception_ptr failure;
    std::mutex failure_mu;
    auto work = [&](std::int64_t lo, std::int64_t hi) {
        try {
            db::Lease c = db.Acquire(db::Access::kRead);
            std::vector<Row> page;
            for (std::int64_t from = lo; from < hi;) {
                page.clear();
                std::int64_t last = ReadPage(*c, from, hi, page);
                if (page.empty()) break;
                std::unique_lock lock(mu_);
                for (const Row& row : page) AppendLocked(row.day, row.slot, row.category, row.source, row.severity);
                added += page.size();
                from = last;
            }
        } catch (...) {
            std::lock_guard l(failure_mu);
            failure = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(work, max_id * t / threads, max_id * (t + 1) / threads);
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    {
        std::unique_lock lock(mu_);
        last_id_ = std::max(last_id_, max_id);
    }
    last_refresh_ms_ = NowMs();
    return added;
}

void IncidentIndex::Refresh(db::Database& db, int max_age_ms) {
    if (NowMs() - last_refresh_ms_ < max_age_ms) return;
    db::Lease c = db.Acquire(db::Access::kRead);
    CatchUp(*c);
}

std::vector<std::uint32_t> IncidentIndex::Aggregate(Day from, int length, int n, const std::vector<int>& group_of_slot,
                                                    int groups, const Filter& filter, int* categories_out) const {
    if (filter.any()) return Scan(from, length, n, group_of_slot, groups, filter, categories_out);
    std::shared_lock lock(mu_);
    const std::size_t cats = static_cast<std::size_t>(cat_capacity_);
    if (categories_out) *categories_out = cat_capacity_;
    std::vector<std::uint32_t> out(static_cast<std::size_t>(n) * groups * cats, 0);
    const int slots = slot_count();
    for (int i = 0; i < n; ++i) {
        for (Day d = from + i * length; d < from + (i + 1) * length; ++d) {
            if (d < kBaseDay || d >= kBaseDay + kDays) continue;
            const std::uint32_t* cells = cube_[static_cast<std::size_t>(d - kBaseDay)].get();
            if (!cells) continue;
            for (int s = 0; s < slots; ++s) {
                int g = group_of_slot[s];
                if (g < 0) continue;
                const std::uint32_t* src = cells + static_cast<std::size_t>(s) * cats;
                std::uint32_t* dst = out.data() + (static_cast<std::size_t>(i) * groups + g) * cats;
                for (std::size_t c = 0; c < cats; ++c) dst[c] += src[c];
            }
        }
    }
    return out;
}

std::vector<std::uint32_t> IncidentIndex::Scan(Day from, int length, int n, const std::vector<int>& group_of_slot,
                                               int groups, const Filter& filter, int* categories_out) const {
    std::shared_lock lock(mu_);
    const std::size_t cats = static_cast<std::size_t>(cat_capacity_);
    if (categories_out) *categories_out = cat_capacity_;
    std::vector<std::uint32_t> out(static_cast<std::size_t>(n) * groups * cats, 0);
    const long lo = from - kBaseDay, span = static_cast<long>(length) * n;
    const int source = filter.source.value_or(-1);
    const int min_sev = filter.min_severity.value_or(0);
    const std::size_t rows = day_.size();
    for (std::size_t r = 0; r < rows; ++r) {
        long off = static_cast<long>(day_[r]) - lo;
        if (off < 0 || off >= span) continue;
        int g = group_of_slot[slot_[r]];
        if (g < 0) continue;
        if (source >= 0 && source_[r] != source) continue;
        if (severity_[r] < min_sev) continue;
        out[(static_cast<std::size_t>(off / length) * groups + g) * cats + category_[r]]++;
    }
    return out;
}

}  // namespace samverkan::est
