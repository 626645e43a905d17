#pragma once
// The figures the narrative quotes, computed from the run's files: the headline
// outcome's yearly totals per scenario, and a comparison's headline measures.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "vrsim/notebooks/run_files.hpp"

namespace vrsim::notebooks {

// Months first..last (indices into the horizon, inclusive).
struct MonthWindow {
    int first = 0;
    int last = 0;
    int months() const { return last - first + 1; }
};

// The first and last 12 months of the horizon; the whole horizon, once, when it
// is 12 months or shorter.
std::vector<MonthWindow> headline_windows(int horizon_months);

// The headline outcome summed over a window: its mean across replicates and,
// when timeseries.csv gives each replicate's total, the 5th and 95th percentiles
// of those totals (type 7, as summary.csv). Without timeseries.csv the mean is
// the sum of summary.csv's monthly means and there is no interval.
struct WindowTotal {
    bool available = false;  // false when a month of the window has no value
    double mean = 0.0;
    bool has_interval = false;
    double p05 = 0.0;
    double p95 = 0.0;
    std::size_t replicates = 0;  // replicates behind the interval
};
WindowTotal headline_total(const RunFiles& run, std::size_t scenario, MonthWindow window);

// The p-quantile of sorted values, type 7 (linear between order statistics).
double type7_quantile(const std::vector<double>& sorted, double p);

// The comparison.csv row for (base, alternative, measure), or nullptr.
const ComparisonRow* find_comparison(const RunFiles& run, std::string_view base,
                                     std::string_view alternative, std::string_view measure);

// (base, alternative) pairs of comparison.csv in the order they first appear.
std::vector<std::pair<std::string, std::string>> compared_pairs(const RunFiles& run);

}  // namespace vrsim::notebooks
