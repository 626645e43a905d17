#include "csv_reader.hpp"

#include <csv.h>

#include <cerrno>
#include <exception>
#include <fstream>
#include <system_error>

namespace vrsim::calibration::detail {

namespace {

constexpr unsigned char kOptions = CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL;

struct ParseState {
    CsvRecord record;
    int next_record_line = 1;
    int current_line = 0;
    const std::function<void(const CsvRecord&)>* on_record = nullptr;
    // An exception must not unwind through libcsv's C frames: it waits here and is
    // rethrown once csv_parse has returned.
    std::exception_ptr failure;
};

void rethrow_failure(const ParseState& state) {
    if (state.failure) {
        std::rethrow_exception(state.failure);
    }
}

void on_field(void* text, std::size_t length, void* data) {
    auto* state = static_cast<ParseState*>(data);
    try {
        state->record.fields.emplace_back(static_cast<const char*>(text), length);
    } catch (...) {
        state->failure = std::current_exception();
    }
}

void on_record_end(int, void* data) {
    auto* state = static_cast<ParseState*>(data);
    state->record.line = state->next_record_line;
    state->next_record_line = state->current_line + 1;
    // CSV_REPALL_NL reports blank lines as records with no field.
    if (!state->record.fields.empty() && !state->failure) {
        try {
            (*state->on_record)(state->record);
        } catch (...) {
            state->failure = std::current_exception();
        }
    }
    state->record.fields.clear();
}

// Owns a libcsv parser.
class Parser {
  public:
    Parser() { reset(); }
    ~Parser() { csv_free(&parser_); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    void reset() {
        if (initialised_) {
            csv_free(&parser_);
        }
        csv_init(&parser_, kOptions);
        initialised_ = true;
    }
    csv_parser* get() { return &parser_; }

  private:
    csv_parser parser_{};
    bool initialised_ = false;
};

}  // namespace

void read_csv(const std::filesystem::path& file,
              const std::function<void(const CsvRecord&)>& on_record, ProblemList& problems) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const std::string reason = std::error_code(errno, std::generic_category()).message();
        throw ObservedDataError({Diagnostic{file, 0, 0, "", "cannot open: " + reason}});
    }
    Parser parser;
    ParseState state;
    state.on_record = &on_record;
    std::string line;
    while (std::getline(in, line)) {
        ++state.current_line;
        if (state.current_line == 1 && line.starts_with("\xEF\xBB\xBF")) {
            line.erase(0, 3);
        }
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        line.push_back('\n');
        const std::size_t parsed =
            csv_parse(parser.get(), line.data(), line.size(), on_field, on_record_end, &state);
        rethrow_failure(state);
        if (parsed != line.size()) {
            problems.add(file, state.next_record_line, "",
                         "malformed CSV: a quote inside an unquoted field, or text after a "
                         "closing quote (quote a field that holds commas or quotes, and double "
                         "the quotes inside it)");
            parser.reset();
            state.record.fields.clear();
            state.next_record_line = state.current_line + 1;
        }
    }
    if (in.bad()) {
        throw ObservedDataError({Diagnostic{file, 0, 0, "", "cannot read the file"}});
    }
    const int finished = csv_fini(parser.get(), on_field, on_record_end, &state);
    rethrow_failure(state);
    if (finished != 0) {
        problems.add(file, state.next_record_line, "",
                     "malformed CSV: a quoted field is not closed before the end of the file");
    }
}

std::vector<std::string> read_csv_header(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) {
        return {};
    }
    if (line.starts_with("\xEF\xBB\xBF")) {
        line.erase(0, 3);
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    line.push_back('\n');
    std::vector<std::string> header;
    ParseState state;
    const std::function<void(const CsvRecord&)> keep = [&](const CsvRecord& record) {
        header = record.fields;
    };
    state.on_record = &keep;
    state.current_line = 1;
    Parser parser;
    if (csv_parse(parser.get(), line.data(), line.size(), on_field, on_record_end, &state) !=
        line.size()) {
        return {};
    }
    return header;
}

}  // namespace vrsim::calibration::detail
