#pragma once
// "Did you mean" for names a user typed: a borough, a category, an outcome.
#include <span>
#include <string>
#include <string_view>

namespace vrsim::calibration::detail {

// " (did you mean "x"?)" or empty.
std::string did_you_mean(std::string_view unknown, std::span<const std::string_view> known);

}  // namespace vrsim::calibration::detail
