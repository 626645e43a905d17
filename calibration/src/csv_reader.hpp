#pragma once
// Reads a CSV file record by record with libcsv (RFC 4180 quoting, strict about
// stray quotes), keeping each record's line number for messages.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "problem_list.hpp"

namespace vrsim::calibration::detail {

struct CsvRecord {
    int line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

// Calls `on_record` for every record, the header included; blank lines are
// skipped. Line endings may be LF or CRLF; a UTF-8 byte-order mark is skipped.
// Spaces around unquoted fields are trimmed (libcsv's default). A record with bad
// quoting is added to `problems` and not passed on. Throws ObservedDataError when
// the file cannot be opened.
void read_csv(const std::filesystem::path& file,
              const std::function<void(const CsvRecord&)>& on_record, ProblemList& problems);

// The first record only (the header); empty when the file is empty or unreadable.
std::vector<std::string> read_csv_header(const std::filesystem::path& file);

}  // namespace vrsim::calibration::detail
