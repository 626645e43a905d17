// The observation model end to end: `vrsim calibrate` with [calibration.observation]
// writes the estimated dispersion and the fitted months' posterior predictive;
// `forecast` and `backtest` use the noise; bad settings and posteriors without a
// dispersion exit 2 with the place and the fix.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kObservedScenario =
    vrsim::testing::kCalibrationFixtures / "calibration_observed.toml";
const fs::path kPlainScenario = vrsim::testing::kCalibrationFixtures / "calibration_minimal.toml";
const fs::path kFactorScenario =
    vrsim::testing::kCalibrationFixtures / "calibration_factor_only.toml";
const fs::path& kObserved = vrsim::testing::kTestvilleObserved;

using Folder = vrsim::testing::TemporaryFolder;
using Result = vrsim::testing::CommandResult;
using vrsim::testing::fields_of;
using vrsim::testing::lines_of;
using vrsim::testing::read_file;
using vrsim::testing::run_vrsim;

Result calibrate(const fs::path& scenario, const fs::path& out, const Folder& folder,
                 const std::string& quiet = "--quiet") {
    return run_vrsim(
        {"calibrate", scenario.string(), "--observed", kObserved.string(), "--particles", "20",
         "--generations", "2", "--seed", "5", "--out", out.string(), quiet},
        folder);
}

// A short backtest from 2020-10 (3 months), as both backtest tests run it.
Result backtest(const fs::path& scenario, const fs::path& out, const Folder& folder) {
    return run_vrsim({"backtest",
                      scenario.string(),
                      "--observed",
                      kObserved.string(),
                      "--origins",
                      "2020-10",
                      "--horizon-months",
                      "3",
                      "--particles",
                      "10",
                      "--generations",
                      "2",
                      "-n",
                      "4",
                      "--seed",
                      "3",
                      "--out",
                      out.string(),
                      "--no-charts",
                      "--quiet"},
                     folder);
}

}  // namespace

TEST_CASE("vrsim calibrate with an observation model writes the dispersion and the predictive") {
    Folder folder("vrsim-test-observation");
    const fs::path fit = folder.path() / "fit";
    const Result result = calibrate(kObservedScenario, fit, folder, "-j1");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("recorded_total: fitted months (18) inside the "
                                           "predictive 50% band"));
    const std::vector<std::string> posterior = lines_of(read_file(fit / "posterior.csv"));
    REQUIRE(posterior.size() == 21);
    CHECK(posterior[0] ==
          "parameters.offending.base_rate_per_month,observation.recording_trend.before,"
          "observation.dispersion,weight,distance");
    // The trend's factor stays inside its prior; the dispersion is positive.
    for (std::size_t row = 1; row < posterior.size(); ++row) {
        const std::vector<std::string> fields = fields_of(posterior[row]);
        REQUIRE(fields.size() == 5);
        CHECK(std::stod(fields[1]) >= 0.6);
        CHECK(std::stod(fields[1]) <= 1.0);
        CHECK(std::stod(fields[2]) > 0.0);
    }
    // A band per fitted month (2019-04..2020-09), quantiles whole and in order,
    // the observed value beside it.
    const std::vector<std::string> predictive = lines_of(read_file(fit / "predictive.csv"));
    REQUIRE(predictive.size() == 19);
    CHECK(predictive[0] == "month,outcome,observed,fitted,mean,p025,p10,p25,p50,p75,p90,p975");
    CHECK(predictive[1].starts_with("2019-04,recorded_total,14,1,"));
    for (std::size_t row = 1; row < predictive.size(); ++row) {
        const std::vector<std::string> fields = fields_of(predictive[row]);
        REQUIRE(fields.size() == 12);
        for (std::size_t q = 5; q < 12; ++q) {
            const double value = std::stod(fields[q]);
            CHECK(value == std::floor(value));
            if (q > 5) {
                CHECK(std::stod(fields[q - 1]) <= value);
            }
        }
    }
    // The coverage file counts the months inside each band: shares of 18.
    const std::vector<std::string> coverage = lines_of(read_file(fit / "predictive_coverage.csv"));
    REQUIRE(coverage.size() == 2);
    CHECK(coverage[0] ==
          "outcome,span,first_month,last_month,months,coverage_50,coverage_80,coverage_95");
    const std::vector<std::string> shares = fields_of(coverage[1]);
    REQUIRE(shares.size() == 8);
    CHECK(shares[0] == "recorded_total");
    CHECK(shares[1] == "fitted");
    CHECK(shares[4] == "18");
    int inside_50 = 0;
    int inside_95 = 0;
    for (std::size_t row = 1; row < predictive.size(); ++row) {
        const std::vector<std::string> fields = fields_of(predictive[row]);
        const double observed = std::stod(fields[2]);
        inside_50 += std::stod(fields[7]) <= observed && observed <= std::stod(fields[9]);
        inside_95 += std::stod(fields[5]) <= observed && observed <= std::stod(fields[11]);
    }
    CHECK(std::stod(shares[5]) == Approx(inside_50 / 18.0));
    CHECK(std::stod(shares[7]) == Approx(inside_95 / 18.0));
    CHECK_THAT(read_file(fit / "manifest.json"),
               Catch::Contains("\"recording_trend\"") &&
                   Catch::Contains("\"fitted_months_coverage\"") &&
                   Catch::Contains("predictive.csv"));

    // forecast: bands for the fitted months and the forecast ones, coverage of each.
    const fs::path forecast = folder.path() / "forecast";
    const Result forecasted = run_vrsim(
        {"forecast", kObservedScenario.string(), "--posterior", (fit / "posterior.csv").string(),
         "--from", "2020-10", "--horizon-months", "3", "--observed", kObserved.string(), "-n", "4",
         "--out", forecast.string(), "--no-charts"},
        folder);
    INFO(forecasted.err);
    REQUIRE(forecasted.exit_code == 0);
    const std::vector<std::string> bands = lines_of(read_file(forecast / "predictive.csv"));
    REQUIRE(bands.size() == 22);  // 2019-04..2020-12
    CHECK(bands[19].starts_with("2020-10,recorded_total,"));
    CHECK(fields_of(bands[19])[3] == "0");  // not fitted
    const std::vector<std::string> spans =
        lines_of(read_file(forecast / "predictive_coverage.csv"));
    REQUIRE(spans.size() == 3);
    CHECK(spans[1].starts_with("recorded_total,fitted,2019-04,2020-09,18,"));
    CHECK(spans[2].starts_with("recorded_total,forecast,2020-10,2020-12,3,"));
    CHECK_THAT(forecasted.out, Catch::Contains("later months (3)"));
    // The manifest lists every file the forecast wrote.
    CHECK_THAT(read_file(forecast / "manifest.json"),
               Catch::Contains("\"predictive.csv\"") &&
                   Catch::Contains("\"predictive_coverage.csv\"") &&
                   Catch::Contains("\"observed.csv\""));
}

TEST_CASE("Observation noise without a dispersion, or bad settings, exit 2 and say why") {
    Folder folder("vrsim-test-observation-errors");
    // A posterior made without the observation model has no dispersion column.
    const fs::path plain_fit = folder.path() / "plain";
    REQUIRE(calibrate(kPlainScenario, plain_fit, folder).exit_code == 0);
    const Result refused =
        run_vrsim({"forecast", kObservedScenario.string(), "--posterior",
                   (plain_fit / "posterior.csv").string(), "--from", "2020-10", "--horizon-months",
                   "3", "--out", (folder.path() / "f").string(), "--quiet"},
                  folder);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err,
               Catch::Contains("observation.dispersion") && Catch::Contains("recalibrate"));
    CHECK_FALSE(fs::exists(folder.path() / "f" / "summary.csv"));

    // A recording factor of 0: file, line, field and what is expected.
    const fs::path bad = folder.path() / "bad.toml";
    std::ofstream(bad) << "[scenario]\nname = \"bad\"\nextends = \"" << kPlainScenario.string()
                       << "\"\n\n[calibration.observation]\n"
                          "[calibration.observation.recording_trend]\n"
                          "before = { value = 0, source = \"x\" }\n"
                          "midpoint_year = { value = 2019.5, source = \"x\" }\n"
                          "duration_months = { value = 6, source = \"x\" }\n";
    const Result broken = calibrate(bad, folder.path() / "b", folder);
    CHECK(broken.exit_code == 2);
    CHECK_THAT(broken.err, Catch::Contains(bad.string() + ":7:") &&
                               Catch::Contains("calibration.observation.recording_trend.before") &&
                               Catch::Contains("above 0"));

    // Noise needs a monthly target to estimate its dispersion from: refused
    // before any simulation.
    const fs::path rate_only = folder.path() / "rate_only.toml";
    std::ofstream(rate_only) << "[scenario]\nname = \"rate only\"\nextends = \""
                             << kObservedScenario.string()
                             << "\"\n\n[calibration]\n[[calibration.targets]]\n"
                                "outcome = \"recorded_total\"\nkind = \"rate\"\n";
    const Result no_monthly = calibrate(rate_only, folder.path() / "r", folder);
    CHECK(no_monthly.exit_code == 2);
    CHECK_THAT(no_monthly.err, Catch::Contains("no monthly target"));
    CHECK_FALSE(fs::exists(folder.path() / "r" / "posterior.csv"));
}

TEST_CASE("vrsim backtest scores the predictive with observation noise") {
    Folder folder("vrsim-test-observation-backtest");
    const fs::path out = folder.path() / "backtest";
    const Result result = backtest(kObservedScenario, out, folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::vector<std::string> table = lines_of(read_file(out / "backtest.csv"));
    REQUIRE(table.size() == 2);
    const std::vector<std::string> fields = fields_of(table[1]);
    REQUIRE(fields.size() == 16);
    // Fitted-months coverage is reported (shares of 18 months), not left empty.
    for (std::size_t c = 13; c < 16; ++c) {
        CHECK_FALSE(fields[c].empty());
    }
    // The scored bands are the predictive's: whole numbers.
    for (const std::string& line : lines_of(read_file(out / "backtest_forecasts.csv"))) {
        if (line.starts_with("origin")) {
            continue;
        }
        const std::vector<std::string> values = fields_of(line);
        for (std::size_t q = 4; q < values.size(); ++q) {
            CHECK(std::stod(values[q]) == std::floor(std::stod(values[q])));
        }
    }
    CHECK(fs::exists(out / "origin-2020-10" / "predictive.csv"));
    CHECK_THAT(read_file(out / "backtest.md"), Catch::Contains("negative binomial"));
}

TEST_CASE("vrsim backtest scores counts through the recording factor without noise") {
    // The factor is 0.5 in every month, so each scored quantile is half the
    // model's own (type 7 quantiles scale exactly), which the forecast's
    // summary.csv holds.
    Folder folder("vrsim-test-factor-backtest");
    const fs::path out = folder.path() / "backtest";
    const Result result = backtest(kFactorScenario, out, folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<double> model_medians;
    for (const std::string& line : lines_of(read_file(out / "origin-2020-10" / "summary.csv"))) {
        const std::vector<std::string> fields = fields_of(line);
        // scenario,month,outcome,mean,p05,p25,p50,p75,p95
        if (fields.size() == 9 && fields[2] == "recorded_total" && fields[1] >= "2020-10") {
            model_medians.push_back(std::stod(fields[6]));
        }
    }
    REQUIRE(model_medians.size() == 3);
    std::vector<double> scored_medians;
    for (const std::string& line : lines_of(read_file(out / "backtest_forecasts.csv"))) {
        if (!line.starts_with("origin")) {
            scored_medians.push_back(std::stod(fields_of(line).at(7)));  // p50
        }
    }
    REQUIRE(scored_medians.size() == 3);
    for (std::size_t month = 0; month < 3; ++month) {
        INFO("month " << month);
        CHECK(model_medians[month] > 0.0);
        CHECK(scored_medians[month] == Approx(0.5 * model_medians[month]).epsilon(1e-12));
    }
}

TEST_CASE("vrsim forecast shows counts through the recording factor without noise") {
    Folder folder("vrsim-test-factor-forecast");
    const fs::path fit = folder.path() / "fit";
    REQUIRE(calibrate(kFactorScenario, fit, folder).exit_code == 0);
    const fs::path forecast = folder.path() / "forecast";
    const Result forecasted = run_vrsim(
        {"forecast", kFactorScenario.string(), "--posterior", (fit / "posterior.csv").string(),
         "--from", "2020-10", "--horizon-months", "3", "--observed", kObserved.string(), "-n", "4",
         "--out", forecast.string(), "--no-charts", "--quiet"},
        folder);
    INFO(forecasted.err);
    REQUIRE(forecasted.exit_code == 0);
    // summary.csv holds the model's recorded counts; predictive.csv the files'
    // (half of them, the factor being 0.5), with no noise around them.
    std::map<std::string, double> model_medians;
    for (const std::string& line : lines_of(read_file(forecast / "summary.csv"))) {
        const std::vector<std::string> fields = fields_of(line);
        if (fields.size() == 9 && fields[2] == "recorded_total") {
            model_medians[fields[1]] = std::stod(fields[6]);
        }
    }
    std::size_t checked = 0;
    for (const std::string& line : lines_of(read_file(forecast / "predictive.csv"))) {
        const std::vector<std::string> fields = fields_of(line);
        if (fields.at(0) < "2020-10" || fields.at(0) == "month") {
            continue;
        }
        INFO(line);
        REQUIRE(model_medians.count(fields[0]) == 1);
        CHECK(std::stod(fields[8]) == Approx(0.5 * model_medians[fields[0]]).epsilon(1e-12));
        ++checked;
    }
    CHECK(checked == 3);
}
