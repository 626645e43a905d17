#pragma once
// Per-person state of the agent-based engine, one record per person with a few
// columns beside it, and the per-replicate bookkeeping around it. Months are simulation months (0 =
// first warm-up month) stored in 16 bits; kNever marks "not scheduled".
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "vrsim/model/abm.hpp"
#include "vrsim/model/proven_reoffending.hpp"
#include "vrsim/model/weighted_guide.hpp"

namespace vrsim::model {

using SimMonth = std::int16_t;
inline constexpr SimMonth kNever = std::numeric_limits<SimMonth>::max();
inline constexpr double kNoCandidate = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t kNobody = std::numeric_limits<std::uint32_t>::max();

enum PersonFlag : std::uint8_t {
    kFemale = 1U << 0,
    kEarlyAdversity = 1U << 1,
    kSchoolExclusion = 1U << 2,
    kSubstanceMisuse = 1U << 3,
    kPartnered = 1U << 4,
    kInCustodialRegister = 1U << 5,
    kTriaged = 1U << 6,  // diverted by youth triage once: a first arrest only
};

// The state the monthly steps read about one person, in one 64-byte cache line.
// People are visited in no useful order (touch buckets, victims, gang members),
// so a step that reads a dozen fields waits on one cache miss, not a dozen.
struct alignas(64) PersonRecord {
    double candidate_time = kNoCandidate;  // next candidate offence (months, continuous)
    // The part of personal_rate fixed at birth: base rate x propensity (latent,
    // a float, mean 1 across people) x the sex and risk-factor multipliers, in
    // that order, so personal_rate gives the same number as multiplying them out.
    double fixed_rate_per_month = 0.0;
    float candidate_envelope = 0.0F;  // rate envelope it was drawn under
    // Contagion: the month of the last exposure (exposure_month, kNever if none)
    // and the level just before it; the exposure lifts the level to at least 1 from the next
    // month on, and it fades after.
    float exposure_level = 0.0F;
    std::uint32_t effect_slot = kNobody;  // kNobody, or index into effect slots
    std::uint32_t partner = kNobody;      // kNobody until a partner is linked
    SimMonth birth_month = 0;
    SimMonth exit_month = kNever;      // death; the person is gone from this month
    SimMonth release_month = -kNever;  // in custody while month < release_month
    SimMonth licence_end_month = -kNever;
    SimMonth career_end_month = kNever;  // kNever until the first offence
    SimMonth next_touch_month = kNever;  // the bucket the person is waiting in
    SimMonth schedule_month = -kNever;   // month of the last schedule draw
    SimMonth exposure_month = kNever;
    SimMonth last_offence_month = -kNever;
    SimMonth last_victim_month = -kNever;
    std::uint16_t schedules_in_month = 0;
    std::uint16_t gang = 0;  // 0 = never in a gang, else gang index + 1 (see People::gang_months)
    std::uint16_t proven_offences = 0;
    std::uint16_t programme_membership = 0;  // bit p: in programme p or waiting
    std::uint8_t flags = 0;
    std::uint8_t area = 0;
    std::uint8_t birth_calendar_month = 0;  // 0 = January: picks the hazard table
};
static_assert(sizeof(PersonRecord) == 64, "one cache line per person");

// When a person is in their gang: from join_month until leave_month.
struct GangMonths {
    SimMonth join_month = kNever;
    SimMonth leave_month = kNever;
};

// People: one record each, and beside it columns for what only some steps read:
// the months of a gang membership (read only for the few with a gang, so they
// need not take room in the record), and for the yearly victim tables, which
// scan everyone in order, the victimisation risk and copies of the fields that
// never change after a person is added (birth, exit, area, sex), so the scan
// reads 10 bytes a person rather than a whole record.
struct People {
    std::vector<PersonRecord> record;
    std::vector<GangMonths> gang_months;  // meaningful where record[i].gang != 0
    std::vector<float> victimisation;     // latent victimisation risk, mean about 1
    std::vector<SimMonth> birth_month;    // = record[i].birth_month
    std::vector<SimMonth> exit_month;     // = record[i].exit_month
    std::vector<std::uint8_t> area;       // = record[i].area
    std::vector<std::uint8_t> female;     // = record[i].flags & kFemale, as 0 or 1

    std::size_t size() const { return record.size(); }
    void clear();
    void reserve(std::size_t people);
    // Appends a person with these fixed attributes and neutral state; returns its index.
    std::uint32_t add(SimMonth birth, SimMonth exit, std::uint8_t home_area, bool is_female);
    std::size_t bytes_per_person() const {
        return sizeof(PersonRecord) + sizeof(GangMonths) + sizeof(float) + 2 * sizeof(SimMonth) +
               2 * sizeof(std::uint8_t);
    }
    // Asks the cache for the record a touch reads (a hint: changes no state).
    void prefetch(std::uint32_t person) const { __builtin_prefetch(&record[person]); }
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

// What partner choice asks of a resident before reading their record: most
// candidates are ruled out by sex, age or death, read from here in the order of
// residents_by_area rather than from a record elsewhere in memory.
// The victim tables' yearly rebuild reads the same copies (and the
// victimisation risk) from here, in order, rather than from the columns.
struct ResidentTraits {
    float victimisation = 0.0F;  // = People::victimisation
    SimMonth birth_month = 0;
    SimMonth exit_month = kNever;
    std::uint8_t female = 0;
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
    // IOM selection's scratch, kept to reuse its memory: proven offences in the
    // window by person (zero between selections) and the people with any.
    std::vector<std::uint32_t> iom_proven_in_window;
    std::vector<std::pair<std::uint32_t, SimMonth>> iom_offenders_in_window;

    // Victim choice, rebuilt yearly: residents of each area in the order of their
    // index with the running total of their victimisation weights (a draw is a
    // search of those, found through the guide), and each area's total so a
    // victim from elsewhere can pick the area first. The residents are last
    // year's less those gone, and those added since (people_in_victim_tables on).
    std::uint32_t people_in_victim_tables = 0;
    std::vector<std::vector<std::uint32_t>> residents_by_area;
    std::vector<std::vector<ResidentTraits>> resident_traits_by_area;  // beside residents_by_area
    std::vector<std::vector<double>> cumulative_weight_by_area;
    std::vector<std::vector<WeightedGuideEntry>> victim_guide_by_area;  // weighted_guide.hpp
    std::vector<double> victim_weight_by_age_months;  // age band weight, by months of age
    std::vector<double> cumulative_weight_of_areas;
};

}  // namespace vrsim::model
