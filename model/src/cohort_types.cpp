// Risk types of the cohort engine: sex x future gang membership x risk tier.
// A tier is an interval of propensity x risk-factor multipliers (log-spaced, so
// the few people with a very high rate get tiers of their own) holding the
// people of every risk-factor combination whose product falls in it; its rate
// is their mean, so expected offences are exact and only functions that bend
// (the chance of a first offence, of a record) carry a within-tier error.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/math/special_functions/gamma.hpp>

#include "cohort_state.hpp"

namespace vrsim::model {

namespace cohort {

namespace {

int risk_factor_count(int combination) {
    return (combination & 1) + ((combination >> 1) & 1) + ((combination >> 2) & 1);
}

double gang_join_probability(const Parameters& p, int sex, int combination, double ratio) {
    const GangParameters& gang = p.risk.gang;
    return std::min(1.0, gang.join_probability *
                             std::pow(gang.join_risk_multiplier, risk_factor_count(combination)) *
                             (sex == 1 ? p.offending.female_multiplier : 1.0) * ratio);
}

double combination_multiplier(const RiskParameters& risk, int combination) {
    double multiplier = 1.0;
    if ((combination & 1) != 0)
        multiplier *= risk.early_adversity.offending_multiplier;
    if ((combination & 2) != 0)
        multiplier *= risk.school_exclusion.offending_multiplier;
    if ((combination & 4) != 0)
        multiplier *= risk.substance_misuse.offending_multiplier;
    return multiplier;
}

// Share of each combination (held with the given prevalences) whose
// propensity x multiplier lies in [lower, upper), and their summed
// propensity x multiplier, for Gamma(shape, 1 / shape) propensity.
struct TierContent {
    double share = 0.0;
    double rate_sum = 0.0;
};
TierContent tier_content(double shape, double multiplier, double lower, double upper) {
    // E[X; a <= X < b] = shape * scale * (P(shape + 1, b / scale) - P(shape + 1, a / scale)).
    if (shape > 1e4) {
        // Propensity 1 for everyone (sd below 1%): the incomplete gamma overflows.
        const bool inside = lower <= multiplier && multiplier < upper;
        return {inside ? 1.0 : 0.0, inside ? multiplier : 0.0};
    }
    const double scale = 1.0 / shape;
    auto regularised = [](double a, double x) {
        return std::isinf(x) ? 1.0 : boost::math::gamma_p(a, x);
    };
    const double a = lower / multiplier / scale;
    const double b = upper / multiplier / scale;
    TierContent content;
    content.share = regularised(shape, b) - regularised(shape, a);
    content.rate_sum =
        multiplier * shape * scale * (regularised(shape + 1.0, b) - regularised(shape + 1.0, a));
    return content;
}

std::array<double, 8> combination_shares(const RiskParameters& risk, double risk_factor_ratio) {
    const std::array<double, 3> prevalence = {
        std::min(1.0, risk.early_adversity.prevalence * risk_factor_ratio),
        std::min(1.0, risk.school_exclusion.prevalence * risk_factor_ratio),
        std::min(1.0, risk.substance_misuse.prevalence * risk_factor_ratio)};
    std::array<double, 8> shares{};
    for (int combination = 0; combination < 8; ++combination) {
        double share = 1.0;
        for (int factor = 0; factor < 3; ++factor) {
            const double held = prevalence[static_cast<std::size_t>(factor)];
            share *= ((combination >> factor) & 1) != 0 ? held : 1.0 - held;
        }
        shares[static_cast<std::size_t>(combination)] = share;
    }
    return shares;
}

}  // namespace

Layout make_layout(const Parameters& p, int tiers) {
    // Assumption: tiers log-spaced from 0.001 to 50 (x the mean propensity of 1),
    // a bottom tier below and a top tier above; README "Two engines" shows the
    // error on the first-offence probability.
    constexpr double kLowest = 1e-3;
    constexpr double kHighest = 50.0;
    if (tiers < 1 || tiers > kMaxTiers) {
        throw std::invalid_argument("cohort engine: risk tiers must be 1 to " +
                                    std::to_string(kMaxTiers) + ", got " + std::to_string(tiers));
    }
    Layout layout;
    layout.tier_bounds.push_back(0.0);
    for (int i = 0; i + 1 < tiers; ++i) {
        layout.tier_bounds.push_back(
            kLowest *
            std::pow(kHighest / kLowest, static_cast<double>(i) / std::max(1, tiers - 2)));
    }
    layout.tier_bounds.push_back(std::numeric_limits<double>::infinity());
    const double shape = p.offending.propensity_shape;
    const std::array<double, 8> base_shares = combination_shares(p.risk, 1.0);
    for (int sex = 0; sex < 2; ++sex) {
        for (int joiner = 0; joiner < 2; ++joiner) {
            for (int tier = 0; tier < tiers; ++tier) {
                double share = 0.0;
                double rate_sum = 0.0;
                for (int combination = 0; combination < 8; ++combination) {
                    const double join = gang_join_probability(p, sex, combination, 1.0);
                    const double weight = base_shares[static_cast<std::size_t>(combination)] *
                                          (joiner == 1 ? join : 1.0 - join);
                    const TierContent content =
                        tier_content(shape, combination_multiplier(p.risk, combination),
                                     layout.tier_bounds[static_cast<std::size_t>(tier)],
                                     layout.tier_bounds[static_cast<std::size_t>(tier) + 1]);
                    share += weight * content.share;
                    rate_sum += weight * content.rate_sum;
                }
                const double sex_multiplier = sex == 1 ? p.offending.female_multiplier : 1.0;
                const double mean = share > 0.0
                                        ? rate_sum / share
                                        : layout.tier_bounds[static_cast<std::size_t>(tier)];
                layout.types.push_back({sex, joiner == 1, tier, sex_multiplier * mean});
            }
        }
    }
    layout.tiers = tiers;
    layout.tier_stride = (tiers + kTiersPerVector - 1) / kTiersPerVector * kTiersPerVector;
    std::size_t offset = 0;
    for (int group = 0; group < kRiskGroups; ++group) {
        layout.group_offset[static_cast<std::size_t>(group)] = offset;
        offset +=
            static_cast<std::size_t>(group_gang_states(group) * kStatusCount * layout.tier_stride);
    }
    layout.age_block = offset;
    layout.years = static_cast<int>(p.place.max_age_years) - kAgeOfCriminalResponsibility;
    layout.single_years = std::clamp(kBandsFromAge - kAgeOfCriminalResponsibility, 0, layout.years);
    for (int year = 0; year < layout.years;) {
        const int span = year < layout.single_years ? 1 : std::min(kBandYears, layout.years - year);
        layout.age_first_year.push_back(year);
        layout.age_years.push_back(span);
        year += span;
    }
    layout.ages = static_cast<int>(layout.age_first_year.size());
    return layout;
}

std::vector<double> type_shares(const Parameters& p, const Layout& layout, double risk_factor_ratio,
                                double gang_join_ratio) {
    // The tiers' rates stay those of the place's own prevalences; prevention
    // moves people between tiers.
    const double shape = p.offending.propensity_shape;
    const std::array<double, 8> shares_by_combination =
        combination_shares(p.risk, risk_factor_ratio);
    std::vector<double> shares;
    shares.reserve(layout.types.size());
    for (const RiskType& type : layout.types) {
        double share = 0.0;
        for (int combination = 0; combination < 8; ++combination) {
            const double join = gang_join_probability(p, type.sex, combination, gang_join_ratio);
            share += shares_by_combination[static_cast<std::size_t>(combination)] *
                     (type.gang_joiner ? join : 1.0 - join) *
                     tier_content(shape, combination_multiplier(p.risk, combination),
                                  layout.tier_bounds[static_cast<std::size_t>(type.tier)],
                                  layout.tier_bounds[static_cast<std::size_t>(type.tier) + 1])
                         .share;
        }
        shares.push_back(share * (type.sex == 0 ? p.place.male_share : 1.0 - p.place.male_share));
    }
    return shares;
}

}  // namespace cohort

std::vector<CohortRiskType> cohort_risk_types(const Parameters& parameters,
                                              const CohortOptions& options) {
    const cohort::Layout layout = cohort::make_layout(parameters, options.risk_tiers);
    const std::vector<double> shares = cohort::type_shares(parameters, layout, 1.0, 1.0);
    std::vector<CohortRiskType> types;
    for (std::size_t type = 0; type < layout.types.size(); ++type) {
        types.push_back({layout.types[type].sex == 1, layout.types[type].gang_joiner, shares[type],
                         layout.types[type].rate_multiplier});
    }
    return types;
}

}  // namespace vrsim::model
