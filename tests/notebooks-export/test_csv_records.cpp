// The CSV reader under the notebook: quoted fields, header and field-count
// checks, and errors that name the file, line and field.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "notebook_test_files.hpp"
#include "vrsim/notebooks/csv_records.hpp"

using namespace vrsim::notebooks;
using namespace vrsim::notebooks::testing;

namespace {

const std::vector<std::string> kColumns = {"name", "count", "value"};

std::vector<std::vector<std::string>> records(const fs::path& file) {
    std::vector<std::vector<std::string>> rows;
    for_each_csv_record(file, kColumns, [&](const CsvRecord& record) {
        rows.push_back({record.text(0), record.text(1), record.text(2)});
    });
    return rows;
}

std::string error_of(const fs::path& file) {
    try {
        for_each_csv_record(file, kColumns, [](const CsvRecord& record) {
            record.whole_number(1);
            record.number(2);
        });
    } catch (const RunFolderError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("CSV records: quoted fields keep commas, quotes and line breaks", "[notebooks][csv]") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "a.csv";
    write_file(file,
               "name,count,value\n"
               "plain,1,2.5\n"
               "\"IOM, expanded\",2,nan\n"
               "\"say \"\"hi\"\"\",3,-inf\r\n"
               "\"two\nlines\",4,1e-07\n");
    const auto rows = records(file);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == std::vector<std::string>{"plain", "1", "2.5"});
    CHECK(rows[1][0] == "IOM, expanded");
    CHECK(rows[2][0] == "say \"hi\"");
    CHECK(rows[2][2] == "-inf");
    CHECK(rows[3][0] == "two\nlines");
}

TEST_CASE("CSV records: fields are exact, spaces kept and blank lines skipped",
          "[notebooks][csv]") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "a.csv";
    write_file(file, "name,count,value\n Base ,1,2\n\nx,2,3\n");
    const auto rows = records(file);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][0] == " Base ");
    CHECK(rows[1][0] == "x");
}

TEST_CASE("CSV records: numbers as the run files print them", "[notebooks][csv]") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "a.csv";
    write_file(file, "name,count,value\nx,12,0.1\ny,0,nan\nz,7,\n");
    std::vector<double> values;
    std::vector<double> optional;
    std::vector<std::uint64_t> counts;
    for_each_csv_record(file, kColumns, [&](const CsvRecord& record) {
        counts.push_back(record.whole_number(1));
        optional.push_back(record.optional_number(2));
        if (!record.text(2).empty()) {
            values.push_back(record.number(2));
        }
    });
    CHECK(counts == std::vector<std::uint64_t>{12, 0, 7});
    REQUIRE(values.size() == 2);
    CHECK(values[0] == 0.1);
    CHECK(std::isnan(values[1]));
    CHECK(std::isnan(optional[2]));  // an empty field is a statistic not computed
}

TEST_CASE("CSV records: errors name the file, line and field", "[notebooks][csv]") {
    TemporaryFolder folder;
    const fs::path file = folder.path() / "bad.csv";
    SECTION("a word where a number belongs") {
        write_file(file, "name,count,value\nx,1,2\ny,2,two\n");
        CHECK(error_of(file) == file.string() + ":3: field 'value': expected a number, got 'two'");
    }
    SECTION("a negative count") {
        write_file(file, "name,count,value\nx,-1,2\n");
        CHECK(error_of(file) ==
              file.string() + ":2: field 'count': expected a whole number, 0 or more, got '-1'");
    }
    SECTION("an empty number") {
        write_file(file, "name,count,value\nx,1,\n");
        CHECK(error_of(file) == file.string() + ":2: field 'value': expected a number, got ''");
    }
    SECTION("too few fields, after a quoted line break (lines count from the record's start)") {
        write_file(file, "name,count,value\n\"a\nb\",1,2\nx,1\n");
        CHECK(error_of(file) == file.string() + ":4: expected 3 fields (name,count,value), got 2");
    }
    SECTION("a wrong header") {
        write_file(file, "name,value,count\nx,1,2\n");
        CHECK(error_of(file) == file.string() + ":1: expected the header name,count,value");
    }
    SECTION("an unclosed quote") {
        write_file(file, "name,count,value\n\"x,1,2\n");
        CHECK(error_of(file) ==
              file.string() + ":2: a quoted field is not closed before the end of the file");
    }
    SECTION("a stray quote inside an unquoted field") {
        write_file(file, "name,count,value\nx,1,2\nb\"ad,1,2\n");
        CHECK(error_of(file) == file.string() +
                                    ":3: malformed CSV: a quote inside an unquoted field, or "
                                    "text after a closing quote");
    }
    SECTION("an empty file") {
        write_file(file, "");
        CHECK(error_of(file) == file.string() + ": empty; expected the header name,count,value");
    }
    SECTION("no file") {
        CHECK(error_of(folder.path() / "missing.csv") ==
              (folder.path() / "missing.csv").string() +
                  ": cannot be read (missing or not a file)");
    }
}
