// load_scenario: read the file chain, decode the parameters, check the rules
// that span fields, and report every problem at once.
#include <utility>

#include "calibration_decode.hpp"
#include "programme_decode.hpp"
#include "scenario_decode.hpp"
#include "scenario_diagnostics.hpp"
#include "scenario_document.hpp"
#include "scenario_rules.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

Scenario load_scenario(const std::filesystem::path& file) {
    std::vector<Diagnostic> diagnostics;
    detail::ScenarioDocument document = detail::read_scenario_document(file, diagnostics);
    auto fail = [&]() {
        detail::sort_diagnostics(diagnostics, document.files);
        return ScenarioError(std::move(diagnostics));
    };
    // Without the whole chain, every field the missing file sets would be
    // reported as not set: report only why the chain could not be read.
    if (!document.complete) {
        throw fail();
    }
    Scenario scenario;
    scenario.name = document.name;
    scenario.description = document.description;
    scenario.file = file;
    scenario.files = document.files;
    const detail::FieldSet failed =
        detail::decode_parameters(document.root, file, scenario, diagnostics);
    detail::decode_programmes(document.root, file, scenario, diagnostics);
    detail::check_parameter_rules(scenario.parameters, document.root, file, failed, diagnostics);
    detail::decode_calibration(document.root, scenario, diagnostics);
    if (!diagnostics.empty()) {
        throw fail();
    }
    detail::schedule_programmes(scenario);
    return scenario;
}

}  // namespace vrsim::scenarios
