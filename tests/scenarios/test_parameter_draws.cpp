// draw_parameters: each uncertain parameter drawn from its own stream, the
// same every time for a (seed, replicate), with the moments of its distribution.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "scenario_test_files.hpp"
#include "vrsim/model/random.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {
namespace {

using Kind = Distribution::Kind;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

double* female_multiplier(model::Parameters& p) {
    return &p.offending.female_multiplier;
}
double* career_mean(model::Parameters& p) {
    return &p.offending.career_mean_months;
}
double* male_share(model::Parameters& p) {
    return &p.place.male_share;
}

UncertainParameter uncertain(std::string field, Distribution distribution,
                             double* (*locate)(model::Parameters&), double lower = -kInfinity,
                             double upper = kInfinity) {
    return {std::move(field), distribution, locate, lower, upper};
}

Scenario scenario_with(std::vector<UncertainParameter> parameters) {
    Scenario scenario;
    scenario.uncertain = std::move(parameters);
    return scenario;
}

std::vector<double> draws(const Scenario& scenario, double* (*locate)(model::Parameters&),
                          int replicates, std::uint64_t seed = 2024) {
    std::vector<double> values;
    for (int r = 0; r < replicates; ++r) {
        model::Parameters p = draw_parameters(scenario, seed, static_cast<std::uint32_t>(r));
        values.push_back(*locate(p));
    }
    return values;
}

struct Moments {
    double mean = 0.0;
    double sd = 0.0;
};

Moments moments_of(const std::vector<double>& values) {
    const double n = static_cast<double>(values.size());
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
    double squares = 0.0;
    for (double value : values) {
        squares += (value - mean) * (value - mean);
    }
    return {mean, std::sqrt(squares / (n - 1.0))};
}

// The sample mean within 4 standard errors, and the sample sd within 4 standard
// errors of the sd: sd * sqrt((kurtosis - 1) / 4n), which is sd * sqrt(1 / 2n)
// for a normal (excess kurtosis 0).
void check_moments(const std::vector<double>& values, double mean, double sd,
                   double excess_kurtosis) {
    const double n = static_cast<double>(values.size());
    const Moments sample = moments_of(values);
    INFO("sample mean " << sample.mean << ", sd " << sample.sd);
    CHECK(std::abs(sample.mean - mean) < 4.0 * sd / std::sqrt(n));
    CHECK(std::abs(sample.sd - sd) < 4.0 * sd * std::sqrt((excess_kurtosis + 2.0) / (4.0 * n)));
}

constexpr int kReplicates = 4000;

TEST_CASE("draws are the same for the same seed and replicate", "[scenarios]") {
    const Scenario scenario = scenario_with({uncertain("parameters.offending.female_multiplier",
                                                       {Kind::normal, 10, 2}, female_multiplier)});
    const auto first = draws(scenario, female_multiplier, 50);
    const auto again = draws(scenario, female_multiplier, 50);
    CHECK(first == again);
    // Different replicates and different seeds differ.
    for (std::size_t r = 1; r < first.size(); ++r) {
        CHECK(first[r] != first[r - 1]);
    }
    CHECK(draws(scenario, female_multiplier, 1, 1)[0] !=
          draws(scenario, female_multiplier, 1, 2)[0]);
}

TEST_CASE("draws leave values without a distribution as written", "[scenarios]") {
    Scenario scenario = scenario_with({uncertain("parameters.offending.female_multiplier",
                                                 {Kind::normal, 10, 2}, female_multiplier)});
    scenario.parameters.offending.career_mean_months = 99.0;
    scenario.parameters.offending.female_multiplier = 14.0;
    const model::Parameters p = draw_parameters(scenario, 1, 0);
    CHECK(p.offending.career_mean_months == 99.0);
    CHECK(p.offending.female_multiplier != 14.0);
    CHECK(scenario.parameters.offending.female_multiplier == 14.0);  // the scenario is unchanged
}

TEST_CASE("each parameter's draws depend only on its own name", "[scenarios]") {
    const auto female = uncertain("parameters.offending.female_multiplier", {Kind::normal, 10, 2},
                                  female_multiplier);
    const auto career =
        uncertain("parameters.offending.career_mean_months", {Kind::normal, 10, 2}, career_mean);
    const auto alone = draws(scenario_with({female}), female_multiplier, 20);
    // Adding another parameter, before it or after it, does not shift its draws.
    CHECK(draws(scenario_with({career, female}), female_multiplier, 20) == alone);
    CHECK(draws(scenario_with({female, career}), female_multiplier, 20) == alone);
    // Two parameters with the same distribution get different numbers.
    CHECK(draws(scenario_with({female, career}), career_mean, 20) != alone);
}

TEST_CASE("a draw comes from the stream keyed by seed, replicate and the field's FNV-1a hash",
          "[scenarios]") {
    const std::string field = "parameters.offending.female_multiplier";
    const Scenario scenario =
        scenario_with({uncertain(field, {Kind::uniform, 2, 5}, female_multiplier)});
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, 64 bits
    for (unsigned char c : field) {
        hash = (hash ^ c) * 0x100000001b3ULL;
    }
    for (std::uint32_t replicate : {0u, 1u, 77u}) {
        model::Stream stream(7, replicate, model::Decision::parameter_draw, hash, 0);
        // Boost's uniform_real_distribution on a 64-bit generator: bits / 2^64 scaled.
        const double expected = static_cast<double>(stream()) * 0x1.0p-64 * 3.0 + 2.0;
        model::Parameters p = draw_parameters(scenario, 7, replicate);
        CHECK(p.offending.female_multiplier == expected);
    }
}

TEST_CASE("draws have the moments of their distribution", "[scenarios]") {
    auto sample = [](Distribution distribution) {
        return draws(scenario_with({uncertain("parameters.offending.female_multiplier",
                                              distribution, female_multiplier)}),
                     female_multiplier, kReplicates);
    };
    SECTION("normal(10, 2)") {
        check_moments(sample({Kind::normal, 10, 2}), 10.0, 2.0, 0.0);
    }
    SECTION("lognormal(0.5, 0.25)") {
        const double s2 = 0.25 * 0.25;
        const double mean = std::exp(0.5 + s2 / 2);
        const double sd = mean * std::sqrt(std::exp(s2) - 1);
        const double kurtosis = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 6;
        check_moments(sample({Kind::lognormal, 0.5, 0.25}), mean, sd, kurtosis);
    }
    SECTION("beta(2, 5)") {
        const double a = 2;
        const double b = 5;
        const double sd = std::sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
        const double kurtosis = 6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2)) /
                                (a * b * (a + b + 2) * (a + b + 3));
        check_moments(sample({Kind::beta, a, b}), a / (a + b), sd, kurtosis);
    }
    SECTION("gamma(shape 3, scale 2)") {
        check_moments(sample({Kind::gamma, 3, 2}), 6.0, std::sqrt(12.0), 6.0 / 3.0);
    }
    SECTION("uniform(2, 5)") {
        const auto values = sample({Kind::uniform, 2, 5});
        check_moments(values, 3.5, 3.0 / std::sqrt(12.0), -1.2);
        CHECK(*std::min_element(values.begin(), values.end()) >= 2.0);
        CHECK(*std::max_element(values.begin(), values.end()) < 5.0);
    }
}

TEST_CASE("draws are clamped into the parameter's valid range", "[scenarios]") {
    const Scenario scenario = scenario_with(
        {uncertain("place.male_share", {Kind::normal, 0.5, 1.0}, male_share, 0.0, 1.0)});
    const auto values = draws(scenario, male_share, 1000);
    CHECK(*std::min_element(values.begin(), values.end()) == 0.0);
    CHECK(*std::max_element(values.begin(), values.end()) == 1.0);
    const auto inside =
        std::count_if(values.begin(), values.end(), [](double x) { return x > 0.0 && x < 1.0; });
    CHECK(inside > 200);
}

TEST_CASE("draws from a loaded scenario respect open bounds", "[scenarios]") {
    testing::TemporaryFolder folder;
    const auto file = folder.write(
        "uncertain.toml", testing::replaced(testing::valid_minimal_text(), "decay_months = 2.0",
                                            "decay_months = { value = 2.0, distribution = { type = "
                                            "\"normal\", mean = 0, sd = 1 } }"));
    const Scenario scenario = load_scenario(file);
    int at_bound = 0;
    for (std::uint32_t replicate = 0; replicate < 200; ++replicate) {
        const double decay = draw_parameters(scenario, 5, replicate).contagion.decay_months;
        CHECK(decay > 0.0);  // must be > 0: clamped to just above it
        at_bound += decay < 1e-300 ? 1 : 0;
    }
    CHECK(at_bound > 50);  // about half of N(0, 1) draws are below 0
}

}  // namespace
}  // namespace vrsim::scenarios
