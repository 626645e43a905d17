#include "vrsim/notebooks/csv_records.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace vrsim::notebooks {

namespace {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw RunFolderError(file.string() + ": cannot be read (missing or not a file)");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string joined(const std::vector<std::string>& columns) {
    std::string text;
    for (const std::string& column : columns) {
        if (!text.empty()) {
            text += ',';
        }
        text += column;
    }
    return text;
}

// from_chars reads "nan" and "inf" but not the sign of "-nan"; the files print
// "nan", "inf" and "-inf".
bool parse_double(const std::string& text, double& value) {
    if (text.empty()) {
        return false;
    }
    const char* first = text.data();
    const char* last = first + text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc() && end == last;
}

}  // namespace

void CsvRecord::fail(std::string_view message) const {
    std::string text = file_.string();
    text.append(":").append(std::to_string(line_)).append(": ").append(message);
    throw RunFolderError(text);
}

void CsvRecord::fail(std::size_t column, std::string_view expected) const {
    std::string message = "field '";
    message.append(columns_[column]).append("': expected ").append(expected);
    message.append(", got '").append(fields_[column]).append("'");
    fail(message);
}

double CsvRecord::number(std::size_t column) const {
    double value = 0.0;
    if (!parse_double(fields_[column], value)) {
        fail(column, "a number");
    }
    return value;
}

double CsvRecord::optional_number(std::size_t column) const {
    if (fields_[column].empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double value = 0.0;
    if (!parse_double(fields_[column], value)) {
        fail(column, "a number or nothing");
    }
    return value;
}

std::uint64_t CsvRecord::whole_number(std::size_t column) const {
    const std::string& text = fields_[column];
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        fail(column, "a whole number, 0 or more");
    }
    return value;
}

void for_each_csv_record(const std::filesystem::path& file, const std::vector<std::string>& columns,
                         const std::function<void(const CsvRecord&)>& visit) {
    const std::string text = read_file(file);
    CsvRecord record(file, columns);
    std::size_t line = 1;
    std::size_t at = 0;
    bool header = true;
    while (at < text.size()) {
        record.fields_.clear();
        record.line_ = line;
        std::string field;
        bool quoted = false;
        bool ended = false;
        // One record: fields up to an unquoted line break (or the end of the file).
        while (!ended) {
            if (at == text.size()) {
                if (quoted) {
                    record.fail("a quoted field is not closed before the end of the file");
                }
                ended = true;
                break;
            }
            const char c = text[at++];
            if (quoted) {
                if (c == '"') {
                    if (at < text.size() && text[at] == '"') {
                        field += '"';
                        ++at;
                    } else {
                        quoted = false;
                    }
                } else {
                    line += c == '\n' ? 1 : 0;
                    field += c;
                }
            } else if (c == '"' && field.empty()) {
                quoted = true;
            } else if (c == ',') {
                record.fields_.push_back(std::move(field));
                field.clear();
            } else if (c == '\n') {
                ++line;
                ended = true;
            } else if (c == '\r' && at < text.size() && text[at] == '\n') {
                continue;  // CRLF line ends
            } else {
                field += c;
            }
        }
        record.fields_.push_back(std::move(field));
        if (header) {
            if (record.fields_ != columns) {
                record.fail(std::string("expected the header ").append(joined(columns)));
            }
            header = false;
            continue;
        }
        if (record.fields_.size() != columns.size()) {
            std::string message = "expected ";
            message.append(std::to_string(columns.size())).append(" fields (");
            message.append(joined(columns)).append("), got ");
            record.fail(message.append(std::to_string(record.fields_.size())));
        }
        visit(record);
    }
    if (header) {
        throw RunFolderError(file.string() + ": empty; expected the header " + joined(columns));
    }
}

}  // namespace vrsim::notebooks
