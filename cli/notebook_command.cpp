#include "notebook_command.hpp"

#include <iostream>

#include "exit_codes.hpp"
#include "vrsim/notebooks/csv_records.hpp"
#include "vrsim/notebooks/execute.hpp"
#include "vrsim/notebooks/notebook.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::cli {

CLI::App* add_notebook_command(CLI::App& app, NotebookArguments& arguments) {
    CLI::App* notebook = app.add_subcommand(
        "notebook", "Write a Jupyter notebook that reports a run folder and redraws its charts");
    notebook->footer(
        "Writes DIR/report.ipynb (nbformat 4): a narrative with the run's headline results,\n"
        "then Python cells that load DIR's CSV files with pandas and redraw its charts with\n"
        "matplotlib. The notebook reads the files from its own folder, so the folder can be\n"
        "moved whole. With --execute, runs it with `jupyter nbconvert --execute --to html`\n"
        "into DIR/report.html (Debian packages: jupyter-nbconvert python3-ipykernel\n"
        "python3-pandas python3-matplotlib). A folder that is not a readable run folder\n"
        "gives exit code 2 with file:line; a failed execution gives exit code 1.");
    notebook->add_option("DIR", arguments.folder, "Run folder written by `vrsim run`")->required();
    notebook->add_flag("--execute", arguments.execute,
                       "Also run the notebook with Jupyter and write report.html");
    notebook->add_flag("--quiet,-q", arguments.quiet, "Print nothing on success");
    return notebook;
}

int notebook_command(const NotebookArguments& arguments) {
    std::filesystem::path written;
    try {
        written = notebooks::write_notebook(arguments.folder);
    } catch (const notebooks::RunFolderError& error) {
        std::cerr << "vrsim: " << error.what() << '\n';
        return kInvalidInput;
    } catch (const scenarios::OutputError& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kRuntimeFailure;
    }
    if (!arguments.quiet) {
        std::cout << "Wrote " << written.string() << '\n';
    }
    if (!arguments.execute) {
        return kOk;
    }
    const notebooks::ExecutionResult result = notebooks::execute_notebook(written);
    if (result.status != notebooks::ExecutionResult::Status::ok) {
        std::cerr << "vrsim: error: executing " << written.string() << " failed";
        if (result.exit_code > 0) {
            std::cerr << " (jupyter nbconvert exit code " << result.exit_code << ")";
        }
        std::cerr << ":\n" << result.output << '\n';
        return kRuntimeFailure;
    }
    if (!arguments.quiet) {
        std::cout << "Wrote " << result.html.string() << '\n';
    }
    return kOk;
}

}  // namespace vrsim::cli
