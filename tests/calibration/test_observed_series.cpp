// Joining series from several files: overlaps are refused or resolved by vintage,
// never silently; gaps are refused; annual totals add up.
#include <catch2/catch.hpp>

#include "observed_test_support.hpp"
#include "vrsim/calibration/observed_series.hpp"

using namespace vrsim::calibration;
using namespace vrsim::calibration::testing;
using vrsim::model::YearMonth;

namespace {

// One outcome in one area from `first` for `values.size()` months, "read" from `file`.
ObservedSeries months_of(const std::string& file, YearMonth first, std::vector<double> values) {
    ObservedSeries series;
    series.files.push_back(file);
    for (std::size_t i = 0; i < values.size(); ++i) {
        series.values.push_back({first.plus_months(static_cast<int>(i)),
                                 "recorded_robbery",
                                 "Croydon",
                                 values[i],
                                 {SourceRef{0, static_cast<std::uint32_t>(i + 2), 4}}});
    }
    return series;
}

}  // namespace

TEST_CASE("Joining files that follow each other") {
    const ObservedSeries joined =
        combine_series({months_of("a.csv", YearMonth::of(2021, 11), {1, 2}),
                        months_of("b.csv", YearMonth::of(2022, 1), {3, 4})},
                       Overlap::error);
    REQUIRE(joined.values.size() == 4);
    CHECK(value_at(joined, "Croydon", "recorded_robbery", "2022-01") == 3);
    // Sources keep pointing at their own file.
    const auto indexes = joined.series_of("Croydon", "recorded_robbery");
    CHECK(joined.describe(joined.values[indexes[0]].sources[0]) == "a.csv:2:4");
    CHECK(joined.describe(joined.values[indexes[3]].sources[0]) == "b.csv:3:4");
}

TEST_CASE("Overlapping files: refused, or the later vintage is taken and said so") {
    auto parts = [] {
        return std::vector<ObservedSeries>{
            months_of("old.csv", YearMonth::of(2021, 10), {1, 2, 3, 4}),
            months_of("new.csv", YearMonth::of(2021, 12), {30, 40, 50})};
    };
    const auto problems = problems_of([&] { combine_series(parts(), Overlap::error); });
    CHECK(reported(problems, "new.csv:",
                   "2021-12..2022-01 (2 months) of recorded_robbery in Croydon are also in "
                   "old.csv"));

    std::vector<std::string> notes;
    const ObservedSeries joined = combine_series(parts(), Overlap::later_vintage, &notes);
    CHECK(joined.values.size() == 5);
    CHECK(value_at(joined, "Croydon", "recorded_robbery", "2021-11") == 2);
    CHECK(value_at(joined, "Croydon", "recorded_robbery", "2021-12") == 30);
    CHECK(value_at(joined, "Croydon", "recorded_robbery", "2022-02") == 50);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] ==
          "2021-12..2022-01 (2 months) of recorded_robbery in Croydon taken from new.csv "
          "(later vintage), not old.csv");
}

TEST_CASE("Overlapping files that end in the same month have no later vintage") {
    const auto problems = problems_of([] {
        combine_series({months_of("a.csv", YearMonth::of(2022, 1), {1, 2}),
                        months_of("b.csv", YearMonth::of(2022, 2), {3})},
                       Overlap::later_vintage);
    });
    CHECK(reported(problems, "b.csv:", "none is the later vintage"));
}

TEST_CASE("Joined files with a month between them missing are refused") {
    const auto problems = problems_of([] {
        combine_series({months_of("a.csv", YearMonth::of(2021, 11), {1, 2}),
                        months_of("b.csv", YearMonth::of(2022, 2), {3})},
                       Overlap::error);
    });
    CHECK(reported(problems, "b.csv:2:", "recorded_robbery in Croydon: no value for 2022-01"));
}

TEST_CASE("Annual totals add the months of each calendar year and count them") {
    const ObservedSeries series = months_of("a.csv", YearMonth::of(2021, 11), {1, 2, 3, 4, 5});
    const std::vector<AnnualTotal> totals = annual_totals(series);
    REQUIRE(totals.size() == 2);
    CHECK(totals[0].year == 2021);
    CHECK(totals[0].value == 3);
    CHECK(totals[0].months == 2);
    CHECK(totals[1].year == 2022);
    CHECK(totals[1].value == 12);
    CHECK(totals[1].months == 3);
}
