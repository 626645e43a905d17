#pragma once
// Problems found in observed-data files and mapping files, each with the place it
// was found, thrown together so a user fixes every problem in one pass.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "vrsim/scenarios/diagnostic.hpp"

namespace vrsim::calibration {

// The same as a scenario's: CSV files give the column in `field`, e.g.
// `column 5 (201904)`, and 0 as `column`.
using scenarios::Diagnostic;

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
