#pragma once
// One problem found in an input file (a scenario, an observed-data or mapping
// file), with its place, so every problem is reported and fixed in one pass.
#include <filesystem>
#include <string>
#include <vector>

namespace vrsim::scenarios {

struct Diagnostic {
    std::filesystem::path file;  // empty when the problem is with the options given
    int line = 0;                // 1-based; 0 when the problem has no single line
    int column = 0;              // 1-based character; 0 where a line has no column (CSV)
    std::string
        field;  // e.g. "parameters.justice.recording_probability.robbery", `column 5 (201904)`
    std::string message;  // e.g. "expected a number in [0, 1], got 1.7"
    // "file:line[:column]: [field: ]message", "vrsim" for the file when there is none
    std::string to_string() const;
};

// The diagnostics' lines, one a line.
std::string join_lines(const std::vector<Diagnostic>& diagnostics);

}  // namespace vrsim::scenarios
