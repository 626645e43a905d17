// The notebook runs top to bottom with Debian's Jupyter (`jupyter nbconvert
// --execute --to html`) on a run folder from `vrsim run` and on the hand-made
// two-scenario comparison, and the HTML has every chart and no error output.
// Jupyter is a build dependency (the Makefile's DEB_PACKAGES): without it these
// tests fail, they do not skip.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "notebook_test_files.hpp"
#include "vrsim/notebooks/execute.hpp"
#include "vrsim/notebooks/notebook.hpp"

using namespace vrsim::notebooks;
using namespace vrsim::notebooks::testing;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t found = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++found;
    }
    return found;
}

// The text of each stderr or error output in nbconvert's HTML (its lab template
// marks them with this mime type; the style sheet's selector uses single quotes).
std::vector<std::string> error_outputs(const std::string& html) {
    const std::string marker = "data-mime-type=\"application/vnd.jupyter.stderr\"";
    std::vector<std::string> outputs;
    for (std::size_t at = html.find(marker); at != std::string::npos;
         at = html.find(marker, at + 1)) {
        const std::size_t end = html.find("</pre>", at);
        outputs.push_back(html.substr(at, end == std::string::npos ? 200 : end - at));
    }
    return outputs;
}

void check_clean(const std::string& html) {
    for (const std::string& output : error_outputs(html)) {
        // matplotlib says this once on a machine where it first builds its font
        // cache slowly; it is not an error of the notebook.
        if (output.find("Matplotlib is building the font cache") == std::string::npos) {
            FAIL_CHECK("error output in the HTML: " << output);
        }
    }
    CHECK(html.find("Traceback") == std::string::npos);
    CHECK(html.find("Warning:") == std::string::npos);  // FutureWarning, UserWarning, ...
}

const std::string kImage = "<div class=\"jp-RenderedImage jp-OutputArea-output";

}  // namespace

TEST_CASE("vrsim notebook --execute runs the notebook of a vrsim run to HTML",
          "[notebooks][execute]") {
    TemporaryFolder temporary;
    const fs::path folder = temporary.path() / "minimal";
    const fs::path scenario =
        fs::path(VRSIM_SOURCE_DIR) / "tests" / "scenarios" / "fixtures" / "valid_minimal.toml";
    const CommandResult run = run_vrsim("run " + quoted(scenario) + " --replicates 3 --out " +
                                            quoted(folder) + " --quiet --no-charts",
                                        temporary.path());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);

    const CommandResult result =
        run_vrsim("notebook --execute " + quoted(folder), temporary.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out == "Wrote " + (folder / "report.ipynb").string() + "\nWrote " +
                            (folder / "report.html").string() + "\n");
    const std::string html = read_file(folder / "report.html");
    check_clean(html);
    // One scenario with all 8 main outcomes: 8 fan charts, nothing else to draw.
    CHECK(count(html, kImage) == 8);
    CHECK_THAT(html, Catch::Contains("Testville: Minimal"));
    // Only the notebook and its HTML were added; no temporary file is left.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"manifest.json", "report.html", "report.ipynb",
                                            "summary.csv", "timeseries.csv"});
}

TEST_CASE("The two-scenario comparison's notebook runs after its folder is moved",
          "[notebooks][execute]") {
    TemporaryFolder temporary;
    const fs::path written_in = copy_fixture("two_scenarios", temporary.path());
    write_notebook(written_in);
    const fs::path moved = temporary.path() / "moved run";  // a space, too
    fs::rename(written_in, moved);

    // Jupyter's own schema check (nbformat, a dependency of nbconvert) accepts it.
    const std::string validate =
        "/usr/bin/python3 -c 'import nbformat, sys; "
        "nbformat.validate(nbformat.read(sys.argv[1], as_version=4))' " +
        quoted(moved / "report.ipynb");
    CHECK(std::system(validate.c_str()) == 0);

    const ExecutionResult result = execute_notebook(moved / "report.ipynb");
    INFO(result.output);
    REQUIRE(result.status == ExecutionResult::Status::ok);
    CHECK(result.exit_code == 0);
    CHECK(result.html == moved / "report.html");
    const std::string html = read_file(result.html);
    check_clean(html);
    // 3 main outcomes' fan charts, 1 alternative's differences, 1 programme,
    // cost-benefit bars, the cost-effectiveness plane and the NPV histogram.
    CHECK(count(html, kImage) == 8);
    CHECK_THAT(html, Catch::Contains("132.0 (121.2 to 142.8)"));
    CHECK_THAT(html, Catch::Contains("Net present value (£)"));  // the comparison table
}

TEST_CASE("A notebook that fails to run is reported with Jupyter's error", "[notebooks][execute]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    write_notebook(folder);
    fs::remove(folder / "summary.csv");  // the load cell cannot read it
    const ExecutionResult result = execute_notebook(folder / "report.ipynb");
    CHECK(result.status == ExecutionResult::Status::failed);
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.output,
               Catch::Contains("FileNotFoundError") && Catch::Contains("summary.csv"));
    CHECK_FALSE(fs::exists(folder / "report.html"));
}
