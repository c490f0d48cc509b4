#pragma once
// A small cache for read models that are costly to build and read far more often than written (the
// governance health view, report drafts, PDFs of submitted reports). An entry is served while the
// data version it was built at is still current and it is younger than the time to live: a write
// on this instance bumps the version at once; writes on other instances sharing a PostgreSQL
// database are seen within the time to live.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace samverkan {

// Bumped after every successful write request on this instance.
class DataVersion {
public:
    std::uint64_t Get() const { return value_.load(std::memory_order_acquire); }
    void Bump() { value_.fetch_add(1, std::memory_order_acq_rel); }

private:
    std::atomic<std::uint64_t> value_{0};
};

class ReadCache {
public:
    ReadCache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

    // `version` empty: the entry does not depend on the data version (an immutable document).
    std::optional<std::string> Get(const std::string& key, std::optional<std::uint64_t> version) {
        std::lock_guard lock(mu_);
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        bool fresh = (!version || it->second.version == *version) &&
                     (ttl_.count() == 0 || std::chrono::steady_clock::now() - it->second.built < ttl_);
        if (!fresh) {
            entries_.erase(it);
            return std::nullopt;
        }
        return it->second.value;
    }

    void Put(const std::string& key, std::optional<std::uint64_t> version, std::string value) {
        std::lock_guard lock(mu_);
        if (entries_.size() >= max_entries_) entries_.clear();  // a bound, not a policy
        entries_[key] = {std::move(value), version.value_or(0), std::chrono::steady_clock::now()};
    }

private:
    struct Entry {
        std::string value;
        std::uint64_t version;
        std::chrono::steady_clock::time_point built;
    };
    std::chrono::milliseconds ttl_;
    std::size_t max_entries_;
    std::mutex mu_;
    std::map<std::string, Entry> entries_;
};

}  // namespace samverkan
