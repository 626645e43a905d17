#include "csv_table.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "vrsim/plots/errors.hpp"

namespace vrsim::plots::detail {

namespace {

std::string quoted(std::string_view text) {
    std::string out = "\"";
    out.append(text).append("\"");
    return out;
}

std::string located(const std::filesystem::path& file, int line) {
    std::string out = file.string();
    if (line > 0) {
        out.append(":").append(std::to_string(line));
    }
    return out.append(": ");
}

}  // namespace

FileSource::FileSource(const std::filesystem::path& file) : in_(file, std::ios::binary) {
    if (!in_) {
        throw InputError(located(file, 0) + "cannot open: " + std::strerror(errno));
    }
    char mark[3] = {};
    in_.read(mark, 3);
    if (in_.gcount() != 3 || mark[0] != '\xEF' || mark[1] != '\xBB' || mark[2] != '\xBF') {
        in_.clear();
        in_.seekg(0);
    }
}

int FileSource::read(char* buffer, int size) {
    in_.read(buffer, size);
    return static_cast<int>(in_.gcount());
}

void throw_cell_error(const CsvCell& cell, std::string_view message) {
    std::string text = located(cell.file, static_cast<int>(cell.line));
    text.append("column ").append(quoted(cell.column)).append(": ").append(message);
    throw InputError(text);
}

double parse_number(std::string_view text, const CsvCell& cell, bool empty_is_nan) {
    if (text.empty()) {
        if (empty_is_nan) {
            return std::numeric_limits<double>::quiet_NaN();
        }
        throw_cell_error(cell, "expected a number, got an empty cell");
    }
    double value = 0.0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (*first == '+') {
        ++first;  // from_chars refuses a leading plus sign
    }
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc{} || end != last) {
        throw_cell_error(cell, "expected a number, got " + quoted(text));
    }
    return value;
}

std::uint32_t parse_replicate(std::string_view text, const CsvCell& cell) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        throw_cell_error(cell, "expected a replicate number (0 or more), got " + quoted(text));
    }
    return value;
}

model::YearMonth parse_month(std::string_view text, const CsvCell& cell) {
    const std::optional<model::YearMonth> month = model::YearMonth::parse(text);
    if (!month) {
        throw_cell_error(cell, "expected a month as YYYY-MM, got " + quoted(text));
    }
    return *month;
}

void require_not_empty(std::string_view text, const CsvCell& cell) {
    if (text.empty()) {
        throw_cell_error(cell, "expected a name, got an empty cell");
    }
}

void rethrow_csv_error(const std::filesystem::path& file, const io::error::base& error,
                       std::string_view header) {
    const auto* with_line = dynamic_cast<const io::error::with_file_line*>(&error);
    int line = with_line != nullptr ? with_line->file_line : 0;
    const auto* with_column = dynamic_cast<const io::error::with_column_name*>(&error);
    const std::string column = with_column != nullptr ? quoted(with_column->column_name) : "";
    const std::string expected = "expected the columns " + std::string(header);
    std::string message;
    if (const auto* open = dynamic_cast<const io::error::can_not_open_file*>(&error)) {
        message = "cannot open: ";
        message.append(open->errno_value != 0 ? std::strerror(open->errno_value)
                                              : "unknown reason");
    } else if (dynamic_cast<const io::error::header_missing*>(&error) != nullptr) {
        message = "the file is empty; " + expected;
    } else if (dynamic_cast<const io::error::missing_column_in_header*>(&error) != nullptr) {
        line = 1;
        message = "header: column " + column + " is missing; " + expected;
    } else if (dynamic_cast<const io::error::duplicated_column_in_header*>(&error) != nullptr) {
        line = 1;
        message = "header: column " + column + " appears twice";
    } else if (dynamic_cast<const io::error::too_few_columns*>(&error) != nullptr) {
        message = "too few fields for the header's columns";
    } else if (dynamic_cast<const io::error::too_many_columns*>(&error) != nullptr) {
        message = "more fields than the header has columns";
    } else if (dynamic_cast<const io::error::escaped_string_not_closed*>(&error) != nullptr) {
        message = "a quoted field is not closed (a \" without its closing \")";
    } else if (dynamic_cast<const io::error::line_length_limit_exceeded*>(&error) != nullptr) {
        message = "the line is longer than 16 MiB";
    } else {
        message = error.what();
    }
    throw InputError(located(file, line) + message);
}

}  // namespace vrsim::plots::detail
