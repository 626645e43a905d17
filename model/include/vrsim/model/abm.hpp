#pragma once
// The agent-based engine: simulates one replicate of a place month by month.
#include <cstdint>
#include <memory>
#include <vector>

#include "vrsim/model/outcomes.hpp"
#include "vrsim/model/parameters.hpp"

namespace vrsim::model {

// What makes one replicate's random numbers: every random decision about a person
// in a month is drawn from a stream keyed by (seed, replicate, decision, person,
// month), so results never depend on threads and scenarios share randomness.
struct ReplicateKey {
    std::uint64_t seed = 0;
    std::uint32_t replicate = 0;
};

// Counts over the reported months for face-validity checks: per person, for
// concentration (a small share of offenders commits most offences, a few
// victims suffer most crime), each list holding the non-zero counts only in no
// meaningful order; and by age in years, for the age-crime curve.
struct PersonCounts {
    std::vector<std::uint32_t> offences;                // offences committed, per offender
    std::vector<std::uint32_t> proven_offences;         // per person with a proven offence
    std::vector<std::uint32_t> victimisations;          // recorded, per victim
    std::vector<std::uint32_t> offences_by_age;         // index: offender's age at the offence
    std::vector<std::uint32_t> proven_offences_by_age;  // index: age when proven
};

class AbmState;

// Reusable engine: keeps its buffers between replicates, so running many
// replicates on one thread allocates only on the first. Not thread-safe: use one
// per thread.
class AbmEngine {
  public:
    AbmEngine();
    ~AbmEngine();
    AbmEngine(AbmEngine&&) noexcept;
    AbmEngine& operator=(AbmEngine&&) noexcept;

    // Runs warm-up and horizon; fills `out` with horizon_months rows.
    void run(const Parameters& parameters, ReplicateKey key, MonthlyOutcomes& out,
             PersonCounts* person_counts = nullptr);

    // Bytes of per-person state held by the last run, divided by residents.
    double bytes_per_resident() const;

  private:
    std::unique_ptr<AbmState> state_;
};

}  // namespace vrsim::model
