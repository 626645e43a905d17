// report.ipynb: valid nbformat 4 structure, the expected cells, code that reads
// the run's files by relative name, and the same bytes from the same folder.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "notebook_test_files.hpp"
#include "vrsim/notebooks/notebook.hpp"
#include "vrsim/notebooks/run_files.hpp"

using namespace vrsim::notebooks;
using namespace vrsim::notebooks::testing;
using nlohmann::json;

namespace {

std::string cell_text(const json& cell) {
    std::string text;
    for (const json& line : cell.at("source")) {
        text += line.get<std::string>();
    }
    return text;
}

const json* cell_with_id(const json& notebook, const std::string& id) {
    for (const json& cell : notebook.at("cells")) {
        if (cell.at("id") == id) {
            return &cell;
        }
    }
    return nullptr;
}

std::vector<std::string> cell_ids(const json& notebook) {
    std::vector<std::string> ids;
    for (const json& cell : notebook.at("cells")) {
        ids.push_back(cell.at("id").get<std::string>());
    }
    return ids;
}

}  // namespace

TEST_CASE("The notebook is nbformat 4.5 JSON with clean cells", "[notebooks][notebook]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    const fs::path written = write_notebook(folder);
    CHECK(written == folder / "report.ipynb");
    const json notebook = json::parse(read_file(written));  // throws if not JSON
    CHECK(notebook.at("nbformat") == 4);
    CHECK(notebook.at("nbformat_minor") == 5);
    CHECK(notebook.at("metadata").at("kernelspec").at("name") == "python3");
    CHECK(notebook.at("metadata").at("language_info").at("name") == "python");

    // nbformat 4.5: every cell has a unique id of 1-64 letters, digits, - or _.
    const std::regex id_pattern("^[a-zA-Z0-9-_]{1,64}$");
    std::set<std::string> seen;
    for (const json& cell : notebook.at("cells")) {
        const std::string id = cell.at("id").get<std::string>();
        CHECK(std::regex_match(id, id_pattern));
        CHECK(seen.insert(id).second);
        CHECK(cell.at("metadata") == json::object());
        REQUIRE(cell.at("source").is_array());
        const std::string type = cell.at("cell_type").get<std::string>();
        CHECK((type == "markdown" || type == "code"));
        if (type == "code") {
            CHECK(cell.at("outputs") == json::array());
            CHECK(cell.at("execution_count").is_null());
        } else {
            CHECK_FALSE(cell.contains("outputs"));
        }
        // Lines end in "\n" but the last, as Jupyter stores them.
        const json& lines = cell.at("source");
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            CHECK(lines[i].get<std::string>().back() == '\n');
        }
    }
    CHECK(cell_ids(notebook) == std::vector<std::string>{"title",
                                                         "outcomes",
                                                         "headline",
                                                         "comparisons",
                                                         "vrsim-charts",
                                                         "code-intro",
                                                         "style",
                                                         "helpers",
                                                         "load",
                                                         "fan-charts-intro",
                                                         "fan-charts",
                                                         "differences-intro",
                                                         "differences",
                                                         "programmes-intro",
                                                         "programmes",
                                                         "comparison-intro",
                                                         "comparison-table",
                                                         "cost-benefit",
                                                         "cost-effectiveness-intro",
                                                         "cost-effectiveness",
                                                         "net-present-value-intro",
                                                         "net-present-value"});
    // The narrative is Markdown and carries the headline figures.
    const json& headline = *cell_with_id(notebook, "headline");
    CHECK(headline.at("cell_type") == "markdown");
    CHECK_THAT(cell_text(headline), Catch::Contains("132.0 (121.2 to 142.8)"));
}

TEST_CASE("The code reads the run's files by name, relative to the notebook",
          "[notebooks][notebook]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    const std::string text = read_file(write_notebook(folder));
    // No absolute path: the folder can be moved with its notebook.
    CHECK(text.find(temporary.path().string()) == std::string::npos);
    CHECK(text.find(VRSIM_SOURCE_DIR) == std::string::npos);
    const json notebook = json::parse(text);
    const std::string load = cell_text(*cell_with_id(notebook, "load"));
    CHECK_THAT(load, Catch::Contains("Path(\"manifest.json\")"));
    CHECK_THAT(load, Catch::Contains("read_run_csv(\"summary.csv\""));
    CHECK_THAT(load, Catch::Contains("read_run_csv(\"timeseries.csv\""));
    CHECK_THAT(load, Catch::Contains("read_run_csv(\"comparison.csv\""));
    CHECK_THAT(load, Catch::Contains("read_run_csv(\"comparison_replicates.csv\""));
    const std::string helpers = cell_text(*cell_with_id(notebook, "helpers"));
    CHECK_THAT(helpers, Catch::Contains("import pandas as pd"));
    CHECK_THAT(helpers, Catch::Contains("pd.read_csv(name"));
}

TEST_CASE("One style cell holds the Okabe-Ito palette and every outcome's labels",
          "[notebooks][notebook]") {
    const json notebook = build_notebook(read_run_files(fixture("two_scenarios")));
    const std::string style = cell_text(*cell_with_id(notebook, "style"));
    // Okabe & Ito (2008): blue, orange, bluish green, reddish purple, sky blue,
    // vermillion, yellow, black.
    for (const char* colour :
         {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}) {
        CHECK_THAT(style, Catch::Contains(colour));
    }
    for (const char* outcome :
         {"recorded_violence_against_the_person", "recorded_knife_enabled", "recorded_total",
          "offences_committed", "victims", "first_time_entrants_youth", "custody_population",
          "proven_reoffending_rate"}) {
        CHECK_THAT(style, Catch::Contains(std::string("\"") + outcome + "\": {"));
    }
    // No other cell sets colours or rcParams.
    for (const json& cell : notebook.at("cells")) {
        if (cell.at("id") != "style") {
            CHECK(cell_text(cell).find("rcParams.update") == std::string::npos);
            CHECK(cell_text(cell).find("#0072B2") == std::string::npos);
        }
    }
}

TEST_CASE("The same folder gives the same bytes, wherever it is", "[notebooks][notebook]") {
    TemporaryFolder temporary;
    const fs::path first = copy_fixture("two_scenarios", temporary.path());
    const std::string once = read_file(write_notebook(first));
    const std::string twice = read_file(write_notebook(first));  // report.ipynb now there too
    CHECK(once == twice);
    const fs::path moved = temporary.path() / "elsewhere";
    fs::rename(first, moved);
    CHECK(read_file(write_notebook(moved)) == once);
    CHECK(notebook_text(read_run_files(fixture("two_scenarios"))) == once);
    // Nothing but the notebook is left behind: no temporary file.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(moved)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"charts", "comparison.csv", "comparison_replicates.csv",
                                            "manifest.json", "report.ipynb", "summary.csv",
                                            "timeseries.csv"});
}

TEST_CASE("Sections follow the files: one scenario, no timeseries, no comparison",
          "[notebooks][notebook]") {
    TemporaryFolder temporary;
    const fs::path folder = copy_fixture("two_scenarios", temporary.path());
    SECTION("summary only: differences explained, not drawn") {
        fs::remove(folder / "timeseries.csv");
        const json notebook = build_notebook(read_run_files(folder));
        REQUIRE(cell_with_id(notebook, "differences-intro") != nullptr);
        CHECK(cell_with_id(notebook, "differences") == nullptr);
        CHECK_THAT(cell_text(*cell_with_id(notebook, "differences-intro")),
                   Catch::Contains("--summary-only"));
        CHECK(cell_text(*cell_with_id(notebook, "load")).find("timeseries.csv") ==
              std::string::npos);
    }
    SECTION("no comparison files: no cost-benefit cells") {
        fs::remove(folder / "comparison.csv");
        fs::remove(folder / "comparison_replicates.csv");
        fs::remove_all(folder / "charts");
        const json notebook = build_notebook(read_run_files(folder));
        for (const char* id : {"comparisons", "vrsim-charts", "comparison-table", "cost-benefit",
                               "cost-effectiveness", "net-present-value"}) {
            CHECK(cell_with_id(notebook, id) == nullptr);
        }
        CHECK(cell_with_id(notebook, "differences") != nullptr);
        CHECK(cell_with_id(notebook, "programmes") != nullptr);
    }
}
