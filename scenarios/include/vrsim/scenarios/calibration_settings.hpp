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
};

}  // namespace vrsim::scenarios
