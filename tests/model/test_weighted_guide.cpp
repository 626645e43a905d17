// The guide of equal-weight buckets must pick, for every draw, the item that
// std::upper_bound of the draw in the running totals picks.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "vrsim/model/weighted_guide.hpp"

namespace {

using vrsim::model::build_weighted_guide;
using vrsim::model::guided_item;
using vrsim::model::WeightedGuideEntry;

std::vector<double> running_totals(const std::vector<double>& weights) {
    std::vector<double> cumulative;
    double running = 0.0;
    for (double weight : weights) {
        running += weight;
        cumulative.push_back(running);
    }
    return cumulative;
}

// The reference: the first running total above uniform x total, by std::upper_bound.
std::uint32_t searched_item(const std::vector<double>& cumulative,
                            const std::vector<std::uint32_t>& items, double uniform) {
    const auto found =
        std::upper_bound(cumulative.begin(), cumulative.end(), uniform * cumulative.back());
    const auto index = static_cast<std::size_t>(found - cumulative.begin());
    return items[std::min(index, cumulative.size() - 1)];
}

}  // namespace

TEST_CASE("weighted guide: a hand-worked table", "[weighted_guide]") {
    // Weights 1, 0, 3 (items 10, 11, 12): running totals 1, 1, 4. Four buckets
    // have boundaries 0, 1, 2, 3, 4, with 0, 2, 2, 2 and 3 totals at or below.
    const std::vector<double> cumulative = running_totals({1.0, 0.0, 3.0});
    const std::vector<std::uint32_t> items = {10, 11, 12};
    std::vector<WeightedGuideEntry> guide;
    build_weighted_guide(cumulative, items, 4, guide);
    REQUIRE(guide.size() == 5);
    const std::vector<std::uint32_t> firsts = {0, 2, 2, 2, 3};
    const std::vector<std::uint32_t> named = {10, 12, 12, 12, 12};
    for (std::size_t bucket = 0; bucket < guide.size(); ++bucket) {
        CHECK(guide[bucket].first == firsts[bucket]);
        CHECK(guide[bucket].item == named[bucket]);
    }
    CHECK(guided_item(cumulative, guide, items, 0.0) == 10);
    CHECK(guided_item(cumulative, guide, items, 0.1) == 10);   // target 0.4
    CHECK(guided_item(cumulative, guide, items, 0.25) == 12);  // target 1: totals above 1 from 12
    CHECK(guided_item(cumulative, guide, items, 0.3) == 12);
    CHECK(guided_item(cumulative, guide, items, 0.999) == 12);
}

TEST_CASE("weighted guide: the same item as the search, for concentrated, empty and even weights",
          "[weighted_guide]") {
    std::mt19937_64 engine(42);
    std::gamma_distribution<double> concentrated(0.012, 1.0 / 0.012);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (int table = 0; table < 20; ++table) {
        const std::size_t count = 1 + static_cast<std::size_t>(table) * 97;
        std::vector<double> weights(count);
        for (std::size_t i = 0; i < count; ++i) {
            // Heavy-tailed, with runs of zero weight and, in some tables, even weights.
            weights[i] = table % 3 == 0 ? 1.0 : (i % 7 == 3 ? 0.0 : concentrated(engine));
        }
        weights[0] += 1e-9;  // a positive total
        const std::vector<double> cumulative = running_totals(weights);
        std::vector<std::uint32_t> items(count);
        for (std::size_t i = 0; i < count; ++i) {
            items[i] = static_cast<std::uint32_t>(1000 + i);
        }
        for (std::size_t buckets :
             {std::size_t{1}, std::size_t{2}, count / 4 + 1, count, 3 * count}) {
            std::vector<WeightedGuideEntry> guide;
            build_weighted_guide(cumulative, items, buckets, guide);
            std::vector<double> draws;
            for (int k = 0; k < 2000; ++k) {
                draws.push_back(uniform(engine));
            }
            // Draws on and beside the bucket boundaries, where rounding bites.
            for (std::size_t bucket = 0; bucket <= buckets && bucket < 500; ++bucket) {
                const double at = static_cast<double>(bucket) / static_cast<double>(buckets);
                for (double draw : {at, std::nextafter(at, 0.0), std::nextafter(at, 1.0)}) {
                    if (draw >= 0.0 && draw < 1.0) {
                        draws.push_back(draw);
                    }
                }
            }
            // And on each running total's own fraction of the total.
            for (std::size_t i = 0; i < count && i < 500; ++i) {
                draws.push_back(
                    std::min(cumulative[i] / cumulative.back(), std::nextafter(1.0, 0.0)));
            }
            for (double draw : draws) {
                INFO("table " << table << ", buckets " << buckets << ", draw " << draw);
                REQUIRE(guided_item(cumulative, guide, items, draw) ==
                        searched_item(cumulative, items, draw));
            }
        }
    }
}
