// The two engines agree: with contagion off and places not binding, the
// agent-based engine's mean over replicates matches the cohort engine's
// trajectory for recorded offences by type, first-time entrants, the custody
// population and programme caseloads over 15 years. Compared on the 15-year
// totals and each 5-year block; the tolerance is 4 standard errors of the
// replicate mean (about 40 comparisons: a false alarm has a chance near 0.3%
// if the engines agree exactly and the means are near normal). README "Two
// engines" has the figures and what differs by design.
//
// Programme caseloads are small (gang exit holds about 1.5 people at a time,
// Channel fewer), so over 16 replicates their 5-year sums are skewed and
// their standard errors themselves uncertain: a low sample also has a low
// standard error, and a false alarm becomes likely (on gang exit, years 1-5,
// |z| from 3 to 4.5 over seeds where 96 replicates agree within 0.1 standard
// errors). That fixture runs 32 replicates, which is stricter, not looser.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "vrsim/model/cohort.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace {

using vrsim::model::MonthlyOutcomes;
using vrsim::model::OutcomeLayout;

constexpr std::uint32_t kReplicates = 16;
constexpr std::uint32_t kProgrammeReplicates = 32;  // small caseloads: see above
constexpr double kStandardErrors = 4.0;

const char* fixture(const char* name) {
    static std::string path;
    path = std::string(VRSIM_SOURCE_DIR) + "/tests/model/fixtures/" + name;
    return path.c_str();
}

// Sums of each named outcome over [first, last) months.
struct Block {
    int first;
    int last;
    std::string name;
};

double block_sum(const MonthlyOutcomes& out, std::size_t column, const Block& block) {
    double sum = 0.0;
    for (int month = block.first; month < block.last; ++month) {
        sum += out.at(month, column);
    }
    return sum;
}

void check_agreement(const char* scenario_file, const std::vector<std::string>& outcomes,
                     std::uint32_t replicates) {
    const vrsim::scenarios::Scenario scenario = vrsim::scenarios::load_scenario(scenario_file);
    const OutcomeLayout layout(scenario.parameters);
    std::map<std::string, std::size_t> columns;
    for (std::size_t column = 0; column < layout.size(); ++column) {
        columns[std::string(layout.name(column))] = column;
    }
    const int months = scenario.parameters.simulation.horizon_months;
    const std::vector<Block> blocks = {{0, 60, "years 1-5"},
                                       {60, 120, "years 6-10"},
                                       {120, months, "years 11-15"},
                                       {0, months, "15 years"}};

    // Agent-based: per replicate, each outcome's block sums.
    std::vector<std::vector<std::vector<double>>> sums(
        outcomes.size(), std::vector<std::vector<double>>(blocks.size()));
    vrsim::scenarios::EnsembleOptions options;
    options.replicates = replicates;
    options.seed = 5;
    vrsim::scenarios::run_ensemble(
        scenario, options, {[&](std::uint32_t, const MonthlyOutcomes& out) {
            for (std::size_t k = 0; k < outcomes.size(); ++k) {
                for (std::size_t b = 0; b < blocks.size(); ++b) {
                    sums[k][b].push_back(block_sum(out, columns.at(outcomes[k]), blocks[b]));
                }
            }
        }});
    MonthlyOutcomes cohort;
    vrsim::model::CohortEngine().run(scenario.parameters, cohort);

    for (std::size_t k = 0; k < outcomes.size(); ++k) {
        for (std::size_t b = 0; b < blocks.size(); ++b) {
            const std::vector<double>& values = sums[k][b];
            double mean = 0.0;
            for (double value : values) {
                mean += value / static_cast<double>(values.size());
            }
            double variance = 0.0;
            for (double value : values) {
                variance +=
                    (value - mean) * (value - mean) / static_cast<double>(values.size() - 1);
            }
            const double standard_error = std::sqrt(variance / static_cast<double>(values.size()));
            const double expected = block_sum(cohort, columns.at(outcomes[k]), blocks[b]);
            INFO(outcomes[k] << ", " << blocks[b].name << ": agent-based mean " << mean << " (SE "
                             << standard_error << "), cohort " << expected);
            CHECK(std::abs(expected - mean) <= kStandardErrors * standard_error);
        }
    }
}

}  // namespace

TEST_CASE("engines agree on offences, first-time entrants and custody", "[cohort][agreement]") {
    check_agreement(
        fixture("agreement_core.toml"),
        {"recorded_violence_with_injury", "recorded_violence_without_injury",
         "recorded_knife_enabled", "recorded_robbery", "recorded_sexual", "recorded_domestic_abuse",
         "recorded_acquisitive", "recorded_other", "first_time_entrants_youth",
         "first_time_entrants_adult", "custody_population"},
        kReplicates);
}

TEST_CASE("engines agree on programme caseloads when places do not bind", "[cohort][agreement]") {
    // IOM's uncapped caseload (about 10% lower in the cohort engine) and support
    // for victims of domestic abuse (about 7% higher: the agent-based engine finds
    // no partner for some abusers) differ by design; README "Two engines".
    check_agreement(fixture("agreement_programmes.toml"),
                    {"recorded_violence_against_the_person", "recorded_total",
                     "programme.youth_triage.caseload", "programme.gang_exit.caseload",
                     "programme.channel.caseload", "programme.perpetrators.caseload"},
                    kProgrammeReplicates);
}
