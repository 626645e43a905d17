#include "markov_program.hpp"

#include <cmath>

#include <boost/random/gamma_distribution.hpp>

#include "distributions.hpp"
#include "scenario_diagnostics.hpp"

namespace vrsim::scenarios::detail {

void MarkovReporter::report(const toml::source_region& where, const std::string& field,
                            const std::string& message) {
    if (diagnostics != nullptr && reported.insert(field).second) {
        diagnostics->push_back(diagnostic_at(where, field, message));
    }
}

std::vector<double> MarkovProgram::base_values() const {
    std::vector<double> values(slots.size(), 0.0);
    for (std::size_t i = 0; i < slots.size(); ++i) {
        values[i] = slots[i].value;
    }
    return values;
}

std::vector<double> MarkovProgram::drawn_values(std::uint64_t seed, std::uint32_t sample) const {
    std::vector<double> values = base_values();
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].kind == MarkovSlot::Kind::drawn) {
            model::Stream stream(seed, sample, model::Decision::parameter_draw,
                                 field_hash(slots[i].field), 0);
            values[i] = scenarios::draw(slots[i].distribution, stream);
        }
    }
    // Dirichlet: independent Gamma(alpha_k, 1) draws divided by their sum.
    for (const MarkovDirichlet& dirichlet : dirichlets) {
        model::Stream stream(seed, sample, model::Decision::parameter_draw,
                             field_hash(dirichlet.field), 0);
        double total = 0.0;
        for (std::size_t k = 0; k < dirichlet.alpha.size(); ++k) {
            const double x = dirichlet.alpha[k] > 0.0 ? boost::random::gamma_distribution<double>(
                                                            dirichlet.alpha[k], 1.0)(stream)
                                                      : 0.0;
            values[dirichlet.slots[k]] = x;
            total += x;
        }
        for (std::size_t slot : dirichlet.slots) {
            values[slot] /= total;
        }
    }
    return values;
}

namespace {

std::string cycle_note(const MarkovStrategyProgram& strategy, int cycle) {
    std::string note = " (strategy " + strategy.name;
    if (strategy.by_cycle) {
        note += ", cycle " + std::to_string(cycle);
    }
    return note + ")";
}

double evaluate_term(const MarkovTerm& term, const std::vector<double>& values, int cycle,
                     const MarkovStrategyProgram& strategy, MarkovReporter* reporter) {
    const double value = term.expression.evaluate(values);
    if (reporter != nullptr && !std::isfinite(value)) {
        reporter->report(term.where, term.field,
                         "evaluates to " + format_number(value) + cycle_note(strategy, cycle) +
                             "; expected a finite number");
    }
    return value;
}

Eigen::MatrixXd build_transitions(const MarkovProgram& program,
                                  const MarkovStrategyProgram& strategy,
                                  const std::vector<double>& values, int cycle,
                                  MarkovReporter* reporter) {
    const auto n = static_cast<Eigen::Index>(program.shape.states.size());
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const MarkovRowProgram& row = strategy.rows[static_cast<std::size_t>(i)];
        bool entry_out_of_range = false;  // then "rest" is wrong too; report the cause only
        auto check = [&](const MarkovTerm& term, double probability, const std::string& what) {
            if (reporter != nullptr && std::isfinite(probability) &&
                !(probability >= 0.0 && probability <= 1.0) && !entry_out_of_range) {
                entry_out_of_range = true;
                reporter->report(term.where, term.field,
                                 what + " must be in [0, 1], got " + format_number(probability) +
                                     cycle_note(strategy, cycle));
            }
        };
        double sum = 0.0;
        for (const auto& [to, term] : row.entries) {
            const double probability = evaluate_term(term, values, cycle, strategy, reporter);
            check(term, probability, "probability");
            p(i, static_cast<Eigen::Index>(to)) += probability;
            sum += probability;
        }
        if (row.rest) {
            const double rest = 1.0 - sum;
            check(row.rest->second, rest,
                  "\"rest\" (1 - " + format_number(sum) + ", the other probabilities)");
            p(i, static_cast<Eigen::Index>(row.rest->first)) += rest;
        } else if (reporter != nullptr && std::isfinite(sum) &&
                   std::abs(sum - 1.0) > model::kMarkovRowTolerance) {
            reporter->report(row.where, row.field,
                             "probabilities from state " + program.shape.states[i] + " sum to " +
                                 format_number(sum) + ", not 1 (tolerance 1e-9)" +
                                 cycle_note(strategy, cycle) +
                                 "; write \"rest\" for the probability of staying to fill the "
                                 "row");
        }
    }
    return p;
}

void build_rewards(const MarkovProgram& program, const MarkovStrategyProgram& strategy,
                   const std::vector<double>& values, int cycle, model::MarkovStrategy& out,
                   MarkovReporter* reporter) {
    const auto n = static_cast<Eigen::Index>(program.shape.states.size());
    for (std::size_t r = 0; r < strategy.rewards.size(); ++r) {
        const MarkovRewardProgram& reward = strategy.rewards[r];
        model::MarkovRewardValues& target = out.rewards[r];
        const Eigen::Index row = strategy.by_cycle ? cycle - 1 : 0;
        for (Eigen::Index s = 0; s < n; ++s) {
            target.state_values(row, s) = evaluate_term(reward.states[static_cast<std::size_t>(s)],
                                                        values, cycle, strategy, reporter);
        }
        if (!reward.transitions.empty()) {
            Eigen::MatrixXd matrix = Eigen::MatrixXd::Zero(n, n);
            for (const auto& [from_to, term] : reward.transitions) {
                matrix(static_cast<Eigen::Index>(from_to.first),
                       static_cast<Eigen::Index>(from_to.second)) =
                    evaluate_term(term, values, cycle, strategy, reporter);
            }
            target.transition_values.push_back(std::move(matrix));
        }
    }
}

}  // namespace

model::MarkovModel MarkovProgram::build(std::vector<double> values,
                                        MarkovReporter* reporter) const {
    const std::lock_guard lock(*evaluating);
    model::MarkovModel model = shape;
    const auto n = static_cast<Eigen::Index>(shape.states.size());
    model.strategies.resize(strategies.size());
    for (std::size_t s = 0; s < strategies.size(); ++s) {
        const MarkovStrategyProgram& strategy = strategies[s];
        model::MarkovStrategy& out = model.strategies[s];
        out.name = strategy.name;
        const int cycles = strategy.by_cycle ? shape.cycles : 1;
        out.transitions.reserve(static_cast<std::size_t>(cycles));
        out.rewards.resize(strategy.rewards.size());
        for (model::MarkovRewardValues& reward : out.rewards) {
            reward.state_values.resize(cycles, n);
        }
        for (int cycle = 1; cycle <= cycles; ++cycle) {
            values[0] = cycle;
            for (std::size_t slot : strategy.order) {
                const MarkovTerm& term =
                    strategy.overrides[slot] ? *strategy.overrides[slot] : *slots[slot].expression;
                values[slot] = evaluate_term(term, values, cycle, strategy, reporter);
            }
            out.transitions.push_back(build_transitions(*this, strategy, values, cycle, reporter));
            build_rewards(*this, strategy, values, cycle, out, reporter);
        }
    }
    return model;
}

}  // namespace vrsim::scenarios::detail
