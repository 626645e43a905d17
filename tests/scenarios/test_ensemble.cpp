// The ensemble runner delivers replicates in order, with results that depend on
// the seed and never on the thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "vrsim/scenarios/ensemble.hpp"

using namespace vrsim::scenarios;
using vrsim::model::MonthlyOutcomes;

namespace {

// The end-to-end fixture made smaller still: these tests check plumbing, not science.
const Scenario& tiny_scenario() {
    static const Scenario scenario = [] {
        Scenario loaded = load_scenario(VRSIM_SOURCE_DIR "/tests/cli/fixtures/small.toml");
        loaded.parameters.place.population = 5000;
        loaded.parameters.simulation.horizon_months = 6;
        loaded.parameters.simulation.warmup_months = 6;
        return loaded;
    }();
    return scenario;
}

struct Delivered {
    std::vector<std::uint32_t> replicates;
    std::vector<std::vector<double>> values;
    std::vector<std::uint32_t> progress;
};

Delivered run(std::uint64_t seed, int threads, std::uint32_t replicates = 5) {
    EnsembleOptions options;
    options.replicates = replicates;
    options.seed = seed;
    options.threads = threads;
    Delivered delivered;
    run_ensemble(tiny_scenario(), options,
                 {[&](std::uint32_t replicate, const MonthlyOutcomes& outcomes) {
                     delivered.replicates.push_back(replicate);
                     delivered.values.push_back(outcomes.values());
                 }},
                 [&](std::uint32_t done, std::uint32_t total) {
                     CHECK(total == replicates);
                     delivered.progress.push_back(done);
                 });
    return delivered;
}

// Bit-for-bit, so NaN (not defined) equals NaN.
bool identical(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("replicates arrive in order with progress after each") {
    const Delivered delivered = run(11, 2);
    CHECK(delivered.replicates == std::vector<std::uint32_t>{0, 1, 2, 3, 4});
    CHECK(delivered.progress == std::vector<std::uint32_t>{1, 2, 3, 4, 5});
    for (const auto& values : delivered.values) {
        CHECK(values.size() == 6 * vrsim::model::kOutcomeCount);
    }
}

TEST_CASE("the same seed gives identical outcomes on 1 and 2 threads") {
    const Delivered one = run(20190401, 1);
    const Delivered two = run(20190401, 2);
    REQUIRE(one.values.size() == two.values.size());
    for (std::size_t r = 0; r < one.values.size(); ++r) {
        INFO("replicate " << r);
        CHECK(identical(one.values[r], two.values[r]));
    }
}

TEST_CASE("different seeds and different replicates give different outcomes") {
    const Delivered a = run(1, 2, 2);
    const Delivered b = run(2, 2, 2);
    CHECK_FALSE(identical(a.values[0], b.values[0]));
    CHECK_FALSE(identical(a.values[0], a.values[1]));
}

TEST_CASE("an exception from a sink stops the run and reaches the caller") {
    EnsembleOptions options;
    options.replicates = 20;
    options.threads = 2;
    std::uint32_t delivered = 0;
    CHECK_THROWS_WITH(run_ensemble(tiny_scenario(), options,
                                   {[&](std::uint32_t replicate, const MonthlyOutcomes&) {
                                       ++delivered;
                                       if (replicate == 2) {
                                           throw std::runtime_error("disk full");
                                       }
                                   }}),
                      "disk full");
    CHECK(delivered == 3);
}
