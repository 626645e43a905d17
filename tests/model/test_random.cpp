#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "vrsim/model/random.hpp"

using vrsim::model::Decision;
using vrsim::model::Stream;

TEST_CASE("A stream is a pure function of its key", "[random]") {
    Stream first(7, 3, Decision::offence, 12345, 60);
    Stream again(7, 3, Decision::offence, 12345, 60);
    for (int i = 0; i < 100; ++i) {
        REQUIRE(first() == again());
    }
}

TEST_CASE("discard(n) skips exactly n draws", "[random]") {
    // The engine reads a candidate offence's k-th draw without making the
    // draws before it; it must be the number drawing them in order gives.
    for (std::uint64_t skipped : {0ULL, 1ULL, 7ULL, 8ULL, 1000ULL}) {
        Stream in_order(7, 3, Decision::offence, 12345, 60);
        for (std::uint64_t i = 0; i < skipped; ++i) {
            in_order();
        }
        Stream skipping(7, 3, Decision::offence, 12345, 60);
        skipping.discard(skipped);
        for (int i = 0; i < 20; ++i) {
            REQUIRE(skipping() == in_order());
        }
    }
}

TEST_CASE("Streams with keys differing in any part differ", "[random]") {
    std::set<std::uint64_t> first_draws;
    first_draws.insert(Stream(7, 3, Decision::offence, 12345, 60)());
    first_draws.insert(Stream(8, 3, Decision::offence, 12345, 60)());
    first_draws.insert(Stream(7, 4, Decision::offence, 12345, 60)());
    first_draws.insert(Stream(7, 3, Decision::victim, 12345, 60)());
    first_draws.insert(Stream(7, 3, Decision::offence, 12346, 60)());
    first_draws.insert(Stream(7, 3, Decision::offence, 12345, 61)());
    CHECK(first_draws.size() == 6);
}

TEST_CASE("Uniform draws have the moments of U(0,1)", "[random]") {
    // Mean 1/2 and variance 1/12; over n draws the mean's standard error is
    // sqrt(1/12/n). One draw from each of n streams (people), as the engine does.
    const int n = 200000;
    double sum = 0.0;
    double sum_squares = 0.0;
    for (int person = 0; person < n; ++person) {
        double u =
            Stream(1, 0, Decision::population, static_cast<std::uint64_t>(person), 0).uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        sum_squares += u * u;
    }
    double mean = sum / n;
    double variance = sum_squares / n - mean * mean;
    CHECK(std::abs(mean - 0.5) < 4.0 * std::sqrt(1.0 / 12.0 / n));
    // Var of u^2 is 1/5 - 1/9 = 4/45; the variance estimate's standard error ~ sqrt(4/45/n).
    CHECK(std::abs(variance - 1.0 / 12.0) < 4.0 * std::sqrt(4.0 / 45.0 / n));
}

TEST_CASE("below(n) covers 0..n-1 evenly", "[random]") {
    Stream stream(3, 0, Decision::victim, 1, 1);
    const int n = 10;
    const int draws = 100000;
    int counts[n] = {};
    for (int i = 0; i < draws; ++i) {
        std::size_t k = stream.below(n);
        REQUIRE(k < static_cast<std::size_t>(n));
        ++counts[k];
    }
    // Each count is binomial(draws, 1/10): sd = sqrt(draws * 0.1 * 0.9) = 94.9.
    for (int count : counts) {
        CHECK(std::abs(count - draws / n) < 5 * 94.9);
    }
}
