// Speed of the agent-based engine on a scenario (the Croydon default by
// default): one replicate on one core, and an ensemble on all cores through the
// same runner `vrsim run` uses, with peak memory. Prints one JSON object.
// Usage: bench_abm [SCENARIO] [REPLICATES] [THREADS]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "vrsim/model/abm.hpp"
#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"
#include "vrsim/scenarios/summary.hpp"

using namespace vrsim;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of the calling thread: on a shared machine, less disturbed by
// other work than the wall clock (though not by what it does to the caches).
double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double peak_memory_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
    std::string file = argc > 1 ? argv[1] : "scenarios/library/croydon/baseline.toml";
    auto replicates = static_cast<std::uint32_t>(argc > 2 ? std::stoul(argv[2]) : 100);
    int threads = argc > 3 ? std::stoi(argv[3]) : 0;
    scenarios::Scenario scenario;
    try {
        scenario = scenarios::load_scenario(file);
    } catch (const scenarios::ScenarioError& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 2;
    }
    const model::Parameters& parameters = scenario.parameters;
    const int months = parameters.simulation.warmup_months + parameters.simulation.horizon_months;

    // One replicate on one core: the best of three, after one run that allocates.
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    engine.run(parameters, {1, 0}, out);
    double single_seconds = 1e300;
    double single_cpu_seconds = 1e300;
    for (std::uint32_t r = 1; r <= 3; ++r) {
        auto start = Clock::now();
        const double cpu_start = thread_cpu_seconds();
        engine.run(parameters, {1, r}, out);
        single_cpu_seconds = std::min(single_cpu_seconds, thread_cpu_seconds() - cpu_start);
        single_seconds = std::min(single_seconds, seconds_since(start));
    }
    double residents = out.at(0, model::Outcome::population);
    double agent_months_per_second = residents * months / single_seconds;

    // The ensemble, summarised as `vrsim run` does.
    scenarios::EnsembleOptions options;
    options.replicates = replicates;
    options.threads = threads;
    scenarios::SummaryAccumulator summary(parameters.simulation.horizon_months,
                                          scenarios::SummaryMode::exact,
                                          model::OutcomeLayout(parameters).size());
    auto start = Clock::now();
    scenarios::run_ensemble(
        scenario, options,
        {[&](std::uint32_t, const model::MonthlyOutcomes& outcomes) { summary.add(outcomes); }});
    double ensemble_seconds = seconds_since(start);

    nlohmann::json figures = {
        {"scenario", scenario.name},
        {"residents", residents},
        {"months_simulated_per_replicate", months},
        {"single_replicate_seconds_one_core", single_seconds},
        {"single_replicate_cpu_seconds_one_core", single_cpu_seconds},
        {"agent_months_per_second_one_core", agent_months_per_second},
        {"ensemble_replicates", replicates},
        {"ensemble_threads", scenarios::resolve_threads(threads)},
        {"ensemble_seconds", ensemble_seconds},
        {"ensemble_replicates_per_second", replicates / ensemble_seconds},
        {"peak_memory_mib", peak_memory_mib()},
        {"state_bytes_per_resident", engine.bytes_per_resident()},
    };
    std::printf("%s\n", figures.dump(2).c_str());
    return 0;
}
