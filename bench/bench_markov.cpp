// Runs per second of the Markov engine on the shipped HIV model (Chancellor et
// al. 1997): deterministic runs of the built model, and PSA samples (draw,
// rebuild, run). Prints one JSON object.
// Usage: bench_markov [MODEL.toml]
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "vrsim/model/markov.hpp"
#include "vrsim/scenarios/markov_file.hpp"

namespace {

template <class Work>
double per_second(Work&& work, int& count) {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    count = 0;
    double seconds = 0.0;
    // At least half a second of work, in growing batches.
    for (int batch = 100; seconds < 0.5; batch *= 2) {
        for (int i = 0; i < batch; ++i) {
            work(count++);
        }
        seconds = std::chrono::duration<double>(clock::now() - start).count();
    }
    return count / seconds;
}

}  // namespace

int main(int argc, char** argv) {
    // Run from the repository root, or name the model file.
    const std::filesystem::path file =
        argc > 1 ? argv[1] : "scenarios/library/markov/hiv_chancellor_1997.toml";
    const auto definition = vrsim::scenarios::load_markov_file(file);
    double sink = 0.0;
    int runs = 0;
    const double run_rate = per_second(
        [&](int) {
            const auto result = vrsim::model::run_markov(definition.model);
            sink += result.strategies[0].discounted_total(0);
        },
        runs);
    int samples = 0;
    const double sample_rate = per_second(
        [&](int k) {
            const auto model =
                vrsim::scenarios::draw_markov_model(definition, 1, static_cast<std::uint32_t>(k));
            for (std::size_t s = 0; s < model.strategies.size(); ++s) {
                sink += vrsim::model::run_markov_strategy(model, s).discounted_total(0);
            }
        },
        samples);
    nlohmann::json report = {
        {"benchmark", "markov"},
        {"model", definition.model.name},
        {"strategies", definition.model.strategies.size()},
        {"cycles", definition.model.cycles},
        {"runs", runs},
        {"runs_per_second", run_rate},
        {"psa_samples", samples},
        {"psa_samples_per_second", sample_rate},
        {"checksum", sink > 0.0},
    };
    std::cout << report.dump(2) << '\n';
    return 0;
}
