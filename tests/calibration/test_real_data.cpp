// The full real files in ../shared/data read without a problem and give the
// totals computed from them independently with awk (sums of the twelve 2019
// columns of Croydon's rows, grouped by MajorText as the mapping groups them; the
// same figures as the README's "How the defaults were derived").
#include <catch2/catch.hpp>

#include "observed_test_support.hpp"
#include "vrsim/calibration/met_monthly.hpp"
#include "vrsim/calibration/police_uk.hpp"

using namespace vrsim::calibration;
using namespace vrsim::calibration::testing;

namespace {

double year_total(const ObservedSeries& series, const std::string& area, const std::string& outcome,
                  int year) {
    for (const AnnualTotal& total : annual_totals(series)) {
        if (total.area == area && total.outcome == outcome && total.year == year) {
            REQUIRE(total.months == 12);
            return total.value;
        }
    }
    FAIL("no " << outcome << " for " << year);
    return 0.0;
}

}  // namespace

TEST_CASE("Real Met borough file: Croydon's 2019 totals by outcome") {
    const fs::path file = kSharedData / "mps-borough-monthly" / "scheme-a_2010-04_2022-01.csv";
    REQUIRE(fs::exists(file));
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-a.toml");
    const ObservedSeries series = read_met_monthly(file, mapping, {"Croydon", {}});
    const std::string croydon = "Croydon";
    CHECK(year_total(series, croydon, "recorded_violence_against_the_person", 2019) == 9828);
    CHECK(year_total(series, croydon, "recorded_robbery", 2019) == 1169);
    CHECK(year_total(series, croydon, "recorded_sexual", 2019) == 1044);
    CHECK(year_total(series, croydon, "recorded_acquisitive", 2019) == 13955);
    CHECK(year_total(series, croydon, "recorded_other", 2019) == 7857);
    CHECK(year_total(series, croydon, "recorded_total", 2019) == 33853);
    // 166 months less the 4 of 2022's file: 2010-04..2022-01 is 142 months.
    CHECK(series.series_of(croydon, "recorded_total").size() == 142);
}

TEST_CASE("Real Met borough files of both vintages join without a gap") {
    const fs::path folder = kSharedData / "mps-borough-monthly";
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-a.toml");
    std::vector<ObservedSeries> parts;
    for (const char* name : {"scheme-a_2010-04_2022-01.csv", "scheme-a_2022-02_2024-01.csv"}) {
        parts.push_back(read_met_monthly(folder / name, mapping, {"Croydon", {}}));
    }
    const ObservedSeries joined = combine_series(std::move(parts), Overlap::error);
    CHECK(joined.series_of("Croydon", "recorded_total").size() == 166);
}

// awk over scheme-c_2017-01_2018-12.csv, Croydon, the twelve 2018 columns.
TEST_CASE("Real Met scheme C file: Croydon's 2018 totals") {
    const fs::path file = kSharedData / "mps-borough-monthly" / "scheme-c_2017-01_2018-12.csv";
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-c.toml");
    const ObservedSeries series = read_met_monthly(file, mapping, {"Croydon", {}});
    CHECK(year_total(series, "Croydon", "recorded_total", 2018) == 30924);
    CHECK(year_total(series, "Croydon", "recorded_robbery", 2018) == 1101);
    CHECK(year_total(series, "Croydon", "recorded_acquisitive", 2018) == 12788);
}

TEST_CASE("Real Met ward files: overlapping vintages join when the later is preferred") {
    const fs::path folder = kSharedData / "mps-ward-monthly";
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-a.toml");
    std::vector<ObservedSeries> parts;
    for (const char* name : {"scheme-a_2020-09_2022-08.csv", "scheme-a_2021-12_2023-11.csv"}) {
        parts.push_back(read_met_monthly(folder / name, mapping, {"Croydon", {}}));
    }
    const ObservedSeries joined = combine_series(std::move(parts), Overlap::later_vintage);
    // 2020-09..2023-11.
    CHECK(joined.series_of("Croydon", "recorded_total").size() == 39);
    // awk: Croydon's rows of the later file, column 202201 summed.
    CHECK(value_at(joined, "Croydon", "recorded_total", "2022-01") == 2720);
}

// awk over the 12 files 2019-01..2019-12: records whose LSOA name starts
// "City of London ", by crime type, grouped as the mapping groups them.
TEST_CASE("Real police.uk folder: the City of London's 2019 totals") {
    const fs::path folder = kSharedData / "policeuk-street-city-of-london";
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "police-uk-street.toml");
    LsoaFilter filter;
    filter.name_prefix = "City of London";
    const ObservedSeries series = read_police_uk_street({folder}, mapping, filter);
    CHECK(series.series_of("City of London", "recorded_total").size() == 45);
    CHECK(year_total(series, "City of London", "recorded_total", 2019) == 7755);
    CHECK(year_total(series, "City of London", "recorded_robbery", 2019) == 156);
    CHECK(year_total(series, "City of London", "recorded_acquisitive", 2019) == 4928);
    CHECK(year_total(series, "City of London", "recorded_other", 2019) == 1463);
}
