#include "vrsim/calibration/police_uk.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>

#include "csv_reader.hpp"
#include "problem_list.hpp"
#include "suggest.hpp"
#include "vrsim/calibration/diagnostics.hpp"

namespace vrsim::calibration {

namespace {

namespace fs = std::filesystem;

// The columns every force's street-level file has, in this order.
constexpr std::array<std::string_view, 12> kStreetHeader = {"Crime ID",
                                                            "Month",
                                                            "Reported by",
                                                            "Falls within",
                                                            "Longitude",
                                                            "Latitude",
                                                            "Location",
                                                            "LSOA code",
                                                            "LSOA name",
                                                            "Crime type",
                                                            "Last outcome category",
                                                            "Context"};
constexpr std::size_t kMonthColumn = 1;
constexpr std::size_t kLsoaCodeColumn = 7;
constexpr std::size_t kLsoaNameColumn = 8;
constexpr std::size_t kCrimeTypeColumn = 9;
constexpr std::string_view kStreetSuffix = "-street.csv";

struct StreetFileName {
    model::YearMonth month;
    std::string force;
};

// "2019-01-city-of-london-street.csv" -> 2019-01, "city-of-london".
std::optional<StreetFileName> parse_street_name(const std::string& name) {
    if (name.size() <= 8 + kStreetSuffix.size() || name[7] != '-' ||
        !name.ends_with(kStreetSuffix)) {
        return std::nullopt;
    }
    const auto month = model::YearMonth::parse(std::string_view(name).substr(0, 7));
    if (!month) {
        return std::nullopt;
    }
    return StreetFileName{*month, name.substr(8, name.size() - 8 - kStreetSuffix.size())};
}

bool is_month_folder(const fs::path& path) {
    return fs::is_directory(path) && model::YearMonth::parse(path.filename().string()).has_value();
}

std::vector<fs::path> street_files_in(const fs::path& folder) {
    std::vector<fs::path> found;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
        if (entry.is_regular_file() && parse_street_name(entry.path().filename().string())) {
            found.push_back(entry.path());
        }
    }
    return found;
}

std::string join(const std::vector<std::string>& names, std::size_t at_most) {
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < at_most; ++i) {
        text.append(i == 0 ? "" : ", ").append(names[i]);
    }
    if (names.size() > at_most) {
        text.append(", and ").append(std::to_string(names.size() - at_most)).append(" more");
    }
    return text;
}

// "Croydon 001A" -> "Croydon": the local authority part of an LSOA name.
std::string lsoa_area(const std::string& lsoa_name) {
    const std::size_t space = lsoa_name.rfind(' ');
    return space == std::string::npos ? lsoa_name : lsoa_name.substr(0, space);
}

bool is_lsoa_code(std::string_view code) {
    return code.size() == 9 && (code[0] == 'E' || code[0] == 'W') && code.substr(1, 2) == "01" &&
           code.substr(3).find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::set<std::string> read_lsoa_codes(const fs::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw ObservedDataError({Diagnostic{file, 0, 0, "", "cannot open the LSOA code list"}});
    }
    detail::ProblemList problems;
    std::map<std::string, int> line_of;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::size_t begin = line.find_first_not_of(" \t\r");
        const std::size_t end = line.find_last_not_of(" \t\r");
        if (begin == std::string::npos || line[begin] == '#') {
            continue;
        }
        const std::string code = line.substr(begin, end - begin + 1);
        if (!is_lsoa_code(code)) {
            problems.add(file, number, "",
                         "expected an LSOA code (E01 or W01 and six digits, e.g. E01001001), "
                         "got \"" +
                             code + "\"");
            continue;
        }
        auto [previous, inserted] = line_of.emplace(code, number);
        if (!inserted) {
            problems.add(file, number, "",
                         code + " is already listed at line " + std::to_string(previous->second));
        }
    }
    if (line_of.empty() && problems.empty()) {
        problems.add(file, 0, "", "no LSOA codes listed");
    }
    problems.throw_if_any();
    std::set<std::string> codes;
    for (const auto& [code, number] : line_of) {
        codes.insert(code);
    }
    return codes;
}

std::vector<fs::path> find_street_files(const std::vector<fs::path>& paths) {
    detail::ProblemList problems;
    std::vector<fs::path> files;
    for (const fs::path& path : paths) {
        if (fs::is_regular_file(path)) {
            files.push_back(path);
        } else if (fs::is_directory(path)) {
            std::vector<fs::path> found = street_files_in(path);
            for (const fs::directory_entry& entry : fs::directory_iterator(path)) {
                if (is_month_folder(entry.path())) {
                    const std::vector<fs::path> inner = street_files_in(entry.path());
                    found.insert(found.end(), inner.begin(), inner.end());
                }
            }
            if (found.empty()) {
                problems.add(path, 0, "",
                             "no police.uk street files (YYYY-MM-<force>-street.csv) in this "
                             "folder or in its YYYY-MM folders");
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            problems.add(path, 0, "", "no such file or folder");
        }
    }
    problems.throw_if_any();
    return files;
}

bool looks_like_police_uk_street(const fs::path& file) {
    const std::vector<std::string> header = detail::read_csv_header(file);
    return std::equal(header.begin(), header.end(), kStreetHeader.begin(), kStreetHeader.end());
}

ObservedSeries read_police_uk_street(const std::vector<fs::path>& paths,
                                     const CategoryMapping& mapping, const LsoaFilter& filter,
                                     ReadReport* report) {
    if (mapping.format() != MappingFormat::police_uk) {
        throw ObservedDataError({Diagnostic{
            mapping.file(), 0, 0, "format",
            "this mapping is for " + std::string(to_string(mapping.format())) +
                " files, but police.uk street files need one with format = \"police-uk\""}});
    }
    if (filter.name_prefix.empty() == filter.codes.empty()) {
        throw ObservedDataError({Diagnostic{
            {}, 0, 0, "", "give the area as either an LSOA name prefix or a list of LSOA codes"}});
    }
    const std::vector<fs::path> files = find_street_files(paths);
    detail::ProblemList problems;

    // One file per force and month; every force the same months, without a gap.
    std::map<std::string, std::map<int, fs::path>> months_of_force;
    std::vector<std::pair<fs::path, model::YearMonth>> readable;
    for (const fs::path& file : files) {
        const auto name = parse_street_name(file.filename().string());
        if (!name) {
            problems.add(file, 0, "",
                         "expected a police.uk street file named YYYY-MM-<force>-street.csv");
            continue;
        }
        auto [previous, inserted] = months_of_force[name->force].emplace(name->month.index, file);
        if (!inserted) {
            problems.add(file, 0, "",
                         "duplicate month: a second street file for " + name->force + " in " +
                             name->month.to_string() + " (the first is " +
                             previous->second.string() + ")");
            continue;
        }
        readable.emplace_back(file, name->month);
    }
    for (const auto& [force, months] : months_of_force) {
        int expected = months.begin()->first;
        for (const auto& [month, file] : months) {
            if (month != expected) {
                const model::YearMonth first{expected};
                const model::YearMonth last{month - 1};
                problems.add(
                    file, 0, "",
                    "gap in the months of " + force + ": no street file for " + first.to_string() +
                        (first == last ? "" : ".." + last.to_string()) + " before this one");
            }
            expected = month + 1;
        }
        const auto& reference = *months_of_force.begin();
        if (force != reference.first &&
            (months.begin()->first != reference.second.begin()->first ||
             months.rbegin()->first != reference.second.rbegin()->first)) {
            problems.add(months.begin()->second, 0, "",
                         "forces cover different months: " + force + " runs " +
                             model::YearMonth{months.begin()->first}.to_string() + ".." +
                             model::YearMonth{months.rbegin()->first}.to_string() + ", " +
                             reference.first + " " +
                             model::YearMonth{reference.second.begin()->first}.to_string() + ".." +
                             model::YearMonth{reference.second.rbegin()->first}.to_string() +
                             "; a sum over them would jump where one starts or stops");
        }
    }
    problems.throw_if_any();

    std::vector<model::YearMonth> months;
    for (const auto& [month, file] : months_of_force.begin()->second) {
        months.push_back(model::YearMonth{month});
    }
    const std::vector<std::string>& outcomes = mapping.outcomes();
    struct Cell {
        double value = 0.0;
        std::vector<SourceRef> sources;
    };
    std::vector<Cell> cells(outcomes.size() * months.size());
    struct Unknown {
        fs::path file;
        int first_line = 0;
        std::size_t records = 0;
    };
    std::map<std::string, Unknown> unknown;
    std::map<std::string, std::size_t> count_index;
    ReadReport local_report;
    std::size_t records = 0;
    std::size_t without_location = 0;
    std::size_t in_area = 0;
    std::map<std::string, std::size_t> areas_seen;  // LSOA name without its number -> records
    std::set<std::string> codes_seen;

    ObservedSeries series;
    for (const auto& [file, file_month] : readable) {
        const auto file_index = static_cast<std::uint32_t>(series.files.size());
        series.files.push_back(file);
        const std::size_t month_index = static_cast<std::size_t>(
            std::find(months.begin(), months.end(), file_month) - months.begin());
        const std::string month_text = file_month.to_string();
        bool header_read = false;
        bool header_ok = false;
        const std::function<void(const detail::CsvRecord&)> on_record = [&](const detail::CsvRecord&
                                                                                record) {
            const std::vector<std::string>& fields = record.fields;
            if (!header_read) {
                header_read = true;
                for (std::size_t i = 0; i < kStreetHeader.size(); ++i) {
                    const std::string got = i < fields.size() ? fields[i] : "(nothing)";
                    if (got != kStreetHeader[i]) {
                        problems.add(file, record.line, detail::csv_column(i, ""),
                                     "not a police.uk street-level header: expected \"" +
                                         std::string(kStreetHeader[i]) + "\", got \"" + got + "\"");
                        return;
                    }
                }
                if (fields.size() > kStreetHeader.size()) {
                    problems.add(file, record.line, detail::csv_column(kStreetHeader.size(), ""),
                                 "not a police.uk street-level header: expected " +
                                     std::to_string(kStreetHeader.size()) +
                                     " columns, ending with \"Context\"");
                    return;
                }
                header_ok = true;
                return;
            }
            if (!header_ok) {
                return;
            }
            if (fields.size() != kStreetHeader.size()) {
                problems.add(file, record.line, "",
                             "expected " + std::to_string(kStreetHeader.size()) +
                                 " fields as in the header, got " + std::to_string(fields.size()));
                return;
            }
            if (fields[kMonthColumn] != month_text) {
                problems.add(file, record.line, detail::csv_column(kMonthColumn, "Month"),
                             "expected " + month_text + " as in the file's name, got \"" +
                                 fields[kMonthColumn] + "\"");
                return;
            }
            const std::string& crime_type = fields[kCrimeTypeColumn];
            if (crime_type.empty()) {
                problems.add(file, record.line, detail::csv_column(kCrimeTypeColumn, "Crime type"),
                             "empty; every record needs a crime type");
                return;
            }
            ++records;
            const CategoryMapping::Category* mapped = mapping.find(crime_type);
            if (mapped == nullptr) {
                Unknown& entry = unknown[crime_type];
                if (entry.records++ == 0) {
                    entry.file = file;
                    entry.first_line = record.line;
                }
                return;
            }
            const std::string& code = fields[kLsoaCodeColumn];
            const std::string& name = fields[kLsoaNameColumn];
            if (code.empty()) {
                ++without_location;
                return;
            }
            ++areas_seen[lsoa_area(name)];
            codes_seen.insert(code);
            const bool wanted = filter.codes.empty() ? name.size() > filter.name_prefix.size() &&
                                                           name.starts_with(filter.name_prefix) &&
                                                           name[filter.name_prefix.size()] == ' '
                                                     : filter.codes.contains(code);
            if (!wanted) {
                return;
            }
            ++in_area;
            auto [counted, added] = count_index.emplace(crime_type, local_report.categories.size());
            if (added) {
                local_report.categories.push_back({crime_type, 0, 0.0, mapped->outcomes.empty()});
            }
            CategoryCount& count = local_report.categories[counted->second];
            count.rows += 1;
            count.total += 1.0;
            for (const std::string& outcome : mapped->outcomes) {
                const auto o = static_cast<std::size_t>(
                    std::find(outcomes.begin(), outcomes.end(), outcome) - outcomes.begin());
                Cell& target = cells[o * months.size() + month_index];
                target.value += 1.0;
                target.sources.push_back({file_index, static_cast<std::uint32_t>(record.line), 0});
            }
        };
        detail::read_csv(file, on_record, problems);
        if (!header_read) {
            problems.add(file, 1, "", "empty file: expected the police.uk street-level header");
        }
    }
    for (const auto& [crime_type, entry] : unknown) {
        problems.add(entry.file, entry.first_line, "",
                     "unknown crime type \"" + crime_type + "\" (" + std::to_string(entry.records) +
                         (entry.records == 1 ? " record" : " records, first here") + ")" +
                         detail::did_you_mean(crime_type, mapping.category_names()) +
                         "; add it to " + mapping.file().string() + " under [[map]] or [[ignore]]");
    }
    if (problems.empty() && in_area == 0) {
        std::vector<std::pair<std::size_t, std::string>> by_records;
        for (const auto& [area, count] : areas_seen) {
            by_records.emplace_back(count, area);
        }
        std::sort(by_records.rbegin(), by_records.rend());
        std::vector<std::string> common;
        std::vector<std::string_view> known;
        for (const auto& [count, area] : by_records) {
            common.push_back("\"" + area + "\" (" + std::to_string(count) + ")");
            known.push_back(area);
        }
        const std::string asked =
            filter.codes.empty()
                ? "LSOA name prefix \"" + filter.name_prefix + "\"" +
                      detail::did_you_mean(filter.name_prefix, known)
                : "the " + std::to_string(filter.codes.size()) + " LSOA codes listed";
        problems.add(files.front().parent_path(), 0, "",
                     "no record in these files is in " + asked +
                         "; the records' LSOA names start with " + join(common, 10));
    }
    problems.throw_if_any();

    const std::string area = !filter.area.empty()          ? filter.area
                             : !filter.name_prefix.empty() ? filter.name_prefix
                                                           : "LSOA list";
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
        for (std::size_t m = 0; m < months.size(); ++m) {
            Cell& cell = cells[o * months.size() + m];
            series.values.push_back(
                {months[m], outcomes[o], area, cell.value, std::move(cell.sources)});
        }
    }
    sort_values(series);
    local_report.notes.push_back(std::to_string(records) + " records read from " +
                                 std::to_string(files.size()) + " files, " +
                                 std::to_string(in_area) + " of them in " + area);
    if (without_location > 0) {
        local_report.notes.push_back(
            std::to_string(without_location) +
            " records have no location (empty LSOA code) and cannot be placed in any area");
    }
    if (!filter.codes.empty()) {
        std::vector<std::string> absent;
        for (const std::string& code : filter.codes) {
            if (!codes_seen.contains(code)) {
                absent.push_back(code);
            }
        }
        if (!absent.empty()) {
            local_report.notes.push_back(
                std::to_string(absent.size()) + " of the " + std::to_string(filter.codes.size()) +
                " LSOA codes listed have no record in these files: " + join(absent, 10));
        }
    }
    if (report != nullptr) {
        *report = std::move(local_report);
    }
    return series;
}

}  // namespace vrsim::calibration
