// Funding: a programme's budgets by UK financial year (April to March), summed
// over funders, over its cost per place give the places it can fill each month;
// places climb over ramp_up_months after a rise and shrink over
// wind_down_months before a fall, and spend is each year's budget spread evenly
// over its twelve months. Every expected value below is worked out by hand from
// the budgets written in the test.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vrsim/scenarios/funding.hpp"

namespace vrsim::scenarios {
namespace {

using model::YearMonth;

// No end year: the funding runs on (the decoder's default for a missing `until`).
constexpr int kOpenEnded = 9999;

FundingEntry budget_entry(int from, int until, double gbp_per_year, std::string funder = "MOPAC") {
    FundingEntry entry;
    entry.from_financial_year = from;
    entry.until_financial_year = until;
    entry.budget_gbp_per_year = gbp_per_year;
    entry.funder = std::move(funder);
    return entry;
}

FundingEntry places_entry(int from, int until, double places, std::string funder = "Home Office") {
    FundingEntry entry;
    entry.from_financial_year = from;
    entry.until_financial_year = until;
    entry.places = places;
    entry.places_given = true;
    entry.funder = std::move(funder);
    return entry;
}

ProgrammeFunding funding_of(std::vector<FundingEntry> entries, double cost_per_place = 6000.0,
                            int ramp_up = 0, int wind_down = 0) {
    ProgrammeFunding funding;
    funding.programme = "test";
    funding.cost_per_place_per_year_gbp = cost_per_place;
    funding.ramp_up_months = ramp_up;
    funding.wind_down_months = wind_down;
    funding.entries = std::move(entries);
    return funding;
}

// Places or spend month by month against the hand-worked values.
void check_months(const std::vector<double>& actual, const std::vector<double>& expected) {
    REQUIRE(actual.size() == expected.size());
    for (std::size_t month = 0; month < expected.size(); ++month) {
        INFO("month " << month);
        CHECK(actual[month] == Approx(expected[month]).margin(1e-9));
    }
}

// `value` repeated `months` times, for building expected schedules.
std::vector<double> repeat(double value, int months) {
    return std::vector<double>(static_cast<std::size_t>(months), value);
}

std::vector<double> joined(std::vector<double> first, const std::vector<double>& second) {
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

TEST_CASE("financial years run from April to March and are named by their first year",
          "[funding]") {
    CHECK(YearMonth::of(2019, 3).financial_year() == 2018);
    CHECK(YearMonth::of(2019, 4).financial_year() == 2019);
    CHECK(YearMonth::of(2020, 1).financial_year() == 2019);
    CHECK(YearMonth::of(2020, 3).financial_year() == 2019);
    CHECK(YearMonth::of(2020, 4).financial_year() == 2020);
}

TEST_CASE("places are the year's budget over the cost per place; spend is a twelfth of it",
          "[funding]") {
    // £90,000 a year at £6,000 a place: 15 places; £90,000 / 12 = £7,500 a month.
    const ProgrammeFunding funding = funding_of({budget_entry(2019, kOpenEnded, 90000.0)});
    CHECK(budget_gbp_for_year(funding, 2018) == 0.0);
    CHECK(budget_gbp_for_year(funding, 2019) == 90000.0);
    CHECK(budget_gbp_for_year(funding, 2030) == 90000.0);
    const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 4), 24);
    check_months(schedule.places, repeat(15.0, 24));
    check_months(schedule.spend_gbp, repeat(7500.0, 24));
}

TEST_CASE("several funders' budgets are summed, and places entries buy places at the cost",
          "[funding]") {
    // £60,000 + £30,000 + 2.5 places x £6,000 = £105,000 a year: 17.5 places,
    // £8,750 a month.
    const ProgrammeFunding funding = funding_of({budget_entry(2019, kOpenEnded, 60000.0, "MOPAC"),
                                                 budget_entry(2019, kOpenEnded, 30000.0, "Council"),
                                                 places_entry(2019, kOpenEnded, 2.5)});
    CHECK(budget_gbp_for_year(funding, 2019) == 105000.0);
    const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 4), 12);
    check_months(schedule.places, repeat(17.5, 12));
    check_months(schedule.spend_gbp, repeat(8750.0, 12));
}

TEST_CASE("funding changes at the April that starts each financial year", "[funding]") {
    // From January 2019: January to March 2019 are in 2018-19 (£24,000: 4 places),
    // April 2019 to March 2020 in 2019-20 (£48,000: 8 places), April 2020 in
    // 2020-21, which nobody funds. No ramp-up or wind-down.
    const ProgrammeFunding funding =
        funding_of({budget_entry(2018, 2018, 24000.0), budget_entry(2019, 2019, 48000.0)});
    CHECK(budget_gbp_for_year(funding, 2017) == 0.0);
    CHECK(budget_gbp_for_year(funding, 2018) == 24000.0);
    CHECK(budget_gbp_for_year(funding, 2019) == 48000.0);
    CHECK(budget_gbp_for_year(funding, 2020) == 0.0);
    const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 1), 18);
    check_months(schedule.places, joined(joined(repeat(4.0, 3), repeat(8.0, 12)), repeat(0.0, 3)));
    check_months(schedule.spend_gbp,
                 joined(joined(repeat(2000.0, 3), repeat(4000.0, 12)), repeat(0.0, 3)));
}

TEST_CASE("a rise in funding is reached over the ramp-up months", "[funding]") {
    // From January 2019: 10 places (£60,000) in 2018-19, 20 (£120,000) from
    // April 2019 (month 3). With a ramp-up of 3 months the step of 10 is climbed
    // a quarter at a time: 12.5, 15, 17.5 in months 3-5, then 20 from month 6.
    // Spend follows the budget at once: £5,000 a month, then £10,000.
    const ProgrammeFunding funding = funding_of(
        {budget_entry(2018, kOpenEnded, 60000.0), budget_entry(2019, kOpenEnded, 60000.0)}, 6000.0,
        3, 0);
    const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 1), 9);
    check_months(schedule.places, {10, 10, 10, 12.5, 15, 17.5, 20, 20, 20});
    check_months(schedule.spend_gbp, joined(repeat(5000.0, 3), repeat(10000.0, 6)));
}

TEST_CASE("a fall in funding is prepared over the wind-down months before it", "[funding]") {
    // From October 2018: 20 places (£120,000) in 2018-19, 10 (£60,000) from
    // April 2019 (month 6). With a wind-down of 3 months places shrink towards
    // 10 by a quarter of the step each month before the fall: 17.5, 15, 12.5
    // in months 3-5. Spend stays at the year's budget: £10,000, then £5,000.
    const ProgrammeFunding funding = funding_of(
        {budget_entry(2018, kOpenEnded, 60000.0), budget_entry(2018, 2018, 60000.0)}, 6000.0, 0, 3);
    const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2018, 10), 9);
    check_months(schedule.places, {20, 20, 20, 17.5, 15, 12.5, 10, 10, 10});
    check_months(schedule.spend_gbp, joined(repeat(10000.0, 6), repeat(5000.0, 3)));
}

TEST_CASE("funding that runs at the first month needs no ramp-up", "[funding]") {
    // The funding of the first month is taken to have run before it: 20 places
    // from month 0, even with a ramp-up of 3 months.
    const ProgrammeFunding funding =
        funding_of({budget_entry(2019, kOpenEnded, 120000.0)}, 6000.0, 3, 3);
    const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 4), 6);
    check_months(schedule.places, repeat(20.0, 6));
}

TEST_CASE("a grant that ends gives no places from the first month of the next financial year",
          "[funding]") {
    // A grant for 2019-20 and 2020-21 of £60,000 a year (10 places) from April
    // 2019: nothing from April 2021, month 24.
    SECTION("without a wind-down the cliff is at the year's end") {
        const ProgrammeFunding funding = funding_of({budget_entry(2019, 2020, 60000.0)});
        const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 4), 30);
        check_months(schedule.places, joined(repeat(10.0, 24), repeat(0.0, 6)));
        check_months(schedule.spend_gbp, joined(repeat(5000.0, 24), repeat(0.0, 6)));
    }
    SECTION("a wind-down of 3 months runs the caseload down before it") {
        // Months 21-23: 0 + 10 x 3/4, 10 x 2/4, 10 x 1/4.
        const ProgrammeFunding funding =
            funding_of({budget_entry(2019, 2020, 60000.0)}, 6000.0, 0, 3);
        const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 4), 30);
        check_months(schedule.places,
                     joined(joined(repeat(10.0, 21), {7.5, 5.0, 2.5}), repeat(0.0, 6)));
        // Spend is the grant's, month by month, until it ends.
        check_months(schedule.spend_gbp, joined(repeat(5000.0, 24), repeat(0.0, 6)));
    }
}

TEST_CASE("a one-year grant whose ramp-up and wind-down overlap takes the lower of the two",
          "[funding]") {
    // From January 2019, a grant for 2019-20 only buying 20 places (£120,000),
    // with ramp-up and wind-down of 8 months each. The ramp gives 20 (k + 1) / 9
    // in the k-th month of the grant (k = 0..7); the wind-down gives 20 j / 9 in
    // the j-th month before it ends (j = 1..8). Over the grant's 12 months
    // (April 2019, month 3, to March 2020, month 14) the lower of the two is
    // 20/9 x (1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1).
    const ProgrammeFunding funding = funding_of({budget_entry(2019, 2019, 120000.0)}, 6000.0, 8, 8);
    const FundingSchedule schedule = schedule_funding(funding, YearMonth::of(2019, 1), 18);
    std::vector<double> expected = repeat(0.0, 3);
    for (int steps : {1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1}) {
        expected.push_back(20.0 * steps / 9.0);
    }
    expected = joined(expected, repeat(0.0, 3));
    check_months(schedule.places, expected);
    check_months(schedule.spend_gbp,
                 joined(joined(repeat(0.0, 3), repeat(10000.0, 12)), repeat(0.0, 3)));
}

}  // namespace
}  // namespace vrsim::scenarios
