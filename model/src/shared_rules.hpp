#pragma once
// Rules both engines derive from the parameters the same way: the place's
// residents by single year of age, each offence mix, and the share of offences
// that end proven (for starting criminal histories).
#include <array>
#include <vector>

#include "vrsim/model/parameters.hpp"

namespace vrsim::model {

// Share of residents in each single year of age [0, max_age).
std::vector<double> single_year_shares(const PlaceParameters& place);

// Offence mixes: index = in gang x 2 + can abuse a partner; shares sum to 1.
std::array<PerOffenceType<double>, 4> offence_mixes(const Parameters& parameters);

// Share of offences of the given mix that end proven, with the adult disposal mix.
double proven_share_of_offences(const Parameters& parameters, const PerOffenceType<double>& mix);

}  // namespace vrsim::model
