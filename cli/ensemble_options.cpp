#include "ensemble_options.hpp"

#include <limits>
#include <string>

#include "option_checks.hpp"

namespace vrsim::cli {

namespace {

constexpr int kMaxThreads = 4096;  // a sanity bound; TBB uses at most the cores there are

}  // namespace

void add_ensemble_options(CLI::App& command, scenarios::EnsembleOptions& options) {
    const scenarios::EnsembleOptions defaults;
    command
        .add_option("--replicates,-n", options.replicates,
                    "Replicates to run (each with its own random streams and parameter draws)")
        ->default_val(defaults.replicates)
        ->check(CLI::Range(std::uint32_t{1}, std::numeric_limits<std::uint32_t>::max()));
    command
        .add_option("--seed", options.seed,
                    "Seed of every random stream; the same seed gives the same files")
        ->default_val(defaults.seed)
        ->check(kWholeNumber);
    command
        .add_option("--threads,-j", options.threads,
                    "Worker threads; 0 uses all cores. Changes speed, not results")
        ->default_val(defaults.threads)
        ->check(CLI::Range(0, kMaxThreads));
    command
        .add_option_function<std::string>(
            "--engine",
            [&options](const std::string& name) {
                options.engine = model::engine_from_string(name).value_or(model::EngineKind::abm);
            },
            "abm: the agent-based engine (people, stochastic replicates); cohort: expected\n"
            "flows between compartments, deterministic, one replicate unless parameters\n"
            "carry distributions (then one per draw)")
        ->check(CLI::IsMember({"abm", "cohort"}))
        ->default_str("abm");
}

}  // namespace vrsim::cli
