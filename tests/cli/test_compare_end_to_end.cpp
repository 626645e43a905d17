// `vrsim compare` through the real binary: the comparison's files, charts and
// notebook, the headline table, and exit code 2 for scenarios that cannot be
// compared or an engine not built.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;
using vrsim::testing::run_vrsim;
using vrsim::testing::TemporaryFolder;

namespace {

std::string fixture(const std::string& name) {
    return (fs::path(VRSIM_SOURCE_DIR) / "tests" / "scenarios" / "fixtures" / name).string();
}

}  // namespace

TEST_CASE("vrsim compare writes the comparison, charts and notebook", "[cli][comparison]") {
    TemporaryFolder folder("vrsim-test-compare");
    const fs::path out = folder.path() / "out";
    const auto result = run_vrsim({"compare", fixture("programmes/valid_programmes.toml"),
                                   fixture("comparison/more_iom_from_2020.toml"), "-n", "2",
                                   "--seed", "3", "--out", out.string()},
                                  folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("More IOM from 2020-04 against Programmes (2 paired "
                                           "replicates)"));
    CHECK_THAT(result.out, Catch::Contains("probability the alternative at least breaks even"));
    for (const char* name :
         {"manifest.json", "timeseries.csv", "summary.csv", "comparison.csv",
          "comparison_replicates.csv", "comparison.md", "report.ipynb", "charts/cost_benefit.svg",
          "charts/cost_effectiveness_plane.pdf", "charts/programme_iom.png"}) {
        INFO(name);
        CHECK(fs::exists(out / name));
    }
    const std::string comparison = vrsim::testing::read_file(out / "comparison.csv");
    CHECK_THAT(comparison, Catch::StartsWith("base,alternative,measure,mean,median,p05,p95,"
                                             "probability_better\n"
                                             "Programmes,More IOM from 2020-04,offences_averted,"));
}

TEST_CASE("vrsim compare --summary-only pairs the same replicates without timeseries.csv",
          "[cli][comparison]") {
    TemporaryFolder folder("vrsim-test-compare");
    auto compare = [&](const fs::path& out, bool summary_only) {
        std::vector<std::string> arguments = {"compare",
                                              fixture("programmes/valid_programmes.toml"),
                                              fixture("comparison/more_iom_from_2020.toml"),
                                              "-n",
                                              "3",
                                              "--seed",
                                              "3",
                                              "--out",
                                              out.string(),
                                              "--no-charts",
                                              "--no-notebook",
                                              "-q"};
        if (summary_only) {
            arguments.emplace_back("--summary-only");
        }
        return run_vrsim(arguments, folder);
    };
    const fs::path full = folder.path() / "full";
    const fs::path summary = folder.path() / "summary";
    REQUIRE(compare(full, false).exit_code == 0);
    const auto result = compare(summary, true);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(fs::exists(full / "timeseries.csv"));
    CHECK_FALSE(fs::exists(summary / "timeseries.csv"));
    CHECK(fs::exists(summary / "summary.csv"));
    // The paired differences do not come from the file: the same either way.
    for (const char* name : {"comparison.csv", "comparison_replicates.csv", "comparison.md"}) {
        INFO(name);
        CHECK(vrsim::testing::read_file(summary / name) == vrsim::testing::read_file(full / name));
    }
}

TEST_CASE("vrsim compare exits 2 for scenarios it cannot compare", "[cli][comparison]") {
    TemporaryFolder folder("vrsim-test-compare");
    const fs::path out = folder.path() / "out";
    auto result =
        run_vrsim({"compare", fixture("programmes/valid_programmes.toml"),
                   fixture("comparison/later_start.toml"), "-n", "1", "--out", out.string(), "-q"},
                  folder);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("must cover the same months"));
    CHECK_FALSE(fs::exists(out / "manifest.json"));

    result = run_vrsim({"compare", fixture("programmes/valid_programmes.toml"),
                        fixture("comparison/same_as_base.toml"), "--engine", "ant", "-q"},
                       folder);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("--engine"));

    result = run_vrsim({"compare", fixture("programmes/valid_programmes.toml")}, folder);
    CHECK(result.exit_code == 2);  // an alternative is required
}

TEST_CASE("vrsim compare --engine cohort: identical scenarios differ by exactly zero",
          "[cli][comparison][cohort]") {
    TemporaryFolder folder("vrsim-test-compare");
    const fs::path out = folder.path() / "out";
    const auto result =
        run_vrsim({"compare", fixture("programmes/valid_programmes.toml"),
                   fixture("comparison/same_as_base.toml"), "--engine", "cohort", "-n", "2",
                   "--out", out.string(), "--no-charts", "--no-notebook", "-q"},
                  folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const nlohmann::json manifest =
        nlohmann::json::parse(vrsim::testing::read_file(out / "manifest.json"));
    CHECK(manifest["engine"] == "cohort");
    // The fixture's parameters carry distributions: one cohort run per draw.
    CHECK(manifest["replicates"] == 2);
    const std::string comparison = vrsim::testing::read_file(out / "comparison.csv");
    CHECK_THAT(comparison, Catch::Contains(",offences_averted,0,0,0,0,"));
    // The cohort engine does not count victims as people.
    CHECK_THAT(comparison, Catch::Contains(",victims_spared,nan,"));
}

TEST_CASE("vrsim compare gives byte-identical files for any thread count", "[cli][comparison]") {
    TemporaryFolder folder("vrsim-test-compare");
    for (const char* threads : {"1", "2"}) {
        const auto result = run_vrsim(
            {"compare", fixture("programmes/valid_programmes.toml"),
             fixture("comparison/more_iom_from_2020.toml"), "-n", "3", "--threads", threads,
             "--out", (folder.path() / threads).string(), "-q", "--no-charts", "--no-notebook"},
            folder);
        REQUIRE(result.exit_code == 0);
    }
    for (const char* name : {"timeseries.csv", "summary.csv", "comparison.csv",
                             "comparison_replicates.csv", "comparison.md"}) {
        INFO(name);
        CHECK(vrsim::testing::read_file(folder.path() / "1" / name) ==
              vrsim::testing::read_file(folder.path() / "2" / name));
    }
}

TEST_CASE("vrsim compare moves budgets to the price year, so no ratio depends on it",
          "[cli][comparison][cohort]") {
    TemporaryFolder folder("vrsim-test-compare-prices");
    // The mean of `measure` in comparison.csv (base,alternative,measure,mean,...).
    auto mean_of = [](const fs::path& out, const std::string& measure) {
        for (const std::string& line :
             vrsim::testing::lines_of(vrsim::testing::read_file(out / "comparison.csv"))) {
            const std::vector<std::string> fields = vrsim::testing::fields_of(line);
            if (fields.size() == 8 && fields[2] == measure) {
                return std::stod(fields[3]);
            }
        }
        FAIL("no " << measure << " in " << out);
        return 0.0;
    };
    std::vector<fs::path> outs;
    for (const std::string year : {"2024", "2020"}) {
        const fs::path out = folder.path() / year;
        const auto result = run_vrsim(
            {"compare", fixture("programmes/valid_programmes.toml"),
             fixture("comparison/more_iom_from_2020.toml"), "--engine", "cohort", "-n", "3",
             "--price-year", year, "--out", out.string(), "--no-charts", "--no-notebook", "-q"},
            folder);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        outs.push_back(out);
    }
    // £50,000 more in 2020-21, the second of the 24 months' financial years, in
    // its own (2020-21) prices; in 2024-25 prices x 100 / 85.1002 (the shipped
    // GDP deflator) = £58,754.27.
    CHECK(mean_of(outs[1], "programme_spend_gbp") == Approx(50000.0).epsilon(1e-12));
    CHECK(mean_of(outs[0], "programme_spend_gbp") == Approx(58754.27).margin(0.01));
    // Every pound moves by the same factor, so the ratios do not.
    CHECK(mean_of(outs[0], "benefit_cost_ratio") ==
          Approx(mean_of(outs[1], "benefit_cost_ratio")).epsilon(1e-12));
    CHECK(mean_of(outs[0], "present_value_benefits_gbp") ==
          Approx(mean_of(outs[1], "present_value_benefits_gbp") * 100.0 / 85.1002).epsilon(1e-12));
}
