#pragma once
// Posterior predictive distributions of observed monthly counts: what the fit
// says the files should show, month by month, with the simulation's spread
// (particles, replicates) and the observation model's noise. Used by
// `vrsim calibrate` (the fitted months: do the bands cover the observed months
// as often as they claim?), `forecast` and `backtest`.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "vrsim/calibration/abc_smc.hpp"
#include "vrsim/calibration/backtest.hpp"
#include "vrsim/calibration/model_calibration.hpp"
#include "vrsim/calibration/observation_model.hpp"

namespace vrsim::calibration {

// One outcome's predictive bands over consecutive months.
struct PredictiveSeries {
    std::string outcome;
    model::YearMonth first_month;
    std::vector<double> observed;  // NaN where nothing was observed
    std::vector<PredictiveBand> bands;
};

struct FittedPredictive {
    // The calibration's result with an observation.dispersion column added when
    // the dispersion is estimated (what posterior.csv holds).
    AbcSmcResult posterior;
    std::vector<double> dispersions;       // per particle of the last generation
    std::vector<PredictiveSeries> series;  // the monthly targets over the fitted window
};

// The posterior predictive of the fitted months. Simulates each particle of
// `result`'s last generation once (its seed from `seed` and the particle's
// index: the ABM's particles get a fresh realisation), applies its recording
// factor, estimates its dispersion by maximum likelihood over every monthly
// target's fitted months (estimate_dispersion) unless the scenario fixes it,
// and forms each month's band from the mixture over particles, weighted by
// their weights. Needs problem.observation with negative binomial noise (throws
// CalibrationError otherwise). `threads` 0: all cores; results do not depend on it.
FittedPredictive fitted_predictive(const CalibrationProblem& problem, const Simulator& simulator,
                                   const AbcSmcResult& result, std::uint64_t seed,
                                   std::size_t threads);

// What replicate outcomes `outcomes` (starting at `start`) lead one to expect
// in the files for `outcome` from `first` for `months` months: the recorded
// counts times the particle's recording factor, held at its level of
// `last_fitted` after it.
std::vector<double> expected_counts(const model::MonthlyOutcomes& outcomes,
                                    const model::OutcomeLayout& layout, const std::string& outcome,
                                    model::YearMonth start, const ParticleObservation& observation,
                                    model::YearMonth last_fitted, model::YearMonth first,
                                    int months);

// The bands of equally weighted replicates: expected[r][m] with dispersions[r].
std::vector<PredictiveBand> replicate_mixture_bands(
    const std::vector<std::vector<double>>& expected, const std::vector<double>& dispersions);

// Coverage of the months of `series` from `first` to `last` (inclusive) that
// were observed; `months` gets their number (0: all shares NaN).
std::array<double, 3> observed_coverage(const PredictiveSeries& series, model::YearMonth first,
                                        model::YearMonth last, std::size_t& months);

// The coverage of the fitted months (to `last_fitted`) and of those after them,
// each left out when none of its months was observed.
struct CoverageSpan {
    bool fitted = true;
    model::YearMonth first;
    model::YearMonth last;
    std::size_t months = 0;          // observed months in the span
    std::array<double, 3> shares{};  // inside the 50%, 80% and 95% bands
};
std::vector<CoverageSpan> coverage_spans(const PredictiveSeries& series,
                                         model::YearMonth last_fitted);

// predictive.csv: month,outcome,observed,fitted,mean,p025,p10,p25,p50,p75,p90,p975
// (observed empty when not observed; fitted 1 for months up to `last_fitted`).
void write_predictive_csv(const std::filesystem::path& file,
                          const std::vector<PredictiveSeries>& series,
                          model::YearMonth last_fitted);

// predictive_coverage.csv: outcome,span,first_month,last_month,months,coverage_50,
// coverage_80,coverage_95; a row per series for the fitted months up to
// `last_fitted` and, when any were observed, for the months after it.
void write_coverage_csv(const std::filesystem::path& file,
                        const std::vector<PredictiveSeries>& series, model::YearMonth last_fitted);

}  // namespace vrsim::calibration
