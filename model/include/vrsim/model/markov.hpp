#pragma once
// A general discrete-time state-transition (Markov) cohort model: states,
// transition matrices that may change by cycle, state and transition rewards,
// several strategies and discounting. Row-vector convention as in hesim:
// x[t] = x[t-1] * P(t), so row i of P(t) holds the probabilities of moving from
// state i during cycle t and sums to one.
//
// Cycles are numbered 1..cycles; x[0] is the initial distribution and x[t] the
// distribution at the end of cycle t.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace vrsim::model {

// Which occupancy a cycle's state rewards are counted on.
enum class MarkovCounting {
    start,       // x[t-1]: the cohort as it begins cycle t
    end,         // x[t]: the cohort as it ends cycle t (Briggs et al. 2006, ex. 2.5)
    half_cycle,  // (x[t-1] + x[t]) / 2: half-cycle correction by the trapezoid rule
};

struct MarkovReward {
    std::string name;            // e.g. "cost", "life_years"
    double discount_rate = 0.0;  // per year, e.g. 0.035
};

// One strategy's values of one reward.
struct MarkovRewardValues {
    // Value per cycle spent in each state: 1 row (every cycle) or one row per
    // cycle (row t-1 for cycle t); one column per state.
    Eigen::MatrixXd state_values;
    // Value per unit of cohort moving from state i to state j during a cycle:
    // empty (none), one matrix (every cycle) or one per cycle.
    std::vector<Eigen::MatrixXd> transition_values;
};

struct MarkovStrategy {
    std::string name;
    // One matrix (every cycle) or one per cycle (index t-1 for cycle t).
    std::vector<Eigen::MatrixXd> transitions;
    std::vector<MarkovRewardValues> rewards;  // in the order of MarkovModel::rewards
};

struct MarkovModel {
    std::string name;
    std::vector<std::string> states;
    Eigen::RowVectorXd initial;  // sums to one (or to a cohort size)
    int cycles = 0;
    double cycle_length_years = 1.0;  // converts the annual discount rates
    MarkovCounting counting = MarkovCounting::end;
    // true: cycle t is discounted by (1+r)^-(t L), so the first cycle is already
    // discounted (Briggs et al. 2006, heemod `first = TRUE`); false: by
    // (1+r)^-((t-1) L), so the first cycle is not.
    bool discount_first_cycle = true;
    std::vector<MarkovReward> rewards;
    std::vector<MarkovStrategy> strategies;
};

// Rows of a transition matrix must sum to one within this tolerance.
inline constexpr double kMarkovRowTolerance = 1e-9;

// A model that cannot be run; the message says which strategy, cycle and state.
class MarkovError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

// Checks shapes, probabilities in [0, 1] and row sums; throws MarkovError.
void check_markov_model(const MarkovModel& model);

struct MarkovStrategyResult {
    Eigen::MatrixXd trace;               // (cycles + 1) x states; row t is x[t]
    Eigen::MatrixXd per_cycle;           // cycles x rewards, undiscounted; row t-1 is cycle t
    Eigen::VectorXd discounted_total;    // per reward
    Eigen::VectorXd undiscounted_total;  // per reward
};

struct MarkovResult {
    std::vector<MarkovStrategyResult> strategies;  // in the model's order
};

// Checks the model (check_markov_model) and runs every strategy.
MarkovResult run_markov(const MarkovModel& model);

// Runs without checking, for inner loops over models already checked.
MarkovStrategyResult run_markov_strategy(const MarkovModel& model, std::size_t strategy);

// The discount factor of cycle t (1-based) at annual rate `rate`.
double markov_discount_factor(const MarkovModel& model, double rate, int cycle);

// Incremental cost-effectiveness along the efficiency frontier: strategies are
// ordered by cost; a strategy that costs more for no more effect is dominated,
// one whose ICER exceeds the next frontier strategy's is extendedly dominated,
// and each strategy left is compared with the previous one left (the cheapest
// is the reference).
enum class IcerStatus { reference, frontier, dominated, extendedly_dominated };

struct IcerRow {
    std::size_t strategy = 0;  // index into the inputs
    double cost = 0.0;
    double effect = 0.0;
    IcerStatus status = IcerStatus::reference;
    // For frontier strategies: the strategy compared with and the differences.
    std::size_t compared_with = 0;
    double incremental_cost = 0.0;
    double incremental_effect = 0.0;
    double icer = 0.0;
};

// One row per strategy, ordered by cost (ties: more effect first).
std::vector<IcerRow> markov_icers(const std::vector<double>& costs,
                                  const std::vector<double>& effects);

const char* icer_status_name(IcerStatus status);

}  // namespace vrsim::model
