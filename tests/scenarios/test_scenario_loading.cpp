// Loading scenarios: values land in the right fields of model::Parameters,
// sources and distributions are recorded, and `extends` merges files.
#include <catch2/catch.hpp>
#include <cmath>

#include "scenario_test_files.hpp"
#include "vrsim/model/offence_types.hpp"
#include "vrsim/scenarios/economics.hpp"
#include "vrsim/scenarios/markov_file.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {
namespace {

using model::index_of;
using model::OffenceType;
using testing::listed;
using testing::replaced;
using testing::TemporaryFolder;

const std::string* source_of(const Scenario& scenario, std::string_view field) {
    for (const auto& [path, source] : scenario.sources) {
        if (path == field) {
            return &source;
        }
    }
    return nullptr;
}

const UncertainParameter* uncertain_of(const Scenario& scenario, std::string_view field) {
    for (const UncertainParameter& parameter : scenario.uncertain) {
        if (parameter.field == field) {
            return &parameter;
        }
    }
    return nullptr;
}

TEST_CASE("the minimal scenario's values land in model::Parameters", "[scenarios]") {
    const auto file = testing::fixture("valid_minimal.toml");
    const Scenario scenario = load_scenario(file);
    CHECK(scenario.name == "Minimal");
    CHECK(scenario.description == "Every field, small numbers");
    CHECK(scenario.file == file);
    CHECK(scenario.files == std::vector<std::filesystem::path>{file});
    CHECK(scenario.uncertain.empty());
    CHECK(scenario.sources.empty());

    const model::Parameters& p = scenario.parameters;
    CHECK(p.simulation.start_month == model::YearMonth::of(2019, 4));
    CHECK(p.simulation.horizon_months == 24);
    CHECK(p.simulation.warmup_months == 12);
    CHECK(p.place.name == "Testville");
    CHECK(p.place.population == 1000);
    CHECK(p.place.age_band_lower == std::vector<double>{0, 10, 18, 65});
    CHECK(p.place.age_band_share == std::vector<double>{0.1, 0.2, 0.5, 0.2});
    CHECK(p.place.areas == 2);
    CHECK(p.demography.mortality_gompertz_b == 0.09);
    CHECK(p.offending.base_rate_per_month == 0.05);
    CHECK(p.offending.age_curve == std::vector<double>{0.5, 1.0, 0.8});
    CHECK(p.offending.career_mean_months == 120.0);  // an integer in the file
    CHECK(p.offending.type_share[index_of(OffenceType::acquisitive)] == 0.3);
    CHECK(p.offending.seasonality[index_of(OffenceType::robbery)][6] == 1.1);
    CHECK(p.offending.domestic_abuse_min_age_years == 16);
    CHECK(p.risk.school_exclusion.offending_multiplier == 1.5);
    CHECK(p.risk.gang.type_multiplier[index_of(OffenceType::knife_enabled)] == 4.0);
    CHECK(p.risk.gang.gangs_per_area == 2);
    CHECK(p.risk.gang.rival_victim_share == 0.3);
    CHECK(p.victims.age_band_victimisation == std::vector<double>{0.2, 1.0, 1.5, 0.5});
    CHECK(p.contagion.enabled);
    CHECK(p.contagion.decay_months == 2.0);
    CHECK(p.justice.recording_probability[index_of(OffenceType::sexual)] == 0.2);
    CHECK(p.justice.sentence_mean_months[index_of(OffenceType::robbery)] == 30.0);
    CHECK(p.justice.release_fraction == 0.5);
    CHECK(p.justice.recall_months == 3);
}

TEST_CASE("values written as tables record their source and distribution", "[scenarios]") {
    TemporaryFolder folder;
    std::string text = testing::valid_minimal_text();
    text = replaced(text, "base_rate_per_month = 0.05",
                    "base_rate_per_month = { value = 0.06, source = \"Rate source\", "
                    "distribution = { type = \"lognormal\", meanlog = -2.8, sdlog = 0.1 } }");
    text = replaced(text, "robbery = 0.7",
                    "robbery = { value = 0.65, source = \"CSEW 2019/20\", distribution = { type "
                    "= \"beta\", alpha = 65, beta = 35 } }");
    text = replaced(text, "population = 1000",
                    "population = { value = 1200, source = \"ONS mid-year estimate\" }");
    text = replaced(text, "propensity_shape = 0.5",
                    "propensity_shape = { value = 0.5, distribution = { type = \"gamma\", shape "
                    "= 5, scale = 0.1 } }");
    const Scenario scenario = load_scenario(folder.write("sourced.toml", text));
    model::Parameters p = scenario.parameters;

    CHECK(p.offending.base_rate_per_month == 0.06);
    CHECK(p.justice.recording_probability[index_of(OffenceType::robbery)] == 0.65);
    CHECK(p.place.population == 1200);

    REQUIRE(source_of(scenario, "parameters.offending.base_rate_per_month") != nullptr);
    CHECK(*source_of(scenario, "parameters.offending.base_rate_per_month") == "Rate source");
    REQUIRE(source_of(scenario, "parameters.justice.recording_probability.robbery") != nullptr);
    CHECK(*source_of(scenario, "parameters.justice.recording_probability.robbery") ==
          "CSEW 2019/20");
    REQUIRE(source_of(scenario, "place.population") != nullptr);
    CHECK(*source_of(scenario, "place.population") == "ONS mid-year estimate");
    CHECK(scenario.sources.size() == 3);

    REQUIRE(scenario.uncertain.size() == 3);
    const UncertainParameter* rate =
        uncertain_of(scenario, "parameters.offending.base_rate_per_month");
    REQUIRE(rate != nullptr);
    CHECK(rate->distribution.kind == Distribution::Kind::lognormal);
    CHECK(rate->distribution.a == -2.8);
    CHECK(rate->distribution.b == 0.1);
    CHECK(rate->locate(p) == &p.offending.base_rate_per_month);
    CHECK(rate->lower == 0.0);
    CHECK(rate->upper == 100.0);  // offences a month: the schema's sanity limit

    const UncertainParameter* robbery =
        uncertain_of(scenario, "parameters.justice.recording_probability.robbery");
    REQUIRE(robbery != nullptr);
    CHECK(robbery->distribution.kind == Distribution::Kind::beta);
    CHECK(robbery->locate(p) == &p.justice.recording_probability[index_of(OffenceType::robbery)]);
    CHECK(robbery->lower == 0.0);
    CHECK(robbery->upper == 1.0);

    // A shape's range starts at 0.01: below that nobody would offend at all.
    const UncertainParameter* shape =
        uncertain_of(scenario, "parameters.offending.propensity_shape");
    REQUIRE(shape != nullptr);
    CHECK(shape->distribution.kind == Distribution::Kind::gamma);
    CHECK(shape->locate(p) == &p.offending.propensity_shape);
    CHECK(shape->lower == 0.01);
}

TEST_CASE("a scenario that extends another overrides only what it writes", "[scenarios]") {
    TemporaryFolder folder;
    const auto base = folder.write("base.toml", testing::valid_minimal_text());
    const std::string child_text = R"(
[scenario]
name = "Child"
extends = "../base.toml"

[place]
male_share = 0.45

[parameters.offending]
age_curve = [1.0]

[parameters.offending.seasonality]
robbery = [1.2, 1.2, 1, 1, 1, 1, 0.8, 0.8, 1, 1, 1, 1]

[parameters.justice.recording_probability]
robbery = 0.9
)";
    const auto child = folder.write("sub/child.toml", child_text);
    const Scenario scenario = load_scenario(child);
    const model::Parameters& p = scenario.parameters;

    CHECK(scenario.name == "Child");
    CHECK(scenario.description.empty());  // [scenario] is not inherited
    CHECK(scenario.file == child);
    REQUIRE(scenario.files.size() == 2);
    CHECK(scenario.files[0] == child);
    CHECK(scenario.files[1] == base);

    // The child's values win.
    CHECK(p.place.male_share == 0.45);
    CHECK(p.offending.age_curve == std::vector<double>{1.0});  // arrays are replaced whole
    CHECK(p.offending.seasonality[index_of(OffenceType::robbery)][0] == 1.2);
    CHECK(p.justice.recording_probability[index_of(OffenceType::robbery)] == 0.9);
    // Everything else comes from the base, including the rest of merged tables.
    CHECK(p.place.population == 1000);
    CHECK(p.place.name == "Testville");
    CHECK(p.offending.seasonality[index_of(OffenceType::sexual)][0] == 1.0);
    CHECK(p.justice.recording_probability[index_of(OffenceType::sexual)] == 0.2);
    CHECK(p.justice.recall_months == 3);
}

TEST_CASE("a value written as a table is replaced whole by an extending file", "[scenarios]") {
    TemporaryFolder folder;
    folder.write("base.toml",
                 replaced(testing::valid_minimal_text(), "base_rate_per_month = 0.05",
                          "base_rate_per_month = { value = 0.05, source = \"Base source\", "
                          "distribution = { type = \"normal\", mean = 0.05, sd = 0.01 } }"));
    SECTION("a plain number drops the base's distribution and source") {
        const auto child = folder.write(
            "child.toml",
            "[scenario]\nname = \"c\"\nextends = \"base.toml\"\n[parameters.offending]\n"
            "base_rate_per_month = 0.07\n");
        const Scenario scenario = load_scenario(child);
        CHECK(scenario.parameters.offending.base_rate_per_month == 0.07);
        CHECK(scenario.uncertain.empty());
        CHECK(scenario.sources.empty());
    }
    SECTION("a table keeps none of the base's keys") {
        const auto child = folder.write(
            "child.toml",
            "[scenario]\nname = \"c\"\nextends = \"base.toml\"\n[parameters.offending]\n"
            "base_rate_per_month = { value = 0.07, source = \"Child source\" }\n");
        const Scenario scenario = load_scenario(child);
        CHECK(scenario.parameters.offending.base_rate_per_month == 0.07);
        CHECK(scenario.uncertain.empty());
        REQUIRE(scenario.sources.size() == 1);
        CHECK(scenario.sources[0].second == "Child source");
    }
}

TEST_CASE("a chain of three files lists every file, base last", "[scenarios]") {
    TemporaryFolder folder;
    const auto root = folder.write("root.toml", testing::valid_minimal_text());
    const auto middle = folder.write(
        "a/middle.toml",
        "[scenario]\nname = \"middle\"\nextends = \"../root.toml\"\n[place]\nareas = 5\n");
    const auto top = folder.write(
        "a/b/top.toml",
        "[scenario]\nname = \"top\"\ndescription = \"the top\"\nextends = \"../middle.toml\"\n"
        "[place]\npopulation = 5000\n");
    const Scenario scenario = load_scenario(top);
    CHECK(scenario.files == std::vector<std::filesystem::path>{top, middle, root});
    CHECK(scenario.name == "top");
    CHECK(scenario.description == "the top");
    CHECK(scenario.parameters.place.population == 5000);
    CHECK(scenario.parameters.place.areas == 5);
    CHECK(scenario.parameters.place.male_share == 0.5);
}

TEST_CASE("every shipped scenario in scenarios/library loads without diagnostics", "[scenarios]") {
    const auto library = std::filesystem::path(VRSIM_SOURCE_DIR) / "scenarios" / "library";
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(library)) {
        if (entry.path().extension() != ".toml") {
            continue;
        }
        if (entry.path().parent_path().filename() == "markov") {
            CHECK_NOTHROW(load_markov_file(entry.path()));  // state-transition models
            continue;
        }
        if (entry.path().parent_path().filename() == "costs") {
            CHECK_NOTHROW(load_unit_costs(entry.path()));  // unit costs for comparisons
            continue;
        }
        if (entry.path().parent_path().filename() == "mappings") {
            continue;  // observed-data category mappings, loaded by tests/calibration
        }
        ++files;
        INFO(entry.path().string());
        const auto diagnostics = testing::diagnostics_of(entry.path());
        INFO(listed(diagnostics));
        CHECK(diagnostics.empty());
    }
    CHECK(files > 0);
}

}  // namespace
}  // namespace vrsim::scenarios
