// The plain tidy file: reading, writing it back, and each kind of broken file.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "observed_test_support.hpp"
#include "vrsim/calibration/tidy_csv.hpp"

using namespace vrsim::calibration;
using namespace vrsim::calibration::testing;

TEST_CASE("Tidy CSV: values by area, outcome and month, each from its line") {
    const fs::path file = kFixtures / "tidy-croydon-2019q1.csv";
    const ObservedSeries series = read_tidy_csv(file);
    CHECK(series.values.size() == 7);
    CHECK(value_at(series, "Croydon", "recorded_robbery", "2019-02") == 87);
    CHECK(value_at(series, "Croydon", "recorded_violence_against_the_person", "2019-03") == 776);
    CHECK(value_at(series, "Croydon", "proven_reoffending_rate", "2019-03") == Approx(0.273));
    const auto indexes = series.series_of("Croydon", "recorded_robbery");
    REQUIRE(indexes.size() == 3);
    CHECK(series.describe(series.values[indexes[1]].sources.at(0)) == file.string() + ":3");
}

TEST_CASE("Tidy CSV: what is written reads back the same") {
    const ObservedSeries series = read_tidy_csv(kFixtures / "tidy-croydon-2019q1.csv");
    const fs::path out =
        fs::temp_directory_path() / ("vrsim-tidy-" + std::to_string(::getpid()) + ".csv");
    write_tidy_csv(series, out);
    std::ifstream in(out);
    std::string header;
    std::getline(in, header);
    CHECK(header == "month,outcome,value,area");
    const ObservedSeries again = read_tidy_csv(out);
    fs::remove(out);
    REQUIRE(again.values.size() == series.values.size());
    for (std::size_t i = 0; i < series.values.size(); ++i) {
        CHECK(again.values[i].month == series.values[i].month);
        CHECK(again.values[i].outcome == series.values[i].outcome);
        CHECK(again.values[i].area == series.values[i].area);
        CHECK(again.values[i].value == series.values[i].value);
    }
}

TEST_CASE("Tidy CSV: broken files, each problem at its line") {
    auto check = [](const char* name, const std::string& place, const std::string& text) {
        const fs::path file = kBroken / name;
        INFO(name);
        CHECK(reported(problems_of([&] { read_tidy_csv(file); }), file.string() + place, text));
    };
    check("tidy-wrong-header.csv", ":1:",
          "expected the header \"month,outcome,value\" or \"month,outcome,value,area\", got "
          "\"month,outcome,count\"");
    check("tidy-non-numeric.csv", ":3: column 3 (value)",
          "expected a finite number, got \"eighty-seven\"");
    check("tidy-bad-month.csv", ":3: column 1 (month)",
          "expected a month as YYYY-MM (e.g. 2019-04), got \"2019-13\"");
    check("tidy-unknown-outcome.csv", ":3: column 2 (outcome)",
          "unknown outcome \"recorded_robery\" (did you mean \"recorded_robbery\"?)");
    check("tidy-duplicate.csv", ":4:",
          "duplicate: line 2 has the same month, outcome and area (2019-01, recorded_robbery, "
          "Croydon)");
    check("tidy-gap.csv", ":4:",
          "recorded_robbery in Croydon: no value for 2019-03..2019-04 (between 2019-02 and "
          "2019-05)");
    check("tidy-short-row.csv", ":3:", "expected 4 fields as in the header, got 3");
}
