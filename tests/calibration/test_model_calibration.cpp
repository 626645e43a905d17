// The model behind ABC-SMC: a scenario's [calibration] turned into a fit
// problem, the simulation at a particle, and recovery of a known base rate from
// data simulated with it.
#include <catch2/catch.hpp>
#include <cmath>

#include "observed_test_support.hpp"
#include "vrsim/calibration/model_calibration.hpp"
#include "vrsim/calibration/posterior.hpp"
#include "vrsim/calibration/tidy_csv.hpp"

namespace vrsim::calibration {
namespace {

using model::YearMonth;
namespace fs = std::filesystem;

const fs::path kModelFixtures = testing::kFixtures / "model";
// observed_testville.csv is recorded_total of one replicate (seed 99) of
// calibration_minimal.toml with the base rate fixed at 0.05.
constexpr double kTrueBaseRate = 0.05;
constexpr const char* kBaseRate = "parameters.offending.base_rate_per_month";

scenarios::Scenario fixture_scenario() {
    return scenarios::load_scenario(kModelFixtures / "calibration_minimal.toml");
}

ObservedSeries fixture_observed(const scenarios::Scenario& scenario) {
    return read_observed_files({kModelFixtures / "observed_testville.csv"},
                               calibration_settings(scenario));
}

TEST_CASE("A fit problem: the window, the simulation moved to its start, the fitted parameters",
          "[model_calibration]") {
    const scenarios::Scenario scenario = fixture_scenario();
    const ObservedSeries observed = fixture_observed(scenario);
    const CalibrationProblem problem = make_calibration_problem(scenario, observed);
    CHECK(problem.window.from == YearMonth::of(2019, 4));
    CHECK(problem.window.to == YearMonth::of(2020, 9));
    CHECK(problem.scenario.parameters.simulation.start_month == YearMonth::of(2019, 4));
    CHECK(problem.scenario.parameters.simulation.horizon_months == 18);
    const std::vector<AbcParameter> parameters = abc_parameters(problem);
    REQUIRE(parameters.size() == 1);
    CHECK(parameters[0].name == kBaseRate);
    CHECK(parameters[0].prior.kind == scenarios::Distribution::Kind::uniform);
    REQUIRE(problem.targets.size() == 1);
    CHECK(problem.targets[0].observed.size() == 18);
    CHECK(problem.targets[0].observed.front() == 14);  // 2019-04 in the file

    // A backtest's fit ends before its origin.
    const CalibrationProblem cut =
        make_calibration_problem(scenario, observed, YearMonth::of(2020, 1));
    CHECK(cut.window.to == YearMonth::of(2020, 1));
    CHECK(cut.scenario.parameters.simulation.horizon_months == 10);
    CHECK_THROWS_WITH(make_calibration_problem(scenario, observed, YearMonth::of(2019, 1)),
                      Catch::Contains("nothing to fit"));
}

TEST_CASE("A particle's parameters: fitted values set and clamped, the seed decides the rest",
          "[model_calibration]") {
    const scenarios::Scenario scenario = fixture_scenario();
    const CalibrationProblem problem =
        make_calibration_problem(scenario, fixture_observed(scenario));
    Eigen::VectorXd values(1);
    values << 0.07;
    CHECK(particle_parameters(problem, values, 1).offending.base_rate_per_month == 0.07);
    values << -1.0;  // below the parameter's valid range: clamped into it as draws are
    const double lower = problem.scenario.uncertain[problem.fitted[0]].lower;
    REQUIRE(lower > -1.0);
    CHECK(particle_parameters(problem, values, 1).offending.base_rate_per_month == lower);
}

TEST_CASE("The distance is smaller at the parameters the data were simulated with",
          "[model_calibration]") {
    const scenarios::Scenario scenario = fixture_scenario();
    const CalibrationProblem problem =
        make_calibration_problem(scenario, fixture_observed(scenario));
    const DistanceFunction distance = make_distance_function(problem, abm_simulator());
    Eigen::VectorXd truth(1);
    truth << kTrueBaseRate;
    Eigen::VectorXd far(1);
    far << 3 * kTrueBaseRate;
    double at_truth = 0.0;
    double at_far = 0.0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        at_truth += distance(truth, seed);
        at_far += distance(far, seed);
        CHECK(distance(truth, seed) == distance(truth, seed));  // one seed, one simulation
    }
    CHECK(at_truth < at_far);
    // Three times the rate gives about three times the counts: an RMSE of about
    // twice the observed mean.
    CHECK(at_far / 5 > 1.0);
}

TEST_CASE("ABC-SMC on the model recovers the base rate the data were simulated with",
          "[model_calibration]") {
    const scenarios::Scenario scenario = fixture_scenario();
    const CalibrationProblem problem =
        make_calibration_problem(scenario, fixture_observed(scenario));
    AbcSmcOptions options;
    options.particles = 100;
    options.max_generations = 4;
    options.seed = 11;
    const AbcSmcResult result = run_abc_smc(
        abc_parameters(problem), make_distance_function(problem, abm_simulator()), options);
    const Posterior posterior = posterior_of(result);
    double mean = 0.0;
    for (std::size_t i = 0; i < posterior.weights.size(); ++i) {
        mean += posterior.weights[i] * posterior.particles(static_cast<Eigen::Index>(i), 0);
    }
    double variance = 0.0;
    for (std::size_t i = 0; i < posterior.weights.size(); ++i) {
        const double deviation = posterior.particles(static_cast<Eigen::Index>(i), 0) - mean;
        variance += posterior.weights[i] * deviation * deviation;
    }
    const double sd = std::sqrt(variance);
    INFO("posterior mean " << mean << ", sd " << sd);
    // The prior is uniform on [0.01, 0.2] (sd 0.055): the data must narrow it a lot
    // and put the truth within 3 posterior sd of the mean.
    CHECK(sd < 0.02);
    CHECK(std::abs(mean - kTrueBaseRate) < 3 * sd);
}

TEST_CASE("Observed files calibration cannot read are refused with the fix",
          "[model_calibration]") {
    const scenarios::Scenario scenario = fixture_scenario();
    const auto settings = calibration_settings(scenario);
    CHECK_THROWS_WITH(read_observed_files({testing::kFixtures / "policeuk"}, settings),
                      Catch::Contains("vrsim observed") && Catch::Contains("--lsoa-prefix"));
    CHECK_THROWS_WITH(
        read_observed_files({testing::kFixtures / "mps-borough-a-2019q1.csv"}, settings),
        Catch::Contains("needs a category mapping"));
    CHECK_THROWS_WITH(read_observed_files({testing::kFixtures / "lsoa-codes-camden.txt"}, settings),
                      Catch::Contains("not an observed-data file"));
    CHECK_THROWS_WITH(
        calibration_settings(scenarios::load_scenario(testing::kSource / "tests" / "scenarios" /
                                                      "fixtures" / "valid_minimal.toml")),
        Catch::Contains("no [calibration] section"));
}

TEST_CASE("Croydon's calibration reads the Met file and fits from 2010-04 with its population then",
          "[model_calibration]") {
    const scenarios::Scenario croydon = scenarios::load_scenario(
        testing::kSource / "scenarios" / "library" / "croydon" / "baseline.toml");
    const fs::path file =
        testing::kSharedData / "mps-borough-monthly" / "scheme-a_2010-04_2022-01.csv";
    REQUIRE(fs::exists(file));
    const ObservedSeries observed = read_observed_files({file}, calibration_settings(croydon));
    const CalibrationProblem problem = make_calibration_problem(croydon, observed);
    CHECK(problem.scenario.parameters.simulation.start_month == YearMonth::of(2010, 4));
    CHECK(problem.scenario.parameters.simulation.horizon_months == 117);  // 2010-04..2019-12
    CHECK(problem.scenario.parameters.place.population == 363378);
    REQUIRE(problem.targets.size() == 1);
    // 2010-04: homicide 2 + violence with injury 227 + without injury 251 (awk on the file).
    CHECK(problem.targets[0].observed.front() == 480);
    CHECK(problem.targets[0].observed.size() == 117);
    REQUIRE(problem.fitted.size() == 2);
    CHECK(abc_parameters(problem)[0].name == kBaseRate);
    CHECK(abc_parameters(problem)[1].name == "parameters.contagion.strength");
}

}  // namespace
}  // namespace vrsim::calibration
