#include "vrsim/scenarios/manifest.hpp"

#include <algorithm>

#include "vrsim/model/outcomes.hpp"
#include "vrsim/scenarios/file_digest.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/parameters_json.hpp"

namespace vrsim::scenarios {

using nlohmann::json;

namespace {

json scenario_json(const Scenario& scenario) {
    json files = json::array();
    for (const std::filesystem::path& file : scenario.files) {
        files.push_back({{"path", file.string()}, {"sha256", sha256_file(file)}});
    }
    json uncertain = json::array();
    for (const UncertainParameter& parameter : scenario.uncertain) {
        uncertain.push_back(to_json(parameter));
    }
    json sources = json::object();
    for (const auto& [field, source] : scenario.sources) {
        sources[field] = source;
    }
    json funding = json::array();
    for (const ProgrammeFunding& programme : scenario.funding) {
        json entries = json::array();
        for (const FundingEntry& entry : programme.entries) {
            entries.push_back({{"from_financial_year", entry.from_financial_year},
                               {"until_financial_year", entry.until_financial_year},
                               {"budget_gbp_per_year", entry.budget_gbp_per_year},
                               {"places", entry.places},
                               {"places_given", entry.places_given},
                               {"funder", entry.funder},
                               {"grant", entry.grant}});
        }
        funding.push_back({{"programme", programme.programme},
                           {"cost_per_place_per_year_gbp", programme.cost_per_place_per_year_gbp},
                           {"ramp_up_months", programme.ramp_up_months},
                           {"wind_down_months", programme.wind_down_months},
                           {"entries", entries}});
    }
    return {{"name", scenario.name},
            {"funding", funding},
            {"description", scenario.description},
            {"file", scenario.file.string()},
            {"files", files},
            {"parameters", to_json(scenario.parameters)},
            {"uncertain_parameters", uncertain},
            {"sources", sources}};
}

json summary_json(bool summary_only) {
    return {{"statistics", {"mean", "p05", "p25", "p50", "p75", "p95"}},
            {"quantiles", summary_only
                              ? "approximate: extended P-square estimator (Boost.Accumulators), "
                                "exact type 7 for cells with at most 13 values"
                              : "exact: type 7, linear interpolation between order statistics"},
            {"missing_values", "months where an outcome is not defined are left out"}};
}

}  // namespace

json make_manifest(const std::vector<std::string>& command_line,
                   const std::vector<const Scenario*>& scenarios, const EnsembleOptions& options,
                   const std::vector<std::string>& extra_files) {
    // Every outcome of any scenario, in order of first appearance.
    json outcome_names = json::array();
    std::vector<std::string> seen;
    auto add_outcomes = [&](const model::OutcomeLayout& layout) {
        for (std::size_t column = 0; column < layout.size(); ++column) {
            const std::string name(layout.name(column));
            if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
                seen.push_back(name);
                outcome_names.push_back(name);
            }
        }
    };
    add_outcomes(model::OutcomeLayout());
    for (const Scenario* scenario : scenarios) {
        add_outcomes(model::OutcomeLayout(scenario->parameters));
    }
    json output_files = json::array({kManifestFile, kSummaryFile});
    if (!options.summary_only) {
        output_files.push_back(kTimeseriesFile);
    }
    for (const std::string& file : extra_files) {
        output_files.push_back(file);
    }
    json scenario_list = json::array();
    for (const Scenario* scenario : scenarios) {
        scenario_list.push_back(scenario_json(*scenario));
    }
    const model::SimulationParameters& simulation = scenarios.empty()
                                                        ? model::SimulationParameters{}
                                                        : scenarios.front()->parameters.simulation;

    return {
        {"program", "vrsim"},
        {"version", VRSIM_VERSION},
        {"command_line", command_line},
        {"engine", std::string(model::to_string(options.engine))},
        {"seed", options.seed},
        {"replicates", options.replicates},
        {"replicate_numbering", "0-based; replicate r draws from the random streams of (seed, r)"},
        {"summary_only", options.summary_only},
        {"start_month", simulation.start_month.to_string()},
        {"horizon_months", simulation.horizon_months},
        {"outcomes", outcome_names},
        {"files", output_files},
        {"summary", summary_json(options.summary_only)},
        {"scenarios", scenario_list}};
}

}  // namespace vrsim::scenarios
