#pragma once
// "Did you mean" for names a user typed: a borough, a category, an outcome.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vrsim::calibration::detail {

// The known name closest to `unknown` by edit distance (ignoring case), when close
// enough to be a likely typo: at most 3 edits, or at most a third of its length.
std::optional<std::string_view> closest_name(std::string_view unknown,
                                             std::span<const std::string_view> known);

// " (did you mean "x"?)" or empty.
std::string did_you_mean(std::string_view unknown, std::span<const std::string_view> known);

}  // namespace vrsim::calibration::detail
