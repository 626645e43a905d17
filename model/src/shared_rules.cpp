#include "shared_rules.hpp"

namespace vrsim::model {

std::vector<double> single_year_shares(const PlaceParameters& place) {
    const auto max_age = static_cast<int>(place.max_age_years);
    std::vector<double> shares(static_cast<std::size_t>(max_age), 0.0);
    for (std::size_t band = 0; band < place.age_band_lower.size(); ++band) {
        const double lower = place.age_band_lower[band];
        const double upper = band + 1 < place.age_band_lower.size() ? place.age_band_lower[band + 1]
                                                                    : place.max_age_years;
        for (int age = static_cast<int>(lower); age < static_cast<int>(upper) && age < max_age;
             ++age) {
            shares[static_cast<std::size_t>(age)] = place.age_band_share[band] / (upper - lower);
        }
    }
    return shares;
}

std::array<PerOffenceType<double>, 4> offence_mixes(const Parameters& p) {
    std::array<PerOffenceType<double>, 4> mixes{};
    for (int combination = 0; combination < 4; ++combination) {
        const bool in_gang = combination / 2 == 1;
        const bool can_abuse_partner = combination % 2 == 1;
        PerOffenceType<double>& mix = mixes[static_cast<std::size_t>(combination)];
        double total = 0.0;
        for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
            double share = p.offending.type_share[type];
            if (in_gang) {
                share *= p.risk.gang.type_multiplier[type];
            }
            if (type == index_of(OffenceType::domestic_abuse) && !can_abuse_partner) {
                share = 0.0;
            }
            mix[type] = share;
            total += share;
        }
        for (double& share : mix) {
            share = total > 0.0 ? share / total : 0.0;
        }
    }
    return mixes;
}

double proven_share_of_offences(const Parameters& p, const PerOffenceType<double>& mix) {
    const JusticeParameters& justice = p.justice;
    const double proven_if_sanctioned =
        justice.adult_out_of_court_share * (1.0 - justice.adult_community_resolution_share) +
        (1.0 - justice.adult_out_of_court_share) * justice.conviction_probability;
    double share = 0.0;
    for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
        share += mix[type] * justice.recording_probability[type] *
                 justice.sanction_probability[type] * proven_if_sanctioned;
    }
    return share;
}

}  // namespace vrsim::model
