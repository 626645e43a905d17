#include "vrsim/scenarios/summary.hpp"

#include <algorithm>
#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/extended_p_square.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <cmath>
#include <stdexcept>

namespace vrsim::scenarios {

namespace acc = boost::accumulators;

namespace {

// Markers the extended P² estimator keeps: 2 per quantile plus 3.
constexpr std::size_t kMarkers = 2 * kSummaryProbabilities.size() + 3;

// Sum in the order given, then divide: the same arithmetic as Boost's mean, so
// both modes report bit-identical means.
double mean_of(std::span<const double> values) {
    double sum = 0.0;
    for (double value : values) {
        sum += value;
    }
    return sum / static_cast<double>(values.size());
}

SummaryRow exact_row(int month, std::size_t outcome, std::vector<double> values) {
    SummaryRow row{month, outcome, values.size(), mean_of(values), {}};
    std::sort(values.begin(), values.end());
    for (std::size_t i = 0; i < kSummaryProbabilities.size(); ++i) {
        row.quantiles[i] = quantile_type7(values, kSummaryProbabilities[i]);
    }
    return row;
}

}  // namespace

double quantile_type7(std::span<const double> sorted, double probability) {
    const double h = static_cast<double>(sorted.size() - 1) * probability;
    const double below = std::floor(h);
    const auto lower = static_cast<std::size_t>(below);
    if (lower + 1 >= sorted.size()) {
        return sorted.back();
    }
    return sorted[lower] + (h - below) * (sorted[lower + 1] - sorted[lower]);
}

// Mean and P² quantiles of one cell. Until the estimator has filled its markers
// its answers are meaningless, so the first values are also kept (a fixed
// handful) and summarised exactly.
class SummaryAccumulator::StreamingCell {
  public:
    StreamingCell() : estimator_(acc::extended_p_square_probabilities = kSummaryProbabilities) {}

    void add(double value) {
        if (count() < kMarkers) {
            first_values_[count()] = value;
        }
        estimator_(value);
    }

    std::size_t count() const { return acc::count(estimator_); }

    SummaryRow row(int month, std::size_t outcome) const {
        if (count() <= kMarkers) {
            const auto first = first_values_.begin();
            return exact_row(
                month, outcome,
                std::vector<double>(first, first + static_cast<std::ptrdiff_t>(count())));
        }
        SummaryRow row{month, outcome, count(), acc::mean(estimator_), {}};
        auto estimates = acc::extended_p_square(estimator_);
        std::copy(estimates.begin(), estimates.end(), row.quantiles.begin());
        return row;
    }

  private:
    acc::accumulator_set<double,
                         acc::stats<acc::tag::count, acc::tag::mean, acc::tag::extended_p_square>>
        estimator_;
    std::array<double, kMarkers> first_values_{};
};

SummaryAccumulator::SummaryAccumulator(int months, SummaryMode mode, std::size_t columns)
    : months_(months), columns_(columns), mode_(mode) {
    const auto cells = static_cast<std::size_t>(months) * columns;
    if (mode_ == SummaryMode::exact) {
        values_.resize(cells);
    } else {
        streaming_.resize(cells);
    }
}

SummaryAccumulator::~SummaryAccumulator() = default;
SummaryAccumulator::SummaryAccumulator(SummaryAccumulator&&) noexcept = default;
SummaryAccumulator& SummaryAccumulator::operator=(SummaryAccumulator&&) noexcept = default;

void SummaryAccumulator::add(const model::MonthlyOutcomes& outcomes) {
    if (outcomes.months() != months_ || outcomes.columns() != columns_) {
        throw std::invalid_argument("summary expects " + std::to_string(months_) + " months of " +
                                    std::to_string(columns_) + " outcomes, got " +
                                    std::to_string(outcomes.months()) + " of " +
                                    std::to_string(outcomes.columns()));
    }
    const std::vector<double>& values = outcomes.values();
    for (std::size_t cell = 0; cell < values.size(); ++cell) {
        if (std::isnan(values[cell])) {
            continue;
        }
        if (mode_ == SummaryMode::exact) {
            values_[cell].push_back(values[cell]);
        } else {
            streaming_[cell].add(values[cell]);
        }
    }
}

std::vector<SummaryRow> SummaryAccumulator::rows() const {
    std::vector<SummaryRow> rows;
    for (int month = 0; month < months_; ++month) {
        for (std::size_t outcome = 0; outcome < columns_; ++outcome) {
            const std::size_t cell = static_cast<std::size_t>(month) * columns_ + outcome;
            if (mode_ == SummaryMode::exact) {
                if (!values_[cell].empty()) {
                    rows.push_back(exact_row(month, outcome, values_[cell]));
                }
            } else if (streaming_[cell].count() > 0) {
                rows.push_back(streaming_[cell].row(month, outcome));
            }
        }
    }
    return rows;
}

}  // namespace vrsim::scenarios
