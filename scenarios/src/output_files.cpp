#include "vrsim/scenarios/output_files.hpp"

#include <utility>

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <system_error>

namespace vrsim::scenarios {

namespace {

std::string errno_message() {
    return std::error_code(errno, std::generic_category()).message();
}

// Large buffered writes: timeseries.csv can hold millions of rows.
constexpr std::size_t kBufferBytes = 1 << 20;

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
    // Same folder, so the rename cannot cross file systems; hidden and .tmp so a
    // file left by a killed run is recognisably not output.
    std::string name = path_.filename().string();
    name.insert(0, 1, '.');
    name.append(".").append(std::to_string(::getpid())).append(".tmp");
    temporary_ = path_.parent_path() / name;
    file_ = std::fopen(temporary_.c_str(), "wb");
    if (file_ == nullptr) {
        fail("cannot create");
    }
    std::setvbuf(file_, nullptr, _IOFBF, kBufferBytes);
}

AtomicFile::~AtomicFile() {
    if (file_ != nullptr) {
        std::fclose(file_);
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

void AtomicFile::fail(std::string_view what) const {
    throw OutputError(std::string(what) + " " + path_.string() + " (as " + temporary_.string() +
                      "): " + errno_message());
}

void AtomicFile::write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
        fail("cannot write");
    }
}

void AtomicFile::commit() {
    if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) {
        fail("cannot write");
    }
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (closed != 0 || std::rename(temporary_.c_str(), path_.c_str()) != 0) {
        const int saved = errno;
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
        errno = saved;
        fail("cannot write");
    }
}

void append_value(std::string& out, double value) {
    char text[32];
    std::to_chars_result result;
    // Below 2^53 every integer is exact; print it without an exponent.
    if (std::trunc(value) == value && std::fabs(value) < 0x1p53) {
        result = std::to_chars(text, text + sizeof text, static_cast<long long>(value));
    } else {
        result = std::to_chars(text, text + sizeof text, value);
    }
    out.append(text, result.ptr);
}

std::string format_value(double value) {
    std::string out;
    append_value(out, value);
    return out;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

TimeseriesWriter::TimeseriesWriter(AtomicFile& file, std::string_view scenario,
                                   model::YearMonth start_month, int months, bool with_header,
                                   model::OutcomeLayout layout)
    : file_(file), layout_(std::move(layout)), scenario_field_(csv_field(scenario) + ",") {
    if (with_header) {
        file_.write(kTimeseriesHeader);
    }
    for (int month = 0; month < months; ++month) {
        month_names_.push_back(start_month.plus_months(month).to_string());
    }
}

void TimeseriesWriter::write(std::uint32_t replicate, const model::MonthlyOutcomes& outcomes) {
    if (outcomes.months() != static_cast<int>(month_names_.size())) {
        throw std::invalid_argument("timeseries expects " + std::to_string(month_names_.size()) +
                                    " months, got " + std::to_string(outcomes.months()));
    }
    const std::string replicate_field = std::to_string(replicate) + ",";
    for (int month = 0; month < outcomes.months(); ++month) {
        buffer_.clear();
        for (std::size_t index = 0; index < outcomes.columns(); ++index) {
            const double value = outcomes.at(month, index);
            if (std::isnan(value)) {
                continue;
            }
            buffer_ += scenario_field_;
            buffer_ += replicate_field;
            buffer_ += month_names_[static_cast<std::size_t>(month)];
            buffer_ += ',';
            buffer_ += layout_.name(index);
            buffer_ += ',';
            append_value(buffer_, value);
            buffer_ += '\n';
        }
        file_.write(buffer_);
    }
}

void write_summary_csv(AtomicFile& file, std::string_view scenario, model::YearMonth start_month,
                       const std::vector<SummaryRow>& rows, bool with_header,
                       const model::OutcomeLayout& layout) {
    std::string text;
    if (with_header) {
        text += kSummaryHeader;
    }
    const std::string scenario_field = csv_field(scenario) + ",";
    for (const SummaryRow& row : rows) {
        text += scenario_field;
        text += start_month.plus_months(row.month).to_string();
        text += ',';
        text += layout.name(row.column);
        text += ',';
        append_value(text, row.mean);
        for (double quantile : row.quantiles) {
            text += ',';
            append_value(text, quantile);
        }
        text += '\n';
    }
    file.write(text);
}

void write_json(AtomicFile& file, const nlohmann::json& document) {
    file.write(document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace vrsim::scenarios
