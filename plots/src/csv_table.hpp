#pragma once
// Reading the CSV files of a run folder with fast-cpp-csv-parser (Debian
// libfccp-dev): RFC 4180 quoting, columns found by name in the header. Fields
// arrive as text and are converted here, so every error names file:line and the
// column.
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

#define CSV_IO_NO_THREAD  // read in this thread; no reader thread per file
// The header truncates long file names for its own messages on purpose; ours
// name the file in full.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include "vrsim/model/calendar.hpp"

namespace vrsim::plots::detail {

// Where a field came from, for messages: "file:line: column \"name\": ...".
struct CsvCell {
    const std::filesystem::path& file;
    unsigned line;
    std::string_view column;
};

[[noreturn]] void throw_cell_error(const CsvCell& cell, std::string_view message);

// A finite or infinite number as the run files print it (shortest round trip,
// "nan", "inf"); an empty cell is NaN when `empty_is_nan`, otherwise an error.
double parse_number(std::string_view text, const CsvCell& cell, bool empty_is_nan = false);
std::uint32_t parse_replicate(std::string_view text, const CsvCell& cell);
model::YearMonth parse_month(std::string_view text, const CsvCell& cell);
void require_not_empty(std::string_view text, const CsvCell& cell);

// Turns the parser's exception into an InputError with file:line.
[[noreturn]] void rethrow_csv_error(const std::filesystem::path& file, const io::error::base& error,
                                    std::string_view header);

// The parser's input: a file opened here, after any UTF-8 byte order mark
// (spreadsheets write one before the header).
class FileSource : public io::ByteSourceBase {
  public:
    explicit FileSource(const std::filesystem::path& file);  // throws InputError
    int read(char* buffer, int size) override;

  private:
    std::ifstream in_;
};

// Calls on_row(line, fields) for each data row; fields are in the order of
// `columns`. Columns the file has but `columns` does not name are ignored. With
// `optional_from` < N, the columns from that index on may be missing (their
// fields are then empty).
template <std::size_t N, typename OnRow>
void read_csv(const std::filesystem::path& file, const std::array<const char*, N>& columns,
              OnRow&& on_row, std::size_t optional_from = N) {
    std::string header;
    for (std::size_t i = 0; i < optional_from; ++i) {
        header.append(i == 0 ? "" : ",").append(columns[i]);
    }
    try {
        io::CSVReader<static_cast<unsigned>(N), io::trim_chars<>, io::double_quote_escape<',', '"'>>
            reader(file.string(), std::make_unique<FileSource>(file));
        const io::ignore_column policy =
            io::ignore_extra_column | (optional_from < N ? io::ignore_missing_column : 0);
        std::apply([&](auto... names) { reader.read_header(policy, std::string(names)...); },
                   columns);
        for (std::size_t i = 0; i < optional_from; ++i) {
            if (!reader.has_column(columns[i])) {
                throw_cell_error({file, 1, columns[i]},
                                 "missing from the header; expected the columns " + header);
            }
        }
        std::array<std::string, N> fields;
        while (true) {
            for (std::string& field : fields) {
                field.clear();
            }
            const bool more =
                std::apply([&](auto&... field) { return reader.read_row(field...); }, fields);
            if (!more) {
                break;
            }
            on_row(reader.get_file_line(), fields);
        }
    } catch (const io::error::base& error) {
        rethrow_csv_error(file, error, header);
    }
}

}  // namespace vrsim::plots::detail
