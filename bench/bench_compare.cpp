// What common random numbers buy in a comparison, and how fast one runs.
// Runs BASE and ALT for R replicates with the same seed (common random numbers)
// and ALT again with another seed (independent streams), and reports, for the
// 15-year totals of offences committed and recorded violence, the variance of
// the paired difference ALT - BASE under each, their ratio (the factor by which
// common random numbers cut the replicates a given precision needs), and the
// seconds for the 2 x R common-random-number replicates on all cores. With the
// cohort engine a replicate is a run with its own parameter draws.
// Prints one JSON object.
// Usage: bench_compare [BASE] [ALT] [REPLICATES] [THREADS] [abm|cohort]
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"

using namespace vrsim;
using Clock = std::chrono::steady_clock;

namespace {

struct Totals {
    std::vector<double> offences;
    std::vector<double> violence;
};

Totals run_totals(const scenarios::Scenario& scenario, scenarios::EnsembleOptions options) {
    Totals totals;
    totals.offences.resize(options.replicates);
    totals.violence.resize(options.replicates);
    scenarios::run_ensemble(
        scenario, options, {[&](std::uint32_t replicate, const model::MonthlyOutcomes& outcomes) {
            for (int month = 0; month < outcomes.months(); ++month) {
                totals.offences[replicate] +=
                    outcomes.at(month, model::Outcome::offences_committed);
                totals.violence[replicate] +=
                    outcomes.at(month, model::Outcome::recorded_violence_against_the_person);
            }
        }});
    return totals;
}

double variance_of_difference(const std::vector<double>& alternative,
                              const std::vector<double>& base) {
    const auto n = static_cast<double>(base.size());
    double mean = 0.0;
    for (std::size_t r = 0; r < base.size(); ++r) {
        mean += (alternative[r] - base[r]) / n;
    }
    double sum_of_squares = 0.0;
    for (std::size_t r = 0; r < base.size(); ++r) {
        const double deviation = alternative[r] - base[r] - mean;
        sum_of_squares += deviation * deviation;
    }
    return sum_of_squares / (n - 1.0);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string base_file = argc > 1 ? argv[1] : "scenarios/library/croydon/baseline.toml";
    const std::string alternative_file =
        argc > 2 ? argv[2] : "scenarios/library/croydon/mopac_cut.toml";
    scenarios::EnsembleOptions options;
    options.replicates = static_cast<std::uint32_t>(argc > 3 ? std::stoul(argv[3]) : 20);
    options.threads = argc > 4 ? std::stoi(argv[4]) : 0;
    options.seed = 20190401;
    const std::string engine_name = argc > 5 ? argv[5] : "abm";
    const std::optional<model::EngineKind> engine = model::engine_from_string(engine_name);
    if (!engine) {
        std::fprintf(stderr, "bench_compare: expected the engine abm or cohort, got %s\n",
                     engine_name.c_str());
        return 2;
    }
    options.engine = *engine;
    scenarios::Scenario base;
    scenarios::Scenario alternative;
    try {
        base = scenarios::load_scenario(base_file);
        alternative = scenarios::load_scenario(alternative_file);
    } catch (const scenarios::ScenarioError& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 2;
    }
    const auto start = Clock::now();
    const Totals base_totals = run_totals(base, options);
    const Totals common = run_totals(alternative, options);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    scenarios::EnsembleOptions independent_options = options;
    independent_options.seed = options.seed + 1;
    const Totals independent = run_totals(alternative, independent_options);

    const double offences_common = variance_of_difference(common.offences, base_totals.offences);
    const double offences_independent =
        variance_of_difference(independent.offences, base_totals.offences);
    const double violence_common = variance_of_difference(common.violence, base_totals.violence);
    const double violence_independent =
        variance_of_difference(independent.violence, base_totals.violence);
    const nlohmann::json report = {{"base", base.name},
                                   {"alternative", alternative.name},
                                   {"engine", engine_name},
                                   {"replicates", options.replicates},
                                   {"threads", scenarios::resolve_threads(options.threads)},
                                   {"variance_of_paired_difference",
                                    {{"offences_committed_15y",
                                      {{"common_random_numbers", offences_common},
                                       {"independent_streams", offences_independent},
                                       {"ratio", offences_independent / offences_common}}},
                                     {"recorded_violence_15y",
                                      {{"common_random_numbers", violence_common},
                                       {"independent_streams", violence_independent},
                                       {"ratio", violence_independent / violence_common}}}}},
                                   {"seconds_for_two_scenarios", seconds},
                                   {"replicates_per_second", 2.0 * options.replicates / seconds}};
    std::printf("%s\n", report.dump(2).c_str());
    return 0;
}
