#pragma once
// A scenario: a TOML file (which may extend another) turned into model
// parameters, plus the parameters that carry an uncertainty distribution.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "vrsim/model/parameters.hpp"
#include "vrsim/model/random.hpp"
#include "vrsim/scenarios/calibration_settings.hpp"
#include "vrsim/scenarios/diagnostic.hpp"
#include "vrsim/scenarios/distribution.hpp"

namespace vrsim::scenarios {

// Thrown by load_scenario with every problem found, not just the first.
class ScenarioError : public std::runtime_error {
  public:
    explicit ScenarioError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

// A scalar parameter drawn once per replicate.
struct UncertainParameter {
    std::string field;  // dotted path as in the file
    Distribution distribution;
    std::function<double*(model::Parameters&)> locate;  // where the drawn value goes
    double lower = 0.0;  // the parameter's valid range; draws are clamped into it
    double upper = 0.0;
};

// Money for a programme from one funder over UK financial years (April-March),
// named by the year they start in: from 2019 means 2019-20.
struct FundingEntry {
    int from_financial_year = 0;
    int until_financial_year = 0;  // inclusive
    // The budget (and the cost per place behind `places`) is in real prices of
    // this financial year, the same real amount each year: by default `from`,
    // the year a figure is usually quoted for.
    int price_financial_year = 0;
    double budget_gbp_per_year = 0.0;  // or, when places_given, places x cost per place
    double places = 0.0;
    bool places_given = false;
    std::string funder;
    bool grant = false;  // a time-limited grant rather than core funding
};

struct ProgrammeFunding {
    std::string programme;  // id
    double cost_per_place_per_year_gbp = 0.0;
    int ramp_up_months = 0;    // after funding starts or rises, places climb over these months
    int wind_down_months = 0;  // before it stops or falls, places shrink over these months
    std::vector<FundingEntry> entries;
};

struct Scenario {
    std::string name;
    std::string description;
    std::filesystem::path file;                // the file named on the command line
    std::vector<std::filesystem::path> files;  // it and every file it extends, base last
    model::Parameters parameters;              // values as written (no draws applied)
    std::vector<UncertainParameter> uncertain;
    std::vector<ProgrammeFunding> funding;  // one per programme, in parameters.programmes order
    // Where each parameter's value came from ("source" in the file), by field path.
    std::vector<std::pair<std::string, std::string>> sources;
    // The [calibration] section, when the scenario (or a file it extends) has one.
    std::optional<CalibrationSettings> calibration;
};

// One draw from `distribution`, identical on every platform for the same stream.
double draw(const Distribution& distribution, model::Stream& stream);

// Reads and validates a scenario; throws ScenarioError listing every problem.
Scenario load_scenario(const std::filesystem::path& file);

// The parameters of replicate `replicate`: the scenario's values with each
// uncertain parameter drawn from its own stream (seed, replicate, parameter).
model::Parameters draw_parameters(const Scenario& scenario, std::uint64_t seed,
                                  std::uint32_t replicate);

}  // namespace vrsim::scenarios
