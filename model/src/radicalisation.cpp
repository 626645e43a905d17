// Vulnerability to radicalisation: a few people have a vulnerable episode that
// starts at an age drawn at birth and lasts an exponential time; while it lasts
// they may progress to radicalisation at a constant hazard. The episodes are
// kept in a short side list (the whole place does not carry this state), which
// Channel refers from.
#include <algorithm>
#include <cmath>

#include <boost/random/exponential_distribution.hpp>

#include "replicate_run.hpp"

namespace vrsim::model {

void ReplicateRun::assign_radicalisation(std::uint32_t person, int now) {
    const RadicalisationParameters& radicalisation = p_.risk.radicalisation;
    if (radicalisation.vulnerable_probability <= 0.0) {
        return;
    }
    Stream draws = stream(Decision::radicalisation, person, 0);
    const double vulnerable_draw = draws.uniform();
    if (vulnerable_draw >= radicalisation.vulnerable_probability) {
        return;  // the rest of this stream is never used, so it need not be drawn
    }
    const double onset_draw = draws.uniform();
    const double duration_months = boost::random::exponential_distribution<double>(
        1.0 / radicalisation.vulnerable_mean_months)(draws);
    const double progression_months = radicalisation.progression_per_month > 0.0
                                          ? boost::random::exponential_distribution<double>(
                                                radicalisation.progression_per_month)(draws)
                                          : 1e9;
    const People& people = s_.people;
    const double onset_age =
        radicalisation.onset_age_min_years +
        onset_draw * (radicalisation.onset_age_max_years - radicalisation.onset_age_min_years);
    const int onset = people.record[person].birth_month + static_cast<int>(onset_age * 12.0);
    const auto end = static_cast<int>(std::min<double>(
        {onset + 1 + duration_months, static_cast<double>(people.record[person].exit_month),
         static_cast<double>(total_months_)}));
    const double progression = std::min<double>(onset + progression_months, kNever - 1);
    if (end <= now || onset >= total_months_ || std::min<double>(end, progression) <= now) {
        return;  // an episode wholly in the past, or after the simulation
    }
    s_.radicalisation_cases.push_back({person, static_cast<SimMonth>(std::max(onset, now)),
                                       static_cast<SimMonth>(end),
                                       static_cast<SimMonth>(progression), false});
}

void ReplicateRun::rescale_progression(RadicalisationCase& vulnerable, double hazard_ratio,
                                       int month) {
    // The time left to progression is exponential: a hazard ratio h divides it by h.
    if (hazard_ratio == 1.0 || vulnerable.progression <= month) {
        return;
    }
    const double remaining = vulnerable.progression - month;
    vulnerable.progression = static_cast<SimMonth>(
        std::min<double>(month + std::max(1.0, std::round(remaining / hazard_ratio)), kNever - 1));
}

void ReplicateRun::run_radicalisation(int month) {
    int vulnerable_now = 0;
    int progressed = 0;
    std::size_t kept = 0;
    for (const RadicalisationCase& vulnerable : s_.radicalisation_cases) {
        const int stops = std::min<int>(vulnerable.end, vulnerable.progression);
        if (vulnerable.progression == month && vulnerable.progression < vulnerable.end) {
            ++progressed;
        }
        if (vulnerable.onset <= month && month < stops) {
            ++vulnerable_now;
        }
        // Channel looks its cases up for as long as it may hold them.
        if (stops > month - 1) {
            s_.radicalisation_cases[kept++] = vulnerable;
        }
    }
    s_.radicalisation_cases.resize(kept);
    if (reported(month)) {
        outcome(month, Outcome::radicalisation_vulnerable) = vulnerable_now;
        outcome(month, Outcome::radicalised) = progressed;
    }
}

}  // namespace vrsim::model
