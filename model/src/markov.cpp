#include "vrsim/model/markov.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace vrsim::model {
namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", value);
    return text;
}

// The item of a one-or-per-cycle list that applies in cycle t (1-based).
template <class T>
const T& for_cycle(const std::vector<T>& items, int t) {
    return items.size() == 1 ? items[0] : items[static_cast<std::size_t>(t - 1)];
}

Eigen::Ref<const Eigen::RowVectorXd> state_values_for_cycle(const Eigen::MatrixXd& values, int t) {
    return values.rows() == 1 ? values.row(0) : values.row(t - 1);
}

void check_count(std::size_t count, int cycles, const std::string& what, bool may_be_empty) {
    if ((count == 0 && may_be_empty) || count == 1 || count == static_cast<std::size_t>(cycles)) {
        return;
    }
    throw MarkovError(what + ": expected " + (may_be_empty ? "none, " : "") +
                      "one or one per cycle (" + std::to_string(cycles) + "), got " +
                      std::to_string(count));
}

void check_transition_matrix(const MarkovModel& model, const Eigen::MatrixXd& matrix,
                             const std::string& where) {
    const auto n = static_cast<Eigen::Index>(model.states.size());
    if (matrix.rows() != n || matrix.cols() != n) {
        throw MarkovError(where + ": expected a " + std::to_string(n) + "x" + std::to_string(n) +
                          " matrix");
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        const std::string from = where + ", from state " + model.states[i];
        for (Eigen::Index j = 0; j < n; ++j) {
            const double p = matrix(i, j);
            if (!(p >= 0.0 && p <= 1.0)) {
                throw MarkovError(from + " to " + model.states[j] +
                                  ": probability must be in [0, 1], got " + number(p));
            }
        }
        const double sum = matrix.row(i).sum();
        if (std::abs(sum - 1.0) > kMarkovRowTolerance) {
            throw MarkovError(from + ": probabilities sum to " + number(sum) +
                              ", not 1 (tolerance 1e-9)");
        }
    }
}

}  // namespace

void check_markov_model(const MarkovModel& model) {
    const auto n = static_cast<Eigen::Index>(model.states.size());
    if (n == 0) {
        throw MarkovError("the model has no states");
    }
    if (model.cycles < 1) {
        throw MarkovError("cycles must be at least 1, got " + std::to_string(model.cycles));
    }
    if (!(model.cycle_length_years > 0.0)) {
        throw MarkovError("cycle_length_years must be > 0");
    }
    if (model.initial.size() != n || !(model.initial.array() >= 0.0).all()) {
        throw MarkovError("initial: expected one non-negative value per state");
    }
    for (const MarkovReward& reward : model.rewards) {
        if (!(reward.discount_rate > -1.0) || !std::isfinite(reward.discount_rate)) {
            throw MarkovError("reward " + reward.name + ": discount rate must be > -1");
        }
    }
    if (model.strategies.empty()) {
        throw MarkovError("the model has no strategies");
    }
    for (const MarkovStrategy& strategy : model.strategies) {
        const std::string name = "strategy " + strategy.name;
        check_count(strategy.transitions.size(), model.cycles, name + ": transition matrices",
                    false);
        for (std::size_t k = 0; k < strategy.transitions.size(); ++k) {
            const std::string where =
                strategy.transitions.size() == 1 ? name : name + ", cycle " + std::to_string(k + 1);
            check_transition_matrix(model, strategy.transitions[k], where);
        }
        if (strategy.rewards.size() != model.rewards.size()) {
            throw MarkovError(name + ": expected values for " +
                              std::to_string(model.rewards.size()) + " rewards");
        }
        for (std::size_t r = 0; r < strategy.rewards.size(); ++r) {
            const MarkovRewardValues& values = strategy.rewards[r];
            const std::string where = name + ", reward " + model.rewards[r].name;
            check_count(static_cast<std::size_t>(values.state_values.rows()), model.cycles,
                        where + ": rows of state values", false);
            if (values.state_values.cols() != n || !values.state_values.allFinite()) {
                throw MarkovError(where + ": expected one finite value per state");
            }
            check_count(values.transition_values.size(), model.cycles,
                        where + ": transition value matrices", true);
            for (const Eigen::MatrixXd& matrix : values.transition_values) {
                if (matrix.rows() != n || matrix.cols() != n || !matrix.allFinite()) {
                    throw MarkovError(where +
                                      ": expected finite states x states transition "
                                      "values");
                }
            }
        }
    }
}

double markov_discount_factor(const MarkovModel& model, double rate, int cycle) {
    const int periods = model.discount_first_cycle ? cycle : cycle - 1;
    return std::pow(1.0 + rate, -static_cast<double>(periods) * model.cycle_length_years);
}

MarkovStrategyResult run_markov_strategy(const MarkovModel& model, std::size_t index) {
    const MarkovStrategy& strategy = model.strategies[index];
    const auto n = static_cast<Eigen::Index>(model.states.size());
    const auto rewards = static_cast<Eigen::Index>(model.rewards.size());
    MarkovStrategyResult result;
    result.trace.resize(model.cycles + 1, n);
    result.per_cycle.setZero(model.cycles, rewards);
    result.discounted_total.setZero(rewards);
    result.undiscounted_total.setZero(rewards);
    result.trace.row(0) = model.initial;

    Eigen::RowVectorXd counted(n);
    for (int t = 1; t <= model.cycles; ++t) {
        const Eigen::MatrixXd& p = for_cycle(strategy.transitions, t);
        // The cohort step: one row-vector times matrix product.
        result.trace.row(t).noalias() = result.trace.row(t - 1) * p;
        switch (model.counting) {
            case MarkovCounting::start:
                counted = result.trace.row(t - 1);
                break;
            case MarkovCounting::end:
                counted = result.trace.row(t);
                break;
            case MarkovCounting::half_cycle:
                counted = 0.5 * (result.trace.row(t - 1) + result.trace.row(t));
                break;
        }
        for (Eigen::Index r = 0; r < rewards; ++r) {
            const MarkovRewardValues& values = strategy.rewards[static_cast<std::size_t>(r)];
            double value = counted.dot(state_values_for_cycle(values.state_values, t));
            if (!values.transition_values.empty()) {
                // Flows x[t-1][i] P[i][j] during the cycle, each valued R[i][j].
                const Eigen::MatrixXd& r_ij = for_cycle(values.transition_values, t);
                value +=
                    (result.trace.row(t - 1).transpose().asDiagonal() * p).cwiseProduct(r_ij).sum();
            }
            result.per_cycle(t - 1, r) = value;
            result.undiscounted_total(r) += value;
            result.discounted_total(r) +=
                value * markov_discount_factor(
                            model, model.rewards[static_cast<std::size_t>(r)].discount_rate, t);
        }
    }
    return result;
}

MarkovResult run_markov(const MarkovModel& model) {
    check_markov_model(model);
    MarkovResult result;
    result.strategies.reserve(model.strategies.size());
    for (std::size_t s = 0; s < model.strategies.size(); ++s) {
        result.strategies.push_back(run_markov_strategy(model, s));
    }
    return result;
}

}  // namespace vrsim::model
