#include "observed_command.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "exit_codes.hpp"
#include "vrsim/calibration/category_mapping.hpp"
#include "vrsim/calibration/diagnostics.hpp"
#include "vrsim/calibration/met_monthly.hpp"
#include "vrsim/calibration/police_uk.hpp"
#include "vrsim/calibration/tidy_csv.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::cli {

namespace {

namespace fs = std::filesystem;
using calibration::Diagnostic;
using calibration::ObservedDataError;

enum class InputKind { met, police_uk, tidy };

// Invalid input: one line per problem, as file:line: message.
struct InputProblems {
    std::vector<Diagnostic> diagnostics;
    void add(const ObservedDataError& error) {
        diagnostics.insert(diagnostics.end(), error.diagnostics().begin(),
                           error.diagnostics().end());
    }
    void add(const fs::path& file, std::string message) {
        diagnostics.push_back(Diagnostic{file, 0, 0, "", std::move(message)});
    }
    int print() const {
        for (const Diagnostic& diagnostic : diagnostics) {
            std::cerr << diagnostic.to_string() << '\n';
        }
        return kInvalidInput;
    }
};

std::optional<InputKind> kind_of(const fs::path& input) {
    if (fs::is_directory(input) || calibration::looks_like_police_uk_street(input)) {
        return InputKind::police_uk;
    }
    if (calibration::looks_like_met_monthly(input)) {
        return InputKind::met;
    }
    if (calibration::looks_like_tidy_csv(input)) {
        return InputKind::tidy;
    }
    return std::nullopt;
}

std::string format_count(double value) {
    std::ostringstream text;
    if (value == static_cast<double>(static_cast<long long>(value))) {
        text << static_cast<long long>(value);
    } else {
        text << std::fixed << std::setprecision(1) << value;
    }
    return text.str();
}

// One table per area: outcomes down, calendar years across; a year with fewer
// than 12 months is starred and explained below the table.
void print_annual_table(const calibration::ObservedSeries& series) {
    const std::vector<calibration::AnnualTotal> totals = calibration::annual_totals(series);
    for (const std::string& area : series.areas()) {
        std::map<int, int> months_of_year;
        std::size_t name_width = 7;
        for (const calibration::AnnualTotal& total : totals) {
            if (total.area == area) {
                months_of_year[total.year] = std::max(months_of_year[total.year], total.months);
                name_width = std::max(name_width, total.outcome.size());
            }
        }
        std::cout << '\n' << (area.empty() ? "(no area)" : area) << '\n';
        std::cout << std::left << std::setw(static_cast<int>(name_width)) << "outcome";
        for (const auto& [year, months] : months_of_year) {
            std::cout << std::right << std::setw(9)
                      << (std::to_string(year) + (months < 12 ? "*" : " "));
        }
        std::cout << '\n';
        for (const std::string& outcome : series.outcomes()) {
            std::cout << std::left << std::setw(static_cast<int>(name_width)) << outcome;
            for (const auto& [year, months] : months_of_year) {
                auto found = std::find_if(totals.begin(), totals.end(), [&](const auto& total) {
                    return total.area == area && total.outcome == outcome && total.year == year;
                });
                const std::string cell = found == totals.end() ? "-" : format_count(found->value);
                std::cout << std::right << std::setw(8) << cell << ' ';
            }
            std::cout << '\n';
        }
        for (const auto& [year, months] : months_of_year) {
            if (months < 12) {
                std::cout << "* " << year << ": " << months << " of 12 months\n";
            }
        }
    }
}

void print_report(const calibration::ReadReport& report, const fs::path& where) {
    std::vector<std::string> ignored;
    for (const calibration::CategoryCount& count : report.categories) {
        if (count.ignored) {
            ignored.push_back(count.category + " (" + format_count(count.total) + ")");
        }
    }
    if (!ignored.empty()) {
        std::cout << where.string() << ": ignored as the mapping says:";
        for (const std::string& name : ignored) {
            std::cout << ' ' << name;
        }
        std::cout << '\n';
    }
    for (const std::string& note : report.notes) {
        std::cout << where.string() << ": " << note << '\n';
    }
}

}  // namespace

CLI::App* add_observed_command(CLI::App& app, ObservedArguments& arguments) {
    CLI::App* observed = app.add_subcommand(
        "observed", "Read observed crime data into vrsim's outcomes, to check a mapping");
    observed->footer(
        "Each FILE is one of:\n"
        "  a Metropolitan Police borough or ward monthly file (needs --mapping, --borough)\n"
        "  a police.uk street-level file, or a folder of them (YYYY-MM-<force>-street.csv,\n"
        "    directly or in YYYY-MM/ folders; needs --mapping and --lsoa-prefix or\n"
        "    --lsoa-codes)\n"
        "  a tidy CSV: month,outcome,value[,area]\n"
        "Mappings for the Met's files and police.uk are in scenarios/library/mappings/.\n"
        "Prints, per area, each outcome's total per calendar year (* marks a part year).\n"
        "Problems are listed as file:line: message with exit code 2; nothing is skipped.");
    observed->add_option("FILE", arguments.inputs, "Observed-data files or folders")
        ->required()
        ->check(CLI::ExistingPath);
    observed->add_option("--mapping,-m", arguments.mapping, "Category mapping file (TOML)")
        ->check(CLI::ExistingFile);
    CLI::Option* borough =
        observed->add_option("--borough", arguments.borough, "Met files: the borough to read");
    observed
        ->add_option("--ward", arguments.wards,
                     "Met ward files: a ward name or code (repeat for several; each is its own "
                     "area) [default: the whole borough]")
        ->needs(borough);
    CLI::Option* prefix = observed->add_option(
        "--lsoa-prefix", arguments.lsoa_prefix,
        "police.uk: records whose LSOA name starts with this name and a space (e.g. Croydon)");
    observed
        ->add_option("--lsoa-codes", arguments.lsoa_codes,
                     "police.uk: a file of LSOA codes, one per line")
        ->check(CLI::ExistingFile)
        ->excludes(prefix);
    observed->add_flag("--later-vintage", arguments.later_vintage,
                       "Where files overlap, take each month from the file whose months run "
                       "later (a newer Met file revises an older one's months)");
    observed->add_option("--out,-o", arguments.out, "Write the tidy CSV here");
    observed->add_flag("--quiet,-q", arguments.quiet, "Print nothing on success");
    return observed;
}

int observed_command(const ObservedArguments& arguments) {
    InputProblems problems;
    std::vector<fs::path> met_files;
    std::vector<fs::path> police_inputs;
    std::vector<fs::path> tidy_files;
    for (const fs::path& input : arguments.inputs) {
        const std::optional<InputKind> kind = kind_of(input);
        if (!kind) {
            problems.add(input,
                         "not a file vrsim can read: expected a Metropolitan Police monthly file, "
                         "a police.uk street-level file or folder, or a tidy CSV with the header "
                         "month,outcome,value[,area]");
        } else if (*kind == InputKind::met) {
            met_files.push_back(input);
        } else if (*kind == InputKind::police_uk) {
            police_inputs.push_back(input);
        } else {
            tidy_files.push_back(input);
        }
    }
    const bool lsoa_given = !arguments.lsoa_prefix.empty() || !arguments.lsoa_codes.empty();
    if (!met_files.empty() && arguments.borough.empty()) {
        problems.add({},
                     "--borough is needed to read Met files (" + met_files.front().string() + ")");
    }
    if (met_files.empty() && !arguments.borough.empty()) {
        problems.add({}, "--borough and --ward apply to Met files, and none was given");
    }
    if (!police_inputs.empty() && !lsoa_given) {
        problems.add({}, "--lsoa-prefix or --lsoa-codes is needed to read police.uk files (" +
                             police_inputs.front().string() + ")");
    }
    if (police_inputs.empty() && lsoa_given) {
        problems.add({},
                     "--lsoa-prefix and --lsoa-codes apply to police.uk files, and none was "
                     "given");
    }
    if ((!met_files.empty() || !police_inputs.empty()) && arguments.mapping.empty()) {
        problems.add({},
                     "--mapping is needed to read Met or police.uk files (see "
                     "scenarios/library/mappings/)");
    }
    if (!problems.diagnostics.empty()) {
        return problems.print();
    }

    std::optional<calibration::CategoryMapping> mapping;
    if (!arguments.mapping.empty()) {
        try {
            mapping = calibration::CategoryMapping::load(arguments.mapping);
        } catch (const ObservedDataError& error) {
            problems.add(error);
            return problems.print();
        }
    }
    std::vector<calibration::ObservedSeries> parts;
    std::vector<std::pair<fs::path, calibration::ReadReport>> reports;
    for (const fs::path& file : met_files) {
        try {
            calibration::ReadReport report;
            parts.push_back(calibration::read_met_monthly(
                file, *mapping, {arguments.borough, arguments.wards}, &report));
            reports.emplace_back(file, std::move(report));
        } catch (const ObservedDataError& error) {
            problems.add(error);
        }
    }
    if (!police_inputs.empty()) {
        try {
            calibration::LsoaFilter filter;
            filter.name_prefix = arguments.lsoa_prefix;
            if (!arguments.lsoa_codes.empty()) {
                filter.codes = calibration::read_lsoa_codes(arguments.lsoa_codes);
                filter.area = arguments.lsoa_codes.stem().string();
            }
            calibration::ReadReport report;
            parts.push_back(
                calibration::read_police_uk_street(police_inputs, *mapping, filter, &report));
            reports.emplace_back(police_inputs.front(), std::move(report));
        } catch (const ObservedDataError& error) {
            problems.add(error);
        }
    }
    for (const fs::path& file : tidy_files) {
        try {
            parts.push_back(calibration::read_tidy_csv(file));
        } catch (const ObservedDataError& error) {
            problems.add(error);
        }
    }
    if (!problems.diagnostics.empty()) {
        return problems.print();
    }
    std::vector<std::string> notes;
    calibration::ObservedSeries series;
    try {
        series = calibration::combine_series(std::move(parts),
                                             arguments.later_vintage
                                                 ? calibration::Overlap::later_vintage
                                                 : calibration::Overlap::error,
                                             &notes);
    } catch (const ObservedDataError& error) {
        problems.add(error);
        if (!arguments.later_vintage) {
            problems.add({},
                         "to take months found in several files from the later file, "
                         "add --later-vintage");
        }
        return problems.print();
    }
    if (!arguments.out.empty()) {
        try {
            calibration::write_tidy_csv(series, arguments.out);
        } catch (const scenarios::OutputError& error) {
            std::cerr << "vrsim: error: " << error.what() << '\n';
            return kRuntimeFailure;
        }
    }
    if (arguments.quiet) {
        return kOk;
    }
    model::YearMonth first = series.values.front().month;
    model::YearMonth last = first;
    for (const calibration::ObservedValue& value : series.values) {
        first = std::min(first, value.month);
        last = std::max(last, value.month);
    }
    std::cout << "Observed " << first.to_string() << ".." << last.to_string() << " ("
              << (last.index - first.index + 1) << " months)";
    if (mapping) {
        std::cout << ", mapping " << mapping->file().string();
    }
    std::cout << '\n';
    print_annual_table(series);
    std::cout << '\n';
    for (const auto& [where, report] : reports) {
        print_report(report, where);
    }
    for (const std::string& note : notes) {
        std::cout << note << '\n';
    }
    if (mapping) {
        std::vector<std::string> unobservable;
        for (std::string_view name : model::kOutcomeNames) {
            if (name.starts_with("recorded_") &&
                std::find(mapping->outcomes().begin(), mapping->outcomes().end(), name) ==
                    mapping->outcomes().end()) {
                unobservable.emplace_back(name);
            }
        }
        if (!unobservable.empty()) {
            std::cout << "Not observable with this mapping:";
            for (const std::string& name : unobservable) {
                std::cout << ' ' << name;
            }
            std::cout << '\n';
        }
    }
    if (!arguments.out.empty()) {
        std::cout << "Wrote " << series.values.size() << " rows to " << arguments.out.string()
                  << '\n';
    }
    return kOk;
}

}  // namespace vrsim::cli
