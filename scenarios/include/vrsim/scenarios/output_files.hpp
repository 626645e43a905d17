#pragma once
// The files of a run folder. Each is written under a temporary name in its folder
// and renamed into place only when complete, so a reader (or a killed run) never
// leaves a half-written file under the real name.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vrsim/model/calendar.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/scenarios/summary.hpp"

namespace vrsim::scenarios {

inline constexpr std::string_view kTimeseriesFile = "timeseries.csv";
inline constexpr std::string_view kSummaryFile = "summary.csv";
inline constexpr std::string_view kManifestFile = "manifest.json";
inline constexpr std::string_view kTimeseriesHeader = "scenario,replicate,month,outcome,value\n";
inline constexpr std::string_view kSummaryHeader =
    "scenario,month,outcome,mean,p05,p25,p50,p75,p95\n";

// A file that cannot be written; the message names the path and the reason.
class OutputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Writes to "DIR/.NAME.PID.tmp"; commit() flushes it to disk and renames it to
// DIR/NAME. Destroyed without commit() (an error, an exception) it removes the
// temporary file. Throws OutputError.
class AtomicFile {
  public:
    explicit AtomicFile(std::filesystem::path path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view text);
    void commit();

    const std::filesystem::path& path() const { return path_; }
    const std::filesystem::path& temporary_path() const { return temporary_; }

  private:
    [[noreturn]] void fail(std::string_view what) const;
    std::filesystem::path path_;
    std::filesystem::path temporary_;
    std::FILE* file_ = nullptr;
};

// A value as the files print it, exactly and the same on every platform:
// integers without a decimal point ("42"), other numbers in the shortest form
// that reads back to the same double ("0.1", "1e-07"), "nan"/"inf"/"-inf".
std::string format_value(double value);
void append_value(std::string& out, double value);

// A CSV field, quoted (RFC 4180) only when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

// Streams timeseries.csv rows as replicates arrive: one row per defined
// (month, outcome), months as YYYY-MM; NaN values are left out. Writes the header
// first unless told not to (a second scenario in the same file).
class TimeseriesWriter {
  public:
    TimeseriesWriter(AtomicFile& file, std::string_view scenario, model::YearMonth start_month,
                     int months, bool with_header = true,
                     model::OutcomeLayout layout = model::OutcomeLayout());
    void write(std::uint32_t replicate, const model::MonthlyOutcomes& outcomes);

  private:
    AtomicFile& file_;
    model::OutcomeLayout layout_;
    std::string scenario_field_;
    std::vector<std::string> month_names_;
    std::string buffer_;
};

// Writes summary.csv rows (header included) for one scenario.
void write_summary_csv(AtomicFile& file, std::string_view scenario, model::YearMonth start_month,
                       const std::vector<SummaryRow>& rows, bool with_header = true,
                       const model::OutcomeLayout& layout = model::OutcomeLayout());

// Writes `document` indented by 2 with a final newline; invalid UTF-8 in a
// string (a path) is replaced rather than failing.
void write_json(AtomicFile& file, const nlohmann::json& document);

}  // namespace vrsim::scenarios
