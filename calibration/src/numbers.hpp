#pragma once
// Strict number parsing for data cells: the whole text must be the number.
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace vrsim::calibration::detail {

// A count: digits only, no sign, no decimal point.
inline std::optional<long long> parse_count(std::string_view text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// A finite decimal number, e.g. "12", "-0.5", "1e3".
inline std::optional<double> parse_number(std::string_view text) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace vrsim::calibration::detail
