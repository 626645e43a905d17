#include "print_diagnostics.hpp"

#include <iostream>

namespace vrsim::cli {

void print_diagnostics(const scenarios::ScenarioError& error) {
    if (error.diagnostics().empty()) {
        std::cerr << error.what() << '\n';
    }
    for (const scenarios::Diagnostic& diagnostic : error.diagnostics()) {
        std::cerr << diagnostic.to_string() << '\n';
    }
}

}  // namespace vrsim::cli
