// posterior.csv read back, checked against a scenario, and drawn from replicate
// by replicate with common random numbers.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "observed_test_support.hpp"
#include "vrsim/calibration/diagnostics.hpp"
#include "vrsim/calibration/posterior.hpp"
#include "vrsim/calibration/targets.hpp"

namespace vrsim::calibration {
namespace {

namespace fs = std::filesystem;

const fs::path kScenario = testing::kFixtures / "model" / "calibration_minimal.toml";

struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& text) {
        static int counter = 0;
        path = fs::temp_directory_path() / ("vrsim-posterior-test-" + std::to_string(::getpid()) +
                                            "-" + std::to_string(counter++) + ".csv");
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { fs::remove(path); }
};

TEST_CASE("posterior.csv is read back with weights normalised", "[posterior]") {
    const TempFile file("a,b,weight,distance\n1,2,1,0.5\n3,4,3,inf\n");
    const Posterior posterior = read_posterior_csv(file.path);
    CHECK(posterior.names == std::vector<std::string>{"a", "b"});
    REQUIRE(posterior.particles.rows() == 2);
    CHECK(posterior.particles(1, 0) == 3.0);
    CHECK(posterior.particles(1, 1) == 4.0);
    CHECK(posterior.weights == std::vector<double>{0.25, 0.75});
}

TEST_CASE("A malformed posterior.csv is reported with its line and column", "[posterior]") {
    const auto problems = [](const std::string& text) {
        const TempFile file(text);
        try {
            read_posterior_csv(file.path);
        } catch (const ObservedDataError& error) {
            return error.diagnostics().front().to_string();
        } catch (const CalibrationError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    CHECK_THAT(problems("a,b\n1,2\n"), Catch::Contains("weight,distance"));
    CHECK_THAT(problems("a,weight,distance\n1,x,0\n"),
               Catch::Contains(":2") && Catch::Contains("column 2 (weight)") &&
                   Catch::Contains("expected a finite number"));
    CHECK_THAT(problems("a,weight,distance\n1,-1,0\n"), Catch::Contains("0 or more"));
    CHECK_THAT(problems("a,weight,distance\n1,1\n"), Catch::Contains("expected 3 fields, got 2"));
    CHECK_THAT(problems("a,weight,distance\n"), Catch::Contains("no particles"));
    CHECK_THAT(problems("a,weight,distance\n1,0,0\n"), Catch::Contains("weights sum to 0"));
}

TEST_CASE("Particles are drawn by weight, the same one for the same seed and replicate",
          "[posterior]") {
    Posterior posterior;
    posterior.names = {"x"};
    posterior.particles = Eigen::MatrixXd(3, 1);
    posterior.particles << 1.0, 2.0, 3.0;
    posterior.weights = {0.2, 0.0, 0.8};
    constexpr std::uint32_t kDraws = 20000;
    std::uint32_t third = 0;
    for (std::uint32_t replicate = 0; replicate < kDraws; ++replicate) {
        const std::size_t drawn = draw_particle(posterior, 42, replicate);
        CHECK(drawn != 1);  // weight 0: never drawn
        third += drawn == 2 ? 1 : 0;
        CHECK(draw_particle(posterior, 42, replicate) == drawn);
    }
    // Binomial(20000, 0.8): sd sqrt(20000 x 0.8 x 0.2) = 56.6; allow 4 sd.
    CHECK(std::abs(static_cast<double>(third) - 16000.0) < 4 * 56.6);
    // Another seed draws other particles for some replicates.
    std::uint32_t differ = 0;
    for (std::uint32_t replicate = 0; replicate < 100; ++replicate) {
        differ +=
            draw_particle(posterior, 42, replicate) != draw_particle(posterior, 43, replicate);
    }
    CHECK(differ > 0);
}

TEST_CASE("A posterior sets its columns of each replicate's parameters", "[posterior]") {
    const scenarios::Scenario scenario = scenarios::load_scenario(kScenario);
    Posterior posterior;
    posterior.names = {"parameters.offending.base_rate_per_month"};
    posterior.particles = Eigen::MatrixXd(2, 1);
    posterior.particles << 0.03, 0.07;
    posterior.weights = {0.5, 0.5};
    const scenarios::ParameterSource source = posterior_parameter_source(posterior, scenario);
    for (std::uint32_t replicate = 0; replicate < 20; ++replicate) {
        model::Parameters parameters = scenarios::draw_parameters(scenario, 5, replicate);
        source(parameters, 5, replicate);
        const double expected = draw_particle(posterior, 5, replicate) == 0 ? 0.03 : 0.07;
        CHECK(parameters.offending.base_rate_per_month == expected);
    }
}

TEST_CASE("A posterior whose columns are not the scenario's uncertain parameters is refused",
          "[posterior]") {
    const scenarios::Scenario scenario = scenarios::load_scenario(kScenario);
    Posterior posterior;
    posterior.file = "fit/posterior.csv";
    posterior.names = {"parameters.offending.base_rate_per_mnth"};
    posterior.particles = Eigen::MatrixXd::Ones(1, 1);
    posterior.weights = {1.0};
    CHECK_THROWS_WITH(
        posterior_parameter_source(posterior, scenario),
        Catch::Contains("fit/posterior.csv does not fit the scenario") &&
            Catch::Contains("did you mean \"parameters.offending.base_rate_per_month\""));
}

}  // namespace
}  // namespace vrsim::calibration
