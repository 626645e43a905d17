#include "vrsim/calibration/model_calibration.hpp"

#include <algorithm>
#include <utility>

#include "vrsim/calibration/category_mapping.hpp"
#include "vrsim/calibration/met_monthly.hpp"
#include "vrsim/calibration/observation_model.hpp"
#include "vrsim/calibration/police_uk.hpp"
#include "vrsim/calibration/tidy_csv.hpp"

namespace vrsim::calibration {

namespace fs = std::filesystem;

const scenarios::CalibrationSettings& calibration_settings(const scenarios::Scenario& scenario) {
    if (!scenario.calibration) {
        throw CalibrationError(scenario.file.string() +
                               ": the scenario has no [calibration] section; add one with the "
                               "area, from, to and [[calibration.targets]] (see the README's "
                               "\"Calibration\")");
    }
    return *scenario.calibration;
}

ObservedSeries read_observed_files(const std::vector<fs::path>& files,
                                   const scenarios::CalibrationSettings& settings,
                                   std::vector<std::string>* notes) {
    std::optional<CategoryMapping> mapping;
    std::vector<ObservedSeries> parts;
    for (const fs::path& file : files) {
        if (fs::is_directory(file) || looks_like_police_uk_street(file)) {
            throw CalibrationError(file.string() +
                                   ": police.uk street-level files need an area of LSOAs; turn "
                                   "them into a tidy file first with `vrsim observed " +
                                   file.string() +
                                   " --mapping MAP --lsoa-prefix NAME --out observed.csv`");
        }
        if (looks_like_met_monthly(file)) {
            if (settings.mapping.empty()) {
                throw CalibrationError(file.string() +
                                       ": a Met file needs a category mapping; add mapping = "
                                       "\"...\" to the scenario's [calibration]");
            }
            if (!mapping) {
                mapping = CategoryMapping::load(settings.mapping);
            }
            parts.push_back(read_met_monthly(file, *mapping, {settings.area, {}}));
        } else if (looks_like_tidy_csv(file)) {
            parts.push_back(read_tidy_csv(file));
        } else {
            throw CalibrationError(file.string() +
                                   ": not an observed-data file vrsim reads; expected a Met "
                                   "borough or ward monthly file or a tidy CSV with the header "
                                   "month,outcome,value[,area]");
        }
    }
    if (parts.empty()) {
        throw CalibrationError("no observed file given; name one or more with --observed");
    }
    return combine_series(std::move(parts), Overlap::later_vintage, notes);
}

scenarios::Scenario from_window_start(const scenarios::Scenario& scenario, int horizon_months) {
    const scenarios::CalibrationSettings& settings = calibration_settings(scenario);
    scenarios::Scenario moved = scenario;
    moved.parameters.simulation.start_month = settings.from;
    moved.parameters.simulation.horizon_months = horizon_months;
    if (settings.population) {
        moved.parameters.place.population = *settings.population;
    }
    return moved;
}

CalibrationProblem make_calibration_problem(const scenarios::Scenario& scenario,
                                            const ObservedSeries& observed,
                                            std::optional<model::YearMonth> last_month) {
    const scenarios::CalibrationSettings& settings = calibration_settings(scenario);
    CalibrationProblem problem;
    problem.window = {settings.from, settings.to};
    if (last_month && *last_month < problem.window.to) {
        problem.window.to = *last_month;
    }
    if (problem.window.to < problem.window.from) {
        throw CalibrationError("nothing to fit: the fit window would end at " +
                               problem.window.to.to_string() + ", before it starts at " +
                               problem.window.from.to_string());
    }
    problem.scenario = from_window_start(scenario, problem.window.months());
    for (std::size_t i = 0; i < scenario.uncertain.size(); ++i) {
        const std::string& field = scenario.uncertain[i].field;
        if (settings.parameters.empty() ||
            std::find(settings.parameters.begin(), settings.parameters.end(), field) !=
                settings.parameters.end()) {
            problem.fitted.push_back(i);
        }
    }
    if (problem.fitted.empty()) {
        throw CalibrationError(scenario.file.string() +
                               ": nothing to fit: no parameter carries a distribution (write one "
                               "as { value = ..., distribution = { type = ... } })");
    }
    problem.targets = make_targets(settings, observed, problem.window);
    problem.observation = settings.observation;
    // The noise's dispersion is estimated from monthly targets: say so before
    // the fit runs, not after.
    if (problem.observation &&
        problem.observation->noise == scenarios::ObservationNoise::negative_binomial &&
        std::none_of(problem.targets.begin(), problem.targets.end(), [](const Target& target) {
            return target.kind == scenarios::TargetKind::monthly;
        })) {
        throw CalibrationError(scenario.file.string() +
                               ": [calibration.observation] negative binomial noise is for monthly "
                               "counts, and [calibration] has no monthly target; add a "
                               "[[calibration.targets]] with kind = \"monthly\", or set noise = "
                               "\"none\"");
    }
    return problem;
}

std::vector<AbcParameter> abc_parameters(const CalibrationProblem& problem) {
    std::vector<AbcParameter> parameters;
    for (std::size_t index : problem.fitted) {
        const scenarios::UncertainParameter& uncertain = problem.scenario.uncertain[index];
        parameters.push_back({uncertain.field, uncertain.distribution});
    }
    if (problem.observation) {
        for (AbcParameter& parameter : observation_abc_parameters(*problem.observation)) {
            parameters.push_back(std::move(parameter));
        }
    }
    return parameters;
}

model::Parameters particle_parameters(const CalibrationProblem& problem,
                                      const Eigen::VectorXd& values, std::uint64_t seed) {
    model::Parameters parameters = scenarios::draw_parameters(problem.scenario, seed, 0);
    for (std::size_t i = 0; i < problem.fitted.size(); ++i) {
        const scenarios::UncertainParameter& uncertain =
            problem.scenario.uncertain[problem.fitted[i]];
        *uncertain.locate(parameters) =
            std::clamp(values(static_cast<Eigen::Index>(i)), uncertain.lower, uncertain.upper);
    }
    return parameters;
}

model::MonthlyOutcomes expected_observations(const CalibrationProblem& problem,
                                             const Simulator& simulator,
                                             const Eigen::VectorXd& values, std::uint64_t seed) {
    const model::Parameters parameters = particle_parameters(problem, values, seed);
    model::MonthlyOutcomes outcomes = simulator(parameters, seed);
    if (problem.observation && problem.observation->recording_trend) {
        apply_recording_trend(
            outcomes, model::OutcomeLayout(parameters), parameters.simulation.start_month,
            proposal_trend(*problem.observation->recording_trend, values, problem.fitted.size()),
            problem.window.to);
    }
    return outcomes;
}

DistanceFunction make_distance_function(const CalibrationProblem& problem, Simulator simulator) {
    const model::OutcomeLayout layout(problem.scenario.parameters);
    return [&problem, simulator = std::move(simulator), layout](const Eigen::VectorXd& values,
                                                                std::uint64_t seed) {
        const model::MonthlyOutcomes outcomes =
            expected_observations(problem, simulator, values, seed);
        return weighted_distance(problem.targets, outcomes, layout,
                                 problem.scenario.parameters.simulation.start_month);
    };
}

}  // namespace vrsim::calibration
