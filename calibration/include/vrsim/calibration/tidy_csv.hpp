#pragma once
// The plain observed-data file: `month,outcome,value` or `month,outcome,value,area`,
// month as YYYY-MM, outcome a vrsim outcome name, value a finite number.
#include <filesystem>

#include "vrsim/calibration/observed_series.hpp"

namespace vrsim::calibration {

// Throws ObservedDataError on a wrong header, a malformed row, a bad month,
// outcome or value, a (month, outcome, area) given twice, or a gap in the months
// of an (outcome, area) series.
ObservedSeries read_tidy_csv(const std::filesystem::path& file);

// Writes `series` in the same format (the area column only when some value has
// an area), under a temporary name renamed into place when complete. Throws
// scenarios::OutputError.
void write_tidy_csv(const ObservedSeries& series, const std::filesystem::path& file);

// True when the first line of `file` is a tidy header.
bool looks_like_tidy_csv(const std::filesystem::path& file);

}  // namespace vrsim::calibration
