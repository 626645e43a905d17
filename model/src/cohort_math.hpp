#pragma once
// Arithmetic the cohort engine does on every compartment, written without
// library calls so that it also runs on vectors of tiers (cohort_lanes.hpp).
#include <bit>
#include <cstdint>

namespace vrsim::model::cohort {

inline constexpr double kInverseLn2 = 1.4426950408889634;
inline constexpr double kLn2High = 0.6931471803691238;  // ln 2 split for exact products
inline constexpr double kLn2Low = 1.9082149292705877e-10;
inline constexpr double kExpShifter = 6755399441055744.0;  // 1.5 x 2^52: adding it rounds

// exp(r) for |r| <= ln 2 / 2 by its Taylor series to r^12 (relative error
// under 0.35^13 / 13! < 2e-16), for doubles or vectors of them.
template <class Real>
[[gnu::always_inline]] inline Real exp_series(Real r) {
    Real series = r * (1.0 / 479001600.0) + 1.0 / 39916800.0;
    series = series * r + 1.0 / 3628800.0;
    series = series * r + 1.0 / 362880.0;
    series = series * r + 1.0 / 40320.0;
    series = series * r + 1.0 / 5040.0;
    series = series * r + 1.0 / 720.0;
    series = series * r + 1.0 / 120.0;
    series = series * r + 1.0 / 24.0;
    series = series * r + 1.0 / 6.0;
    series = series * r + 0.5;
    series = series * r + 1.0;
    return series * r + 1.0;
}

// 1 - exp(-z) for z >= 0. Below 1e-3, which most compartments' monthly rates
// are, its series to z^3 (relative error under z^3/24 < 5e-11). Above, exp(-z)
// by range reduction: z = k ln 2 - r with |r| <= ln 2 / 2, exp(r) by
// exp_series, and 2^-k put straight into the exponent bits. z is capped at 700,
// where the chance is 1 to the last bit.
inline double chance_of_any(double z) {
    if (z < 1e-3) {
        return z * (1.0 - z * (0.5 - z * (1.0 / 6.0)));
    }
    const double capped = z < 700.0 ? z : 700.0;
    const double shifted = capped * kInverseLn2 + kExpShifter;
    const double k = shifted - kExpShifter;
    const double r = (k * kLn2High - capped) + k * kLn2Low;  // k ln 2 - z, in [-0.35, 0.35]
    const double series = exp_series(r);
    const auto k_bits =
        std::bit_cast<std::int64_t>(shifted) - std::bit_cast<std::int64_t>(kExpShifter);
    const double scale = std::bit_cast<double>((std::int64_t{1023} - k_bits) << 52);  // 2^-k
    return 1.0 - series * scale;
}

}  // namespace vrsim::model::cohort
