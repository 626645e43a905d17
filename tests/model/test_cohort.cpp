// The cohort engine: its risk tiers against closed forms of the gamma
// propensity, and its flows against hand calculations on the simple parameters.
#include <catch2/catch.hpp>
#include <cmath>

#include "simple_parameters.hpp"
#include "vrsim/model/cohort.hpp"

using vrsim::model::CohortEngine;
using vrsim::model::MonthlyOutcomes;
using vrsim::model::Outcome;

TEST_CASE("cohort risk tiers keep the population's share and mean rate", "[cohort]") {
    auto p = vrsim::test::simple_parameters();
    p.offending.propensity_shape = 0.13;
    p.place.male_share = 0.49;
    p.offending.female_multiplier = 0.2;
    p.risk.early_adversity = {0.15, 2.0};
    p.risk.school_exclusion = {0.03, 2.5};
    p.risk.substance_misuse = {0.05, 2.0};
    p.risk.gang.join_probability = 0.012;
    p.risk.gang.join_risk_multiplier = 2.5;
    double share = 0.0;
    double mean = 0.0;
    for (const auto& type : vrsim::model::cohort_risk_types(p)) {
        share += type.share;
        mean += type.share * type.rate_multiplier;
    }
    // E[sex] x E[risk factors] x E[propensity]: independent, propensity mean 1.
    const double sex = 0.49 + 0.51 * 0.2;
    const double factors = (0.85 + 0.15 * 2.0) * (0.97 + 0.03 * 2.5) * (0.95 + 0.05 * 2.0);
    CHECK(share == Approx(1.0).epsilon(1e-9));
    CHECK(mean == Approx(sex * factors).epsilon(1e-6));
}

TEST_CASE("cohort risk tiers give the chance of a first offence within 2%", "[cohort]") {
    // Men with no risk factors: E[1 - exp(-c X)] for X ~ Gamma(k, 1/k) is
    // 1 - (1 + c / k)^-k.
    auto p = vrsim::test::simple_parameters();
    const double k = 0.13;
    p.offending.propensity_shape = k;
    const auto types = vrsim::model::cohort_risk_types(p);
    for (double c : {0.05, 0.5, 5.0, 50.0, 500.0}) {
        double tiers = 0.0;
        for (const auto& type : types) {
            tiers += type.share * (1.0 - std::exp(-c * type.rate_multiplier));
        }
        const double exact = 1.0 - std::pow(1.0 + c / k, -k);
        INFO("c = " << c);
        CHECK(tiers == Approx(exact).epsilon(0.02));
    }
}

TEST_CASE("cohort offences are the rate times the people", "[cohort]") {
    // Simple parameters: 10,000 men aged 10-19, propensity 1, no deaths, no
    // entrants, no desistance; rate 0.01 a month. Offences in month m are
    // 10,000 x 0.01 exactly; everyone offends at once so the cohort
    // engine's expected offences are exact.
    auto p = vrsim::test::simple_parameters();
    MonthlyOutcomes out;
    CohortEngine().run(p, out);
    for (int month = 0; month < p.simulation.horizon_months; ++month) {
        INFO("month " << month);
        CHECK(out.at(month, Outcome::offences_committed) == Approx(100.0).epsilon(1e-3));
        CHECK(out.at(month, Outcome::recorded_acquisitive) == Approx(100.0).epsilon(1e-3));
    }
}

TEST_CASE("cohort first-time entrants: never-offended people caught at their first offence",
          "[cohort]") {
    // Every offence recorded, sanctioned and cautioned (proven at once): a
    // person's first proven offence is their first offence. History: by month 0
    // a person aged a has offended with chance 1 - exp(-0.01 x months since 10);
    // month m's first-time entrants are the never-offended x (1 - exp(-0.01)).
    auto p = vrsim::test::simple_parameters();
    p.justice.sanction_probability.fill(1.0);
    p.justice.youth_out_of_court_share = 1.0;
    p.justice.adult_out_of_court_share = 1.0;
    MonthlyOutcomes out;
    CohortEngine().run(p, out);
    // Ages 10-19 spread evenly: mean of exp(-0.01 x a) over a = 0..119 months.
    double never = 0.0;
    for (int months = 0; months < 120; ++months) {
        never += std::exp(-0.01 * months) / 120.0;
    }
    const double first_month = 10000.0 * never * (1.0 - std::exp(-0.01));
    const double entrants = out.at(0, Outcome::first_time_entrants_youth) +
                            out.at(0, Outcome::first_time_entrants_adult);
    CHECK(entrants == Approx(first_month).epsilon(0.01));
    const double month_12 = out.at(12, Outcome::first_time_entrants_youth) +
                            out.at(12, Outcome::first_time_entrants_adult);
    CHECK(month_12 == Approx(first_month * std::exp(-0.12)).epsilon(0.01));
}
