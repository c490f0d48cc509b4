#include "http/metrics.hpp"

namespace samverkan::http {

void Metrics::RecordRequest(int status, double seconds) {
    int cls = status / 100;
    if (cls >= 1 && cls <= 5) by_class_[cls].fetch_add(1, std::memory_order_relaxed);
    std::size_t b = 0;
    while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
    buckets_[b].fetch_add(1, std::memory_order_relaxed);
    duration_micros_.fetch_add(static_cast<long>(seconds * 1e6), std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
    std::string s;
    s += "# HELP samverkan_http_requests_total HTTP requests answered, by status class.\n";
    s += "# TYPE samverkan_http_requests_total counter\n";
    for (int c = 1; c <= 5; ++c)
        s += "samverkan_http_requests_total{code=\"" + std::to_string(c) + "xx\"} " + std::to_string(by_class_[c].load()) + "\n";
    s += "# HELP samverkan_http_request_duration_seconds Time from a whole request read to its response ready.\n";
    s += "# TYPE samverkan_http_request_duration_seconds histogram\n";
    long cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
        cumulative += buckets_[b].load();
        char le[32];
        std::snprintf(le, sizeof le, "%g", kBuckets[b]);
        s += "samverkan_http_request_duration_seconds_bucket{le=\"" + std::string(le) + "\"} " + std::to_string(cumulative) + "\n";
    }
    cumulative += buckets_[kBuckets.size()].load();
    s += "samverkan_http_request_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.6f", duration_micros_.load() / 1e6);
    s += "samverkan_http_request_duration_seconds_sum " + std::string(sum) + "\n";
    s += "samverkan_http_request_duration_seconds_count " + std::to_string(count_.load()) + "\n";
    s += "# HELP samverkan_http_connections_open Open client connections.\n# TYPE samverkan_http_connections_open gauge\n";
    s += "samverkan_http_connections_open " + std::to_string(connections_open_.load()) + "\n";
    s += "# HELP samverkan_http_connections_total Connections accepted.\n# TYPE samverkan_http_connections_total counter\n";
    s += "samverkan_http_connections_total " + std::to_string(connections_total_.load()) + "\n";
    s += "# HELP samverkan_http_connections_rejected_total Connections refused at the connection limit.\n";
    s += "# TYPE samverkan_http_connections_rejected_total counter\n";
    s += "samverkan_http_connections_rejected_total " + std::to_string(connections_rejected_.load()) + "\n";
    s += "# HELP samverkan_http_requests_in_flight Requests being handled.\n# TYPE samverkan_http_requests_in_flight gauge\n";
    s += "samverkan_http_requests_in_flight " + std::to_string(in_flight_.load()) + "\n";
    return s;
}

}  // namespace samverkan::http
