#pragma once
// Programmes a partnership funds, as one abstraction: who is eligible, what
// refers them, places funded, consent, time in programme, effects as hazard
// ratios and their fading after exit. Each kind adds the few rules it really has
// (IOM's selection by score, triage's diversion at a first arrest, Channel's
// panel and reviews, support for domestic abuse victims acting on the abuser,
// prevention acting on the cohorts that enter at 10).
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "vrsim/model/offence_types.hpp"

namespace vrsim::model {

enum class ProgrammeKind : unsigned char {
    iom,                          // Integrated Offender Management
    gang_exit,                    // one-to-one support to leave a gang
    youth_triage,                 // diversion at a first arrest aged 10-17
    channel,                      // safeguarding people vulnerable to radicalisation
    domestic_abuse_victims,       // MARAC and IDVA support; acts on the abuser
    domestic_abuse_perpetrators,  // perpetrator programmes
    prevention,                   // early years and schools; acts on entering cohorts
};
inline constexpr std::size_t kProgrammeKindCount = 7;
inline constexpr std::array<std::string_view, kProgrammeKindCount> kProgrammeKindNames = {
    "iom",
    "gang_exit",
    "youth_triage",
    "channel",
    "domestic_abuse_victims",
    "domestic_abuse_perpetrators",
    "prevention"};

// What makes a referral happen. Event sources refer the person the event is
// about with the source's probability; monthly sources refer each eligible
// person (gang members for gang exit, people vulnerable to radicalisation for
// Channel, anyone in the age range otherwise) with that probability a month.
enum class ReferralEvent : unsigned char {
    arrest,                      // a recorded offence that is detected and sanctioned
    proven_offence,              // a caution or conviction
    release_from_custody,        //
    violent_victimisation,       // victim of violence against the person or robbery
    domestic_abuse_victim,       // victim of recorded domestic abuse
    domestic_abuse_perpetrator,  // arrested for domestic abuse
    monthly,
};
inline constexpr std::size_t kReferralEventCount = 7;
inline constexpr std::array<std::string_view, kReferralEventCount> kReferralEventNames = {
    "arrest",
    "proven_offence",
    "release_from_custody",
    "violent_victimisation",
    "domestic_abuse_victim",
    "domestic_abuse_perpetrator",
    "monthly"};

struct ReferralSource {
    std::string name;  // e.g. "police", "education"; names the referrals_<name> outcome
    ReferralEvent event = ReferralEvent::monthly;
    double probability = 0.0;  // per event, or per month for monthly sources
};

struct ProgrammeEffects {
    // On the participant's offending while in the programme (for domestic abuse
    // victims' support: on their abuser's). Fades after exit as
    // 1 - (1 - ratio) * exp(-months since exit / fade_months); 0 ends it at exit.
    PerOffenceType<double> offending_hazard_ratio{1, 1, 1, 1, 1, 1, 1, 1};
    double fade_months = 0.0;
    double gang_exit_hazard_ratio = 1.0;       // > 1 leaves the gang sooner
    double radicalisation_hazard_ratio = 1.0;  // on progression while vulnerable
    double detection_multiplier = 1.0;         // on the chance an offence is sanctioned
    double recall_multiplier = 1.0;            // on the chance a reoffence on licence recalls
    // Prevention: on each risk factor's prevalence and the gang joining
    // probability of the children it reached, when they enter at 10.
    double risk_factor_ratio = 1.0;
    double gang_join_ratio = 1.0;
};

struct ProgrammeParameters {
    std::string id;  // names its outcomes: programme.<id>.<measure>
    ProgrammeKind kind = ProgrammeKind::iom;
    double min_age_years = 10.0;  // eligible ages [min, max)
    double max_age_years = 100.0;
    std::vector<ReferralSource> referral_sources;
    double consent_probability = 1.0;
    double duration_mean_months = 12.0;  // exponential; Channel uses reviews instead
    int max_wait_months = 0;             // 0: no waiting list, a referral without a place is lost
    // Places and spend for each reported month (from the funding schedule); the
    // warm-up uses the first month's.
    std::vector<double> places_by_month;
    std::vector<double> spend_gbp_by_month;
    ProgrammeEffects effects;

    // IOM: proven offences in the window that make someone a prolific or
    // priority offender; the highest counts are selected first.
    int iom_score_window_months = 12;
    int iom_min_proven_offences = 3;
    // Youth triage: knife-enabled offences are also diverted (the extension to
    // young people starting to carry weapons).
    bool triage_includes_knife_offences = false;
    // Channel: a referral is discussed at panel with this probability, the panel
    // adopts a discussed case with this one (then the person may decline); a
    // case is reviewed every review_months, and at each review leaves with
    // exit_at_review_probability, with no further concern or to other services.
    double channel_panel_probability = 0.13;
    double channel_adoption_probability = 0.5;
    int channel_review_months = 6;
    double channel_exit_at_review_probability = 0.5;
    double channel_no_further_concern_share = 0.79;
    // Prevention: the ages at which it reaches children.
    double prevention_reach_age_min_years = 0.0;
    double prevention_reach_age_max_years = 10.0;
};

// The measures each programme reports every month, as programme.<id>.<measure>;
// referral counts by source follow as programme.<id>.referrals_<source>.
enum class ProgrammeMeasure : unsigned char {
    places,
    spend_gbp,
    referrals,
    declined,
    starts,
    caseload,
    waiting_list,
    completions,
    exits,  // left before completing: funding cut, died, no longer eligible
    // IOM: the MoJ measure on people starting IOM in a calendar quarter.
    cohort_reoffending_cohort,
    cohort_reoffenders,
    cohort_reoffending_rate,
    // Youth triage.
    diversions,
    first_time_entrants_avoided,  // expected: diversions that a formal route would prove
    // Channel.
    discussed_at_panel,
    adopted,
    exits_no_further_concern,
    exits_to_other_services,
    // Domestic abuse victims: referred again within 12 months of a referral.
    repeat_referrals,
    // Prevention: children reached who enter the model at 10.
    entrants_reached,
};
inline constexpr std::size_t kProgrammeMeasureCount = 20;
inline constexpr std::array<std::string_view, kProgrammeMeasureCount> kProgrammeMeasureNames = {
    "places",
    "spend_gbp",
    "referrals",
    "declined",
    "starts",
    "caseload",
    "waiting_list",
    "completions",
    "exits",
    "cohort_reoffending_cohort",
    "cohort_reoffenders",
    "cohort_reoffending_rate",
    "diversions",
    "first_time_entrants_avoided",
    "discussed_at_panel",
    "adopted",
    "exits_no_further_concern",
    "exits_to_other_services",
    "repeat_referrals",
    "entrants_reached"};

// The measures a kind reports (the generic ones and its own).
bool reports_measure(ProgrammeKind kind, ProgrammeMeasure measure);

}  // namespace vrsim::model
