#pragma once
// `vrsim notebook DIR`: writes DIR/report.ipynb, a Jupyter notebook that tells
// what the run in DIR holds and redraws its charts; with --execute, also runs it
// with Jupyter into DIR/report.html.
#include <filesystem>

#include <CLI/CLI.hpp>

namespace vrsim::cli {

struct NotebookArguments {
    std::filesystem::path folder;
    bool execute = false;
    bool quiet = false;
};

CLI::App* add_notebook_command(CLI::App& app, NotebookArguments& arguments);

// Returns an ExitCode: 2 for a folder that is not a readable run folder, 1 when
// the notebook cannot be written or Jupyter is missing or fails.
int notebook_command(const NotebookArguments& arguments);

}  // namespace vrsim::cli
