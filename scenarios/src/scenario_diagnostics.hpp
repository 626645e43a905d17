#pragma once
// Building the messages of scenario diagnostics: where a problem is, what was
// found there, and which known name the user probably meant.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

// A diagnostic at the place `region` covers in its file.
Diagnostic diagnostic_at(const toml::source_region& region, std::string field, std::string message);

// What a value is, for "got ..." in messages: `1.7`, `string "abc"`, `an array of 3 values`.
std::string describe_value(const toml::node& node);

// Shortest text that reads back as the same double.
std::string format_number(double value);

// "unknown <what>; did you mean "x"?" or, with no close name, the names allowed.
std::string unknown_name_message(std::string_view unknown, std::span<const std::string_view> known,
                                 std::string_view what = "key");

// Orders diagnostics by file (in the order given), then line and column;
// problems with no place in a file come after those of the same file.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics,
                      std::span<const std::filesystem::path> files);

}  // namespace vrsim::scenarios::detail
