#include "vrsim/calibration/observation_model.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "vrsim/calibration/targets.hpp"

namespace vrsim::calibration {

namespace {

// The trend's numbers with their columns, in the order of the ABC vector.
std::array<std::pair<std::string_view, const scenarios::ObservationParameter*>, 3> trend_numbers(
    const scenarios::RecordingTrendSettings& settings) {
    return {{{kTrendBeforeColumn, &settings.before},
             {kTrendMidpointColumn, &settings.midpoint_year},
             {kTrendDurationColumn, &settings.duration_months}}};
}

// Draws outside the valid range (a normal prior's tails) are clamped into it, as
// model parameters' draws are.
RecordingTrend clamped(RecordingTrend trend) {
    trend.before = std::clamp(trend.before, 1e-6, 5.0);
    trend.duration_months = std::clamp(trend.duration_months, 0.0, 600.0);
    return trend;
}

}  // namespace

bool is_observation_column(std::string_view name) {
    return name.starts_with("observation.");
}

double decimal_year(model::YearMonth month) {
    return month.year() + (month.month() - 1) / 12.0;
}

double recording_factor(const RecordingTrend& trend, model::YearMonth month) {
    const double t = decimal_year(month);
    const double half_years = trend.duration_months / 24.0;
    const double ramp_start = trend.midpoint_year - half_years;
    if (trend.duration_months <= 0.0) {
        return t < trend.midpoint_year ? trend.before : 1.0;
    }
    const double progress = std::clamp((t - ramp_start) / (2.0 * half_years), 0.0, 1.0);
    return trend.before + (1.0 - trend.before) * progress;
}

bool observed_through_trend(std::string_view outcome) {
    return outcome.starts_with("recorded_");
}

void apply_recording_trend(model::MonthlyOutcomes& outcomes, const model::OutcomeLayout& layout,
                           model::YearMonth start, const RecordingTrend& trend,
                           model::YearMonth last_fitted) {
    std::vector<std::size_t> columns;
    for (std::size_t column = 0; column < layout.size(); ++column) {
        if (observed_through_trend(layout.name(column))) {
            columns.push_back(column);
        }
    }
    for (int m = 0; m < outcomes.months(); ++m) {
        const model::YearMonth month = std::min(start.plus_months(m), last_fitted);
        const double factor = recording_factor(trend, month);
        for (std::size_t column : columns) {
            outcomes.at(m, column) *= factor;
        }
    }
}

std::vector<AbcParameter> observation_abc_parameters(
    const scenarios::ObservationSettings& settings) {
    std::vector<AbcParameter> parameters;
    if (settings.recording_trend) {
        for (const auto& [name, number] : trend_numbers(*settings.recording_trend)) {
            if (number->distribution) {
                parameters.push_back({std::string(name), *number->distribution});
            }
        }
    }
    return parameters;
}

RecordingTrend proposal_trend(const scenarios::RecordingTrendSettings& settings,
                              const Eigen::VectorXd& values, std::size_t model_parameters) {
    std::array<double, 3> numbers{};
    auto next = static_cast<Eigen::Index>(model_parameters);
    std::size_t i = 0;
    for (const auto& [name, number] : trend_numbers(settings)) {
        numbers[i++] = number->distribution ? values(next++) : number->value;
    }
    return clamped({numbers[0], numbers[1], numbers[2]});
}

ParticleObservation particle_observation(const scenarios::ObservationSettings& settings,
                                         const std::vector<std::string>& names,
                                         const Eigen::VectorXd& row) {
    const auto column = [&](std::string_view name) -> std::optional<double> {
        const auto found = std::find(names.begin(), names.end(), name);
        if (found == names.end()) {
            return std::nullopt;
        }
        return row(static_cast<Eigen::Index>(found - names.begin()));
    };
    ParticleObservation observation;
    if (settings.recording_trend) {
        std::array<double, 3> numbers{};
        std::size_t i = 0;
        for (const auto& [name, number] : trend_numbers(*settings.recording_trend)) {
            numbers[i++] = column(name).value_or(number->value);
        }
        observation.trend = clamped({numbers[0], numbers[1], numbers[2]});
    }
    observation.noise = settings.noise == scenarios::ObservationNoise::negative_binomial;
    if (observation.noise) {
        if (settings.dispersion) {
            observation.dispersion = settings.dispersion->value;
        } else if (const std::optional<double> estimated = column(kDispersionColumn)) {
            observation.dispersion = *estimated;
        } else {
            throw CalibrationError(
                "the posterior has no " + std::string(kDispersionColumn) +
                " column, which the scenario's negative binomial observation noise needs (its "
                "dispersion is estimated per particle by vrsim calibrate); recalibrate, or give "
                "[calibration.observation] dispersion = { value = ..., source = \"...\" }");
        }
    }
    return observation;
}

}  // namespace vrsim::calibration
