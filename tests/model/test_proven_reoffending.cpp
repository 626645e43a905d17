#include <catch2/catch.hpp>
#include <cmath>

#include "vrsim/model/proven_reoffending.hpp"

using namespace vrsim::model;

// Months are simulation months; quarters start at month 0, 3, 6, ...
TEST_CASE("Proven reoffending follows the MoJ counting rules", "[reoffending]") {
    std::vector<IndexEvent> index = {
        {1, 0},  // person 1: cautioned in month 0
        {1, 2},  // same quarter again: only the first counts
        {2, 1},  // person 2: released in month 1
        {3, 2},  // person 3: convicted in month 2
        {4, 1},  // person 4: no reoffence
    };
    std::vector<ProvenOffence> proven = {
        {1, 5, 9},    // offence in month 5 (within 12 of month 0), proven month 9: counts
        {1, 6, 10},   // a second reoffence by person 1
        {2, 13, 19},  // offence month 13 = index 1 + 12: in follow-up; proven 19 = 1 + 18: counts
        {3, 15, 19},  // offence month 15 > 2 + 12: outside the follow-up
        {3, 2, 2},    // the index offence itself (same month): not a reoffence
        {4, 3, 25},   // proven month 25 > 1 + 18: too late
    };
    auto cohorts = measure_proven_reoffending(index, proven, 0, 30);
    REQUIRE(cohorts.size() >= 1);
    const ReoffendingCohort& first = cohorts[0];
    CHECK(first.first_month == 0);
    CHECK(first.offenders == 4);
    CHECK(first.reoffenders == 2);  // persons 1 and 2
    CHECK(first.reoffences == 3);
}

TEST_CASE("Only cohorts whose follow-up and waiting period are complete are measured",
          "[reoffending]") {
    // A quarter starting at q ends at q + 2; it needs q + 2 + 18 <= last month.
    CHECK(measure_proven_reoffending({}, {}, 0, 19).empty());
    CHECK(measure_proven_reoffending({}, {}, 0, 20).size() == 1);
    CHECK(measure_proven_reoffending({}, {}, 0, 23).size() == 2);
}

TEST_CASE("A quarterly reoffending measure is written in the last month of each reported quarter",
          "[reoffending]") {
    // Three months of warm-up, then 9 reported months: the quarter starting in
    // the warm-up is not reported, the next lands in reported month 3 + 2 - 3 =
    // 2, and a quarter nobody entered has a cohort of 0 and no rate.
    MonthlyOutcomes out;
    out.reset(9, 3);
    const ReoffendingColumns columns{0, 1, 2};
    write_reoffending_measure(out, columns, 3, {{0, 7.0, 7.0}, {3, 4.0, 1.0}, {6, 0.0, 0.0}});
    CHECK(out.at(2, std::size_t{0}) == 4.0);
    CHECK(out.at(2, std::size_t{1}) == 1.0);
    CHECK(out.at(2, std::size_t{2}) == 0.25);
    CHECK(out.at(5, std::size_t{0}) == 0.0);
    CHECK(out.at(5, std::size_t{1}) == 0.0);
    CHECK(std::isnan(out.at(5, std::size_t{2})));
    for (int month : {0, 1, 3, 4, 6, 7, 8}) {
        INFO(month);
        for (std::size_t column = 0; column < 3; ++column) {
            CHECK(std::isnan(out.at(month, column)));
        }
    }
}

TEST_CASE("Events sort by person, then month, keeping the order of ties", "[reoffending]") {
    // People and months on both sides of the sort's 11-bit digits (2047 | 2048),
    // a negative month, and two offences of one person in one month.
    std::vector<ProvenOffence> offences = {
        {2048, 5, 1},    {7, 3, 2},  {2047, -4, 3}, {7, 3, 4},    {7, 2100, 5},
        {5000000, 0, 6}, {7, -1, 7}, {2048, 4, 8},  {0, 2047, 9},
    };
    sort_by_person_and_month(offences);
    // By hand: person 0; person 7 at months -1, 3, 3 (input order: 2 then 4), 2100;
    // person 2047; person 2048 at 4, 5; person 5,000,000.
    const std::vector<int> expected_proven_months = {9, 7, 2, 4, 5, 3, 8, 1, 6};
    std::vector<int> proven_months;
    for (const ProvenOffence& offence : offences) {
        proven_months.push_back(offence.proven_month);
    }
    CHECK(proven_months == expected_proven_months);

    std::vector<IndexEvent> events = {{3, 10}, {1, 20}, {3, 2}, {1, 5}};
    sort_by_person_and_month(events);
    REQUIRE(events.size() == 4);
    CHECK((events[0].person == 1 && events[0].month == 5));
    CHECK((events[1].person == 1 && events[1].month == 20));
    CHECK((events[2].person == 3 && events[2].month == 2));
    CHECK((events[3].person == 3 && events[3].month == 10));
}
