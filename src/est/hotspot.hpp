#pragma once
// When a neighbourhood × category cell counts as a hotspot: the period's count is at least
// `kHotspotMinCount` (so one or two reports never make a hotspot) and clearly above the cell's own
// baseline, the mean of its preceding periods (12 weeks, 4 quarters, 3 tertials or 3 years): the
// chance of seeing that many or more by chance, were reports to arrive at the baseline rate
// (Poisson), is below 1 %. A cell with no history is given a baseline of 0.25 per period.
namespace samverkan::est {

inline constexpr int kHotspotMinCount = 3;
inline constexpr double kHotspotMaxProbability = 0.01;
inline constexpr double kHotspotBaselineFloor = 0.25;

// P(X >= count) for X ~ Poisson(mean).
double PoissonTail(int count, double mean);
bool IsHotspot(int count, double baseline_mean);

}  // namespace samverkan::est
