#include "scenario_diagnostics.hpp"

#include "vrsim/scenarios/name_suggestion.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <sstream>
#include <tuple>

namespace vrsim::scenarios {

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace detail {

Diagnostic diagnostic_at(const toml::source_region& region, std::string field,
                         std::string message) {
    Diagnostic diagnostic;
    if (region.path) {
        diagnostic.file = *region.path;
    }
    diagnostic.line = static_cast<int>(region.begin.line);
    diagnostic.column = static_cast<int>(region.begin.column);
    diagnostic.field = std::move(field);
    diagnostic.message = std::move(message);
    return diagnostic;
}

std::string format_number(double value) {
    char text[64];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

std::string describe_value(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "string \"" + std::string(node.as_string()->get()) + "\"";
        case toml::node_type::integer:
            return std::to_string(node.as_integer()->get());
        case toml::node_type::floating_point:
            return format_number(node.as_floating_point()->get());
        case toml::node_type::boolean:
            return node.as_boolean()->get() ? "true" : "false";
        case toml::node_type::array:
            return "an array of " + std::to_string(node.as_array()->size()) + " values";
        case toml::node_type::table:
            return "a table";
        default: {
            std::ostringstream text;
            node.visit([&](const auto& value) { text << value; });
            return "date/time " + text.str();
        }
    }
}

std::string unknown_name_message(std::string_view unknown, std::span<const std::string_view> known,
                                 std::string_view what) {
    std::string message = "unknown " + std::string(what);
    if (auto match = closest_name(unknown, known)) {
        return message + "; did you mean \"" + std::string(*match) + "\"?";
    }
    if (known.empty()) {
        return message + "; nothing can be set here";
    }
    message += "; expected one of: ";
    for (std::size_t i = 0; i < known.size(); ++i) {
        message += (i == 0 ? "" : ", ") + std::string(known[i]);
    }
    return message;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics,
                      std::span<const std::filesystem::path> files) {
    auto file_rank = [&](const std::filesystem::path& file) {
        auto found = std::find(files.begin(), files.end(), file);
        return static_cast<std::size_t>(found - files.begin());
    };
    // Line 0 ("no place in the file") sorts after every real line.
    auto sort_key = [&](const Diagnostic& d) {
        return std::make_tuple(file_rank(d.file), d.line == 0 ? 1 : 0, d.line, d.column);
    };
    std::stable_sort(
        diagnostics.begin(), diagnostics.end(),
        [&](const Diagnostic& a, const Diagnostic& b) { return sort_key(a) < sort_key(b); });
}

}  // namespace detail
}  // namespace vrsim::scenarios
