#include "vrsim/calibration/met_monthly.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "csv_reader.hpp"
#include "numbers.hpp"
#include "problem_list.hpp"
#include "suggest.hpp"
#include "vrsim/calibration/diagnostics.hpp"

namespace vrsim::calibration {

namespace {

// The columns before the months in each known header, and which holds what.
struct MetLayout {
    std::string_view name;
    std::vector<std::string_view> columns;
    std::size_t major = 0;
    std::size_t minor = 0;
    std::size_t borough = 0;
    std::optional<std::size_t> ward_name;
    std::optional<std::size_t> ward_code;
};

const std::array<MetLayout, 3>& known_layouts() {
    static const std::array<MetLayout, 3> layouts = {
        MetLayout{"borough file, scheme A",
                  {"MajorText", "MinorText", "LookUp_BoroughName"},
                  0,
                  1,
                  2,
                  std::nullopt,
                  std::nullopt},
        MetLayout{"borough file, scheme C",
                  {"Borough", "Major Category", "Minor Category"},
                  1,
                  2,
                  0,
                  std::nullopt,
                  std::nullopt},
        MetLayout{"ward file",
                  {"MajorText", "MinorText", "WardName", "WardCode", "LookUp_BoroughName"},
                  0,
                  1,
                  4,
                  2,
                  3}};
    return layouts;
}

std::string joined(const std::vector<std::string_view>& columns) {
    std::string text;
    for (std::string_view column : columns) {
        text.append(text.empty() ? "" : ",").append(column);
    }
    return text;
}

// The layout whose category columns the header starts with; nullptr if none.
const MetLayout* layout_of(const std::vector<std::string>& header) {
    for (const MetLayout& layout : known_layouts()) {
        if (header.size() >= layout.columns.size() &&
            std::equal(layout.columns.begin(), layout.columns.end(), header.begin())) {
            return &layout;
        }
    }
    return nullptr;
}

// "201904" -> 2019-04; nullopt unless six digits with a month 01-12.
std::optional<model::YearMonth> parse_yyyymm(std::string_view text) {
    const auto number = detail::parse_count(text);
    if (text.size() != 6 || !number) {
        return std::nullopt;
    }
    const int year = static_cast<int>(*number / 100);
    const int month = static_cast<int>(*number % 100);
    if (month < 1 || month > 12) {
        return std::nullopt;
    }
    return model::YearMonth::of(year, month);
}

std::string yyyymm(model::YearMonth month) {
    std::string text = month.to_string();
    text.erase(4, 1);
    return text;
}

// Checks the header; returns the month of each month column.
std::vector<model::YearMonth> read_header(const std::filesystem::path& file,
                                          const std::vector<std::string>& header,
                                          const MetLayout*& layout) {
    detail::ProblemList problems;
    layout = layout_of(header);
    if (layout == nullptr) {
        std::string expected;
        for (const MetLayout& known : known_layouts()) {
            expected.append(expected.empty() ? "" : ", or ")
                .append("\"")
                .append(joined(known.columns))
                .append(",YYYYMM,...\" (")
                .append(known.name)
                .append(")");
        }
        std::string got;
        for (std::size_t i = 0; i < std::min<std::size_t>(header.size(), 5); ++i) {
            got.append(i == 0 ? "" : ",").append(header[i]);
        }
        problems.add(file, 1, "",
                     "not a Metropolitan Police monthly file: expected the header " + expected +
                         "; got \"" + got + (header.size() > 5 ? ",...\"" : "\""));
        problems.throw_if_any();
    }
    std::vector<model::YearMonth> months;
    std::map<int, std::size_t> column_of_month;
    for (std::size_t column = layout->columns.size(); column < header.size(); ++column) {
        const auto month = parse_yyyymm(header[column]);
        const std::string place = detail::csv_column(column, "");
        if (!month) {
            problems.add(
                file, 1, place,
                "expected a month as YYYYMM (e.g. 201904), got \"" + header[column] + "\"");
            continue;
        }
        auto [previous, inserted] = column_of_month.emplace(month->index, column);
        if (!inserted) {
            problems.add(file, 1, place,
                         "duplicate month " + header[column] + ": also " +
                             detail::csv_column(previous->second, ""));
            continue;
        }
        if (!months.empty() && month->index != months.back().index + 1) {
            if (month->index <= months.back().index) {
                problems.add(file, 1, place,
                             "month " + header[column] + " comes after " + yyyymm(months.back()) +
                                 "; month columns must run in order");
            } else {
                const model::YearMonth first_missing = months.back().plus_months(1);
                const model::YearMonth last_missing = month->plus_months(-1);
                problems.add(
                    file, 1, place,
                    "gap in the months: " + header[column] + " follows " + yyyymm(months.back()) +
                        ", so " + yyyymm(first_missing) +
                        (first_missing == last_missing ? "" : ".." + yyyymm(last_missing)) +
                        " is missing");
            }
        }
        months.push_back(*month);
    }
    if (months.empty() && problems.empty()) {
        problems.add(file, 1, "", "no month columns (YYYYMM) after the category columns");
    }
    problems.throw_if_any();
    return months;
}

}  // namespace

bool looks_like_met_monthly(const std::filesystem::path& file) {
    return layout_of(detail::read_csv_header(file)) != nullptr;
}

ObservedSeries read_met_monthly(const std::filesystem::path& file, const CategoryMapping& mapping,
                                const MetAreaFilter& filter, ReadReport* report) {
    if (mapping.format() != MappingFormat::mps) {
        throw ObservedDataError({Diagnostic{
            mapping.file(), 0, 0, "format",
            "this mapping is for " + std::string(to_string(mapping.format())) + " files, but " +
                file.string() + " is a Metropolitan Police monthly file (format = \"mps\")"}});
    }
    if (filter.borough.empty()) {
        throw ObservedDataError(
            {Diagnostic{file, 0, 0, "", "a borough is needed to read a Met file"}});
    }
    detail::ProblemList problems;
    const MetLayout* layout = nullptr;
    std::vector<model::YearMonth> months;
    std::size_t field_count = 0;
    std::vector<std::string> header;

    // Areas of the result: the borough, or each ward asked for.
    std::vector<std::string> areas;
    // Per area, outcome (mapping order), month column: value and sources.
    const std::vector<std::string>& outcomes = mapping.outcomes();
    struct Cell {
        double value = 0.0;
        std::vector<SourceRef> sources;
    };
    std::vector<Cell> cells;
    auto cell = [&](std::size_t area, std::size_t outcome, std::size_t month) -> Cell& {
        return cells[(area * outcomes.size() + outcome) * months.size() + month];
    };

    struct Unknown {
        int first_line = 0;
        std::size_t rows = 0;
    };
    std::map<std::string, Unknown> unknown;
    std::vector<std::string> boroughs_seen;
    std::set<std::string> borough_wards;  // names and codes of wards in the borough
    std::vector<bool> ward_found(filter.wards.size(), false);
    std::map<std::pair<std::string, std::string>, int> row_of;  // (area row key, category)
    std::map<std::string, std::size_t> count_index;
    ReadReport local_report;

    const std::function<void(const detail::CsvRecord&)> on_record =
        [&](const detail::CsvRecord& record) {
            if (layout == nullptr) {
                header = record.fields;
                months = read_header(file, header, layout);
                field_count = header.size();
                if (!layout->ward_code && !filter.wards.empty()) {
                    throw ObservedDataError(
                        {Diagnostic{file, 1, 0, "",
                                    "wards were asked for, but this is a borough file (" +
                                        std::string(layout->name) +
                                        "); read a ward file, or ask for the "
                                        "whole borough"}});
                }
                areas =
                    filter.wards.empty() ? std::vector<std::string>{filter.borough} : filter.wards;
                cells.assign(areas.size() * outcomes.size() * months.size(), Cell{});
                return;
            }
            const std::vector<std::string>& fields = record.fields;
            if (fields.size() != field_count) {
                problems.add(file, record.line, "",
                             "expected " + std::to_string(field_count) +
                                 " fields as in the header, got " + std::to_string(fields.size()));
                return;
            }
            const std::string& major = fields[layout->major];
            const std::string& minor = fields[layout->minor];
            const std::string& borough = fields[layout->borough];
            if (major.empty() || minor.empty() || borough.empty()) {
                const std::size_t empty = major.empty()   ? layout->major
                                          : minor.empty() ? layout->minor
                                                          : layout->borough;
                problems.add(file, record.line,
                             detail::csv_column(empty, std::string(layout->columns[empty])),
                             "empty; every row needs a major category, minor category and "
                             "borough");
                return;
            }
            if (std::find(boroughs_seen.begin(), boroughs_seen.end(), borough) ==
                boroughs_seen.end()) {
                boroughs_seen.push_back(borough);
            }
            const std::string category = major + " / " + minor;
            const CategoryMapping::Category* mapped = mapping.find(category);
            if (mapped == nullptr) {
                Unknown& entry = unknown[category];
                if (entry.rows++ == 0) {
                    entry.first_line = record.line;
                }
                return;
            }
            if (borough != filter.borough) {
                return;
            }
            // The areas this row counts in: the borough, or each ward asked for that
            // the row's ward name or code matches.
            std::vector<std::size_t> row_areas{0};
            if (layout->ward_code) {
                const std::string& ward_name = fields[*layout->ward_name];
                const std::string& ward_code = fields[*layout->ward_code];
                borough_wards.insert(ward_name);
                borough_wards.insert(ward_code);
                if (!filter.wards.empty()) {
                    row_areas.clear();
                    for (std::size_t w = 0; w < filter.wards.size(); ++w) {
                        if (filter.wards[w] == ward_name || filter.wards[w] == ward_code) {
                            row_areas.push_back(w);
                            ward_found[w] = true;
                        }
                    }
                    if (row_areas.empty()) {
                        return;
                    }
                }
            }
            // The same category twice for one area would be counted twice.
            std::string row_key = borough;
            if (layout->ward_code) {
                row_key.append("|").append(fields[*layout->ward_code]);
            }
            auto [previous, inserted] = row_of.emplace(std::pair{row_key, category}, record.line);
            if (!inserted) {
                problems.add(file, record.line, "",
                             "duplicate row: line " + std::to_string(previous->second) +
                                 " has the same " + (layout->ward_code ? "ward" : "borough") +
                                 " and category (\"" + category + "\")");
                return;
            }
            auto [counted, added] = count_index.emplace(category, local_report.categories.size());
            if (added) {
                local_report.categories.push_back({category, 0, 0.0, mapped->outcomes.empty()});
            }
            CategoryCount& count = local_report.categories[counted->second];
            count.rows += 1;
            const std::size_t first_month_column = layout->columns.size();
            for (std::size_t m = 0; m < months.size(); ++m) {
                const std::size_t column = first_month_column + m;
                const auto value = detail::parse_count(fields[column]);
                if (!value) {
                    problems.add(file, record.line, detail::csv_column(column, header[column]),
                                 "expected a whole number of offences (0 or more), got \"" +
                                     fields[column] + "\"");
                    continue;
                }
                const double offences = static_cast<double>(*value);
                count.total += offences;
                for (const std::string& outcome : mapped->outcomes) {
                    const auto o = static_cast<std::size_t>(
                        std::find(outcomes.begin(), outcomes.end(), outcome) - outcomes.begin());
                    for (std::size_t area : row_areas) {
                        Cell& target = cell(area, o, m);
                        target.value += offences;
                        target.sources.push_back({0, static_cast<std::uint32_t>(record.line),
                                                  static_cast<std::uint32_t>(column + 1)});
                    }
                }
            }
        };
    detail::read_csv(file, on_record, problems);
    if (layout == nullptr) {
        problems.add(file, 1, "", "empty file: expected a header and rows");
        problems.throw_if_any();
    }
    for (const auto& [category, entry] : unknown) {
        problems.add(file, entry.first_line, "",
                     "unknown category \"" + category + "\" (" + std::to_string(entry.rows) +
                         (entry.rows == 1 ? " row" : " rows, first here") + ")" +
                         detail::did_you_mean(category, mapping.category_names()) + "; add it to " +
                         mapping.file().string() + " under [[map]] or [[ignore]]");
    }
    if (std::find(boroughs_seen.begin(), boroughs_seen.end(), filter.borough) ==
            boroughs_seen.end() &&
        !boroughs_seen.empty()) {
        std::vector<std::string_view> known(boroughs_seen.begin(), boroughs_seen.end());
        problems.add(file, 0, "",
                     "no rows for borough \"" + filter.borough + "\"" +
                         detail::did_you_mean(filter.borough, known) +
                         "; boroughs are spelt as in the file's " +
                         std::string(layout->columns[layout->borough]) + " column");
    } else {
        for (std::size_t w = 0; w < filter.wards.size(); ++w) {
            if (!ward_found[w]) {
                std::vector<std::string_view> known(borough_wards.begin(), borough_wards.end());
                problems.add(file, 0, "",
                             "no rows for ward \"" + filter.wards[w] + "\" in " + filter.borough +
                                 detail::did_you_mean(filter.wards[w], known) +
                                 "; give a ward name or code as in the file's WardName or "
                                 "WardCode column");
            }
        }
    }
    problems.throw_if_any();

    ObservedSeries series;
    series.files.push_back(file);
    for (std::size_t a = 0; a < areas.size(); ++a) {
        for (std::size_t o = 0; o < outcomes.size(); ++o) {
            for (std::size_t m = 0; m < months.size(); ++m) {
                Cell& source = cell(a, o, m);
                series.values.push_back(
                    {months[m], outcomes[o], areas[a], source.value, std::move(source.sources)});
            }
        }
    }
    sort_values(series);
    if (report != nullptr) {
        *report = std::move(local_report);
    }
    return series;
}

}  // namespace vrsim::calibration
