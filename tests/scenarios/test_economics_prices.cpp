// Financial years, the GDP deflator and Green Book discounting, against hand
// calculation.
#include <catch2/catch.hpp>
#include <cmath>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/economics.hpp"

using namespace vrsim::scenarios;
using namespace vrsim::scenarios::testing;
using vrsim::model::index_of;
using vrsim::model::OffenceType;
using vrsim::model::YearMonth;

TEST_CASE("financial years print and parse as 2015-16") {
    CHECK(format_financial_year(2015) == "2015-16");
    CHECK(format_financial_year(1999) == "1999-00");
    CHECK(format_financial_year(2009) == "2009-10");
    CHECK(parse_financial_year("2015-16") == 2015);
    CHECK(parse_financial_year("1999-00") == 1999);
    CHECK_FALSE(parse_financial_year("2015-17"));
    CHECK_FALSE(parse_financial_year("2015/16"));
    CHECK_FALSE(parse_financial_year("2015"));
    CHECK_FALSE(parse_financial_year("15-16"));
    CHECK_FALSE(parse_financial_year("2015-1x"));
}

TEST_CASE("the deflator converts between price years and refuses years it lacks") {
    const UnitCosts costs = load_unit_costs(fixture("economics/small_costs.toml"));
    // Index 80 in 2020-21 and 100 in 2021-22: prices rose by 100/80 = 1.25.
    CHECK(costs.deflator.convert(1000.0, 2020, 2021) == Approx(1250.0));
    CHECK(costs.deflator.convert(1250.0, 2021, 2020) == Approx(1000.0));
    CHECK(costs.deflator.convert(1000.0, 2021, 2021) == 1000.0);
    REQUIRE_THROWS_AS(costs.deflator.convert(1000.0, 2020, 2022), EconomicsError);
    CHECK_THROWS_WITH(costs.deflator.at(2022), Catch::Contains("runs from 2020-21 to 2021-22") &&
                                                   Catch::Contains("no value for 2022-23"));
}

TEST_CASE("appraisal prices are in base-year prices with prison taken out of the response") {
    const UnitCosts costs = load_unit_costs(fixture("economics/small_costs.toml"));
    const AppraisalPrices same = appraisal_prices(costs, 2020);
    const CostSplit& hurt =
        same.crime_cost_per_offence[index_of(OffenceType::violence_with_injury)];
    CHECK(hurt.anticipation_gbp == Approx(100.0));
    CHECK(hurt.consequence_gbp == Approx(600.0));
    CHECK(hurt.response_gbp == Approx(150.0));                 // 300 less the prison half
    CHECK(same.custody_cost_per_month_gbp == Approx(1000.0));  // 12,000 a year

    const AppraisalPrices later = appraisal_prices(costs, 2021);
    const CostSplit& raised =
        later.crime_cost_per_offence[index_of(OffenceType::violence_with_injury)];
    CHECK(raised.anticipation_gbp == Approx(125.0));
    CHECK(raised.consequence_gbp == Approx(750.0));
    CHECK(raised.response_gbp == Approx(187.5));
    CHECK(later.custody_cost_per_month_gbp == Approx(1250.0));
    CHECK_THROWS_AS(appraisal_prices(costs, 2023), EconomicsError);
}

namespace {

FundingEntry funding_entry(int from, int until, int price_year) {
    FundingEntry entry;
    entry.from_financial_year = from;
    entry.until_financial_year = until;
    entry.price_financial_year = price_year;
    entry.funder = "MOPAC";
    return entry;
}

// From 2021-01 for 15 months: January-March 2021 are in 2020-21, then twelve
// months of 2021-22.
Scenario funded_scenario(std::vector<FundingEntry> entries) {
    Scenario scenario;
    scenario.file = "funded.toml";
    scenario.parameters.simulation.start_month = YearMonth::of(2021, 1);
    ProgrammeFunding funding;
    funding.programme = "iom";
    funding.cost_per_place_per_year_gbp = 6000.0;
    funding.entries = std::move(entries);
    scenario.funding.push_back(std::move(funding));
    return scenario;
}

}  // namespace

TEST_CASE("programme spend is moved from each budget's price year to the base year") {
    const UnitCosts costs = load_unit_costs(fixture("economics/small_costs.toml"));
    // £12,000 a year in 2020-21 prices for 2020-21 and 2021-22; 2 places at
    // £6,000 (£12,000 a year) in 2021-22 prices from 2021-22. The deflator is 80
    // in 2020-21 and 100 in 2021-22.
    FundingEntry old_money = funding_entry(2020, 2021, 2020);
    old_money.budget_gbp_per_year = 12000.0;
    FundingEntry places = funding_entry(2021, 9999, 2021);
    places.places = 2.0;
    places.places_given = true;
    const Scenario scenario = funded_scenario({old_money, places});

    // In 2021-22 prices: £1,000 a month x 100/80 = £1,250 from the first entry,
    // then £1,000 a month more from the second.
    const std::vector<double> in_2021 =
        programme_spend_in_base_prices(scenario, appraisal_prices(costs, 2021), 15);
    REQUIRE(in_2021.size() == 15);
    for (std::size_t month = 0; month < 15; ++month) {
        INFO("month " << month);
        CHECK(in_2021[month] == Approx(month < 3 ? 1250.0 : 2250.0));
    }
    // In 2020-21 prices: £1,000, then £1,000 + £1,000 x 80/100.
    const std::vector<double> in_2020 =
        programme_spend_in_base_prices(scenario, appraisal_prices(costs, 2020), 15);
    CHECK(in_2020[0] == Approx(1000.0));
    CHECK(in_2020[14] == Approx(1800.0));
    // So a ratio of money to money does not depend on the base year.
    CHECK(in_2021[14] / in_2021[0] == Approx(in_2020[14] / in_2020[0]));
    CHECK(in_2021[14] == Approx(in_2020[14] * 1.25));
}

TEST_CASE("a budget whose price year the deflator lacks is an error naming it, when it is spent") {
    const UnitCosts costs = load_unit_costs(fixture("economics/small_costs.toml"));
    FundingEntry unknown_prices = funding_entry(2021, 9999, 2019);
    unknown_prices.budget_gbp_per_year = 12000.0;
    CHECK_THROWS_WITH(
        programme_spend_in_base_prices(funded_scenario({unknown_prices}),
                                       appraisal_prices(costs, 2021), 15),
        Catch::Contains("funded.toml: programmes.iom.funding from 2021-22") &&
            Catch::Contains("2019-20 prices, outside the GDP deflator series (2020-21 to "
                            "2021-22)") &&
            Catch::Contains("price_year"));
    // Money never spent within the months compared needs no price.
    FundingEntry later = funding_entry(2030, 9999, 2030);
    later.budget_gbp_per_year = 12000.0;
    const std::vector<double> none =
        programme_spend_in_base_prices(funded_scenario({later}), appraisal_prices(costs, 2021), 15);
    CHECK(none == std::vector<double>(15, 0.0));
}

TEST_CASE("Green Book discounting: 3.5% a year, year 0 not discounted") {
    const DiscountSchedule green_book = DiscountSchedule::green_book();
    CHECK(green_book.factor(0) == 1.0);
    // £1,000 in year 3: 1000 / 1.035^3 = £901.94.
    CHECK(1000.0 * green_book.factor(3) == Approx(901.94).margin(0.005));
    CHECK(green_book.factor(1) == Approx(1.0 / 1.035));
    CHECK(green_book.rate(1) == 0.035);
    CHECK(green_book.rate(30) == 0.035);
}

TEST_CASE("Green Book discounting switches to 3% after year 30, and lower later") {
    const DiscountSchedule green_book = DiscountSchedule::green_book();
    // Year 30: 1/1.035^30 = 0.35628; year 31: 1/(1.035^30 x 1.03) = 0.34590.
    CHECK(green_book.factor(30) == Approx(0.35628).margin(5e-6));
    CHECK(green_book.factor(31) == Approx(0.34590).margin(5e-6));
    CHECK(green_book.rate(31) == 0.030);
    CHECK(green_book.factor(30) / green_book.factor(31) == Approx(1.03));
    CHECK(green_book.factor(75) / green_book.factor(76) == Approx(1.025));
    CHECK(green_book.factor(125) / green_book.factor(126) == Approx(1.02));
    CHECK(green_book.factor(300) / green_book.factor(301) == Approx(1.01));
    // The same as multiplying year by year.
    double product = 1.0;
    for (int year = 1; year <= 80; ++year) {
        product *= 1.0 + green_book.rate(year);
    }
    CHECK(green_book.factor(80) == Approx(1.0 / product).epsilon(1e-12));
    CHECK(green_book.describe() ==
          "3.5% a year for years 1-30, 3% for years 31-75, 2.5% for years 76-125, 2% for years "
          "126-200, 1.5% for years 201-300, 1% for years 301 on");
}

TEST_CASE("a flat rate replaces the schedule; bad schedules are refused") {
    const DiscountSchedule five = DiscountSchedule::flat(0.05);
    CHECK(five.factor(2) == Approx(1.0 / 1.1025));
    CHECK(five.factor(40) == Approx(std::pow(1.05, -40)));
    CHECK(five.describe() == "5% a year for years 1 on");
    const auto factors = five.factors(3);
    REQUIRE(factors.size() == 3);
    CHECK(factors[0] == 1.0);
    CHECK(factors[2] == Approx(1.0 / 1.1025));
    CHECK_THROWS_AS(DiscountSchedule({{2, 0.035}}), std::invalid_argument);
    CHECK_THROWS_AS(DiscountSchedule({{1, 0.035}, {1, 0.03}}), std::invalid_argument);
    CHECK_THROWS_AS(DiscountSchedule::flat(-1.0), std::invalid_argument);
    CHECK_THROWS_AS(five.factor(-1), std::invalid_argument);
}

TEST_CASE("appraisal years are financial years counted from the first month's") {
    const YearMonth first = YearMonth::of(2026, 1);  // in 2025-26: year 0
    CHECK(appraisal_year(YearMonth::of(2026, 1), first) == 0);
    CHECK(appraisal_year(YearMonth::of(2026, 3), first) == 0);
    CHECK(appraisal_year(YearMonth::of(2026, 4), first) == 1);
    CHECK(appraisal_year(YearMonth::of(2027, 3), first) == 1);
    CHECK(appraisal_year(YearMonth::of(2027, 4), first) == 2);
    const YearMonth april = YearMonth::of(2025, 4);
    CHECK(appraisal_year(YearMonth::of(2026, 3), april) == 0);
    CHECK(appraisal_year(YearMonth::of(2026, 4), april) == 1);
}
