// Markov model files: the published HIV model of Chancellor et al. (1997)
// reproduced, problems reported with file:line:column, and PSA draws with the
// moments of their distributions.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/markov_file.hpp"

using namespace vrsim;
using namespace vrsim::scenarios;
using namespace vrsim::scenarios::testing;

namespace {

std::filesystem::path hiv_file() {
    return std::filesystem::path(VRSIM_SOURCE_DIR) / "scenarios" / "library" / "markov" /
           "hiv_chancellor_1997.toml";
}

std::string two_state_text() {
    return read_file(fixture("markov/two_state.toml"));
}

std::vector<Diagnostic> markov_diagnostics(const std::filesystem::path& file) {
    try {
        load_markov_file(file);
    } catch (const ScenarioError& error) {
        return error.diagnostics();
    }
    return {};
}

// The one diagnostic of `text` written to a file; checks its place.
Diagnostic only_problem(const std::string& text, std::string_view at, std::size_t offset = 0) {
    TemporaryFolder folder;
    const auto file = folder.write("model.toml", text);
    const std::vector<Diagnostic> diagnostics = markov_diagnostics(file);
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    const TextPlace place = place_of(text, at, offset);
    CHECK(diagnostics[0].file == file);
    CHECK(diagnostics[0].line == place.line);
    CHECK(diagnostics[0].column == place.column);
    return diagnostics[0];
}

}  // namespace

// Published figures: Briggs, Claxton & Sculpher (2006), Decision Modelling for
// Health Economic Evaluation, exercise 2.5 (the HIV model of Chancellor et al.,
// PharmacoEconomics 1997;12:54-66), from the book's online Excel solution as
// quoted to 12 significant figures in the R package heemod's test
// tests/testthat/test_dmhee.R ("exactly match HIV model"): costs 44663.4535637
// and 50601.6513312, life-years 7.9912066 and 8.9373889, ICER 6275.95560.
TEST_CASE("The HIV model of Chancellor et al. 1997 reproduces Briggs et al. exercise 2.5",
          "[markov]") {
    const MarkovDefinition definition = load_markov_file(hiv_file());
    const model::MarkovResult result = model::run_markov(definition.model);
    REQUIRE(result.strategies.size() == 2);
    const auto& mono = result.strategies[0];
    const auto& comb = result.strategies[1];
    CHECK(mono.discounted_total(0) == Approx(44663.4535637).epsilon(1e-10));
    CHECK(comb.discounted_total(0) == Approx(50601.6513312).epsilon(1e-10));
    CHECK(mono.discounted_total(1) == Approx(7.9912066).epsilon(1e-8));
    CHECK(comb.discounted_total(1) == Approx(8.9373889).epsilon(1e-8));
    CHECK(mono.undiscounted_total(1) == mono.discounted_total(1));  // life-years at 0%
    const auto icers = model::markov_icers({mono.discounted_total(0), comb.discounted_total(0)},
                                           {mono.discounted_total(1), comb.discounted_total(1)});
    CHECK(icers[1].icer == Approx(6275.95560).epsilon(1e-8));
    // The book's rounded figures: ICER 6,276 GBP per life-year gained.
    CHECK(std::round(icers[1].icer) == 6276.0);
    // The first cycle of monotherapy by hand: 1251/1734 stay in A.
    CHECK(mono.trace(1, 0) == Approx(1251.0 / 1734.0).epsilon(1e-14));
}

TEST_CASE("A two-state file gives the closed-form totals", "[markov]") {
    const MarkovDefinition definition = load_markov_file(fixture("markov/two_state.toml"));
    const model::MarkovResult result = model::run_markov(definition.model);
    // Usual care: alive (0.9)^t, care 1000 a cycle counted at the end, 500 per death.
    double cost = 0.0;
    double life_years = 0.0;
    for (int t = 1; t <= 10; ++t) {
        const double discount = std::pow(1.035, -t);
        cost += (1000.0 * std::pow(0.9, t) + 500.0 * std::pow(0.9, t - 1) * 0.1) * discount;
        life_years += std::pow(0.9, t);
    }
    CHECK(result.strategies[0].discounted_total(0) == Approx(cost).epsilon(1e-12));
    CHECK(result.strategies[0].undiscounted_total(1) == Approx(life_years).epsilon(1e-12));
    // Treatment halves the risk of death: (0.95)^t.
    CHECK(result.strategies[1].trace(10, 0) == Approx(std::pow(0.95, 10)).epsilon(1e-12));
    CHECK(definition.cost == "cost");
    CHECK(definition.effect == "life_years");
}

TEST_CASE("A row that does not sum to one is reported at the row", "[markov]") {
    const std::string text =
        replaced(two_state_text(), "alive = { alive = \"rest\",", "alive = { alive = 0.85,");
    const Diagnostic problem = only_problem(text, "{ alive = 0.85");
    CHECK(problem.field == "transitions.alive");
    CHECK_THAT(problem.message, Catch::Contains("sum to 0.95, not 1 (tolerance 1e-9)") &&
                                    Catch::Contains("strategy usual care"));
}

TEST_CASE("A negative probability is reported at its value", "[markov]") {
    const std::string text =
        replaced(two_state_text(), "dead = \"p_die * treatment_effect\"", "dead = -0.1");
    const Diagnostic problem = only_problem(text, "-0.1");
    CHECK(problem.field == "transitions.alive.dead");
    CHECK_THAT(problem.message, Catch::Contains("must be in [0, 1], got -0.1"));
}

TEST_CASE("\"rest\" below zero is reported at the rest", "[markov]") {
    const std::string text =
        "[model]\nname = \"x\"\ncycles = 1\ncounting = \"end\"\ndiscount_first_cycle = true\n"
        "[states]\nnames = [\"a\", \"b\", \"c\"]\ninitial = [1, 0, 0]\n"
        "[transitions]\na = { a = \"rest\", b = 0.6, c = 0.5 }\nb = { b = 1 }\nc = { c = 1 }\n"
        "[rewards.r]\ndiscount_rate = 0\nstates = { a = 1, b = 0, c = 0 }\n"
        "[[strategy]]\nname = \"s\"\n";
    const Diagnostic problem = only_problem(text, "\"rest\"");
    CHECK(problem.field == "transitions.a.a");
    CHECK_THAT(problem.message, Catch::Contains("\"rest\" (1 - 1.1") &&
                                    Catch::Contains("must be in [0, 1], got -0.1"));
}

TEST_CASE("An unknown state is reported with the name meant", "[markov]") {
    const std::string text =
        replaced(two_state_text(), "dead = { dead = 1 }", "dead = { daed = 1 }");
    const Diagnostic problem = only_problem(text, "daed");
    CHECK(problem.field == "transitions.dead.daed");
    CHECK_THAT(problem.message, Catch::Contains("unknown state; did you mean \"dead\"?"));
}

TEST_CASE("A state without a reward value is reported", "[markov]") {
    const std::string text =
        replaced(two_state_text(), "states = { alive = 1, dead = 0 }", "states = { alive = 1 }");
    const Diagnostic problem = only_problem(text, "{ alive = 1 }");
    CHECK(problem.field == "rewards.life_years.states.dead");
    CHECK_THAT(problem.message, Catch::Contains("missing"));
}

TEST_CASE("An unknown parameter in an expression is reported with the name meant", "[markov]") {
    const std::string text =
        replaced(two_state_text(), "\"p_die * treatment_effect\"", "\"p_dei * treatment_effect\"");
    const Diagnostic problem = only_problem(text, "\"p_dei");
    CHECK(problem.field == "transitions.alive.dead");
    CHECK_THAT(problem.message, Catch::Contains("did you mean \"p_die\"?"));
}

TEST_CASE("A syntax error in an expression points at the character", "[markov]") {
    const std::string text =
        replaced(two_state_text(), "\"p_die * treatment_effect\"", "\"p_die * * 2\"");
    const Diagnostic problem = only_problem(text, "\"p_die * * 2\"", 9);
    CHECK_THAT(problem.message, Catch::Contains("in expression"));
}

TEST_CASE("A wrong number of function arguments points at the character", "[markov]") {
    const std::string text =
        replaced(two_state_text(), "\"p_die * treatment_effect\"", "\"min(p_die)\"");
    // muParser reports the closing parenthesis, character 9 of the expression.
    const Diagnostic problem = only_problem(text, "\"min(p_die)\"", 10);
    CHECK(problem.field == "transitions.alive.dead");
    CHECK_THAT(problem.message, Catch::Contains("in expression \"min(p_die)\""));
    CHECK_THAT(problem.message, Catch::Contains("too few parameters"));
}

TEST_CASE("Operators outside the file format are reported at the character", "[markov]") {
    for (const std::string expression : {"p_die ^ 2", "p_die = 1", "p_die && 1", "p_die , 1"}) {
        INFO(expression);
        const std::string text =
            replaced(two_state_text(), "\"p_die * treatment_effect\"", "\"" + expression + "\"");
        const Diagnostic problem = only_problem(text, "\"" + expression + "\"", 7);
        CHECK_THAT(problem.message,
                   Catch::Contains("unexpected \"" + std::string(1, expression[6]) + "\""));
    }
}

TEST_CASE("Expressions use natural log, conditions and any parameter name", "[markov]") {
    // "sum" and "_e" are muParser built-ins elsewhere; here they are parameters.
    std::string text =
        replaced(two_state_text(), "care = 1000\n", "care = 1000\nsum = 0.05\n_e = 2\n");
    text = replaced(text, "\"p_die * treatment_effect\"",
                    "\"cycle <= 1 ? min(sum * _e, 1) : max(log(exp(2)) / 20, 0.05 > 1)\"");
    TemporaryFolder folder;
    const MarkovDefinition definition = load_markov_file(folder.write("model.toml", text));
    const auto& transitions = definition.model.strategies[0].transitions;
    REQUIRE(transitions.size() == 10);  // per cycle: the value uses `cycle`
    CHECK(transitions[0](0, 1) == 0.1);
    CHECK(transitions[1](0, 1) == Approx(0.1).epsilon(1e-15));
    CHECK(transitions[1](0, 0) == Approx(0.9).epsilon(1e-15));
}

TEST_CASE("Missing conventions and unknown keys are each reported", "[markov]") {
    std::string text = replaced(two_state_text(), "discount_first_cycle = true\n", "");
    text = replaced(text, "counting = \"end\"", "countng = \"end\"");
    TemporaryFolder folder;
    const std::vector<Diagnostic> diagnostics =
        markov_diagnostics(folder.write("model.toml", text));
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 3);
    // Sorted by place: "required" at the [model] header, then the misspelt key.
    CHECK(diagnostics[0].field == "model.counting");
    CHECK(diagnostics[1].field == "model.discount_first_cycle");
    CHECK(diagnostics[2].field == "model.countng");
    CHECK_THAT(diagnostics[2].message, Catch::Contains("did you mean \"counting\"?"));
}

TEST_CASE("PSA draws have the moments of their distributions", "[markov]") {
    const MarkovDefinition definition = load_markov_file(fixture("markov/psa.toml"));
    CHECK(definition.uncertain.size() == 5);
    // Deterministic values: Dirichlet means, beta `value`, gamma mean when no value.
    CHECK(definition.model.strategies[0].transitions[0](0, 1) == Approx(0.3));
    CHECK(definition.model.strategies[0].rewards[0].state_values(0, 0) == Approx(8.0));

    constexpr int kSamples = 20000;
    double sum[7] = {};
    double sum_squares[7] = {};
    for (std::uint32_t k = 0; k < kSamples; ++k) {
        const model::MarkovModel drawn = draw_markov_model(definition, 7, k);
        const Eigen::MatrixXd& p = drawn.strategies[0].transitions[0];
        const Eigen::MatrixXd& v = drawn.strategies[0].rewards[0].state_values;
        const double x[7] = {p(0, 0), p(0, 1), p(0, 2), p(1, 2), v(0, 0), v(0, 1), v(0, 2)};
        CHECK(p.row(0).sum() == Approx(1.0).epsilon(1e-12));
        for (int i = 0; i < 7; ++i) {
            sum[i] += x[i];
            sum_squares[i] += x[i] * x[i];
        }
    }
    // Dirichlet(2, 3, 5): mean a_i/10, variance a_i (10 - a_i) / (100 * 11).
    // Beta(2, 8): mean 0.2, variance 16 / 1100. Gamma(4, scale 2): 8, 16.
    // Normal(10, 2): 10, 4. Lognormal(0, 0.5): exp(0.125), (exp(0.25) - 1) exp(0.25).
    const double mean[7] = {0.2, 0.3, 0.5, 0.2, 8.0, 10.0, std::exp(0.125)};
    const double variance[7] = {16.0 / 1100,
                                21.0 / 1100,
                                25.0 / 1100,
                                16.0 / 1100,
                                16.0,
                                4.0,
                                (std::exp(0.25) - 1.0) * std::exp(0.25)};
    for (int i = 0; i < 7; ++i) {
        const double m = sum[i] / kSamples;
        const double var = sum_squares[i] / kSamples - m * m;
        INFO("value " << i << ": mean " << m << ", variance " << var);
        // Within 4 standard errors of the mean; the variance within 10%.
        CHECK(std::abs(m - mean[i]) < 4.0 * std::sqrt(variance[i] / kSamples));
        CHECK(var == Approx(variance[i]).epsilon(0.1));
    }
}

TEST_CASE("PSA draws depend only on seed, sample and parameter", "[markov]") {
    const MarkovDefinition definition = load_markov_file(hiv_file());
    const auto a = draw_markov_model(definition, 1, 5).strategies[1].transitions[0];
    const auto b = draw_markov_model(definition, 1, 5).strategies[1].transitions[0];
    const auto c = draw_markov_model(definition, 1, 6).strategies[1].transitions[0];
    CHECK(a == b);
    CHECK(a != c);
    const MarkovPsa psa = run_markov_psa(definition, 1, 50);
    const auto summary = summarise_markov_psa(psa);
    REQUIRE(summary.size() == 2 * 2 * 2);
    CHECK(summary[0].quantiles[0] <= summary[0].quantiles[1]);
    CHECK(summary[0].quantiles[1] <= summary[0].quantiles[2]);
    // Mean PSA cost near the deterministic cost (within 2%).
    CHECK(summary[0].mean == Approx(44663.45).epsilon(0.02));
}
