// The cohort engine's compartments in a month: offending and justice as
// expected flows, then careers ending, gangs and deaths. Within a month a
// person's offences, sanctions and proven offences are Poisson with the
// compartment's rates, so the chance of moving (e.g. of a first proven offence)
// is 1 - exp(-rate). Compartments of different ages and risk types do not
// interact within a month, so each is updated in place.
//
// A group's risk tiers lie side by side and follow the same rules with
// different rates, so each rule is written once on vectors of tiers
// (cohort_lanes.hpp), with no branch that differs between them. A compartment
// with a negligible number of people is dropped (its lane is zeroed), as it was
// when compartments were visited one by one.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "cohort_lanes.hpp"
#include "cohort_run.hpp"

namespace vrsim::model::cohort {

namespace {

using Lanes = std::array<Vec, kMaxVectors>;
using StatusLanes = std::array<Vec, kStatusCount>;

// A status's people summed over the vectors in use.
[[gnu::always_inline]] inline double people_of(const std::array<StatusLanes, kMaxVectors>& lanes,
                                               std::size_t status, std::size_t vectors) {
    double total = 0.0;
    for (std::size_t v = 0; v < vectors; ++v) {
        total += sum_of(lanes[v][status]);
    }
    return total;
}

// The rate terms of one career (active or desisted) by tier.
struct TierTerms {
    Lanes rate;
    Lanes usual_proven_rate;
    Lanes offended_in_year;
    Lanes reoffending;
    Lanes qualifying;  // IOM; 0 where not counted
    Lanes crossing;
    Lanes per_proven_rate;
    Lanes triage_referral;
    Lanes triage_diversion;
    Lanes never_no_offence;
};

// What a tier's people do that depends on their offending rate alone: within
// a group and gang state people differ in rate only by tier and career.
[[gnu::always_inline]] inline void set_rate_terms(TierTerms& terms, std::size_t v, Vec rate,
                                                  const AgeUnits& units, double follow_up_months,
                                                  double triage_thinning, bool count,
                                                  bool reoffending_counted) {
    const Vec offending_rate = rate * units.offending;
    const Vec usual_proven_rate = rate * units.proven;  // proven offences a month
    terms.rate[v] = rate;
    terms.usual_proven_rate[v] = usual_proven_rate;
    // The chance of an offence in 12 months at this rate; of a proven offence
    // in the reoffending follow-up (careers ending meanwhile).
    terms.offended_in_year[v] = count ? chance_of_any(12.0 * offending_rate) : Vec{};
    terms.reoffending[v] =
        reoffending_counted ? chance_of_any(usual_proven_rate * follow_up_months) : Vec{};
    // IOM: the chance of 3 or more proven offences in 12 months, and of reaching
    // 3 this month (a proven offence on top of 2); only where the mean count is
    // not negligible (3 or more in a year: under 1e-10 a person where the mean
    // is below 1e-3).
    terms.qualifying[v] = Vec{};
    terms.crossing[v] = Vec{};
    terms.per_proven_rate[v] = Vec{};
    if (units.iom_share > 0.0) {
        const Vec mean = 12.0 * usual_proven_rate;
        const auto counted = mean >= 1e-3;
        const Vec none = exp_negative(mean);
        terms.qualifying[v] = counted ? 1.0 - none * (1.0 + mean + mean * mean / 2.0) : Vec{};
        terms.crossing[v] = counted ? usual_proven_rate * none * mean * mean / 2.0 : Vec{};
        terms.per_proven_rate[v] =
            counted ? 1.0 / (counted ? usual_proven_rate : splat(1.0)) : Vec{};
    }
    // Youth triage on a first arrest: chances of a referral and a diversion;
    // and for those with no offence yet, of none this month besides a diversion.
    terms.triage_referral[v] = Vec{};
    terms.triage_diversion[v] = Vec{};
    double thinning = 0.0;
    if (units.triage_sanctions > 0.0) {
        const Vec triage_rate = rate * units.triage_sanctions;
        terms.triage_referral[v] = chance_of_any(triage_rate);
        thinning = triage_thinning;
        terms.triage_diversion[v] = chance_of_any(triage_rate * thinning);
    }
    terms.never_no_offence[v] =
        1.0 - chance_of_any(offending_rate - rate * units.triage_sanctions * thinning);
}

// A gang state's month for one vector of tiers, summed over statuses; added up
// across tiers once at its end.
struct LaneSums {
    // GroupSums
    Vec people;
    Vec people_rate;
    Vec people_rate_squared;
    Vec group_proven;
    Vec group_proven_rate;
    Vec qualifiers;
    Vec qualifier_proven;
    Vec qualifiers_free;
    Vec qualifier_custody;
    Vec qualifier_rate;
    Vec crossers;
    Vec crossers_free;
    Vec crossers_sentenced;
    Vec crosser_proven;
    Vec crosser_custody;
    Vec crosser_rate;
    // BlockCounts and month totals
    Vec proven;
    Vec out_of_court;
    Vec convictions;
    Vec sentences;
    Vec custody_months;
    Vec licence_months;
    Vec first_proven;
    Vec active_offenders;
    Vec index_events;
    Vec index_reoffenders;
    Vec released;
    // Youth triage
    Vec triage_referrals;
    Vec diversions;
    Vec diverted_rate;
};

// A gang state's compartments after this month's offending and justice, by
// status, before careers end, gangs change and deaths: by vector of tiers, then
// status, so that the vectors in use are one block to clear.
struct Rows {
    std::array<StatusLanes, kMaxVectors> people;
    std::array<StatusLanes, kMaxVectors> priors;
    std::array<StatusLanes, kMaxVectors> pending;
    void clear(std::size_t vectors) {
        for (std::array<StatusLanes, kMaxVectors>* field : {&people, &priors, &pending}) {
            std::memset(field->data(), 0, vectors * sizeof(StatusLanes));
        }
    }
};

// A cell's people, record and cases waiting, with a negligible cell dropped.
struct Cell {
    Vec people;
    Vec priors;
    Vec pending;
    Vec per_person;  // 1 / people, or 0 where dropped
};
[[gnu::always_inline]] inline Cell load_cell(const double* people, const double* priors,
                                             const double* pending, std::size_t v) {
    const std::size_t first = v * kTiersPerVector;
    const Vec x = load_vec(people + first);
    const auto kept = x > kNegligiblePeople;
    return {kept ? x : Vec{}, kept ? load_vec(priors + first) : Vec{},
            kept ? load_vec(pending + first) : Vec{}, kept ? 1.0 / x : Vec{}};
}

// Custody per conviction, and months inside and on licence per sentence, at a
// cell's record: linear interpolation in the tables on the prior-offence grid,
// past the last point its value. Each tier reads its grid point and the next
// (AgeUnits::custody_grid) as two vectors; the tiers' results are then
// transposed into one vector a quantity.
[[gnu::always_inline]] inline void custody_by_record(const AgeUnits& blend, const Cell& cell,
                                                     Vec& custody_per_conviction, Vec& stay_months,
                                                     Vec& licence_months) {
    static_assert(kTiersPerVector == 4 && kCustodyGridWidth == kTiersPerVector);
    if (blend.convictions <= 0.0) {
        custody_per_conviction = Vec{};
        stay_months = Vec{};
        licence_months = Vec{};
        return;
    }
    const std::size_t size = blend.custody.size();
    const double last_interval = size > 2 ? static_cast<double>(size - 2) : 0.0;
    const Vec position = min_vec(max_vec(cell.priors * cell.per_person * kPriorSteps, Vec{}),
                                 splat(static_cast<double>(size - 1)));
    // The grid point below: floor(position) by rounding in the doubles
    // (adding 1.5 x 2^52 leaves the nearest integer in the low bits), as the
    // baseline x86-64 has no vector conversion to integers; exact for these
    // small whole numbers.
    const Vec rounded_shifted = position + kExpShifter;
    const Vec rounded = rounded_shifted - kExpShifter;
    const Vec whole = rounded > position ? rounded - 1.0 : rounded;
    const Vec below = min_vec(whole, splat(last_interval));
    const Vec fraction = position - below;
    const VecBits below_index =
        reinterpret_cast<VecBits>(below + kExpShifter) - std::bit_cast<std::int64_t>(kExpShifter);
    // Tier i: (custody, custody months, licence months, 0) at its position.
    const double* const grid = blend.custody_grid.data();
    auto at = [&](int i) {
        const double* const point = grid + static_cast<std::size_t>(below_index[i]) *
                                               static_cast<std::size_t>(kCustodyGridWidth);
        const Vec low = load_vec(point);
        return low + fraction[i] * (load_vec(point + kCustodyGridWidth) - low);
    };
    const Vec tier0 = at(0);
    const Vec tier1 = at(1);
    const Vec tier2 = at(2);
    const Vec tier3 = at(3);
    const Vec low01 = __builtin_shufflevector(tier0, tier1, 0, 4, 1, 5);   // c0 c1 m0 m1
    const Vec low23 = __builtin_shufflevector(tier2, tier3, 0, 4, 1, 5);   // c2 c3 m2 m3
    const Vec high01 = __builtin_shufflevector(tier0, tier1, 2, 6, 3, 7);  // l0 l1 0 0
    const Vec high23 = __builtin_shufflevector(tier2, tier3, 2, 6, 3, 7);  // l2 l3 0 0
    const Vec custody_unit = __builtin_shufflevector(low01, low23, 0, 1, 4, 5);
    const Vec custody_months = __builtin_shufflevector(low01, low23, 2, 3, 6, 7);
    const Vec licence_unit = __builtin_shufflevector(high01, high23, 0, 1, 4, 5);
    const auto sentenced = (cell.people > 0.0) & (custody_unit > 0.0);  // dropped cells: none
    const Vec per_sentence = sentenced ? 1.0 / custody_unit : Vec{};
    custody_per_conviction = sentenced ? custody_unit * blend.per_conviction : Vec{};
    stay_months = custody_months * per_sentence;
    licence_months = licence_unit * per_sentence;
}

}  // namespace

// With AVX2 where the processor has it (a vector of tiers is one register, not
// two), chosen when the program starts; no FMA, so the results are the same.
__attribute__((target_clones("avx2", "default"))) void CohortRun::process_group(int month, int age,
                                                                                int group,
                                                                                BlockCounts& counts,
                                                                                AgeGroups& groups) {
    const int tiers = cells_.tiers;
    const int stride = cells_.tier_stride;
    const int vector_count = stride / kTiersPerVector;
    const auto vectors = static_cast<std::size_t>(vector_count);
    const int gang_states = group_gang_states(group);
    const auto age_index = static_cast<std::size_t>(age);
    const AgeMix& mix = (*current_ages_)[age_index];
    const OffendingParameters& offending = p_.offending;
    const JusticeParameters& justice = p_.justice;
    const bool count = reported(month);

    // The next age's custody tables, fetched from memory while this age runs:
    // each is used once a year (a table a month since ageing), so it is seldom
    // still in cache, and waiting for it was a large part of the time.
    if (group == 0 && age + 1 < cells_.ages) {
        for (std::size_t g = 0; g < 2; ++g) {
            const std::vector<double>& grid =
                (*current_units_)[(age_index + 1) * 2 + g].custody_grid;
            for (std::size_t i = 0; i < grid.size(); i += 64 / sizeof(double)) {
                __builtin_prefetch(grid.data() + i);
            }
        }
    }
    const std::size_t first_cell = cells_.group_cell(age, group);
    const std::size_t group_cells =
        static_cast<std::size_t>(gang_states * kStatusCount) * static_cast<std::size_t>(stride);
    double* const mass = mass_.data() + first_cell;
    double* const priors_cells = priors_.data() + first_cell;
    double* const pending_cells = pending_.data() + first_cell;
    if (std::all_of(mass, mass + group_cells, [](double x) { return x <= kNegligiblePeople; })) {
        std::fill_n(mass, group_cells, 0.0);
        std::fill_n(priors_cells, group_cells, 0.0);
        std::fill_n(pending_cells, group_cells, 0.0);
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

    // By gang state, and for joiners the members leaving this month (former
    // members); left uninitialised but for the gang states and vectors in use.
    std::array<Rows, 3> after;
    const int rows_used = gang_states == 2 ? 3 : 1;
    for (int gang = 0; gang < rows_used; ++gang) {
        after[static_cast<std::size_t>(gang)].clear(vectors);
    }
    for (int gang = 0; gang < gang_states; ++gang) {
        const bool in_gang = gang == member;
        const std::size_t g = in_gang ? 1 : 0;
        const AgeUnits& blend = (*current_units_)[age_index * 2 + g];
        const double unit_rate_of_group = offending.base_rate_per_month *
                                          (in_gang ? p_.risk.gang.offending_multiplier : 1.0) *
                                          mix.age_curve;
        // The offending rate of each tier (0 in the padding, which keeps it
        // empty), and what follows from it for each career.
        Lanes unit_rates;
        for (int tier = 0; tier < stride; ++tier) {
            unit_rates[static_cast<std::size_t>(tier / kTiersPerVector)][tier % kTiersPerVector] =
                tier < tiers ? unit_rate_of_group *
                                   cells_.types[static_cast<std::size_t>(group * tiers + tier)]
                                       .rate_multiplier
                             : 0.0;
        }
        std::array<TierTerms, 2> terms;  // active, desisted
        for (std::size_t career = 0; career < 2; ++career) {
            const bool desisted = career == 1;
            const double multiplier = desisted ? offending.desisted_multiplier : 1.0;
            const double follow_up_months = desisted ? follow_up_desisted_ : follow_up_active_;
            for (std::size_t v = 0; v < vectors; ++v) {
                set_rate_terms(terms[career], v, unit_rates[v] * multiplier, blend,
                               follow_up_months, triage_thinning, count, index_quarter_ >= 0);
            }
        }
        // By vector of tiers; only those in use are cleared, one block each
        // (under a kilobyte, which glibc clears with vector stores).
        std::array<LaneSums, kMaxVectors> sums;
        for (std::size_t v = 0; v < vectors; ++v) {
            std::memset(&sums[v], 0, sizeof(LaneSums));
        }
        Rows& rows = after[static_cast<std::size_t>(gang)];
        const double conviction_share = blend.conviction_share;
        // Every status's cells, and custody by record, first: chains of a
        // division and table look-ups that depend on nothing else, so that the
        // processor overlaps them rather than waiting on each in turn.
        std::array<std::array<Cell, kMaxVectors>, kStatusCount> cells_by_status;
        std::array<std::array<bool, kMaxVectors>, kStatusCount> occupied_by_status;
        std::array<bool, kStatusCount> status_occupied{};
        std::array<Lanes, kStatusCount> custody_per_conviction_by_status;
        std::array<Lanes, kStatusCount> stay_months_by_status;
        std::array<Lanes, kStatusCount> licence_months_by_status;
        for (std::size_t status = 0; status < kStatusCount; ++status) {
            const std::size_t row_offset =
                (static_cast<std::size_t>(gang) * kStatusCount + status) *
                static_cast<std::size_t>(stride);
            for (std::size_t v = 0; v < vectors; ++v) {
                // Vectors of tiers with anyone in them: the rest give and get nothing.
                const bool occupied = !all_at_most(
                    load_vec(mass + row_offset + v * kTiersPerVector), kNegligiblePeople);
                occupied_by_status[status][v] = occupied;
                status_occupied[status] = status_occupied[status] || occupied;
                cells_by_status[status][v] = load_cell(mass + row_offset, priors_cells + row_offset,
                                                       pending_cells + row_offset, v);
            }
        }
        for (std::size_t status = 0; status < kStatusCount; ++status) {
            if (!status_occupied[status]) {
                continue;
            }
            for (std::size_t v = 0; v < vectors; ++v) {
                if (has_record(static_cast<int>(status))) {
                    custody_by_record(blend, cells_by_status[status][v],
                                      custody_per_conviction_by_status[status][v],
                                      stay_months_by_status[status][v],
                                      licence_months_by_status[status][v]);
                } else {
                    custody_per_conviction_by_status[status][v] =
                        splat(blend.custody_per_conviction_clean);
                    stay_months_by_status[status][v] = splat(blend.stay_months_clean);
                    licence_months_by_status[status][v] = splat(blend.licence_months_clean);
                }
            }
        }

        for (int status = 0; status < kStatusCount; ++status) {
            const auto s = static_cast<std::size_t>(status);
            if (!status_occupied[s]) {
                continue;
            }
            const std::array<bool, kMaxVectors>& occupied = occupied_by_status[s];
            const std::array<Cell, kMaxVectors>& cells = cells_by_status[s];
            const Lanes& custody_per_conviction = custody_per_conviction_by_status[s];
            const Lanes& stay_months = stay_months_by_status[s];
            const Lanes& licence_months = licence_months_by_status[s];
            const bool desisted = is_desisted(status);
            const bool record = has_record(status);
            const TierTerms& career = terms[desisted ? 1 : 0];
            // Moves a share of the cell's people (with their record) to a status,
            // adding proven offences and cases waiting.
            auto move = [&rows](int to, std::size_t v, const Cell& cell, auto share,
                                auto extra_priors, auto extra_pending) {
                const auto row = static_cast<std::size_t>(to);
                rows.people[v][row] += cell.people * share;
                rows.priors[v][row] += cell.priors * share + extra_priors;
                rows.pending[v][row] += extra_pending;
            };
            // Court: cases charged in earlier months come up; convictions prove
            // offences and may send the person to custody, with the record they
            // have by then.
            auto court = [&](std::size_t v, Vec due_cases, Vec& convictions, Vec& sentences) {
                convictions = due_cases * conviction_share;
                sentences = convictions * custody_per_conviction[v];
                sums[v].proven += convictions;
                sums[v].convictions += convictions;
                sums[v].sentences += sentences;
                sums[v].custody_months += sentences * stay_months[v];
                sums[v].licence_months += sentences * licence_months[v];
            };
            // IOM scores proven offences over the last 12 months, whether the
            // person is free or inside: Poisson counts over the window, qualifying
            // with 3 or more, reaching 3 with a proven offence on top of 2.
            // Outside IOM's ages the chances are 0 and these add nothing.
            const bool iom_here = blend.iom_share > 0.0;
            auto count_qualifiers = [&](std::size_t v, Vec people) {
                const Vec qualifying = people * career.qualifying[v];
                const Vec crossing = people * career.crossing[v];
                sums[v].crossers += crossing;
                sums[v].crosser_proven += crossing * career.usual_proven_rate[v];
                sums[v].qualifiers += qualifying;
                sums[v].qualifier_proven += qualifying * career.usual_proven_rate[v];
            };
            // For what qualifiers do while in IOM: how many are free, their
            // custodial sentences and offending while free.
            auto count_free_qualifiers = [&](std::size_t v, Vec people, Vec custody_rate) {
                const Vec qualifying = people * career.qualifying[v];
                const Vec crossing = people * career.crossing[v];
                const Vec rate = career.rate[v];
                sums[v].qualifiers_free += qualifying;
                sums[v].qualifier_custody += qualifying * custody_rate;
                sums[v].qualifier_rate += qualifying * rate;
                sums[v].crossers_free += crossing;
                // The offence that reaches the threshold may itself bring custody.
                sums[v].crossers_sentenced +=
                    crossing * min_vec(splat(1.0), custody_rate * career.per_proven_rate[v]);
                sums[v].crosser_custody += crossing * custody_rate;
                sums[v].crosser_rate += crossing * rate;
            };

            if (is_locked_up(status)) {
                const bool recalled = status == active_recalled || status == desisted_recalled;
                const double out_probability =
                    recalled ? recall_return_probability_ : custody_release_probability_;
                const int released_to = licence_of(desisted);
                // A release is a reoffending index event and may refer people on.
                const double release_share = recalled ? 0.0 : out_probability;
                for (std::size_t v = 0; v < vectors; ++v) {
                    if (!occupied[v]) {
                        continue;
                    }
                    const Cell& cell = cells[v];
                    if (iom_here) {
                        count_qualifiers(v, cell.people);
                    }
                    // Cases still coming to court run concurrently with the sentence.
                    const Vec due = cell.pending * court_hazard_;
                    Vec convictions;
                    Vec sentences;
                    court(v, due, convictions, sentences);
                    const Vec pending_left = cell.pending - due;
                    move(released_to, v, cell, out_probability, convictions * out_probability,
                         pending_left * out_probability);
                    move(status, v, cell, 1.0 - out_probability,
                         convictions * (1.0 - out_probability),
                         pending_left * (1.0 - out_probability));
                    const Vec leaving = cell.people * release_share;
                    sums[v].index_events += leaving;
                    sums[v].index_reoffenders += leaving * career.reoffending[v];
                    sums[v].released += leaving;
                }
                continue;
            }

            // Youth triage diverts a first arrest for a lower-gravity offence;
            // by Poisson thinning, the people with no diverted sanction have
            // the other sanctions at their usual rates.
            const bool first_arrest_possible =
                status == never || status == active_clean || status == desisted_clean;
            const bool triage_here = first_arrest_possible && blend.triage_sanctions > 0.0;
            const double thinning = triage_here ? triage_thinning : 0.0;
            const double caution_unit = blend.cautions - thinning * blend.triage_cautions;
            const double charge_unit = blend.charges - thinning * blend.triage_charges;
            const double out_of_court_unit =
                blend.out_of_court - thinning * blend.triage_out_of_court;
            // What every free compartment does, tier by tier; then where its
            // people go, by status.
            Lanes diverted_lanes;
            Lanes formal_share;
            Lanes proven_events_lanes;
            Lanes pending_left_lanes;
            Lanes p_custody;
            Lanes p_proven;
            for (std::size_t v = 0; v < vectors; ++v) {
                if (!occupied[v]) {
                    continue;
                }
                const Cell& cell = cells[v];
                const Vec x = cell.people;
                const Vec rate = career.rate[v];
                sums[v].people += x;
                sums[v].people_rate += x * rate;
                sums[v].people_rate_squared += x * rate * rate;
                Vec diverted{};  // none where triage does not apply, adding nothing
                if (triage_here) {
                    diverted = x * career.triage_diversion[v];
                    sums[v].triage_referrals += x * career.triage_referral[v];
                    sums[v].diversions += diverted;
                    sums[v].diverted_rate += diverted * rate;
                }
                const Vec formal_people = x - diverted;
                const Vec cautions = formal_people * rate * caution_unit;
                const Vec new_charges = formal_people * rate * charge_unit;
                const Vec due = cell.pending * court_hazard_ + new_charges * court_same_month_;
                const Vec pending_left =
                    cell.pending * (1.0 - court_hazard_) + new_charges * (1.0 - court_same_month_);
                Vec convictions;
                Vec sentences;
                court(v, due, convictions, sentences);
                const Vec proven_events = cautions + convictions;
                sums[v].proven += cautions;
                sums[v].out_of_court += formal_people * rate * out_of_court_unit;
                // People who offended in the last 12 months, at this month's rate.
                sums[v].active_offenders += x * career.offended_in_year[v];
                // Per person this month: proven offences and custodial sentences.
                const Vec proven_rate = proven_events * cell.per_person;
                const Vec custody_rate = sentences * cell.per_person;
                const Vec index_events = max_vec(Vec{}, proven_events - sentences);
                sums[v].index_events += index_events;
                sums[v].index_reoffenders += index_events * career.reoffending[v];
                sums[v].group_proven += proven_events;
                sums[v].group_proven_rate += proven_events * rate;
                if (iom_here) {
                    count_qualifiers(v, x);
                    count_free_qualifiers(v, x, custody_rate);
                }
                diverted_lanes[v] = diverted;
                formal_share[v] = formal_people * cell.per_person;
                proven_events_lanes[v] = proven_events;
                pending_left_lanes[v] = pending_left;
                p_custody[v] = chance_of_any(custody_rate);
                p_proven[v] = max_vec(p_custody[v], chance_of_any(proven_rate));
            }

            // Where the people go; new proven offences join the record of those
            // who have them, cases still to come follow the people who offended.
            if (!record) {
                const bool never_offended = status == never;
                const int custody_status = custody_of(desisted);
                const int record_status = record_of(desisted);
                const int staying_status = never_offended ? active_clean : status;
                const int triaged_status = desisted ? desisted_triaged : active_triaged;
                for (std::size_t v = 0; v < vectors; ++v) {
                    if (!occupied[v]) {
                        continue;
                    }
                    const Cell& cell = cells[v];
                    const Vec to_custody = formal_share[v] * p_custody[v];
                    const Vec to_record = formal_share[v] * (p_proven[v] - p_custody[v]);
                    sums[v].first_proven += cell.people * (to_custody + to_record);
                    Vec staying = formal_share[v] * (1.0 - p_proven[v]);
                    const Vec triaged = diverted_lanes[v] * cell.per_person;
                    const Vec new_record = to_custody + to_record;
                    const auto recorded = new_record > 0.0;
                    const Vec proven_per_record = (recorded ? proven_events_lanes[v] : Vec{}) /
                                                  (recorded ? new_record : splat(1.0));
                    // Cases to come belong to those who offended: everyone in an
                    // offending career; of those with no offence yet, those who
                    // offended this month.
                    Vec pending_per_mover = pending_left_lanes[v];
                    if (never_offended) {
                        const Vec no_offence = formal_share[v] * career.never_no_offence[v];
                        const Vec offended = 1.0 - no_offence;
                        const auto any = offended > 0.0;
                        pending_per_mover =
                            (any ? pending_left_lanes[v] : Vec{}) / (any ? offended : splat(1.0));
                        move(never, v, cell, no_offence, 0.0, 0.0);
                        staying -= no_offence;
                    }
                    move(custody_status, v, cell, to_custody, proven_per_record * to_custody,
                         pending_per_mover * to_custody);
                    move(record_status, v, cell, to_record, proven_per_record * to_record,
                         pending_per_mover * to_record);
                    move(staying_status, v, cell, staying, 0.0, pending_per_mover * staying);
                    move(triaged_status, v, cell, triaged, 0.0, pending_per_mover * triaged);
                }
            } else {
                // With a record: people carry this month's proven offences and
                // cases still to come wherever they go.
                auto move_with_cases = [&](int to, std::size_t v, Vec share) {
                    move(to, v, cells[v], share, proven_events_lanes[v] * share,
                         pending_left_lanes[v] * share);
                };
                const bool licence = is_on_licence(status);
                const double recall_unit = blend.sanctions * justice.recall_probability;
                for (std::size_t v = 0; v < vectors; ++v) {
                    if (!occupied[v]) {
                        continue;
                    }
                    const Vec to_custody = p_custody[v];
                    if (!licence) {
                        move_with_cases(custody_of(desisted), v, to_custody);
                        move_with_cases(status, v, 1.0 - to_custody);
                        continue;
                    }
                    const Vec to_recall =
                        (1.0 - to_custody) * chance_of_any(career.rate[v] * recall_unit);
                    const Vec staying = 1.0 - to_custody - to_recall;
                    const Vec licence_ends = staying * licence_end_probability_;
                    move_with_cases(custody_of(desisted), v, to_custody);
                    move_with_cases(recalled_of(desisted), v, to_recall);
                    move_with_cases(record_of(desisted), v, licence_ends);
                    move_with_cases(status, v, staying - licence_ends);
                }
            }
        }

        // The gang state's month, added up across tiers.
        auto total = [&](Vec LaneSums::*field) {
            double sum = 0.0;
            for (std::size_t v = 0; v < vectors; ++v) {
                sum += sum_of(sums[v].*field);
            }
            return sum;
        };
        GroupSums& group_sums = groups.sums[g];
        groups.weights[g] = blend.weights;
        group_sums.people += total(&LaneSums::people);
        group_sums.people_rate += total(&LaneSums::people_rate);
        group_sums.people_rate_squared += total(&LaneSums::people_rate_squared);
        group_sums.proven += total(&LaneSums::group_proven);
        group_sums.proven_rate += total(&LaneSums::group_proven_rate);
        group_sums.qualifiers += total(&LaneSums::qualifiers);
        group_sums.qualifier_proven += total(&LaneSums::qualifier_proven);
        group_sums.qualifiers_free += total(&LaneSums::qualifiers_free);
        group_sums.qualifier_custody += total(&LaneSums::qualifier_custody);
        group_sums.qualifier_rate += total(&LaneSums::qualifier_rate);
        group_sums.crossers += total(&LaneSums::crossers);
        group_sums.crossers_free += total(&LaneSums::crossers_free);
        group_sums.crossers_sentenced += total(&LaneSums::crossers_sentenced);
        group_sums.crosser_proven += total(&LaneSums::crosser_proven);
        group_sums.crosser_custody += total(&LaneSums::crosser_custody);
        group_sums.crosser_rate += total(&LaneSums::crosser_rate);
        const double sentences = total(&LaneSums::sentences);
        counts.proven += total(&LaneSums::proven);
        counts.out_of_court += total(&LaneSums::out_of_court);
        counts.convictions += total(&LaneSums::convictions);
        counts.custodial_sentences += sentences;
        const double first_proven = total(&LaneSums::first_proven);
        counts.first_time_youth += first_proven * blend.youth_proven_share;
        counts.first_time_adult += first_proven * (1.0 - blend.youth_proven_share);
        counts.active_offenders += total(&LaneSums::active_offenders);
        sentences_this_month_ += sentences;
        custody_months_this_month_ += total(&LaneSums::custody_months);
        licence_months_this_month_ += total(&LaneSums::licence_months);
        if (index_quarter_ >= 0) {
            const auto quarter = static_cast<std::size_t>(index_quarter_);
            reoffending_offenders_[quarter] += total(&LaneSums::index_events);
            reoffending_reoffenders_[quarter] += total(&LaneSums::index_reoffenders);
        }
        const double released = total(&LaneSums::released);
        if (released > 0.0) {
            for (std::size_t p = 0; p < inputs_.size(); ++p) {
                inputs_[p].events[static_cast<std::size_t>(ReferralEvent::release_from_custody)] +=
                    released * blend.programme_share[p];
            }
        }
        if (triage_programme_ >= 0 && blend.triage_sanctions > 0.0) {
            ProgrammeInputs& inputs = inputs_[static_cast<std::size_t>(triage_programme_)];
            const double diversions = total(&LaneSums::diversions);
            const double diverted_rate = total(&LaneSums::diverted_rate);
            inputs.triage_referrals += total(&LaneSums::triage_referrals);
            inputs.diversions += diversions;
            inputs.first_time_entrants_avoided += diversions * blend.triage_proven_share;
            for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
                inputs.diverted_rates[type] += diverted_rate * blend.weights[type];
            }
        }
    }

    // Month's end: careers end, gang membership changes, deaths.
    for (int gang = 0; gang < gang_states; ++gang) {
        Rows& rows = after[static_cast<std::size_t>(gang)];
        for (int status = 0; status < kStatusCount; ++status) {
            const int ended = desisted_of(status);
            if (ended == status) {
                continue;
            }
            const auto from = static_cast<std::size_t>(status);
            const auto to = static_cast<std::size_t>(ended);
            for (std::size_t v = 0; v < vectors; ++v) {
                const Vec people = rows.people[v][from] * desistance_probability_;
                const Vec priors = rows.priors[v][from] * desistance_probability_;
                const Vec pending = rows.pending[v][from] * desistance_probability_;
                rows.people[v][from] -= people;
                rows.priors[v][from] -= priors;
                rows.pending[v][from] -= pending;
                rows.people[v][to] += people;
                rows.priors[v][to] += priors;
                rows.pending[v][to] += pending;
            }
        }
    }
    double block_people = 0.0;
    for (int gang = 0; gang < gang_states; ++gang) {
        const Rows& rows = after[static_cast<std::size_t>(gang)];
        for (int status = 0; status < kStatusCount; ++status) {
            const double people = people_of(rows.people, static_cast<std::size_t>(status), vectors);
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
    if (gang_states == 2) {
        // Joiners this month are members from next month; leavers likewise.
        Rows& outside = after[not_member];
        Rows& members = after[member];
        Rows& former = after[former_member];
        auto transfer = [&](std::array<StatusLanes, kMaxVectors> Rows::*field) {
            for (std::size_t v = 0; v < vectors; ++v) {
                StatusLanes& out = (outside.*field)[v];
                StatusLanes& in = (members.*field)[v];
                StatusLanes& left = (former.*field)[v];
                for (std::size_t status = 0; status < kStatusCount; ++status) {
                    const Vec joining = out[status] * mix.gang_join_hazard;
                    const Vec leaving = in[status] * gang_leave_probability_;
                    in[status] += joining - leaving;
                    left[status] += leaving;
                    out[status] -= joining;
                }
            }
        };
        transfer(&Rows::people);
        transfer(&Rows::priors);
        transfer(&Rows::pending);
    }
    const double survival = count ? 1.0 - mix.death_probability : 1.0;
    for (int gang = 0; gang < gang_states; ++gang) {
        const Rows& rows = after[static_cast<std::size_t>(gang)];
        for (int status = 0; status < kStatusCount; ++status) {
            const auto s = static_cast<std::size_t>(status);
            const std::size_t row_offset = static_cast<std::size_t>(gang * kStatusCount + status) *
                                           static_cast<std::size_t>(stride);
            for (std::size_t v = 0; v < vectors; ++v) {
                const std::size_t first = row_offset + v * kTiersPerVector;
                store_vec(mass + first, rows.people[v][s] * survival);
                store_vec(priors_cells + first, rows.priors[v][s] * survival);
                store_vec(pending_cells + first, rows.pending[v][s] * survival);
            }
        }
    }
    if (gang_states == 2) {
        // Leavers join the non-joiners of their sex and tier, whose month is
        // done (groups run in order, non-joiners first).
        const Rows& leavers = after[former_member];
        const std::size_t non_joiners = cells_.group_cell(age, group - 1);
        for (int status = 0; status < kStatusCount; ++status) {
            const auto s = static_cast<std::size_t>(status);
            const std::size_t row_offset =
                non_joiners + static_cast<std::size_t>(status) * static_cast<std::size_t>(stride);
            for (std::size_t v = 0; v < vectors; ++v) {
                const std::size_t first = row_offset + v * kTiersPerVector;
                store_vec(mass_.data() + first,
                          load_vec(mass_.data() + first) + leavers.people[v][s] * survival);
                store_vec(priors_.data() + first,
                          load_vec(priors_.data() + first) + leavers.priors[v][s] * survival);
                store_vec(pending_.data() + first,
                          load_vec(pending_.data() + first) + leavers.pending[v][s] * survival);
            }
        }
    }
}

}  // namespace vrsim::model::cohort
