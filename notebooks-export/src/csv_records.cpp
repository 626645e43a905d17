#include "vrsim/notebooks/csv_records.hpp"

#include <csv.h>

#include <charconv>
#include <exception>
#include <fstream>
#include <limits>

namespace vrsim::notebooks {

namespace {

// Strict: a stray quote is an error, and so is a quote left open at the end;
// every line break is reported, so blank lines come as records with no field.
constexpr unsigned char kOptions = CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL;

// The files' fields are exact: " Base" is not "Base". libcsv would trim spaces
// and tabs around unquoted fields.
int no_spaces(unsigned char) {
    return 0;
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

bool parse_double(const std::string& text, double& value) {
    if (text.empty()) {
        return false;
    }
    const char* first = text.data();
    const char* last = first + text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc() && end == last;
}

// Owns a libcsv parser.
class Parser {
  public:
    Parser() {
        csv_init(&parser_, kOptions);
        csv_set_space_func(&parser_, no_spaces);
    }
    ~Parser() { csv_free(&parser_); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    csv_parser* get() { return &parser_; }

  private:
    csv_parser parser_{};
};

}  // namespace

// What libcsv's callbacks need. An exception must not unwind through libcsv's C
// frames: it waits in `failure` and is rethrown once csv_parse has returned.
struct CsvParseState {
    CsvParseState(const std::filesystem::path& file, const std::vector<std::string>& columns,
                  const std::function<void(const CsvRecord&)>& visit_record)
        : record(file, columns), visit(visit_record) {}

    CsvRecord record;
    const std::function<void(const CsvRecord&)>& visit;
    std::size_t next_record_line = 1;
    std::size_t current_line = 0;
    bool header = true;
    std::exception_ptr failure;

    void add_field(const char* text, std::size_t length) {
        try {
            record.fields_.emplace_back(text, length);
        } catch (...) {
            failure = std::current_exception();
        }
    }

    // Throws RunFolderError "FILE:LINE: MESSAGE" for the record being read.
    [[noreturn]] void fail(std::string_view message) {
        record.line_ = next_record_line;
        record.fail(message);
    }

    void end_record() {
        record.line_ = next_record_line;
        next_record_line = current_line + 1;
        if (record.fields_.empty() || failure) {
            return;  // a blank line, or a record after an error
        }
        try {
            check_and_visit();
        } catch (...) {
            failure = std::current_exception();
        }
        record.fields_.clear();
    }

    void check_and_visit() {
        const std::vector<std::string>& columns = record.columns_;
        if (header) {
            header = false;
            if (record.fields_ != columns) {
                record.fail(std::string("expected the header ").append(joined(columns)));
            }
            return;
        }
        if (record.fields_.size() != columns.size()) {
            std::string message = "expected ";
            message.append(std::to_string(columns.size())).append(" fields (");
            message.append(joined(columns)).append("), got ");
            record.fail(message.append(std::to_string(record.fields_.size())));
        }
        visit(record);
    }

    void rethrow() const {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
};

namespace {

void on_field(void* text, std::size_t length, void* data) {
    static_cast<CsvParseState*>(data)->add_field(static_cast<const char*>(text), length);
}

void on_record_end(int, void* data) {
    static_cast<CsvParseState*>(data)->end_record();
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
    // from_chars reads the files' "nan", "inf" and "-inf" as well as numbers.
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
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw RunFolderError(file.string() + ": cannot be read (missing or not a file)");
    }
    Parser parser;
    CsvParseState state(file, columns, visit);
    std::string line;
    // Fed line by line so each record knows the line it starts on.
    while (std::getline(in, line)) {
        ++state.current_line;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        line.push_back('\n');
        const std::size_t parsed =
            csv_parse(parser.get(), line.data(), line.size(), on_field, on_record_end, &state);
        state.rethrow();
        if (parsed != line.size()) {
            state.fail(
                "malformed CSV: a quote inside an unquoted field, or text after a closing quote");
        }
    }
    if (in.bad()) {
        throw RunFolderError(file.string() + ": cannot be read");
    }
    const int finished = csv_fini(parser.get(), on_field, on_record_end, &state);
    state.rethrow();
    if (finished != 0) {
        state.fail("a quoted field is not closed before the end of the file");
    }
    if (state.header) {
        throw RunFolderError(file.string() + ": empty; expected the header " + joined(columns));
    }
}

}  // namespace vrsim::notebooks
