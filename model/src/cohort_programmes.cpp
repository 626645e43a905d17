// Programmes in the cohort engine, in aggregate: the compartments hand over the
// month's referral events (arrests, proven offences, releases, victimisations,
// eligible people for monthly sources) with the offending rates of the people
// they are about; referrals, consent, the waiting list, places and time in the
// programme then follow the same rules as the agent-based engine, on expected
// numbers. Participants' offending falls by the hazard ratios (fading after
// exit) and those offences are taken off the month's counts. Radicalisation
// (which Channel serves) is its own small age-structured model.
#include <algorithm>
#include <cmath>
#include <vector>

#include "cohort_run.hpp"

namespace vrsim::model::cohort {

namespace {

// Chance that time in programme (max(1, round(Exp(mean))) months, as the
// agent-based engine) is at least `months`.
double duration_at_least(double mean_months, int months) {
    return months <= 1 ? 1.0 : std::exp(-(months - 0.5) / mean_months);
}

// Poisson(mean) counts: below[j] is the chance of fewer than j, for j up to
// `count` (probabilities by the recurrence p(k) = p(k - 1) mean / k).
void poisson_below(double mean, int count, std::vector<double>& below) {
    below.assign(static_cast<std::size_t>(count) + 1, 0.0);
    double probability = std::exp(-mean);
    for (int k = 0; k < count; ++k) {
        below[static_cast<std::size_t>(k) + 1] = below[static_cast<std::size_t>(k)] + probability;
        probability *= mean / (k + 1);
    }
}

// Chance that an IOM participant who started `months` ago still has the proven
// offences that qualify (min_proven in the score window): those from before the
// start still inside the window (spread evenly over it; at least the threshold of
// them, Poisson otherwise) plus new ones at the participant's rate. The counts
// before the start are summed up to the threshold + 30, whatever the months, so
// they come in (`before_probability`, of threshold, threshold + 1, ...: Poisson
// given at least the threshold).
inline constexpr int kPriorCountsSummed = 30;
double still_qualifying(int window, int threshold, double rate_during,
                        const std::vector<double>& before_probability, int months,
                        std::vector<double>& new_below, std::vector<double>& retained_chance) {
    poisson_below(std::min(months, window) * rate_during, threshold, new_below);
    if (months >= window) {
        return 1.0 - new_below[static_cast<std::size_t>(threshold)];
    }
    // Of `before` offences each still in the window with chance `kept`, the
    // chance that `retained` (below the threshold) are: binomial, by the
    // recurrence C(n + 1, r) = C(n, r) (n + 1) / (n + 1 - r) from n = threshold.
    const double kept = static_cast<double>(window - months) / window;
    const auto threshold_size = static_cast<std::size_t>(threshold);
    retained_chance.resize(threshold_size);
    for (int retained = 0; retained < threshold; ++retained) {
        retained_chance[static_cast<std::size_t>(retained)] =
            std::exp(std::lgamma(threshold + 1.0) - std::lgamma(retained + 1.0) -
                     std::lgamma(threshold - retained + 1.0)) *
            std::pow(kept, retained) * std::pow(1.0 - kept, threshold - retained);
    }
    double below = 0.0;
    for (int before = threshold; before < threshold + kPriorCountsSummed; ++before) {
        const double p_before = before_probability[static_cast<std::size_t>(before - threshold)];
        for (int retained = 0; retained < threshold; ++retained) {
            const auto r = static_cast<std::size_t>(retained);
            // Fewer than the threshold - retained new ones.
            below += p_before * retained_chance[r] * new_below[threshold_size - r];
            retained_chance[r] *= (before + 1.0) / (before + 1.0 - retained) * (1.0 - kept);
        }
    }
    return std::clamp(1.0 - below, 0.0, 1.0);
}

// The same, averaged over the participants in the programme now: their time since
// the start is spread as the chance of staying that long.
double participants_still_qualifying(const ProgrammeParameters& iom, double rate_before,
                                     double rate_during) {
    const int window = std::max(1, iom.iom_score_window_months);
    const int threshold = iom.iom_min_proven_offences;
    // Offences before the start: Poisson at the qualifiers' rate over a window,
    // given at least the threshold.
    std::vector<double> before_below;
    const double mean_before = window * rate_before;
    poisson_below(mean_before, threshold, before_below);
    const double qualifying_before =
        std::max(1.0 - before_below[static_cast<std::size_t>(threshold)], 1e-300);
    std::vector<double> before_probability(kPriorCountsSummed);
    double probability =
        std::exp(-mean_before + threshold * std::log(std::max(mean_before, 1e-300)) -
                 std::lgamma(threshold + 1.0));
    for (int i = 0; i < kPriorCountsSummed; ++i) {
        before_probability[static_cast<std::size_t>(i)] = probability / qualifying_before;
        probability *= mean_before / (threshold + i + 1);
    }
    std::vector<double> new_below;
    std::vector<double> retained_chance;
    auto qualifying = [&](int months) {
        return still_qualifying(window, threshold, rate_during, before_probability, months,
                                new_below, retained_chance);
    };
    double weighted = 0.0;
    double weights = 0.0;
    for (int months = 0; months < window; ++months) {
        const double staying = duration_at_least(iom.duration_mean_months, months + 1);
        weighted += staying * qualifying(months);
        weights += staying;
    }
    // Everyone past a whole window qualifies on new offences alone.
    const double later =
        duration_at_least(iom.duration_mean_months, window + 1) * iom.duration_mean_months;
    weighted += later * qualifying(window);
    weights += later;
    return weights > 0.0 ? weighted / weights : 0.0;
}

}  // namespace

void CohortRun::prepare_programmes() {
    const std::size_t count = p_.programmes.size();
    programmes_.assign(count, ProgrammeState{});
    inputs_.assign(count, ProgrammeInputs{});
    triage_programme_ = -1;
    for (std::size_t p = 0; p < count; ++p) {
        const ProgrammeParameters& programme = p_.programmes[p];
        if (programme.kind == ProgrammeKind::youth_triage && triage_programme_ < 0) {
            triage_programme_ = static_cast<std::ptrdiff_t>(p);
        }
        programmes_[p].starts_by_month.assign(static_cast<std::size_t>(total_months_), 0.0);
        programmes_[p].reoffenders_by_month.assign(static_cast<std::size_t>(total_months_), 0.0);
    }
    population_by_age_.assign(static_cast<std::size_t>(cells_.ages), 0.0);
    gang_members_by_age_.assign(static_cast<std::size_t>(cells_.ages), 0.0);
    radicalisation_waiting_.assign(static_cast<std::size_t>(cells_.ages), 0.0);
    radicalisation_vulnerable_.assign(static_cast<std::size_t>(cells_.ages), 0.0);
}

double CohortRun::places(std::size_t programme, int month) const {
    const std::vector<double>& by_month = p_.programmes[programme].places_by_month;
    if (by_month.empty()) {
        return 0.0;
    }
    const int reported_month =
        std::clamp(month - warmup_months_, 0, static_cast<int>(by_month.size()) - 1);
    return by_month[static_cast<std::size_t>(reported_month)];
}

void CohortRun::count_programme(int month, std::size_t programme, ProgrammeMeasure measure,
                                double value) {
    const std::size_t column = layout_.programme_column(programme, measure);
    if (reported(month) && column != OutcomeLayout::kNotReported) {
        out_.at(month - warmup_months_, column) += value;
    }
}

double CohortRun::participant_offending_share(const ParticipantGroup& group) const {
    return group.free_share *
           (group.active_share + (1.0 - group.active_share) * p_.offending.desisted_multiplier);
}

void CohortRun::apply_programme_effects(int month) {
    // Participants offend at their rates x the hazard ratio while free; the
    // difference, and what still fades after exit, comes off the month's counts.
    PerOffenceType<double> prevented{};
    for (std::size_t p = 0; p < programmes_.size(); ++p) {
        const ProgrammeEffects& effects = p_.programmes[p].effects;
        ProgrammeState& state = programmes_[p];
        for (ParticipantGroup& group : state.caseload) {
            if (group.start >= month) {
                continue;
            }
            const double offending = group.people * participant_offending_share(group);
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                prevented[t] +=
                    offending * group.rates[t] * (1.0 - effects.offending_hazard_ratio[t]);
            }
            // Next month: sentences and releases, careers ending.
            group.free_share = group.free_share * (1.0 - group.custody_rate) +
                               (1.0 - group.free_share) * custody_release_probability_;
            group.active_share *= 1.0 - desistance_probability_;
        }
        for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
            prevented[t] += state.fading[t];
            state.fading[t] *=
                effects.fade_months > 0.0 ? std::exp(-1.0 / effects.fade_months) : 0.0;
        }
    }
    if (!reported(month)) {
        return;
    }
    for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
        const auto offence = static_cast<OffenceType>(t);
        const double recorded = prevented[t] * p_.justice.recording_probability[t];
        outcome(month, Outcome::offences_committed) -= prevented[t];
        outcome(month, committed_outcome(offence)) -= prevented[t];
        outcome(month, static_cast<Outcome>(t)) -= recorded;
        outcome(month, Outcome::recorded_total) -= recorded;
        if (is_violence_against_the_person(offence)) {
            outcome(month, Outcome::recorded_violence_against_the_person) -= recorded;
        }
    }
}

void CohortRun::run_radicalisation(int month) {
    const RadicalisationParameters& radicalisation = p_.risk.radicalisation;
    const auto ages = static_cast<std::size_t>(cells_.ages);
    const int onset_first = static_cast<int>(radicalisation.onset_age_min_years * 12.0);
    const int onset_last =
        std::max(onset_first + 1, static_cast<int>(radicalisation.onset_age_max_years * 12.0));
    const double onset_span = onset_last - onset_first;
    const double end_probability = 1.0 - std::exp(-1.0 / radicalisation.vulnerable_mean_months);
    const double progression = 1.0 - std::exp(-radicalisation.progression_per_month);
    if (month == 0) {
        // Episodes under way or to come among the starting population, as the
        // agent-based engine draws them: compartment y holds months since 10 in
        // [12y - 11, 12y].
        for (std::size_t age = 0; age < ages; ++age) {
            double waiting = 0.0;
            double vulnerable = 0.0;
            int months_held = 0;
            const int first_year = cells_.age_first_year[age];
            const int last_year = first_year + cells_.age_years[age] - 1;
            for (int a = std::max(0, 12 * first_year - 11); a <= 12 * last_year; ++a) {
                const int months = 120 + a;
                ++months_held;
                waiting += std::clamp((onset_last - std::max(months + 1, onset_first)) / onset_span,
                                      0.0, 1.0);
                for (int onset = onset_first; onset < onset_last && onset <= months; ++onset) {
                    const int elapsed = months - onset;
                    const double lasting =
                        elapsed <= 1
                            ? 1.0
                            : std::exp(-(elapsed - 1) / radicalisation.vulnerable_mean_months);
                    vulnerable += lasting *
                                  std::exp(-radicalisation.progression_per_month * elapsed) /
                                  onset_span;
                }
            }
            const double people = population_by_age_[age] / std::max(1, months_held);
            radicalisation_waiting_[age] = radicalisation.vulnerable_probability * waiting * people;
            radicalisation_vulnerable_[age] =
                radicalisation.vulnerable_probability * vulnerable * people;
        }
    } else {
        radicalisation_waiting_[0] += radicalisation.vulnerable_probability * entrants_per_month_;
    }
    // Channel participants progress more slowly.
    double channel_ratio_effect = 0.0;  // participants x (1 - their progression / others')
    for (std::size_t p = 0; p < programmes_.size(); ++p) {
        if (p_.programmes[p].kind != ProgrammeKind::channel) {
            continue;
        }
        const double ratio = p_.programmes[p].effects.radicalisation_hazard_ratio;
        double participants = 0.0;
        for (const ParticipantGroup& group : programmes_[p].caseload) {
            participants += group.people;
        }
        const double with_programme = 1.0 - std::exp(-radicalisation.progression_per_month * ratio);
        channel_ratio_effect += participants * (progression - with_programme);
    }
    double vulnerable_now = 0.0;
    double progressed = 0.0;
    for (std::size_t age = 0; age < ages; ++age) {
        const AgeMix& mix = (*current_ages_)[age];
        const double waiting = radicalisation_waiting_[age];
        const double vulnerable = radicalisation_vulnerable_[age];
        vulnerable_now += vulnerable;
        const double progressing = vulnerable * progression;
        progressed += progressing;
        const double starting = waiting * mix.radicalisation_onset;
        const double survival = reported(month) ? 1.0 - mix.death_probability : 1.0;
        radicalisation_waiting_[age] = (waiting - starting) * survival;
        radicalisation_vulnerable_[age] =
            ((vulnerable - progressing) * (1.0 - end_probability) + starting) * survival;
    }
    progressed = std::max(0.0, progressed - channel_ratio_effect);
    if (reported(month)) {
        outcome(month, Outcome::radicalisation_vulnerable) = vulnerable_now;
        outcome(month, Outcome::radicalised) = progressed;
    }
}

void CohortRun::run_programmes(int month) {
    // Victims' ages follow the victimisation weights of the age bands.
    const PlaceParameters& place = p_.place;
    auto victim_weight = [&](std::size_t age) {
        // The compartment's years evenly.
        double weight = 0.0;
        const int first_year = cells_.age_first_year[age];
        for (int year = first_year; year < first_year + cells_.age_years[age]; ++year) {
            const double years = static_cast<double>(year) + kAgeOfCriminalResponsibility;
            const auto upper =
                std::upper_bound(place.age_band_lower.begin(), place.age_band_lower.end(), years);
            const auto band = static_cast<std::size_t>(
                std::max<std::ptrdiff_t>(0, upper - place.age_band_lower.begin() - 1));
            weight += p_.victims.age_band_victimisation[band] / cells_.age_years[age];
        }
        return population_by_age_[age] * weight;
    };
    double victim_weight_total = 0.0;
    double victim_weight_members = 0.0;
    double adults = 0.0;
    for (std::size_t age = 0; age < population_by_age_.size(); ++age) {
        const double weight = victim_weight(age);
        victim_weight_total += weight;
        if (population_by_age_[age] > 0.0) {
            victim_weight_members += weight * gang_members_by_age_[age] / population_by_age_[age];
        }
        const AgeMix& mix = (*current_ages_)[age];
        adults += population_by_age_[age] * (mix.class_share[1] + mix.class_share[3]);
    }
    const std::size_t da = index_of(OffenceType::domestic_abuse);
    double violent_recorded = 0.0;
    for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
        const auto offence = static_cast<OffenceType>(t);
        if (offence != OffenceType::domestic_abuse &&
            (is_violence_against_the_person(offence) || offence == OffenceType::robbery)) {
            violent_recorded += recorded_this_month_[t];
        }
    }

    for (std::size_t p = 0; p < programmes_.size(); ++p) {
        const ProgrammeParameters& parameters = p_.programmes[p];
        ProgrammeState& state = programmes_[p];
        ProgrammeInputs& inputs = inputs_[p];
        // Share of each age compartment in the programme's ages this month.
        auto share = [&](std::size_t age) { return (*current_ages_)[age].programme_share[p]; };
        const double funded_places = places(p, month);
        const double capacity = std::floor(funded_places);
        count_programme(month, p, ProgrammeMeasure::places, funded_places);
        const auto& spend = parameters.spend_gbp_by_month;
        if (!spend.empty()) {
            count_programme(month, p, ProgrammeMeasure::spend_gbp,
                            spend[static_cast<std::size_t>(std::clamp(
                                month - warmup_months_, 0, static_cast<int>(spend.size()) - 1))]);
        }
        if (parameters.kind == ProgrammeKind::prevention) {
            count_programme(month, p, ProgrammeMeasure::caseload, funded_places);
            count_programme(month, p, ProgrammeMeasure::starts,
                            funded_places / parameters.duration_mean_months);
            continue;
        }
        const double fade = parameters.effects.fade_months;
        auto leave = [&](ParticipantGroup& group, double people) {
            group.people -= people;
            if (fade > 0.0) {
                const double offending = people * participant_offending_share(group);
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    // Fading starts after the month of exit, as 1 - (1 - h) e^{-t/fade}.
                    state.fading[t] += offending * group.rates[t] *
                                       (1.0 - parameters.effects.offending_hazard_ratio[t]);
                }
            }
        };

        // Leavers.
        double completions = 0.0;
        double exits = 0.0;
        const bool channel = parameters.kind == ProgrammeKind::channel;
        const RadicalisationParameters& radicalisation = p_.risk.radicalisation;
        for (ParticipantGroup& group : state.caseload) {
            const int elapsed = month - group.start;
            if (elapsed < 1 || group.people <= 0.0) {
                continue;
            }
            if (channel) {
                // Reviews every review_months; between them, cases end when the
                // vulnerability ends or the person progresses.
                const double ended =
                    1.0 - std::exp(-1.0 / radicalisation.vulnerable_mean_months -
                                   radicalisation.progression_per_month *
                                       parameters.effects.radicalisation_hazard_ratio);
                const double ineligible = group.people * ended;
                leave(group, ineligible);
                exits += ineligible;
                if (elapsed % std::max(1, parameters.channel_review_months) == 0) {
                    const double leaving =
                        group.people * parameters.channel_exit_at_review_probability;
                    leave(group, leaving);
                    completions += leaving;
                    count_programme(month, p, ProgrammeMeasure::exits_no_further_concern,
                                    leaving * parameters.channel_no_further_concern_share);
                    count_programme(month, p, ProgrammeMeasure::exits_to_other_services,
                                    leaving * (1.0 - parameters.channel_no_further_concern_share));
                }
                continue;
            }
            const double mean = parameters.duration_mean_months;
            const double at_least = duration_at_least(mean, elapsed);
            const double hazard =
                at_least > 0.0 ? (at_least - duration_at_least(mean, elapsed + 1)) / at_least : 1.0;
            const double leaving = group.people * hazard;
            leave(group, leaving);
            completions += leaving;
        }
        double caseload = 0.0;
        for (const ParticipantGroup& group : state.caseload) {
            caseload += group.people;
        }
        if (caseload > capacity) {
            // Wind-down: the excess leaves, spread over the groups.
            const double keep = caseload > 0.0 ? capacity / caseload : 0.0;
            for (ParticipantGroup& group : state.caseload) {
                leave(group, group.people * (1.0 - keep));
            }
            exits += caseload - capacity;
            caseload = capacity;
        }
        std::erase_if(state.caseload,
                      [](const ParticipantGroup& group) { return group.people <= 1e-12; });

        // Referrals by source.
        double waiting_people = 0.0;
        for (const WaitingGroup& group : state.waiting) {
            waiting_people += group.people;
        }
        std::array<double, kReferralEventCount> events = inputs.events;
        std::array<PerOffenceType<double>, kReferralEventCount> event_rates = inputs.event_rates;
        // Victims in the programme's ages (gang exit: gang members, of whom
        // rival violence picks a share).
        double victim_share = 0.0;
        double adult_share = 0.0;
        for (std::size_t age = 0; age < population_by_age_.size(); ++age) {
            if (victim_weight_total > 0.0) {
                double weight = victim_weight(age);
                if (parameters.kind == ProgrammeKind::gang_exit && population_by_age_[age] > 0.0) {
                    weight *= gang_members_by_age_[age] / population_by_age_[age];
                }
                victim_share += weight * share(age) / victim_weight_total;
            }
            if (adults > 0.0) {
                const AgeMix& mix = (*current_ages_)[age];
                adult_share += population_by_age_[age] * (mix.class_share[1] + mix.class_share[3]) *
                               share(age) / adults;
            }
        }
        double violent_victims = violent_recorded * victim_share;
        if (parameters.kind == ProgrammeKind::gang_exit) {
            // Rival victims are members of any age; the programme takes its ages.
            double members = 0.0;
            double members_in_ages = 0.0;
            for (std::size_t age = 0; age < population_by_age_.size(); ++age) {
                members += gang_members_by_age_[age];
                members_in_ages += gang_members_by_age_[age] * share(age);
            }
            const double rival = p_.risk.gang.rival_victim_share * recorded_violence_by_members_;
            violent_victims = rival * (members > 0.0 ? members_in_ages / members : 0.0) +
                              (violent_recorded - rival) * victim_share;
        }
        const auto monthly_index = static_cast<std::size_t>(ReferralEvent::monthly);
        const auto victim_index = static_cast<std::size_t>(ReferralEvent::violent_victimisation);
        const auto da_victim_index = static_cast<std::size_t>(ReferralEvent::domestic_abuse_victim);
        events[victim_index] = violent_victims;
        events[da_victim_index] = recorded_this_month_[da] * adult_share;
        for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
            const double per_person = events[monthly_index] > 0.0
                                          ? event_rates[monthly_index][t] / events[monthly_index]
                                          : 0.0;
            event_rates[victim_index][t] = violent_victims * per_person;
            event_rates[da_victim_index][t] =
                da_offender_rate_sum_ > 0.0
                    ? events[da_victim_index] * da_offender_rates_[t] / da_offender_rate_sum_
                    : 0.0;
        }
        if (channel) {
            double vulnerable = 0.0;
            for (std::size_t age = 0; age < population_by_age_.size(); ++age) {
                vulnerable += radicalisation_vulnerable_[age] * share(age);
            }
            events[monthly_index] = vulnerable;
        }
        // People already in the programme or waiting are not referred again:
        // of monthly sources, their share of those eligible; of events, those
        // the participants themselves would have had (at their offending rates;
        // for support to victims of domestic abuse, their abusers').
        const double eligible_pool = events[monthly_index];
        const double not_yet_in =
            eligible_pool > 0.0
                ? std::clamp(1.0 - (caseload + waiting_people) / eligible_pool, 0.0, 1.0)
                : 1.0;
        PerOffenceType<double> participants_rates{};
        for (const ParticipantGroup& group : state.caseload) {
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                participants_rates[t] += group.people * group.rates[t];
            }
        }
        for (const WaitingGroup& group : state.waiting) {
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                participants_rates[t] += group.people * group.rates[t];
            }
        }
        const JusticeParameters& justice = p_.justice;
        auto participants_events = [&](ReferralEvent event) {
            double sanctions = 0.0;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                sanctions += participants_rates[t] * justice.recording_probability[t] *
                             justice.sanction_probability[t];
            }
            switch (event) {
                case ReferralEvent::arrest:
                    return sanctions;
                case ReferralEvent::proven_offence:
                    return sanctions * (justice.adult_out_of_court_share *
                                            (1.0 - justice.adult_community_resolution_share) +
                                        (1.0 - justice.adult_out_of_court_share) *
                                            justice.conviction_probability);
                case ReferralEvent::domestic_abuse_perpetrator:
                    return participants_rates[da] * justice.recording_probability[da] *
                           justice.sanction_probability[da];
                case ReferralEvent::domestic_abuse_victim:
                    return participants_rates[da] * justice.recording_probability[da];
                default:
                    return 0.0;
            }
        };

        double referrals = 0.0;
        PerOffenceType<double> referred_rates{};
        double selected_free_share = 1.0;  // IOM selects people in custody too
        double selected_custody_rate = 0.0;
        double selected_proven_rate = 0.0;
        double monthly_remaining = 1.0;
        for (std::size_t source = 0; source < parameters.referral_sources.size(); ++source) {
            const ReferralSource& referral_source = parameters.referral_sources[source];
            const auto event = static_cast<std::size_t>(referral_source.event);
            double probability = referral_source.probability;
            double share_not_in = not_yet_in;
            if (referral_source.event == ReferralEvent::monthly) {
                // A person is referred by the first monthly source that refers them.
                probability *= monthly_remaining;
                monthly_remaining *= 1.0 - referral_source.probability;
            } else if (events[event] > 0.0) {
                share_not_in = std::clamp(
                    1.0 - participants_events(referral_source.event) / events[event], 0.0, 1.0);
            }
            const double referred = events[event] * probability * share_not_in;
            referrals += referred;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                referred_rates[t] += event_rates[event][t] * probability * share_not_in;
            }
            if (reported(month)) {
                out_.at(month - warmup_months_, layout_.referral_column(p, source)) += referred;
            }
        }
        if (parameters.kind == ProgrammeKind::iom) {
            // Selection by score up to the free places: the candidates are the
            // people qualifying now less the participants who still qualify.
            // Participants still qualifying: at the qualifiers' proven rate
            // before the start and, during it, that lowered by the programme's
            // effect on offending (Poisson counts; README "Two engines").
            const double qualifier_rate =
                inputs.qualifiers > 0.0 ? inputs.qualifier_proven_rate / inputs.qualifiers : 0.0;
            double ratio = 0.0;
            double weight = 0.0;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                ratio += inputs.qualifier_rates[t] * parameters.effects.offending_hazard_ratio[t];
                weight += inputs.qualifier_rates[t];
            }
            const double participant_rate = qualifier_rate * (weight > 0.0 ? ratio / weight : 1.0) *
                                            parameters.effects.detection_multiplier;
            const double participants_qualifying =
                (caseload + waiting_people) *
                participants_still_qualifying(parameters, qualifier_rate, participant_rate);
            const double candidates = std::max(0.0, inputs.qualifiers - participants_qualifying);
            const double free_places = std::max(0.0, capacity - caseload - waiting_people);
            const double selected =
                std::min(candidates, free_places / std::max(parameters.consent_probability, 1e-9));
            referrals += selected;
            // Who is selected: those qualifying for a while first (the highest
            // scores), then those who have just reached the threshold; each with
            // their rates while free, share free and custodial sentences.
            const double from_stock =
                std::min(selected, std::max(0.0, candidates - inputs.crossers));
            const double from_crossers = selected - from_stock;
            double free_weighted = 0.0;
            double custody_weighted = 0.0;
            auto add_selected = [&](double people, double free_people, double still_free,
                                    double all_people, double custody_sum,
                                    const PerOffenceType<double>& rate_sums) {
                if (people <= 0.0 || free_people <= 0.0) {
                    return;
                }
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    referred_rates[t] += people * rate_sums[t] / free_people;
                }
                free_weighted += people * still_free / all_people;
                custody_weighted += people * custody_sum / free_people;
            };
            add_selected(from_stock, inputs.qualifiers_free, inputs.qualifiers_free,
                         inputs.qualifiers, inputs.qualifier_custody_rate, inputs.qualifier_rates);
            add_selected(from_crossers, inputs.crossers_free,
                         inputs.crossers_free - inputs.crossers_sentenced, inputs.crossers,
                         inputs.crosser_custody_rate, inputs.crosser_rates);
            if (selected > 0.0) {
                selected_free_share = free_weighted / selected;
                selected_custody_rate = custody_weighted / selected;
                const double stock_rate = inputs.qualifiers > 0.0
                                              ? inputs.qualifier_proven_rate / inputs.qualifiers
                                              : 0.0;
                const double crosser_rate =
                    inputs.crossers > 0.0 ? inputs.crosser_proven_rate / inputs.crossers : 0.0;
                selected_proven_rate =
                    (from_stock * stock_rate + from_crossers * crosser_rate) / selected;
            }
        }
        double assessed = referrals;
        if (parameters.kind == ProgrammeKind::youth_triage) {
            referrals = inputs.triage_referrals * state.triage_capacity_share;
            assessed = 0.0;  // diversions start at once, below
        }
        count_programme(month, p, ProgrammeMeasure::referrals, referrals);
        if (channel) {
            const double discussed = assessed * parameters.channel_panel_probability;
            count_programme(month, p, ProgrammeMeasure::discussed_at_panel, discussed);
            assessed = discussed * parameters.channel_adoption_probability;
        }
        const double consenting = assessed * parameters.consent_probability;
        if (parameters.kind != ProgrammeKind::youth_triage) {
            count_programme(month, p, ProgrammeMeasure::declined, assessed - consenting);
        }
        if (channel) {
            count_programme(month, p, ProgrammeMeasure::adopted, consenting);
        }
        if (consenting > 0.0) {
            WaitingGroup group{month,
                               consenting,
                               {},
                               selected_free_share,
                               selected_custody_rate,
                               selected_proven_rate};
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                group.rates[t] = referrals > 0.0 ? referred_rates[t] / referrals : 0.0;
            }
            state.waiting.push_back(group);
        }

        // Starts: youth triage at the diversion; others first come, first served.
        ParticipantGroup started{month, 0.0, {}};
        if (parameters.kind == ProgrammeKind::youth_triage) {
            started.people = inputs.diversions;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                started.rates[t] =
                    inputs.diversions > 0.0 ? inputs.diverted_rates[t] / inputs.diversions : 0.0;
            }
            count_programme(month, p, ProgrammeMeasure::declined,
                            std::max(0.0, referrals - inputs.diversions));
            count_programme(month, p, ProgrammeMeasure::diversions, inputs.diversions);
            count_programme(month, p, ProgrammeMeasure::first_time_entrants_avoided,
                            inputs.first_time_entrants_avoided);
        } else {
            double free_places = std::max(0.0, capacity - caseload);
            double free_sum = 0.0;
            double custody_sum = 0.0;
            double proven_sum = 0.0;
            for (WaitingGroup& group : state.waiting) {
                if (month - group.referred > parameters.max_wait_months) {
                    group.people = 0.0;  // waited too long
                    continue;
                }
                const double starting = std::min(group.people, free_places);
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    started.rates[t] += starting * group.rates[t];
                }
                free_sum += starting * group.free_share;
                proven_sum += starting * group.proven_rate;
                custody_sum += starting * group.custody_rate;
                started.people += starting;
                group.people -= starting;
                free_places -= starting;
            }
            for (double& rate : started.rates) {
                rate = started.people > 0.0 ? rate / started.people : 0.0;
            }
            if (started.people > 0.0) {
                started.free_share = free_sum / started.people;
                started.custody_rate = custody_sum / started.people;
                started.proven_rate = proven_sum / started.people;
            }
            std::erase_if(state.waiting,
                          [](const WaitingGroup& group) { return group.people <= 1e-12; });
        }
        count_programme(month, p, ProgrammeMeasure::starts, started.people);
        if (started.people > 0.0) {
            state.caseload.push_back(started);
            caseload += started.people;
        }
        if (parameters.kind == ProgrammeKind::youth_triage) {
            // Places for next month's would-be diversions.
            const double would_divert = inputs.triage_referrals * parameters.consent_probability;
            const double room = std::max(0.0, capacity - caseload);
            state.triage_capacity_share =
                would_divert > 0.0 ? std::clamp(room / would_divert, 0.0, 1.0) : 1.0;
        }
        if (parameters.kind == ProgrammeKind::iom && started.people > 0.0) {
            // Expected proven reoffenders among the starters (MoJ measure).
            const double proven_rate = started.proven_rate;
            double ratio = 0.0;
            double weight = 0.0;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                ratio += started.rates[t] * parameters.effects.offending_hazard_ratio[t];
                weight += started.rates[t];
            }
            ratio = weight > 0.0 ? ratio / weight : 1.0;
            const double reoffending = reoffending_probability(
                proven_rate * ratio * parameters.effects.detection_multiplier, false);
            state.starts_by_month[static_cast<std::size_t>(month)] += started.people;
            state.reoffenders_by_month[static_cast<std::size_t>(month)] +=
                started.people * reoffending;
        }
        double waiting_after = 0.0;
        for (const WaitingGroup& group : state.waiting) {
            waiting_after += group.people;
        }
        count_programme(month, p, ProgrammeMeasure::completions, completions);
        count_programme(month, p, ProgrammeMeasure::exits, exits);
        count_programme(month, p, ProgrammeMeasure::caseload, caseload);
        count_programme(month, p, ProgrammeMeasure::waiting_list, waiting_after);
    }
}

void CohortRun::finish_programmes() {
    const int first_quarter_month = (3 - calendar_month(0) % 3) % 3;
    for (std::size_t p = 0; p < programmes_.size(); ++p) {
        if (p_.programmes[p].kind != ProgrammeKind::iom) {
            continue;
        }
        const ProgrammeState& state = programmes_[p];
        std::vector<QuarterMeasure> quarters;
        for (int start = first_quarter_month;
             start + 2 + kFollowUpMonths + kWaitingMonths <= total_months_ - 1; start += 3) {
            QuarterMeasure quarter{start, 0.0, 0.0};
            for (int month = start; month < start + 3; ++month) {
                quarter.offenders += state.starts_by_month[static_cast<std::size_t>(month)];
                quarter.reoffenders += state.reoffenders_by_month[static_cast<std::size_t>(month)];
            }
            quarters.push_back(quarter);
        }
        write_reoffending_measure(out_, iom_cohort_columns(layout_, p), warmup_months_, quarters);
    }
}

}  // namespace vrsim::model::cohort
