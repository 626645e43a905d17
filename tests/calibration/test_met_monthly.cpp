// The Met's wide monthly files, on real excerpts (expected values summed by hand
// with awk from the full files in ../shared/data, see each case) and on broken
// files, one problem each.
#include <catch2/catch.hpp>

#include "observed_test_support.hpp"
#include "vrsim/calibration/met_monthly.hpp"

using namespace vrsim::calibration;
using namespace vrsim::calibration::testing;

namespace {

const CategoryMapping& scheme_a() {
    static const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-a.toml");
    return mapping;
}

ObservedSeries read_a(const fs::path& file, const std::string& borough,
                      std::vector<std::string> wards = {}) {
    return read_met_monthly(file, scheme_a(), {borough, std::move(wards)});
}

}  // namespace

// awk over mps-borough-monthly/scheme-a_2010-04_2022-01.csv, rows whose borough is
// Croydon, columns 201901-201903, grouped by MajorText as the mapping groups them.
TEST_CASE("Met borough file, scheme A: Croydon's first quarter of 2019 by outcome") {
    const ObservedSeries series = read_a(kFixtures / "mps-borough-a-2019q1.csv", "Croydon");
    CHECK(value_at(series, "Croydon", "recorded_violence_against_the_person", "2019-01") == 784);
    CHECK(value_at(series, "Croydon", "recorded_violence_against_the_person", "2019-02") == 678);
    CHECK(value_at(series, "Croydon", "recorded_violence_against_the_person", "2019-03") == 776);
    CHECK(value_at(series, "Croydon", "recorded_robbery", "2019-01") == 94);
    CHECK(value_at(series, "Croydon", "recorded_sexual", "2019-02") == 82);
    CHECK(value_at(series, "Croydon", "recorded_acquisitive", "2019-03") == 1149);
    CHECK(value_at(series, "Croydon", "recorded_other", "2019-01") == 538);
    CHECK(value_at(series, "Croydon", "recorded_total", "2019-01") == 2638);
    CHECK(value_at(series, "Croydon", "recorded_total", "2019-02") == 2578);
    CHECK(value_at(series, "Croydon", "recorded_total", "2019-03") == 2836);
    // Six outcomes x three months, one area; nothing from Southwark.
    CHECK(series.values.size() == 18);
    CHECK(series.areas() == std::vector<std::string>{"Croydon"});
    CHECK_FALSE(has_value(series, "recorded_violence_with_injury"));
}

TEST_CASE("Met borough file, scheme A: each value names the rows it was summed from") {
    const fs::path file = kFixtures / "mps-borough-a-2019q1.csv";
    const ObservedSeries series = read_a(file, "Croydon");
    const auto indexes = series.series_of("Croydon", "recorded_violence_against_the_person");
    REQUIRE(indexes.size() == 3);
    const ObservedValue& january = series.values[indexes[0]];
    // Homicide, Violence with Injury, Violence without Injury: lines 52-54 of the
    // excerpt, column 4 (201901).
    REQUIRE(january.sources.size() == 3);
    CHECK(series.describe(january.sources[0]) == file.string() + ":52:4");
    CHECK(series.describe(january.sources[2]) == file.string() + ":54:4");
}

TEST_CASE("Met borough file, scheme A: Southwark from the same file") {
    const ObservedSeries series = read_a(kFixtures / "mps-borough-a-2019q1.csv", "Southwark");
    CHECK(value_at(series, "Southwark", "recorded_violence_against_the_person", "2019-01") == 748);
    CHECK(value_at(series, "Southwark", "recorded_total", "2019-03") == 3516);
}

// awk over mps-borough-monthly/scheme-c_2017-01_2018-12.csv, Croydon, 201801-201803.
TEST_CASE("Met borough file, scheme C: Croydon's first quarter of 2018") {
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-c.toml");
    const ObservedSeries series =
        read_met_monthly(kFixtures / "mps-borough-c-2018q1.csv", mapping, {"Croydon", {}});
    CHECK(value_at(series, "Croydon", "recorded_robbery", "2018-01") == 102);
    CHECK(value_at(series, "Croydon", "recorded_sexual", "2018-03") == 74);
    CHECK(value_at(series, "Croydon", "recorded_acquisitive", "2018-02") == 993);
    CHECK(value_at(series, "Croydon", "recorded_total", "2018-01") == 2608);
    CHECK(value_at(series, "Croydon", "recorded_total", "2018-03") == 2541);
    CHECK_FALSE(has_value(series, "recorded_violence_against_the_person"));
}

// awk over mps-ward-monthly/scheme-a_2021-12_2023-11.csv, rows of Croydon's wards,
// columns 202201-202203.
TEST_CASE("Met ward file: one ward by name, one by code, or the wards of a borough summed") {
    const fs::path file = kFixtures / "mps-ward-2022q1.csv";
    const ObservedSeries wards = read_a(file, "Croydon", {"Fairfield", "E05011485"});
    CHECK(wards.areas() == std::vector<std::string>{"Fairfield", "E05011485"});
    CHECK(value_at(wards, "Fairfield", "recorded_violence_against_the_person", "2022-01") == 99);
    CHECK(value_at(wards, "Fairfield", "recorded_total", "2022-03") == 403);
    // E05011485 is South Norwood.
    CHECK(value_at(wards, "E05011485", "recorded_violence_against_the_person", "2022-02") == 57);
    CHECK(value_at(wards, "E05011485", "recorded_total", "2022-01") == 135);

    const ObservedSeries borough = read_a(file, "Croydon");
    CHECK(value_at(borough, "Croydon", "recorded_total", "2022-01") == 368 + 135);
    CHECK(value_at(borough, "Croydon", "recorded_robbery", "2022-02") == 19 + 4);
}

TEST_CASE("Met files: a borough or ward not in the file is an error with a suggestion") {
    const fs::path file = kFixtures / "mps-borough-a-2019q1.csv";
    CHECK(reported(problems_of([&] { read_a(file, "Croydn"); }), file.string(),
                   "no rows for borough \"Croydn\" (did you mean \"Croydon\"?)"));
    const fs::path ward_file = kFixtures / "mps-ward-2022q1.csv";
    CHECK(reported(problems_of([&] { read_a(ward_file, "Croydon", {"Fairfeld"}); }),
                   ward_file.string(),
                   "no rows for ward \"Fairfeld\" in Croydon (did you mean "
                   "\"Fairfield\"?)"));
    CHECK(reported(problems_of([&] { read_a(file, "Croydon", {"Fairfield"}); }),
                   file.string() + ":1", "this is a borough file"));
}

TEST_CASE("Met files: a wrong header is refused at line 1") {
    const fs::path file = kBroken / "met-wrong-header.csv";
    CHECK(reported(problems_of([&] { read_a(file, "Croydon"); }),
                   file.string() + ":1:", "not a Metropolitan Police monthly file"));
    const fs::path months = kBroken / "met-bad-month-header.csv";
    CHECK(reported(problems_of([&] { read_a(months, "Croydon"); }),
                   months.string() + ":1: column 5",
                   "expected a month as YYYYMM (e.g. 201904), got \"2019-02\""));
}

TEST_CASE("Met files: non-numeric values are reported by line and column") {
    const fs::path file = kBroken / "met-non-numeric.csv";
    const auto problems = problems_of([&] { read_a(file, "Croydon"); });
    CHECK(reported(problems, file.string() + ":3: column 5 (201902)",
                   "expected a whole number of offences (0 or more), got \"8O\""));
    CHECK(reported(problems, file.string() + ":4: column 5 (201902)", "got \"\""));
    CHECK(problems.size() == 2);
}

TEST_CASE("Met files: a row with too few fields is malformed") {
    const fs::path file = kBroken / "met-short-row.csv";
    CHECK(reported(problems_of([&] { read_a(file, "Croydon"); }),
                   file.string() + ":3:", "expected 6 fields as in the header, got 5"));
}

TEST_CASE("Met files: duplicate and missing months in the header") {
    const fs::path duplicate = kBroken / "met-duplicate-month.csv";
    CHECK(reported(problems_of([&] { read_a(duplicate, "Croydon"); }),
                   duplicate.string() + ":1: column 6", "duplicate month 201902: also column 5"));
    const fs::path gap = kBroken / "met-gap.csv";
    CHECK(reported(problems_of([&] { read_a(gap, "Croydon"); }), gap.string() + ":1: column 5",
                   "gap in the months: 201903 follows 201901, so 201902 is missing"));
}

TEST_CASE("Met files: categories not in the mapping are reported once each, where first seen") {
    const fs::path file = kBroken / "met-unknown-category.csv";
    const auto problems = problems_of([&] { read_a(file, "Croydon"); });
    CHECK(reported(problems, file.string() + ":3:",
                   "unknown category \"Robery / Robbery of Personal Property\" (2 rows, first "
                   "here) (did you mean \"Robbery / Robbery of Personal Property\"?)"));
    CHECK(reported(
        problems, file.string() + ":4:", "unknown category \"Knife Crime / Knife Crime\" (1 row)"));
    CHECK(problems.size() == 2);
}

TEST_CASE("Met files: the same category twice for one borough is refused") {
    const fs::path file = kBroken / "met-duplicate-row.csv";
    CHECK(reported(problems_of([&] { read_a(file, "Croydon"); }), file.string() + ":4:",
                   "duplicate row: line 2 has the same borough and category"));
}

TEST_CASE("Met files: a stray quote is malformed CSV") {
    const fs::path file = kBroken / "met-bad-quote.csv";
    CHECK(reported(problems_of([&] { read_a(file, "Croydon"); }),
                   file.string() + ":3:", "malformed CSV"));
}

TEST_CASE("Met files need a mapping of the Met's format") {
    const CategoryMapping police = CategoryMapping::load(kMappings / "police-uk-street.toml");
    const fs::path file = kFixtures / "mps-borough-a-2019q1.csv";
    CHECK(reported(problems_of([&] {
                       read_met_monthly(file, police, {"Croydon", {}});
                   }),
                   (kMappings / "police-uk-street.toml").string(),
                   "this mapping is for police-uk files"));
}
