#pragma once
// Counters for /metrics in Prometheus text format. Lock-free on the request path.
#include <array>
#include <atomic>
#include <string>

namespace samverkan::http {

class Metrics {
public:
    void RecordRequest(int status, double seconds);
    void ConnectionOpened() { connections_open_.fetch_add(1, std::memory_order_relaxed); ++connections_total_; }
    void ConnectionClosed() { connections_open_.fetch_sub(1, std::memory_order_relaxed); }
    void ConnectionRejected() { ++connections_rejected_; }
    void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
    void RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
    long OpenConnections() const { return connections_open_.load(); }
    long InFlight() const { return in_flight_.load(); }
    std::string Render() const;

private:
    static constexpr std::array<double, 10> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
    std::array<std::atomic<long>, 6> by_class_{};  // index status/100 (1xx..5xx)
    std::array<std::atomic<long>, kBuckets.size() + 1> buckets_{};
    std::atomic<long> duration_micros_{0};
    std::atomic<long> count_{0};
    std::atomic<long> connections_open_{0}, connections_total_{0}, connections_rejected_{0}, in_flight_{0};
};

}  // namespace samverkan::http
