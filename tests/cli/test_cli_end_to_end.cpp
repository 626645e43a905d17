// The real `vrsim` binary on a small scenario: the files of a run folder, byte-
// identical results for any thread count, and exit codes for bad input.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "vrsim/scenarios/ensemble.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(VRSIM_SOURCE_DIR) / "tests" / "cli" / "fixtures";
const fs::path kSmall = kFixtures / "small.toml";
const fs::path kInvalid = kFixtures / "invalid.toml";
constexpr std::uint32_t kReplicates = 3;

using vrsim::testing::TemporaryFolder;
using Result = vrsim::testing::CommandResult;
using vrsim::testing::lines_of;
using vrsim::testing::run_vrsim;

std::string read(const fs::path& file) {
    return vrsim::testing::read_file(file);
}

Result run_small(const TemporaryFolder& folder, const fs::path& out,
                 const std::vector<std::string>& extra = {}) {
    std::vector<std::string> arguments = {"run",          kSmall.string(),
                                          "--replicates", std::to_string(kReplicates),
                                          "--seed",       "7",
                                          "--out",        out.string(),
                                          "--quiet",      "--no-charts"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_vrsim(arguments, folder);
}

// Timeseries rows and summary rows the small scenario should give: defined
// (non-NaN) cells, counted from the same ensemble run in this process.
struct ExpectedRows {
    std::size_t timeseries = 0;
    std::size_t summary = 0;
};

ExpectedRows expected_rows() {
    const vrsim::scenarios::Scenario scenario = vrsim::scenarios::load_scenario(kSmall);
    vrsim::scenarios::EnsembleOptions options;
    options.replicates = kReplicates;
    options.seed = 7;
    options.threads = 1;
    ExpectedRows expected;
    std::vector<bool> cell_defined;
    vrsim::scenarios::run_ensemble(
        scenario, options, {[&](std::uint32_t, const vrsim::model::MonthlyOutcomes& outcomes) {
            cell_defined.resize(outcomes.values().size());
            for (std::size_t cell = 0; cell < outcomes.values().size(); ++cell) {
                const bool defined = !std::isnan(outcomes.values()[cell]);
                expected.timeseries += defined ? 1 : 0;
                cell_defined[cell] = cell_defined[cell] || defined;
            }
        }});
    expected.summary =
        static_cast<std::size_t>(std::count(cell_defined.begin(), cell_defined.end(), true));
    return expected;
}

nlohmann::json manifest_without_command_line(const fs::path& folder) {
    nlohmann::json manifest = nlohmann::json::parse(read(folder / "manifest.json"));
    manifest.erase("command_line");
    return manifest;
}

}  // namespace

TEST_CASE("vrsim run writes manifest.json, timeseries.csv and summary.csv") {
    TemporaryFolder folder;
    const fs::path out = folder.path() / "run";
    const Result result = run_small(folder, out);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);

    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(out)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"manifest.json", "summary.csv", "timeseries.csv"});

    const ExpectedRows expected = expected_rows();
    const auto timeseries = lines_of(read(out / "timeseries.csv"));
    REQUIRE_FALSE(timeseries.empty());
    CHECK(timeseries.front() == "scenario,replicate,month,outcome,value");
    CHECK(timeseries.size() - 1 == expected.timeseries);
    CHECK(timeseries.size() - 1 <= kReplicates * 24 * vrsim::model::kOutcomeCount);
    CHECK(timeseries[1].rfind("Small test town,0,2019-04,recorded_violence_with_injury,", 0) == 0);
    CHECK(timeseries.back().find(",2,2021-03,") != std::string::npos);

    const auto summary = lines_of(read(out / "summary.csv"));
    REQUIRE_FALSE(summary.empty());
    CHECK(summary.front() == "scenario,month,outcome,mean,p05,p25,p50,p75,p95");
    CHECK(summary.size() - 1 == expected.summary);

    const nlohmann::json manifest = nlohmann::json::parse(read(out / "manifest.json"));
    CHECK(manifest["program"] == "vrsim");
    CHECK(manifest["engine"] == "abm");
    CHECK(manifest["seed"] == 7);
    CHECK(manifest["replicates"] == kReplicates);
    CHECK(manifest["start_month"] == "2019-04");
    CHECK(manifest["horizon_months"] == 24);
    CHECK(manifest["summary_only"] == false);
    CHECK(manifest["command_line"][1] == "run");
    const auto& files = manifest["scenarios"][0]["files"];
    REQUIRE(files.size() == 2);  // the fixture and the defaults it extends
    for (const auto& file : files) {
        CHECK(file["sha256"].get<std::string>().size() == 64);
    }
    CHECK(manifest["scenarios"][0]["parameters"]["place"]["population"] == 20000);
}

TEST_CASE("vrsim run --engine cohort writes one deterministic replicate", "[cohort]") {
    // The agreement fixture's parameters are fixed (no distributions): every
    // cohort replicate would be the same, so one is run whatever --replicates says.
    const fs::path fixed =
        fs::path(VRSIM_SOURCE_DIR) / "tests" / "model" / "fixtures" / "agreement_core.toml";
    TemporaryFolder folder;
    const fs::path out = folder.path() / "run";
    const auto result =
        vrsim::testing::run_vrsim({"run", fixed.string(), "--engine", "cohort", "-n", "5", "--out",
                                   out.string(), "--no-charts", "-q"},
                                  folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const nlohmann::json manifest = nlohmann::json::parse(read(out / "manifest.json"));
    CHECK(manifest["engine"] == "cohort");
    CHECK(manifest["replicates"] == 1);
    const auto timeseries = lines_of(read(out / "timeseries.csv"));
    REQUIRE(timeseries.size() > 1);
    CHECK(timeseries[1].rfind(
              "\"Agreement, no programmes\",0,2019-04,recorded_violence_with_injury,", 0) == 0);
    CHECK(read(out / "timeseries.csv").find(",1,2019-04,") == std::string::npos);
    // Deterministic: a second run writes the same file.
    const fs::path again = folder.path() / "again";
    REQUIRE(vrsim::testing::run_vrsim({"run", fixed.string(), "--engine", "cohort", "--out",
                                       again.string(), "--no-charts", "-q", "-j", "1"},
                                      folder)
                .exit_code == 0);
    CHECK(read(out / "timeseries.csv") == read(again / "timeseries.csv"));
}

TEST_CASE("vrsim run gives byte-identical files on 1 and 2 threads") {
    TemporaryFolder folder;
    const Result one = run_small(folder, folder.path() / "one", {"--threads", "1"});
    const Result two = run_small(folder, folder.path() / "two", {"--threads", "2"});
    REQUIRE(one.exit_code == 0);
    REQUIRE(two.exit_code == 0);
    CHECK(read(folder.path() / "one" / "timeseries.csv") ==
          read(folder.path() / "two" / "timeseries.csv"));
    CHECK(read(folder.path() / "one" / "summary.csv") ==
          read(folder.path() / "two" / "summary.csv"));
    CHECK(manifest_without_command_line(folder.path() / "one") ==
          manifest_without_command_line(folder.path() / "two"));
}

TEST_CASE("vrsim run --summary-only writes no timeseries.csv") {
    TemporaryFolder folder;
    const fs::path out = folder.path() / "run";
    const Result result = run_small(folder, out, {"--summary-only"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(fs::exists(out / "summary.csv"));
    CHECK(fs::exists(out / "manifest.json"));
    CHECK_FALSE(fs::exists(out / "timeseries.csv"));
    CHECK(nlohmann::json::parse(read(out / "manifest.json"))["summary_only"] == true);
    CHECK(lines_of(read(out / "summary.csv")).size() - 1 == expected_rows().summary);
}

TEST_CASE("vrsim run prints where the files are unless quiet") {
    TemporaryFolder folder;
    const fs::path out = folder.path() / "run";
    const Result result =
        run_vrsim({"run", kSmall.string(), "-n", "1", "--out", out.string()}, folder);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains(out.string()));
    CHECK(result.err.empty());  // stderr is not a terminal here: no progress bar
    // Without --no-charts the run draws its fan charts.
    CHECK_THAT(result.out, Catch::Contains("Charts: " + (out / "charts").string()));
    CHECK(fs::exists(out / "charts" / "fan_recorded_total.svg"));
}

TEST_CASE("vrsim validate reports ok or each problem, with exit codes 0 and 2") {
    TemporaryFolder folder;
    const Result valid = run_vrsim({"validate", kSmall.string()}, folder);
    CHECK(valid.exit_code == 0);
    CHECK(valid.out == kSmall.string() + ": ok\n");

    const Result invalid = run_vrsim({"validate", kSmall.string(), kInvalid.string()}, folder);
    CHECK(invalid.exit_code == 2);
    CHECK_THAT(invalid.out, Catch::Contains("small.toml: ok"));
    CHECK_THAT(invalid.err,
               Catch::Contains("invalid.toml:7:26: parameters.justice.conviction_probability: "));
}

TEST_CASE("vrsim run on an invalid scenario prints its diagnostics and writes nothing") {
    TemporaryFolder folder;
    const fs::path out = folder.path() / "run";
    const Result result = run_vrsim({"run", kInvalid.string(), "--out", out.string()}, folder);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err,
               Catch::Contains("invalid.toml:7:26: parameters.justice.conviction_probability"));
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("vrsim run on a missing scenario file exits 2 naming the file") {
    TemporaryFolder folder;
    const std::string missing = (folder.path() / "no-such-scenario.toml").string();
    const Result result = run_vrsim({"run", missing}, folder);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(missing));
    CHECK_THAT(result.err, Catch::Contains("not exist"));
}

TEST_CASE("vrsim run with bad option values exits 2") {
    TemporaryFolder folder;
    for (const std::vector<std::string>& options : {std::vector<std::string>{"--replicates", "0"},
                                                    {"--replicates", "many"},
                                                    {"--threads", "-1"},
                                                    {"--seed", "x"},
                                                    {"--no-such-option"}}) {
        std::vector<std::string> arguments = {"run", kSmall.string(), "--out",
                                              (folder.path() / "run").string()};
        arguments.insert(arguments.end(), options.begin(), options.end());
        const Result result = run_vrsim(arguments, folder);
        INFO(options.front() << " " << options.back() << ": " << result.err);
        CHECK(result.exit_code == 2);
        CHECK_FALSE(result.err.empty());
    }
    CHECK_FALSE(fs::exists(folder.path() / "run"));
}

TEST_CASE("vrsim run into an unwritable folder exits 1 naming the path") {
    TemporaryFolder folder;
    // A regular file where a folder should be: unwritable even for root.
    std::ofstream(folder.path() / "blocker") << "not a folder\n";
    const fs::path out = folder.path() / "blocker" / "run";
    const Result result =
        run_vrsim({"run", kSmall.string(), "-n", "1", "--out", out.string()}, folder);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains(out.string()));
    CHECK_THAT(result.err, Catch::Contains("Not a directory"));
}

TEST_CASE("vrsim --version and --help exit 0") {
    TemporaryFolder folder;
    const Result version = run_vrsim({"--version"}, folder);
    CHECK(version.exit_code == 0);
    CHECK(version.out == std::string("vrsim ") + VRSIM_VERSION + "\n");
    for (const char* command : {"run", "validate"}) {
        const Result help = run_vrsim({command, "--help"}, folder);
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.out, Catch::Contains(std::string("vrsim ") + command));
    }
    CHECK(run_vrsim({}, folder).exit_code == 2);  // a command is required
}
