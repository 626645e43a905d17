#include "vrsim/calibration/tidy_csv.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "csv_reader.hpp"
#include "numbers.hpp"
#include "problem_list.hpp"
#include "suggest.hpp"
#include "vrsim/calibration/category_mapping.hpp"
#include "vrsim/calibration/diagnostics.hpp"
#include "vrsim/model/offence_types.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::calibration {

namespace {

const std::vector<std::string> kHeader = {"month", "outcome", "value"};
const std::vector<std::string> kHeaderWithArea = {"month", "outcome", "value", "area"};

// vrsim's outcomes, committed offences by type ("committed_robbery") and
// programme outcomes ("programme.iom.caseload"), as run folders name them.
bool is_tidy_outcome_name(std::string_view name) {
    if (is_observable_outcome_name(name)) {
        return true;
    }
    if (name.starts_with("committed_")) {
        const std::string_view type = name.substr(std::string_view("committed_").size());
        return std::find(model::kOffenceTypeNames.begin(), model::kOffenceTypeNames.end(), type) !=
               model::kOffenceTypeNames.end();
    }
    if (name.starts_with("programme.")) {
        const std::string_view rest = name.substr(std::string_view("programme.").size());
        const std::size_t dot = rest.find('.');
        return dot != std::string_view::npos && dot > 0 && dot + 1 < rest.size() &&
               rest.find('.', dot + 1) == std::string_view::npos;
    }
    return false;
}

}  // namespace

bool looks_like_tidy_csv(const std::filesystem::path& file) {
    const std::vector<std::string> header = detail::read_csv_header(file);
    return header == kHeader || header == kHeaderWithArea;
}

ObservedSeries read_tidy_csv(const std::filesystem::path& file) {
    detail::ProblemList problems;
    ObservedSeries series;
    series.files.push_back(file);
    bool header_read = false;
    bool header_ok = false;
    std::size_t field_count = 0;
    std::map<std::tuple<std::string, std::string, int>, int> line_of;  // area, outcome, month
    const std::function<void(const detail::CsvRecord&)> on_record =
        [&](const detail::CsvRecord& record) {
            const std::vector<std::string>& fields = record.fields;
            if (!header_read) {
                header_read = true;
                header_ok = fields == kHeader || fields == kHeaderWithArea;
                if (!header_ok) {
                    std::string got;
                    for (const std::string& field : fields) {
                        got.append(got.empty() ? "" : ",").append(field);
                    }
                    problems.add(file, record.line, "",
                                 "expected the header \"month,outcome,value\" or "
                                 "\"month,outcome,value,area\", got \"" +
                                     got + "\"");
                }
                field_count = fields.size();
                return;
            }
            if (!header_ok) {
                return;
            }
            if (fields.size() != field_count) {
                problems.add(file, record.line, "",
                             "expected " + std::to_string(field_count) +
                                 " fields as in the header, got " + std::to_string(fields.size()));
                return;
            }
            bool row_ok = true;
            const auto month = model::YearMonth::parse(fields[0]);
            if (!month) {
                problems.add(
                    file, record.line, detail::csv_column(0, "month"),
                    "expected a month as YYYY-MM (e.g. 2019-04), got \"" + fields[0] + "\"");
                row_ok = false;
            }
            if (!is_tidy_outcome_name(fields[1])) {
                std::vector<std::string_view> known(model::kOutcomeNames.begin(),
                                                    model::kOutcomeNames.end());
                problems.add(file, record.line, detail::csv_column(1, "outcome"),
                             "unknown outcome \"" + fields[1] + "\"" +
                                 detail::did_you_mean(fields[1], known) +
                                 "; outcomes are listed in model/include/vrsim/model/"
                                 "outcomes.hpp");
                row_ok = false;
            }
            const auto value = detail::parse_number(fields[2]);
            if (!value) {
                problems.add(file, record.line, detail::csv_column(2, "value"),
                             "expected a finite number, got \"" + fields[2] + "\"");
                row_ok = false;
            }
            if (!row_ok) {
                return;
            }
            const std::string area = field_count == 4 ? fields[3] : std::string();
            auto [previous, inserted] =
                line_of.emplace(std::tuple{area, fields[1], month->index}, record.line);
            if (!inserted) {
                problems.add(file, record.line, "",
                             "duplicate: line " + std::to_string(previous->second) +
                                 " has the same month, outcome and area (" + fields[0] + ", " +
                                 fields[1] + (area.empty() ? "" : ", " + area) + ")");
                return;
            }
            series.values.push_back(
                {*month, fields[1], area, *value,
                 std::vector<SourceRef>{{0, static_cast<std::uint32_t>(record.line), 0}}});
        };
    detail::read_csv(file, on_record, problems);
    if (!header_read) {
        problems.add(file, 1, "", "empty file: expected the header \"month,outcome,value\"");
    } else if (header_ok && problems.empty() && series.values.empty()) {
        problems.add(file, 2, "", "no rows after the header");
    }
    problems.throw_if_any();
    sort_values(series);
    check_no_gaps(series);
    return series;
}

void write_tidy_csv(const ObservedSeries& series, const std::filesystem::path& file) {
    const bool with_area = std::any_of(series.values.begin(), series.values.end(),
                                       [](const ObservedValue& v) { return !v.area.empty(); });
    std::string text = with_area ? "month,outcome,value,area\n" : "month,outcome,value\n";
    for (const ObservedValue& value : series.values) {
        text.append(value.month.to_string()).append(",").append(value.outcome).append(",");
        scenarios::append_value(text, value.value);
        if (with_area) {
            text.append(",").append(scenarios::csv_field(value.area));
        }
        text.append("\n");
    }
    scenarios::AtomicFile out(file);
    out.write(text);
    out.commit();
}

}  // namespace vrsim::calibration
