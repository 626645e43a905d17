#pragma once
// Differences from the base scenario, replicate by replicate: with common random
// numbers, replicate r of two scenarios shares its random streams, so
// alternative(r) - base(r) isolates the effect of the policy from chance.
#include <cstddef>
#include <vector>

#include "vrsim/plots/run_files.hpp"

namespace vrsim::plots {

struct DifferenceBand {
    model::YearMonth month;
    Quantiles quantiles;  // of alternative - base over the paired replicates (type 7)
    std::size_t pairs = 0;
};

// Per month in which at least one replicate number has a value in both series:
// the type 7 quantiles (as summary.csv's) of alternative - base over those
// replicates. Months ascending. A replicate number that repeats within a month
// of one series throws std::invalid_argument.
std::vector<DifferenceBand> paired_difference_bands(const std::vector<ReplicateValue>& base,
                                                    const std::vector<ReplicateValue>& alternative);

}  // namespace vrsim::plots
