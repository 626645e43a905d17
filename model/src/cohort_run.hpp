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
    double qualifiers = 0.0;             // IOM: people with enough recent proven offences
    double qualifier_proven_rate = 0.0;  // their proven offences a month, summed
    PerOffenceType<double> qualifier_rates{};
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
};

// A group of participants who started in the same month.
struct ParticipantGroup {
    int start = 0;
    double people = 0.0;
    PerOffenceType<double> rates{};  // offending a month per person, by type
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
    double qualifier_rate = 0.0;
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

    // cohort_run.cpp
    void step(int month);
    void flush_group(int month, std::size_t age_index, bool in_gang,
                     const PerOffenceType<double>& weights, const GroupSums& group);
    void process_block(int month, int age, std::size_t type, std::vector<double>& next_mass,
                       std::vector<double>& next_priors);
    double sanction_custody_probability(OffenceType type, bool youth, double prior) const;
    // Share of a year of age that programme `programme` refers from by events
    // and monthly sources (gang exit: members only).
    double programme_share(std::size_t programme, std::size_t age_index, bool in_gang) const;
    double reoffending_probability(double proven_rate, bool desisted) const;
    void add_index_events(int month, double events, double reoffending);

    // cohort_programmes.cpp
    void prepare_programmes();
    void run_programmes(int month);
    void run_radicalisation(int month);
    void apply_programme_effects(int month);
    void finish_programmes();
    double places(std::size_t programme, int month) const;
    void count_programme(int month, std::size_t programme, ProgrammeMeasure measure, double value);

    bool reported(int month) const { return month >= warmup_months_; }
    double& outcome(int month, Outcome which) { return out_.at(month - warmup_months_, which); }
    int calendar_month(int month) const {
        return ((p_.simulation.start_month.index - warmup_months_ + month) % 12 + 12) % 12;
    }

    const Parameters& p_;
    CohortOptions options_;
    MonthlyOutcomes& out_;
    OutcomeLayout layout_;
    Layout cells_;
    int warmup_months_;
    int total_months_;
    std::vector<double> mass_;
    std::vector<double> priors_;  // proven offences on record, summed over the compartment
    std::vector<double> next_mass_;
    std::vector<double> next_priors_;

    // Derived once per run.
    std::vector<double> base_type_shares_;
    std::array<PerOffenceType<double>, 4> mixes_{};
    // Offending weight by type for [in gang][may abuse a partner][calendar month].
    std::array<std::array<std::array<PerOffenceType<double>, 12>, 2>, 2> type_weights_{};
    std::vector<double> age_curve_;          // by age index (years since 10)
    std::vector<double> death_probability_;  // a month, by age index
    std::vector<double> gang_join_hazard_;   // a month, for joiners not yet members
    double desistance_probability_ = 0.0;    // a month
    double gang_leave_probability_ = 0.0;
    double custody_release_probability_ = 0.0;         // from the mix of last month's sentences
    PerOffenceType<double> custody_months_by_type_{};  // mean months inside of a sentence
    PerOffenceType<double> licence_months_by_type_{};
    double sentences_this_month_ = 0.0;
    double custody_months_this_month_ = 0.0;
    double licence_months_this_month_ = 0.0;
    double licence_end_probability_ = 0.0;
    double recall_return_probability_ = 1.0;
    double entrants_per_month_ = 0.0;
    double residents_under_ten_ = 0.0;
    int partner_age_index_ = 6;  // first age index that may abuse a partner
    int youth_age_index_ = 8;    // first adult age index (18)

    // Programmes.
    std::vector<ProgrammeState> programmes_;
    std::vector<ProgrammeInputs> inputs_;
    std::vector<std::vector<double>> eligible_share_;  // [programme][age index]
    std::ptrdiff_t triage_programme_ = -1;
    std::vector<double> population_by_age_;  // this month, before ageing
    std::vector<double> gang_members_by_age_;
    PerOffenceType<double> recorded_this_month_{};
    double recorded_violence_by_members_ = 0.0;  // violence and robbery, for rival victims
    double da_offender_rate_sum_ = 0.0;
    PerOffenceType<double> da_offender_rates_{};  // DA offences x the abuser's rates
    // Radicalisation by age index: people who will become vulnerable, are, or were.
    std::vector<double> radicalisation_waiting_;
    std::vector<double> radicalisation_vulnerable_;
    double channel_participants_vulnerable_ = 0.0;

    // MoJ proven reoffending, by calendar quarter of the index event.
    std::vector<double> reoffending_offenders_;
    std::vector<double> reoffending_reoffenders_;
};

}  // namespace vrsim::model::cohort
