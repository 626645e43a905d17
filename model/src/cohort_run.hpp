#pragma once
// One run of the cohort engine. Its methods are the steps of a month,
// implemented in one file per part: the starting population (cohort_start.cpp),
// offending and justice on each compartment (cohort_run.cpp), programmes and
// radicalisation in aggregate (cohort_programmes.cpp).
#include <array>
#include <vector>

#include "cohort_state.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/model/proven_reoffending.hpp"

namespace vrsim::model::cohort {

// What the compartments hand the programmes each month, per programme: events
// that refer people (expected counts, from people in the programme's ages) and
// the offending rate by type of the people they are about.
struct ProgrammeInputs {
    std::array<double, kReferralEventCount> events{};
    std::array<PerOffenceType<double>, kReferralEventCount> event_rates{};
    double qualifiers = 0.0;                   // IOM: people with enough recent proven offences
    double qualifier_proven_rate = 0.0;        // their proven offences a month, summed
    double qualifiers_free = 0.0;              // those of them not in custody
    double qualifier_custody_rate = 0.0;       // custodial sentences a month of the free, summed
    PerOffenceType<double> qualifier_rates{};  // offending of the free, summed
    // People reaching the threshold this month (a proven offence on top of a
    // count one short), and the same sums for them.
    double crossers = 0.0;
    double crossers_free = 0.0;
    double crossers_sentenced = 0.0;  // of the free, sent to custody with that offence
    double crosser_proven_rate = 0.0;
    double crosser_custody_rate = 0.0;
    PerOffenceType<double> crosser_rates{};
    // Youth triage.
    double triage_referrals = 0.0;
    double diversions = 0.0;
    double first_time_entrants_avoided = 0.0;
    PerOffenceType<double> diverted_rates{};  // diversions x the diverted's rates
};

// People referred in the same month waiting for a place.
struct WaitingGroup {
    int referred = 0;
    double people = 0.0;
    PerOffenceType<double> rates{};
    double free_share = 1.0;
    double custody_rate = 0.0;
    double proven_rate = 0.0;
};

// A group of participants who started in the same month.
// Participants offend at their rates while free and active: a group's share in
// custody follows its custodial sentences and releases, and careers end.
struct ParticipantGroup {
    int start = 0;
    double people = 0.0;
    PerOffenceType<double> rates{};  // offending a month per free, active person, by type
    double free_share = 1.0;
    double custody_rate = 0.0;  // custodial sentences a month of a free participant
    double active_share = 1.0;  // careers not yet ended
    double proven_rate = 0.0;   // IOM: proven offences a month before the start
};

struct ProgrammeState {
    std::vector<ParticipantGroup> caseload;
    std::vector<WaitingGroup> waiting;   // oldest first
    PerOffenceType<double> fading{};     // offences a month still prevented after exits
    double triage_capacity_share = 1.0;  // share of would-be diversions with a place
    // IOM: starts and their expected proven reoffenders, by simulation month.
    std::vector<double> starts_by_month;
    std::vector<double> reoffenders_by_month;
};

// Per unit of offending rate (base x tier x age curve x gang x desistance), what
// the people of one age class and gang state do in a month: offences by type and
// where their sanctions lead. The *_triage parts are those of lower-gravity
// sanctions, which youth triage may divert.
inline constexpr int kPriorSteps = 4;        // custody tables: steps per prior offence
inline constexpr int kCustodyGridWidth = 4;  // AgeUnits::custody_grid
struct ClassUnits {
    PerOffenceType<double> weights{};  // offences by type
    double offending = 0.0;
    double sanctions = 0.0;
    double out_of_court = 0.0;
    double cautions = 0.0;  // out-of-court disposals that prove the offence
    double charges = 0.0;
    double proven = 0.0;  // cautions and (eventual) convictions
    double convictions = 0.0;
    double triage_sanctions = 0.0;
    double triage_out_of_court = 0.0;
    double triage_cautions = 0.0;
    double triage_charges = 0.0;
    double triage_proven = 0.0;
    // By prior offences on the grid 0, 1/kPriorSteps, ..., cap: custodial
    // sentences, and custodial sentences x months inside and on licence.
    std::vector<double> custody;
    std::vector<double> custody_months;
    std::vector<double> licence_months;
};

// Age classes with their own justice rules: youth (under 18) or not, and old
// enough to abuse a partner (domestic abuse's minimum age) or not.
inline constexpr int kAgeClasses = 4;
constexpr int age_class(bool youth, bool partner_age) {
    return (youth ? 0 : 2) + (partner_age ? 1 : 0);
}

// An age compartment this month: its people's ages since 10 run over 12
// consecutive months a year it holds (a single year, or a band's years weighted
// as survivors; ageing moves people up once a year), so age-dependent rules
// apply by the share of those months they hold.
struct AgeMix {
    std::array<double, kAgeClasses> class_share{};
    double age_curve = 0.0;
    double death_probability = 0.0;       // a month (after the warm-up)
    double gang_join_hazard = 0.0;        // a month, joiners not yet members
    double radicalisation_onset = 0.0;    // a month, people whose episode is to come
    std::vector<double> programme_share;  // in each programme's ages
};

// What the people of one age compartment and gang group (in a gang or not)
// do per unit of offending rate in a month: the age classes' units weighted by
// the compartment's class shares. Every risk type of the age uses the same, so
// it is tabulated once a run by months since the last ageing, as AgeMix.
struct AgeUnits {
    PerOffenceType<double> weights{};
    double offending = 0.0;
    double sanctions = 0.0;
    double out_of_court = 0.0;
    double cautions = 0.0;
    double charges = 0.0;
    double proven = 0.0;
    double youth_proven_share = 0.0;  // of proven offences, those of youths
    double convictions = 0.0;
    double conviction_share = 0.0;  // of charges
    // Lower-gravity sanctions of youths in triage's ages, and their flows.
    double triage_sanctions = 0.0;
    double triage_out_of_court = 0.0;
    double triage_cautions = 0.0;
    double triage_charges = 0.0;
    double triage_proven = 0.0;
    double triage_proven_share = 0.0;  // of lower-gravity sanctions, proven
    double per_conviction = 0.0;       // 1 / convictions, where there are any
    // Custody by prior offences on the grid 0, 1/kPriorSteps, ..., cap, blended
    // like the rest (interpolation is linear in the table, so blending the
    // tables equals blending the interpolated values).
    std::vector<double> custody;
    std::vector<double> custody_months;
    std::vector<double> licence_months;
    // The three interleaved for the compartments, kCustodyGridWidth values a
    // grid point (custody, custody months, licence months, 0), and the last
    // point again; so a cell's interpolation reads two adjacent vectors
    // instead of six scattered values.
    std::vector<double> custody_grid;
    // The same with no prior offence: custodial sentences per conviction, and
    // months inside and on licence per sentence.
    double custody_per_conviction_clean = 0.0;
    double stay_months_clean = 0.0;
    double licence_months_clean = 0.0;
    double iom_share = 0.0;               // share in IOM's ages (the largest, if several)
    std::vector<double> programme_share;  // referral share of each programme
};

// Sums over a gang state's compartments in one age and risk type: people,
// people x offending rate (and x rate squared, for the rates of the people
// events are about), proven offences, IOM qualifiers.
struct GroupSums {
    double people = 0.0;
    double people_rate = 0.0;
    double people_rate_squared = 0.0;
    double proven = 0.0;
    double proven_rate = 0.0;
    double qualifiers = 0.0;
    double qualifier_proven = 0.0;
    double qualifiers_free = 0.0;
    double qualifier_custody = 0.0;
    double qualifier_rate = 0.0;
    double crossers = 0.0;
    double crossers_free = 0.0;
    double crossers_sentenced = 0.0;
    double crosser_proven = 0.0;
    double crosser_custody = 0.0;
    double crosser_rate = 0.0;
};

// What a compartment carries besides its people, summed over them: proven
// offences on record and cases waiting for court.
struct Carried {
    double people = 0.0;
    double priors = 0.0;
    double pending = 0.0;
    Carried share(double fraction) const {
        return {people * fraction, priors * fraction, pending * fraction};
    }
    void add(const Carried& other) {
        people += other.people;
        priors += other.priors;
        pending += other.pending;
    }
    void subtract(const Carried& other) {
        people -= other.people;
        priors -= other.priors;
        pending -= other.pending;
    }
    void move_share_to(Carried& other, double fraction) {
        const Carried moving = share(fraction);
        subtract(moving);
        other.add(moving);
    }
};

// An age's sums over its risk types, by in a gang or not, and the offence
// weights they split by.
struct AgeGroups {
    std::array<GroupSums, 2> sums{};
    std::array<PerOffenceType<double>, 2> weights{};
};

// A block's month-level counts, added to the outcomes once.
struct BlockCounts {
    double proven = 0.0;
    double out_of_court = 0.0;
    double convictions = 0.0;
    double custodial_sentences = 0.0;
    double first_time_youth = 0.0;
    double first_time_adult = 0.0;
    double active_offenders = 0.0;
    double custody = 0.0;
    double licence = 0.0;
};

// Compartments with fewer people are dropped rather than carried.
inline constexpr double kNegligiblePeople = 1e-9;

class CohortRun {
  public:
    CohortRun(const Parameters& parameters, const CohortOptions& options, MonthlyOutcomes& out);
    void run();

  private:
    // cohort_start.cpp
    void create_starting_population();
    void add_entrants(int month);
    double prevention_coverage(std::size_t programme, int month) const;
    void prepare_prevention();

    // cohort_tables.cpp: what depends on the month and age but not on the
    // compartment, tabulated once a run.
    void prepare_tables();
    ClassUnits class_units(int age_class, bool in_gang, std::size_t season) const;
    AgeMix age_mix(int age, int months_since_ageing) const;
    AgeUnits age_units(const AgeMix& mix, std::size_t season, bool in_gang) const;
    void prepare_age_units();  // after prepare_programmes (triage, IOM)

    // cohort_run.cpp
    void step(int month);
    void age_everyone();
    // cohort_compartments.cpp
    void process_group(int month, int age, int group, BlockCounts& counts, AgeGroups& groups);

    void flush_group(std::size_t age_index, bool in_gang, const PerOffenceType<double>& weights,
                     const GroupSums& group);
    double programme_share(std::size_t programme, std::size_t age_index, bool in_gang) const;
    double reoffending_probability(double proven_rate, bool desisted) const;
    void add_index_events(int month, double events, double reoffending);
    // cohort_programmes.cpp
    void prepare_programmes();
    void run_programmes(int month);
    void run_radicalisation(int month);
    void apply_programme_effects(int month);
    // Of a participant group's rates, the share offended now (free, career going).
    double participant_offending_share(const ParticipantGroup& group) const;
    void finish_programmes();
    double places(std::size_t programme, int month) const;
    void count_programme(int month, std::size_t programme, ProgrammeMeasure measure, double value);

    bool reported(int month) const { return month >= warmup_months_; }
    double& outcome(int month, Outcome which) { return out_.at(month - warmup_months_, which); }
    int calendar_month(int month) const {
        return ((p_.simulation.start_month.index - warmup_months_ + month) % 12 + 12) % 12;
    }

    const Parameters& p_;
    MonthlyOutcomes& out_;
    OutcomeLayout layout_;
    Layout cells_;
    int warmup_months_;
    int total_months_;
    std::vector<double> mass_;
    std::vector<double> priors_;     // proven offences on record, summed over the compartment
    std::vector<double> pending_;    // cases charged and not yet at court, likewise
    double court_same_month_ = 1.0;  // share of charges at court in the month charged
    double court_hazard_ = 1.0;      // a month, for cases waiting

    // Derived once per run.
    std::vector<double> base_type_shares_;
    std::vector<std::size_t> prevention_programmes_;
    // Entrants' type shares by the set of prevention programmes reaching them
    // (bit i: prevention_programmes_[i]).
    std::vector<std::vector<double>> prevention_subset_shares_;
    std::array<PerOffenceType<double>, 4> mixes_{};
    std::vector<double> age_curve_by_year_;  // by years since 10
    std::vector<double> death_by_year_;      // a month
    std::vector<double> year_weight_;        // share of its age band's people, by year
    std::vector<double> band_oldest_share_;  // by age compartment: moving up at ageing
    double desistance_probability_ = 0.0;    // a month
    double gang_leave_probability_ = 0.0;
    PerOffenceType<double> custody_months_by_type_{};  // mean months inside of a sentence
    PerOffenceType<double> licence_months_by_type_{};
    double recall_return_probability_ = 1.0;
    double entrants_per_month_ = 0.0;
    double residents_under_ten_ = 0.0;
    int partner_age_years_ = 16;     // domestic abuse's minimum age
    double follow_up_active_ = 0.0;  // months of proven-offending rate in 12 months' follow-up
    double follow_up_desisted_ = 12.0;

    // Tables by calendar month [season][age class][in gang], and by months since
    // the last ageing [0-11][age compartment].
    std::array<std::array<std::array<ClassUnits, 2>, kAgeClasses>, 12> units_{};
    std::array<std::vector<AgeMix>, 12> ages_{};
    // [0-11][age compartment x 2 + in gang]
    std::array<std::vector<AgeUnits>, 12> age_units_{};

    // This month.
    const std::vector<AgeMix>* current_ages_ = nullptr;
    const std::vector<AgeUnits>* current_units_ = nullptr;
    std::ptrdiff_t index_quarter_ = -1;         // of reoffending cohorts, or none
    double custody_release_probability_ = 0.0;  // from the mix of last month's sentences
    double licence_end_probability_ = 0.0;
    double sentences_this_month_ = 0.0;
    double custody_months_this_month_ = 0.0;
    double licence_months_this_month_ = 0.0;

    // Programmes.
    std::vector<ProgrammeState> programmes_;
    std::vector<ProgrammeInputs> inputs_;
    std::ptrdiff_t triage_programme_ = -1;
    std::vector<double> population_by_age_;  // this month
    std::vector<double> gang_members_by_age_;
    PerOffenceType<double> recorded_this_month_{};
    PerOffenceType<double> committed_this_month_{};
    double recorded_violence_by_members_ = 0.0;  // violence against the person, for rival victims
    double da_offender_rate_sum_ = 0.0;
    PerOffenceType<double> da_offender_rates_{};  // DA offences x the abuser's rates
    // Radicalisation by age compartment: people whose episode is to come, and
    // people vulnerable now.
    std::vector<double> radicalisation_waiting_;
    std::vector<double> radicalisation_vulnerable_;

    // MoJ proven reoffending, by calendar quarter of the index event.
    std::vector<double> reoffending_offenders_;
    std::vector<double> reoffending_reoffenders_;
};

}  // namespace vrsim::model::cohort
