// `vrsim plot` through the real binary, on a run folder that `vrsim run` wrote:
// charts in three formats, and exit codes 2 for bad input and 1 when gnuplot
// is missing.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "plot_test_files.hpp"

using namespace vrsim::plots::testing;
namespace fs = std::filesystem;

namespace {

struct Result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string quoted(const fs::path& path) {
    std::string text = "'";
    return text.append(path.string()).append("'");
}

// Runs `vrsim ARGUMENTS` with the shell's environment plus `environment`
// ("NAME=value ..." or empty).
Result run_vrsim(const std::string& arguments, const TemporaryFolder& folder,
                 const std::string& environment = "") {
    const fs::path out = folder.path() / "stdout.txt";
    const fs::path err = folder.path() / "stderr.txt";
    std::string command = environment;
    command.append(environment.empty() ? "" : " ")
        .append(quoted(VRSIM_BINARY))
        .append(" ")
        .append(arguments)
        .append(" >")
        .append(quoted(out))
        .append(" 2>")
        .append(quoted(err));
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

const fs::path kMinimal =
    fs::path(VRSIM_SOURCE_DIR) / "tests" / "scenarios" / "fixtures" / "valid_minimal.toml";

}  // namespace

TEST_CASE("vrsim plot draws the charts of a vrsim run folder", "[plots][cli]") {
    TemporaryFolder folder;
    const fs::path run = folder.path() / "run";
    const Result ran = run_vrsim(
        "run " + quoted(kMinimal) + " --replicates 3 --out " + quoted(run) + " --quiet --no-charts",
        folder);
    REQUIRE(ran.exit_code == 0);

    const Result plotted =
        run_vrsim("plot " + quoted(run) + " --outcomes recorded_total,custody_population", folder);
    INFO(plotted.err);
    REQUIRE(plotted.exit_code == 0);
    CHECK(plotted.out == "Wrote 2 charts (6 files) to " + (run / "charts").string() + "\n");
    CHECK(plotted.err.empty());  // no notes and no gnuplot warnings
    for (const char* chart : {"fan_recorded_total", "fan_custody_population"}) {
        INFO(chart);
        const fs::path stem = run / "charts" / chart;
        const std::string text = svg_text(fs::path(stem).replace_extension(".svg"));
        // Scenario and place from valid_minimal.toml; seed and version from the manifest.
        CHECK_THAT(text, Catch::Contains("Testville") && Catch::Contains("\nMinimal\n"));
        CHECK_THAT(text, Catch::Contains("Scenario: Minimal | 3 replicates | seed 20190401 | "
                                         "vrsim " VRSIM_VERSION));
        // 24 months from 2019-04 (valid_minimal.toml): ticks every six months.
        CHECK_THAT(text, Catch::Contains("2019-04\n2019-10\n2020-04\n2020-10\n"));
        CHECK(png_size(fs::path(stem).replace_extension(".png")).width == 1600);
        CHECK(looks_like_pdf(fs::path(stem).replace_extension(".pdf")));
    }
    CHECK_THAT(svg_text(run / "charts" / "fan_recorded_total.svg"),
               Catch::Contains("All recorded offences, Testville"));
    // One scenario: no difference charts, no comparison charts.
    CHECK_FALSE(fs::exists(run / "charts" / "difference_recorded_total.svg"));

    SECTION("bad input exits 2 and names the problem") {
        const Result unknown = run_vrsim("plot " + quoted(run) + " --outcomes nothing", folder);
        CHECK(unknown.exit_code == 2);
        CHECK_THAT(unknown.err, Catch::Contains("\"nothing\" is not an outcome of"));

        std::string summary = read_file(run / "summary.csv");
        const std::size_t line_3 = summary.find('\n', summary.find('\n') + 1) + 1;
        summary.insert(summary.find(',', line_3) + 1, "2019/05,");  // line 3: an extra field
        write_file(run / "summary.csv", summary);
        const Result malformed = run_vrsim("plot " + quoted(run), folder);
        CHECK(malformed.exit_code == 2);
        CHECK_THAT(malformed.err, Catch::Contains((run / "summary.csv").string() +
                                                  ":3: more fields than the header has columns"));
    }
    SECTION("gnuplot missing exits 1 and says how to install it") {
        const Result missing = run_vrsim("plot " + quoted(run) + " --outcomes recorded_total",
                                         folder, "VRSIM_GNUPLOT=/nonexistent/gnuplot");
        CHECK(missing.exit_code == 1);
        CHECK_THAT(missing.err, Catch::Contains("vrsim: error: cannot run /nonexistent/gnuplot") &&
                                    Catch::Contains("apt-get install gnuplot-nox"));
    }
}

TEST_CASE("vrsim plot on a folder that is not there exits 2", "[plots][cli]") {
    TemporaryFolder folder;
    const Result result = run_vrsim("plot " + quoted(folder.path() / "nowhere"), folder);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("nowhere: no such folder"));
    const fs::path run = copy_fixture("three_scenarios", folder);
    const Result observed = run_vrsim(
        "plot " + quoted(run) + " --observed " + quoted(folder.path() / "none.csv"), folder);
    CHECK(observed.exit_code == 2);
    CHECK_THAT(observed.err, Catch::Contains("none.csv: no such file (--observed)"));
}
