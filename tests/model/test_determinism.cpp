// Reproducibility and common random numbers in the engine itself.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_replicates.hpp"
#include "simple_parameters.hpp"

using namespace vrsim;
using model::Outcome;

namespace {

model::Parameters busy_parameters() {
    auto p = test::simple_parameters();
    p.offending.type_share = {0.1, 0.2, 0.05, 0.05, 0.05, 0.1, 0.3, 0.15};
    p.place.male_share = 0.5;
    p.victims.partnered_share = 0.5;
    p.victims.victimisation_shape = 0.2;
    p.risk.gang.join_probability = 0.05;
    p.risk.gang.type_multiplier.fill(1.0);
    p.risk.gang.offending_multiplier = 2.0;
    p.contagion.enabled = true;
    p.contagion.strength = 1.0;
    p.contagion.decay_months = 4.0;
    p.justice.sanction_probability.fill(0.3);
    p.justice.custody_probability.fill(0.3);
    p.justice.charge_to_sentence_mean_months = 3.0;
    p.justice.sentence_lognormal_sigma = 0.5;
    p.justice.recall_probability = 0.5;
    p.offending.base_rate_per_month = 0.05;
    return p;
}

}  // namespace

TEST_CASE("The same key gives identical outcomes, also on a reused engine", "[determinism]") {
    auto p = busy_parameters();
    model::AbmEngine engine;
    model::MonthlyOutcomes first, other, again;
    engine.run(p, {42, 7}, first);
    engine.run(p, {42, 8}, other);
    engine.run(p, {42, 7}, again);
    CHECK(test::same_values(first, again));
    CHECK_FALSE(test::same_values(first, other));
    model::AbmEngine fresh;
    model::MonthlyOutcomes from_fresh;
    fresh.run(p, {42, 7}, from_fresh);
    CHECK(test::same_values(first, from_fresh));
}

TEST_CASE("A change that acts late leaves earlier months identical", "[determinism]") {
    // Common random numbers: the recall rule only matters once someone is on
    // licence, which takes a sentence (court months later) and a release.
    auto p = busy_parameters();
    model::AbmEngine engine;
    model::MonthlyOutcomes base, changed;
    engine.run(p, {42, 0}, base);
    p.justice.recall_probability = 0.0;
    engine.run(p, {42, 0}, changed);
    // Before the first month anyone is on licence, every outcome is identical.
    int first_licence = 0;
    while (first_licence < base.months() &&
           base.at(first_licence, Outcome::licence_population) == 0) {
        ++first_licence;
    }
    REQUIRE(first_licence > 0);
    REQUIRE(first_licence < base.months());
    for (int month = 0; month < first_licence; ++month) {
        for (std::size_t k = 0; k < model::kOutcomeCount; ++k) {
            auto outcome = static_cast<Outcome>(k);
            double a = base.at(month, outcome);
            double b = changed.at(month, outcome);
            INFO("month " << month << ", " << model::kOutcomeNames[k]);
            CHECK((a == b || (std::isnan(a) && std::isnan(b))));
        }
    }
    CHECK_FALSE(test::same_values(base, changed));
}
