// Face validity of a scenario against published figures: recorded crime by type
// in its first reported year against the Metropolitan Police's Croydon counts for
// 2019, proven reoffending against the MoJ's range, concentration of offending
// against the Cambridge Study, and repeat victimisation against the BCS.
// Usage: face_validity SCENARIO [REPLICATES] [SEED]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "vrsim/model/abm.hpp"
#include "vrsim/scenarios/scenario.hpp"

using namespace vrsim;

namespace {

// Croydon, calendar year 2019, from shared/data/mps-borough-monthly
// scheme-a_2010-04_2022-01.csv (sum of the twelve 2019 columns). Domestic abuse is
// a flag in police data, not a category: the split of violence with injury (40%
// domestic, Haringey CSP 2013-14 in EVIDENCE) and without injury (25%,
// assumption) and of knife-enabled violence (300, assumption) is ours.
struct Target {
    model::Outcome outcome;
    double recorded_2019;
};
const Target kCroydon2019[] = {
    {model::Outcome::recorded_violence_with_injury, 1923},
    {model::Outcome::recorded_violence_without_injury, 4612},
    {model::Outcome::recorded_knife_enabled, 300},
    {model::Outcome::recorded_robbery, 1169},
    {model::Outcome::recorded_sexual, 1044},
    {model::Outcome::recorded_domestic_abuse, 2986},
    {model::Outcome::recorded_acquisitive, 13955},
    {model::Outcome::recorded_other, 7857},
    {model::Outcome::recorded_violence_against_the_person, 9828},
    {model::Outcome::recorded_total, 33853},
};

// Smallest share of the counted people who account for `share` of all counts.
double share_of_people_for(std::vector<std::uint32_t> counts, double share) {
    if (counts.empty()) {
        return std::nan("");
    }
    std::sort(counts.begin(), counts.end(), std::greater<>());
    double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    double running = 0.0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        running += counts[i];
        if (running >= share * total) {
            return static_cast<double>(i + 1) / static_cast<double>(counts.size());
        }
    }
    return 1.0;
}

// Share of all counts carried by the top `people_share` of the counted people.
double share_of_counts_from_top(std::vector<std::uint32_t> counts, double people_share) {
    std::sort(counts.begin(), counts.end(), std::greater<>());
    auto top = static_cast<std::size_t>(people_share * static_cast<double>(counts.size()));
    double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    double top_total =
        std::accumulate(counts.begin(), counts.begin() + static_cast<long>(top), 0.0);
    return total > 0 ? top_total / total : std::nan("");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: face_validity SCENARIO [REPLICATES] [SEED]\n");
        return 2;
    }
    int replicates = argc > 2 ? std::stoi(argv[2]) : 4;
    std::uint64_t seed = argc > 3 ? std::stoull(argv[3]) : 20190401;
    scenarios::Scenario scenario;
    try {
        scenario = scenarios::load_scenario(argv[1]);
    } catch (const scenarios::ScenarioError& error) {
        for (const auto& diagnostic : error.diagnostics()) {
            std::fprintf(stderr, "%s\n", diagnostic.to_string().c_str());
        }
        return 2;
    }
    model::AbmEngine engine;
    std::vector<double> first_year(model::kOutcomeCount, 0.0);
    double reoffending_rate = 0.0;
    int reoffending_cohorts = 0;
    double offenders_for_half = 0.0, proven_for_half = 0.0, victims_top4 = 0.0;
    std::vector<double> offences_by_age, proven_by_age;
    for (int r = 0; r < replicates; ++r) {
        model::MonthlyOutcomes out;
        model::PersonCounts counts;
        engine.run(scenario.parameters, {seed, static_cast<std::uint32_t>(r)}, out, &counts);
        for (int month = 0; month < std::min(12, out.months()); ++month) {
            for (std::size_t k = 0; k < model::kOutcomeCount; ++k) {
                double value = out.at(month, static_cast<model::Outcome>(k));
                if (!std::isnan(value)) {
                    first_year[k] += value / replicates;
                }
            }
        }
        for (int month = 0; month < out.months(); ++month) {
            double rate = out.at(month, model::Outcome::proven_reoffending_rate);
            if (!std::isnan(rate)) {
                reoffending_rate += rate;
                ++reoffending_cohorts;
            }
        }
        offenders_for_half += share_of_people_for(counts.offences, 0.5) / replicates;
        proven_for_half += share_of_people_for(counts.proven_offences, 0.5) / replicates;
        victims_top4 += share_of_counts_from_top(counts.victimisations, 0.04) / replicates;
        offences_by_age.resize(counts.offences_by_age.size());
        proven_by_age.resize(counts.proven_offences_by_age.size());
        for (std::size_t age = 0; age < counts.offences_by_age.size(); ++age) {
            offences_by_age[age] += counts.offences_by_age[age];
            proven_by_age[age] += counts.proven_offences_by_age[age];
        }
    }
    std::printf("scenario: %s, %d replicates, seed %llu\n", scenario.name.c_str(), replicates,
                static_cast<unsigned long long>(seed));
    std::printf("\nrecorded offences, first year (%s to %s) vs Met Croydon 2019\n",
                scenario.parameters.simulation.start_month.to_string().c_str(),
                scenario.parameters.simulation.start_month.plus_months(11).to_string().c_str());
    for (const Target& target : kCroydon2019) {
        double simulated = first_year[model::index_of(target.outcome)];
        std::printf("  %-40s %9.0f  observed %7.0f  ratio %.2f\n",
                    std::string(model::kOutcomeNames[model::index_of(target.outcome)]).c_str(),
                    simulated, target.recorded_2019, simulated / target.recorded_2019);
    }
    std::printf("\nfirst year, other outcomes (monthly ones as a monthly mean)\n");
    for (model::Outcome outcome :
         {model::Outcome::offences_committed, model::Outcome::victims,
          model::Outcome::repeat_victims, model::Outcome::first_time_entrants_youth,
          model::Outcome::first_time_entrants_adult, model::Outcome::proven_offences,
          model::Outcome::out_of_court_disposals, model::Outcome::convictions,
          model::Outcome::custodial_sentences}) {
        std::printf("  %-40s %9.0f a year\n",
                    std::string(model::kOutcomeNames[model::index_of(outcome)]).c_str(),
                    first_year[model::index_of(outcome)]);
    }
    for (model::Outcome outcome :
         {model::Outcome::custody_population, model::Outcome::licence_population,
          model::Outcome::active_offenders, model::Outcome::gang_members,
          model::Outcome::population}) {
        std::printf("  %-40s %9.0f on average\n",
                    std::string(model::kOutcomeNames[model::index_of(outcome)]).c_str(),
                    first_year[model::index_of(outcome)] / 12.0);
    }
    std::printf(
        "\nproven reoffending rate, mean of %d quarterly cohorts: %.3f (MoJ national: 0.26-0.29 "
        "old "
        "measure, 0.31-0.34 new measure, 2000-2014 cohorts; 0.275 for Apr-Jun 2023)\n",
        reoffending_cohorts,
        reoffending_cohorts > 0 ? reoffending_rate / reoffending_cohorts : std::nan(""));
    std::printf("share of offenders committing half of all offences over the horizon: %.3f\n",
                offenders_for_half);
    std::printf(
        "share of proven offenders with half of all proven offences: %.3f (Cambridge Study: 7%% of "
        "men / 42%% convicted = 0.17)\n",
        proven_for_half);
    std::printf(
        "share of recorded victimisations suffered by the top 4%% of victims: %.3f (BCS 2000: "
        "about 0.40)\n",
        victims_top4);
    // The age-crime curve: offences per resident of each age would need the age
    // structure over time; the counts by age already show where the peak is.
    auto peak = [](const std::vector<double>& by_age) {
        return std::max_element(by_age.begin(), by_age.end()) - by_age.begin();
    };
    std::printf("\nage-crime curve over the horizon (share of offences by age of offender)\n");
    for (std::size_t from = 10; from < 60; from += 5) {
        double offences = 0.0, proven = 0.0;
        for (std::size_t age = from; age < from + 5 && age < offences_by_age.size(); ++age) {
            offences += offences_by_age[age];
            proven += proven_by_age[age];
        }
        double all_offences = std::accumulate(offences_by_age.begin(), offences_by_age.end(), 0.0);
        double all_proven = std::accumulate(proven_by_age.begin(), proven_by_age.end(), 0.0);
        std::printf("  ages %2zu-%2zu: %5.1f%% of offences, %5.1f%% of proven offences\n", from,
                    from + 4, 100.0 * offences / all_offences, 100.0 * proven / all_proven);
    }
    std::printf(
        "peak age: offences %td, proven offences %td (EVIDENCE: prevalence peaks at 15-19, "
        "conviction frequency around 17-20)\n",
        peak(offences_by_age), peak(proven_by_age));
    return 0;
}
