#pragma once
// Reads the CSV files of a run folder record by record with libcsv (RFC 4180: a
// field is quoted when it holds a comma, quote or line break), checking the
// header, and converts fields with errors that name the file, line and field.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::notebooks {

// A run folder that cannot be read: a missing file, bad JSON, a malformed CSV.
// The message starts with the file (and line, where there is one).
class RunFolderError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class CsvRecord {
  public:
    CsvRecord(const std::filesystem::path& file, const std::vector<std::string>& columns)
        : file_(file), columns_(columns) {}

    std::size_t line() const { return line_; }  // where the record starts, from 1
    const std::string& text(std::size_t column) const { return fields_[column]; }
    // A number as the files print it ("12", "0.5", "1e-07", "nan", "-inf").
    double number(std::size_t column) const;
    // The same, with an empty field read as NaN (a statistic that was not computed).
    double optional_number(std::size_t column) const;
    std::uint64_t whole_number(std::size_t column) const;
    // Throws RunFolderError "FILE:LINE: field 'NAME': expected WHAT, got 'TEXT'".
    [[noreturn]] void fail(std::size_t column, std::string_view expected) const;
    // Throws RunFolderError "FILE:LINE: MESSAGE".
    [[noreturn]] void fail(std::string_view message) const;

  private:
    friend struct CsvParseState;
    const std::filesystem::path& file_;
    const std::vector<std::string>& columns_;
    std::vector<std::string> fields_;
    std::size_t line_ = 0;
};

// Calls `visit` for each record after the header, which must be exactly
// `columns`. Every record must have as many fields; blank lines are skipped;
// fields are taken exactly (no trimming of spaces). Throws RunFolderError for a
// missing file, a wrong header, a wrong field count or bad quoting, and passes on
// whatever `visit` throws.
void for_each_csv_record(const std::filesystem::path& file, const std::vector<std::string>& columns,
                         const std::function<void(const CsvRecord&)>& visit);

}  // namespace vrsim::notebooks
