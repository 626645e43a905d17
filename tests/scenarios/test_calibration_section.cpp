// The [calibration] section of a scenario: decoded into CalibrationSettings,
// inherited through extends, and every mistake reported where it was written.
#include <algorithm>
#include <catch2/catch.hpp>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {
namespace {

using testing::listed;
using testing::place_of;
using testing::TemporaryFolder;

// valid_minimal.toml with an uncertain base rate and a [calibration] section.
const std::string kUncertainRate =
    "base_rate_per_month = { value = 0.05, distribution = { type = \"uniform\", min = 0.01, max "
    "= 0.2 } }";

std::string with_calibration(std::string_view section) {
    std::string text = testing::replaced(testing::valid_minimal_text(),
                                         "base_rate_per_month = 0.05", kUncertainRate);
    text.append("\n").append(section);
    return text;
}

const std::string kValidSection = R"([calibration]
area = "Testville"
mapping = "maps/met.toml"
from = "2019-04"
to = "2020-03"
population = { value = 950, source = "test" }
parameters = ["parameters.offending.base_rate_per_month"]
[[calibration.targets]]
outcome = "recorded_total"
kind = "monthly"
[[calibration.targets]]
outcome = "recorded_robbery"
kind = "annual"
weight = 0.5
[[calibration.targets]]
outcome = "proven_reoffending_rate"
kind = "rate"
weight = 2
observed = 0.25
source = "MoJ proven reoffending, 2014"
)";

TEST_CASE("A [calibration] section is decoded into the scenario's settings", "[calibration]") {
    TemporaryFolder folder;
    const auto file = folder.write("scenario.toml", with_calibration(kValidSection));
    const Scenario scenario = load_scenario(file);
    REQUIRE(scenario.calibration.has_value());
    const CalibrationSettings& settings = *scenario.calibration;
    CHECK(settings.area == "Testville");
    // Relative to the folder of the file that names it.
    CHECK(settings.mapping == (folder.path() / "maps" / "met.toml").lexically_normal());
    CHECK(settings.from == model::YearMonth::of(2019, 4));
    CHECK(settings.to == model::YearMonth::of(2020, 3));
    CHECK(settings.population == 950);
    CHECK(settings.population_source == "test");
    CHECK(settings.parameters ==
          std::vector<std::string>{"parameters.offending.base_rate_per_month"});
    REQUIRE(settings.targets.size() == 3);
    CHECK(settings.targets[0].outcome == "recorded_total");
    CHECK(settings.targets[0].kind == TargetKind::monthly);
    CHECK(settings.targets[0].weight == 1.0);
    CHECK_FALSE(settings.targets[0].observed.has_value());
    CHECK(settings.targets[1].kind == TargetKind::annual);
    CHECK(settings.targets[1].weight == 0.5);
    CHECK(settings.targets[2].kind == TargetKind::rate);
    CHECK(settings.targets[2].observed == 0.25);
    CHECK(settings.targets[2].source == "MoJ proven reoffending, 2014");
}

TEST_CASE("A scenario without [calibration] has no settings", "[calibration]") {
    CHECK_FALSE(load_scenario(testing::fixture("valid_minimal.toml")).calibration.has_value());
}

TEST_CASE("An extending file inherits [calibration] and replaces keys one by one",
          "[calibration]") {
    TemporaryFolder folder;
    folder.write("base/base.toml", with_calibration(kValidSection));
    const auto file = folder.write("child.toml", R"([scenario]
name = "Child"
extends = "base/base.toml"
[calibration]
area = "Otherville"
)");
    const Scenario scenario = load_scenario(file);
    REQUIRE(scenario.calibration.has_value());
    CHECK(scenario.calibration->area == "Otherville");
    // The mapping stays relative to the base file, which wrote it.
    CHECK(scenario.calibration->mapping ==
          (folder.path() / "base" / "maps" / "met.toml").lexically_normal());
    CHECK(scenario.calibration->targets.size() == 3);
}

struct Problem {
    std::string from;  // text in kValidSection
    std::string to;
    std::string where;  // text of the edited section the problem is reported at
    std::string field;
    std::string message;
};

TEST_CASE("Mistakes in [calibration] are reported with file, line, column and a hint",
          "[calibration]") {
    const std::vector<Problem> problems = {
        {"area = \"Testville\"\n", "area = \"Testville\"\nareas = 2\n", "areas",
         "calibration.areas", "did you mean \"area\""},
        {"kind = \"annual\"", "kind = \"anual\"", "\"anual\"", "calibration.targets[1].kind",
         "did you mean \"annual\""},
        {"outcome = \"recorded_total\"", "outcome = \"recorded_totl\"", "\"recorded_totl\"",
         "calibration.targets[0].outcome", "did you mean \"recorded_total\""},
        {"to = \"2020-03\"", "to = \"2019-03\"", "\"2019-03\"", "calibration.to",
         "on or after from (2019-04)"},
        {"from = \"2019-04\"", "from = \"April 2019\"", "\"April 2019\"", "calibration.from",
         "YYYY-MM"},
        {"[\"parameters.offending.base_rate_per_month\"]",
         "[\"parameters.offending.base_rate_per_mnth\"]",
         "\"parameters.offending.base_rate_per_mnth\"", "calibration.parameters",
         "did you mean \"parameters.offending.base_rate_per_month\""},
        {"[\"parameters.offending.base_rate_per_month\"]",
         "[\"parameters.offending.propensity_shape\"]", "\"parameters.offending.propensity_shape\"",
         "calibration.parameters", "not a parameter with a distribution"},
        {"kind = \"monthly\"", "kind = \"monthly\"\nobserved = 0.75", "0.75",
         "calibration.targets[0].observed", "only a rate target takes an observed value"},
        {"weight = 0.5", "weight = -1", "-1", "calibration.targets[1].weight",
         "expected a number above 0"},
        {"population = { value = 950, source = \"test\" }", "population = 9.5", "9.5",
         "calibration.population", "whole number of residents"},
    };
    for (const Problem& problem : problems) {
        INFO(problem.to);
        TemporaryFolder folder;
        const std::string text =
            with_calibration(testing::replaced(kValidSection, problem.from, problem.to));
        const auto file = folder.write("scenario.toml", text);
        const std::vector<Diagnostic> diagnostics = testing::diagnostics_of(file);
        INFO(listed(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        const auto place = place_of(text, std::string("[calibration]"));
        const auto at = place_of(text.substr(text.find("[calibration]")), problem.where);
        CHECK(diagnostics[0].file == file);
        CHECK(diagnostics[0].line == place.line + at.line - 1);
        CHECK(diagnostics[0].column == at.column);
        CHECK(diagnostics[0].field == problem.field);
        CHECK_THAT(diagnostics[0].message, Catch::Contains(problem.message));
    }
}

const std::string kObservationSection = R"([calibration.observation]
noise = "negative_binomial"
[calibration.observation.recording_trend]
before = { value = 0.67, source = "HMIC 2014", distribution = { type = "uniform", min = 0.4, max = 1.0 } }
midpoint_year = { value = 2014.75, source = "HMIC 2014" }
duration_months = { value = 18, source = "assumption", distribution = { type = "uniform", min = 1, max = 48 } }
)";

TEST_CASE("[calibration.observation] is decoded: noise, trend values, sources and priors",
          "[calibration]") {
    TemporaryFolder folder;
    const auto file =
        folder.write("scenario.toml", with_calibration(kValidSection + kObservationSection));
    const Scenario scenario = load_scenario(file);
    REQUIRE(scenario.calibration.has_value());
    REQUIRE(scenario.calibration->observation.has_value());
    const ObservationSettings& observation = *scenario.calibration->observation;
    CHECK(observation.noise == ObservationNoise::negative_binomial);
    CHECK_FALSE(observation.dispersion.has_value());  // estimated
    REQUIRE(observation.recording_trend.has_value());
    const RecordingTrendSettings& trend = *observation.recording_trend;
    CHECK(trend.before.value == 0.67);
    CHECK(trend.before.source == "HMIC 2014");
    REQUIRE(trend.before.distribution.has_value());
    CHECK(trend.before.distribution->kind == Distribution::Kind::uniform);
    CHECK(trend.before.distribution->a == 0.4);
    CHECK(trend.midpoint_year.value == 2014.75);
    CHECK_FALSE(trend.midpoint_year.distribution.has_value());  // fixed
    CHECK(trend.duration_months.value == 18.0);
    CHECK(trend.duration_months.distribution->b == 48.0);
    // Without the table there is no observation model.
    const Scenario plain =
        load_scenario(folder.write("plain.toml", with_calibration(kValidSection)));
    CHECK_FALSE(plain.calibration->observation.has_value());
}

TEST_CASE("Mistakes in [calibration.observation] are reported where they were written",
          "[calibration]") {
    const std::vector<Problem> problems = {
        {"before = { value = 0.67,", "before = { value = 0,", "0",
         "calibration.observation.recording_trend.before.value", "above 0 and at most 5"},
        {"noise = \"negative_binomial\"", "noise = \"poisson\"", "\"poisson\"",
         "calibration.observation.noise", "negative_binomial"},
        {"midpoint_year = { value = 2014.75, source = \"HMIC 2014\" }",
         "midpoint_year = { value = 2014.75 }", "{ value = 2014.75 }",
         "calibration.observation.recording_trend.midpoint_year.source", "required"},
        {"min = 1, max = 48", "min = 0.5, max = 700",
         "{ type = \"uniform\", min = 0.5, max = 700 }",
         "calibration.observation.recording_trend.duration_months.distribution",
         "inside the valid range"},
        {"noise = \"negative_binomial\"\n",
         "noise = \"negative_binomial\"\ndispersion = { value = 50, source = \"x\", distribution = "
         "{ type = \"uniform\", min = 1, max = 9 } }\n",
         "{ type = \"uniform\", min = 1, max = 9 }",
         "calibration.observation.dispersion.distribution", "not fitted"},
        {"duration_months = { value = 18,", "duration_month = { value = 18,", "duration_month",
         "calibration.observation.recording_trend.duration_month", "did you mean"},
    };
    for (const Problem& problem : problems) {
        INFO(problem.to);
        TemporaryFolder folder;
        const std::string text = with_calibration(
            kValidSection + testing::replaced(kObservationSection, problem.from, problem.to));
        const auto file = folder.write("scenario.toml", text);
        const std::vector<Diagnostic> diagnostics = testing::diagnostics_of(file);
        INFO(listed(diagnostics));
        // An unknown key also leaves a required one unset: find the problem's own.
        const auto found =
            std::find_if(diagnostics.begin(), diagnostics.end(),
                         [&](const Diagnostic& d) { return d.field == problem.field; });
        REQUIRE(found != diagnostics.end());
        const auto place = place_of(text, std::string("[calibration.observation]"));
        const auto at =
            place_of(text.substr(text.find("[calibration.observation]")), problem.where);
        CHECK(found->file == file);
        CHECK(found->line == place.line + at.line - 1);
        CHECK(found->column == at.column);
        CHECK_THAT(found->message, Catch::Contains(problem.message));
    }
}

TEST_CASE("A rate's observed value needs its source, and required keys are named",
          "[calibration]") {
    TemporaryFolder folder;
    const std::string text = with_calibration(R"([calibration]
from = "2019-04"
to = "2020-03"
[[calibration.targets]]
outcome = "proven_reoffending_rate"
kind = "rate"
observed = 0.25
)");
    const std::vector<Diagnostic> diagnostics =
        testing::diagnostics_of(folder.write("scenario.toml", text));
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 2);
    std::vector<std::string> fields = {diagnostics[0].field, diagnostics[1].field};
    std::sort(fields.begin(), fields.end());
    CHECK(fields == std::vector<std::string>{"calibration.area", "calibration.targets[0].source"});
}

TEST_CASE("The shipped scenarios carry their calibration settings", "[calibration]") {
    const std::filesystem::path library =
        std::filesystem::path(VRSIM_SOURCE_DIR) / "scenarios" / "library";
    const Scenario croydon = load_scenario(library / "croydon" / "baseline.toml");
    REQUIRE(croydon.calibration.has_value());
    CHECK(croydon.calibration->area == "Croydon");
    CHECK(croydon.calibration->from == model::YearMonth::of(2010, 4));
    CHECK(croydon.calibration->to == model::YearMonth::of(2019, 12));
    CHECK(std::filesystem::is_regular_file(croydon.calibration->mapping));
    REQUIRE(croydon.calibration->targets.size() == 1);
    CHECK(croydon.calibration->targets[0].outcome == "recorded_violence_against_the_person");
    // Its observation model: NB noise with an estimated dispersion, and HMIC's
    // recording trend with every number fitted.
    REQUIRE(croydon.calibration->observation.has_value());
    CHECK(croydon.calibration->observation->noise == ObservationNoise::negative_binomial);
    CHECK_FALSE(croydon.calibration->observation->dispersion.has_value());
    REQUIRE(croydon.calibration->observation->recording_trend.has_value());
    const RecordingTrendSettings& trend = *croydon.calibration->observation->recording_trend;
    CHECK(trend.before.value == 0.67);  // 1 - 0.33 (HMIC 2014)
    CHECK_THAT(trend.before.source, Catch::Contains("HMIC"));
    CHECK(trend.before.distribution.has_value());
    CHECK(trend.midpoint_year.distribution.has_value());
    CHECK(trend.duration_months.distribution.has_value());
    // The boroughs that extend Croydon's file fit their own rows.
    const Scenario haringey = load_scenario(library / "haringey" / "baseline.toml");
    REQUIRE(haringey.calibration.has_value());
    CHECK(haringey.calibration->area == "Haringey");
    CHECK(haringey.calibration->mapping == croydon.calibration->mapping);
    CHECK(haringey.calibration->population != croydon.calibration->population);
    const Scenario mopac = load_scenario(library / "croydon" / "mopac_cut.toml");
    REQUIRE(mopac.calibration.has_value());
    CHECK(mopac.calibration->area == "Croydon");
}

}  // namespace
}  // namespace vrsim::scenarios
