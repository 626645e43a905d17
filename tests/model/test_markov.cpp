// The Markov cohort engine on models small enough to check by hand: closed-form
// occupancy, geometric discount sums under each counting convention, per-cycle
// matrices, transition rewards, checks and the efficiency frontier.
#include <catch2/catch.hpp>
#include <cmath>

#include "vrsim/model/markov.hpp"

using namespace vrsim::model;

namespace {

// alive -> dead with probability p each cycle; one reward worth 1 per cycle alive.
MarkovModel two_state(double p, int cycles, double rate, MarkovCounting counting,
                      bool first_discounted) {
    MarkovModel model;
    model.states = {"alive", "dead"};
    model.initial = Eigen::RowVector2d(1.0, 0.0);
    model.cycles = cycles;
    model.counting = counting;
    model.discount_first_cycle = first_discounted;
    model.rewards = {{"life_years", rate}};
    MarkovStrategy strategy;
    strategy.name = "only";
    Eigen::Matrix2d matrix;
    matrix << 1.0 - p, p, 0.0, 1.0;
    strategy.transitions = {matrix};
    MarkovRewardValues values;
    values.state_values = Eigen::RowVector2d(1.0, 0.0);
    strategy.rewards = {values};
    model.strategies = {strategy};
    return model;
}

// sum_{t=a}^{b} q^t
double geometric(double q, int a, int b) {
    return (std::pow(q, a) - std::pow(q, b + 1)) / (1.0 - q);
}

}  // namespace

TEST_CASE("Two-state occupancy is (1-p)^t", "[markov]") {
    const MarkovModel model = two_state(0.1, 25, 0.0, MarkovCounting::end, true);
    const MarkovResult result = run_markov(model);
    const Eigen::MatrixXd& trace = result.strategies[0].trace;
    REQUIRE(trace.rows() == 26);
    for (int t = 0; t <= 25; ++t) {
        CHECK(trace(t, 0) == Approx(std::pow(0.9, t)).epsilon(1e-13));
        CHECK(trace(t, 0) + trace(t, 1) == Approx(1.0).epsilon(1e-13));
    }
}

TEST_CASE("Each counting convention and discount convention matches its geometric sum",
          "[markov]") {
    const double s = 0.9;  // survival per cycle
    const double d = 1.0 / 1.05;
    const int cycles = 12;
    struct Case {
        MarkovCounting counting;
        bool first;
        double expected_discounted;
        double expected_undiscounted;
    };
    // end: sum_{t=1}^{T} s^t; start: sum_{t=0}^{T-1} s^t; half-cycle: their mean.
    const double end_sum = geometric(s, 1, cycles);
    const double start_sum = geometric(s, 0, cycles - 1);
    const Case cases[] = {
        // cycle t discounted by d^t
        {MarkovCounting::end, true, geometric(s * d, 1, cycles), end_sum},
        // cycle t discounted by d^(t-1): sum s^t d^(t-1) = (1/d) sum (s d)^t
        {MarkovCounting::end, false, geometric(s * d, 1, cycles) / d, end_sum},
        // start, by d^t: sum_{t=1}^{T} s^(t-1) d^t = d sum_{k=0}^{T-1} (s d)^k
        {MarkovCounting::start, true, d * geometric(s * d, 0, cycles - 1), start_sum},
        {MarkovCounting::start, false, geometric(s * d, 0, cycles - 1), start_sum},
        // half-cycle: the mean of start and end, cycle by cycle
        {MarkovCounting::half_cycle, true,
         0.5 * (d * geometric(s * d, 0, cycles - 1) + geometric(s * d, 1, cycles)),
         0.5 * (start_sum + end_sum)},
        {MarkovCounting::half_cycle, false,
         0.5 * (geometric(s * d, 0, cycles - 1) + geometric(s * d, 1, cycles) / d),
         0.5 * (start_sum + end_sum)},
    };
    for (const Case& c : cases) {
        const MarkovResult result = run_markov(two_state(0.1, cycles, 0.05, c.counting, c.first));
        INFO("counting " << static_cast<int>(c.counting) << ", first discounted " << c.first);
        CHECK(result.strategies[0].discounted_total(0) ==
              Approx(c.expected_discounted).epsilon(1e-12));
        CHECK(result.strategies[0].undiscounted_total(0) ==
              Approx(c.expected_undiscounted).epsilon(1e-12));
    }
}

TEST_CASE("The cycle length converts an annual discount rate", "[markov]") {
    MarkovModel model = two_state(0.0, 4, 0.04, MarkovCounting::end, true);
    model.cycle_length_years = 0.25;
    // Nobody dies: 1 per cycle, cycle t discounted by 1.04^(-t/4).
    double expected = 0.0;
    for (int t = 1; t <= 4; ++t) {
        expected += std::pow(1.04, -0.25 * t);
    }
    CHECK(run_markov(model).strategies[0].discounted_total(0) == Approx(expected).epsilon(1e-14));
    CHECK(markov_discount_factor(model, 0.04, 4) == Approx(1.0 / 1.04).epsilon(1e-14));
}

TEST_CASE("Per-cycle matrices, state values and transition rewards by hand", "[markov]") {
    // healthy, sick, dead; cycle 1 and cycle 2 differ.
    MarkovModel model;
    model.states = {"healthy", "sick", "dead"};
    model.initial = Eigen::RowVector3d(0.8, 0.2, 0.0);
    model.cycles = 2;
    model.counting = MarkovCounting::end;
    model.discount_first_cycle = false;
    model.rewards = {{"cost", 0.0}};
    Eigen::Matrix3d p1;
    p1 << 0.7, 0.2, 0.1, 0.0, 0.5, 0.5, 0.0, 0.0, 1.0;
    Eigen::Matrix3d p2;
    p2 << 0.6, 0.3, 0.1, 0.1, 0.6, 0.3, 0.0, 0.0, 1.0;
    MarkovStrategy strategy;
    strategy.name = "s";
    strategy.transitions = {p1, p2};
    MarkovRewardValues cost;
    cost.state_values.resize(2, 3);
    cost.state_values << 10, 100, 0, 20, 200, 0;
    Eigen::Matrix3d onset = Eigen::Matrix3d::Zero();
    onset(0, 1) = 1000.0;  // each healthy -> sick transition costs 1000
    cost.transition_values = {onset};
    strategy.rewards = {cost};
    model.strategies = {strategy};

    const MarkovStrategyResult result = run_markov(model).strategies[0];
    // x1 = (0.8*0.7, 0.8*0.2 + 0.2*0.5, 0.8*0.1 + 0.2*0.5) = (0.56, 0.26, 0.18)
    CHECK(result.trace(1, 0) == Approx(0.56));
    CHECK(result.trace(1, 1) == Approx(0.26));
    CHECK(result.trace(1, 2) == Approx(0.18));
    // x2 = (0.56*0.6 + 0.26*0.1, 0.56*0.3 + 0.26*0.6, 0.56*0.1 + 0.26*0.3 + 0.18)
    CHECK(result.trace(2, 0) == Approx(0.362));
    CHECK(result.trace(2, 1) == Approx(0.324));
    CHECK(result.trace(2, 2) == Approx(0.314));
    // cycle 1: 0.56*10 + 0.26*100 + 0.8*0.2*1000; cycle 2: 0.362*20 + 0.324*200 + 0.56*0.3*1000
    CHECK(result.per_cycle(0, 0) == Approx(5.6 + 26.0 + 160.0));
    CHECK(result.per_cycle(1, 0) == Approx(7.24 + 64.8 + 168.0));
    CHECK(result.undiscounted_total(0) == Approx(191.6 + 240.04));
}

TEST_CASE("Invalid models are refused with the place of the problem", "[markov]") {
    MarkovModel model = two_state(0.1, 3, 0.0, MarkovCounting::end, true);
    model.strategies[0].transitions[0](0, 0) = 0.95;
    CHECK_THROWS_WITH(run_markov(model),
                      Catch::Contains("from state alive") && Catch::Contains("sum to 1.05"));
    model.strategies[0].transitions[0] << 0.9, 0.1, -0.1, 1.1;
    CHECK_THROWS_WITH(run_markov(model), Catch::Contains("from state dead to alive") &&
                                             Catch::Contains("must be in [0, 1], got -0.1"));
    model = two_state(0.1, 3, 0.0, MarkovCounting::end, true);
    model.strategies[0].transitions.push_back(model.strategies[0].transitions[0]);
    CHECK_THROWS_WITH(run_markov(model), Catch::Contains("one per cycle (3), got 2"));
}

TEST_CASE("ICERs follow the efficiency frontier", "[markov]") {
    // a: reference; b: dominated by c (costs more, less effect);
    // c: extendedly dominated (ICER 100/1 = 100 > d's 100/2 = 50 vs c); d: frontier.
    const std::vector<double> costs = {0, 150, 100, 200};
    const std::vector<double> effects = {0, 0.5, 1, 3};
    const std::vector<IcerRow> rows = markov_icers(costs, effects);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].strategy == 0);
    CHECK(rows[0].status == IcerStatus::reference);
    CHECK(rows[1].strategy == 2);
    CHECK(rows[1].status == IcerStatus::extendedly_dominated);
    CHECK(rows[2].strategy == 1);
    CHECK(rows[2].status == IcerStatus::dominated);
    CHECK(rows[3].strategy == 3);
    CHECK(rows[3].status == IcerStatus::frontier);
    CHECK(rows[3].compared_with == 0);
    CHECK(rows[3].icer == Approx(200.0 / 3.0));
}
