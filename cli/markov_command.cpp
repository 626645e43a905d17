#include "markov_command.hpp"

#include <iostream>
#include <limits>

#include "exit_codes.hpp"
#include "option_checks.hpp"
#include "print_diagnostics.hpp"
#include "vrsim/scenarios/markov_file.hpp"
#include "vrsim/scenarios/markov_outputs.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::cli {

CLI::App* add_markov_command(CLI::App& app, MarkovArguments& arguments) {
    CLI::App* markov = app.add_subcommand(
        "markov", "Run a state-transition (Markov) cohort model file and write its results");
    markov->footer(
        "Writes, in the --out folder:\n"
        "  totals.csv       strategy,reward,discounted,undiscounted\n"
        "  icer.csv         cost-effectiveness along the efficiency frontier (when the\n"
        "                   model names its cost and effect rewards)\n"
        "  trace.csv        strategy,cycle,state,occupancy (cycle 0 is the start)\n"
        "  psa.csv          with --samples: sample,strategy,reward,discounted,undiscounted\n"
        "  psa_summary.csv  with --samples: mean, p05, p50, p95 per strategy and reward\n"
        "The file format is described in docs/markov.md. Problems in the file are listed\n"
        "as file:line:column: field: message with exit code 2.");
    markov->add_option("MODEL", arguments.model, "Model file (TOML)")
        ->required()
        ->check(CLI::ExistingFile);
    markov->add_option("--out,-o", arguments.out,
                       "Output folder, created if missing [default: runs/<model file name>]");
    markov
        ->add_option("--samples,-n", arguments.samples,
                     "Probabilistic sensitivity analysis samples (0: none)")
        ->default_val(0)
        ->check(CLI::Range(std::uint32_t{0}, std::numeric_limits<std::uint32_t>::max()));
    markov->add_option("--seed", arguments.seed, "Seed of the PSA draws")
        ->default_val(arguments.seed)
        ->check(kWholeNumber);
    markov->add_flag("--quiet,-q", arguments.quiet, "Print nothing on success");
    return markov;
}

int markov_command(const MarkovArguments& arguments) {
    scenarios::MarkovDefinition definition;
    try {
        definition = scenarios::load_markov_file(arguments.model);
    } catch (const scenarios::ScenarioError& error) {
        print_diagnostics(error);
        return kInvalidInput;
    }
    const std::filesystem::path out = arguments.out.empty()
                                          ? std::filesystem::path("runs") / arguments.model.stem()
                                          : arguments.out;
    const model::MarkovResult result = model::run_markov(definition.model);
    scenarios::MarkovPsa psa;
    if (arguments.samples > 0) {
        try {
            psa = scenarios::run_markov_psa(definition, arguments.seed, arguments.samples);
        } catch (const model::MarkovError& error) {
            std::cerr << arguments.model.string() << ": " << error.what() << '\n';
            return kInvalidInput;
        }
    }
    std::vector<std::string> written;
    try {
        written = scenarios::write_markov_outputs(definition, result,
                                                  arguments.samples > 0 ? &psa : nullptr, out);
    } catch (const scenarios::OutputError& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kRuntimeFailure;
    }
    if (!arguments.quiet) {
        std::cout << definition.model.name << '\n'
                  << scenarios::markov_totals_table(definition, result) << "Wrote";
        for (std::size_t i = 0; i < written.size(); ++i) {
            std::cout << (i == 0 ? " " : ", ") << written[i];
        }
        std::cout << " to " << out.string() << '\n';
    }
    return kOk;
}

}  // namespace vrsim::cli
