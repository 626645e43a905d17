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
inline constexpr double kNoCandidate = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t kNobody = std::numeric_limits<std::uint32_t>::max();
// Residents per block of the victim tables' coarse index (64 running totals: one
// 512-byte block to search after the coarse table).
inline constexpr std::size_t kVictimBlock = 64;

enum PersonFlag : std::uint8_t {
    kFemale = 1U << 0,
    kEarlyAdversity = 1U << 1,
    kSchoolExclusion = 1U << 2,
    kSubstanceMisuse = 1U << 3,
    kPartnered = 1U << 4,
    kInCustodialRegister = 1U << 5,
    kTriaged = 1U << 6,  // diverted by youth triage once: a first arrest only
};

struct People {
    std::vector<SimMonth> birth_month;
    std::vector<SimMonth> exit_month;  // death; the person is gone from this month
    std::vector<std::uint8_t> flags;
    std::vector<std::uint8_t> area;
    std::vector<float> propensity;     // latent, mean 1 across people
    std::vector<float> victimisation;  // latent victimisation risk, mean about 1
    std::vector<std::uint16_t> gang;   // 0 = never in a gang, else gang index + 1
    std::vector<SimMonth> gang_join_month;
    std::vector<SimMonth> gang_leave_month;
    std::vector<std::uint32_t> partner;  // kNobody until a partner is linked
    std::vector<std::uint16_t> proven_offences;
    std::vector<SimMonth> last_offence_month;
    std::vector<SimMonth> last_victim_month;
    std::vector<SimMonth> career_end_month;  // kNever until the first offence
    std::vector<SimMonth> release_month;     // in custody while month < release_month
    std::vector<SimMonth> licence_end_month;
    // Contagion: the month of the last exposure (kNever if none) and the level
    // just before it; the exposure lifts the level to at least 1 from the next
    // month on, and it fades after.
    std::vector<SimMonth> exposure_month;
    std::vector<float> exposure_level;
    std::vector<double> candidate_time;      // next candidate offence (months, continuous)
    std::vector<float> candidate_envelope;   // rate envelope it was drawn under
    std::vector<SimMonth> next_touch_month;  // the bucket the person is waiting in
    std::vector<SimMonth> schedule_month;    // month of the last schedule draw
    std::vector<std::uint16_t> schedules_in_month;
    std::vector<std::uint16_t> programme_membership;  // bit p: in programme p or waiting
    std::vector<std::uint32_t> effect_slot;           // kNobody, or index into effect slots

    std::size_t size() const { return birth_month.size(); }
    void clear();
    void reserve(std::size_t people);
    std::uint32_t add();  // appends a person with neutral state; returns its index
    std::size_t bytes_per_person() const;
    // Asks the cache for the columns a touch reads (a hint: changes no state).
    void prefetch_for_touch(std::uint32_t person) const {
        __builtin_prefetch(&next_touch_month[person]);
        __builtin_prefetch(&exit_month[person]);
        __builtin_prefetch(&birth_month[person]);
        __builtin_prefetch(&release_month[person]);
        __builtin_prefetch(&career_end_month[person]);
        __builtin_prefetch(&candidate_time[person]);
        __builtin_prefetch(&candidate_envelope[person]);
        __builtin_prefetch(&schedule_month[person]);
        __builtin_prefetch(&schedules_in_month[person]);
        __builtin_prefetch(&gang[person]);
        __builtin_prefetch(&flags[person]);
        __builtin_prefetch(&propensity[person]);
        __builtin_prefetch(&exposure_month[person]);
        __builtin_prefetch(&effect_slot[person]);
    }

  private:
    // Calls visit(column, ...) with every column, for the whole-table operations.
    template <typename Self, typename Visit>
    static auto with_columns(Self& self, Visit visit) {
        return visit(self.birth_month, self.exit_month, self.flags, self.area, self.propensity,
                     self.victimisation, self.gang, self.gang_join_month, self.gang_leave_month,
                     self.partner, self.proven_offences, self.last_offence_month,
                     self.last_victim_month, self.career_end_month, self.release_month,
                     self.licence_end_month, self.exposure_month, self.exposure_level,
                     self.candidate_time, self.candidate_envelope, self.next_touch_month,
                     self.schedule_month, self.schedules_in_month, self.programme_membership,
                     self.effect_slot);
    }
};

// A charge waiting for court.
struct PendingCase {
    std::uint32_t person = 0;
    SimMonth offence_month = 0;
    std::uint16_t offence_number = 0;  // the offender's n-th candidate that month
    OffenceType type = OffenceType::other;
};

// Programmes: participants, the waiting list and this month's referrals.
struct Participant {
    std::uint32_t person = 0;
    std::uint32_t target = 0;  // who the offending effect acts on (the abuser for victim support)
    SimMonth start = 0;
    SimMonth planned_end = kNever;
    SimMonth next_review = kNever;  // Channel
};

struct Referral {
    std::uint32_t person = 0;
    std::uint16_t source = 0;
    SimMonth month = 0;
};

struct ProgrammeRun {
    std::vector<Participant> caseload;
    std::vector<Referral> waiting;   // in referral order
    std::vector<Referral> referred;  // by events this month, not yet assessed
    std::vector<IndexEvent> starts;  // IOM's reoffending cohorts
    std::vector<std::pair<std::uint32_t, SimMonth>> last_referrals;  // repeat referrals
};

// Programme effects on a person: when each began and ended (kNever while in it).
struct EffectEntry {
    std::uint8_t programme = 0;
    SimMonth start = 0;
    SimMonth end = kNever;
};
struct EffectSlot {
    std::array<EffectEntry, 4> entries{};
    std::uint8_t count = 0;
};

struct RadicalisationCase {
    std::uint32_t person = 0;
    SimMonth onset = 0;
    SimMonth end = 0;          // vulnerability ends without progression
    SimMonth progression = 0;  // progresses to radicalisation, if before end
    bool handed_on = false;    // left Channel to other services: not referred again
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
    std::vector<ProgrammeRun> programmes;
    std::vector<EffectSlot> effect_slots;
    std::vector<RadicalisationCase> radicalisation_cases;

    // Victim choice, rebuilt yearly: residents of each area with the running total
    // of their victimisation weights (a draw is a binary search), and each area's
    // total so a victim from elsewhere can pick the area first.
    std::vector<std::vector<std::uint32_t>> residents_by_area;
    std::size_t people_in_victim_tables = 0;  // people 0 .. this - 1 have been listed
    std::vector<std::vector<double>> cumulative_weight_by_area;
    std::vector<std::vector<double>> coarse_weight_by_area;  // every kVictimBlock-th of those
    std::vector<double> victim_weight_by_age_months;         // age band weight, by months of age
    std::vector<double> cumulative_weight_of_areas;
};

}  // namespace vrsim::model
