// Victims and contagion.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_replicates.hpp"
#include "simple_parameters.hpp"

using namespace vrsim;
using model::OffenceType;
using model::Outcome;

namespace {

model::Parameters violent_parameters() {
    auto p = test::simple_parameters();
    p.offending.type_share = {0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};  // violence without injury
    p.victims.victimisation_shape = 1e6;                                // everyone equally at risk
    return p;
}

}  // namespace

TEST_CASE("Repeat victims: share expected from uniform victimisation", "[victims]") {
    auto p = violent_parameters();
    auto result = test::run_replicates(p, 10, Outcome::victims);
    // About V = 100 victimisations a month over N = 10,000 people: a given person
    // is a victim in a month with q = 1 - exp(-V / N); a victim in month m >= 12
    // was also one in the previous 12 months with probability 1 - (1 - q)^12.
    double victims = 0.0;
    double repeats = 0.0;
    double offences = 0.0;
    for (int month = 12; month < 24; ++month) {
        victims += result.mean.at(month, Outcome::victims) * 10;
        repeats += result.mean.at(month, Outcome::repeat_victims) * 10;
        offences += result.mean.at(month, Outcome::offences_committed) * 10;
    }
    double q = 1.0 - std::exp(-offences / 120.0 / 10000.0);
    double expected = 1.0 - std::pow(1.0 - q, 12);
    INFO("repeat share " << repeats / victims << ", expected " << expected);
    CHECK(std::abs(repeats / victims - expected) <
          4.0 * std::sqrt(expected * (1 - expected) / victims));
}

TEST_CASE("Heavy-tailed victimisation risk concentrates victimisation", "[victims]") {
    auto p = violent_parameters();
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    model::PersonCounts even;
    engine.run(p, {2, 0}, out, &even);
    p.victims.victimisation_shape = 0.05;
    model::PersonCounts concentrated;
    engine.run(p, {2, 0}, out, &concentrated);
    // Same number of victimisations, spread over far fewer people.
    CHECK(2 * concentrated.victimisations.size() < even.victimisations.size());
}

TEST_CASE("Domestic abuse is against the offender's own partner", "[victims]") {
    auto p = test::simple_parameters();
    p.offending.type_share = {0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0};
    p.offending.base_rate_per_month = 0.2;  // about 5 offences per abuser over 24 months
    p.place.male_share = 0.5;
    p.victims.partnered_share = 1.0;
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    model::PersonCounts counts;
    engine.run(p, {9, 0}, out, &counts);
    REQUIRE(!counts.offences.empty());
    double offences = 0.0;
    for (auto count : counts.offences)
        offences += count;
    double victimisations = 0.0;
    for (auto count : counts.victimisations)
        victimisations += count;
    // Nearly every abuser finds a partner (same area, other sex, within 10 years).
    CHECK(victimisations > 0.95 * offences);
    // One partner each: victims cannot outnumber abusers, and a victim suffers
    // about as many offences as an abuser commits (5 here), not one each.
    CHECK(counts.victimisations.size() <= counts.offences.size());
    CHECK(victimisations / static_cast<double>(counts.victimisations.size()) > 3.0);
}

TEST_CASE("Contagion adds the violence its exposures predict", "[victims][contagion]") {
    // Each violent offence exposes its victim, whose violence hazard becomes
    // r (1 + s exp(-(m - j) / tau)) from the month after exposure j. While
    // exposures of one person rarely overlap (here about 0.2% a month) the hazard
    // is linear in them, so expected violence follows the renewal equation
    // E[V_m] = N r + r s sum_{j < m} E[V_j] exp(-(m - j) / tau).
    auto p = violent_parameters();
    const double people = 40000.0;
    const double r = 0.002;
    const double s = 50.0;
    const double tau = 3.0;
    p.place.population = 40000;
    p.offending.base_rate_per_month = r;
    p.contagion.enabled = true;
    p.contagion.strength = s;
    p.contagion.decay_months = tau;
    std::vector<double> expected(24, 0.0);
    double expected_total = 0.0;
    for (int m = 0; m < 24; ++m) {
        expected[m] = people * r;
        for (int j = 0; j < m; ++j) {
            expected[m] += r * s * expected[j] * std::exp(-(m - j) / tau);
        }
        expected_total += expected[m];
    }
    const int replicates = 10;
    auto result = test::run_replicates(p, replicates, Outcome::offences_committed);
    // Self-excitation inflates the variance over Poisson by about 1 / (1 - R)^2,
    // with R = r s e^(-1/tau) / (1 - e^(-1/tau)) = 0.25 here: allow a factor 2.
    double standard_error = std::sqrt(2.0 * expected_total / replicates);
    INFO("simulated " << result.mean_total() << ", expected " << expected_total);
    CHECK(std::abs(result.mean_total() - expected_total) < 4.0 * standard_error);
    // Far more than without contagion.
    CHECK(expected_total > 1.2 * people * r * 24);
}

TEST_CASE("Repeated exposures refresh contagion instead of adding up", "[victims][contagion]") {
    // A closed group where everyone exposes everyone: additive contagion would
    // explode; a refreshed level caps the hazard at r (1 + s).
    auto p = violent_parameters();
    p.risk.gang.join_probability = 1.0;
    p.risk.gang.join_age_min_years = 0.0;
    p.risk.gang.join_age_max_years = 1.0;  // everyone has joined before the start
    p.risk.gang.membership_mean_months = 1e6;
    p.risk.gang.offending_multiplier = 1.0;
    p.place.population = 2000;
    p.contagion.enabled = true;
    p.contagion.strength = 1.0;
    p.contagion.decay_months = 4.0;
    auto result = test::run_replicates(p, 4, Outcome::offences_committed);
    // Month 0: nobody exposed yet, 2000 x 0.01 = 20 offences. Those are enough to
    // expose everyone every month (expected violent offences well over 20), so
    // from month 1 each member's level is refreshed to 1 a month before:
    // hazard r (1 + s e^(-1/4)) = 0.017788, or 35.576 offences a month. Additive
    // exposures would instead grow without bound.
    const double expected = 20.0 + 23 * 2000 * 0.01 * (1.0 + std::exp(-1.0 / 4.0));
    INFO("simulated " << result.mean_total() << ", expected " << expected);
    CHECK(std::abs(result.mean_total() - expected) < 4.0 * std::sqrt(expected / 4));
}

TEST_CASE("Contagion switched off or at zero strength changes nothing", "[victims][contagion]") {
    auto p = violent_parameters();
    model::AbmEngine engine;
    model::MonthlyOutcomes off;
    engine.run(p, {1, 0}, off);
    p.contagion.enabled = true;
    p.contagion.strength = 0.0;
    model::MonthlyOutcomes zero;
    engine.run(p, {1, 0}, zero);
    CHECK(test::same_values(off, zero));
}
