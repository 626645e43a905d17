#pragma once
// One replicate of the agent-based engine. Its methods are the steps of a month,
// implemented in one file per model part (population, offending, victims,
// justice, accounting).
#include <algorithm>
#include <array>
#include <cmath>

#include "abm_state.hpp"
#include "vrsim/model/random.hpp"

namespace vrsim::model {

// Draws per candidate offence: the n-th candidate of a person's month owns
// draws 8n to 8n+7 of the month's offence stream, always the same ones, so
// that the same candidate uses the same numbers for the same decision in every
// scenario. Each is made only when a decision asks for it (most candidates
// are never recorded, so never sanctioned), which gives the very numbers
// drawing all eight in order would.
class CandidateDraws {
  public:
    CandidateDraws(const Stream& offence_stream, std::uint32_t offence_number)
        : first_(offence_stream) {
        first_.discard(std::uint64_t{kDrawsPerCandidate} * offence_number);
    }
    double accept() const { return at(0); }
    double type() const { return at(1); }
    double record() const { return at(2); }
    double sanction() const { return at(3); }
    double disposal() const { return at(4); }
    double delay() const { return at(5); }
    double recall() const { return at(6); }
    double career() const { return at(7); }

  private:
    static constexpr std::uint32_t kDrawsPerCandidate = 8;
    double at(std::uint64_t draw) const {
        Stream stream = first_;
        stream.discard(draw);
        return stream.uniform();
    }
    Stream first_;
};

class ReplicateRun {
  public:
    ReplicateRun(const Parameters& parameters, ReplicateKey key, AbmState& state,
                 MonthlyOutcomes& out, bool count_people);
    void run();

  private:
    // population.cpp
    void create_initial_population();
    void add_entrants(int month);
    std::uint32_t create_person(int birth_month, int now, bool in_initial_population);
    void assign_gang_career(std::uint32_t person, int now, double join_ratio);
    void initialise_criminal_history(std::uint32_t person, int now);
    double age_years(std::uint32_t person, int month) const;
    // The Gompertz annual mortality hazard a * exp(b * age) at a whole number of
    // months of age, from a table where it holds one (the very same numbers).
    double mortality_hazard(int age_months) const;
    // personal_rate's factors fixed at birth (PersonRecord::fixed_rate_per_month).
    double fixed_rate(float propensity, std::uint8_t flags) const;

    // offending.cpp
    void process_touches(int month);
    void touch(std::uint32_t person, int month);
    // The offending rate without the age curve, season and contagion: propensity,
    // sex, risk factors, gang, desistance; zero before 10, in custody or gone.
    double personal_rate(std::uint32_t person, int month) const;
    double contagion_level(std::uint32_t person, int month) const;
    int mix_of(std::uint32_t person, int month) const;
    void build_hazard_tables();
    const double* hazard_table(std::uint32_t person, int month) const;
    // Draws the time of the next candidate offence from `from_time` on; `now` is
    // the month being simulated (it keys the random stream).
    void draw_candidate_time(std::uint32_t person, double from_time, int now);
    void set_next_touch(std::uint32_t person, int now);
    void schedule(std::uint32_t person, int from_month, int now);
    void consider_candidate(std::uint32_t person, int month, std::size_t season,
                            const Stream& draws, std::uint32_t offence_number);
    void commit_offence(std::uint32_t person, int month, OffenceType type,
                        const CandidateDraws& draws, std::uint32_t offence_number);

    // victims.cpp
    void rebuild_victim_tables(int month);
    std::uint32_t choose_victim(std::uint32_t offender, int month, OffenceType type,
                                std::uint32_t offence_number);
    std::uint32_t partner_of(std::uint32_t person, int month);
    void record_victim(std::uint32_t victim, int month);
    void expose(std::uint32_t person, int month);
    void expose_gang(std::uint32_t gang, std::uint32_t except, int month);

    // justice.cpp
    void sanction(std::uint32_t person, int month, OffenceType type, const CandidateDraws& draws,
                  std::uint32_t offence_number);
    void after_custody_change(std::uint32_t person, int month);  // register and reschedule
    void process_court(int month);
    void prove(std::uint32_t person, int offence_month, int month);
    void sentence_to_custody(std::uint32_t person, int month, OffenceType type);
    void count_custodial_register(int month);

    // programmes.cpp
    void prepare_programmes();
    // A per-reported-month schedule at a simulation month: the warm-up takes the
    // first month's value, months past its end the last.
    double schedule_value(const std::vector<double>& by_month, int month) const;
    double places(std::size_t programme, int month) const;
    void refer_on(ReferralEvent event, std::uint32_t person, int month);
    void run_programmes(int month);
    bool eligible(std::size_t programme, std::uint32_t person, int month) const;
    void assess_referral(std::size_t programme, const Referral& referral, int month);
    void start_participation(std::size_t programme, const Referral& referral, int month);
    void end_participation(std::size_t programme, const Participant& participant, int month);
    void select_iom(std::size_t programme, int month);
    void refer_monthly(std::size_t programme, int month);
    void channel_reviews(std::size_t programme, int month);
    // Youth triage at a sanction: true when the offence was diverted.
    bool divert_to_triage(std::uint32_t person, int month, OffenceType type,
                          const CandidateDraws& draws);
    // Prevention: how the programmes that reached an entrant change its risks.
    void prevention_reach(std::uint32_t person, int now, double& risk_ratio, double& gang_ratio);
    void count_programme(int month, std::size_t programme, ProgrammeMeasure measure,
                         double value = 1.0);
    void finish_programmes();
    RadicalisationCase* radicalisation_case(std::uint32_t person);

    // programme_effects.cpp
    void start_effect(std::size_t programme, std::uint32_t person, int month);
    void end_effect(std::size_t programme, std::uint32_t person, int month);
    // Hazard ratios on each offence type from programmes, now or fading; false
    // when the person has none.
    bool offending_ratios(std::uint32_t person, int month, PerOffenceType<double>& ratios) const {
        return s_.people.record[person].effect_slot != kNobody &&
               slot_offending_ratios(person, month, ratios);  // inline: most people have none
    }
    bool slot_offending_ratios(std::uint32_t person, int month,
                               PerOffenceType<double>& ratios) const;
    double detection_multiplier(std::uint32_t person, int month) const;
    // The product of a multiplier over the person's programmes in effect this month.
    double active_effect_product(std::uint32_t person, int month,
                                 double ProgrammeEffects::*multiplier) const;
    double recall_multiplier(std::uint32_t person, int month) const;
    // At least every offending ratio the person's effects can reach (1 when none
    // raises offending), so candidate schedules stay above the true rate.
    double effect_ceiling(std::uint32_t person) const {
        return any_raising_effect_ ? raised_effect_ceiling(person) : 1.0;  // inline: most runs
    }
    double raised_effect_ceiling(std::uint32_t person) const;
    void rescale_gang_exit(std::uint32_t person, double hazard_ratio, int month);

    // radicalisation.cpp
    void assign_radicalisation(std::uint32_t person, int now);
    void run_radicalisation(int month);
    void rescale_progression(RadicalisationCase& vulnerable, double hazard_ratio, int month);

    // The stream for a decision about a subject, keyed as Stream(seed, replicate,
    // decision, subject, month) with the decision's half of the key hashed once.
    Stream stream(Decision decision, std::uint64_t subject, std::int64_t month) const {
        return Stream::from_prefix(stream_prefixes_[static_cast<std::size_t>(decision)], subject,
                                   month);
    }

    // accounting
    double& outcome(int month, Outcome which);
    bool reported(int month) const { return month >= warmup_months_; }
    // Month of the year, 0 = January, of a simulation month (before year 0 too).
    int calendar_month(int month) const {
        return ((p_.simulation.start_month.index - warmup_months_ + month) % 12 + 12) % 12;
    }
    void finish();

    const Parameters& p_;
    ReplicateKey key_;
    AbmState& s_;
    MonthlyOutcomes& out_;
    bool count_people_;
    int warmup_months_;
    int total_months_;
    double entrants_per_month_ = 0.0;
    double entrant_carry_ = 0.0;
    int residents_under_ten_ = 0;
    std::vector<double> hazard_tables_;  // see build_hazard_tables
    // a * exp(b * months / 12) for months of age 0 .. the maximum age: every new
    // person's exit draw asked for an exp of one of these few ages.
    std::vector<double> mortality_hazard_by_age_months_;
    // exp(-k / decay_months) for k whole months since an exposure, computed as
    // contagion_level would, so a look-up gives the very same number.
    std::vector<double> contagion_fade_;
    // The same for each programme's effect fading after exit (fade_months).
    std::vector<std::vector<double>> effect_fade_;
    std::array<std::uint64_t, 32> stream_prefixes_{};  // Stream::prefix by Decision
    static_assert(static_cast<std::size_t>(Decision::calibration_proposal) < 32,
                  "stream_prefixes_ holds every decision (calibration_proposal is the last)");
    // join_risk_multiplier to the power 0 .. 3 (risk factors a person has).
    std::array<double, 4> gang_join_risk_power_{};
    int hazard_table_months_ = 0;
    // Offence mixes: index = in gang * 2 + can abuse a partner.
    std::array<PerOffenceType<double>, 4> mix_{};
    // mix x seasonality by type, for each mix and month of the year (0 = January).
    std::array<std::array<PerOffenceType<double>, 12>, 4> mix_season_weight_{};
    std::array<std::array<double, 12>, 4> mix_seasonal_total_{};
    std::array<std::array<double, 12>, 4> mix_seasonal_violence_{};
    double proven_share_of_offences_ = 0.0;  // for initial criminal histories
    double gang_members_at_start_ = 0.0;
    int gangs_ = 0;
    OutcomeLayout layout_;
    // Referral sources by the event that triggers them: (programme, source).
    std::array<std::vector<std::pair<std::size_t, std::size_t>>, kReferralEventCount>
        sources_by_event_;
    bool any_raising_effect_ = false;  // some programme's offending ratio exceeds 1
};

// The small per-person rules every step asks for, inline because they sit on
// the hot path of each candidate offence.
inline bool in_gang(const People& people, std::uint32_t person, int month) {
    return people.record[person].gang != 0 && people.gang_months[person].join_month <= month &&
           month < people.gang_months[person].leave_month;
}

inline double ReplicateRun::personal_rate(std::uint32_t person, int month) const {
    const PersonRecord& record = s_.people.record[person];
    if (month - record.birth_month < 120 || month < record.release_month ||
        month >= record.exit_month) {
        return 0.0;
    }
    double rate = record.fixed_rate_per_month;
    if (in_gang(s_.people, person, month))
        rate *= p_.risk.gang.offending_multiplier;
    if (record.career_end_month <= month)
        rate *= p_.offending.desisted_multiplier;
    return rate;
}

inline double ReplicateRun::contagion_level(std::uint32_t person, int month) const {
    const ContagionParameters& contagion = p_.contagion;
    const People& people = s_.people;
    int exposed = people.record[person].exposure_month;
    if (!contagion.enabled || exposed == kNever) {
        return 0.0;
    }
    double level = people.record[person].exposure_level;
    if (month > exposed) {
        level = std::max(level, 1.0);
    }
    const int since = month - exposed;
    const double fade = since >= 0 && since < static_cast<int>(contagion_fade_.size())
                            ? contagion_fade_[static_cast<std::size_t>(since)]
                            : std::exp(-since / contagion.decay_months);
    return contagion.strength * level * fade;
}

inline int ReplicateRun::mix_of(std::uint32_t person, int month) const {
    const People& people = s_.people;
    bool can_abuse_partner =
        (people.record[person].flags & kPartnered) != 0 &&
        month - people.record[person].birth_month >= p_.offending.domestic_abuse_min_age_years * 12;
    return (in_gang(people, person, month) ? 2 : 0) + (can_abuse_partner ? 1 : 0);
}

inline const double* ReplicateRun::hazard_table(std::uint32_t person, int month) const {
    const People& people = s_.people;
    int birth_class = people.record[person].birth_calendar_month;
    int table = birth_class * 4 + (in_gang(people, person, month) ? 2 : 0) +
                ((people.record[person].flags & kPartnered) != 0 ? 1 : 0);
    return &hazard_tables_[static_cast<std::size_t>(table * hazard_table_months_)];
}

inline double ReplicateRun::age_years(std::uint32_t person, int month) const {
    return (month - s_.people.record[person].birth_month) / 12.0;
}

inline double& ReplicateRun::outcome(int month, Outcome which) {
    return out_.at(month - warmup_months_, which);
}

}  // namespace vrsim::model
