// The cohort engine's month: offending and justice on each compartment as
// expected flows, then careers ending, gangs and deaths; once a year everyone
// moves up a year of age. Within a month a person's offences, sanctions and
// proven offences are Poisson with the compartment's rates, so the chance of
// moving (e.g. of a first proven offence) is 1 - exp(-rate). Compartments of
// different ages and risk types do not interact within a month, so each is
// updated in place.
#include "vrsim/model/cohort.hpp"

#include <algorithm>
#include <cmath>

#include "cohort_run.hpp"
#include "shared_rules.hpp"

namespace vrsim::model {

namespace cohort {

namespace {

// 1 - exp(-z) for z >= 0: by its series to z^3 where z < 1e-3 (truncation
// error z^3/24 relative, below 5e-11), which most compartments' monthly rates
// are, sparing the exp.
inline double chance_of_any(double z) {
    if (z < 1e-3) {
        return z * (1.0 - z * (0.5 - z * (1.0 / 6.0)));
    }
    return -std::expm1(-z);
}

// A point on the grid 0, 1/kPriorSteps, ... of tables of `size` entries, for
// linear interpolation in several tables at the same prior record.
struct PriorPoint {
    std::size_t below = 0;
    double fraction = 0.0;  // towards the next entry; 0 at the table's end
    double of(const std::vector<double>& table) const {
        return fraction > 0.0 ? table[below] + fraction * (table[below + 1] - table[below])
                              : table[below];
    }
};
PriorPoint prior_point(std::size_t size, double prior) {
    const double position = std::clamp(prior * kPriorSteps, 0.0, static_cast<double>(size) - 1.0);
    const auto below = static_cast<std::size_t>(position);
    if (below + 1 >= size) {
        return {size - 1, 0.0};
    }
    return {below, position - static_cast<double>(below)};
}

}  // namespace

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

RateTerms CohortRun::rate_terms(const AgeUnits& units, double rate, bool desisted,
                                double triage_thinning, bool count) const {
    RateTerms terms;
    terms.rate = rate;
    terms.offending_rate = rate * units.offending;
    terms.usual_proven_rate = rate * units.proven;
    if (count) {
        terms.offended_in_year = chance_of_any(12.0 * terms.offending_rate);
    }
    if (index_quarter_ >= 0) {
        terms.reoffending = reoffending_probability(terms.usual_proven_rate, desisted);
    }
    const double mean = 12.0 * terms.usual_proven_rate;
    // 3 or more in a year: under 1e-10 a person where the mean is below 1e-3.
    terms.iom_counted = units.iom_share > 0.0 && mean >= 1e-3;
    if (terms.iom_counted) {
        const double none = std::exp(-mean);
        terms.qualifying = 1.0 - none * (1.0 + mean + mean * mean / 2.0);
        terms.crossing = terms.usual_proven_rate * none * mean * mean / 2.0;
        terms.per_proven_rate = 1.0 / terms.usual_proven_rate;  // mean > 0 here
    }
    double thinning = 0.0;
    if (units.triage_sanctions > 0.0) {
        const double triage_rate = rate * units.triage_sanctions;
        terms.triage_referral = chance_of_any(triage_rate);
        thinning = triage_thinning;
        terms.triage_diversion = chance_of_any(triage_rate * thinning);
    }
    terms.never_no_offence =
        1.0 - chance_of_any(terms.offending_rate - rate * units.triage_sanctions * thinning);
    return terms;
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

void CohortRun::age_everyone() {
    // Everyone moves up a compartment; the oldest leave at the maximum age.
    const std::size_t block = cells_.age_block;
    std::move_backward(mass_.begin(), mass_.end() - static_cast<std::ptrdiff_t>(block),
                       mass_.end());
    std::move_backward(priors_.begin(), priors_.end() - static_cast<std::ptrdiff_t>(block),
                       priors_.end());
    std::fill(mass_.begin(), mass_.begin() + static_cast<std::ptrdiff_t>(block), 0.0);
    std::fill(priors_.begin(), priors_.begin() + static_cast<std::ptrdiff_t>(block), 0.0);
    std::move_backward(pending_.begin(), pending_.end() - static_cast<std::ptrdiff_t>(block),
                       pending_.end());
    std::fill(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(block), 0.0);
    std::move_backward(radicalisation_waiting_.begin(), radicalisation_waiting_.end() - 1,
                       radicalisation_waiting_.end());
    std::move_backward(radicalisation_vulnerable_.begin(), radicalisation_vulnerable_.end() - 1,
                       radicalisation_vulnerable_.end());
    radicalisation_waiting_.front() = 0.0;
    radicalisation_vulnerable_.front() = 0.0;
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
        for (std::size_t type = 0; type < cells_.types.size(); ++type) {
            process_block(month, age, type, counts, groups);
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

void CohortRun::process_block(int month, int age, std::size_t type, BlockCounts& counts,
                              AgeGroups& groups) {
    const RiskType& risk_type = cells_.types[type];
    const int gang_states = cells_.gang_states(type);
    const auto age_index = static_cast<std::size_t>(age);
    const AgeMix& mix = (*current_ages_)[age_index];
    const OffendingParameters& offending = p_.offending;
    const JusticeParameters& justice = p_.justice;
    const bool count = reported(month);

    // A block with nobody in it (negligible compartments are dropped) stays
    // empty: nothing to count, nobody to move.
    const std::size_t first_cell = cells_.cell(age, type, 0, 0);
    const std::size_t block_cells = static_cast<std::size_t>(gang_states * kStatusCount);
    const auto block_mass = mass_.begin() + static_cast<std::ptrdiff_t>(first_cell);
    if (std::all_of(block_mass, block_mass + static_cast<std::ptrdiff_t>(block_cells),
                    [](double x) { return x <= kNegligiblePeople; })) {
        std::fill_n(block_mass, block_cells, 0.0);
        std::fill_n(priors_.begin() + static_cast<std::ptrdiff_t>(first_cell), block_cells, 0.0);
        std::fill_n(pending_.begin() + static_cast<std::ptrdiff_t>(first_cell), block_cells, 0.0);
        return;
    }

    // The share of would-be diversions by youth triage that consent and find a
    // place (its eligible share of the age is in the age's units).
    const ProgrammeParameters* triage =
        triage_programme_ >= 0 ? &p_.programmes[static_cast<std::size_t>(triage_programme_)]
                               : nullptr;
    const double triage_thinning =
        triage != nullptr
            ? triage->consent_probability *
                  programmes_[static_cast<std::size_t>(triage_programme_)].triage_capacity_share
            : 0.0;

    // The block's people after this month's offending and justice, by gang
    // state and status, before careers end, gangs change and deaths.
    std::array<std::array<Carried, kStatusCount>, 3> after{};

    for (int gang = 0; gang < gang_states; ++gang) {
        const bool in_gang = gang == member;
        const std::size_t g = in_gang ? 1 : 0;
        const AgeUnits& blend = (*current_units_)[age_index * 2 + g];
        const double youth_proven_share = blend.youth_proven_share;
        const double unit_rate = offending.base_rate_per_month * risk_type.rate_multiplier *
                                 (in_gang ? p_.risk.gang.offending_multiplier : 1.0) *
                                 mix.age_curve;
        GroupSums& group = groups.sums[g];
        groups.weights[g] = blend.weights;
        auto& row = after[static_cast<std::size_t>(gang)];
        double released = 0.0;  // from custody, a referral event
        const std::array<RateTerms, 2> career_terms = {
            rate_terms(blend, unit_rate, false, triage_thinning, count),
            rate_terms(blend, unit_rate * offending.desisted_multiplier, true, triage_thinning,
                       count)};
        for (int status = 0; status < kStatusCount; ++status) {
            const std::size_t cell = cells_.cell(age, type, gang, status);
            const double x = mass_[cell];
            if (x <= kNegligiblePeople) {
                continue;  // dropped: at most ~1e-4 people over a run
            }
            const double per_person = 1.0 / x;  // one division, then products
            const double priors = priors_[cell];
            const double pending = pending_[cell];
            const bool desisted = is_desisted(status);
            const bool record = has_record(status);
            const RateTerms& terms = career_terms[desisted ? 1 : 0];
            const double rate = terms.rate;
            // Court: cases charged in earlier months come up; convictions prove
            // offences and may send the person to custody, with the record they
            // have by then.
            double custody_per_conviction = blend.custody_per_conviction_clean;
            double stay_months = blend.stay_months_clean;
            double licence_months = blend.licence_months_clean;
            if (record) {
                const PriorPoint point = prior_point(blend.custody.size(), priors * per_person);
                const double custody_unit = point.of(blend.custody);
                custody_per_conviction = 0.0;
                stay_months = 0.0;
                licence_months = 0.0;
                if (blend.convictions > 0.0 && custody_unit > 0.0) {
                    const double per_sentence = 1.0 / custody_unit;
                    custody_per_conviction = custody_unit * blend.per_conviction;
                    stay_months = point.of(blend.custody_months) * per_sentence;
                    licence_months = point.of(blend.licence_months) * per_sentence;
                }
            }
            const double conviction_share = blend.conviction_share;
            auto court = [&](double due_cases, double& convictions, double& sentences) {
                convictions = due_cases * conviction_share;
                sentences = convictions * custody_per_conviction;
                counts.proven += convictions;
                counts.convictions += convictions;
                counts.custodial_sentences += sentences;
                sentences_this_month_ += sentences;
                custody_months_this_month_ += sentences * stay_months;
                licence_months_this_month_ += sentences * licence_months;
            };
            auto move = [&](int to, double share_of_cell, double extra_priors = 0.0,
                            double extra_pending = 0.0) {
                Carried& into = row[static_cast<std::size_t>(to)];
                into.people += x * share_of_cell;
                into.priors += priors * share_of_cell + extra_priors;
                into.pending += extra_pending;
            };

            // IOM scores proven offences over the last 12 months, whether the
            // person is free or inside: Poisson counts over the window, qualifying
            // with 3 or more, reaching 3 with a proven offence on top of 2.
            // For what they do while in it: how many are free, their custodial
            // sentences and offending while free.
            auto count_qualifiers = [&](bool free, double custody_rate) {
                if (!terms.iom_counted) {
                    return;
                }
                const double usual_proven_rate = terms.usual_proven_rate;
                const double qualifying = x * terms.qualifying;
                const double crossing = x * terms.crossing;
                group.crossers += crossing;
                group.crosser_proven += crossing * usual_proven_rate;
                group.qualifiers += qualifying;
                group.qualifier_proven += qualifying * usual_proven_rate;
                if (free) {
                    group.qualifiers_free += qualifying;
                    group.qualifier_custody += qualifying * custody_rate;
                    group.qualifier_rate += qualifying * rate;
                    group.crossers_free += crossing;
                    // The offence that reaches the threshold may itself bring custody.
                    group.crossers_sentenced +=
                        usual_proven_rate > 0.0
                            ? crossing * std::min(1.0, custody_rate * terms.per_proven_rate)
                            : 0.0;
                    group.crosser_custody += crossing * custody_rate;
                    group.crosser_rate += crossing * rate;
                }
            };

            if (is_locked_up(status)) {
                count_qualifiers(false, 0.0);
                // Cases still coming to court run concurrently with the sentence.
                const double due = pending * court_hazard_;
                double convictions = 0.0;
                double sentences = 0.0;
                court(due, convictions, sentences);
                const double pending_left = pending - due;
                const bool recalled = status == active_recalled || status == desisted_recalled;
                const double out_probability =
                    recalled ? recall_return_probability_ : custody_release_probability_;
                move(licence_of(desisted), out_probability, convictions * out_probability,
                     pending_left * out_probability);
                move(status, 1.0 - out_probability, convictions * (1.0 - out_probability),
                     pending_left * (1.0 - out_probability));
                if (!recalled && out_probability > 0.0) {
                    // A release is a reoffending index event and may refer people on.
                    const double leaving = x * out_probability;
                    add_index_events_now(leaving, terms);
                    released += leaving;
                }
                continue;
            }
            group.people += x;
            group.people_rate += x * rate;
            group.people_rate_squared += x * rate * rate;

            // Youth triage diverts a first arrest for a lower-gravity offence;
            // by Poisson thinning, the people with no diverted sanction have
            // the other sanctions at their usual rates.
            const bool first_arrest_possible =
                status == never || status == active_clean || status == desisted_clean;
            double diverted = 0.0;
            double thinning = 0.0;
            if (first_arrest_possible && blend.triage_sanctions > 0.0) {
                ProgrammeInputs& inputs = inputs_[static_cast<std::size_t>(triage_programme_)];
                inputs.triage_referrals += x * terms.triage_referral;
                thinning = triage_thinning;
                diverted = x * terms.triage_diversion;
                inputs.diversions += diverted;
                inputs.first_time_entrants_avoided += diverted * blend.triage_proven_share;
                for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
                    inputs.diverted_rates[t] += diverted * rate * blend.weights[t];
                }
            }
            const double formal_people = x - diverted;
            const double cautions =
                formal_people * rate * (blend.cautions - thinning * blend.triage_cautions);
            const double new_charges =
                formal_people * rate * (blend.charges - thinning * blend.triage_charges);
            const double due = pending * court_hazard_ + new_charges * court_same_month_;
            const double pending_left =
                pending * (1.0 - court_hazard_) + new_charges * (1.0 - court_same_month_);
            double convictions = 0.0;
            double sentences = 0.0;
            court(due, convictions, sentences);
            const double proven_events = cautions + convictions;
            counts.proven += cautions;
            counts.out_of_court +=
                formal_people * rate * (blend.out_of_court - thinning * blend.triage_out_of_court);
            if (count) {
                // People who offended in the last 12 months, at this month's rate.
                counts.active_offenders += x * terms.offended_in_year;
            }
            // Per person this month: proven offences and custodial sentences.
            const double proven_rate = proven_events * per_person;
            const double custody_rate = sentences * per_person;
            add_index_events_now(proven_events - sentences, terms);
            group.proven += proven_events;
            group.proven_rate += proven_events * rate;
            count_qualifiers(true, custody_rate);

            // Where the people go; new proven offences join the record of those
            // who have them, cases still to come follow the people who offended.
            const double p_custody = chance_of_any(custody_rate);
            const double p_proven = std::max(p_custody, chance_of_any(proven_rate));
            if (!record) {
                const double formal_share = formal_people * per_person;
                const double to_custody = formal_share * p_custody;
                const double to_record = formal_share * (p_proven - p_custody);
                const double first_proven = x * (to_custody + to_record);
                counts.first_time_youth += first_proven * youth_proven_share;
                counts.first_time_adult += first_proven * (1.0 - youth_proven_share);
                const double staying = formal_share * (1.0 - p_proven);
                const double triaged = diverted * per_person;
                const double new_record = to_custody + to_record;
                const double proven_per_record =
                    new_record > 0.0 ? proven_events / new_record : 0.0;
                auto proven_part = [&](double share) { return proven_per_record * share; };
                if (status == never) {
                    // Of those with no proven offence, who offended at all; cases
                    // to come belong to those who did.
                    const double no_offence = formal_share * terms.never_no_offence;
                    const double offended = 1.0 - no_offence;
                    const double pending_per_offended =
                        offended > 0.0 ? pending_left / offended : 0.0;
                    auto pending_part = [&](double share) { return pending_per_offended * share; };
                    move(custody_of(false), to_custody, proven_part(to_custody),
                         pending_part(to_custody));
                    move(active_record, to_record, proven_part(to_record), pending_part(to_record));
                    move(never, no_offence);
                    move(active_clean, staying - no_offence, 0.0,
                         pending_part(staying - no_offence));
                    move(active_triaged, triaged, 0.0, pending_part(triaged));
                } else {
                    move(custody_of(desisted), to_custody, proven_part(to_custody),
                         pending_left * to_custody);
                    move(record_of(desisted), to_record, proven_part(to_record),
                         pending_left * to_record);
                    move(status, staying, 0.0, pending_left * staying);
                    move(desisted ? desisted_triaged : active_triaged, triaged, 0.0,
                         pending_left * triaged);
                }
                continue;
            }
            if (is_on_licence(status)) {
                const double to_custody = p_custody;
                const double recall_rate = rate * blend.sanctions * justice.recall_probability;
                const double to_recall = (1.0 - to_custody) * chance_of_any(recall_rate);
                const double staying = 1.0 - to_custody - to_recall;
                const double licence_ends = staying * licence_end_probability_;
                move(custody_of(desisted), to_custody, proven_events * to_custody,
                     pending_left * to_custody);
                move(recalled_of(desisted), to_recall, proven_events * to_recall,
                     pending_left * to_recall);
                move(record_of(desisted), licence_ends, proven_events * licence_ends,
                     pending_left * licence_ends);
                move(status, staying - licence_ends, proven_events * (staying - licence_ends),
                     pending_left * (staying - licence_ends));
                continue;
            }
            // Free, with a record.
            move(custody_of(desisted), p_custody, proven_events * p_custody,
                 pending_left * p_custody);
            move(status, 1.0 - p_custody, proven_events * (1.0 - p_custody),
                 pending_left * (1.0 - p_custody));
        }
        if (released > 0.0) {
            for (std::size_t p = 0; p < inputs_.size(); ++p) {
                inputs_[p].events[static_cast<std::size_t>(ReferralEvent::release_from_custody)] +=
                    released * blend.programme_share[p];
            }
        }
    }

    // Month's end: careers end, gang membership changes, deaths.
    for (int gang = 0; gang < gang_states; ++gang) {
        auto& row = after[static_cast<std::size_t>(gang)];
        for (int status = 0; status < kStatusCount; ++status) {
            const int ended = desisted_of(status);
            if (ended != status) {
                row[static_cast<std::size_t>(status)].move_share_to(
                    row[static_cast<std::size_t>(ended)], desistance_probability_);
            }
        }
    }
    double block_people = 0.0;
    for (int gang = 0; gang < gang_states; ++gang) {
        for (int status = 0; status < kStatusCount; ++status) {
            const double people =
                after[static_cast<std::size_t>(gang)][static_cast<std::size_t>(status)].people;
            block_people += people;
            if (is_locked_up(status)) {
                counts.custody += people;
            } else if (is_on_licence(status)) {
                counts.licence += people;
            }
            if (gang == member) {
                gang_members_by_age_[age_index] += people;
            }
        }
    }
    population_by_age_[age_index] += block_people;
    if (gang_states == 3) {
        for (std::size_t status = 0; status < kStatusCount; ++status) {
            // Joiners this month are members from next month; leavers likewise.
            Carried joining = after[not_member][status].share(mix.gang_join_hazard);
            after[member][status].move_share_to(after[former_member][status],
                                                gang_leave_probability_);
            after[not_member][status].subtract(joining);
            after[member][status].add(joining);
        }
    }
    const double survival = count ? 1.0 - mix.death_probability : 1.0;
    for (int gang = 0; gang < gang_states; ++gang) {
        for (int status = 0; status < kStatusCount; ++status) {
            const std::size_t cell = cells_.cell(age, type, gang, status);
            const Carried& kept =
                after[static_cast<std::size_t>(gang)][static_cast<std::size_t>(status)];
            mass_[cell] = kept.people * survival;
            priors_[cell] = kept.priors * survival;
            pending_[cell] = kept.pending * survival;
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
