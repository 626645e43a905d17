// vrsim compare's folder: common random numbers (an identical scenario differs
// by exactly zero; a policy changes nothing before it starts), the files written,
// and scenarios that cannot be compared.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/comparison_folder.hpp"

namespace fs = std::filesystem;
using namespace vrsim::scenarios;

namespace {

struct ComparisonRun {
    fs::path folder;
    std::vector<Comparison> comparisons;
    ComparisonRun(const std::vector<std::string>& files, std::uint32_t replicates) {
        static int counter = 0;
        folder = fs::temp_directory_path() / ("vrsim-test-compare-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(counter++));
        fs::remove_all(folder);
        std::vector<Scenario> scenarios;
        for (const std::string& file : files) {
            scenarios.push_back(load_scenario(testing::fixture(file)));
        }
        CompareOptions options;
        options.ensemble.replicates = replicates;
        options.ensemble.seed = 11;
        options.ensemble.threads = 2;
        options.unit_costs = fs::path(VRSIM_SOURCE_DIR) / "scenarios" / "library" / "costs" /
                             "home_office_2018.toml";
        comparisons = write_comparison_folder(scenarios, options, folder, {"test"});
    }
    ~ComparisonRun() { fs::remove_all(folder); }
};

// timeseries.csv rows keyed by (replicate, month, outcome), per scenario.
std::map<std::string, std::map<std::string, std::string>> rows_by_scenario(const fs::path& file) {
    std::map<std::string, std::map<std::string, std::string>> rows;
    std::istringstream in(testing::read_file(file));
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        const auto last = line.rfind(',');
        rows[line.substr(0, comma)][line.substr(comma + 1, last - comma - 1)] =
            line.substr(last + 1);
    }
    return rows;
}

}  // namespace

TEST_CASE("a scenario identical to the base differs from it by exactly zero", "[comparison]") {
    const ComparisonRun run({"programmes/valid_programmes.toml", "comparison/same_as_base.toml"},
                            3);
    REQUIRE(run.comparisons.size() == 1);
    REQUIRE(run.comparisons[0].replicates.size() == 3);
    for (const ReplicateMeasures& replicate : run.comparisons[0].replicates) {
        for (std::size_t measure = 0; measure < kMeasureCount; ++measure) {
            INFO(kMeasureNames[measure] << " replicate " << replicate.replicate);
            const double value = replicate.values[measure];
            // Ratios are undefined with no extra cost or nothing averted.
            CHECK((value == 0.0 || std::isnan(value)));
        }
    }
    auto rows = rows_by_scenario(run.folder / "timeseries.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows["Programmes"] == rows["Same as base"]);
    for (const char* name : {"comparison.csv", "comparison_replicates.csv", "comparison.md",
                             "manifest.json", "summary.csv"}) {
        CHECK(fs::exists(run.folder / name));
    }
}

TEST_CASE("a policy that starts in a month leaves every series identical before it",
          "[comparison]") {
    const ComparisonRun run(
        {"programmes/valid_programmes.toml", "comparison/more_iom_from_2020.toml"}, 3);
    auto rows = rows_by_scenario(run.folder / "timeseries.csv");
    const auto& base = rows["Programmes"];
    const auto& alternative = rows["More IOM from 2020-04"];
    REQUIRE(base.size() == alternative.size());
    int before = 0;
    int different_after = 0;
    for (const auto& [key, value] : base) {
        const std::string month = key.substr(key.find(',') + 1, 7);
        REQUIRE(alternative.count(key) == 1);
        if (month < "2020-04") {
            INFO(key);
            CHECK(alternative.at(key) == value);
            ++before;
        } else if (alternative.at(key) != value) {
            ++different_after;
        }
    }
    CHECK(before > 1000);        // every outcome of 12 months of 3 replicates, less undefined rates
    CHECK(different_after > 0);  // the extra places are used
}

TEST_CASE("scenarios over different months or with one name are not compared", "[comparison]") {
    CHECK_THROWS_WITH(
        ComparisonRun({"programmes/valid_programmes.toml", "comparison/later_start.toml"}, 1),
        Catch::Contains("must cover the same months"));
    CHECK_THROWS_WITH(
        ComparisonRun({"programmes/valid_programmes.toml", "programmes/valid_programmes.toml"}, 1),
        Catch::Contains("are both named"));
}
