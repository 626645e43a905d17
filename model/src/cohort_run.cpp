// The cohort engine's month: offending and justice on each compartment as
// expected flows, then careers ending, gangs, deaths and ageing. Within a month
// a person's offences, sanctions and proven offences are Poisson with the
// compartment's rates, so the chance of moving (e.g. of a first proven
// offence) is 1 - exp(-rate).
#include "vrsim/model/cohort.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "cohort_run.hpp"

namespace vrsim::model {

namespace cohort {

namespace {

bool lower_gravity(std::size_t type, bool include_knife) {
    const auto offence = static_cast<OffenceType>(type);
    return offence == OffenceType::violence_without_injury || offence == OffenceType::acquisitive ||
           offence == OffenceType::other ||
           (include_knife && offence == OffenceType::knife_enabled);
}

// Mean months in custody and on licence of a custodial sentence with lognormal
// length (mean `mean_months`, log-sd `sigma`), rounded to whole months, released
// at `release_fraction` (as justice.cpp), by the midpoints of 400 quantiles.
std::pair<double, double> custody_and_licence_months(double mean_months, double sigma,
                                                     double release_fraction) {
    constexpr int kQuantiles = 400;
    const boost::math::normal standard;
    double custody = 0.0;
    double licence = 0.0;
    for (int i = 0; i < kQuantiles; ++i) {
        const double z = boost::math::quantile(standard, (i + 0.5) / kQuantiles);
        const double length = std::exp(std::log(mean_months) - sigma * sigma / 2.0 + sigma * z);
        const double sentence = std::round(std::clamp(length, 1.0, 1200.0));
        const double inside = std::max(1.0, std::ceil(sentence * release_fraction));
        custody += inside;
        licence += std::max(0.0, sentence - inside);
    }
    return {custody / kQuantiles, licence / kQuantiles};
}

}  // namespace

CohortRun::CohortRun(const Parameters& parameters, const CohortOptions& options,
                     MonthlyOutcomes& out)
    : p_(parameters),
      options_(options),
      out_(out),
      layout_(parameters),
      cells_(make_layout(parameters, options.risk_tiers)),
      warmup_months_(parameters.simulation.warmup_months),
      total_months_(parameters.simulation.warmup_months + parameters.simulation.horizon_months) {
    const OffendingParameters& offending = p_.offending;
    base_type_shares_ = type_shares(p_, cells_, 1.0, 1.0);
    mixes_ = offence_mixes(p_);
    const double partnered = p_.victims.partnered_share;
    for (std::size_t gang = 0; gang < 2; ++gang) {
        for (std::size_t partner = 0; partner < 2; ++partner) {
            for (std::size_t month = 0; month < 12; ++month) {
                for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
                    const double unpartnered_share = mixes_[gang * 2][type];
                    const double share = partner == 1 ? partnered * mixes_[gang * 2 + 1][type] +
                                                            (1.0 - partnered) * unpartnered_share
                                                      : unpartnered_share;
                    type_weights_[gang][partner][month][type] =
                        share * offending.seasonality[type][month];
                }
            }
        }
    }
    const auto ages = static_cast<std::size_t>(cells_.ages);
    age_curve_.resize(ages);
    death_probability_.resize(ages);
    gang_join_hazard_.resize(ages);
    const GangParameters& gang = p_.risk.gang;
    const int join_first = static_cast<int>(gang.join_age_min_years * 12.0);
    const int join_last =
        std::max(join_first + 1, static_cast<int>(gang.join_age_max_years * 12.0));
    const double join_span = join_last - join_first;
    for (std::size_t age = 0; age < ages; ++age) {
        age_curve_[age] = offending.age_curve[std::min(age, offending.age_curve.size() - 1)];
        const double years = static_cast<double>(age) + kAgeOfCriminalResponsibility + 0.5;
        const double a = p_.demography.mortality_gompertz_a;
        const double b = p_.demography.mortality_gompertz_b;
        const double annual_hazard = a * std::exp(b * years);
        death_probability_[age] = 1.0 - std::exp(-annual_hazard / 12.0);
        // Joiners not yet in a gang, spread evenly over the year of age.
        double joining = 0.0;
        double waiting = 0.0;
        const int first_month = (static_cast<int>(age) + kAgeOfCriminalResponsibility) * 12;
        for (int months = first_month; months < first_month + 12; ++months) {
            waiting += std::clamp((join_last - std::max(months, join_first)) / join_span, 0.0, 1.0);
            joining += months + 1 >= join_first && months + 1 < join_last ? 1.0 / join_span : 0.0;
        }
        gang_join_hazard_[age] =
            first_month + 12 >= join_last ? 1.0 : (waiting > 0.0 ? joining / waiting : 0.0);
    }
    desistance_probability_ = 1.0 - std::exp(-1.0 / offending.career_mean_months);
    gang_leave_probability_ = 1.0 - std::exp(-1.0 / gang.membership_mean_months);

    const JusticeParameters& justice = p_.justice;
    double entries = 0.0;
    double custody_months = 0.0;
    double licence_months = 0.0;
    for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
        const double weight = mixes_[0][type] * justice.recording_probability[type] *
                              justice.sanction_probability[type] *
                              justice.custody_probability[type];
        const auto [inside, licence] =
            custody_and_licence_months(justice.sentence_mean_months[type],
                                       justice.sentence_lognormal_sigma, justice.release_fraction);
        entries += weight;
        custody_months += weight * inside;
        licence_months += weight * licence;
        custody_months_by_type_[type] = inside;
        licence_months_by_type_[type] = licence;
    }
    custody_release_probability_ = entries > 0.0 ? std::min(1.0, entries / custody_months) : 1.0;
    licence_end_probability_ =
        entries > 0.0 ? std::min(1.0, entries / std::max(licence_months, entries)) : 1.0;
    recall_return_probability_ = 1.0 / std::max(1, justice.recall_months);
    partner_age_index_ =
        std::max(0, offending.domestic_abuse_min_age_years - kAgeOfCriminalResponsibility);
    youth_age_index_ = 18 - kAgeOfCriminalResponsibility;

    mass_.assign(cells_.cells(), 0.0);
    priors_.assign(cells_.cells(), 0.0);
    next_mass_.assign(cells_.cells(), 0.0);
    next_priors_.assign(cells_.cells(), 0.0);
    prepare_programmes();
}

double CohortRun::sanction_custody_probability(OffenceType type, bool youth, double prior) const {
    const JusticeParameters& justice = p_.justice;
    double custody = justice.custody_probability[index_of(type)];
    if (youth) {
        custody *= justice.youth_custody_multiplier;
    }
    custody = std::min(custody, 1.0 - 1e-12);
    const double odds = custody / (1.0 - custody) *
                        std::pow(justice.custody_odds_per_prior_offence,
                                 std::min(prior, static_cast<double>(justice.prior_offences_cap)));
    return odds / (1.0 + odds);
}

double CohortRun::programme_share(std::size_t programme, std::size_t age_index,
                                  bool in_gang) const {
    switch (p_.programmes[programme].kind) {
        case ProgrammeKind::gang_exit:
            return in_gang ? eligible_share_[programme][age_index] : 0.0;
        case ProgrammeKind::channel:
        case ProgrammeKind::youth_triage:
        case ProgrammeKind::prevention:
            return 0.0;  // referred from radicalisation, at arrest, or not at all
        default:
            return eligible_share_[programme][age_index];
    }
}

double CohortRun::reoffending_probability(double proven_rate, bool desisted) const {
    // Expected proven offences in the 12 months after the index event, careers
    // ending meanwhile; the chance of at least one.
    double expected = 0.0;
    const double q = desistance_probability_;
    const double after_desisting = p_.offending.desisted_multiplier;
    double still_active = 1.0;
    for (int month = 1; month <= kFollowUpMonths; ++month) {
        still_active *= desisted ? 0.0 : 1.0 - q;
        expected += desisted
                        ? proven_rate
                        : proven_rate * (still_active + (1.0 - still_active) * after_desisting);
    }
    return 1.0 - std::exp(-expected);
}

void CohortRun::add_index_events(int month, double events, double reoffending) {
    const int first_quarter_month = (3 - calendar_month(0) % 3) % 3;
    if (month < first_quarter_month || events <= 0.0) {
        return;
    }
    const auto quarter = static_cast<std::size_t>((month - first_quarter_month) / 3);
    if (quarter < reoffending_offenders_.size()) {
        reoffending_offenders_[quarter] += events;
        reoffending_reoffenders_[quarter] += events * reoffending;
    }
}

void CohortRun::run() {
    out_.reset(p_.simulation.horizon_months, layout_.size());
    create_starting_population();
    const int quarters = total_months_ / 3 + 2;
    reoffending_offenders_.assign(static_cast<std::size_t>(quarters), 0.0);
    reoffending_reoffenders_.assign(static_cast<std::size_t>(quarters), 0.0);
    for (int month = 0; month < total_months_; ++month) {
        step(month);
    }
    finish_programmes();
    // MoJ proven reoffending: calendar-quarter cohorts with 12 months' follow-up
    // and 6 months for the offence to be proven, as the agent-based engine.
    for (int month = 0; month < p_.simulation.horizon_months; ++month) {
        out_.at(month, Outcome::proven_reoffending_cohort) = std::nan("");
        out_.at(month, Outcome::proven_reoffenders) = std::nan("");
        out_.at(month, Outcome::proven_reoffending_rate) = std::nan("");
        out_.at(month, Outcome::victims) = std::nan("");
        out_.at(month, Outcome::repeat_victims) = std::nan("");
    }
    const int first_quarter_month = (3 - calendar_month(0) % 3) % 3;
    for (int start = first_quarter_month;
         start + 2 + kFollowUpMonths + kWaitingMonths <= total_months_ - 1; start += 3) {
        if (!reported(start)) {
            continue;
        }
        const auto quarter = static_cast<std::size_t>((start - first_quarter_month) / 3);
        const double offenders = reoffending_offenders_[quarter];
        outcome(start + 2, Outcome::proven_reoffending_cohort) = offenders;
        outcome(start + 2, Outcome::proven_reoffenders) = reoffending_reoffenders_[quarter];
        if (offenders > 0.0) {
            outcome(start + 2, Outcome::proven_reoffending_rate) =
                reoffending_reoffenders_[quarter] / offenders;
        }
    }
}

void CohortRun::step(int month) {
    add_entrants(month);
    for (ProgrammeInputs& inputs : inputs_) {
        inputs = ProgrammeInputs{};
    }
    std::fill(population_by_age_.begin(), population_by_age_.end(), 0.0);
    std::fill(gang_members_by_age_.begin(), gang_members_by_age_.end(), 0.0);
    recorded_this_month_.fill(0.0);
    recorded_violence_by_members_ = 0.0;
    da_offender_rate_sum_ = 0.0;
    da_offender_rates_.fill(0.0);
    sentences_this_month_ = 0.0;
    custody_months_this_month_ = 0.0;
    licence_months_this_month_ = 0.0;
    std::fill(next_mass_.begin(), next_mass_.end(), 0.0);
    std::fill(next_priors_.begin(), next_priors_.end(), 0.0);
    for (int age = 0; age < cells_.ages; ++age) {
        for (std::size_t type = 0; type < cells_.types.size(); ++type) {
            process_block(month, age, type, next_mass_, next_priors_);
        }
    }
    mass_.swap(next_mass_);
    priors_.swap(next_priors_);
    // A single custody (and licence) compartment per group, left at the rate that
    // gives the mean stay of the sentences passed: right in the steady state.
    if (sentences_this_month_ > 0.0) {
        custody_release_probability_ =
            std::min(1.0, sentences_this_month_ / custody_months_this_month_);
        licence_end_probability_ =
            std::min(1.0, sentences_this_month_ /
                              std::max(licence_months_this_month_, sentences_this_month_));
    }
    if (reported(month)) {
        double people = residents_under_ten_;
        double gang_members = 0.0;
        for (std::size_t age = 0; age < population_by_age_.size(); ++age) {
            people += population_by_age_[age];
            gang_members += gang_members_by_age_[age];
        }
        outcome(month, Outcome::population) = people;
        outcome(month, Outcome::gang_members) = gang_members;
    }
    apply_programme_effects(month);
    run_radicalisation(month);
    run_programmes(month);
}

void CohortRun::flush_group(int month, std::size_t age_index, bool in_gang,
                            const PerOffenceType<double>& weights, const GroupSums& group) {
    const JusticeParameters& justice = p_.justice;
    const std::size_t da = index_of(OffenceType::domestic_abuse);
    double sanction_weight = 0.0;
    for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
        const auto offence = static_cast<OffenceType>(t);
        const double committed = group.people_rate * weights[t];
        const double recorded = committed * justice.recording_probability[t];
        sanction_weight +=
            weights[t] * justice.recording_probability[t] * justice.sanction_probability[t];
        recorded_this_month_[t] += recorded;
        if (in_gang && offence != OffenceType::domestic_abuse &&
            (is_violence_against_the_person(offence) || offence == OffenceType::robbery)) {
            recorded_violence_by_members_ += recorded;
        }
        // The abusers' own offending, for support that acts on them.
        da_offender_rates_[t] += group.people_rate_squared * weights[da] *
                                 justice.recording_probability[da] * weights[t];
        if (reported(month)) {
            outcome(month, Outcome::offences_committed) += committed;
            outcome(month, committed_outcome(offence)) += committed;
            outcome(month, static_cast<Outcome>(t)) += recorded;
            outcome(month, Outcome::recorded_total) += recorded;
            if (is_violence_against_the_person(offence)) {
                outcome(month, Outcome::recorded_violence_against_the_person) += recorded;
            }
        }
    }
    da_offender_rate_sum_ += group.people_rate * weights[da] * justice.recording_probability[da];
    const double da_sanction =
        weights[da] * justice.recording_probability[da] * justice.sanction_probability[da];
    for (std::size_t p = 0; p < inputs_.size(); ++p) {
        const double share = programme_share(p, age_index, in_gang);
        if (share <= 0.0) {
            continue;
        }
        ProgrammeInputs& inputs = inputs_[p];
        // Events, and events x the offending rate of the person they are about.
        auto add_event = [&](ReferralEvent event, double events, double events_rate) {
            const auto e = static_cast<std::size_t>(event);
            inputs.events[e] += events * share;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                inputs.event_rates[e][t] += events_rate * share * weights[t];
            }
        };
        add_event(ReferralEvent::arrest, group.people_rate * sanction_weight,
                  group.people_rate_squared * sanction_weight);
        add_event(ReferralEvent::proven_offence, group.proven, group.proven_rate);
        add_event(ReferralEvent::domestic_abuse_perpetrator, group.people_rate * da_sanction,
                  group.people_rate_squared * da_sanction);
        add_event(ReferralEvent::monthly, group.people, group.people_rate);
        if (p_.programmes[p].kind == ProgrammeKind::iom) {
            inputs.qualifiers += group.qualifiers * share;
            inputs.qualifier_proven_rate += group.qualifier_proven * share;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                inputs.qualifier_rates[t] += group.qualifier_rate * share * weights[t];
            }
        }
    }
}

void CohortRun::process_block(int month, int age, std::size_t type, std::vector<double>& next_mass,
                              std::vector<double>& next_priors) {
    const RiskType& risk_type = cells_.types[type];
    const int gang_states = cells_.gang_states(type);
    const JusticeParameters& justice = p_.justice;
    const OffendingParameters& offending = p_.offending;
    const auto age_index = static_cast<std::size_t>(age);
    const bool youth = age < youth_age_index_;
    const bool partner_age = age >= partner_age_index_;
    const auto season = static_cast<std::size_t>(calendar_month(month));
    const double out_of_court =
        youth ? justice.youth_out_of_court_share : justice.adult_out_of_court_share;
    const double community_resolution =
        youth ? justice.youth_community_resolution_share : justice.adult_community_resolution_share;
    const bool count = reported(month);

    // The block's people after this month's offending and justice, by gang
    // state and status, before careers end, gangs change, deaths and ageing.
    std::array<std::array<double, kStatusCount>, 3> after{};
    std::array<std::array<double, kStatusCount>, 3> after_priors{};

    const ProgrammeParameters* triage =
        triage_programme_ >= 0 ? &p_.programmes[static_cast<std::size_t>(triage_programme_)]
                               : nullptr;
    const double triage_eligible =
        triage != nullptr && youth
            ? eligible_share_[static_cast<std::size_t>(triage_programme_)][age_index]
            : 0.0;

    double iom_share = 0.0;
    for (std::size_t p = 0; p < inputs_.size(); ++p) {
        if (p_.programmes[p].kind == ProgrammeKind::iom) {
            iom_share = std::max(iom_share, eligible_share_[p][age_index]);
        }
    }
    for (int gang = 0; gang < gang_states; ++gang) {
        const bool in_gang = gang == member;
        const PerOffenceType<double>& weights =
            type_weights_[in_gang ? 1U : 0U][partner_age ? 1U : 0U][season];
        const double base_rate = offending.base_rate_per_month * risk_type.rate_multiplier *
                                 (in_gang ? p_.risk.gang.offending_multiplier : 1.0) *
                                 age_curve_[age_index];
        GroupSums group;
        // Proven offences a month of a free person of this gang state, by career
        // (they do not depend on the record): for reoffending after release.
        std::array<double, 2> free_proven_rate{};
        for (std::size_t ended = 0; ended < 2; ++ended) {
            const double rate = base_rate * (ended == 1 ? offending.desisted_multiplier : 1.0);
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                free_proven_rate[ended] += rate * weights[t] * justice.recording_probability[t] *
                                           justice.sanction_probability[t] *
                                           (out_of_court * (1.0 - community_resolution) +
                                            (1.0 - out_of_court) * justice.conviction_probability);
            }
        }
        for (int status = 0; status < kStatusCount; ++status) {
            const std::size_t cell = cells_.cell(age, type, gang, status);
            const double x = mass_[cell];
            if (x <= kNegligiblePeople) {
                continue;  // dropped: at most ~1e-4 people over a run
            }
            const double priors = priors_[cell];
            const bool desisted = is_desisted(status);
            auto move = [&](int to, double people, double moved_priors) {
                after[static_cast<std::size_t>(gang)][static_cast<std::size_t>(to)] += people;
                after_priors[static_cast<std::size_t>(gang)][static_cast<std::size_t>(to)] +=
                    moved_priors;
            };
            if (is_locked_up(status)) {
                const bool recalled = status == active_recalled || status == desisted_recalled;
                const double out_probability =
                    recalled ? recall_return_probability_ : custody_release_probability_;
                const double leaving = x * out_probability;
                move(licence_of(desisted), leaving, priors * out_probability);
                move(status, x - leaving, priors * (1.0 - out_probability));
                if (!recalled) {
                    // A release is a reoffending index event and may refer people on.
                    add_index_events(
                        month, leaving,
                        reoffending_probability(free_proven_rate[desisted ? 1U : 0U], desisted));
                    for (std::size_t p = 0; p < inputs_.size(); ++p) {
                        const double share = programme_share(p, age_index, in_gang);
                        if (share > 0.0) {
                            inputs_[p].events[static_cast<std::size_t>(
                                ReferralEvent::release_from_custody)] += leaving * share;
                        }
                    }
                }
                continue;
            }
            // Offending: per person this month, by type.
            const double rate = base_rate * (desisted ? offending.desisted_multiplier : 1.0);
            PerOffenceType<double> offences{};
            PerOffenceType<double> sanctions{};
            double offending_rate = 0.0;
            double lower_gravity_sanctions = 0.0;
            const bool include_knife = triage != nullptr && triage->triage_includes_knife_offences;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                offences[t] = rate * weights[t];
                offending_rate += offences[t];
                sanctions[t] = offences[t] * justice.recording_probability[t] *
                               justice.sanction_probability[t];
                if (lower_gravity(t, include_knife)) {
                    lower_gravity_sanctions += sanctions[t];
                }
            }
            // Offences and events are summed over the group and split by type at
            // its end: within a gang state, offences by type are rate x weights.
            group.people += x;
            group.people_rate += x * rate;
            group.people_rate_squared += x * rate * rate;

            // Youth triage: a first arrest for a lower-gravity offence is diverted
            // (with consent, while places last) instead of going the formal route.
            const bool first_arrest_possible =
                status == never || status == active_clean || status == desisted_clean;
            double diverted = 0.0;
            double diverted_rate = 0.0;  // consenting lower-gravity sanctions a person
            if (first_arrest_possible && triage_eligible > 0.0) {
                const double referred =
                    x * (1.0 - std::exp(-lower_gravity_sanctions)) * triage_eligible;
                ProgrammeInputs& inputs = inputs_[static_cast<std::size_t>(triage_programme_)];
                inputs.triage_referrals += referred;
                diverted_rate =
                    lower_gravity_sanctions * triage->consent_probability *
                    programmes_[static_cast<std::size_t>(triage_programme_)].triage_capacity_share *
                    triage_eligible;
                diverted = x * (1.0 - std::exp(-diverted_rate));
                inputs.diversions += diverted;
                const double proven_formally =
                    out_of_court * (1.0 - community_resolution) +
                    (1.0 - out_of_court) * justice.conviction_probability;
                inputs.first_time_entrants_avoided += diverted * proven_formally;
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    inputs.diverted_rates[t] += diverted * offences[t];
                }
            }
            // The formal route for everyone else: by Poisson thinning, people with
            // no diverted sanction have the others at the same rates.
            const double formal_people = x - diverted;
            const double prior_mean = has_record(status) && x > 0.0 ? priors / x : 0.0;
            double proven_rate = 0.0;
            double custody_rate = 0.0;
            double sanction_rate = 0.0;
            double conviction_rate = 0.0;
            double out_of_court_rate = 0.0;
            double index_rate = 0.0;  // cautions and non-custodial convictions
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                double formal = sanctions[t];
                if (diverted_rate > 0.0 && lower_gravity(t, include_knife)) {
                    formal *= 1.0 - diverted_rate / lower_gravity_sanctions;
                }
                const double cautions = formal * out_of_court * (1.0 - community_resolution);
                const double convictions =
                    formal * (1.0 - out_of_court) * justice.conviction_probability;
                const double custody =
                    convictions *
                    sanction_custody_probability(static_cast<OffenceType>(t), youth, prior_mean);
                sanction_rate += formal;
                out_of_court_rate += formal * out_of_court;
                proven_rate += cautions + convictions;
                conviction_rate += convictions;
                custody_rate += custody;
                sentences_this_month_ += formal_people * custody;
                custody_months_this_month_ += formal_people * custody * custody_months_by_type_[t];
                licence_months_this_month_ += formal_people * custody * licence_months_by_type_[t];
                index_rate += cautions + convictions - custody;
            }
            if (count) {
                outcome(month, Outcome::proven_offences) += formal_people * proven_rate;
                outcome(month, Outcome::out_of_court_disposals) +=
                    formal_people * out_of_court_rate;
                outcome(month, Outcome::convictions) += formal_people * conviction_rate;
                outcome(month, Outcome::custodial_sentences) += formal_people * custody_rate;
            }
            add_index_events(month, formal_people * index_rate,
                             reoffending_probability(proven_rate, desisted));

            group.proven += formal_people * proven_rate;
            group.proven_rate += formal_people * proven_rate * rate;
            if (iom_share > 0.0) {
                const double mean = 12.0 * proven_rate;
                const double qualifying =
                    x * (1.0 - std::exp(-mean) * (1.0 + mean + mean * mean / 2.0));
                group.qualifiers += qualifying;
                group.qualifier_proven += qualifying * proven_rate;
                group.qualifier_rate += qualifying * rate;
            }

            // Where the people go.
            const double p_custody = 1.0 - std::exp(-custody_rate);
            const double p_proven = 1.0 - std::exp(-proven_rate);  // custody included
            const double new_priors = formal_people * proven_rate;
            if (count) {
                // Active offenders: people who offended in the last 12 months.
                outcome(month, Outcome::active_offenders) +=
                    x * (1.0 - std::exp(-12.0 * offending_rate));
            }
            if (status == never || status == active_clean || status == desisted_clean ||
                status == active_triaged || status == desisted_triaged) {
                const bool now_desisted = desisted;
                const double to_custody = formal_people * p_custody;
                const double to_record = formal_people * (p_proven - p_custody);
                const double first_proven = to_custody + to_record;
                if (count) {
                    outcome(month, youth ? Outcome::first_time_entrants_youth
                                         : Outcome::first_time_entrants_adult) += first_proven;
                }
                const double custody_priors =
                    first_proven > 0.0 ? new_priors * to_custody / first_proven : 0.0;
                move(custody_of(now_desisted), to_custody, custody_priors);
                move(record_of(now_desisted), to_record, new_priors - custody_priors);
                double staying = formal_people * (1.0 - p_proven);
                if (status == never) {
                    // Of those with no proven offence, who offended at all.
                    const double formal_offending = offending_rate - diverted_rate;
                    const double no_offence = formal_people * std::exp(-formal_offending);
                    move(never, no_offence, 0.0);
                    move(active_clean, staying - no_offence, 0.0);
                    move(active_triaged, diverted, 0.0);
                } else {
                    move(status, staying, 0.0);
                    move(desisted ? desisted_triaged : active_triaged, diverted, 0.0);
                }
                continue;
            }
            if (is_on_licence(status)) {
                const double to_custody = x * p_custody;
                const double recall_rate = sanction_rate * justice.recall_probability;
                const double to_recall = (x - to_custody) * (1.0 - std::exp(-recall_rate));
                const double staying = x - to_custody - to_recall;
                const double licence_ends = staying * licence_end_probability_;
                const double total_priors = priors + new_priors;
                move(custody_of(desisted), to_custody, total_priors * to_custody / x);
                move(recalled_of(desisted), to_recall, total_priors * to_recall / x);
                move(record_of(desisted), licence_ends, total_priors * licence_ends / x);
                move(status, staying - licence_ends, total_priors * (staying - licence_ends) / x);
                continue;
            }
            // Free, with a record.
            const double to_custody = x * p_custody;
            const double total_priors = priors + new_priors;
            move(custody_of(desisted), to_custody, total_priors * to_custody / x);
            move(status, x - to_custody, total_priors * (x - to_custody) / x);
        }
        flush_group(month, age_index, in_gang, weights, group);
    }

    // Month's end: careers end, gang membership changes, deaths, ageing.
    for (int gang = 0; gang < gang_states; ++gang) {
        auto& row = after[static_cast<std::size_t>(gang)];
        auto& row_priors = after_priors[static_cast<std::size_t>(gang)];
        for (int status = 0; status < kStatusCount; ++status) {
            const int ended = desisted_of(status);
            if (ended == status) {
                continue;
            }
            const double moving = row[static_cast<std::size_t>(status)] * desistance_probability_;
            const double moving_priors =
                row_priors[static_cast<std::size_t>(status)] * desistance_probability_;
            row[static_cast<std::size_t>(status)] -= moving;
            row_priors[static_cast<std::size_t>(status)] -= moving_priors;
            row[static_cast<std::size_t>(ended)] += moving;
            row_priors[static_cast<std::size_t>(ended)] += moving_priors;
        }
    }
    double custody_people = 0.0;
    double licence_people = 0.0;
    double block_people = 0.0;
    for (int gang = 0; gang < gang_states; ++gang) {
        for (int status = 0; status < kStatusCount; ++status) {
            const double people =
                after[static_cast<std::size_t>(gang)][static_cast<std::size_t>(status)];
            block_people += people;
            if (is_locked_up(status)) {
                custody_people += people;
            } else if (is_on_licence(status)) {
                licence_people += people;
            }
            if (gang == member) {
                gang_members_by_age_[age_index] += people;
            }
        }
    }
    population_by_age_[age_index] += block_people;
    if (count) {
        outcome(month, Outcome::custody_population) += custody_people;
        outcome(month, Outcome::licence_population) += licence_people;
    }
    if (gang_states == 3) {
        const double join = gang_join_hazard_[age_index];
        for (std::size_t status = 0; status < kStatusCount; ++status) {
            const double leaving = after[member][status] * gang_leave_probability_;
            const double leaving_priors = after_priors[member][status] * gang_leave_probability_;
            const double joining = after[not_member][status] * join;
            const double joining_priors = after_priors[not_member][status] * join;
            after[member][status] += joining - leaving;
            after_priors[member][status] += joining_priors - leaving_priors;
            after[former_member][status] += leaving;
            after_priors[former_member][status] += leaving_priors;
            after[not_member][status] -= joining;
            after_priors[not_member][status] -= joining_priors;
        }
    }
    const double survival = reported(month) ? 1.0 - death_probability_[age_index] : 1.0;
    const double ageing = 1.0 / 12.0;
    const bool last_age = age + 1 >= cells_.ages;
    for (int gang = 0; gang < gang_states; ++gang) {
        for (int status = 0; status < kStatusCount; ++status) {
            const double people =
                after[static_cast<std::size_t>(gang)][static_cast<std::size_t>(status)] * survival;
            const double priors =
                after_priors[static_cast<std::size_t>(gang)][static_cast<std::size_t>(status)] *
                survival;
            if (people <= 0.0) {
                continue;
            }
            const std::size_t here = cells_.cell(age, type, gang, status);
            next_mass[here] += people * (1.0 - ageing);
            next_priors[here] += priors * (1.0 - ageing);
            if (!last_age) {
                const std::size_t older = cells_.cell(age + 1, type, gang, status);
                next_mass[older] += people * ageing;
                next_priors[older] += priors * ageing;
            }
        }
    }
}

}  // namespace cohort

CohortEngine::CohortEngine(CohortOptions options) : options_(options) {}

void CohortEngine::run(const Parameters& parameters, MonthlyOutcomes& out) const {
    cohort::CohortRun run(parameters, options_, out);
    run.run();
}

}  // namespace vrsim::model
