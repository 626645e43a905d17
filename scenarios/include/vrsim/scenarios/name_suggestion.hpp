#pragma once
// "Did you mean": the known name closest to one a user typed.
#include <optional>
#include <span>
#include <string_view>

namespace vrsim::scenarios {

// The known name closest to `unknown` by edit distance (ignoring case), when close
// enough to be a likely typo: at most 3 edits, or at most a third of its length.
std::optional<std::string_view> closest_name(std::string_view unknown,
                                             std::span<const std::string_view> known);

}  // namespace vrsim::scenarios
