#pragma once
// Scoring a probabilistic forecast against what was then observed.
//
//   MAE: mean over the horizon of |observed - point forecast|, the point forecast
//        being the median of the replicates (the median minimises absolute error).
//   MASE: MAE divided by the in-sample MAE of the seasonal naive forecast (each
//        month forecast by the same month a year before, lag 12) over the
//        history before the origin (Hyndman and Koehler 2006, "Another look at
//        measures of forecast accuracy", International Journal of Forecasting
//        22, 679-688, eq. for seasonal series). Below 1: better, on average, than
//        the seasonal naive forecast was in sample.
//   coverage: the share of horizon months whose observed value lies inside the
//        central 50%, 80% and 95% intervals of the predictive distribution: with
//        an observation model, a mixture over replicates of negative binomial
//        counts (count_noise.hpp); without one, the replicates' values (empirical
//        quantiles, linear interpolation between order statistics: Hyndman and
//        Fan 1996 type 7, as R's default and numpy's). A calibrated forecast
//        covers about as often as it claims.
#include <array>
#include <vector>

#include "vrsim/calibration/count_noise.hpp"

namespace vrsim::calibration {

inline constexpr std::array<double, 3> kIntervalLevels = {0.50, 0.80, 0.95};
// The quantiles of a predictive band: the bounds of the three central intervals
// and the median.
inline constexpr std::array<double, 7> kBandQuantiles = {0.025, 0.10, 0.25, 0.50,
                                                         0.75,  0.90, 0.975};

// A month's predictive distribution, summarised.
struct PredictiveBand {
    double mean = 0.0;
    std::array<double, 7> quantiles{};  // of kBandQuantiles, in order
    double median() const { return quantiles[3]; }
    // The bounds of the central interval of kIntervalLevels[level].
    double lower(std::size_t level) const { return quantiles[2 - level]; }
    double upper(std::size_t level) const { return quantiles[4 + level]; }
    // Whether `observed` lies in each central interval (bounds included).
    std::array<bool, 3> covers(double observed) const;
};

// The band of replicates' values (type 7 quantiles): the simulation's own spread.
PredictiveBand replicate_band(const std::vector<double>& values);

// replicate_band month by month of values[replicate][month] (every replicate
// as long; none: no bands).
std::vector<PredictiveBand> replicate_bands(const std::vector<std::vector<double>>& values);

// The band of a mixture of count distributions (mixture_quantile): the
// simulation's spread and the observation noise.
PredictiveBand mixture_band(const std::vector<CountComponent>& mixture);

// The share of months whose observed value lies in each central interval of its
// band (bands[i] for observed[i]); throws std::invalid_argument on different
// sizes or no months.
std::array<double, 3> coverage_of(const std::vector<PredictiveBand>& bands,
                                  const std::vector<double>& observed);

struct ForecastScore {
    double mae = 0.0;
    double seasonal_naive_scale = 0.0;  // in-sample MAE of the lag-12 naive forecast
    double mase = 0.0;
    // For comparison: the MAE over the horizon of the seasonal naive forecast
    // itself (each month forecast by the last observed value of the same
    // calendar month before the origin). MAE below it: better than seasonal
    // naive out of sample too.
    double seasonal_naive_mae = 0.0;
    std::array<double, 3> coverage{};  // of kIntervalLevels, in order
};

// The q-quantile (0 <= q <= 1) of `values` (not empty), type 7.
double quantile_type7(std::vector<double> values, double q);

// `history`: the observed months before the origin, oldest first (at least 13,
// so the seasonal naive forecast has at least one in-sample error); `observed`:
// the horizon's observed months; `replicates[r][h]`: replicate r's forecast of
// horizon month h. Throws std::invalid_argument on inconsistent sizes, too short
// a history or a seasonal naive scale of 0 (a history repeating itself exactly
// every year leaves MASE undefined).
ForecastScore score_forecast(const std::vector<double>& history,
                             const std::vector<double>& observed,
                             const std::vector<std::vector<double>>& replicates);

// The same from a predictive band per horizon month (bands[h] for observed[h]):
// MAE of the band's median, coverage of its intervals.
ForecastScore score_bands(const std::vector<double>& history, const std::vector<double>& observed,
                          const std::vector<PredictiveBand>& bands);

}  // namespace vrsim::calibration
