// Simulation-based calibration check of `vrsim calibrate`'s machinery: in each
// of N experiments, draw "true" parameters from the priors, simulate observed
// data with them (its own seed), calibrate to those data with ABC-SMC, and ask
// whether the posterior's central 90% interval contains the truth. Over many
// experiments a calibrated method covers about 90% of the time (Talts et al.
// 2018, "Validating Bayesian inference algorithms with simulation-based
// calibration"); ABC's tolerance widens posteriors, so coverage above 90% means
// conservative, below means overconfident. Prints one JSON object.
//
// With an observation model ([calibration.observation]) the data are made as
// the fit assumes real data are: the simulated recorded counts times the true
// recording factor, then, with negative binomial noise, a negative binomial
// draw around each month (gamma-Poisson) at the given dispersion.
// Usage: sbc_calibration [SCENARIO] [EXPERIMENTS] [PARTICLES] [GENERATIONS] [THREADS]
//        [KERNEL: scaled (the default) | local] [ENGINE: abm (the default) | cohort]
//        [DISPERSION of the data's noise, default 200]
// (SCENARIO needs [calibration] with monthly targets; default the 5,000-resident
// test fixture, run from the repository root.)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <nlohmann/json.hpp>

#include "vrsim/calibration/model_calibration.hpp"
#include "vrsim/calibration/posterior.hpp"
#include "vrsim/calibration/tidy_csv.hpp"

using namespace vrsim;

namespace {

// The streams of the truth and of the data's noise: the truth is subject p
// (a parameter), the noise of target t subject kNoiseSubject + t, month i.
constexpr std::uint64_t kNoiseSeed = 7;
constexpr std::uint64_t kNoiseSubject = 1'000'000;

// The q-quantile of a weighted sample: the smallest value whose cumulative
// weight reaches q.
double weighted_quantile(std::vector<std::pair<double, double>> values_weights, double q) {
    std::sort(values_weights.begin(), values_weights.end());
    double cumulative = 0.0;
    for (const auto& [value, weight] : values_weights) {
        cumulative += weight;
        if (cumulative >= q) {
            return value;
        }
    }
    return values_weights.back().first;
}

// Synthetic observed data: the monthly targets' outcomes of one simulation
// (with the observation model's recording factor already applied), each month
// a negative binomial draw around them when `dispersion` is given.
calibration::ObservedSeries simulated_observed(const calibration::CalibrationProblem& problem,
                                               const model::MonthlyOutcomes& outcomes,
                                               std::optional<double> dispersion,
                                               std::uint32_t experiment) {
    const model::OutcomeLayout layout(problem.scenario.parameters);
    calibration::ObservedSeries series;
    for (std::size_t t = 0; t < problem.targets.size(); ++t) {
        const calibration::Target& target = problem.targets[t];
        const std::vector<double> values = calibration::simulated_values(
            {target.outcome, scenarios::TargetKind::monthly, 1.0, problem.window, {}, {}, {}, ""},
            outcomes, layout, problem.scenario.parameters.simulation.start_month);
        for (std::size_t i = 0; i < values.size(); ++i) {
            double value = values[i];
            if (dispersion) {
                // NB2 with mean `value` and size k: Poisson of a Gamma(k, value / k) mean.
                model::Stream stream(kNoiseSeed, experiment, model::Decision::parameter_draw,
                                     kNoiseSubject + t, static_cast<std::int64_t>(i));
                const double mean = value > 0.0 ? boost::random::gamma_distribution<double>(
                                                      *dispersion, value / *dispersion)(stream)
                                                : 0.0;
                value = mean > 0.0
                            ? static_cast<double>(
                                  boost::random::poisson_distribution<long, double>(mean)(stream))
                            : 0.0;
            }
            series.values.push_back({problem.window.from.plus_months(static_cast<int>(i)),
                                     target.outcome,
                                     problem.scenario.calibration->area,
                                     value,
                                     {}});
        }
    }
    calibration::sort_values(series);
    return series;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string file =
        argc > 1 ? argv[1] : "tests/calibration/fixtures/model/calibration_minimal.toml";
    const int experiments = argc > 2 ? std::stoi(argv[2]) : 20;
    calibration::AbcSmcOptions options;
    options.particles = argc > 3 ? std::stoul(argv[3]) : 100;
    options.max_generations = argc > 4 ? std::stoul(argv[4]) : 5;
    options.threads = argc > 5 ? std::stoul(argv[5]) : 0;
    const std::string kernel = argc > 6 ? argv[6] : "scaled";
    if (kernel != "scaled" && kernel != "local") {
        std::cerr << "sbc_calibration: KERNEL " << kernel << ", expected scaled or local\n";
        return 2;
    }
    const std::string engine = argc > 7 ? argv[7] : "abm";
    if (engine != "abm" && engine != "cohort") {
        std::cerr << "sbc_calibration: ENGINE " << engine << ", expected abm or cohort\n";
        return 2;
    }
    const double noise_dispersion = argc > 8 ? std::stod(argv[8]) : 200.0;
    if (!(noise_dispersion > 0.0)) {
        std::cerr << "sbc_calibration: DISPERSION " << noise_dispersion << ", expected > 0\n";
        return 2;
    }
    options.kernel = kernel == "local" ? calibration::PerturbationKernel::local_covariance
                                       : calibration::PerturbationKernel::scaled_covariance;
    const auto start = std::chrono::steady_clock::now();

    const scenarios::Scenario scenario = scenarios::load_scenario(file);
    const calibration::Simulator simulator =
        engine == "cohort" ? calibration::cohort_simulator() : calibration::abm_simulator();
    // A problem made on data of the right shape (ones), only to simulate the truth.
    calibration::ObservedSeries shape;
    {
        const scenarios::CalibrationSettings& settings =
            calibration::calibration_settings(scenario);
        for (const scenarios::CalibrationTarget& target : settings.targets) {
            for (int month = settings.from.index; month <= settings.to.index; ++month) {
                shape.values.push_back({{month}, target.outcome, settings.area, 1.0, {}});
            }
        }
        calibration::sort_values(shape);
    }
    const calibration::CalibrationProblem template_problem =
        calibration::make_calibration_problem(scenario, shape);
    const std::vector<calibration::AbcParameter> parameters =
        calibration::abc_parameters(template_problem);
    const std::optional<double> dispersion =
        template_problem.observation && template_problem.observation->noise ==
                                            scenarios::ObservationNoise::negative_binomial
            ? std::optional<double>(noise_dispersion)
            : std::nullopt;

    std::vector<int> covered(parameters.size(), 0);
    std::vector<double> z_scores(parameters.size(), 0.0);
    std::vector<double> interval_widths(parameters.size(), 0.0);
    std::uint64_t simulations = 0;
    for (int experiment = 0; experiment < experiments; ++experiment) {
        const auto index = static_cast<std::uint32_t>(experiment);
        Eigen::VectorXd truth(static_cast<Eigen::Index>(parameters.size()));
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            model::Stream stream(7, index, model::Decision::parameter_draw, p, 0);
            truth(static_cast<Eigen::Index>(p)) =
                calibration::draw_prior(parameters[p].prior, stream);
        }
        const std::uint64_t data_seed = 1'000'000 + index;
        // The model at the truth, through the true recording factor if any.
        const model::MonthlyOutcomes outcomes =
            calibration::expected_observations(template_problem, simulator, truth, data_seed);
        const calibration::CalibrationProblem problem = calibration::make_calibration_problem(
            scenario, simulated_observed(template_problem, outcomes, dispersion, index));
        options.seed = 100 + index;
        const calibration::AbcSmcResult result = calibration::run_abc_smc(
            parameters, calibration::make_distance_function(problem, simulator), options);
        simulations += result.simulations;
        const calibration::Posterior posterior = calibration::posterior_of(result);
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            std::vector<std::pair<double, double>> sample;
            double mean = 0.0;
            for (std::size_t i = 0; i < posterior.weights.size(); ++i) {
                const double value =
                    posterior.particles(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(p));
                sample.emplace_back(value, posterior.weights[i]);
                mean += posterior.weights[i] * value;
            }
            double variance = 0.0;
            for (const auto& [value, weight] : sample) {
                variance += weight * (value - mean) * (value - mean);
            }
            const double low = weighted_quantile(sample, 0.05);
            const double high = weighted_quantile(sample, 0.95);
            const double true_value = truth(static_cast<Eigen::Index>(p));
            covered[p] += low <= true_value && true_value <= high ? 1 : 0;
            z_scores[p] += std::abs(true_value - mean) / std::sqrt(variance);
            interval_widths[p] += high - low;
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    nlohmann::json report = {
        {"scenario", file},
        {"experiments", experiments},
        {"particles", options.particles},
        {"max_generations", options.max_generations},
        {"kernel", calibration::to_string(options.kernel)},
        {"engine", engine},
        {"noise_dispersion", dispersion ? nlohmann::json(*dispersion) : nlohmann::json()},
        {"simulations", simulations},
        {"seconds", seconds},
        {"simulations_per_second", static_cast<double>(simulations) / seconds}};
    // Binomial sd of the coverage if the intervals were exact 90% intervals.
    const double sd = std::sqrt(0.9 * 0.1 / experiments);
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        report["parameters"].push_back(
            {{"name", parameters[p].name},
             {"coverage_90", static_cast<double>(covered[p]) / experiments},
             {"coverage_sd_if_exact", sd},
             {"mean_abs_error_in_posterior_sd", z_scores[p] / experiments},
             {"mean_interval_width_90", interval_widths[p] / experiments}});
    }
    std::cout << report.dump(2) << '\n';
    return 0;
}
