// The cohort engine's run and month: the compartments' month
// (cohort_compartments.cpp), summed by age into the month's outcomes and the
// programmes' referrals; once a year everyone moves up a year of age.
#include "vrsim/model/cohort.hpp"

#include <algorithm>
#include <cmath>

#include "cohort_math.hpp"
#include "cohort_run.hpp"
#include "shared_rules.hpp"

namespace vrsim::model {

namespace cohort {

CohortRun::CohortRun(const Parameters& parameters, const CohortOptions& options,
                     MonthlyOutcomes& out)
    : p_(parameters),
      out_(out),
      layout_(parameters),
      cells_(make_layout(parameters, options.risk_tiers)),
      warmup_months_(parameters.simulation.warmup_months),
      total_months_(parameters.simulation.warmup_months + parameters.simulation.horizon_months) {
    const OffendingParameters& offending = p_.offending;
    base_type_shares_ = type_shares(p_, cells_, 1.0, 1.0);
    prepare_prevention();
    mixes_ = offence_mixes(p_);
    desistance_probability_ = 1.0 - std::exp(-1.0 / offending.career_mean_months);
    gang_leave_probability_ = 1.0 - std::exp(-1.0 / p_.risk.gang.membership_mean_months);
    recall_return_probability_ = 1.0 / std::max(1, p_.justice.recall_months);
    partner_age_years_ = offending.domestic_abuse_min_age_years;
    prepare_tables();

    // Custody and licence until the first sentences: the stays of an adult mix.
    double entries = 0.0;
    double custody_months = 0.0;
    double licence_months = 0.0;
    for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
        const double weight = mixes_[0][type] * p_.justice.recording_probability[type] *
                              p_.justice.sanction_probability[type] *
                              p_.justice.custody_probability[type];
        entries += weight;
        custody_months += weight * custody_months_by_type_[type];
        licence_months += weight * licence_months_by_type_[type];
    }
    custody_release_probability_ = entries > 0.0 ? std::min(1.0, entries / custody_months) : 1.0;
    licence_end_probability_ =
        entries > 0.0 ? std::min(1.0, entries / std::max(licence_months, entries)) : 1.0;

    mass_.assign(cells_.cells(), 0.0);
    priors_.assign(cells_.cells(), 0.0);
    pending_.assign(cells_.cells(), 0.0);
    // Charge to court: round(Exp(mean)) months, as justice.cpp: none with
    // chance 1 - exp(-0.5 / mean), then a constant chance each month.
    const double court_mean = p_.justice.charge_to_sentence_mean_months;
    court_same_month_ = court_mean > 0.0 ? 1.0 - std::exp(-0.5 / court_mean) : 1.0;
    court_hazard_ = court_mean > 0.0 ? 1.0 - std::exp(-1.0 / court_mean) : 1.0;
    prepare_programmes();
    prepare_age_units();
}

double CohortRun::programme_share(std::size_t programme, std::size_t age_index,
                                  bool in_gang) const {
    const double share = current_ages_->at(age_index).programme_share[programme];
    switch (p_.programmes[programme].kind) {
        case ProgrammeKind::gang_exit:
            return in_gang ? share : 0.0;
        case ProgrammeKind::channel:
        case ProgrammeKind::youth_triage:
        case ProgrammeKind::prevention:
            return 0.0;  // referred from radicalisation, at arrest, or not at all
        default:
            return share;
    }
}

double CohortRun::reoffending_probability(double proven_rate, bool desisted) const {
    // Expected proven offences in the 12 months after the index event, careers
    // ending meanwhile; the chance of at least one.
    return chance_of_any(proven_rate * (desisted ? follow_up_desisted_ : follow_up_active_));
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
        out_.at(month, Outcome::victims) = std::nan("");
        out_.at(month, Outcome::repeat_victims) = std::nan("");
    }
    const int first_quarter_month = (3 - calendar_month(0) % 3) % 3;
    std::vector<QuarterMeasure> measures;
    for (int start = first_quarter_month;
         start + 2 + kFollowUpMonths + kWaitingMonths <= total_months_ - 1; start += 3) {
        const auto quarter = static_cast<std::size_t>((start - first_quarter_month) / 3);
        measures.push_back(
            {start, reoffending_offenders_[quarter], reoffending_reoffenders_[quarter]});
    }
    write_reoffending_measure(out_, kProvenReoffendingColumns, warmup_months_, measures);
}

void CohortRun::age_everyone() {
    // Single years move up a compartment, the last of them into the first
    // band; a band passes on its oldest year's share (tables), the last one
    // out of the model at the maximum age. Bands first, oldest first, so
    // that each passes on what it held before.
    const std::size_t block = cells_.age_block;
    const auto ages = static_cast<std::size_t>(cells_.ages);
    const auto singles = static_cast<std::size_t>(cells_.single_years);
    auto age_values = [&](std::vector<double>& values, std::size_t width) {
        auto at = [&](std::size_t age) {
            return values.begin() + static_cast<std::ptrdiff_t>(age * width);
        };
        for (std::size_t age = ages; age-- > singles;) {
            const double moving = band_oldest_share_[age];
            for (std::size_t i = 0; i < width; ++i) {
                const double passed = at(age)[static_cast<std::ptrdiff_t>(i)] * moving;
                at(age)[static_cast<std::ptrdiff_t>(i)] -= passed;
                if (age + 1 < ages) {
                    at(age + 1)[static_cast<std::ptrdiff_t>(i)] += passed;
                }
            }
        }
        if (singles == 0) {
            return;
        }
        if (singles < ages) {
            for (std::size_t i = 0; i < width; ++i) {
                at(singles)[static_cast<std::ptrdiff_t>(i)] +=
                    at(singles - 1)[static_cast<std::ptrdiff_t>(i)];
            }
        }
        std::move_backward(at(0), at(singles - 1), at(singles));
        std::fill(at(0), at(1), 0.0);
    };
    age_values(mass_, block);
    age_values(priors_, block);
    age_values(pending_, block);
    age_values(radicalisation_waiting_, 1);
    age_values(radicalisation_vulnerable_, 1);
}

void CohortRun::step(int month) {
    if (month > 0 && month % 12 == 0) {
        age_everyone();
    }
    current_ages_ = &ages_[static_cast<std::size_t>(month % 12)];
    current_units_ = &age_units_[static_cast<std::size_t>(month % 12)];
    {
        // Reoffending cohorts are calendar quarters from the first whole one.
        const int first_quarter_month = (3 - calendar_month(0) % 3) % 3;
        const auto quarter = static_cast<std::size_t>((month - first_quarter_month) / 3);
        index_quarter_ = month >= first_quarter_month && quarter < reoffending_offenders_.size()
                             ? static_cast<std::ptrdiff_t>(quarter)
                             : -1;
    }
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
    BlockCounts counts;
    committed_this_month_.fill(0.0);
    for (int age = 0; age < cells_.ages; ++age) {
        // Offences and referral events are summed over an age's risk types and
        // split by type once: within a gang state they are rate x weights.
        AgeGroups groups;
        for (int group = 0; group < kRiskGroups; ++group) {
            process_group(month, age, group, counts, groups);
        }
        for (std::size_t g = 0; g < 2; ++g) {
            flush_group(static_cast<std::size_t>(age), g == 1, groups.weights[g], groups.sums[g]);
        }
    }
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
        for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
            const auto offence = static_cast<OffenceType>(t);
            outcome(month, Outcome::offences_committed) += committed_this_month_[t];
            outcome(month, committed_outcome(offence)) += committed_this_month_[t];
            outcome(month, static_cast<Outcome>(t)) += recorded_this_month_[t];
            outcome(month, Outcome::recorded_total) += recorded_this_month_[t];
            if (is_violence_against_the_person(offence)) {
                outcome(month, Outcome::recorded_violence_against_the_person) +=
                    recorded_this_month_[t];
            }
        }
        outcome(month, Outcome::proven_offences) += counts.proven;
        outcome(month, Outcome::out_of_court_disposals) += counts.out_of_court;
        outcome(month, Outcome::convictions) += counts.convictions;
        outcome(month, Outcome::custodial_sentences) += counts.custodial_sentences;
        outcome(month, Outcome::first_time_entrants_youth) += counts.first_time_youth;
        outcome(month, Outcome::first_time_entrants_adult) += counts.first_time_adult;
        outcome(month, Outcome::active_offenders) += counts.active_offenders;
        outcome(month, Outcome::custody_population) += counts.custody;
        outcome(month, Outcome::licence_population) += counts.licence;
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

void CohortRun::flush_group(std::size_t age_index, bool in_gang,
                            const PerOffenceType<double>& weights, const GroupSums& group) {
    if (group.people <= 0.0) {
        return;
    }
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
        committed_this_month_[t] += committed;
        // Members' violence against the person picks rival gang members first.
        if (in_gang && offence != OffenceType::domestic_abuse &&
            is_violence_against_the_person(offence)) {
            recorded_violence_by_members_ += recorded;
        }
        // The abusers' own offending, for support that acts on them.
        da_offender_rates_[t] += group.people_rate_squared * weights[da] *
                                 justice.recording_probability[da] * weights[t];
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
            inputs.qualifiers_free += group.qualifiers_free * share;
            inputs.qualifier_custody_rate += group.qualifier_custody * share;
            inputs.crossers += group.crossers * share;
            inputs.crossers_free += group.crossers_free * share;
            inputs.crossers_sentenced += group.crossers_sentenced * share;
            inputs.crosser_proven_rate += group.crosser_proven * share;
            inputs.crosser_custody_rate += group.crosser_custody * share;
            for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                inputs.qualifier_rates[t] += group.qualifier_rate * share * weights[t];
                inputs.crosser_rates[t] += group.crosser_rate * share * weights[t];
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
