#pragma once
// Per (month, outcome) summaries across replicates: mean and the quantiles
// p05, p25, p50, p75, p95 that summary.csv reports.
//
// Exact mode keeps every value and computes quantiles by linear interpolation
// between order statistics ("type 7" of Hyndman and Fan, the default of R's
// quantile() and numpy.quantile): with n sorted values x[0..n-1] and h = (n-1)p,
// q(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
//
// Streaming mode keeps memory constant however many replicates arrive: per cell a
// Boost.Accumulators mean and extended P² quantile estimator (Jain and Chlamtac
// 1985). Its quantiles are approximate; until a cell has seen as many values as
// the estimator has markers they are exact (type 7). Values are fed in replicate
// order, so the estimates are deterministic.
//
// NaN means "not defined this month" and is skipped; a cell without any value
// yields no row.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "vrsim/model/outcomes.hpp"

namespace vrsim::scenarios {

inline constexpr std::array<double, 5> kSummaryProbabilities = {0.05, 0.25, 0.50, 0.75, 0.95};

// Type 7 quantile of values sorted ascending; `sorted` must not be empty.
double quantile_type7(std::span<const double> sorted, double probability);

enum class SummaryMode {
    exact,      // keeps every value: memory grows with replicates
    streaming,  // P² estimates: memory independent of replicates
};

struct SummaryRow {
    int month = 0;           // months since the first reported month
    std::size_t column = 0;  // outcome column (see model::OutcomeLayout)
    std::size_t count = 0;   // replicates with a value
    double mean = 0.0;
    std::array<double, kSummaryProbabilities.size()> quantiles{};  // p05, p25, p50, p75, p95
};

class SummaryAccumulator {
  public:
    SummaryAccumulator(int months, SummaryMode mode, std::size_t columns = model::kOutcomeCount);
    ~SummaryAccumulator();
    SummaryAccumulator(SummaryAccumulator&&) noexcept;
    SummaryAccumulator& operator=(SummaryAccumulator&&) noexcept;

    // Adds one replicate; call in replicate order. Throws std::invalid_argument
    // when `outcomes` has a different number of months.
    void add(const model::MonthlyOutcomes& outcomes);

    // One row per cell with at least one value, by month then outcome.
    std::vector<SummaryRow> rows() const;

    SummaryMode mode() const { return mode_; }

  private:
    class StreamingCell;
    int months_ = 0;
    std::size_t columns_ = model::kOutcomeCount;
    SummaryMode mode_;
    std::vector<std::vector<double>> values_;  // exact mode, per cell
    std::vector<StreamingCell> streaming_;     // streaming mode, per cell
};

}  // namespace vrsim::scenarios
