#pragma once
// A Markov model file compiled: every number the model needs as an expression
// over parameter slots, so a model can be rebuilt cheaply for each PSA sample.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "markov_expression.hpp"
#include "vrsim/model/markov.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

// A number written in the file and where, for diagnostics.
struct MarkovTerm {
    MarkovExpression expression;
    std::vector<std::size_t> uses;  // slots it reads
    toml::source_region where;
    std::string field;
};

struct MarkovSlot {
    enum class Kind { cycle, fixed, drawn, dirichlet_component, expression };
    Kind kind = Kind::fixed;
    std::string name;
    double value = 0.0;                    // fixed, drawn (its value when not sampled)
    Distribution distribution;             // drawn
    std::string field;                     // drawn: stream key; expression: its path
    std::optional<MarkovTerm> expression;  // expression
};

// A Dirichlet-distributed vector: its components are slots "name.key".
struct MarkovDirichlet {
    std::string field;
    std::vector<double> alpha;
    std::vector<std::size_t> slots;
};

struct MarkovRowProgram {
    std::vector<std::pair<std::size_t, MarkovTerm>> entries;  // (to state, probability)
    std::optional<std::pair<std::size_t, MarkovTerm>> rest;   // "rest": 1 - the others
    toml::source_region where;
    std::string field;
};

struct MarkovRewardProgram {
    std::vector<MarkovTerm> states;  // one per state
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, MarkovTerm>> transitions;
};

struct MarkovStrategyProgram {
    std::string name;
    std::vector<std::optional<MarkovTerm>> overrides;  // per slot: the strategy's own value
    std::vector<std::size_t> order;                    // expression slots, dependencies first
    std::vector<MarkovRowProgram> rows;                // one per state
    std::vector<MarkovRewardProgram> rewards;
    bool by_cycle = false;  // some value depends on `cycle`
};

// Problems found while building the deterministic model, each reported once.
struct MarkovReporter {
    std::vector<Diagnostic>* diagnostics = nullptr;
    std::set<std::string> reported;
    void report(const toml::source_region& where, const std::string& field,
                const std::string& message);
};

struct MarkovProgram {
    model::MarkovModel shape;  // everything but transitions and reward values
    std::vector<MarkovSlot> slots;
    std::vector<MarkovDirichlet> dirichlets;
    std::vector<MarkovStrategyProgram> strategies;
    // The compiled expressions evaluate through muParser's own buffers, so
    // build() runs one at a time (shared by copies, which share expressions).
    std::shared_ptr<std::mutex> evaluating = std::make_shared<std::mutex>();

    // Slot values with every parameter at its stated value (Dirichlet: its mean).
    std::vector<double> base_values() const;
    // Slot values with each distribution drawn from its own stream
    // (seed, sample, parameter field).
    std::vector<double> drawn_values(std::uint64_t seed, std::uint32_t sample) const;
    // The model for these slot values. With a reporter, probabilities outside
    // [0, 1], rows not summing to one and non-finite values are reported there
    // with their place in the file.
    model::MarkovModel build(std::vector<double> values, MarkovReporter* reporter = nullptr) const;
};

}  // namespace vrsim::scenarios::detail
