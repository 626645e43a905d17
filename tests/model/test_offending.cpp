// Offending: the thinned Poisson schedule must give the expected number of
// offences for rates set by hand, whatever mixes of multipliers apply.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_replicates.hpp"
#include "simple_parameters.hpp"

using namespace vrsim;
using model::Outcome;

namespace {

// Poisson totals: the mean over `replicates` has standard error sqrt(mean / replicates).
void check_poisson_mean(double simulated_mean, double expected, int replicates) {
    INFO("simulated " << simulated_mean << ", expected " << expected);
    CHECK(std::abs(simulated_mean - expected) < 4.0 * std::sqrt(expected / replicates));
}

}  // namespace

TEST_CASE("A constant rate gives population x rate x months offences", "[offending]") {
    auto p = test::simple_parameters();  // 10,000 people, 0.01 a month, 24 months
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    check_poisson_mean(result.mean_total(), 10000 * 0.01 * 24, 10);
}

TEST_CASE("Risk factors and sex multiply the rate", "[offending]") {
    auto p = test::simple_parameters();
    p.risk.early_adversity = {0.5, 3.0};  // half the people offend three times as often
    p.place.male_share = 0.5;
    p.offending.female_multiplier = 0.2;
    // Per person: (0.5 + 0.5 x 3) x (0.5 + 0.5 x 0.2) = 2 x 0.6 = 1.2 times the base rate.
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    check_poisson_mean(result.mean_total(), 10000 * 0.01 * 1.2 * 24, 10);
}

TEST_CASE("The age curve applies by completed year of age as people age", "[offending]") {
    auto p = test::simple_parameters();
    p.offending.age_curve = {2, 2, 2, 2, 2, 1};  // ages 10-14 offend twice as often as 15+
    // Ages at the start are uniform over 120..239 months. In month m the share
    // still under 15 is (60 - m) / 120, so month m has N r (1 + (60 - m) / 120)
    // offences; summed over m = 0..23 that is N r (24 + (1440 - 276) / 120) = 33.7 N r.
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    check_poisson_mean(result.mean_total(), 33.7 * 10000 * 0.01, 10);
    // And month by month: month 0 has N r (1 + 0.5) = 150 on average.
    CHECK(std::abs(result.mean.at(0, Outcome::offences_committed) - 150.0) <
          4.0 * std::sqrt(150.0 / 10));
}

TEST_CASE("Seasonality scales each calendar month", "[offending]") {
    auto p = test::simple_parameters();  // starts in January
    auto& season = p.offending.seasonality[model::index_of(model::OffenceType::acquisitive)];
    season = {1.5, 1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1};
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    double january = (result.mean.at(0, Outcome::offences_committed) +
                      result.mean.at(12, Outcome::offences_committed)) /
                     2.0;
    double july = (result.mean.at(6, Outcome::offences_committed) +
                   result.mean.at(18, Outcome::offences_committed)) /
                  2.0;
    // 20 January-months of Poisson(150) and of Poisson(50).
    check_poisson_mean(january, 150.0, 20);
    check_poisson_mean(july, 50.0, 20);
}

TEST_CASE("Offence types follow the type shares", "[offending]") {
    auto p = test::simple_parameters();
    p.offending.type_share = {0.0, 0.0, 0.0, 0.25, 0.0, 0.0, 0.75, 0.0};  // robbery, acquisitive
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    double robbery = 0.0;
    for (int month = 0; month < 24; ++month) {
        robbery += result.mean.at(month, Outcome::recorded_robbery);
    }
    // Each offence is robbery with probability 1/4: binomial standard error.
    double offences = result.mean_total();
    double share = robbery / offences;
    CHECK(std::abs(share - 0.25) < 4.0 * std::sqrt(0.25 * 0.75 / (offences * 10)));
}

TEST_CASE("Latent propensity is gamma: counts per person are negative binomial", "[offending]") {
    auto p = test::simple_parameters();
    p.offending.propensity_shape = 0.5;
    p.offending.base_rate_per_month = 2.0 / 24.0;  // 2 offences per person over 24 months
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    model::PersonCounts counts;
    engine.run(p, {5, 0}, out, &counts);
    // Mean mu = 2 and variance mu + mu^2 / k = 2 + 4 / 0.5 = 10, over all people
    // (those with no offence are the ones missing from the list).
    const double people = 10000.0;
    double sum = 0.0;
    double sum_squares = 0.0;
    for (std::uint32_t count : counts.offences) {
        sum += count;
        sum_squares += static_cast<double>(count) * count;
    }
    double mean = sum / people;
    double variance = sum_squares / people - mean * mean;
    CHECK(std::abs(mean - 2.0) < 4.0 * std::sqrt(10.0 / people));
    // The variance estimate's standard error is sqrt((mu4 - sigma^4) / n), with the
    // fourth central moment mu4 summed from the negative binomial's own pmf,
    // P(x) = Gamma(x + k) / (Gamma(k) x!) p^k (1 - p)^x with p = k / (k + mu).
    const double k = 0.5, mu = 2.0, p_success = k / (k + mu);
    double fourth_moment = 0.0;
    for (int x = 0; x < 5000; ++x) {
        double log_pmf = std::lgamma(x + k) - std::lgamma(k) - std::lgamma(x + 1.0) +
                         k * std::log(p_success) + x * std::log1p(-p_success);
        fourth_moment += std::exp(log_pmf) * std::pow(x - mu, 4);
    }
    double variance_error = std::sqrt((fourth_moment - 10.0 * 10.0) / people);
    INFO("variance " << variance << ", standard error " << variance_error);
    CHECK(std::abs(variance - 10.0) < 4.0 * variance_error);
    // The share with no offence: (k / (k + mu))^k = (0.5 / 2.5)^0.5 = 0.447.
    double share_without = 1.0 - static_cast<double>(counts.offences.size()) / people;
    CHECK(std::abs(share_without - 0.4472) < 4.0 * std::sqrt(0.4472 * 0.5528 / people));
}

TEST_CASE("Desistance ends a career: offending stops after it", "[offending]") {
    auto p = test::simple_parameters();
    p.offending.base_rate_per_month = 0.05;
    p.offending.career_mean_months = 1e-6;  // a career ends the month after its first offence
    p.offending.desisted_multiplier = 0.0;
    // Each person offends in one month at most: the first month with any offence
    // holds a zero-truncated Poisson(r) count, mean r / (1 - exp(-r)). People
    // start with the careers the same rules give them: someone m months past
    // their 10th birthday has not offended yet with probability exp(-r m), which
    // averages (1 - e^-6) / (120 (1 - e^-0.05)) = 0.17044 over m = 0..119. Those
    // who have are desisted. The rest offend within T = 24 months with
    // probability 1 - exp(-r T).
    double r = 0.05;
    double not_yet = (1 - std::exp(-6.0)) / (120 * (1 - std::exp(-r)));
    double expected = 10000 * not_yet * (1 - std::exp(-r * 24)) * r / (1 - std::exp(-r));
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    // Counts per person are 0 or about 1: the total's variance is below its mean.
    check_poisson_mean(result.mean_total(), expected, 10);
}
