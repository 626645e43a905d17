#include "compare_command.hpp"

#include <iomanip>
#include <iostream>

#include "calibration_support.hpp"
#include "draw_charts.hpp"
#include "ensemble_options.hpp"
#include "exit_codes.hpp"
#include "print_diagnostics.hpp"
#include "run_with_progress.hpp"
#include "vrsim/notebooks/notebook.hpp"
#include "vrsim/notebooks/run_files.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::cli {

namespace {

// The measures of the headline table, in its order.
constexpr std::array<scenarios::Measure, 8> kHeadline = {
    scenarios::Measure::offences_averted,
    scenarios::Measure::violence_averted,
    scenarios::Measure::first_time_entrants_avoided,
    scenarios::Measure::custody_months_avoided,
    scenarios::Measure::present_value_costs_gbp,
    scenarios::Measure::present_value_benefits_gbp,
    scenarios::Measure::net_present_value_gbp,
    scenarios::Measure::benefit_cost_ratio,
};

std::string formatted(scenarios::Measure measure, double value) {
    using scenarios::Measure;
    if (measure == Measure::benefit_cost_ratio) {
        return scenarios::format_ratio(value);
    }
    const auto name = scenarios::kMeasureNames[index_of(measure)];
    return name.ends_with("_gbp") ? scenarios::format_gbp(value) : scenarios::format_count(value);
}

void print_headline(const std::vector<scenarios::Comparison>& comparisons) {
    for (const scenarios::Comparison& comparison : comparisons) {
        std::cout << '\n'
                  << comparison.alternative << " against " << comparison.base << " ("
                  << comparison.replicates.size() << " paired replicates)\n";
        const auto summaries = scenarios::summarise_measures(comparison.replicates);
        for (scenarios::Measure measure : kHeadline) {
            const scenarios::MeasureSummary& summary = summaries[index_of(measure)];
            std::cout << "  " << std::left << std::setw(48) << scenarios::measure_label(measure)
                      << std::right << std::setw(14) << formatted(measure, summary.mean)
                      << "  (90%: " << formatted(measure, summary.p05) << " to "
                      << formatted(measure, summary.p95) << ")\n";
        }
        const scenarios::MeasureSummary& npv =
            summaries[index_of(scenarios::Measure::net_present_value_gbp)];
        std::cout << "  probability the alternative at least breaks even: "
                  << scenarios::format_percent(npv.probability_better) << '\n';
    }
}

}  // namespace

CLI::App* add_compare_command(CLI::App& app, CompareArguments& arguments) {
    CLI::App* compare = app.add_subcommand(
        "compare",
        "Compare funding scenarios: a base and alternatives, paired replicate by "
        "replicate, with their costs and benefits");
    compare->footer(
        "Runs every scenario with the same seed: replicate r of each draws the same random\n"
        "numbers for the same decision about the same person, so a scenario identical to\n"
        "the base gives exactly zero difference. Writes, in the --out folder, the run files\n"
        "of all scenarios (manifest.json, timeseries.csv, summary.csv), comparison.csv,\n"
        "comparison_replicates.csv and comparison.md (HM Treasury Green Book conventions:\n"
        "real prices of --price-year, unit costs and each funding entry's budget moved\n"
        "from their own price years with the GDP deflator; discounting at 3.5% a year for\n"
        "years 1-30, lower after, unless --discount-rate; ratios are ratios of the means),\n"
        "charts/ and report.ipynb. Exit code 2 for invalid scenarios or scenarios that\n"
        "cover different months.");
    compare->add_option("SCENARIOS", arguments.scenarios, "Base scenario, then alternatives")
        ->required()
        ->expected(2, 64)
        ->check(CLI::ExistingFile);
    add_ensemble_options(*compare, arguments.options.ensemble);
    compare
        ->add_option("--horizon-years", arguments.options.horizon_years,
                     "Appraise only the first Y years [default: the scenarios' horizon]")
        ->check(CLI::Range(1, 100));
    compare
        ->add_option("--discount-rate", arguments.options.discount_rate,
                     "A flat annual discount rate, e.g. 0.035 [default: Green Book schedule]")
        ->check(CLI::Range(0.0, 1.0));
    compare
        ->add_option("--price-year", arguments.options.price_year,
                     "Real prices of this financial year (2024 = 2024-25)")
        ->default_val(2024)
        ->check(CLI::Range(1900, 2200));
    compare
        ->add_option("--unit-costs", arguments.options.unit_costs,
                     "Unit costs of crime and justice (TOML)")
        ->default_val(std::string(VRSIM_LIBRARY_DIR) + "/costs/home_office_2018.toml")
        ->check(CLI::ExistingFile);
    compare->add_option("--out,-o", arguments.out,
                        "Output folder, created if missing [default: runs/compare-<base name>]");
    compare
        ->add_option("--posterior", arguments.posterior,
                     "A calibration's posterior.csv: replicate r of every scenario runs with the\n"
                     "same particle, drawn by weight")
        ->check(CLI::ExistingFile);
    compare->add_flag(
        "--summary-only", arguments.options.ensemble.summary_only,
        "No timeseries.csv (a large file at thousands of replicates): the comparison is\n"
        "paired in memory as the replicates run, so comparison.csv is the same; summary.csv\n"
        "quantiles become P-square estimates, and the difference-from-base charts and the\n"
        "notebook's paired monthly differences, which read timeseries.csv, are left out");
    compare->add_flag("--no-charts", arguments.no_charts, "Do not draw charts/ (needs gnuplot)");
    compare->add_flag("--no-notebook", arguments.no_notebook, "Do not write report.ipynb");
    compare->add_flag("--quiet,-q", arguments.quiet, "No progress bar and no tables");
    return compare;
}

int compare_command(const CompareArguments& arguments,
                    const std::vector<std::string>& command_line) {
    std::vector<scenarios::Scenario> loaded;
    bool valid = true;
    for (const std::filesystem::path& file : arguments.scenarios) {
        try {
            loaded.push_back(scenarios::load_scenario(file));
        } catch (const scenarios::ScenarioError& error) {
            print_diagnostics(error);
            valid = false;
        }
    }
    if (!valid) {
        return kInvalidInput;
    }
    const std::filesystem::path out =
        arguments.out.empty() ? std::filesystem::path("runs") /
                                    ("compare-" + arguments.scenarios.front().stem().string())
                              : arguments.out;

    scenarios::CompareOptions options = arguments.options;
    std::vector<const scenarios::Scenario*> scenario_list;
    for (const scenarios::Scenario& scenario : loaded) {
        scenario_list.push_back(&scenario);
    }
    if (!arguments.posterior.empty()) {
        const int status = report_input_errors([&] {
            use_posterior(arguments.posterior, scenario_list, options.ensemble);
            return kOk;
        });
        if (status != kOk) {
            return status;
        }
    }
    options.ensemble.replicates = scenarios::effective_replicates(options.ensemble, scenario_list);

    std::vector<scenarios::Comparison> comparisons;
    try {
        const int status = run_with_progress(arguments.quiet, out,
                                             [&](const scenarios::ProgressCallback& progress) {
                                                 comparisons = scenarios::write_comparison_folder(
                                                     loaded, options, out, command_line, progress);
                                             });
        if (status != kOk) {
            return status;
        }
    } catch (const scenarios::ComparisonError& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kInvalidInput;
    } catch (const scenarios::ScenarioError& error) {
        print_diagnostics(error);
        return kInvalidInput;
    } catch (const scenarios::EconomicsError& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kInvalidInput;
    }
    if (!arguments.posterior.empty()) {
        record_posterior(out, arguments.posterior);
    }
    if (!arguments.quiet) {
        print_headline(comparisons);
        std::cout << "\nWrote " << out.string()
                  << ": comparison.md, comparison.csv, comparison_replicates.csv, "
                  << (options.ensemble.summary_only ? "" : "timeseries.csv, ")
                  << "summary.csv, manifest.json\n";
    }
    int status = kOk;
    if (!arguments.no_charts) {
        status = draw_charts(out, arguments.quiet);
    }
    if (!arguments.no_notebook) {
        try {
            const std::filesystem::path notebook = notebooks::write_notebook(out);
            if (!arguments.quiet) {
                std::cout << "Notebook: " << notebook.string() << " (run it with `vrsim notebook "
                          << out.string() << " --execute`)\n";
            }
        } catch (const std::exception& error) {
            std::cerr << "vrsim: error: notebook: " << error.what() << '\n';
            status = kRuntimeFailure;
        }
    }
    return status;
}

}  // namespace vrsim::cli
