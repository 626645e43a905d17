#include "vrsim/calibration/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vrsim::calibration {

namespace {

constexpr std::size_t kSeasonMonths = 12;

}  // namespace

double quantile_type7(std::vector<double> values, double q) {
    if (values.empty()) {
        throw std::invalid_argument("quantile of no values");
    }
    std::sort(values.begin(), values.end());
    const double position = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return values[below] + fraction * (values[above] - values[below]);
}

std::array<bool, 3> PredictiveBand::covers(double observed) const {
    std::array<bool, 3> inside{};
    for (std::size_t level = 0; level < kIntervalLevels.size(); ++level) {
        inside[level] = lower(level) <= observed && observed <= upper(level);
    }
    return inside;
}

PredictiveBand replicate_band(const std::vector<double>& values) {
    PredictiveBand band;
    double sum = 0.0;
    for (double value : values) {
        sum += value;
    }
    band.mean = sum / static_cast<double>(values.size());
    for (std::size_t i = 0; i < kBandQuantiles.size(); ++i) {
        band.quantiles[i] = quantile_type7(values, kBandQuantiles[i]);
    }
    return band;
}

std::vector<PredictiveBand> replicate_bands(const std::vector<std::vector<double>>& values) {
    std::vector<PredictiveBand> bands;
    const std::size_t months = values.empty() ? 0 : values.front().size();
    std::vector<double> month_values;
    for (std::size_t month = 0; month < months; ++month) {
        month_values.clear();
        for (const std::vector<double>& replicate : values) {
            month_values.push_back(replicate.at(month));
        }
        bands.push_back(replicate_band(month_values));
    }
    return bands;
}

PredictiveBand mixture_band(const std::vector<CountComponent>& mixture) {
    PredictiveBand band;
    band.mean = mixture_mean(mixture);
    for (std::size_t i = 0; i < kBandQuantiles.size(); ++i) {
        band.quantiles[i] = mixture_quantile(mixture, kBandQuantiles[i]);
    }
    return band;
}

std::array<double, 3> coverage_of(const std::vector<PredictiveBand>& bands,
                                  const std::vector<double>& observed) {
    if (bands.size() != observed.size() || observed.empty()) {
        throw std::invalid_argument("coverage of " + std::to_string(bands.size()) +
                                    " bands against " + std::to_string(observed.size()) +
                                    " observed months");
    }
    std::array<std::size_t, 3> covered{};
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const std::array<bool, 3> inside = bands[i].covers(observed[i]);
        for (std::size_t level = 0; level < covered.size(); ++level) {
            covered[level] += inside[level] ? 1 : 0;
        }
    }
    std::array<double, 3> shares{};
    for (std::size_t level = 0; level < covered.size(); ++level) {
        shares[level] = static_cast<double>(covered[level]) / static_cast<double>(observed.size());
    }
    return shares;
}

ForecastScore score_forecast(const std::vector<double>& history,
                             const std::vector<double>& observed,
                             const std::vector<std::vector<double>>& replicates) {
    if (observed.empty() || replicates.empty()) {
        throw std::invalid_argument("nothing to score: no horizon months or no replicates");
    }
    for (const std::vector<double>& replicate : replicates) {
        if (replicate.size() != observed.size()) {
            throw std::invalid_argument("a replicate's forecast has " +
                                        std::to_string(replicate.size()) + " months, expected " +
                                        std::to_string(observed.size()));
        }
    }
    std::vector<PredictiveBand> bands;
    for (std::size_t h = 0; h < observed.size(); ++h) {
        std::vector<double> values;
        values.reserve(replicates.size());
        for (const std::vector<double>& replicate : replicates) {
            values.push_back(replicate[h]);
        }
        bands.push_back(replicate_band(values));
    }
    return score_bands(history, observed, bands);
}

ForecastScore score_bands(const std::vector<double>& history, const std::vector<double>& observed,
                          const std::vector<PredictiveBand>& bands) {
    if (history.size() <= kSeasonMonths) {
        throw std::invalid_argument(
            "MASE needs at least 13 months of history before the origin, got " +
            std::to_string(history.size()));
    }
    if (observed.empty() || bands.size() != observed.size()) {
        throw std::invalid_argument("nothing to score: " + std::to_string(observed.size()) +
                                    " horizon months and " + std::to_string(bands.size()) +
                                    " predictive bands");
    }
    ForecastScore score;
    double naive_errors = 0.0;
    for (std::size_t t = kSeasonMonths; t < history.size(); ++t) {
        naive_errors += std::abs(history[t] - history[t - kSeasonMonths]);
    }
    score.seasonal_naive_scale = naive_errors / static_cast<double>(history.size() - kSeasonMonths);
    if (score.seasonal_naive_scale == 0.0) {
        throw std::invalid_argument(
            "the seasonal naive forecast is exact over the history, so MASE is undefined");
    }
    double absolute_errors = 0.0;
    double naive_forecast_errors = 0.0;
    for (std::size_t h = 0; h < observed.size(); ++h) {
        // Month T + h is forecast by month T + h - 12k, the latest in the history.
        const std::size_t seasons_back = h / kSeasonMonths + 1;
        naive_forecast_errors +=
            std::abs(observed[h] - history[history.size() + h - seasons_back * kSeasonMonths]);
        absolute_errors += std::abs(observed[h] - bands[h].median());
    }
    const double months = static_cast<double>(observed.size());
    score.mae = absolute_errors / months;
    score.mase = score.mae / score.seasonal_naive_scale;
    score.seasonal_naive_mae = naive_forecast_errors / months;
    score.coverage = coverage_of(bands, observed);
    return score;
}

}  // namespace vrsim::calibration
