// Speed of a calibration: ABC-SMC on a scenario's [calibration] section and
// observed files, with the cohort engine (or the agent-based one), on the
// given number of threads. The aim: a Croydon calibration with the
// cohort engine and 2,000 particles in 2 minutes on the 2-core machine. Prints
// one JSON object: simulations and particles per second, and the time the same
// generations would take with 2,000 particles (simulations grow with the
// particles at the same acceptance rates).
// Usage: bench_calibration [SCENARIO] [OBSERVED] [PARTICLES] [GENERATIONS] [THREADS] [ENGINE]
//        [KERNEL: scaled (the default) | local]
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vrsim/calibration/abc_smc.hpp"
#include "vrsim/calibration/model_calibration.hpp"
#include "vrsim/calibration/simulator.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace {

std::vector<std::uint64_t> simulations_by_generation(
    const vrsim::calibration::AbcSmcResult& result) {
    std::vector<std::uint64_t> simulations;
    for (const vrsim::calibration::GenerationReport& generation : result.generations) {
        simulations.push_back(generation.simulations);
    }
    return simulations;
}

}  // namespace

int main(int argc, char** argv) {
    namespace calibration = vrsim::calibration;
    const std::filesystem::path scenario_file =
        argc > 1 ? argv[1] : "scenarios/library/croydon/baseline.toml";
    const std::filesystem::path observed_file =
        argc > 2 ? argv[2] : "../shared/data/mps-borough-monthly/scheme-a_2010-04_2022-01.csv";
    const std::size_t particles = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 100;
    const std::size_t generations = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 3;
    const std::size_t threads = argc > 5 ? std::strtoul(argv[5], nullptr, 10) : 0;
    const std::string engine = argc > 6 ? argv[6] : "cohort";
    const std::string kernel = argc > 7 ? argv[7] : "scaled";
    if (particles == 0 || generations == 0 || (engine != "cohort" && engine != "abm") ||
        (kernel != "scaled" && kernel != "local")) {
        std::cerr << "usage: bench_calibration [SCENARIO] [OBSERVED] [PARTICLES > 0] "
                     "[GENERATIONS > 0] [THREADS] [cohort|abm] [scaled|local]\n";
        return 2;
    }
    try {
        const vrsim::scenarios::Scenario scenario = vrsim::scenarios::load_scenario(scenario_file);
        const calibration::ObservedSeries observed = calibration::read_observed_files(
            {observed_file}, calibration::calibration_settings(scenario));
        const calibration::CalibrationProblem problem =
            calibration::make_calibration_problem(scenario, observed);
        const std::vector<calibration::AbcParameter> parameters =
            calibration::abc_parameters(problem);
        const calibration::DistanceFunction distance = calibration::make_distance_function(
            problem,
            engine == "cohort" ? calibration::cohort_simulator() : calibration::abm_simulator());
        calibration::AbcSmcOptions options;
        options.particles = particles;
        options.max_generations = generations;
        options.threads = threads;
        options.kernel = kernel == "local" ? calibration::PerturbationKernel::local_covariance
                                           : calibration::PerturbationKernel::scaled_covariance;
        calibration::validate(parameters, options);
        using clock = std::chrono::steady_clock;
        const auto start = clock::now();
        const calibration::AbcSmcResult result =
            calibration::run_abc_smc(parameters, distance, options);
        const double seconds = std::chrono::duration<double>(clock::now() - start).count();
        const auto completed = static_cast<double>(result.generations.size());
        const double scale_to_2000 = 2000.0 / static_cast<double>(particles);
        nlohmann::json report = {
            {"benchmark", "calibration"},
            {"scenario", scenario.name},
            {"engine", engine},
            {"kernel", calibration::to_string(options.kernel)},
            {"window", problem.window.from.to_string() + ".." + problem.window.to.to_string()},
            {"parameters", parameters.size()},
            {"particles", particles},
            {"generations", result.generations.size()},
            {"threads", threads},
            {"simulations", result.simulations},
            {"seconds", seconds},
            {"simulations_per_second", static_cast<double>(result.simulations) / seconds},
            {"particles_per_second", static_cast<double>(particles) * completed / seconds},
            {"final_tolerance", result.posterior.tolerance},
            {"simulations_by_generation", simulations_by_generation(result)},
            {"final_effective_sample_size", result.generations.back().effective_sample_size},
            {"projected_seconds_2000_particles", seconds * scale_to_2000},
            {"aim_seconds_2000_particles", 120.0}};
        std::cout << report.dump(2) << '\n';
    } catch (const std::exception& error) {
        std::cerr << "bench_calibration: " << error.what() << '\n';
        return 2;
    }
    return 0;
}
