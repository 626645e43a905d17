// `vrsim markov` through the real binary: the shipped HIV model's files, PSA
// outputs, and exit code 2 with file:line:column for an invalid model.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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

const fs::path kHiv =
    fs::path(VRSIM_SOURCE_DIR) / "scenarios" / "library" / "markov" / "hiv_chancellor_1997.toml";

struct Folder : vrsim::testing::TemporaryFolder {
    Folder() : TemporaryFolder("vrsim-test-markov") {}
};
using Result = vrsim::testing::CommandResult;

std::string read(const fs::path& file) {
    return vrsim::testing::read_file(file);
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// `vrsim ARGUMENTS`, the arguments written as one shell string.
Result run_vrsim(const std::string& arguments, const Folder& folder) {
    const fs::path out = folder.path() / "stdout.txt";
    const fs::path err = folder.path() / "stderr.txt";
    const std::string command = std::string("'") + VRSIM_BINARY + "' " + arguments + " >'" +
                                out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
}

}  // namespace

TEST_CASE("vrsim markov writes the HIV model's totals, ICER and trace", "[markov][cli]") {
    Folder folder;
    const fs::path out = folder.path() / "hiv";
    const Result result =
        run_vrsim("markov '" + kHiv.string() + "' --out '" + out.string() + "'", folder);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("ICER combination vs monotherapy: 6275.96"));
    const std::string totals = read(out / "totals.csv");
    CHECK_THAT(totals, Catch::StartsWith("strategy,reward,discounted,undiscounted\n"));
    // Briggs et al. (2006) exercise 2.5, to the digits the file prints.
    CHECK_THAT(totals, Catch::Contains("monotherapy,cost,44663.4535636"));
    CHECK_THAT(totals, Catch::Contains("combination,cost,50601.651331"));
    CHECK_THAT(totals, Catch::Contains("monotherapy,life_years,7.99120664"));
    const std::string icer = read(out / "icer.csv");
    CHECK_THAT(icer, Catch::Contains("monotherapy,44663.4535636"));
    CHECK_THAT(icer,
               Catch::Contains("frontier,monotherapy,5938.19776") && Catch::Contains(",6275.9556"));
    // 2 strategies x 21 rows (cycle 0 to 20) x 4 states, plus the header.
    CHECK(count_lines(read(out / "trace.csv")) == 1 + 2 * 21 * 4);
    CHECK_FALSE(fs::exists(out / "psa.csv"));
}

TEST_CASE("vrsim markov --samples writes psa.csv and psa_summary.csv", "[markov][cli]") {
    Folder folder;
    const fs::path out = folder.path() / "psa";
    const std::string arguments =
        "markov '" + kHiv.string() + "' -q --samples 20 --seed 3 --out '" + out.string() + "'";
    REQUIRE(run_vrsim(arguments, folder).exit_code == 0);
    const std::string psa = read(out / "psa.csv");
    CHECK(count_lines(psa) == 1 + 20 * 2 * 2);
    CHECK(count_lines(read(out / "psa_summary.csv")) == 1 + 2 * 2 * 2);
    // Same seed, same files.
    const fs::path again = folder.path() / "again";
    REQUIRE(run_vrsim("markov '" + kHiv.string() + "' -q --samples 20 --seed 3 --out '" +
                          again.string() + "'",
                      folder)
                .exit_code == 0);
    CHECK(read(again / "psa.csv") == psa);
}

TEST_CASE("vrsim markov exits 2 with file:line:column for an invalid model", "[markov][cli]") {
    Folder folder;
    std::string text = read(kHiv);
    const std::string from = "D = { D = 1 }";
    text.replace(text.find(from), from.size(), "D = { D = 0.9 }");
    const fs::path file = folder.path() / "bad.toml";
    std::ofstream(file) << text;
    const Result result = run_vrsim(
        "markov '" + file.string() + "' -o '" + (folder.path() / "out").string() + "'", folder);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(file.string() + ":") &&
                               Catch::Contains(": transitions.D: probabilities from state D sum "
                                               "to 0.9, not 1"));
    CHECK_FALSE(fs::exists(folder.path() / "out" / "totals.csv"));
}
