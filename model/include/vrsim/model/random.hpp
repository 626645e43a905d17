#pragma once
// Counter-based random streams: a stream is a pure function of its key, so any
// person's draws can be made in any order on any thread. Boost.Random's
// distributions turn the bits into numbers identically on every platform.
#include <cstddef>
#include <cstdint>
#include <limits>

namespace vrsim::model {

// Decisions that draw random numbers. Each has its own streams, so a change in
// how often one decision draws never shifts another's numbers.
enum class Decision : std::uint32_t {
    parameter_draw = 1,
    population,
    propensity,
    risk_factors,
    gang,
    offending_schedule,
    offence,
    victim,
    justice,
    sentence,
    demography,
    programme_referral,
    programme_consent,
    programme_duration,
    programme_reach,
    radicalisation,
    calibration_proposal,  // ABC-SMC proposals (calibration/)
    posterior_draw,        // which posterior particle a replicate runs with (calibration/)
};

inline constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// A UniformRandomBitGenerator over the SplitMix64 sequence from a hashed key.
class Stream {
  public:
    using result_type = std::uint64_t;
    Stream(std::uint64_t seed, std::uint32_t replicate, Decision decision, std::uint64_t subject,
           std::int64_t month)
        : state_(key(prefix(seed, replicate, decision), subject, month)) {}

    // The first half of the key, which depends on (seed, replicate, decision)
    // only: code that makes many streams for one decision hashes it once and
    // makes each with from_prefix, the very same stream as the constructor's.
    static constexpr std::uint64_t prefix(std::uint64_t seed, std::uint32_t replicate,
                                          Decision decision) {
        std::uint64_t h = mix64(seed + 0x9e3779b97f4a7c15ULL);
        return mix64(h ^ (static_cast<std::uint64_t>(replicate) << 32 ^
                          static_cast<std::uint64_t>(decision)));
    }
    static Stream from_prefix(std::uint64_t prefix, std::uint64_t subject, std::int64_t month) {
        return Stream(key(prefix, subject, month));
    }

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
    result_type operator()() {
        state_ += kIncrement;
        return mix64(state_);
    }
    // Skips `count` draws in O(1): the stream's n-th draw depends on n only, so
    // code can read any one of a block of draws without making the others.
    void discard(std::uint64_t count) { state_ += count * kIncrement; }
    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
    // Uniform on 0 .. count-1 (count > 0).
    std::size_t below(std::size_t count) {
        return static_cast<std::size_t>(uniform() * static_cast<double>(count));
    }

  private:
    static constexpr std::uint64_t kIncrement = 0x9e3779b97f4a7c15ULL;
    explicit Stream(std::uint64_t state) : state_(state) {}
    static constexpr std::uint64_t key(std::uint64_t prefix, std::uint64_t subject,
                                       std::int64_t month) {
        std::uint64_t h = mix64(prefix ^ subject);
        h = mix64(h ^ static_cast<std::uint64_t>(month));
        return h;
    }
    std::uint64_t state_;
};

}  // namespace vrsim::model
