// Every shipped scenario validates and runs one replicate, and its programmes
// report within their funded places.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>

#include "vrsim/model/abm.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace fs = std::filesystem;
using vrsim::model::ProgrammeMeasure;

TEST_CASE("every shipped scenario runs, with programme caseloads within places",
          "[library][programmes]") {
    const fs::path library = fs::path(VRSIM_SOURCE_DIR) / "scenarios" / "library";
    int scenarios_run = 0;
    for (const auto& entry : fs::recursive_directory_iterator(library)) {
        const fs::path& file = entry.path();
        const std::string folder = file.parent_path().filename().string();
        // Defaults are a base to extend; Markov models and unit costs are other formats.
        if (file.extension() != ".toml" || file.filename() == "defaults.toml" ||
            folder == "markov" || folder == "costs" || folder == "mappings") {
            continue;
        }
        INFO(file.string());
        const vrsim::scenarios::Scenario scenario = vrsim::scenarios::load_scenario(file);
        const vrsim::model::Parameters parameters =
            vrsim::scenarios::draw_parameters(scenario, 20261122, 0);
        vrsim::model::AbmEngine engine;
        vrsim::model::MonthlyOutcomes out;
        engine.run(parameters, {20261122, 0}, out);
        const vrsim::model::OutcomeLayout layout(parameters);
        REQUIRE(out.columns() == layout.size());
        for (std::size_t p = 0; p < parameters.programmes.size(); ++p) {
            const auto& programme = parameters.programmes[p];
            double spend = 0.0;
            double funded = 0.0;
            for (int month = 0; month < out.months(); ++month) {
                const double places =
                    out.at(month, layout.programme_column(p, ProgrammeMeasure::places));
                const double caseload =
                    out.at(month, layout.programme_column(p, ProgrammeMeasure::caseload));
                if (programme.kind != vrsim::model::ProgrammeKind::prevention) {
                    CHECK(caseload <= std::floor(places));
                }
                spend += out.at(month, layout.programme_column(p, ProgrammeMeasure::spend_gbp));
                funded += programme.spend_gbp_by_month[static_cast<std::size_t>(month)];
            }
            CHECK(spend == Approx(funded));
        }
        ++scenarios_run;
    }
    CHECK(scenarios_run == 10);  // Croydon 4, Southwark 2, Haringey 2, Norfolk 2
}
