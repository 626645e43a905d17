#pragma once
// Vectors of risk tiers for the cohort engine's compartments: GCC's vector
// extension, so each rule is written once and runs on kTiersPerVector tiers
// at a time (two SSE2 instructions a step on the baseline x86-64, one with AVX).
// Arithmetic between a vector and a double applies the double to every tier.
// Every function taking or returning a vector is always inlined: one compiled
// for another instruction set would pass vectors differently.
#include <cstdint>
#include <cstring>

#include "cohort_math.hpp"
#include "cohort_state.hpp"

namespace vrsim::model::cohort {

using Vec = double __attribute__((vector_size(kTiersPerVector * sizeof(double))));
using VecBits = std::int64_t __attribute__((vector_size(kTiersPerVector * sizeof(double))));
inline constexpr int kMaxVectors = kMaxTiers / kTiersPerVector;

[[gnu::always_inline]] inline Vec splat(double value) {
    return Vec{} + value;
}
[[gnu::always_inline]] inline Vec load_vec(const double* from) {
    Vec value;
    std::memcpy(&value, from, sizeof value);
    return value;
}
[[gnu::always_inline]] inline void store_vec(double* to, Vec value) {
    std::memcpy(to, &value, sizeof value);
}
[[gnu::always_inline]] inline Vec min_vec(Vec a, Vec b) {
    return a < b ? a : b;
}
[[gnu::always_inline]] inline Vec max_vec(Vec a, Vec b) {
    return a > b ? a : b;
}
[[gnu::always_inline]] inline double sum_of(Vec value) {
    double total = 0.0;
    for (int i = 0; i < kTiersPerVector; ++i) {
        total += value[i];
    }
    return total;
}
// Whether every lane of a comparison holds: its halves and-ed, then the two
// lanes left, rather than a branch a lane.
[[gnu::always_inline]] inline bool all_true(VecBits holds) {
    static_assert(kTiersPerVector == 4);
    const VecBits halves = holds & __builtin_shufflevector(holds, holds, 2, 3, 0, 1);
    return (halves[0] & halves[1]) != 0;
}
[[gnu::always_inline]] inline bool all_at_most(Vec value, double limit) {
    return all_true(value <= limit);
}
[[gnu::always_inline]] inline bool all_below(Vec value, double limit) {
    return all_true(value < limit);
}

// exp(-z) for 0 <= z, by the steps of chance_of_any (cohort_math.hpp).
[[gnu::always_inline]] inline Vec exp_negative(Vec z) {
    const Vec capped = z < 700.0 ? z : splat(700.0);
    const Vec shifted = capped * kInverseLn2 + kExpShifter;
    const Vec k = shifted - kExpShifter;
    const Vec r = (k * kLn2High - capped) + k * kLn2Low;  // k ln 2 - z, in [-0.35, 0.35]
    const VecBits k_bits =
        reinterpret_cast<VecBits>(shifted) - std::bit_cast<std::int64_t>(kExpShifter);
    const Vec scale = reinterpret_cast<Vec>((std::int64_t{1023} - k_bits) << 52);  // 2^-k
    return exp_series(r) * scale;
}

// chance_of_any (cohort_math.hpp), tier by tier, by the same steps.
[[gnu::always_inline]] inline Vec chance_of_any(Vec z) {
    const Vec small = z * (1.0 - z * (0.5 - z * (1.0 / 6.0)));
    if (all_below(z, 1e-3)) {
        return small;  // most compartments' monthly rates
    }
    return z < 1e-3 ? small : 1.0 - exp_negative(z);
}

}  // namespace vrsim::model::cohort
