#include "est/hotspot.hpp"

#include <algorithm>
#include <cmath>

namespace samverkan::est {

double PoissonTail(int count, double mean) {
    if (count <= 0) return 1.0;
    // 1 - P(X <= count - 1), summing terms in log space so that large means do not overflow.
    double cdf = 0;
    double log_term = -mean;  // log P(X = 0)
    for (int k = 0; k < count; ++k) {
        if (k > 0) log_term += std::log(mean) - std::log(static_cast<double>(k));
        cdf += std::exp(log_term);
    }
    return std::max(0.0, 1.0 - cdf);
}

bool IsHotspot(int count, double baseline_mean) {
    if (count < kHotspotMinCount) return false;
    double mean = std::max(baseline_mean, kHotspotBaselineFloor);
    if (count <= mean) return false;
    return PoissonTail(count, mean) < kHotspotMaxProbability;
}

}  // namespace samverkan::est
