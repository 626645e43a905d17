// The cohort engine's starting population and entrants: the place's residents
// aged 10 and over at the first simulated month, with the careers the model's
// own dynamics would have given them (as the agent-based engine's
// initialise_criminal_history), and the cohorts entering at 10, whose risk
// factors prevention programmes shift.
#include <algorithm>
#include <cmath>

#include "cohort_run.hpp"
#include "shared_rules.hpp"

namespace vrsim::model::cohort {

namespace {

// A career history by months since the 10th birthday: the chance of each state
// and the proven offences on record summed over those who have one.
struct History {
    double never = 1.0;
    double active_clean = 0.0;
    double active_record = 0.0;
    double desisted_clean = 0.0;
    double desisted_record = 0.0;
    double active_priors = 0.0;
    double desisted_priors = 0.0;
};

}  // namespace

void CohortRun::create_starting_population() {
    const PlaceParameters& place = p_.place;
    const std::vector<double> shares = single_year_shares(place);
    double under_ten = 0.0;
    for (int age = 0; age < kAgeOfCriminalResponsibility; ++age) {
        under_ten += shares[static_cast<std::size_t>(age)];
    }
    residents_under_ten_ = std::round(under_ten * place.population);
    entrants_per_month_ = shares[kAgeOfCriminalResponsibility - 1] * place.population / 12.0;

    // Residents at month 0 by months since birth: ages at start_month spread
    // evenly over each year, less the warm-up.
    const int max_age_months = static_cast<int>(place.max_age_years) * 12;
    std::vector<double> residents(static_cast<std::size_t>(max_age_months), 0.0);
    for (int age_months_at_start = 120; age_months_at_start < max_age_months;
         ++age_months_at_start) {
        const int at_first_month = age_months_at_start - warmup_months_;
        if (at_first_month < 120) {
            continue;
        }
        residents[static_cast<std::size_t>(at_first_month)] +=
            shares[static_cast<std::size_t>(age_months_at_start / 12)] * place.population / 12.0;
    }

    // Gang state at month 0 of a joiner aged `months` since birth: join month
    // uniform over the join ages; a member leaves after 1 + floor(Exp) months.
    const GangParameters& gang = p_.risk.gang;
    const int join_first = static_cast<int>(gang.join_age_min_years * 12.0);
    const int join_last =
        std::max(join_first + 1, static_cast<int>(gang.join_age_max_years * 12.0));
    const double join_span = join_last - join_first;
    auto gang_states_at = [&](int months) {
        std::array<double, 3> states{};
        states[not_member] =
            std::clamp((join_last - std::max(months + 1, join_first)) / join_span, 0.0, 1.0);
        for (int join = join_first; join < join_last && join <= months; ++join) {
            const int elapsed = months - join;
            states[member] +=
                (elapsed == 0 ? 1.0 : std::exp(-elapsed / gang.membership_mean_months)) / join_span;
        }
        states[former_member] = std::max(0.0, 1.0 - states[not_member] - states[member]);
        return states;
    };
    // The same for every joiner type: worked out once, by months of age.
    std::vector<std::array<double, 3>> gang_states_by_age(static_cast<std::size_t>(max_age_months));
    for (int months = 120; months < max_age_months; ++months) {
        gang_states_by_age[static_cast<std::size_t>(months)] = gang_states_at(months);
    }

    // Careers: the recursion of the model's monthly dynamics from age 10 with the
    // rate as at month 0 (as the agent-based engine draws them).
    const double proven_share = std::min(1.0, proven_share_of_offences(p_, mixes_[0]));
    // Offending per unit of rate averaged over the year, by gang and age class
    // (the agent-based engine's hazard tables).
    std::array<std::array<double, kAgeClasses>, 2> mean_total{};
    for (std::size_t in_gang = 0; in_gang < 2; ++in_gang) {
        for (std::size_t c = 0; c < kAgeClasses; ++c) {
            for (std::size_t season = 0; season < 12; ++season) {
                mean_total[in_gang][c] += units_[season][c][in_gang].offending / 12.0;
            }
        }
    }
    const int history_months = max_age_months - 120;
    std::vector<History> history(static_cast<std::size_t>(history_months) + 1);
    const double desisted = p_.offending.desisted_multiplier;

    std::fill(mass_.begin(), mass_.end(), 0.0);
    std::fill(priors_.begin(), priors_.end(), 0.0);
    for (std::size_t type = 0; type < cells_.types.size(); ++type) {
        const RiskType& risk_type = cells_.types[type];
        const double type_share = base_type_shares_[type];
        if (type_share <= 0.0) {
            continue;
        }
        for (int gang_rate = 0; gang_rate < 2; ++gang_rate) {
            if (gang_rate == 1 && !risk_type.gang_joiner) {
                continue;
            }
            const double rate = p_.offending.base_rate_per_month * risk_type.rate_multiplier *
                                (gang_rate == 1 ? gang.offending_multiplier : 1.0);
            History state;
            history[0] = state;
            for (int k = 0; k < history_months; ++k) {
                const double age_years = kAgeOfCriminalResponsibility + k / 12.0;
                const auto c = static_cast<std::size_t>(
                    age_class(age_years < 18.0, age_years >= partner_age_years_));
                const double hazard = rate *
                                      age_curve_by_year_[std::min(static_cast<std::size_t>(k / 12),
                                                                  age_curve_by_year_.size() - 1)] *
                                      mean_total[static_cast<std::size_t>(gang_rate)][c];
                History next = state;
                const double first = state.never * (1.0 - std::exp(-hazard));
                next.never = state.never - first;
                const double active_proven = hazard * proven_share;
                const double desisted_proven = hazard * desisted * proven_share;
                const double active_new_record =
                    state.active_clean * (1.0 - std::exp(-active_proven));
                const double desisted_new_record =
                    state.desisted_clean * (1.0 - std::exp(-desisted_proven));
                next.active_clean += first * (1.0 - proven_share) - active_new_record;
                next.active_record += first * proven_share + active_new_record;
                next.active_priors += first * proven_share +
                                      (state.active_clean + state.active_record) * active_proven;
                next.desisted_clean -= desisted_new_record;
                next.desisted_record += desisted_new_record;
                next.desisted_priors +=
                    (state.desisted_clean + state.desisted_record) * desisted_proven;
                // Careers end at the month's close with the desistance probability.
                const double q = desistance_probability_;
                next.desisted_clean += next.active_clean * q;
                next.desisted_record += next.active_record * q;
                next.desisted_priors += next.active_priors * q;
                next.active_clean *= 1.0 - q;
                next.active_record *= 1.0 - q;
                next.active_priors *= 1.0 - q;
                state = next;
                history[static_cast<std::size_t>(k) + 1] = state;
            }
            for (int months = 120; months < max_age_months; ++months) {
                const double people = residents[static_cast<std::size_t>(months)] * type_share;
                if (people <= 0.0) {
                    continue;
                }
                // Year y holds months since 10 in [12y - 11, 12y] at month 0.
                const int age_index =
                    cells_.age_of_year(std::min((months - 120 + 11) / 12, cells_.years - 1));
                const History& h = history[static_cast<std::size_t>(months - 120)];
                std::array<double, 3> gang_share{1.0, 0.0, 0.0};
                if (risk_type.gang_joiner) {
                    gang_share = gang_states_by_age[static_cast<std::size_t>(months)];
                }
                for (int gang_state = 0; gang_state < 3; ++gang_state) {
                    if ((gang_state == member) != (gang_rate == 1)) {
                        continue;
                    }
                    const double n = people * gang_share[static_cast<std::size_t>(gang_state)];
                    if (n <= 0.0) {
                        continue;
                    }
                    // Former members are among the non-joiners of their sex and tier.
                    const bool former = gang_state == former_member;
                    const std::size_t held_type = former ? cells_.non_joiner_type(type) : type;
                    const int held_state = former ? not_member : gang_state;
                    auto add = [&](int status, double share, double priors) {
                        const std::size_t cell =
                            cells_.cell(age_index, held_type, held_state, status);
                        mass_[cell] += n * share;
                        priors_[cell] += n * priors;
                    };
                    add(never, h.never, 0.0);
                    add(active_clean, h.active_clean, 0.0);
                    add(active_record, h.active_record, h.active_priors);
                    add(desisted_clean, h.desisted_clean, 0.0);
                    add(desisted_record, h.desisted_record, h.desisted_priors);
                }
            }
        }
    }
}

double CohortRun::prevention_coverage(std::size_t programme, int month) const {
    // As the agent-based engine: children started while the entering cohort was
    // of the programme's ages, over the children of those ages.
    const ProgrammeParameters& parameters = p_.programmes[programme];
    const int birth = month - kAgeOfCriminalResponsibility * 12;
    const int first = birth + static_cast<int>(parameters.prevention_reach_age_min_years * 12);
    const int last = birth + static_cast<int>(parameters.prevention_reach_age_max_years * 12);
    const int span_months = std::max(1, last - first);
    double started = 0.0;
    for (int m = first; m < last; ++m) {
        started += places(programme, m) / parameters.duration_mean_months;
    }
    return std::min(1.0, started / (std::max(entrants_per_month_, 1e-9) * span_months));
}

void CohortRun::add_entrants(int month) {
    if (month == 0) {
        return;  // the starting population holds everyone aged 10 and over
    }
    // Each set of prevention programmes that reached an entrant, with its chance.
    const std::vector<std::size_t>& prevention = prevention_programmes_;
    std::vector<double> coverage;
    for (std::size_t programme : prevention) {
        coverage.push_back(prevention_coverage(programme, month));
        count_programme(month, programme, ProgrammeMeasure::entrants_reached,
                        entrants_per_month_ * coverage.back());
    }
    for (std::size_t subset = 0; subset < prevention_subset_shares_.size(); ++subset) {
        double chance = 1.0;
        for (std::size_t i = 0; i < prevention.size(); ++i) {
            chance *= ((subset >> i) & 1U) != 0 ? coverage[i] : 1.0 - coverage[i];
        }
        if (chance <= 0.0) {
            continue;
        }
        const std::vector<double>& shares = prevention_subset_shares_[subset];
        for (std::size_t type = 0; type < cells_.types.size(); ++type) {
            mass_[cells_.cell(0, type, not_member, never)] +=
                entrants_per_month_ * chance * shares[type];
        }
    }
}

void CohortRun::prepare_prevention() {
    // Entrants' risk types for each set of prevention programmes that may reach
    // them (the set's ratios multiply); only the chances change by month.
    prevention_programmes_.clear();
    for (std::size_t programme = 0; programme < p_.programmes.size(); ++programme) {
        if (p_.programmes[programme].kind == ProgrammeKind::prevention) {
            prevention_programmes_.push_back(programme);
        }
    }
    prevention_subset_shares_.clear();
    for (std::size_t subset = 0; subset < (std::size_t{1} << prevention_programmes_.size());
         ++subset) {
        double risk_ratio = 1.0;
        double gang_ratio = 1.0;
        for (std::size_t i = 0; i < prevention_programmes_.size(); ++i) {
            if (((subset >> i) & 1U) != 0) {
                const ProgrammeEffects& effects = p_.programmes[prevention_programmes_[i]].effects;
                risk_ratio *= effects.risk_factor_ratio;
                gang_ratio *= effects.gang_join_ratio;
            }
        }
        prevention_subset_shares_.push_back(
            subset == 0 ? base_type_shares_ : type_shares(p_, cells_, risk_ratio, gang_ratio));
    }
}

}  // namespace vrsim::model::cohort
