#pragma once
// Helpers for scenario tests: the fixture folder, temporary scenario files
// written from strings, and where a piece of text sits in a file.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "test_files.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::testing {

using vrsim::testing::read_file;
using vrsim::testing::replaced;
using vrsim::testing::TemporaryFolder;

inline std::filesystem::path fixture(std::string_view name) {
    return std::filesystem::path(VRSIM_SOURCE_DIR) / "tests" / "scenarios" / "fixtures" / name;
}

inline std::string valid_minimal_text() {
    return read_file(fixture("valid_minimal.toml"));
}

struct TextPlace {
    int line = 0;
    int column = 0;
};

// 1-based line and column of the first `needle` in `text`, plus `offset` characters.
inline TextPlace place_of(std::string_view text, std::string_view needle, std::size_t offset = 0) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string_view::npos);
    const std::size_t position = at + offset;
    const auto line_start = text.rfind('\n', position == 0 ? 0 : position - 1);
    const std::size_t column_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    const auto lines =
        std::count(text.begin(), text.begin() + static_cast<long>(column_start), '\n');
    return {static_cast<int>(lines) + 1, static_cast<int>(position - column_start) + 1};
}

// Every diagnostic loading `file` reports; empty when it loads.
inline std::vector<Diagnostic> diagnostics_of(const std::filesystem::path& file) {
    try {
        load_scenario(file);
    } catch (const ScenarioError& error) {
        return error.diagnostics();
    }
    return {};
}

// The diagnostics as text, for failure messages.
inline std::string listed(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const Diagnostic& diagnostic : diagnostics) {
        text += diagnostic.to_string() + "\n";
    }
    return text;
}

// The diagnostic about `field`; fails the test when there is none.
inline const Diagnostic& diagnostic_for(const std::vector<Diagnostic>& diagnostics,
                                        std::string_view field) {
    INFO(listed(diagnostics));
    auto found = std::find_if(diagnostics.begin(), diagnostics.end(),
                              [&](const Diagnostic& d) { return d.field == field; });
    REQUIRE(found != diagnostics.end());
    return *found;
}

}  // namespace vrsim::scenarios::testing
