// The narrative's figures against values worked out by hand from the fixture's
// formulas (fixtures/make_two_scenarios.py): per replicate r = 0, 1, 2, recorded
// violence against the person is 10 + r a month in the first year for both
// scenarios, 9 + r under Baseline and 8 + r under "IOM, expanded" in the second.
#include <catch2/catch.hpp>
#include <string>

#include "notebook_test_files.hpp"
#include "vrsim/notebooks/headline.hpp"
#include "vrsim/notebooks/narrative.hpp"
#include "vrsim/notebooks/run_files.hpp"

using namespace vrsim::notebooks;
using namespace vrsim::notebooks::testing;

TEST_CASE("Headline windows: first and last 12 months, or the whole of a short horizon",
          "[notebooks][headline]") {
    const auto year = headline_windows(12);
    REQUIRE(year.size() == 1);
    CHECK((year[0].first == 0 && year[0].last == 11));
    const auto short_run = headline_windows(5);
    REQUIRE(short_run.size() == 1);
    CHECK((short_run[0].first == 0 && short_run[0].last == 4));
    const auto thirty = headline_windows(30);
    REQUIRE(thirty.size() == 2);
    CHECK((thirty[0].first == 0 && thirty[0].last == 11));
    CHECK((thirty[1].first == 18 && thirty[1].last == 29));
}

TEST_CASE("Type 7 quantiles of three totals", "[notebooks][headline]") {
    // h = (n - 1) p: p05 -> 0.1, between 120 and 132: 120 + 0.1 x 12 = 121.2;
    // p95 -> 1.9: 132 + 0.9 x 12 = 142.8.
    const std::vector<double> totals = {120.0, 132.0, 144.0};
    CHECK(type7_quantile(totals, 0.05) == Approx(121.2));
    CHECK(type7_quantile(totals, 0.5) == 132.0);
    CHECK(type7_quantile(totals, 0.95) == Approx(142.8));
    CHECK(type7_quantile({7.0}, 0.95) == 7.0);
}

TEST_CASE("Headline totals per year from timeseries.csv", "[notebooks][headline]") {
    const RunFiles run = read_run_files(fixture("two_scenarios"));
    const auto windows = headline_windows(run.horizon_months);
    REQUIRE(windows.size() == 2);
    // Baseline: first year 12 x (10 + r) = 120, 132, 144; last 12 x (9 + r) = 108, 120, 132.
    const WindowTotal base_first = headline_total(run, 0, windows[0]);
    REQUIRE(base_first.available);
    CHECK(base_first.mean == Approx(132.0));
    CHECK(base_first.p05 == Approx(121.2));
    CHECK(base_first.p95 == Approx(142.8));
    CHECK(base_first.replicates == 3);
    const WindowTotal base_last = headline_total(run, 0, windows[1]);
    CHECK(base_last.mean == Approx(120.0));
    CHECK(base_last.p05 == Approx(109.2));
    CHECK(base_last.p95 == Approx(130.8));
    // IOM, expanded, last year: 12 x (8 + r) = 96, 108, 120.
    const WindowTotal alternative_last = headline_total(run, 1, windows[1]);
    CHECK(alternative_last.mean == Approx(108.0));
    CHECK(alternative_last.p05 == Approx(97.2));
    CHECK(alternative_last.p95 == Approx(118.8));
}

TEST_CASE("The headline table prints the hand-worked figures", "[notebooks][narrative]") {
    const RunFiles run = read_run_files(fixture("two_scenarios"));
    const std::string text = headline_markdown(run);
    CHECK_THAT(text, Catch::Contains("| Scenario | First 12 months (2021-04 to 2022-03) | "
                                     "Last 12 months (2022-04 to 2023-03) | Change |"));
    // Change: 120 / 132 - 1 = -9.09%; 108 / 132 - 1 = -18.18%.
    CHECK_THAT(text, Catch::Contains(
                         "| Baseline | 132.0 (121.2 to 142.8) | 120.0 (109.2 to 130.8) | -9.1% |"));
    CHECK_THAT(text, Catch::Contains("| IOM, expanded | 132.0 (121.2 to 142.8) | "
                                     "108.0 (97.2 to 118.8) | -18.2% |"));
}

TEST_CASE("Without timeseries.csv the headline is the sum of monthly means, with no interval",
          "[notebooks][narrative]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    fs::remove(folder / "timeseries.csv");
    const RunFiles run = read_run_files(folder);
    CHECK_FALSE(run.has_timeseries);
    const std::string text = headline_markdown(run);
    // Baseline's monthly mean is 11 in the first year and 10 in the second.
    CHECK_THAT(text, Catch::Contains("| Baseline | 132.0 | 120.0 | -9.1% |"));
    CHECK_THAT(text, Catch::Contains("there are no intervals"));
}

TEST_CASE("Comparison headline measures from comparison.csv", "[notebooks][narrative]") {
    const RunFiles run = read_run_files(fixture("two_scenarios"));
    const std::string text = comparison_markdown(run);
    CHECK_THAT(text, Catch::Contains("### IOM, expanded against Baseline"));
    CHECK_THAT(text, Catch::Contains("| Offences averted | 12.0 | 12.0 to 12.0 |"));
    // Per replicate: benefits 25,000, 40,000, 55,000 less costs of 30,000.
    CHECK_THAT(text, Catch::Contains("| Net present value | £10,000 | -£3,500 to £23,500 |"));
    CHECK_THAT(text,
               Catch::Contains("| Benefits (present value) | £40,000 | £26,500 to £53,500 |"));
    // Ratios 0.833, 1.333, 1.833: mean 1.33; p05 0.833 + 0.1 x 0.5 = 0.88; p95 1.78.
    CHECK_THAT(text, Catch::Contains("| Benefit-cost ratio | 1.33 | 0.88 to 1.78 |"));
    // Two of three replicates have a net present value of 0 or more.
    CHECK_THAT(text, Catch::Contains("at least breaks even (a net present value of £0 or more) "
                                     "against Baseline: **67%** of replicates."));
}

TEST_CASE("The title names the scenarios, place, horizon, replicates and seed",
          "[notebooks][narrative]") {
    const RunFiles run = read_run_files(fixture("two_scenarios"));
    const std::string text = title_markdown(run);
    CHECK_THAT(text, Catch::StartsWith("# Testville: Baseline and IOM, expanded\n"));
    CHECK_THAT(text, Catch::Contains("over 24 months from **2021-04** to **2023-03**"));
    CHECK_THAT(text, Catch::Contains("**3 replicates** from seed **7**"));
    const std::string outcomes = outcomes_markdown(run);
    CHECK_THAT(outcomes, Catch::Contains("- **Recorded violence against the person** "
                                         "(`recorded_violence_against_the_person`, offences per "
                                         "month): "));
    CHECK_THAT(outcomes, Catch::Contains("(`programme.iom.caseload`, people at month end)"));
    CHECK_THAT(charts_markdown(run),
               Catch::Contains("[charts/recorded\\_violence.svg](charts/recorded_violence.svg)"));
}

TEST_CASE("Scenario names are escaped in Markdown", "[notebooks][narrative]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    for (const char* file : {"manifest.json", "summary.csv", "timeseries.csv", "comparison.csv",
                             "comparison_replicates.csv"}) {
        std::string text = read_file(folder / file);
        for (std::size_t at = text.find("Baseline"); at != std::string::npos;
             at = text.find("Baseline", at + 1)) {
            text.replace(at, 8, "Base|*line*");
        }
        write_file(folder / file, text);
    }
    const std::string text = headline_markdown(read_run_files(folder));
    // A bare | would end the table cell; * would start emphasis.
    CHECK_THAT(text, Catch::Contains("| Base\\|\\*line\\* | 132.0 (121.2 to 142.8) |"));
}
