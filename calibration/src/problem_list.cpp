#include "problem_list.hpp"

#include <algorithm>
#include <tuple>

namespace vrsim::calibration {

ObservedDataError::ObservedDataError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(scenarios::join_lines(diagnostics)),
      diagnostics_(std::move(diagnostics)) {}

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
    // In reading order: by file (first mentioned first), then line; problems with
    // no line after those of the same file.
    std::vector<Diagnostic> diagnostics = listed_;
    std::vector<std::filesystem::path> files;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (std::find(files.begin(), files.end(), diagnostic.file) == files.end()) {
            files.push_back(diagnostic.file);
        }
    }
    auto key = [&](const Diagnostic& d) {
        const auto file = std::find(files.begin(), files.end(), d.file) - files.begin();
        return std::make_tuple(file, d.line == 0 ? 1 : 0, d.line, d.column);
    };
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
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
