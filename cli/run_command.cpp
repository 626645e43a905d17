#include "run_command.hpp"

#include <iostream>

#include "calibration_support.hpp"
#include "draw_charts.hpp"
#include "ensemble_options.hpp"
#include "exit_codes.hpp"
#include "print_diagnostics.hpp"
#include "run_with_progress.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/run_folder.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::cli {

CLI::App* add_run_command(CLI::App& app, RunArguments& arguments) {
    CLI::App* run =
        app.add_subcommand("run", "Run a scenario's replicates and write its results to a folder");
    run->footer(
        "Writes, in the --out folder:\n"
        "  manifest.json   program version, command line, scenario files with SHA-256,\n"
        "                  seed, replicates and the parameters as run\n"
        "  timeseries.csv  scenario,replicate,month,outcome,value for every replicate\n"
        "                  (replicates numbered from 0; not written with --summary-only)\n"
        "  summary.csv     scenario,month,outcome,mean,p05,p25,p50,p75,p95\n"
        "  charts/         fan charts of every outcome (SVG, PNG, PDF) unless --no-charts\n"
        "Each file appears only when complete. The scenario is checked first; problems\n"
        "are listed as file:line:column: field: message with exit code 2. Results depend\n"
        "only on the scenario, --seed and --replicates, never on --threads. Ctrl-C stops\n"
        "the run after the replicate in progress and leaves no partial files.");
    run->add_option("SCENARIO", arguments.scenario, "Scenario file (TOML)")
        ->required()
        ->check(CLI::ExistingFile);
    add_ensemble_options(*run, arguments.ensemble);
    run->add_option("--out,-o", arguments.out,
                    "Output folder, created if missing [default: runs/<scenario file name>]");
    run->add_option("--posterior", arguments.posterior,
                    "A calibration's posterior.csv: each replicate runs with a particle drawn\n"
                    "by weight (its columns must be the scenario's uncertain parameters)")
        ->check(CLI::ExistingFile);
    run->add_flag("--summary-only", arguments.ensemble.summary_only,
                  "Write summary.csv and manifest.json but no timeseries.csv; memory stays\n"
                  "the same however many replicates (quantiles become P-square estimates)");
    run->add_flag("--no-charts", arguments.no_charts,
                  "Do not draw the charts (charts/, drawn with gnuplot) after the run");
    run->add_flag("--quiet,-q", arguments.quiet, "No progress bar and no closing message");
    return run;
}

int run_command(const RunArguments& arguments, const std::vector<std::string>& command_line) {
    scenarios::Scenario scenario;
    try {
        scenario = scenarios::load_scenario(arguments.scenario);
    } catch (const scenarios::ScenarioError& error) {
        print_diagnostics(error);
        return kInvalidInput;
    }
    const std::filesystem::path out =
        arguments.out.empty() ? std::filesystem::path("runs") / arguments.scenario.stem()
                              : arguments.out;

    scenarios::EnsembleOptions ensemble = arguments.ensemble;
    if (!arguments.posterior.empty()) {
        const int status = report_input_errors([&] {
            use_posterior(arguments.posterior, {&scenario}, ensemble);
            return kOk;
        });
        if (status != kOk) {
            return status;
        }
    }
    ensemble.replicates = scenarios::effective_replicates(ensemble, {&scenario});

    const int status =
        run_with_progress(arguments.quiet, out, [&](const scenarios::ProgressCallback& progress) {
            scenarios::write_run_folder(scenario, ensemble, out, command_line, progress);
        });
    if (status != kOk) {
        return status;
    }
    if (!arguments.posterior.empty()) {
        record_posterior(out, arguments.posterior);
    }
    if (!arguments.quiet) {
        std::cout << "Wrote " << ensemble.replicates << " replicates of " << scenario.name << " to "
                  << out.string() << ": "
                  << (arguments.ensemble.summary_only ? "" : "timeseries.csv, ")
                  << "summary.csv, manifest.json\n";
    }
    return arguments.no_charts ? kOk : draw_charts(out, arguments.quiet);
}

}  // namespace vrsim::cli
