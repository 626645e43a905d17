#include "vrsim/scenarios/diagnostic.hpp"

namespace vrsim::scenarios {

std::string Diagnostic::to_string() const {
    std::string text = file.empty() ? std::string("vrsim") : file.string();
    if (line > 0) {
        text.append(":").append(std::to_string(line));
        if (column > 0) {
            text.append(":").append(std::to_string(column));
        }
    }
    text += ": ";
    if (!field.empty()) {
        text.append(field).append(": ");
    }
    return text + message;
}

std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (!text.empty()) {
            text += '\n';
        }
        text += diagnostic.to_string();
    }
    return text;
}

}  // namespace vrsim::scenarios
