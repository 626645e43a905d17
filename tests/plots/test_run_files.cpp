// Reading a run folder's files for charts: values as written, RFC 4180 quoting,
// and every malformed file named with its line and column.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "plot_test_files.hpp"
#include "vrsim/plots/errors.hpp"
#include "vrsim/plots/run_files.hpp"

using namespace vrsim::plots;
using namespace vrsim::plots::testing;
using vrsim::model::YearMonth;

namespace {

const std::string kSummaryHeader = "scenario,month,outcome,mean,p05,p25,p50,p75,p95\n";

// The InputError message of reading `text` as summary.csv.
std::string summary_error(const std::string& text) {
    TemporaryFolder folder;
    const auto file = folder.path() / "summary.csv";
    write_file(file, text);
    try {
        read_summary_csv(file);
    } catch (const InputError& error) {
        return error.what();
    }
    FAIL("no InputError for:\n" << text);
    return "";
}

}  // namespace

TEST_CASE("summary.csv: scenarios, outcomes and quantiles as written", "[plots][files]") {
    const Summary summary = read_summary_csv(fixture("three_scenarios") / "summary.csv");
    // The fixture's second scenario has a comma in its name, so the file quotes it.
    REQUIRE(summary.scenarios ==
            std::vector<std::string>{"Baseline", "IOM, triage & more", "Mayor's plan"});
    CHECK(summary.outcomes ==
          std::vector<std::string>{"recorded_violence_with_injury", "custody_population",
                                   "programme.iom.caseload", "programme.iom.waiting_list"});
    const auto* points = summary.find("Baseline", "recorded_violence_with_injury");
    REQUIRE(points != nullptr);
    REQUIRE(points->size() == 6);
    // Line 2 of the file: Baseline,2019-04,recorded_violence_with_injury,40,37.3,38.5,40,41.5,42.7
    CHECK(points->front().month == YearMonth::of(2019, 4));
    CHECK(points->front().mean == 40.0);
    CHECK(points->front().quantiles.p05 == 37.3);
    CHECK(points->front().quantiles.p25 == 38.5);
    CHECK(points->front().quantiles.p95 == 42.7);
    CHECK(points->back().month == YearMonth::of(2019, 9));
    CHECK(summary.find("Nobody", "recorded_violence_with_injury") == nullptr);
}

TEST_CASE("summary.csv: a filter keeps only some outcomes' values", "[plots][files]") {
    const Summary summary =
        read_summary_csv(fixture("three_scenarios") / "summary.csv",
                         [](std::string_view outcome) { return outcome == "custody_population"; });
    CHECK(summary.outcomes.size() == 4);  // every name is still listed
    CHECK(summary.series.size() == 3);    // three scenarios x one outcome
    CHECK(summary.find("Baseline", "recorded_violence_with_injury") == nullptr);
}

TEST_CASE("summary.csv: malformed files name file, line and column", "[plots][files]") {
    const std::string good_row = "Base,2019-04,victims,1,0,0.5,1,1.5,2\n";
    CHECK_THAT(summary_error(kSummaryHeader + good_row + "Base,2019-05,victims,1,0,x,1,1,1\n"),
               Catch::Contains("summary.csv:3: column \"p25\": expected a number, got \"x\""));
    CHECK_THAT(summary_error(kSummaryHeader + "Base,2019-13,victims,1,0,0,1,1,1\n"),
               Catch::Contains("summary.csv:2: column \"month\": expected a month as YYYY-MM, "
                               "got \"2019-13\""));
    CHECK_THAT(summary_error(kSummaryHeader + good_row + "Base,2019-05,victims,1\n"),
               Catch::Contains("summary.csv:3: too few fields"));
    CHECK_THAT(summary_error(kSummaryHeader + "Base,2019-04,victims,1,0,0,1,1,1,9\n"),
               Catch::Contains("summary.csv:2: more fields than the header has columns"));
    CHECK_THAT(summary_error(kSummaryHeader + "\"Base,2019-04,victims,1,0,0,1,1,1\n"),
               Catch::Contains("summary.csv:2: a quoted field is not closed"));
    CHECK_THAT(summary_error("scenario,month,outcome,mean,p05,p25,p50,p75\n" + good_row),
               Catch::Contains("summary.csv:1: header: column \"p95\" is missing"));
    CHECK_THAT(summary_error(""), Catch::Contains("summary.csv: the file is empty"));
    CHECK_THAT(summary_error(kSummaryHeader + ",2019-04,victims,1,0,0,1,1,1\n"),
               Catch::Contains("summary.csv:2: column \"scenario\": expected a name"));
    // A month that repeats in a series is a broken or concatenated file.
    CHECK_THAT(summary_error(kSummaryHeader + good_row + good_row),
               Catch::Contains("summary.csv:3: column \"month\": month 2019-04") &&
                   Catch::Contains("repeats or comes after 2019-04"));
}

TEST_CASE("timeseries.csv: replicates and values by scenario and outcome", "[plots][files]") {
    const Timeseries timeseries =
        read_timeseries_csv(fixture("three_scenarios") / "timeseries.csv");
    CHECK(timeseries.scenarios.size() == 3);
    const auto* values = timeseries.find("IOM, triage & more", "custody_population");
    REQUIRE(values != nullptr);
    CHECK(values->size() == 18);  // 3 replicates x 6 months

    TemporaryFolder folder;
    const auto file = folder.path() / "timeseries.csv";
    write_file(file, "scenario,replicate,month,outcome,value\nA,-1,2019-04,victims,3\n");
    CHECK_THROWS_WITH(read_timeseries_csv(file),
                      Catch::Contains("timeseries.csv:2: column \"replicate\": expected a "
                                      "replicate number (0 or more), got \"-1\""));
}

TEST_CASE("comparison files: empty statistics read as NaN", "[plots][files]") {
    const std::vector<ComparisonRow> rows =
        read_comparison_csv(fixture("three_scenarios") / "comparison.csv");
    REQUIRE(rows.size() == 12);
    CHECK(rows[0].base == "Baseline");
    CHECK(rows[0].alternative == "IOM, triage & more");
    CHECK(rows[0].measure == "offences_averted");
    CHECK(rows[0].p95 == 41.0);
    CHECK(rows[0].probability_better == 0.97);
    CHECK(rows[5].measure == "benefit_cost_ratio");
    CHECK(std::isnan(rows[5].probability_better));

    const std::vector<ComparisonReplicateRow> replicates =
        read_comparison_replicates_csv(fixture("three_scenarios") / "comparison_replicates.csv");
    REQUIRE(replicates.size() == 12);
    CHECK(replicates[1].replicate == 0);
    CHECK(replicates[1].measure == "programme_spend_gbp");
    CHECK(replicates[1].value == 248000.0);
}

TEST_CASE("manifest.json: footer facts, and missing keys named", "[plots][files]") {
    const RunManifest manifest = read_manifest(fixture("three_scenarios") / "manifest.json");
    CHECK(manifest.version == "0.1.0");
    CHECK(manifest.seed == 42);
    CHECK(manifest.replicates == 3);
    CHECK(manifest.scenarios.size() == 3);
    CHECK(manifest.places == std::vector<std::string>(3, "Testville"));
    CHECK(manifest.start_month == YearMonth::of(2019, 4));

    TemporaryFolder folder;
    const auto file = folder.path() / "manifest.json";
    write_file(file, R"({"version": "0.1.0", "replicates": 3, "scenarios": []})");
    CHECK_THROWS_WITH(read_manifest(file), Catch::Contains("manifest.json: missing key \"seed\""));
    write_file(file, R"({"version": "0.1.0", "seed": -4, "replicates": 3, "scenarios": []})");
    CHECK_THROWS_WITH(read_manifest(file),
                      Catch::Contains("key \"seed\": expected a whole number, got -4"));
    write_file(file, R"({"version": "0.1.0", "seed": 4, "replicates": 3, "start_month": "April",
                          "scenarios": []})");
    CHECK_THROWS_WITH(read_manifest(file),
                      Catch::Contains("key \"start_month\": expected a month as \"YYYY-MM\", "
                                      "got \"April\""));
    write_file(file, "{\"version\": ");
    CHECK_THROWS_WITH(read_manifest(file), Catch::Contains("manifest.json: not valid JSON"));
    CHECK_THROWS_AS(read_manifest(folder.path() / "absent.json"), InputError);
    CHECK_THROWS_WITH(read_summary_csv(folder.path() / "absent.csv"),
                      Catch::Contains("absent.csv: cannot open: No such file or directory"));
}

TEST_CASE("observed history: place-wide rows, or the sum of the areas", "[plots][files]") {
    const std::vector<ObservedPoint> points =
        read_observed_csv(fixture("three_scenarios") / "observed.csv");
    // 10 rows, one of them NA (a missing month).
    REQUIRE(points.size() == 9);
    const auto series = observed_for_place(points, "testville");
    const ObservedSeries& violence = series.at("recorded_violence_with_injury");
    CHECK_FALSE(violence.summed_over_areas);
    // Rows with no area and the row whose area is the place itself (any case).
    REQUIRE(violence.points.size() == 5);
    CHECK(violence.points.front() == std::pair{YearMonth::of(2018, 10), 44.0});
    CHECK(violence.points.back() == std::pair{YearMonth::of(2019, 3), 43.0});
    const ObservedSeries& custody = series.at("custody_population");
    CHECK(custody.summed_over_areas);
    // North 70 + South 52 in January, 69 + 50 in February.
    REQUIRE(custody.points.size() == 2);
    CHECK(custody.points[0] == std::pair{YearMonth::of(2019, 1), 122.0});
    CHECK(custody.points[1] == std::pair{YearMonth::of(2019, 2), 119.0});
}

TEST_CASE("observed history: the area column is optional; bad rows are named", "[plots][files]") {
    TemporaryFolder folder;
    const auto file = folder.path() / "observed.csv";
    write_file(file, "outcome,month,value,source\nvictims,2019-01,5,police.uk\n");
    const std::vector<ObservedPoint> points = read_observed_csv(file);
    REQUIRE(points.size() == 1);
    CHECK(points[0].area.empty());
    CHECK(points[0].value == 5.0);

    // A spreadsheet's byte order mark before the header is not part of "month".
    write_file(file, "\xEF\xBB\xBFmonth,outcome,value\r\n2019-01,victims,5\r\n");
    REQUIRE(read_observed_csv(file).size() == 1);
    CHECK(read_observed_csv(file)[0].month == YearMonth::of(2019, 1));

    write_file(file, "month,outcome,value\n2019-01,victims,5\n2019-01,victims,6\n");
    CHECK_THROWS_WITH(read_observed_csv(file),
                      Catch::Contains("observed.csv:3: column \"month\": month 2019-01 of "
                                      "outcome victims repeats line 2"));
    write_file(file, "month,outcome,value\n2019-01,victims,inf\n");
    CHECK_THROWS_WITH(read_observed_csv(file),
                      Catch::Contains("observed.csv:2: column \"value\": expected a finite"));
    write_file(file, "month,result,value\n2019-01,victims,5\n");
    CHECK_THROWS_WITH(read_observed_csv(file),
                      Catch::Contains("observed.csv:1: column \"outcome\": missing from the "
                                      "header; expected the columns month,outcome,value"));
}
