#pragma once
// Fitting a scenario to observed data: the scenario's [calibration] section,
// observed files and a Simulator turned into what the ABC-SMC engine needs
// (parameters with priors, a distance function).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "vrsim/calibration/abc_smc.hpp"
#include "vrsim/calibration/observed_series.hpp"
#include "vrsim/calibration/simulator.hpp"
#include "vrsim/calibration/targets.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::calibration {

// The scenario's calibration settings; throws CalibrationError when it has none.
const scenarios::CalibrationSettings& calibration_settings(const scenarios::Scenario& scenario);

// Reads observed files for `settings`: Met borough or ward files (with the
// settings' mapping and area) and tidy CSVs, joined (a month two Met files hold
// is taken from the later vintage, as the Met revises). police.uk street files
// must first become a tidy file with `vrsim observed --out`. Throws
// ObservedDataError or CalibrationError. `notes` gets what the join chose.
ObservedSeries read_observed_files(const std::vector<std::filesystem::path>& files,
                                   const scenarios::CalibrationSettings& settings,
                                   std::vector<std::string>* notes = nullptr);

// The scenario as calibration runs it: starting at the fit window's first month
// (with [calibration] population, when given, as the population then) for
// `horizon_months` months.
scenarios::Scenario from_window_start(const scenarios::Scenario& scenario, int horizon_months);

struct CalibrationProblem {
    scenarios::Scenario scenario;  // from_window_start over the fit window
    FitWindow window;
    std::vector<std::size_t> fitted;  // indexes into scenario.uncertain, in the file's order
    std::vector<Target> targets;
    // [calibration.observation], when the scenario has one: the distance compares
    // the observed months with the recorded counts times the recording factor.
    std::optional<scenarios::ObservationSettings> observation;
};

// The fit of `scenario` to `observed` over its [calibration] window, cut to end
// at `last_month` when given (a backtest fits only months before its origin).
// Throws CalibrationError.
CalibrationProblem make_calibration_problem(const scenarios::Scenario& scenario,
                                            const ObservedSeries& observed,
                                            std::optional<model::YearMonth> last_month = {});

// The fitted parameters with their priors (the scenario's distributions), named
// by field, then the observation model's fitted numbers (observation.*): the
// columns of posterior.csv (which adds observation.dispersion when estimated).
std::vector<AbcParameter> abc_parameters(const CalibrationProblem& problem);

// The parameters one simulation runs with: the scenario's uncertain parameters
// drawn from their own streams of `seed` (those not fitted keep their priors),
// then the fitted ones set to `values`, clamped into their valid range as draws are.
model::Parameters particle_parameters(const CalibrationProblem& problem,
                                      const Eigen::VectorXd& values, std::uint64_t seed);

// One simulation at a particle as the targets see it: the model's outcomes with
// the recorded ones times the particle's recording factor (when the problem has
// a recording trend).
model::MonthlyOutcomes expected_observations(const CalibrationProblem& problem,
                                             const Simulator& simulator,
                                             const Eigen::VectorXd& values, std::uint64_t seed);

// Simulates at a particle with its seed and returns the weighted distance to the
// targets (expected_observations against the observed). The problem must
// outlive the function.
DistanceFunction make_distance_function(const CalibrationProblem& problem, Simulator simulator);

}  // namespace vrsim::calibration
