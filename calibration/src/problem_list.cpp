#include "problem_list.hpp"

namespace vrsim::calibration {

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

namespace {

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

}  // namespace

ObservedDataError::ObservedDataError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace detail {

void ProblemList::add(Diagnostic diagnostic) {
    if (listed_.size() < kMaxListed) {
        listed_.push_back(std::move(diagnostic));
    } else {
        ++unlisted_;
    }
}

void ProblemList::add(const std::filesystem::path& file, int line, std::string field,
                      std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.line = line;
    diagnostic.field = std::move(field);
    diagnostic.message = std::move(message);
    add(std::move(diagnostic));
}

void ProblemList::throw_if_any() const {
    if (listed_.empty()) {
        return;
    }
    std::vector<Diagnostic> diagnostics = listed_;
    if (unlisted_ > 0) {
        Diagnostic more;
        more.file = listed_.back().file;
        more.message =
            "and " + std::to_string(unlisted_) + " more problems, not listed (fix these first)";
        diagnostics.push_back(std::move(more));
    }
    throw ObservedDataError(std::move(diagnostics));
}

std::string csv_column(std::size_t index, const std::string& header) {
    std::string text = "column " + std::to_string(index + 1);
    if (!header.empty()) {
        text.append(" (").append(header).append(")");
    }
    return text;
}

}  // namespace detail
}  // namespace vrsim::calibration
