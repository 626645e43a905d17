// Demography: the starting population, new cohorts at 10, and exits.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_replicates.hpp"
#include "simple_parameters.hpp"

using namespace vrsim;
using model::Outcome;

TEST_CASE("The starting population matches the place's size", "[population]") {
    auto p = test::simple_parameters();
    p.place.age_band_lower = {0, 10, 40};
    p.place.age_band_share = {0.2, 0.5, 0.3};
    p.place.max_age_years = 70;
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    engine.run(p, {1, 0}, out);
    // Nobody dies (mortality zero); the people under 10 are counted as residents
    // without being simulated; those aged 69 and 11 months (3000 / 30 / 12 = 8.3)
    // reach 70 and leave within the first month.
    CHECK(std::abs(out.at(0, Outcome::population) - (10000 - 8.33)) <= 2);
}

TEST_CASE("The population at the start month is right for any warm-up", "[population]") {
    auto p = test::simple_parameters();
    p.place.age_band_lower = {0, 10, 20};
    p.place.age_band_share = {0.5, 0.5, 0.0};  // 500 per year of age from 0 to 19
    for (int warmup : {0, 6, 12, 61}) {
        p.simulation.warmup_months = warmup;
        model::AbmEngine engine;
        model::MonthlyOutcomes out;
        engine.run(p, {1, 0}, out);
        // People younger than 10 at the warm-up's start enter as cohorts during
        // it, 500 / 12 a month; nobody dies. Only monthly rounding may differ.
        INFO("warm-up " << warmup);
        CHECK(std::abs(out.at(0, Outcome::population) - 10000) <= 2);
    }
}

TEST_CASE("A cohort enters at 10 each month and replaces the under-10s", "[population]") {
    auto p = test::simple_parameters();
    p.place.age_band_lower = {0, 10};
    p.place.age_band_share = {0.5, 0.5};  // 500 per year of age under 10, 250 from 10 to 29
    p.place.max_age_years = 30;
    p.simulation.horizon_months = 36;
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    engine.run(p, {1, 0}, out);
    // Each month 500 / 12 enter at 10 and 250 / 12 leave at 30: the population
    // grows by 250 a year (within rounding of the monthly counts).
    double growth_per_year =
        (out.at(35, Outcome::population) - out.at(11, Outcome::population)) / 2.0;
    CHECK(std::abs(growth_per_year - 250.0) <= 2.0);
}

TEST_CASE("Gompertz mortality removes the expected number of people", "[population]") {
    auto p = test::simple_parameters();
    p.place.age_band_lower = {0, 10, 70};
    p.place.age_band_share = {0.0, 0.0, 1.0};  // everyone 70-79
    p.place.max_age_years = 80;
    p.place.population = 20000;
    p.demography.mortality_gompertz_a = 1e-3;
    p.demography.mortality_gompertz_b = 0.05;
    p.simulation.horizon_months = 13;
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    engine.run(p, {1, 0}, out);
    // Deaths within a year at age x: 1 - exp(-(a/b)(e^{b(x+1)} - e^{bx})). Averaged
    // over x uniform on 70..80 (integrating numerically), and subtracting those
    // who reach 80 (everyone aged 79 at the start: a tenth) gives the deaths.
    double a = 1e-3, b = 0.05;
    double expected_deaths = 0.0;
    const int steps = 1200;
    for (int i = 0; i < steps; ++i) {
        double x =
            70.0 + 9.0 * (i + 0.5) / steps;  // ages 70-79 at start: do not reach 80 in a year
        expected_deaths += 1.0 - std::exp(-(a / b) * (std::exp(b * (x + 1.0)) - std::exp(b * x)));
    }
    expected_deaths = expected_deaths / steps * 0.9 * 20000;
    double leaving = out.at(0, Outcome::population) - out.at(12, Outcome::population);
    double reaching_80 =
        0.1 * 20000 * (1.0 - 0.04);  // those aged 79, less their own deaths (about 4%)
    double simulated_deaths = leaving - reaching_80;
    INFO("simulated deaths " << simulated_deaths << ", expected " << expected_deaths);
    CHECK(std::abs(simulated_deaths - expected_deaths) < 4.0 * std::sqrt(expected_deaths) + 40.0);
}
