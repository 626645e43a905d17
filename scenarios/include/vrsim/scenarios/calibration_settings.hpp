#pragma once
// A scenario's [calibration] section: what observed data it is fitted to, over
// which months, with which targets, and which of its uncertain parameters are
// fitted. Only data here; calibration/ reads the files and runs the fit.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vrsim/model/calendar.hpp"
#include "vrsim/scenarios/distribution.hpp"

namespace vrsim::scenarios {

enum class TargetKind {
    monthly,  // the outcome month by month over the fit window
    annual,   // calendar-year totals of the outcome (complete years of the window only)
    rate,     // one number: the outcome's mean over the window (a rate such as proven reoffending)
};
std::string_view to_string(TargetKind kind);

struct CalibrationTarget {
    std::string outcome;  // a vrsim outcome name, e.g. "recorded_violence_against_the_person"
    TargetKind kind = TargetKind::monthly;
    double weight = 1.0;             // > 0; the weights are normalised to sum 1
    std::optional<double> observed;  // rates only: the observed value, when not from a file
    std::string source;              // where `observed` comes from (required with it)
};

// One number of the observation model: its value (used when it is not fitted,
// and as the documented central value), where it comes from, and, when it is
// fitted, its prior.
struct ObservationParameter {
    double value = 0.0;
    std::string source;
    std::optional<Distribution> distribution;  // present: fitted, with this prior
};

// Recording practice that changed over the fit window: the observed count is
// the model's recorded count times a factor that is `before` up to the ramp,
// moves linearly to 1 over `duration_months` centred on `midpoint_year` (a
// decimal year: 2014.5 is the start of 2014-07), and is 1 after it. 1 is the
// recording the model's recording probabilities describe (today's).
struct RecordingTrendSettings {
    ObservationParameter before;           // (0, 5]
    ObservationParameter midpoint_year;    // [1900, 2200]
    ObservationParameter duration_months;  // [0, 600]; 0: a step at the midpoint
};

enum class ObservationNoise {
    none,               // the observed count is the expected count (old behaviour)
    negative_binomial,  // NB2 around it: variance mean + mean^2 / dispersion
};
std::string_view to_string(ObservationNoise noise);

// [calibration.observation]: how the model's recorded series becomes what the
// files show. Applies to the recorded_* outcomes of monthly and annual targets.
struct ObservationSettings {
    ObservationNoise noise = ObservationNoise::negative_binomial;
    // Fixed dispersion (size) of the noise; absent: estimated per posterior
    // particle by maximum likelihood over the fitted months.
    std::optional<ObservationParameter> dispersion;
    std::optional<RecordingTrendSettings> recording_trend;
};

struct CalibrationSettings {
    // The observed area: a Met borough as the file spells it ("Croydon"); tidy
    // files' rows of this area (or with no area).
    std::string area;
    // The category mapping for Met files, resolved relative to the scenario file
    // that names it; empty when the scenario names none.
    std::filesystem::path mapping;
    model::YearMonth from;  // first observed month fitted; the simulation starts here
    model::YearMonth to;    // last observed month fitted (inclusive)
    // The place's population at `from`, when it differs from [place] population
    // (which is as at the scenario's own start month).
    std::optional<int> population;
    std::string population_source;
    // Fields of the uncertain parameters fitted; empty: every uncertain parameter.
    // The others keep their distributions and are drawn afresh for every simulation.
    std::vector<std::string> parameters;
    std::vector<CalibrationTarget> targets;
    // Absent: the observed counts are compared with the model's as they are, and
    // forecast intervals come from the replicates alone.
    std::optional<ObservationSettings> observation;
};

}  // namespace vrsim::scenarios
