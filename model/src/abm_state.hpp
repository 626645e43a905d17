#pragma once
// Per-person state of the agent-based engine, as structure of arrays, and the
// per-replicate bookkeeping around it. Months are simulation months (0 = first
// warm-up month) stored in 16 bits; kNever marks "not scheduled".
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "vrsim/model/abm.hpp"
#include "vrsim/model/proven_reoffending.hpp"

namespace vrsim::model {

using SimMonth = std::int16_t;
inline constexpr SimMonth kNever = std::numeric_limits<SimMonth>::max();
inline constexpr float kNoCandidate = std::numeric_limits<float>::infinity();
inline constexpr std::uint32_t kNobody = std::numeric_limits<std::uint32_t>::max();

enum PersonFlag : std::uint8_t {
    kFemale = 1U << 0,
    kEarlyAdversity = 1U << 1,
    kSchoolExclusion = 1U << 2,
    kSubstanceMisuse = 1U << 3,
    kPartnered = 1U << 4,
    kInCustodialRegister = 1U << 5,
};

// One record per person: the engine touches people one at a time, at random
// (their own events, or as someone's victim), so keeping a person's state
// together costs one cache line a touch where a column per field costs a dozen.
struct Person {
    float propensity = 0.0F;              // latent, mean 1 across people
    float victimisation = 0.0F;           // latent victimisation risk, mean about 1
    float candidate_time = kNoCandidate;  // next candidate offence (months, continuous)
    float candidate_envelope = 0.0F;      // rate envelope it was drawn under
    // Contagion: the month of the last exposure (kNever if none) and the level
    // just before it; the exposure lifts the level to at least 1 from the next
    // month on, and it fades after.
    float exposure_level = 0.0F;
    std::uint32_t partner = kNobody;  // kNobody until a partner is linked
    SimMonth birth_month = 0;
    SimMonth exit_month = kNever;      // death; the person is gone from this month
    SimMonth release_month = -kNever;  // in custody while month < release_month
    SimMonth licence_end_month = -kNever;
    SimMonth career_end_month = kNever;  // kNever until the first offence
    SimMonth gang_join_month = kNever;
    SimMonth gang_leave_month = kNever;
    SimMonth exposure_month = kNever;
    SimMonth last_offence_month = -kNever;
    SimMonth last_victim_month = -kNever;
    SimMonth next_touch_month = kNever;  // the bucket the person is waiting in
    SimMonth schedule_month = -kNever;   // month of the last schedule draw
    std::uint16_t gang = 0;              // 0 = never in a gang, else gang index + 1
    std::uint16_t proven_offences = 0;
    std::uint8_t flags = 0;
    std::uint8_t area = 0;
    std::uint8_t schedules_in_month = 0;
};

class People {
  public:
    Person& operator[](std::uint32_t person) { return people_[person]; }
    const Person& operator[](std::uint32_t person) const { return people_[person]; }
    std::size_t size() const { return people_.size(); }
    void clear() { people_.clear(); }
    void reserve(std::size_t people) { people_.reserve(people); }
    // Appends a person with neutral state; returns its index.
    std::uint32_t add() {
        people_.emplace_back();
        return static_cast<std::uint32_t>(people_.size() - 1);
    }
    static constexpr std::size_t bytes_per_person() { return sizeof(Person); }

  private:
    std::vector<Person> people_;
};

// A charge waiting for court.
struct PendingCase {
    std::uint32_t person = 0;
    SimMonth offence_month = 0;
    OffenceType type = OffenceType::other;
};

struct AbmState {
    People people;
    std::vector<std::vector<std::uint32_t>> touches_by_month;
    std::vector<std::vector<PendingCase>> cases_by_month;
    std::vector<std::vector<std::uint32_t>> gang_members;  // by gang, lazily pruned
    std::vector<std::uint32_t> custodial_register;         // in custody or on licence
    std::vector<std::int32_t> gang_joins_by_month;
    std::vector<std::int32_t> gang_leaves_by_month;
    std::vector<std::int32_t> exits_by_month;
    std::vector<std::int32_t> last_offences_by_month;  // people whose last offence was then
    std::vector<IndexEvent> index_events;
    std::vector<ProvenOffence> proven_offences;
    PersonCounts counts_by_person;  // indexed by person, only when asked for

    // Victim choice, rebuilt yearly: residents of each area with the running total
    // of their victimisation weights (a draw is a binary search), and each area's
    // total so a victim from elsewhere can pick the area first.
    std::vector<std::vector<std::uint32_t>> residents_by_area;
    std::vector<std::vector<double>> cumulative_weight_by_area;
    std::vector<double> cumulative_weight_of_areas;
};

}  // namespace vrsim::model
