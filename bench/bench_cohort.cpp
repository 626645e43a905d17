// Seconds per Croydon 15-year cohort-engine run on one core, and runs per
// second; the aim is 5 ms a run (calibration with thousands of
// particles). Prints one JSON object.
// Usage: bench_cohort [SCENARIO.toml] [RUNS] [RISK_TIERS]
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
    vrsim::model::CohortOptions options;
    if (argc > 3) {
        options.risk_tiers = std::atoi(argv[3]);
    }
    vrsim::scenarios::Scenario scenario;
    try {
        scenario = vrsim::scenarios::load_scenario(file);
    } catch (const vrsim::scenarios::ScenarioError& error) {
        std::cerr << error.what() << '\n';
        return 2;
    }
    const vrsim::model::CohortEngine engine(options);
    vrsim::model::MonthlyOutcomes out;
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    for (int run = 0; run < runs; ++run) {
        engine.run(scenario.parameters, out);
    }
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    const auto& p = scenario.parameters;
    // The last year's totals, to see how they move with the number of tiers.
    using vrsim::model::Outcome;
    double offences = 0.0;
    double first_time_entrants = 0.0;
    double custody = 0.0;
    for (int month = out.months() - 12; month < out.months(); ++month) {
        offences += out.at(month, Outcome::offences_committed);
        first_time_entrants += out.at(month, Outcome::first_time_entrants_youth) +
                               out.at(month, Outcome::first_time_entrants_adult);
        custody += out.at(month, Outcome::custody_population) / 12.0;
    }
    nlohmann::json report = {
        {"benchmark", "cohort"},
        {"scenario", scenario.name},
        {"months_simulated", p.simulation.warmup_months + p.simulation.horizon_months},
        {"risk_tiers", options.risk_tiers},
        {"runs", runs},
        {"seconds_per_run", seconds / runs},
        {"runs_per_second", runs / seconds},
        {"aim_seconds_per_run", 0.005},
        {"last_year_offences", offences},
        {"last_year_first_time_entrants", first_time_entrants},
        {"last_year_mean_custody_population", custody}};
    std::cout << report.dump(2) << '\n';
    return 0;
}
