// manifest.json: file hashes, run settings and parameters, and nothing that
// changes with the thread count.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "vrsim/scenarios/file_digest.hpp"
#include "vrsim/scenarios/manifest.hpp"
#include "vrsim/scenarios/parameters_json.hpp"

namespace fs = std::filesystem;
using namespace vrsim::scenarios;

namespace {

struct TemporaryFile {
    fs::path path =
        fs::temp_directory_path() / ("vrsim-test-manifest-" + std::to_string(::getpid()) + ".toml");
    explicit TemporaryFile(const std::string& text) { std::ofstream(path) << text; }
    ~TemporaryFile() { fs::remove(path); }
};

Scenario scenario_with_file(const fs::path& file) {
    Scenario scenario;
    scenario.name = "Test town";
    scenario.file = file;
    scenario.files = {file};
    scenario.parameters.simulation.start_month = vrsim::model::YearMonth::of(2019, 4);
    scenario.parameters.simulation.horizon_months = 24;
    scenario.parameters.place.population = 20000;
    scenario.parameters.justice.recording_probability[2] = 0.75;
    UncertainParameter uncertain;
    uncertain.field = "parameters.offending.base_rate_per_month";
    uncertain.distribution = {Distribution::Kind::lognormal, -2.8, 0.1};
    uncertain.lower = 0.0;
    uncertain.upper = 10.0;
    scenario.uncertain.push_back(uncertain);
    return scenario;
}

}  // namespace

TEST_CASE("SHA-256 of a file matches the published test vector") {
    TemporaryFile file("abc");
    CHECK(sha256_file(file.path) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_THROWS_WITH(sha256_file("/no/such/file.toml"), Catch::Contains("/no/such/file.toml"));
}

TEST_CASE("the manifest records inputs, settings and parameters but no thread count") {
    TemporaryFile file("abc");
    const Scenario scenario = scenario_with_file(file.path);
    EnsembleOptions options;
    options.replicates = 7;
    options.seed = 42;
    options.threads = 3;
    const nlohmann::json manifest =
        make_manifest({"vrsim", "run", "town.toml"}, {&scenario}, options);

    CHECK(manifest["program"] == "vrsim");
    CHECK(manifest["version"] == VRSIM_VERSION);
    CHECK(manifest["command_line"] == nlohmann::json({"vrsim", "run", "town.toml"}));
    CHECK(manifest["engine"] == "abm");
    CHECK(manifest["seed"] == 42);
    CHECK(manifest["replicates"] == 7);
    CHECK(manifest["summary_only"] == false);
    CHECK(manifest["start_month"] == "2019-04");
    CHECK(manifest["horizon_months"] == 24);
    CHECK(manifest["outcomes"].size() == vrsim::model::kOutcomeCount);
    CHECK(manifest["outcomes"][0] == "recorded_violence_with_injury");
    CHECK(manifest.dump().find("thread") == std::string::npos);

    const auto& recorded = manifest["scenarios"].at(0);
    CHECK(recorded["name"] == "Test town");
    CHECK(recorded["files"][0]["path"] == file.path.string());
    CHECK(recorded["files"][0]["sha256"] ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(recorded["parameters"]["place"]["population"] == 20000);
    CHECK(recorded["parameters"]["justice"]["recording_probability"]["knife_enabled"] == 0.75);
    CHECK(recorded["parameters"]["simulation"]["start_month"] == "2019-04");
    const auto& uncertain = recorded["uncertain_parameters"].at(0);
    CHECK(uncertain["field"] == "parameters.offending.base_rate_per_month");
    CHECK(uncertain["distribution"] ==
          nlohmann::json({{"kind", "lognormal"}, {"meanlog", -2.8}, {"sdlog", 0.1}}));
}

TEST_CASE("parameters JSON covers every group of model::Parameters") {
    const nlohmann::json json = to_json(vrsim::model::Parameters{});
    for (const char* group : {"simulation", "place", "demography", "offending", "risk", "victims",
                              "contagion", "justice"}) {
        INFO(group);
        CHECK(json.contains(group));
    }
    CHECK(json["offending"]["seasonality"]["robbery"].size() == 12);
    CHECK(json["risk"]["gang"]["type_multiplier"].size() == vrsim::model::kOffenceTypeCount);
}
