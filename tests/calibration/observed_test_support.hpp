#pragma once
// Paths and small helpers shared by the calibration tests.
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "vrsim/calibration/diagnostics.hpp"
#include "vrsim/calibration/observed_series.hpp"

namespace vrsim::calibration::testing {

namespace fs = std::filesystem;

inline const fs::path kSource = fs::path(VRSIM_SOURCE_DIR);
inline const fs::path kFixtures = kSource / "tests" / "calibration" / "fixtures";
inline const fs::path kBroken = kFixtures / "broken";
inline const fs::path kMappings = kSource / "scenarios" / "library" / "mappings";
// The real data beside the checkout (shared/ next to the repository).
inline const fs::path kSharedData = kSource / ".." / "shared" / "data";

// The value of one (area, outcome, month); fails the test when it is not there.
inline double value_at(const ObservedSeries& series, const std::string& area,
                       const std::string& outcome, const std::string& month) {
    for (const ObservedValue& value : series.values) {
        if (value.area == area && value.outcome == outcome && value.month.to_string() == month) {
            return value.value;
        }
    }
    FAIL("no value for " << outcome << " in " << area << " in " << month);
    return 0.0;
}

inline bool has_value(const ObservedSeries& series, const std::string& outcome) {
    for (const ObservedValue& value : series.values) {
        if (value.outcome == outcome) {
            return true;
        }
    }
    return false;
}

// The diagnostics `read` throws, one string each; fails the test if it throws none.
inline std::vector<std::string> problems_of(const std::function<void()>& read) {
    try {
        read();
    } catch (const ObservedDataError& error) {
        std::vector<std::string> lines;
        for (const Diagnostic& diagnostic : error.diagnostics()) {
            lines.push_back(diagnostic.to_string());
        }
        return lines;
    }
    FAIL("expected an ObservedDataError");
    return {};
}

// True when some problem starts with `place` and contains `text`.
inline bool reported(const std::vector<std::string>& problems, const std::string& place,
                     const std::string& text) {
    for (const std::string& problem : problems) {
        if (problem.starts_with(place) && problem.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace vrsim::calibration::testing
