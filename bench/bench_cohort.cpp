// Seconds per Croydon 15-year cohort-engine run on one core, and runs per
// second; the aim is 5 ms a run (calibration with thousands of
// particles). Prints one JSON object.
// Usage: bench_cohort [SCENARIO.toml] [RUNS]
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "vrsim/model/cohort.hpp"
#include "vrsim/scenarios/scenario.hpp"

int main(int argc, char** argv) {
    const std::filesystem::path file =
        argc > 1 ? argv[1] : "scenarios/library/croydon/baseline.toml";
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    vrsim::scenarios::Scenario scenario;
    try {
        scenario = vrsim::scenarios::load_scenario(file);
    } catch (const vrsim::scenarios::ScenarioError& error) {
        std::cerr << error.what() << '\n';
        return 2;
    }
    const vrsim::model::CohortEngine engine;
    vrsim::model::MonthlyOutcomes out;
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    double violence = 0.0;
    for (int run = 0; run < runs; ++run) {
        engine.run(scenario.parameters, out);
        violence += out.at(0, vrsim::model::Outcome::recorded_violence_against_the_person);
    }
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    const auto& p = scenario.parameters;
    nlohmann::json report = {
        {"benchmark", "cohort"},
        {"scenario", scenario.name},
        {"months_simulated", p.simulation.warmup_months + p.simulation.horizon_months},
        {"risk_tiers", vrsim::model::CohortOptions{}.risk_tiers},
        {"runs", runs},
        {"seconds_per_run", seconds / runs},
        {"runs_per_second", runs / seconds},
        {"aim_seconds_per_run", 0.005},
        {"first_month_recorded_violence", violence / runs}};
    std::cout << report.dump(2) << '\n';
    return 0;
}
