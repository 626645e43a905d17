#pragma once
// What `vrsim` returns, so scripts can tell bad input from a failed run.

namespace vrsim::cli {

enum ExitCode : int {
    kOk = 0,
    kRuntimeFailure =
        1,               // the input was fine but the run could not finish (e.g. unwritable folder)
    kInvalidInput = 2,   // a bad option value or an invalid scenario file
    kInterrupted = 130,  // stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)
};

}  // namespace vrsim::cli
