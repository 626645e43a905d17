#pragma once
// Runs a notebook top to bottom with Debian's Jupyter and writes it as HTML:
// `jupyter nbconvert --execute --to html`, as a child process with its
// arguments passed as a list (no shell).
#include <filesystem>
#include <string>

namespace vrsim::notebooks {

struct ExecutionResult {
    enum class Status {
        ok,               // html written
        jupyter_missing,  // no `jupyter` on PATH
        failed,           // nbconvert ran and failed: a cell raised, no kernel, ...
    };
    Status status = Status::failed;
    std::filesystem::path html;  // NOTEBOOK with .html, written only when ok
    std::string output;          // what jupyter printed on stderr (and stdout)
    int exit_code = -1;          // jupyter's exit status; -1 if it did not run or was killed
};

// Writes the executed notebook as NOTEBOOK's name with .html beside it, under a
// temporary name first, renamed when nbconvert succeeds.
ExecutionResult execute_notebook(const std::filesystem::path& notebook);

// What to install when Jupyter is missing, for messages.
inline constexpr const char* kJupyterPackages =
    "jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib";

}  // namespace vrsim::notebooks
