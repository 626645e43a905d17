// Run-folder files: atomic writes that leave no temporary files, and numbers
// printed exactly and reproducibly.
#include <unistd.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "vrsim/scenarios/output_files.hpp"

namespace fs = std::filesystem;
using namespace vrsim::scenarios;
using vrsim::model::MonthlyOutcomes;
using vrsim::model::Outcome;
using vrsim::model::YearMonth;

namespace {

// A fresh empty folder, removed afterwards.
struct TemporaryFolder {
    fs::path path;
    TemporaryFolder() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("vrsim-test-output-" + std::to_string(::getpid()) +
                                            "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TemporaryFolder() { fs::remove_all(path); }
    std::vector<std::string> names() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(path)) {
            names.push_back(entry.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }
};

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("integers print without a decimal point") {
    CHECK(format_value(0.0) == "0");
    CHECK(format_value(-0.0) == "0");
    CHECK(format_value(42.0) == "42");
    CHECK(format_value(-3.0) == "-3");
    CHECK(format_value(382000.0) == "382000");
    CHECK(format_value(1e15) == "1000000000000000");
}

TEST_CASE("other numbers print in the shortest form that reads back exactly") {
    CHECK(format_value(0.1) == "0.1");
    CHECK(format_value(2.5) == "2.5");
    CHECK(format_value(1.0 / 3.0) == "0.3333333333333333");
    CHECK(format_value(1e-7) == "1e-07");
    CHECK(format_value(1e20) == "1e+20");
    CHECK(format_value(std::numeric_limits<double>::quiet_NaN()) == "nan");

    std::mt19937_64 generator(7);
    for (int i = 0; i < 1000; ++i) {
        const double value = std::ldexp(static_cast<double>(generator() >> 11), -40) - 1000.0;
        const std::string text = format_value(value);
        double back = 0.0;
        std::from_chars(text.data(), text.data() + text.size(), back);
        REQUIRE(back == value);
    }
}

TEST_CASE("CSV fields are quoted only when they need it") {
    CHECK(csv_field("Croydon baseline") == "Croydon baseline");
    CHECK(csv_field("Croydon, 2019") == "\"Croydon, 2019\"");
    CHECK(csv_field("the \"Met\"") == "\"the \"\"Met\"\"\"");
}

TEST_CASE("a committed file appears under its name and no temporary file remains") {
    TemporaryFolder folder;
    {
        AtomicFile file(folder.path / "out.csv");
        file.write("a,b\n");
        CHECK(fs::exists(file.temporary_path()));
        CHECK_FALSE(fs::exists(folder.path / "out.csv"));  // nothing under the real name yet
        file.write("1,2\n");
        file.commit();
    }
    CHECK(folder.names() == std::vector<std::string>{"out.csv"});
    CHECK(read(folder.path / "out.csv") == "a,b\n1,2\n");
}

TEST_CASE("an uncommitted file leaves nothing behind and keeps the old file") {
    TemporaryFolder folder;
    std::ofstream(folder.path / "out.csv") << "old\n";
    {
        AtomicFile file(folder.path / "out.csv");
        file.write("half a fi");
    }  // e.g. an exception during the run
    CHECK(folder.names() == std::vector<std::string>{"out.csv"});
    CHECK(read(folder.path / "out.csv") == "old\n");
}

TEST_CASE("committing replaces an existing file") {
    TemporaryFolder folder;
    std::ofstream(folder.path / "out.csv") << "old\n";
    AtomicFile file(folder.path / "out.csv");
    file.write("new\n");
    file.commit();
    CHECK(read(folder.path / "out.csv") == "new\n");
    CHECK(folder.names().size() == 1);
}

TEST_CASE("a file in a missing folder fails with its path in the message") {
    TemporaryFolder folder;
    const fs::path missing = folder.path / "no-such-folder" / "out.csv";
    try {
        AtomicFile file(missing);
        FAIL("expected OutputError");
    } catch (const OutputError& error) {
        CHECK_THAT(error.what(), Catch::Contains(missing.string()));
        CHECK_THAT(error.what(), Catch::Contains("No such file or directory"));
    }
}

TEST_CASE("timeseries rows: one per defined value, months as YYYY-MM") {
    TemporaryFolder folder;
    MonthlyOutcomes outcomes(2);  // all zero
    outcomes.at(0, Outcome::proven_reoffending_rate) = std::numeric_limits<double>::quiet_NaN();
    outcomes.at(1, Outcome::victims) = 12.5;
    {
        AtomicFile file(folder.path / "timeseries.csv");
        TimeseriesWriter writer(file, "Town, A", YearMonth::of(2019, 12), 2);
        writer.write(0, outcomes);
        writer.write(1, outcomes);
        file.commit();
    }
    std::istringstream text(read(folder.path / "timeseries.csv"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(text, line);) {
        lines.push_back(line);
    }
    const std::size_t per_replicate = 2 * vrsim::model::kOutcomeCount - 1;
    REQUIRE(lines.size() == 1 + 2 * per_replicate);
    CHECK(lines[0] == "scenario,replicate,month,outcome,value");
    CHECK(lines[1] == "\"Town, A\",0,2019-12,recorded_violence_with_injury,0");
    CHECK(std::count(lines.begin(), lines.end(), "\"Town, A\",1,2020-01,victims,12.5") == 1);
    CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& line) {
        return line.find("2019-12,proven_reoffending_rate") != std::string::npos;
    }));
}

TEST_CASE("summary rows print month, outcome, mean and the five quantiles") {
    TemporaryFolder folder;
    SummaryRow row;
    row.month = 3;
    row.column = vrsim::model::index_of(Outcome::victims);
    row.count = 5;
    row.mean = 3.0;
    row.quantiles = {1.2, 2, 3, 4, 4.8};
    {
        AtomicFile file(folder.path / "summary.csv");
        write_summary_csv(file, "Town", YearMonth::of(2019, 4), {row});
        file.commit();
    }
    CHECK(read(folder.path / "summary.csv") ==
          "scenario,month,outcome,mean,p05,p25,p50,p75,p95\n"
          "Town,2019-07,victims,3,1.2,2,3,4,4.8\n");
}
