#pragma once
// Problems found in observed-data files and mapping files, each with the place it
// was found, thrown together so a user fixes every problem in one pass.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace vrsim::calibration {

struct Diagnostic {
    std::filesystem::path file;  // empty when the problem is with the options given
    int line = 0;                // 1-based; 0 when the problem has no single line
    int column = 0;       // mapping (TOML) files: 1-based character; CSV files: 0 (see field)
    std::string field;    // CSV: `column 5 (201904)`; TOML: the key, e.g. `map[3].outcome`
    std::string message;  // e.g. `expected a whole number of offences, got "12a"`
    // "file:line[:column]: [field: ]message"
    std::string to_string() const;
};

// Thrown by every reader with all the problems it found (a long list is cut
// short with a last diagnostic saying how many more there were).
class ObservedDataError : public std::runtime_error {
  public:
    explicit ObservedDataError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace vrsim::calibration
