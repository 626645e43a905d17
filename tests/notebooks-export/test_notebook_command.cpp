// `vrsim notebook DIR` through the real binary: the notebook written, exit code 2
// with file:line for bad input, exit code 1 when Jupyter cannot be found.
#include <catch2/catch.hpp>
#include <string>

#include "notebook_test_files.hpp"

using namespace vrsim::notebooks::testing;

TEST_CASE("vrsim notebook writes report.ipynb into the run folder", "[notebooks][cli]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    const CommandResult result = run_vrsim("notebook " + quoted(folder), temporary.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out == "Wrote " + (folder / "report.ipynb").string() + "\n");
    CHECK(fs::exists(folder / "report.ipynb"));
    CHECK_FALSE(fs::exists(folder / "report.html"));  // only with --execute
    const CommandResult quiet = run_vrsim("notebook --quiet " + quoted(folder), temporary.path());
    CHECK(quiet.exit_code == 0);
    CHECK(quiet.out.empty());
}

TEST_CASE("vrsim notebook refuses bad input with exit code 2", "[notebooks][cli]") {
    TemporaryFolder temporary;
    SECTION("a folder that does not exist") {
        const fs::path missing = temporary.path() / "no-such-run";
        const CommandResult result = run_vrsim("notebook " + quoted(missing), temporary.path());
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(missing.string() + ": not a folder"));
    }
    SECTION("a malformed CSV, named with its line and field") {
        const fs::path folder = copy_fixture("two_scenarios", temporary.path());
        write_file(folder / "timeseries.csv",
                   replaced(read_file(folder / "timeseries.csv"),
                            "Baseline,0,2021-04,offences_committed,30\n",
                            "Baseline,0,2021-04,offences_committed,30,extra\n"));
        const CommandResult result = run_vrsim("notebook " + quoted(folder), temporary.path());
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err,
                   Catch::Contains((folder / "timeseries.csv").string() + ":3: expected 5 fields"));
        CHECK_FALSE(fs::exists(folder / "report.ipynb"));
    }
    SECTION("no folder named") {
        CHECK(run_vrsim("notebook", temporary.path()).exit_code == 2);
    }
}

TEST_CASE("vrsim notebook --execute without Jupyter fails with exit code 1 and says why",
          "[notebooks][cli]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    // An empty PATH: no jupyter to find.
    const fs::path empty = temporary.path() / "empty-path";
    fs::create_directories(empty);
    const CommandResult result = run_vrsim("notebook --execute " + quoted(folder), temporary.path(),
                                           "env PATH=" + quoted(empty));
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains("`jupyter` is not on PATH") &&
                               Catch::Contains("jupyter-nbconvert python3-ipykernel"));
    CHECK(fs::exists(folder / "report.ipynb"));  // the notebook itself was written
    CHECK_FALSE(fs::exists(folder / "report.html"));
}
