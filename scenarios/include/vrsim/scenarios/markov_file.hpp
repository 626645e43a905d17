#pragma once
// Markov model files (TOML; format in docs/markov.md) read into a
// model::MarkovModel, and probabilistic sensitivity analysis over the
// distributions their parameters carry.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "vrsim/model/markov.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

namespace detail {
struct MarkovProgram;
}

struct MarkovDefinition {
    std::filesystem::path file;
    model::MarkovModel model;  // every parameter at its stated value
    std::string cost;          // names of the rewards compared in icer.csv; empty if none
    std::string effect;
    std::vector<std::string> uncertain;  // field paths of parameters with a distribution
    std::shared_ptr<const detail::MarkovProgram> program;
};

// Reads and checks a model file; throws ScenarioError listing every problem
// as file:line:column: field: message.
MarkovDefinition load_markov_file(const std::filesystem::path& file);

// The model with each uncertain parameter drawn for `sample` from its own
// stream (seed, sample, parameter path). Throws model::MarkovError when the
// draws make a transition row invalid; the message names the sample.
model::MarkovModel draw_markov_model(const MarkovDefinition& definition, std::uint64_t seed,
                                     std::uint32_t sample);

// Totals of every PSA sample: index [sample][strategy][reward].
struct MarkovPsa {
    std::vector<std::vector<Eigen::VectorXd>> discounted;
    std::vector<std::vector<Eigen::VectorXd>> undiscounted;
};

MarkovPsa run_markov_psa(const MarkovDefinition& definition, std::uint64_t seed,
                         std::uint32_t samples);

struct MarkovPsaSummaryRow {
    std::size_t strategy = 0;
    std::size_t reward = 0;
    bool discounted = true;
    double mean = 0.0;
    std::array<double, 3> quantiles{};  // p05, p50, p95 (type 7)
};

// One row per strategy, reward and discounting (discounted first).
std::vector<MarkovPsaSummaryRow> summarise_markov_psa(const MarkovPsa& psa);

}  // namespace vrsim::scenarios
