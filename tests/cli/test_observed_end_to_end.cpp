// The real `vrsim observed` binary: the per-year table of a Met excerpt and a
// police.uk folder (figures summed by hand from the fixtures, see
// tests/calibration), the tidy CSV it writes and reads back, and exit code 2 with
// file:line for bad input.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource(VRSIM_SOURCE_DIR);
const fs::path kFixtures = kSource / "tests" / "calibration" / "fixtures";
const fs::path kMetExcerpt = kFixtures / "mps-borough-a-2019q1.csv";
const fs::path kSchemeA = kSource / "scenarios" / "library" / "mappings" / "mps-scheme-a.toml";
const fs::path kPoliceUk = kSource / "scenarios" / "library" / "mappings" / "police-uk-street.toml";

using Folder = vrsim::testing::TemporaryFolder;
using Result = vrsim::testing::CommandResult;
using vrsim::testing::read_file;

Result observed(std::vector<std::string> arguments, const Folder& folder) {
    arguments.insert(arguments.begin(), "observed");
    return vrsim::testing::run_vrsim(arguments, folder);
}

// The table line of `outcome`, with its spaces squeezed to one.
std::string table_line(const std::string& out, const std::string& outcome) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(outcome + " ")) {
            std::istringstream words(line);
            std::string squeezed;
            for (std::string word; words >> word;) {
                squeezed.append(squeezed.empty() ? "" : " ").append(word);
            }
            return squeezed;
        }
    }
    return "(no line for " + outcome + ")";
}

}  // namespace

TEST_CASE("vrsim observed: a Met file's table, and the tidy CSV it writes reads back") {
    Folder folder("vrsim-test-observed");
    const fs::path tidy = folder.path() / "croydon.csv";
    const Result result = observed({kMetExcerpt.string(), "--mapping", kSchemeA.string(),
                                    "--borough", "Croydon", "--out", tidy.string()},
                                   folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    // Three months of 2019: 784 + 678 + 776 and 2,638 + 2,578 + 2,836.
    CHECK(table_line(result.out, "recorded_violence_against_the_person") ==
          "recorded_violence_against_the_person 2238");
    CHECK(table_line(result.out, "recorded_total") == "recorded_total 8052");
    CHECK(result.out.find("* 2019: 3 of 12 months") != std::string::npos);
    CHECK(result.out.find("Not observable with this mapping: recorded_violence_with_injury "
                          "recorded_violence_without_injury recorded_knife_enabled "
                          "recorded_domestic_abuse") != std::string::npos);

    const std::string written = read_file(tidy);
    CHECK(written.starts_with("month,outcome,value,area\n"));
    CHECK(written.find("\n2019-01,recorded_total,2638,Croydon\n") != std::string::npos);
    // 6 outcomes x 3 months and the header.
    CHECK(std::count(written.begin(), written.end(), '\n') == 19);

    const Result again = observed({tidy.string()}, folder);
    REQUIRE(again.exit_code == 0);
    CHECK(table_line(again.out, "recorded_total") == "recorded_total 8052");
}

TEST_CASE("vrsim observed: a police.uk folder for an LSOA name prefix") {
    Folder folder("vrsim-test-observed");
    const Result result = observed({(kFixtures / "policeuk").string(), "--mapping",
                                    kPoliceUk.string(), "--lsoa-prefix", "City of London"},
                                   folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    // 15 + 18 + 15 records that are crimes; 12 + 5 + 11 anti-social behaviour ignored.
    CHECK(table_line(result.out, "recorded_total") == "recorded_total 48");
    CHECK(result.out.find("ignored as the mapping says: Anti-social behaviour (28)") !=
          std::string::npos);
}

TEST_CASE("vrsim observed: bad input exits 2 with file and line") {
    Folder folder("vrsim-test-observed");
    const fs::path broken = kFixtures / "broken" / "met-non-numeric.csv";
    const Result bad_value =
        observed({broken.string(), "--mapping", kSchemeA.string(), "--borough", "Croydon"}, folder);
    CHECK(bad_value.exit_code == 2);
    CHECK(bad_value.err.find(broken.string() + ":3: column 5 (201902): expected a whole number") !=
          std::string::npos);
    CHECK(bad_value.out.empty());

    const Result no_borough =
        observed({kMetExcerpt.string(), "--mapping", kSchemeA.string()}, folder);
    CHECK(no_borough.exit_code == 2);
    CHECK(no_borough.err.find("--borough is needed") != std::string::npos);

    const Result not_data = observed({kSchemeA.string(), "--mapping", kSchemeA.string()}, folder);
    CHECK(not_data.exit_code == 2);
    CHECK(not_data.err.find("not a file vrsim can read") != std::string::npos);

    const fs::path tidy = folder.path() / "never.csv";
    const Result wrong_mapping = observed({kMetExcerpt.string(), "--mapping", kPoliceUk.string(),
                                           "--borough", "Croydon", "--out", tidy.string()},
                                          folder);
    CHECK(wrong_mapping.exit_code == 2);
    CHECK(wrong_mapping.err.find("this mapping is for police-uk files") != std::string::npos);
    CHECK_FALSE(fs::exists(tidy));
}
