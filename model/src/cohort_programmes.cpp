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

#include "cohort_run.hpp"

namespace vrsim::model::cohort {

namespace {

// Chance that time in programme (max(1, round(Exp(mean))) months, as the
// agent-based engine) is at least `months`.
double duration_at_least(double mean_months, int months) {
    return months <= 1 ? 1.0 : std::exp(-(months - 0.5) / mean_months);
}

}  // namespace

void CohortRun::prepare_programmes() {
    const std::size_t count = p_.programmes.size();
    programmes_.assign(count, ProgrammeState{});
    inputs_.assign(count, ProgrammeInputs{});
    eligible_share_.assign(count, std::vector<double>(static_cast<std::size_t>(cells_.ages), 0.0));
    triage_programme_ = -1;
    for (std::size_t p = 0; p < count; ++p) {
        const ProgrammeParameters& programme = p_.programmes[p];
        for (int age = 0; age < cells_.ages; ++age) {
            const double lower = age + kAgeOfCriminalResponsibility;
            const double overlap = std::min(lower + 1.0, programme.max_age_years) -
                                   std::max(lower, programme.min_age_years);
            eligible_share_[p][static_cast<std::size_t>(age)] = std::clamp(overlap, 0.0, 1.0);
        }
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

void CohortRun::apply_programme_effects(int month) {
    // Participants offend at their rates x the hazard ratio; the difference,
    // and what still fades after exit, comes off the month's counts.
    PerOffenceType<double> prevented{};
    for (std::size_t p = 0; p < programmes_.size(); ++p) {
        const ProgrammeEffects& effects = p_.programmes[p].effects;
        ProgrammeState& state = programmes_[p];
        for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
            const double reduction = 1.0 - effects.offending_hazard_ratio[t];
            for (const ParticipantGroup& group : state.caseload) {
                if (group.start < month) {
                    prevented[t] += group.people * group.rates[t] * reduction;
                }
            }
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
        // agent-based engine draws them (ages spread evenly over each year).
        for (std::size_t age = 0; age < ages; ++age) {
            double waiting = 0.0;
            double vulnerable = 0.0;
            for (int k = 0; k < 12; ++k) {
                const int months = (static_cast<int>(age) + kAgeOfCriminalResponsibility) * 12 + k;
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
            radicalisation_waiting_[age] =
                radicalisation.vulnerable_probability * waiting / 12.0 * population_by_age_[age];
            radicalisation_vulnerable_[age] =
                radicalisation.vulnerable_probability * vulnerable / 12.0 * population_by_age_[age];
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
    const double survival_month = reported(month) ? 1.0 : 0.0;
    std::vector<double> next_waiting(ages, 0.0);
    std::vector<double> next_vulnerable(ages, 0.0);
    for (std::size_t age = 0; age < ages; ++age) {
        const int first_month = (static_cast<int>(age) + kAgeOfCriminalResponsibility) * 12;
        double waiting_share = 0.0;
        double starting_share = 0.0;
        for (int months = first_month; months < first_month + 12; ++months) {
            waiting_share +=
                std::clamp((onset_last - std::max(months, onset_first)) / onset_span, 0.0, 1.0);
            starting_share += months >= onset_first && months < onset_last ? 1.0 / onset_span : 0.0;
        }
        const double onset_hazard =
            first_month + 12 >= onset_last
                ? 1.0
                : (waiting_share > 0.0 ? starting_share / waiting_share : 0.0);
        const double waiting = radicalisation_waiting_[age];
        const double vulnerable = radicalisation_vulnerable_[age];
        vulnerable_now += vulnerable;
        const double progressing = vulnerable * progression;
        progressed += progressing;
        const double starting = waiting * onset_hazard;
        const double staying = (vulnerable - progressing) * (1.0 - end_probability) + starting;
        const double survival = 1.0 - survival_month * death_probability_[age];
        const double ageing = 1.0 / 12.0;
        next_waiting[age] += (waiting - starting) * survival * (1.0 - ageing);
        next_vulnerable[age] += staying * survival * (1.0 - ageing);
        if (age + 1 < ages) {
            next_waiting[age + 1] += (waiting - starting) * survival * ageing;
            next_vulnerable[age + 1] += staying * survival * ageing;
        }
    }
    progressed = std::max(0.0, progressed - channel_ratio_effect);
    radicalisation_waiting_.swap(next_waiting);
    radicalisation_vulnerable_.swap(next_vulnerable);
    if (reported(month)) {
        outcome(month, Outcome::radicalisation_vulnerable) = vulnerable_now;
        outcome(month, Outcome::radicalised) = progressed;
    }
}

void CohortRun::run_programmes(int month) {
    // Victims' ages follow the victimisation weights of the age bands.
    const PlaceParameters& place = p_.place;
    auto victim_weight = [&](std::size_t age) {
        const double years = static_cast<double>(age) + kAgeOfCriminalResponsibility;
        const auto upper =
            std::upper_bound(place.age_band_lower.begin(), place.age_band_lower.end(), years);
        const auto band = static_cast<std::size_t>(
            std::max<std::ptrdiff_t>(0, upper - place.age_band_lower.begin() - 1));
        return population_by_age_[age] * p_.victims.age_band_victimisation[band];
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
        if (static_cast<int>(age) >= partner_age_index_) {
            adults += population_by_age_[age];
        }
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
        const std::vector<double>& share = eligible_share_[p];
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
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    // Fading starts after the month of exit, as 1 - (1 - h) e^{-t/fade}.
                    state.fading[t] += people * group.rates[t] *
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
        for (std::size_t age = 0; age < share.size(); ++age) {
            if (victim_weight_total > 0.0) {
                double weight = victim_weight(age);
                if (parameters.kind == ProgrammeKind::gang_exit && population_by_age_[age] > 0.0) {
                    weight *= gang_members_by_age_[age] / population_by_age_[age];
                }
                victim_share += weight * share[age] / victim_weight_total;
            }
            if (adults > 0.0 && static_cast<int>(age) >= partner_age_index_) {
                adult_share += population_by_age_[age] * share[age] / adults;
            }
        }
        double violent_victims = violent_recorded * victim_share;
        if (parameters.kind == ProgrammeKind::gang_exit) {
            violent_victims = p_.risk.gang.rival_victim_share * recorded_violence_by_members_ +
                              (violent_recorded -
                               p_.risk.gang.rival_victim_share * recorded_violence_by_members_) *
                                  victim_share;
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
            for (std::size_t age = 0; age < share.size(); ++age) {
                vulnerable += radicalisation_vulnerable_[age] * share[age];
            }
            events[monthly_index] = vulnerable;
        }
        // People already in the programme or waiting are not referred again.
        const double eligible_pool = channel ? events[monthly_index] : events[monthly_index];
        const double not_yet_in =
            eligible_pool > 0.0
                ? std::clamp(1.0 - (caseload + waiting_people) / eligible_pool, 0.0, 1.0)
                : 1.0;

        double referrals = 0.0;
        PerOffenceType<double> referred_rates{};
        double monthly_remaining = 1.0;
        for (std::size_t source = 0; source < parameters.referral_sources.size(); ++source) {
            const ReferralSource& referral_source = parameters.referral_sources[source];
            const auto event = static_cast<std::size_t>(referral_source.event);
            double probability = referral_source.probability;
            if (referral_source.event == ReferralEvent::monthly) {
                // A person is referred by the first monthly source that refers them.
                probability *= monthly_remaining;
                monthly_remaining *= 1.0 - referral_source.probability;
            }
            const double referred = events[event] * probability * not_yet_in;
            referrals += referred;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                referred_rates[t] += event_rates[event][t] * probability * not_yet_in;
            }
            if (reported(month)) {
                out_.at(month - warmup_months_, layout_.referral_column(p, source)) += referred;
            }
        }
        if (parameters.kind == ProgrammeKind::iom) {
            // Selection by score up to the free places; decliners make room for more.
            const double candidates = std::max(0.0, inputs.qualifiers - caseload - waiting_people);
            const double free_places = std::max(0.0, capacity - caseload - waiting_people);
            const double selected =
                std::min(candidates, free_places / std::max(parameters.consent_probability, 1e-9));
            referrals += selected;
            if (inputs.qualifiers > 0.0) {
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    referred_rates[t] += selected * inputs.qualifier_rates[t] / inputs.qualifiers;
                }
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
            WaitingGroup group{month, consenting, {}};
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
            for (WaitingGroup& group : state.waiting) {
                if (month - group.referred > parameters.max_wait_months) {
                    group.people = 0.0;  // waited too long
                    continue;
                }
                const double starting = std::min(group.people, free_places);
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    started.rates[t] += starting * group.rates[t];
                }
                started.people += starting;
                group.people -= starting;
                free_places -= starting;
            }
            for (double& rate : started.rates) {
                rate = started.people > 0.0 ? rate / started.people : 0.0;
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
            const double proven_rate =
                inputs.qualifiers > 0.0 ? inputs.qualifier_proven_rate / inputs.qualifiers : 0.0;
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
        const std::size_t cohort_column =
            layout_.programme_column(p, ProgrammeMeasure::cohort_reoffending_cohort);
        const std::size_t reoffenders_column =
            layout_.programme_column(p, ProgrammeMeasure::cohort_reoffenders);
        const std::size_t rate_column =
            layout_.programme_column(p, ProgrammeMeasure::cohort_reoffending_rate);
        for (int month = 0; month < p_.simulation.horizon_months; ++month) {
            out_.at(month, cohort_column) = std::nan("");
            out_.at(month, reoffenders_column) = std::nan("");
            out_.at(month, rate_column) = std::nan("");
        }
        const ProgrammeState& state = programmes_[p];
        for (int start = first_quarter_month;
             start + 2 + kFollowUpMonths + kWaitingMonths <= total_months_ - 1; start += 3) {
            if (!reported(start)) {
                continue;
            }
            double starters = 0.0;
            double reoffenders = 0.0;
            for (int month = start; month < start + 3; ++month) {
                starters += state.starts_by_month[static_cast<std::size_t>(month)];
                reoffenders += state.reoffenders_by_month[static_cast<std::size_t>(month)];
            }
            const int row = start + 2 - warmup_months_;
            out_.at(row, cohort_column) = starters;
            out_.at(row, reoffenders_column) = reoffenders;
            if (starters > 0.0) {
                out_.at(row, rate_column) = reoffenders / starters;
            }
        }
    }
}

}  // namespace vrsim::model::cohort
