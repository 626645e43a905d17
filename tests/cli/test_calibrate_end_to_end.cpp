// The real `vrsim calibrate`, `forecast`, `backtest` and `--posterior` on a
// scenario of 5,000 residents (tests/calibration/fixtures/model): the files
// each writes, resume reaching the uninterrupted posterior byte for byte, and
// exit code 2 with a clear message for bad input.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource(VRSIM_SOURCE_DIR);
const fs::path& kModel = vrsim::testing::kCalibrationFixtures;
const fs::path kScenario = kModel / "calibration_minimal.toml";
const fs::path& kObserved = vrsim::testing::kTestvilleObserved;

using Folder = vrsim::testing::TemporaryFolder;
using Result = vrsim::testing::CommandResult;
using vrsim::testing::lines_of;
using vrsim::testing::read_file;
using vrsim::testing::run_vrsim;

Result calibrate(const fs::path& out, const std::vector<std::string>& extra, const Folder& folder) {
    std::vector<std::string> arguments = {"calibrate",   kScenario.string(),
                                          "--observed",  kObserved.string(),
                                          "--particles", "20",
                                          "--seed",      "5",
                                          "--out",       out.string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_vrsim(arguments, folder);
}

}  // namespace

TEST_CASE("vrsim calibrate writes the posterior, diagnostics, checkpoint, observed and manifest") {
    Folder folder("vrsim-test-calibrate");
    const fs::path out = folder.path() / "fit";
    const Result result = calibrate(out, {"--generations", "3"}, folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    // Progress per generation: tolerance, acceptance rate, ESS.
    CHECK_THAT(result.out, Catch::Contains("generation 0: tolerance inf") &&
                               Catch::Contains("generation 2: tolerance") &&
                               Catch::Contains("acceptance") && Catch::Contains("ESS"));
    const std::vector<std::string> posterior = lines_of(read_file(out / "posterior.csv"));
    REQUIRE(posterior.size() == 21);  // header and 20 particles
    CHECK(posterior[0] == "parameters.offending.base_rate_per_month,weight,distance");
    const std::vector<std::string> diagnostics = lines_of(read_file(out / "diagnostics.csv"));
    REQUIRE(diagnostics.size() == 4);
    CHECK(diagnostics[0] ==
          "generation,tolerance,acceptance_rate,effective_sample_size,simulations");
    CHECK(fs::exists(out / "checkpoint.json"));
    const std::vector<std::string> observed = lines_of(read_file(out / "observed.csv"));
    REQUIRE(observed.size() == 19);  // 2019-04 .. 2020-09
    CHECK(observed[1] == "2019-04,recorded_total,14,Testville");
    const std::string manifest = read_file(out / "manifest.json");
    CHECK_THAT(manifest, Catch::Contains("\"fit_from\": \"2019-04\"") &&
                             Catch::Contains("\"stop_reason\": \"max_generations\"") &&
                             Catch::Contains("sha256"));
}

TEST_CASE("vrsim calibrate --resume reaches the uninterrupted posterior byte for byte") {
    Folder folder("vrsim-test-calibrate-resume");
    const fs::path whole = folder.path() / "whole";
    const fs::path parts = folder.path() / "parts";
    REQUIRE(calibrate(whole, {"--generations", "4", "--quiet"}, folder).exit_code == 0);
    // Stopped after two generations, as an interrupted run would be, then continued
    // on another thread count.
    REQUIRE(
        calibrate(parts, {"--generations", "2", "--quiet", "--threads", "1"}, folder).exit_code ==
        0);
    CHECK(read_file(parts / "posterior.csv") != read_file(whole / "posterior.csv"));
    const Result resumed = run_vrsim(
        {"calibrate", kScenario.string(), "--observed", kObserved.string(), "--particles", "20",
         "--seed", "5", "--generations", "4", "--resume", parts.string(), "--quiet"},
        folder);
    INFO(resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK(read_file(parts / "posterior.csv") == read_file(whole / "posterior.csv"));
    CHECK(read_file(parts / "diagnostics.csv") == read_file(whole / "diagnostics.csv"));

    // Resuming with other draw-deciding options is refused, naming them.
    const Result other_seed =
        run_vrsim({"calibrate", kScenario.string(), "--observed", kObserved.string(), "--particles",
                   "20", "--seed", "6", "--generations", "5", "--resume", parts.string()},
                  folder);
    CHECK(other_seed.exit_code == 2);
    CHECK_THAT(other_seed.err, Catch::Contains("seed"));
}

TEST_CASE("vrsim calibrate --engine cohort fits with the cohort engine", "[cohort]") {
    Folder folder("vrsim-test-calibrate-cohort");
    const fs::path out = folder.path() / "fit";
    const Result result =
        calibrate(out, {"--engine", "cohort", "--generations", "2", "-q"}, folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(fs::exists(out / "posterior.csv"));
    const std::string manifest = read_file(out / "manifest.json");
    CHECK_THAT(manifest, Catch::Contains("\"engine\": \"cohort\""));
    // Deterministic simulations: the same fit again gives the same posterior.
    const fs::path again = folder.path() / "again";
    REQUIRE(calibrate(again, {"--engine", "cohort", "--generations", "2", "-q", "-j", "1"}, folder)
                .exit_code == 0);
    CHECK(read_file(out / "posterior.csv") == read_file(again / "posterior.csv"));
}

TEST_CASE("vrsim calibrate --kernel local proposes with local covariances", "[cohort]") {
    Folder folder("vrsim-test-calibrate-kernel");
    const fs::path scaled = folder.path() / "scaled";
    const fs::path local = folder.path() / "local";
    const std::vector<std::string> common = {"--engine", "cohort", "--generations", "3", "-q"};
    REQUIRE(calibrate(scaled, common, folder).exit_code == 0);
    std::vector<std::string> with_local = common;
    with_local.insert(with_local.end(), {"--kernel", "local"});
    const Result result = calibrate(local, with_local, folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(read_file(local / "manifest.json"),
               Catch::Contains("\"kernel\": \"local_covariance\""));
    CHECK_THAT(read_file(scaled / "manifest.json"),
               Catch::Contains("\"kernel\": \"scaled_covariance\""));
    // The prior generation is the same; the proposals after it are not.
    const std::vector<std::string> scaled_lines = lines_of(read_file(scaled / "diagnostics.csv"));
    const std::vector<std::string> local_lines = lines_of(read_file(local / "diagnostics.csv"));
    REQUIRE(scaled_lines.size() == 4);
    REQUIRE(local_lines.size() == 4);
    CHECK(scaled_lines[1] == local_lines[1]);
    CHECK(read_file(scaled / "posterior.csv") != read_file(local / "posterior.csv"));

    // Resuming with the other kernel is refused; an unknown kernel is a usage error.
    std::vector<std::string> resume_scaled = {"--generations", "4", "--resume", local.string()};
    const Result other_kernel = calibrate(local, resume_scaled, folder);
    CHECK(other_kernel.exit_code == 2);
    CHECK_THAT(other_kernel.err, Catch::Contains("kernel"));
    const Result unknown = calibrate(folder.path() / "unknown", {"--kernel", "global"}, folder);
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("--kernel") && Catch::Contains("global"));
    CHECK_FALSE(fs::exists(folder.path() / "unknown"));
}

TEST_CASE("vrsim calibrate notes the fitted parameters the engine does not read", "[cohort]") {
    Folder folder("vrsim-test-calibrate-unread");
    const fs::path scenario = kModel / "calibration_contagion.toml";
    auto fit = [&](const std::string& engine) {
        return run_vrsim(
            {"calibrate", scenario.string(), "--observed", kObserved.string(), "--particles", "8",
             "--generations", "1", "--engine", engine, "--out", (folder.path() / engine).string()},
            folder);
    };
    const std::string note = "does not read parameters.contagion.strength";
    const Result cohort = fit("cohort");
    INFO(cohort.err);
    REQUIRE(cohort.exit_code == 0);
    CHECK_THAT(cohort.out, Catch::Contains("note: the cohort engine " + note));
    CHECK_THAT(cohort.out, !Catch::Contains("does not read parameters.offending"));
    const Result abm = fit("abm");
    REQUIRE(abm.exit_code == 0);
    CHECK_THAT(abm.out, !Catch::Contains(note));
}

TEST_CASE("vrsim calibrate: bad input exits 2 and says why") {
    Folder folder("vrsim-test-calibrate-errors");
    const Result engine = calibrate(folder.path() / "a", {"--engine", "ants"}, folder);
    CHECK(engine.exit_code == 2);
    CHECK_THAT(engine.err, Catch::Contains("--engine"));
    const fs::path no_section = kSource / "tests" / "scenarios" / "fixtures" / "valid_minimal.toml";
    const Result plain =
        run_vrsim({"calibrate", no_section.string(), "--observed", kObserved.string()}, folder);
    CHECK(plain.exit_code == 2);
    CHECK_THAT(plain.err, Catch::Contains("no [calibration] section"));
    const fs::path met =
        kSource / "tests" / "calibration" / "fixtures" / "mps-borough-a-2019q1.csv";
    const Result wrong_file =
        run_vrsim({"calibrate", kScenario.string(), "--observed", met.string()}, folder);
    CHECK(wrong_file.exit_code == 2);
    CHECK_THAT(wrong_file.err, Catch::Contains("needs a category mapping"));
    CHECK_FALSE(fs::exists(folder.path() / "a"));
}

TEST_CASE("vrsim forecast, run and compare draw replicates' parameters from a posterior") {
    Folder folder("vrsim-test-forecast");
    const fs::path fit = folder.path() / "fit";
    REQUIRE(calibrate(fit, {"--generations", "2", "--quiet"}, folder).exit_code == 0);
    const fs::path posterior = fit / "posterior.csv";

    const fs::path forecast = folder.path() / "forecast";
    const Result result =
        run_vrsim({"forecast", kScenario.string(), "--posterior", posterior.string(), "--from",
                   "2020-10", "--horizon-months", "6", "--observed", kObserved.string(),
                   "--replicates", "3", "--out", forecast.string(), "--no-charts", "--quiet"},
                  folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    // The forecast continues the fitted months: from the window's start 2019-04
    // to 2021-03, 24 months.
    const std::string summary = read_file(forecast / "summary.csv");
    CHECK_THAT(summary, Catch::Contains(",2019-04,recorded_total,") &&
                            Catch::Contains(",2021-03,recorded_total,"));
    CHECK_THAT(summary, !Catch::Contains(",2021-04,"));
    CHECK(lines_of(read_file(forecast / "observed.csv")).size() == 25);
    // The manifest names the posterior the replicates drew from, with its hash.
    CHECK_THAT(read_file(forecast / "manifest.json"),
               Catch::Contains("\"posterior\": {") && Catch::Contains(posterior.string()));

    // The same posterior, seed and replicates give the same run; common random
    // numbers hold in compare (a scenario against itself differs by nothing).
    const fs::path run_a = folder.path() / "run_a";
    const fs::path run_b = folder.path() / "run_b";
    for (const fs::path& out : {run_a, run_b}) {
        REQUIRE(run_vrsim({"run", kScenario.string(), "--posterior", posterior.string(), "-n", "4",
                           "--out", out.string(), "--no-charts", "--quiet"},
                          folder)
                    .exit_code == 0);
    }
    CHECK(read_file(run_a / "timeseries.csv") == read_file(run_b / "timeseries.csv"));
    const fs::path plain = folder.path() / "plain";
    REQUIRE(run_vrsim({"run", kScenario.string(), "-n", "4", "--out", plain.string(), "--no-charts",
                       "--quiet"},
                      folder)
                .exit_code == 0);
    CHECK(read_file(plain / "timeseries.csv") != read_file(run_a / "timeseries.csv"));
    const fs::path compare = folder.path() / "compare";
    const fs::path twin = kModel / "calibration_minimal_twin.toml";
    const Result compared =
        run_vrsim({"compare", kScenario.string(), twin.string(), "--posterior", posterior.string(),
                   "-n", "4", "--out", compare.string(), "--no-charts", "--no-notebook", "--quiet"},
                  folder);
    INFO(compared.err);
    REQUIRE(compared.exit_code == 0);
    // Replicate r of both scenarios ran with the same particle: nothing differs.
    int rows = 0;
    for (const std::string& line : lines_of(read_file(compare / "comparison_replicates.csv"))) {
        if (line.find(",offences_averted,") != std::string::npos) {
            CHECK(line.ends_with(",offences_averted,0"));
            ++rows;
        }
    }
    CHECK(rows == 4);
    // The base's replicates are those of `vrsim run --posterior` with the same seed.
    CHECK(read_file(compare / "timeseries.csv").starts_with(read_file(run_a / "timeseries.csv")));

    // A posterior of another scenario's parameters is refused.
    const fs::path wrong = folder.path() / "wrong.csv";
    std::ofstream(wrong) << "parameters.contagion.strength,weight,distance\n1,1,0\n";
    const Result refused = run_vrsim({"run", kScenario.string(), "--posterior", wrong.string(),
                                      "--out", (folder.path() / "x").string(), "--quiet"},
                                     folder);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("parameters.contagion.strength") &&
                                Catch::Contains("not a parameter with a distribution"));
}

TEST_CASE("vrsim backtest scores each origin's forecast and writes its tables") {
    Folder folder("vrsim-test-backtest");
    const fs::path out = folder.path() / "backtest";
    const Result result = run_vrsim({"backtest",
                                     kScenario.string(),
                                     "--observed",
                                     kObserved.string(),
                                     "--origins",
                                     "2020-10,2020-07",
                                     "--horizon-months",
                                     "3",
                                     "--particles",
                                     "10",
                                     "--generations",
                                     "2",
                                     "--replicates",
                                     "5",
                                     "--seed",
                                     "3",
                                     "--out",
                                     out.string(),
                                     "--no-charts",
                                     "--quiet"},
                                    folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::vector<std::string> table = lines_of(read_file(out / "backtest.csv"));
    REQUIRE(table.size() == 3);
    CHECK(table[0] ==
          "origin,outcome,horizon_months,mae,mase,seasonal_naive_scale,seasonal_naive_mae,"
          "coverage_50,coverage_80,coverage_95,generations,simulations,final_tolerance,"
          "fitted_coverage_50,fitted_coverage_80,fitted_coverage_95");
    // No observation model: no fitted-months predictive, so those columns are empty.
    CHECK(table[1].ends_with(",,,"));
    CHECK(table[1].starts_with("2020-07,recorded_total,3,"));  // origins in month order
    CHECK(table[2].starts_with("2020-10,recorded_total,3,"));
    const std::vector<std::string> forecasts = lines_of(read_file(out / "backtest_forecasts.csv"));
    REQUIRE(forecasts.size() == 7);
    // The observed column is the file's: 2020-07 is its 16th month.
    const std::vector<std::string> observed = lines_of(read_file(kObserved));
    const std::string july =
        observed[16].substr(0, observed[16].rfind(','));  // month,outcome,value
    CHECK(forecasts[1].starts_with("2020-07,2020-07,recorded_total," +
                                   july.substr(july.rfind(',') + 1) + ","));
    CHECK_THAT(read_file(out / "backtest.md"), Catch::Contains("| 2020-07 |"));
    CHECK(fs::exists(out / "origin-2020-07" / "posterior.csv"));
    CHECK(fs::exists(out / "origin-2020-10" / "summary.csv"));

    // An origin whose horizon runs past the data is refused before any fit.
    const Result late =
        run_vrsim({"backtest", kScenario.string(), "--observed", kObserved.string(), "--origins",
                   "2021-02", "--horizon-months", "3", "--out", (folder.path() / "late").string()},
                  folder);
    CHECK(late.exit_code == 2);
    CHECK_THAT(late.err, Catch::Contains("2021-04"));
}
