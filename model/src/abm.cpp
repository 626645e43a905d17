#include "vrsim/model/abm.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "replicate_run.hpp"
#include "shared_rules.hpp"

namespace vrsim::model {

void People::clear() {
    record.clear();
    gang_months.clear();
    victimisation.clear();
    birth_month.clear();
    exit_month.clear();
    area.clear();
    female.clear();
}

void People::reserve(std::size_t people) {
    record.reserve(people);
    gang_months.reserve(people);
    victimisation.reserve(people);
    birth_month.reserve(people);
    exit_month.reserve(people);
    area.reserve(people);
    female.reserve(people);
}

std::uint32_t People::add(SimMonth birth, SimMonth exit, std::uint8_t home_area, bool is_female) {
    auto index = static_cast<std::uint32_t>(record.size());
    PersonRecord& added = record.emplace_back();
    added.birth_month = birth;
    added.exit_month = exit;
    added.area = home_area;
    added.flags = is_female ? kFemale : 0;
    gang_months.emplace_back();
    victimisation.push_back(0.0F);
    birth_month.push_back(birth);
    exit_month.push_back(exit);
    area.push_back(home_area);
    female.push_back(is_female ? 1 : 0);
    return index;
}

AbmEngine::AbmEngine() : state_(std::make_unique<AbmState>()) {}
AbmEngine::~AbmEngine() = default;
AbmEngine::AbmEngine(AbmEngine&&) noexcept = default;
AbmEngine& AbmEngine::operator=(AbmEngine&&) noexcept = default;

void AbmEngine::run(const Parameters& parameters, ReplicateKey key, MonthlyOutcomes& out,
                    PersonCounts* person_counts) {
    ReplicateRun replicate(parameters, key, *state_, out, person_counts != nullptr);
    replicate.run();
    if (person_counts != nullptr) {
        auto keep_non_zero = [](const std::vector<std::uint32_t>& by_person,
                                std::vector<std::uint32_t>& non_zero) {
            non_zero.clear();
            std::copy_if(by_person.begin(), by_person.end(), std::back_inserter(non_zero),
                         [](std::uint32_t count) { return count > 0; });
        };
        const PersonCounts& all = state_->counts_by_person;
        keep_non_zero(all.offences, person_counts->offences);
        keep_non_zero(all.proven_offences, person_counts->proven_offences);
        keep_non_zero(all.victimisations, person_counts->victimisations);
        person_counts->offences_by_age = all.offences_by_age;
        person_counts->proven_offences_by_age = all.proven_offences_by_age;
    }
}

double AbmEngine::bytes_per_resident() const {
    return static_cast<double>(state_->people.bytes_per_person());
}

ReplicateRun::ReplicateRun(const Parameters& parameters, ReplicateKey key, AbmState& state,
                           MonthlyOutcomes& out, bool count_people)
    : p_(parameters),
      key_(key),
      s_(state),
      out_(out),
      count_people_(count_people),
      warmup_months_(parameters.simulation.warmup_months),
      total_months_(parameters.simulation.warmup_months + parameters.simulation.horizon_months) {
    const OffendingParameters& offending = p_.offending;
    mix_ = offence_mixes(p_);
    for (int combination = 0; combination < 4; ++combination) {
        const PerOffenceType<double>& mix = mix_[static_cast<std::size_t>(combination)];
        for (int month = 0; month < 12; ++month) {
            double seasonal_total = 0.0;
            double seasonal_violence = 0.0;
            for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
                double weight =
                    mix[type] * offending.seasonality[type][static_cast<std::size_t>(month)];
                mix_season_weight_[static_cast<std::size_t>(combination)]
                                  [static_cast<std::size_t>(month)][type] = weight;
                seasonal_total += weight;
                if (is_violence_against_the_person(static_cast<OffenceType>(type))) {
                    seasonal_violence += weight;
                }
            }
            mix_seasonal_total_[static_cast<std::size_t>(combination)]
                               [static_cast<std::size_t>(month)] = seasonal_total;
            mix_seasonal_violence_[static_cast<std::size_t>(combination)]
                                  [static_cast<std::size_t>(month)] = seasonal_violence;
        }
    }

    // Share of offences that end proven (for starting criminal histories).
    proven_share_of_offences_ = proven_share_of_offences(p_, mix_[0]);
    for (std::size_t decision = 0; decision < stream_prefixes_.size(); ++decision) {
        stream_prefixes_[decision] =
            Stream::prefix(key_.seed, key_.replicate, static_cast<Decision>(decision));
    }
    gangs_ = p_.place.areas * p_.risk.gang.gangs_per_area;
    build_hazard_tables();
    contagion_fade_.resize(static_cast<std::size_t>(total_months_) + 2);
    for (std::size_t since = 0; since < contagion_fade_.size(); ++since) {
        contagion_fade_[since] = std::exp(-static_cast<int>(since) / p_.contagion.decay_months);
    }
    mortality_hazard_by_age_months_.resize(static_cast<std::size_t>(p_.place.max_age_years * 12.0) +
                                           1);
    for (std::size_t months = 0; months < mortality_hazard_by_age_months_.size(); ++months) {
        mortality_hazard_by_age_months_[months] =
            p_.demography.mortality_gompertz_a *
            std::exp(p_.demography.mortality_gompertz_b * (static_cast<int>(months) / 12.0));
    }
    for (int risk_factors = 0; risk_factors < 4; ++risk_factors) {
        gang_join_risk_power_[static_cast<std::size_t>(risk_factors)] =
            std::pow(p_.risk.gang.join_risk_multiplier, risk_factors);
    }
    effect_fade_.resize(p_.programmes.size());
    for (std::size_t programme = 0; programme < p_.programmes.size(); ++programme) {
        const double fade_months = p_.programmes[programme].effects.fade_months;
        auto& fade = effect_fade_[programme];
        fade.resize(fade_months > 0.0 ? static_cast<std::size_t>(total_months_) + 2 : 0);
        for (std::size_t since = 0; since < fade.size(); ++since) {
            fade[since] = std::exp(-static_cast<int>(since) / fade_months);
        }
    }
}

void ReplicateRun::run() {
    layout_ = OutcomeLayout(p_);
    out_.reset(p_.simulation.horizon_months, layout_.size());
    prepare_programmes();
    s_.people.clear();
    const auto months = static_cast<std::size_t>(total_months_) + 1;
    auto reset_buckets = [months](auto& buckets) {
        buckets.resize(months);
        for (auto& bucket : buckets) {
            bucket.clear();
        }
    };
    reset_buckets(s_.touches_by_month);
    reset_buckets(s_.cases_by_month);
    s_.gang_members.resize(static_cast<std::size_t>(gangs_));
    for (auto& members : s_.gang_members) {
        members.clear();
    }
    s_.custodial_register.clear();
    s_.people_in_victim_tables = 0;
    for (auto& residents : s_.residents_by_area) {
        residents.clear();
    }
    for (auto& traits : s_.resident_traits_by_area) {
        traits.clear();
    }
    s_.gang_joins_by_month.assign(months, 0);
    s_.gang_leaves_by_month.assign(months, 0);
    s_.exits_by_month.assign(months, 0);
    s_.last_offences_by_month.assign(months, 0);
    s_.index_events.clear();
    s_.proven_offences.clear();
    s_.counts_by_person.offences.clear();
    s_.counts_by_person.proven_offences.clear();
    s_.counts_by_person.victimisations.clear();
    const auto ages = static_cast<std::size_t>(p_.place.max_age_years) + 1;
    s_.counts_by_person.offences_by_age.assign(ages, 0);
    s_.counts_by_person.proven_offences_by_age.assign(ages, 0);

    create_initial_population();
    int gang_members = static_cast<int>(gang_members_at_start_);
    int exited = 0;
    for (int month = 0; month < total_months_; ++month) {
        add_entrants(month);
        if (month % 12 == 0) {
            rebuild_victim_tables(month);
        }
        process_touches(month);
        process_court(month);
        count_custodial_register(month);
        run_radicalisation(month);
        run_programmes(month);

        const auto at = static_cast<std::size_t>(month);
        exited += s_.exits_by_month[at];
        gang_members += s_.gang_joins_by_month[at] - s_.gang_leaves_by_month[at];
        if (reported(month)) {
            int residents = static_cast<int>(s_.people.size()) - exited + residents_under_ten_;
            outcome(month, Outcome::population) = residents;
            outcome(month, Outcome::gang_members) = gang_members;
            int active = 0;
            for (int m = std::max(0, month - 11); m <= month; ++m) {
                active += s_.last_offences_by_month[static_cast<std::size_t>(m)];
            }
            outcome(month, Outcome::active_offenders) = active;
        }
    }
    finish();
}

void ReplicateRun::finish() {
    finish_programmes();
    // Cohorts are calendar quarters (January, April, July, October).
    int first_quarter_month = (3 - calendar_month(0) % 3) % 3;
    write_reoffending_measure(
        out_, kProvenReoffendingColumns, warmup_months_,
        quarter_measures(measure_proven_reoffending(s_.index_events, s_.proven_offences,
                                                    first_quarter_month, total_months_ - 1)));
}

}  // namespace vrsim::model
