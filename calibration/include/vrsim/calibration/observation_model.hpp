#pragma once
// The observation model of a calibration ([calibration.observation]): what the
// files show is the model's recorded count times a recording-practice factor,
// with negative binomial noise around it (count_noise.hpp).
//
// The factor is `before` until the ramp, moves linearly to 1 over
// `duration_months` centred on `midpoint_year`, and is 1 after it: 1 is the
// recording the model's recording probabilities describe (derived from 2019
// counts, README "How the defaults were derived"). Months after the last fitted
// month keep the factor of the last fitted month (a forecast assumes recording
// practice stays as it was last seen).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "vrsim/calibration/abc_smc.hpp"
#include "vrsim/model/calendar.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/scenarios/calibration_settings.hpp"

namespace vrsim::calibration {

// posterior.csv columns of the observation model; every such column starts with
// "observation." and is not a model parameter.
inline constexpr std::string_view kTrendBeforeColumn = "observation.recording_trend.before";
inline constexpr std::string_view kTrendMidpointColumn =
    "observation.recording_trend.midpoint_year";
inline constexpr std::string_view kTrendDurationColumn =
    "observation.recording_trend.duration_months";
inline constexpr std::string_view kDispersionColumn = "observation.dispersion";
bool is_observation_column(std::string_view name);

struct RecordingTrend {
    double before = 1.0;
    double midpoint_year = 2000.0;  // decimal year: 2014.5 is the start of 2014-07
    double duration_months = 0.0;   // 0: a step at the midpoint
};

// The decimal year at the start of `month`: 2014-07 is 2014.5.
double decimal_year(model::YearMonth month);

// The factor in `month` (not held; see hold_recording_trend).
double recording_factor(const RecordingTrend& trend, model::YearMonth month);

// Multiplies every recorded_* column of `outcomes` (which start at `start`) by
// the factor of its month, months after `last_fitted` by the factor of
// `last_fitted`.
void apply_recording_trend(model::MonthlyOutcomes& outcomes, const model::OutcomeLayout& layout,
                           model::YearMonth start, const RecordingTrend& trend,
                           model::YearMonth last_fitted);

// Whether the observation model changes outcome `name` (recorded counts only).
bool observed_through_trend(std::string_view outcome);

// The observation model's fitted numbers as ABC-SMC parameters (the trend's
// numbers that carry a distribution, in the order before, midpoint_year,
// duration_months), named by their posterior.csv columns.
std::vector<AbcParameter> observation_abc_parameters(
    const scenarios::ObservationSettings& settings);

// One particle's observation model.
struct ParticleObservation {
    std::optional<RecordingTrend> trend;
    bool noise = false;  // negative binomial noise
    double dispersion = 0.0;
};

// The observation model of a posterior row: values from the named columns where
// the posterior has them, the settings' values otherwise. Throws CalibrationError
// when the noise is negative binomial with no fixed dispersion and the posterior
// has no observation.dispersion column (a posterior made without it).
ParticleObservation particle_observation(const scenarios::ObservationSettings& settings,
                                         const std::vector<std::string>& names,
                                         const Eigen::VectorXd& row);

// The same from an ABC-SMC proposal: `values` holds `model_parameters` model
// parameters, then the observation_abc_parameters in order.
RecordingTrend proposal_trend(const scenarios::RecordingTrendSettings& settings,
                              const Eigen::VectorXd& values, std::size_t model_parameters);

}  // namespace vrsim::calibration
