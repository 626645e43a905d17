// Reading a run folder: the manifest's facts, summary.csv, the headline
// outcome's replicates, comparison.csv and charts/, and bad input refused with
// the file and line.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "notebook_test_files.hpp"
#include "vrsim/notebooks/csv_records.hpp"
#include "vrsim/notebooks/run_files.hpp"

using namespace vrsim::notebooks;
using namespace vrsim::notebooks::testing;

namespace {

std::string read_error(const fs::path& folder) {
    try {
        read_run_files(folder);
    } catch (const RunFolderError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("Run files: the hand-made two-scenario folder", "[notebooks][run_files]") {
    const RunFiles run = read_run_files(fixture("two_scenarios"));
    CHECK(run.scenarios == std::vector<std::string>{"Baseline", "IOM, expanded"});
    CHECK(run.place == "Testville");
    CHECK(run.horizon_months == 24);
    CHECK(run.month_name(0) == "2021-04");
    CHECK(run.month_name(23) == "2023-03");
    CHECK(run.replicates == 3);
    CHECK(run.seed == 7);
    CHECK(run.outcomes == std::vector<std::string>{"recorded_violence_against_the_person",
                                                   "offences_committed", "custody_population",
                                                   "programme.iom.caseload",
                                                   "programme.iom.waiting_list"});
    // 2 scenarios x 24 months x 5 outcomes.
    CHECK(run.summary.size() == 240);
    REQUIRE(run.has_timeseries);
    REQUIRE(run.headline_replicates.size() == 2);
    REQUIRE(run.headline_replicates[1].size() == 3);
    // IOM, expanded, replicate 2: 10 + r - 2y = 12 in 2021-04, 10 in 2023-03.
    CHECK(run.headline_replicates[1][2][0] == 12.0);
    CHECK(run.headline_replicates[1][2][23] == 10.0);
    REQUIRE(run.has_comparison);
    CHECK(run.comparison.size() == 8);
    CHECK(run.comparison[5].measure == "net_present_value_gbp");
    CHECK(run.comparison[5].p05 == -3500.0);
    CHECK(std::isnan(run.comparison[6].probability_better));  // left empty in the file
    CHECK(run.has_comparison_replicates);
    CHECK(run.charts == std::vector<std::string>{"charts/recorded_violence.svg"});
}

TEST_CASE("Run files: bad input is refused with file, line and field", "[notebooks][run_files]") {
    TemporaryFolder temporary;
    const fs::path run = copy_fixture("two_scenarios", temporary.path());
    const std::string summary = read_file(run / "summary.csv");
    const std::string timeseries = read_file(run / "timeseries.csv");

    SECTION("not a folder") {
        CHECK(read_error(run / "nothing") ==
              (run / "nothing").string() +
                  ": not a folder; expected a run folder written by `vrsim run`");
    }
    SECTION("no manifest") {
        fs::remove(run / "manifest.json");
        CHECK_THAT(read_error(run),
                   Catch::StartsWith((run / "manifest.json").string() + ": cannot be read"));
    }
    SECTION("a manifest that is not JSON") {
        write_file(run / "manifest.json", "{\"scenarios\": [");
        CHECK_THAT(read_error(run),
                   Catch::StartsWith((run / "manifest.json").string() + ": not valid JSON"));
    }
    SECTION("a manifest without a start month") {
        write_file(run / "manifest.json",
                   replaced(read_file(run / "manifest.json"), "\"2021-04\"", "\"April 2021\""));
        CHECK(read_error(run) == (run / "manifest.json").string() +
                                     ": field 'start_month': expected a month as YYYY-MM");
    }
    SECTION("a number that is not one, on line 3 of summary.csv") {
        write_file(run / "summary.csv",
                   replaced(summary, "Baseline,2021-04,offences_committed,32,",
                            "Baseline,2021-04,offences_committed,thirty-two,"));
        CHECK(read_error(run) == (run / "summary.csv").string() +
                                     ":3: field 'mean': expected a number, got 'thirty-two'");
    }
    SECTION("a month outside the horizon") {
        write_file(run / "summary.csv", replaced(summary, "Baseline,2021-04,offences_committed,",
                                                 "Baseline,2031-04,offences_committed,"));
        CHECK(read_error(run) ==
              (run / "summary.csv").string() +
                  ":3: field 'month': expected a month from 2021-04 to 2023-03 (manifest.json), "
                  "got '2031-04'");
    }
    SECTION("a scenario the manifest does not have") {
        write_file(run / "timeseries.csv",
                   replaced(timeseries, "Baseline,0,2021-04,offences_committed,",
                            "Basline,0,2021-04,offences_committed,"));
        CHECK(read_error(run) ==
              (run / "timeseries.csv").string() +
                  ":3: field 'scenario': expected a scenario of manifest.json (Baseline, IOM, "
                  "expanded), got 'Basline'");
    }
    SECTION("a replicate the manifest does not have") {
        write_file(run / "timeseries.csv",
                   replaced(timeseries, "Baseline,0,2021-04,offences_committed,",
                            "Baseline,3,2021-04,offences_committed,"));
        CHECK(read_error(run) ==
              (run / "timeseries.csv").string() +
                  ":3: field 'replicate': expected a replicate from 0 to 2 (manifest.json has 3 "
                  "replicates), got '3'");
    }
    SECTION("a short row in comparison.csv") {
        std::string comparison = read_file(run / "comparison.csv");
        write_file(run / "comparison.csv",
                   replaced(comparison, "offences_averted,12,12,12,12,1", "offences_averted,12"));
        CHECK(read_error(run) ==
              (run / "comparison.csv").string() +
                  ":2: expected 8 fields "
                  "(base,alternative,measure,mean,median,p05,p95,probability_better), got 4");
    }
    SECTION("a scenario with no summary rows") {
        std::string only_base;
        std::istringstream lines(summary);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("\"IOM", 0) != 0) {
                only_base += line + "\n";
            }
        }
        write_file(run / "summary.csv", only_base);
        CHECK(read_error(run) == (run / "summary.csv").string() +
                                     ": no rows for scenario 'IOM, expanded' of manifest.json");
    }
}
