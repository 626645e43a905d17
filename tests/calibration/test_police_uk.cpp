// police.uk street-level files: a real three-month excerpt in the download's
// YYYY-MM/ layout (counts by hand: awk over the fixture files, grouping the
// "Crime type" column as the mapping does) and broken folders.
#include <catch2/catch.hpp>

#include "observed_test_support.hpp"
#include "vrsim/calibration/police_uk.hpp"

using namespace vrsim::calibration;
using namespace vrsim::calibration::testing;

namespace {

const CategoryMapping& police_mapping() {
    static const CategoryMapping mapping =
        CategoryMapping::load(kMappings / "police-uk-street.toml");
    return mapping;
}

LsoaFilter prefix(const std::string& name) {
    LsoaFilter filter;
    filter.name_prefix = name;
    return filter;
}

ObservedSeries read_folder(const fs::path& folder, const LsoaFilter& filter,
                           ReadReport* report = nullptr) {
    return read_police_uk_street({folder}, police_mapping(), filter, report);
}

}  // namespace

TEST_CASE("police.uk: the City of London's records by month and outcome") {
    ReadReport report;
    const ObservedSeries series =
        read_folder(kFixtures / "policeuk", prefix("City of London"), &report);
    const std::string area = "City of London";
    // 2019-01: 12 acquisitive (2 bicycle, 4 other theft, 6 vehicle), 3 other
    // (1 criminal damage, 2 drugs), 12 anti-social behaviour (ignored).
    CHECK(value_at(series, area, "recorded_acquisitive", "2019-01") == 12);
    CHECK(value_at(series, area, "recorded_other", "2019-01") == 3);
    CHECK(value_at(series, area, "recorded_robbery", "2019-01") == 0);
    CHECK(value_at(series, area, "recorded_total", "2019-01") == 15);
    // 2019-02: 12 acquisitive, 5 other, 1 violence and sexual offences.
    CHECK(value_at(series, area, "recorded_total", "2019-02") == 18);
    CHECK(value_at(series, area, "recorded_other", "2019-02") == 5);
    // 2019-03: 1 robbery, 10 acquisitive, 2 other, 2 violence and sexual offences.
    CHECK(value_at(series, area, "recorded_robbery", "2019-03") == 1);
    CHECK(value_at(series, area, "recorded_acquisitive", "2019-03") == 10);
    CHECK(value_at(series, area, "recorded_total", "2019-03") == 15);
    CHECK(series.values.size() == 4 * 3);
    CHECK_FALSE(has_value(series, "recorded_violence_against_the_person"));
    CHECK_FALSE(has_value(series, "recorded_sexual"));

    // 32 records a file; 27 + 23 + 26 in the City; 2 a file have no location.
    REQUIRE(report.notes.size() == 2);
    CHECK(report.notes[0] == "96 records read from 3 files, 76 of them in City of London");
    CHECK(report.notes[1].starts_with("6 records have no location"));
    const auto asb =
        std::find_if(report.categories.begin(), report.categories.end(),
                     [](const auto& c) { return c.category == "Anti-social behaviour"; });
    REQUIRE(asb != report.categories.end());
    CHECK(asb->ignored);
    CHECK(asb->rows == 12 + 5 + 11);
}

TEST_CASE("police.uk: each value names the records it counts") {
    const ObservedSeries series = read_folder(kFixtures / "policeuk", prefix("City of London"));
    const auto indexes = series.series_of("City of London", "recorded_robbery");
    REQUIRE(indexes.size() == 3);
    const ObservedValue& march = series.values[indexes[2]];
    REQUIRE(march.sources.size() == 1);
    const std::string described = series.describe(march.sources[0]);
    CHECK(described.ends_with("2019-03-city-of-london-street.csv:15"));
}

TEST_CASE("police.uk: an area given as LSOA codes, or as another name prefix") {
    LsoaFilter codes;
    codes.codes = read_lsoa_codes(kFixtures / "lsoa-codes-camden.txt");
    codes.area = "Camden edge";
    ReadReport report;
    const ObservedSeries series = read_folder(kFixtures / "policeuk", codes, &report);
    // E01000914 and E01000916, without anti-social behaviour.
    CHECK(value_at(series, "Camden edge", "recorded_total", "2019-01") == 2);
    CHECK(value_at(series, "Camden edge", "recorded_acquisitive", "2019-02") == 3);
    CHECK(value_at(series, "Camden edge", "recorded_other", "2019-02") == 2);
    CHECK(value_at(series, "Camden edge", "recorded_robbery", "2019-02") == 1);
    CHECK(value_at(series, "Camden edge", "recorded_total", "2019-02") == 6);
    CHECK(value_at(series, "Camden edge", "recorded_total", "2019-03") == 3);
    CHECK(report.notes.back() ==
          "1 of the 3 LSOA codes listed have no record in these files: E01001001");

    // "Camden" takes Camden 027B, 027C and 028B: the same records plus E01000917's
    // anti-social behaviour, which is ignored.
    const ObservedSeries camden = read_folder(kFixtures / "policeuk", prefix("Camden"));
    for (const char* month : {"2019-01", "2019-02", "2019-03"}) {
        CHECK(value_at(camden, "Camden", "recorded_total", month) ==
              value_at(series, "Camden edge", "recorded_total", month));
    }
}

TEST_CASE("police.uk: a prefix matches whole words and must match something") {
    const auto problems = problems_of([] { read_folder(kFixtures / "policeuk", prefix("Camde")); });
    CHECK(reported(problems, (kFixtures / "policeuk").string(),
                   "no record in these files is in LSOA name prefix \"Camde\" (did you mean "
                   "\"Camden\"?)"));
}

TEST_CASE("police.uk: a month missing between two files is a gap") {
    const fs::path folder = kBroken / "policeuk-gap";
    CHECK(reported(problems_of([&] { read_folder(folder, prefix("City of London")); }),
                   (folder / "2019-03-city-of-london-street.csv").string(),
                   "gap in the months of city-of-london: no street file for 2019-02"));
}

TEST_CASE("police.uk: two files for one force and month are refused") {
    const fs::path folder = kBroken / "policeuk-duplicate";
    const auto problems = problems_of([&] { read_folder(folder, prefix("City of London")); });
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("a second street file for city-of-london in 2019-01") !=
          std::string::npos);
    CHECK(problems[0].find((folder / "2019-01-city-of-london-street.csv").string()) !=
          std::string::npos);
    CHECK(problems[0].find((folder / "2019-01" / "2019-01-city-of-london-street.csv").string()) !=
          std::string::npos);
}

TEST_CASE("police.uk: forces that cover different months are refused") {
    const fs::path folder = kBroken / "policeuk-forces";
    CHECK(reported(problems_of([&] { read_folder(folder, prefix("City of London")); }),
                   (folder / "2019-02-metropolitan-street.csv").string(),
                   "forces cover different months: metropolitan runs 2019-02..2019-02"));
}

TEST_CASE("police.uk: a wrong header is refused") {
    const fs::path folder = kBroken / "policeuk-wrong-header";
    CHECK(reported(problems_of([&] { read_folder(folder, prefix("City of London")); }),
                   (folder / "2019-01-city-of-london-street.csv").string() + ":1: column 8",
                   "expected \"LSOA code\", got \"LSOA\""));
}

TEST_CASE("police.uk: bad records are reported by line") {
    const fs::path folder = kBroken / "policeuk-bad-rows";
    const std::string file = (folder / "2019-01" / "2019-01-city-of-london-street.csv").string();
    const auto problems = problems_of([&] { read_folder(folder, prefix("City of London")); });
    CHECK(reported(problems, file + ":3: column 2 (Month)",
                   "expected 2019-01 as in the file's name, got \"2019-02\""));
    CHECK(reported(problems, file + ":4:", "expected 12 fields as in the header, got 11"));
    CHECK(reported(problems, file + ":5:", "unknown crime type \"Violent crime\" (1 record)"));
    CHECK(reported(problems, file + ":6: column 10 (Crime type)", "empty"));
    CHECK(problems.size() == 4);
}

TEST_CASE("police.uk: LSOA code lists are checked") {
    const fs::path file = kBroken / "lsoa-codes-bad.txt";
    const auto problems = problems_of([&] { read_lsoa_codes(file); });
    CHECK(reported(problems, file.string() + ":2:", "expected an LSOA code"));
    CHECK(reported(problems, file.string() + ":3:", "E01000914 is already listed at line 1"));
}

TEST_CASE("police.uk: a folder with no street files is an error") {
    CHECK(reported(problems_of([] { read_folder(kBroken, prefix("City of London")); }),
                   kBroken.string(), "no police.uk street files"));
}
