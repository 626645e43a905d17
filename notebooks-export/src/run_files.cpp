#include "vrsim/notebooks/run_files.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "vrsim/notebooks/csv_records.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::notebooks {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::vector<std::string> kSummaryColumns = {"scenario", "month", "outcome", "mean", "p05",
                                                  "p25",      "p50",   "p75",     "p95"};
const std::vector<std::string> kTimeseriesColumns = {"scenario", "replicate", "month", "outcome",
                                                     "value"};
const std::vector<std::string> kComparisonColumns = {
    "base", "alternative", "measure", "mean", "median", "p05", "p95", "probability_better"};
const std::vector<std::string> kComparisonReplicatesColumns = {"base", "alternative", "replicate",
                                                               "measure", "value"};

// "YYYY-MM" as months since year 0; false when the text is not of that form.
bool parse_month(std::string_view text, int& months) {
    if (text.size() != 7 || text[4] != '-') {
        return false;
    }
    int year = 0;
    int month = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (i == 4) {
            continue;
        }
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        int& part = i < 4 ? year : month;
        part = part * 10 + (text[i] - '0');
    }
    if (month < 1 || month > 12) {
        return false;
    }
    months = year * 12 + month - 1;
    return true;
}

// A text the manifest may hold (the place's name); empty when absent or not text.
std::string optional_text(const json& document, const json::json_pointer& pointer) {
    if (!document.contains(pointer) || !document.at(pointer).is_string()) {
        return {};
    }
    return document.at(pointer).get<std::string>();
}

[[noreturn]] void manifest_fail(const fs::path& file, std::string_view field,
                                std::string_view expected) {
    std::string message = file.string();
    message.append(": field '").append(field).append("': expected ").append(expected);
    throw RunFolderError(message);
}

void read_manifest(const fs::path& file, RunFiles& run) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw RunFolderError(file.string() +
                             ": cannot be read (missing or not a file); is this a folder written "
                             "by `vrsim run`?");
    }
    json manifest;
    try {
        manifest = json::parse(in);
    } catch (const json::parse_error& error) {
        throw RunFolderError(file.string() + ": not valid JSON: " + error.what());
    }
    if (!manifest.is_object()) {
        throw RunFolderError(file.string() + ": expected a JSON object");
    }
    const json& scenarios = manifest.contains("scenarios") ? manifest["scenarios"] : json();
    if (!scenarios.is_array() || scenarios.empty()) {
        manifest_fail(file, "scenarios", "a list of one or more scenarios");
    }
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const json& scenario = scenarios[i];
        if (!scenario.is_object() || !scenario.contains("name") || !scenario["name"].is_string()) {
            manifest_fail(file, "scenarios[" + std::to_string(i) + "].name", "a text");
        }
        const std::string name = scenario["name"].get<std::string>();
        if (std::find(run.scenarios.begin(), run.scenarios.end(), name) != run.scenarios.end()) {
            manifest_fail(file, "scenarios[" + std::to_string(i) + "].name",
                          "a name no other scenario has, got '" + name + "' twice");
        }
        run.scenarios.push_back(name);
    }
    run.place = optional_text(scenarios[0], "/parameters/place/name"_json_pointer);
    int start = 0;
    if (!manifest.contains("start_month") || !manifest["start_month"].is_string() ||
        !parse_month(manifest["start_month"].get<std::string>(), start)) {
        manifest_fail(file, "start_month", "a month as YYYY-MM");
    }
    run.start_year = start / 12;
    run.start_month_of_year = start % 12 + 1;
    if (!manifest.contains("horizon_months") || !manifest["horizon_months"].is_number_integer() ||
        manifest["horizon_months"].get<long long>() < 1 ||
        manifest["horizon_months"].get<long long>() > 12 * 1000) {
        manifest_fail(file, "horizon_months", "a whole number of months from 1 to 12000");
    }
    run.horizon_months = manifest["horizon_months"].get<int>();
    for (const char* field : {"replicates", "seed"}) {
        if (!manifest.contains(field) || !manifest[field].is_number_unsigned()) {
            manifest_fail(file, field, "a whole number, 0 or more");
        }
    }
    run.replicates = manifest["replicates"].get<std::uint64_t>();
    run.seed = manifest["seed"].get<std::uint64_t>();
    if (run.replicates < 1) {
        manifest_fail(file, "replicates", "1 or more");
    }
    run.engine = optional_text(manifest, "/engine"_json_pointer);
    run.version = optional_text(manifest, "/version"_json_pointer);
}

class ScenarioIndex {
  public:
    explicit ScenarioIndex(const std::vector<std::string>& names) : names_(names) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            index_.emplace(names[i], i);
        }
    }
    std::size_t at(const CsvRecord& record, std::size_t column) const {
        const auto found = index_.find(record.text(column));
        if (found == index_.end()) {
            std::string expected = "a scenario of manifest.json (";
            for (std::size_t i = 0; i < names_.size(); ++i) {
                expected.append(i == 0 ? "" : ", ").append(names_[i]);
            }
            record.fail(column, expected.append(")"));
        }
        return found->second;
    }

  private:
    const std::vector<std::string>& names_;
    std::map<std::string, std::size_t, std::less<>> index_;
};

int month_index(const RunFiles& run, const CsvRecord& record, std::size_t column) {
    int months = 0;
    if (!parse_month(record.text(column), months)) {
        record.fail(column, "a month as YYYY-MM");
    }
    const int index = months - (run.start_year * 12 + run.start_month_of_year - 1);
    if (index < 0 || index >= run.horizon_months) {
        record.fail(column, "a month from " + run.month_name(0) + " to " +
                                run.month_name(run.horizon_months - 1) + " (manifest.json)");
    }
    return index;
}

std::uint64_t replicate_index(const RunFiles& run, const CsvRecord& record, std::size_t column) {
    const std::uint64_t replicate = record.whole_number(column);
    if (replicate >= run.replicates) {
        record.fail(column, "a replicate from 0 to " + std::to_string(run.replicates - 1) +
                                " (manifest.json has " + std::to_string(run.replicates) +
                                " replicates)");
    }
    return replicate;
}

void read_summary(const fs::path& file, RunFiles& run, const ScenarioIndex& scenario_index) {
    std::vector<bool> seen(run.scenarios.size(), false);
    for_each_csv_record(file, kSummaryColumns, [&](const CsvRecord& record) {
        SummaryRow row;
        row.scenario = scenario_index.at(record, 0);
        row.month = month_index(run, record, 1);
        row.outcome = record.text(2);
        if (row.outcome.empty()) {
            record.fail(2, "an outcome name");
        }
        row.mean = record.number(3);
        row.p05 = record.number(4);
        row.p25 = record.number(5);
        row.p50 = record.number(6);
        row.p75 = record.number(7);
        row.p95 = record.number(8);
        seen[row.scenario] = true;
        if (!run.has_outcome(row.outcome)) {
            run.outcomes.push_back(row.outcome);
        }
        run.summary.push_back(std::move(row));
    });
    for (std::size_t i = 0; i < seen.size(); ++i) {
        if (!seen[i]) {
            throw RunFolderError(file.string() + ": no rows for scenario '" + run.scenarios[i] +
                                 "' of manifest.json");
        }
    }
}

void read_timeseries(const fs::path& file, RunFiles& run, const ScenarioIndex& scenario_index) {
    for_each_csv_record(file, kTimeseriesColumns, [&](const CsvRecord& record) {
        const std::size_t scenario = scenario_index.at(record, 0);
        const std::uint64_t replicate = replicate_index(run, record, 1);
        const int month = month_index(run, record, 2);
        if (record.text(3).empty()) {
            record.fail(3, "an outcome name");
        }
        const double value = record.number(4);
        if (record.text(3) != kHeadlineOutcome) {
            return;
        }
        auto& by_replicate = run.headline_replicates[scenario];
        if (by_replicate.size() <= replicate) {
            by_replicate.resize(replicate + 1);
        }
        auto& months = by_replicate[replicate];
        if (months.empty()) {
            months.assign(static_cast<std::size_t>(run.horizon_months),
                          std::numeric_limits<double>::quiet_NaN());
        }
        months[static_cast<std::size_t>(month)] = value;
    });
}

void read_comparison(const fs::path& file, RunFiles& run, const ScenarioIndex& scenario_index) {
    for_each_csv_record(file, kComparisonColumns, [&](const CsvRecord& record) {
        scenario_index.at(record, 0);
        scenario_index.at(record, 1);
        if (record.text(2).empty()) {
            record.fail(2, "a measure name");
        }
        run.comparison.push_back({record.text(0), record.text(1), record.text(2),
                                  record.optional_number(3), record.optional_number(4),
                                  record.optional_number(5), record.optional_number(6),
                                  record.optional_number(7)});
    });
}

// Only checked: the notebook's code reads it, the narrative does not.
void check_comparison_replicates(const fs::path& file, const RunFiles& run,
                                 const ScenarioIndex& scenario_index) {
    for_each_csv_record(file, kComparisonReplicatesColumns, [&](const CsvRecord& record) {
        scenario_index.at(record, 0);
        scenario_index.at(record, 1);
        replicate_index(run, record, 2);
        if (record.text(3).empty()) {
            record.fail(3, "a measure name");
        }
        record.optional_number(4);
    });
}

std::vector<std::string> chart_files(const fs::path& folder) {
    std::vector<std::string> charts;
    std::error_code error;
    if (!fs::is_directory(folder / kChartsFolder, error)) {
        return charts;
    }
    for (const fs::directory_entry& entry :
         fs::recursive_directory_iterator(folder / kChartsFolder)) {
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') {
            charts.push_back(fs::relative(entry.path(), folder).generic_string());
        }
    }
    std::sort(charts.begin(), charts.end());
    return charts;
}

}  // namespace

std::string RunFiles::month_name(int month) const {
    const int months = start_year * 12 + start_month_of_year - 1 + month;
    std::ostringstream text;
    text.fill('0');
    text.width(4);
    text << months / 12 << '-';
    text.width(2);
    text << months % 12 + 1;
    return text.str();
}

bool RunFiles::has_outcome(std::string_view outcome) const {
    return std::find(outcomes.begin(), outcomes.end(), outcome) != outcomes.end();
}

RunFiles read_run_files(const fs::path& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
        throw RunFolderError(folder.string() +
                             ": not a folder; expected a run folder written by `vrsim run`");
    }
    RunFiles run;
    run.folder = folder;
    read_manifest(folder / scenarios::kManifestFile, run);
    const ScenarioIndex scenario_index(run.scenarios);
    read_summary(folder / scenarios::kSummaryFile, run, scenario_index);
    const fs::path timeseries = folder / scenarios::kTimeseriesFile;
    run.has_timeseries = fs::exists(timeseries, error);
    if (run.has_timeseries) {
        run.headline_replicates.resize(run.scenarios.size());
        read_timeseries(timeseries, run, scenario_index);
    }
    const fs::path comparison = folder / kComparisonFile;
    run.has_comparison = fs::exists(comparison, error);
    if (run.has_comparison) {
        read_comparison(comparison, run, scenario_index);
    }
    const fs::path comparison_replicates = folder / kComparisonReplicatesFile;
    run.has_comparison_replicates = fs::exists(comparison_replicates, error);
    if (run.has_comparison_replicates) {
        check_comparison_replicates(comparison_replicates, run, scenario_index);
    }
    run.charts = chart_files(folder);
    return run;
}

}  // namespace vrsim::notebooks
