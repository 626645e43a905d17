// Every kind of problem in a scenario file is reported with the file, line,
// column and field path where it is, and a message saying what was expected.
#include <catch2/catch.hpp>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {
namespace {

using testing::diagnostic_for;
using testing::listed;
using testing::place_of;
using testing::replaced;
using testing::TemporaryFolder;
using testing::TextPlace;

// valid_minimal.toml with one edit, written to a temporary folder and loaded.
struct BrokenScenario {
    explicit BrokenScenario(std::string scenario_text)
        : text(std::move(scenario_text)),
          file(folder.write("scenario.toml", text)),
          diagnostics(testing::diagnostics_of(file)) {}

    TemporaryFolder folder;
    std::string text;
    std::filesystem::path file;
    std::vector<Diagnostic> diagnostics;
};

std::string edited(std::string_view from, std::string_view to) {
    return replaced(testing::valid_minimal_text(), from, to);
}

void check_diagnostic(const Diagnostic& diagnostic, const std::filesystem::path& file,
                      TextPlace place, std::string_view field, std::string_view message) {
    CHECK(diagnostic.file == file);
    CHECK(diagnostic.line == place.line);
    CHECK(diagnostic.column == place.column);
    CHECK(diagnostic.field == field);
    CHECK_THAT(diagnostic.message, Catch::Contains(std::string(message)));
}

// The scenario has exactly one problem, at `place` in its file.
void check_only_diagnostic(const BrokenScenario& scenario, TextPlace place, std::string_view field,
                           std::string_view message) {
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 1);
    check_diagnostic(scenario.diagnostics[0], scenario.file, place, field, message);
}

TEST_CASE("the minimal valid fixture loads without diagnostics", "[scenarios]") {
    const auto diagnostics = testing::diagnostics_of(testing::fixture("valid_minimal.toml"));
    INFO(listed(diagnostics));
    CHECK(diagnostics.empty());
}

TEST_CASE("an unknown key is reported where it is written, with the closest known key",
          "[scenarios]") {
    const BrokenScenario scenario(
        edited("base_rate_per_month = 0.05", "base_rate_per_mnth = 0.05"));
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 2);
    const Diagnostic& unknown = scenario.diagnostics[0];
    check_diagnostic(unknown, scenario.file, place_of(scenario.text, "base_rate_per_mnth"),
                     "parameters.offending.base_rate_per_mnth",
                     "unknown key; did you mean \"base_rate_per_month\"?");
    CHECK(unknown.to_string() ==
          scenario.file.string() + ":" + std::to_string(unknown.line) +
              ":1: parameters.offending.base_rate_per_mnth: unknown key; did you mean "
              "\"base_rate_per_month\"?");
    // The key it should have been is then missing.
    check_diagnostic(scenario.diagnostics[1], scenario.file, {0, 0},
                     "parameters.offending.base_rate_per_month", "required, not set");
}

TEST_CASE("an unknown key with no close match lists the keys allowed there", "[scenarios]") {
    const BrokenScenario scenario(
        edited("[parameters.contagion]\n", "[parameters.contagion]\nflux_capacitor = 1\n"));
    check_only_diagnostic(scenario, place_of(scenario.text, "flux_capacitor"),
                          "parameters.contagion.flux_capacitor",
                          "unknown key; expected one of: enabled, strength, decay_months");
}

TEST_CASE("a misspelt table name is an unknown key with a suggestion", "[scenarios]") {
    const BrokenScenario scenario(edited("[parameters.contagion]", "[parameters.contagon]"));
    const Diagnostic& unknown = diagnostic_for(scenario.diagnostics, "parameters.contagon");
    check_diagnostic(unknown, scenario.file, place_of(scenario.text, "contagon"),
                     "parameters.contagon", "did you mean \"contagion\"?");
    // Its three fields are then not set.
    CHECK(scenario.diagnostics.size() == 4);
}

TEST_CASE("an unknown offence type is reported with the closest type name", "[scenarios]") {
    const BrokenScenario scenario(edited("robbery = 0.7", "robery = 0.7"));
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 2);
    check_diagnostic(
        diagnostic_for(scenario.diagnostics, "parameters.justice.recording_probability.robery"),
        scenario.file, place_of(scenario.text, "robery"),
        "parameters.justice.recording_probability.robery",
        "unknown offence type; did you mean \"robbery\"?");
    check_diagnostic(
        diagnostic_for(scenario.diagnostics, "parameters.justice.recording_probability.robbery"),
        scenario.file, place_of(scenario.text, "[parameters.justice.recording_probability]"),
        "parameters.justice.recording_probability.robbery", "required, not set");
}

TEST_CASE("a value of the wrong type says what was expected and what was found", "[scenarios]") {
    SECTION("a string where a number is expected") {
        const BrokenScenario scenario(edited("male_share = 0.5", "male_share = \"half\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"half\""), "place.male_share",
                              "expected a number in [0, 1], got string \"half\"");
    }
    SECTION("a decimal where an integer is expected") {
        const BrokenScenario scenario(edited("horizon_months = 24", "horizon_months = 24.5"));
        check_only_diagnostic(scenario, place_of(scenario.text, "24.5"),
                              "simulation.horizon_months",
                              "expected an integer in [1, 1200] (a whole number, written without a "
                              "decimal point), got 24.5");
    }
    SECTION("a string where true or false is expected") {
        const BrokenScenario scenario(edited("enabled = true", "enabled = \"yes\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"yes\""),
                              "parameters.contagion.enabled",
                              "expected true or false, got string \"yes\"");
    }
    SECTION("a TOML date where a month is expected") {
        const BrokenScenario scenario(
            edited("start_month = \"2019-04\"", "start_month = 2019-04-01"));
        check_only_diagnostic(scenario, place_of(scenario.text, "2019-04-01"),
                              "simulation.start_month",
                              "expected a month written \"YYYY-MM\" (e.g. \"2019-04\"), got "
                              "date/time 2019-04-01");
    }
    SECTION("a number where an array is expected") {
        const BrokenScenario scenario(edited("age_curve = [0.5, 1.0, 0.8]", "age_curve = 0.5"));
        check_only_diagnostic(scenario, place_of(scenario.text, "age_curve = 0.5", 12),
                              "parameters.offending.age_curve",
                              "expected an array of at least one number, got 0.5");
    }
    SECTION("a number where a table per offence type is expected") {
        std::string text = edited(
            "[parameters.justice.sentence_mean_months]\nviolence_with_injury = 12\n"
            "violence_without_injury = 6\nknife_enabled = 10\nrobbery = 30\nsexual = 48\n"
            "domestic_abuse = 8\nacquisitive = 6\nother = 4\n",
            "");
        text =
            replaced(text, "recall_months = 3\n", "recall_months = 3\nsentence_mean_months = 12\n");
        const BrokenScenario scenario(text);
        check_only_diagnostic(scenario, place_of(scenario.text, "sentence_mean_months = 12", 23),
                              "parameters.justice.sentence_mean_months",
                              "expected a table with a value for each offence type");
    }
}

TEST_CASE("arrays of the wrong length are reported", "[scenarios]") {
    SECTION("seasonality needs 12 months") {
        const BrokenScenario scenario(
            edited("robbery = [0.9, 0.9, 1, 1, 1, 1, 1.1, 1.1, 1, 1, 1, 1]",
                   "robbery = [0.9, 0.9, 1, 1, 1, 1, 1.1, 1.1, 1, 1, 1]"));
        check_only_diagnostic(scenario, place_of(scenario.text, "[0.9"),
                              "parameters.offending.seasonality.robbery",
                              "expected an array of 12 numbers (January to December), got an "
                              "array of 11 values");
    }
    SECTION("age band shares need one share per age band") {
        const BrokenScenario scenario(
            edited("age_band_share = [0.1, 0.2, 0.5, 0.2]", "age_band_share = [0.3, 0.5, 0.2]"));
        check_only_diagnostic(scenario, place_of(scenario.text, "[0.3"), "place.age_band_share",
                              "expected a share for each of the 4 age bands in "
                              "place.age_band_lower, got 3");
    }
    SECTION("victimisation by age band needs one value per age band") {
        const BrokenScenario scenario(edited("age_band_victimisation = [0.2, 1.0, 1.5, 0.5]",
                                             "age_band_victimisation = [0.2, 1.0, 1.5, 0.5, 1]"));
        check_only_diagnostic(scenario, place_of(scenario.text, "[0.2, 1.0, 1.5"),
                              "parameters.victims.age_band_victimisation",
                              "for each of the 4 age bands");
    }
}

TEST_CASE("values out of range say the range", "[scenarios]") {
    SECTION("a share above 1") {
        const BrokenScenario scenario(edited("male_share = 0.5", "male_share = 1.7"));
        check_only_diagnostic(scenario, place_of(scenario.text, "1.7"), "place.male_share",
                              "expected a number in [0, 1], got 1.7");
        CHECK(scenario.diagnostics[0].message == "expected a number in [0, 1], got 1.7");
    }
    SECTION("a horizon of zero months") {
        const BrokenScenario scenario(edited("horizon_months = 24", "horizon_months = 0"));
        check_only_diagnostic(scenario, place_of(scenario.text, "horizon_months = 0", 17),
                              "simulation.horizon_months",
                              "expected an integer in [1, 1200], got 0");
    }
    SECTION("a negative multiplier") {
        const BrokenScenario scenario(
            edited("youth_custody_multiplier = 0.3", "youth_custody_multiplier = -0.3"));
        check_only_diagnostic(scenario, place_of(scenario.text, "-0.3"),
                              "parameters.justice.youth_custody_multiplier",
                              "expected a number >= 0, got -0.3");
    }
    SECTION("a negative sentence sigma") {
        const BrokenScenario scenario(
            edited("sentence_lognormal_sigma = 0.8", "sentence_lognormal_sigma = -0.1"));
        check_only_diagnostic(scenario, place_of(scenario.text, "-0.1"),
                              "parameters.justice.sentence_lognormal_sigma",
                              "expected a number in [0, 3], got -0.1");
    }
    SECTION("a release fraction of zero") {
        const BrokenScenario scenario(edited("release_fraction = 0.5", "release_fraction = 0"));
        check_only_diagnostic(scenario, place_of(scenario.text, "release_fraction = 0", 19),
                              "parameters.justice.release_fraction",
                              "expected a number in (0, 1], got 0");
    }
    SECTION("a decay of zero months") {
        const BrokenScenario scenario(edited("decay_months = 2.0", "decay_months = 0.0"));
        check_only_diagnostic(scenario, place_of(scenario.text, "decay_months = 0.0", 15),
                              "parameters.contagion.decay_months", "expected a number > 0, got 0");
    }
    SECTION("a seasonality factor of zero, at the element") {
        const BrokenScenario scenario(
            edited("robbery = [0.9, 0.9, 1, 1, 1, 1, 1.1, 1.1, 1, 1, 1, 1]",
                   "robbery = [0.9, 0, 1, 1, 1, 1, 1.1, 1.1, 1, 1, 1, 1]"));
        check_only_diagnostic(scenario, place_of(scenario.text, "[0.9, 0,", 6),
                              "parameters.offending.seasonality.robbery[1]",
                              "expected a number > 0, got 0");
    }
    SECTION("a month that does not exist") {
        const BrokenScenario scenario(
            edited("start_month = \"2019-04\"", "start_month = \"2019-13\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"2019-13\""),
                              "simulation.start_month",
                              "expected a month written \"YYYY-MM\" (e.g. \"2019-04\"), got "
                              "string \"2019-13\"");
    }
    SECTION("an infinite rate") {
        const BrokenScenario scenario(
            edited("base_rate_per_month = 0.05", "base_rate_per_month = inf"));
        check_only_diagnostic(scenario, place_of(scenario.text, "= inf", 2),
                              "parameters.offending.base_rate_per_month",
                              "expected a finite number");
    }
}

TEST_CASE("rules across values are checked", "[scenarios]") {
    SECTION("age band shares must sum to 1") {
        const BrokenScenario scenario(edited("age_band_share = [0.1, 0.2, 0.5, 0.2]",
                                             "age_band_share = [0.1, 0.2, 0.5, 0.3]"));
        check_only_diagnostic(scenario, place_of(scenario.text, "[0.1, 0.2, 0.5, 0.3]"),
                              "place.age_band_share", "expected age band shares summing to 1");
    }
    SECTION("age bands start at 0 and increase") {
        const BrokenScenario scenario(
            edited("age_band_lower = [0, 10, 18, 65]", "age_band_lower = [5, 18, 18, 65]"));
        INFO(listed(scenario.diagnostics));
        REQUIRE(scenario.diagnostics.size() == 2);
        check_diagnostic(scenario.diagnostics[0], scenario.file, place_of(scenario.text, "[5,", 1),
                         "place.age_band_lower[0]",
                         "expected the first age band to start at 0, got 5");
        check_diagnostic(scenario.diagnostics[1], scenario.file,
                         place_of(scenario.text, "18, 18", 4), "place.age_band_lower[2]",
                         "expected ages increasing from band to band, got 18 after 18");
    }
    SECTION("offence type shares must sum to 1") {
        const BrokenScenario scenario(edited("other = 0.15", "other = 0.25"));
        check_only_diagnostic(scenario,
                              place_of(scenario.text, "[parameters.offending.type_share]"),
                              "parameters.offending.type_share",
                              "expected offence type shares summing to 1, got a sum of 1.1");
    }
    SECTION("the age curve needs at least one value") {
        const BrokenScenario scenario(edited("age_curve = [0.5, 1.0, 0.8]", "age_curve = []"));
        check_only_diagnostic(scenario, place_of(scenario.text, "[]"),
                              "parameters.offending.age_curve",
                              "expected an array of at least one number, got an array of 0 values");
    }
    SECTION("a start month outside 1900-2200") {
        const BrokenScenario scenario(
            edited("start_month = \"2019-04\"", "start_month = \"0001-01\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"0001-01\""),
                              "simulation.start_month",
                              "expected a month between 1900-01 and 2200-12, got 0001-01");
    }
    SECTION("limits the engine's storage sets: months, areas") {
        const BrokenScenario horizon(edited("horizon_months = 24", "horizon_months = 40000"));
        check_only_diagnostic(horizon, place_of(horizon.text, "40000"), "simulation.horizon_months",
                              "got 40000");
        const BrokenScenario areas(edited("areas = 2", "areas = 300"));
        check_only_diagnostic(areas, place_of(areas.text, "300"), "place.areas", "got 300");
    }
    SECTION("gang joining ages must not be reversed") {
        const BrokenScenario scenario(edited("join_age_max_years = 24", "join_age_max_years = 10"));
        check_only_diagnostic(scenario, place_of(scenario.text, "10\nmembership", 0),
                              "parameters.risk.gang.join_age_max_years",
                              "expected an age at least join_age_min_years (12), got 10");
    }
}

TEST_CASE("a field never set is reported as required", "[scenarios]") {
    SECTION("a scalar") {
        const BrokenScenario scenario(edited("recall_months = 3\n", ""));
        check_only_diagnostic(scenario, {0, 0}, "parameters.justice.recall_months",
                              "required, not set");
        CHECK(scenario.diagnostics[0].to_string() ==
              scenario.file.string() +
                  ": parameters.justice.recall_months: required, not set; add recall_months = "
                  "... under [parameters.justice] in this file or a file it extends");
    }
    SECTION("one offence type of a table") {
        const BrokenScenario scenario(edited("sexual = 0.6\n", ""));
        check_only_diagnostic(scenario,
                              place_of(scenario.text, "[parameters.justice.custody_probability]"),
                              "parameters.justice.custody_probability.sexual", "required, not set");
    }
    SECTION("the scenario's name") {
        const BrokenScenario scenario(edited("name = \"Minimal\"\n", ""));
        check_only_diagnostic(scenario, place_of(scenario.text, "[scenario]"), "scenario.name",
                              "required, not set");
    }
}

TEST_CASE("every field of the minimal fixture is required", "[scenarios]") {
    // Removing any one value line reports that field, and only it, as not set.
    const std::string text = testing::valid_minimal_text();
    std::string section;
    std::size_t start = 0;
    int removed = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start) + 1;
        const std::string line = text.substr(start, end - start);
        if (line.starts_with("[")) {
            section = line.substr(1, line.find(']') - 1);
        } else if (section != "scenario" && line.find(" = ") != std::string::npos) {
            const std::string field = section + "." + line.substr(0, line.find(" = "));
            std::string without = text;
            without.erase(start, end - start);
            const BrokenScenario scenario(without);
            INFO(field << "\n" << listed(scenario.diagnostics));
            REQUIRE(scenario.diagnostics.size() == 1);
            CHECK(scenario.diagnostics[0].field == field);
            CHECK_THAT(scenario.diagnostics[0].message, Catch::StartsWith("required, not set"));
            ++removed;
        }
        start = end;
    }
    CHECK(removed > 90);
}

TEST_CASE("distributions are checked", "[scenarios]") {
    auto with_rate = [](std::string_view written) {
        return edited("base_rate_per_month = 0.05",
                      "base_rate_per_month = " + std::string(written));
    };
    constexpr std::string_view rate = "parameters.offending.base_rate_per_month";
    SECTION("a normal's sd must be positive") {
        const BrokenScenario scenario(with_rate(
            "{ value = 0.05, distribution = { type = \"normal\", mean = 0.05, sd = 0 } }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "sd = 0", 5),
                              std::string(rate) + ".distribution.sd", "expected sd > 0, got 0");
    }
    SECTION("a beta's alpha must be positive") {
        const BrokenScenario scenario(with_rate(
            "{ value = 0.05, distribution = { type = \"beta\", alpha = -1, beta = 5 } }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "-1"),
                              std::string(rate) + ".distribution.alpha",
                              "expected alpha > 0, got -1");
    }
    SECTION("a uniform's min must be below its max") {
        const BrokenScenario scenario(with_rate(
            "{ value = 0.05, distribution = { type = \"uniform\", min = 0.2, max = 0.1 } }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "max = 0.1", 6),
                              std::string(rate) + ".distribution.max",
                              "expected max > min (0.2), got 0.1");
    }
    SECTION("an unknown distribution type") {
        const BrokenScenario scenario(with_rate(
            "{ value = 0.05, distribution = { type = \"betta\", alpha = 1, beta = 5 } }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"betta\""),
                              std::string(rate) + ".distribution.type",
                              "unknown distribution type; did you mean \"beta\"?");
    }
    SECTION("a misspelt distribution parameter") {
        const BrokenScenario scenario(with_rate(
            "{ value = 0.05, distribution = { type = \"normal\", mean = 0.05, sdev = 0.01 } }"));
        const Diagnostic& unknown =
            diagnostic_for(scenario.diagnostics, std::string(rate) + ".distribution.sdev");
        check_diagnostic(unknown, scenario.file, place_of(scenario.text, "sdev"),
                         std::string(rate) + ".distribution.sdev",
                         "unknown key; did you mean \"sd\"?");
        CHECK(scenario.diagnostics.size() == 2);  // and sd is not set
    }
    SECTION("a distribution on an integer") {
        const BrokenScenario scenario(edited(
            "population = 1000",
            "population = { value = 1000, distribution = { type = \"normal\", mean = 1000, sd = "
            "10 } }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "{ type"),
                              "place.population.distribution",
                              "a distribution can only be given for a single real number, and "
                              "this field is an integer");
    }
    SECTION("a distribution on an array") {
        const BrokenScenario scenario(
            edited("age_curve = [0.5, 1.0, 0.8]",
                   "age_curve = { value = [0.5, 1.0, 0.8], distribution = { type = \"normal\", "
                   "mean = 1, sd = 0.1 } }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "{ type"),
                              "parameters.offending.age_curve.distribution",
                              "this field is a list of numbers");
    }
    SECTION("a misspelt source") {
        const BrokenScenario scenario(with_rate("{ value = 0.05, sorce = \"CSEW\" }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "sorce"),
                              std::string(rate) + ".sorce", "did you mean \"source\"?");
    }
    SECTION("a table without a value") {
        const BrokenScenario scenario(with_rate("{ source = \"CSEW\" }"));
        check_only_diagnostic(scenario, place_of(scenario.text, "{ source"), rate,
                              "required, not set: a value written as a table needs `value`");
    }
}

TEST_CASE("every problem is reported, in file order", "[scenarios]") {
    const BrokenScenario scenario(replaced(edited("male_share = 0.5", "male_share = 1.7"),
                                           "horizon_months = 24", "horizon_months = 0"));
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 2);
    CHECK(scenario.diagnostics[0].field == "simulation.horizon_months");
    CHECK(scenario.diagnostics[1].field == "place.male_share");
    try {
        load_scenario(scenario.file);
        FAIL("expected a ScenarioError");
    } catch (const ScenarioError& error) {
        CHECK(std::string(error.what()) ==
              scenario.diagnostics[0].to_string() + "\n" + scenario.diagnostics[1].to_string());
    }
}

TEST_CASE("TOML syntax errors give toml++'s message, line and column", "[scenarios]") {
    const BrokenScenario scenario(edited("male_share = 0.5", "male_share = 0.5 0.6"));
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 1);
    const Diagnostic& syntax = scenario.diagnostics[0];
    CHECK(syntax.file == scenario.file);
    CHECK(syntax.line == place_of(scenario.text, "male_share").line);
    CHECK(syntax.column > 1);
    CHECK(syntax.field.empty());
    CHECK_THAT(syntax.message, Catch::StartsWith("TOML syntax error: "));
    CHECK(syntax.to_string() == scenario.file.string() + ":" + std::to_string(syntax.line) + ":" +
                                    std::to_string(syntax.column) + ": " + syntax.message);
}

TEST_CASE("a missing scenario file is reported with the path tried", "[scenarios]") {
    TemporaryFolder folder;
    const auto missing = folder.path() / "nowhere.toml";
    const auto diagnostics = testing::diagnostics_of(missing);
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    check_diagnostic(diagnostics[0], missing, {0, 0}, "",
                     "file not found: tried \"" + missing.string() + "\"");
}

TEST_CASE("a missing extends target is reported where it is named", "[scenarios]") {
    TemporaryFolder folder;
    const std::string child = "[scenario]\nname = \"child\"\nextends = \"../missing/base.toml\"\n";
    const auto file = folder.write("sub/child.toml", child);
    const auto diagnostics = testing::diagnostics_of(file);
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    check_diagnostic(diagnostics[0], file, place_of(child, "\"../missing"), "scenario.extends",
                     "file not found: tried \"" + (folder.path() / "missing/base.toml").string() +
                         "\"; the path is relative to the folder of the file that extends it");
}

TEST_CASE("a cycle of extends is reported with the chain", "[scenarios]") {
    TemporaryFolder folder;
    SECTION("two files") {
        const std::string a = "[scenario]\nname = \"a\"\nextends = \"b.toml\"\n";
        const std::string b = "[scenario]\nname = \"b\"\nextends = \"a.toml\"\n";
        const auto file_a = folder.write("a.toml", a);
        const auto file_b = folder.write("b.toml", b);
        const auto diagnostics = testing::diagnostics_of(file_a);
        INFO(listed(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        check_diagnostic(diagnostics[0], file_b, place_of(b, "\"a.toml\""), "scenario.extends",
                         "extends forms a cycle: " + file_a.string() + " -> " + file_b.string() +
                             " -> " + file_a.string());
    }
    SECTION("a file extending itself") {
        const std::string a = "[scenario]\nname = \"a\"\nextends = \"./a.toml\"\n";
        const auto file_a = folder.write("a.toml", a);
        const auto diagnostics = testing::diagnostics_of(file_a);
        INFO(listed(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        CHECK_THAT(diagnostics[0].message, Catch::Contains("extends forms a cycle"));
    }
}

TEST_CASE("problems in a base file are reported in the base file", "[scenarios]") {
    TemporaryFolder folder;
    const std::string base_text = edited("male_share = 0.5", "male_share = 1.7");
    const auto base = folder.write("base.toml", base_text);
    SECTION("a bad value the child does not override") {
        const std::string child = "[scenario]\nname = \"child\"\nextends = \"base.toml\"\n";
        const auto diagnostics = testing::diagnostics_of(folder.write("child.toml", child));
        INFO(listed(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        check_diagnostic(diagnostics[0], base, place_of(base_text, "1.7"), "place.male_share",
                         "expected a number in [0, 1], got 1.7");
    }
    SECTION("a bad value the child overrides is no problem") {
        const std::string child =
            "[scenario]\nname = \"child\"\nextends = \"base.toml\"\n[place]\nmale_share = 0.45\n";
        const auto diagnostics = testing::diagnostics_of(folder.write("child.toml", child));
        INFO(listed(diagnostics));
        CHECK(diagnostics.empty());
    }
    SECTION("a syntax error in the base") {
        const std::string broken_base = edited("male_share = 0.5", "male_share = = 0.5");
        const auto broken = folder.write("broken.toml", broken_base);
        const std::string child = "[scenario]\nname = \"child\"\nextends = \"broken.toml\"\n";
        const auto diagnostics = testing::diagnostics_of(folder.write("child.toml", child));
        INFO(listed(diagnostics));
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].file == broken);
        CHECK(diagnostics[0].line == place_of(broken_base, "male_share").line);
        CHECK_THAT(diagnostics[0].message, Catch::StartsWith("TOML syntax error"));
    }
}

TEST_CASE("unknown keys in [scenario] are reported", "[scenarios]") {
    const BrokenScenario scenario(edited("description = ", "descripton = "));
    check_only_diagnostic(scenario, place_of(scenario.text, "descripton"), "scenario.descripton",
                          "did you mean \"description\"?");
}

}  // namespace
}  // namespace vrsim::scenarios
