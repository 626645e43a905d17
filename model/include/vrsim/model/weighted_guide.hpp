#pragma once
// Weighted draws through a guide of equal-weight buckets. The items' running
// totals of weight are split into `buckets` equal parts; each guide entry holds
// the number of running totals at or below its bucket's lower boundary (so a
// draw in the bucket falls on that item or a later one) and that item. Where
// the weights are concentrated most buckets lie inside one item's share, and a
// draw in such a bucket is answered by its entry alone; otherwise only the few
// running totals between its bucket and the next are searched. Either way the
// item is the one std::upper_bound of the draw in the running totals finds.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vrsim::model {

// The first of `count` ascending values from `first` that exceeds `value`
// (`first + count` if none), the one std::upper_bound finds, by halvings that
// are conditional moves rather than branches: a branch on a random draw is
// mispredicted half the time.
inline const double* upper_bound_branchless(const double* first, std::size_t count, double value) {
    if (count == 0) {
        return first;
    }
    while (count > 1) {
        const std::size_t half = count / 2;
        first = first[half] <= value ? first + half : first;
        count -= half;
    }
    return first + (*first <= value ? 1 : 0);
}

struct WeightedGuideEntry {
    std::uint32_t first = 0;  // running totals at or below the bucket's lower boundary
    std::uint32_t item = 0;   // items[first], or the last item where first is past the end
};

// The lower boundary of bucket `bucket` of `buckets` over a total: the one
// number both the guide's construction and its look-ups use.
inline double guide_boundary(double total, std::size_t bucket, std::size_t buckets) {
    return total * (static_cast<double>(bucket) / static_cast<double>(buckets));
}

// Fills `guide` with buckets + 1 entries (buckets >= 1) from ascending running
// totals and the items they belong to (the same length; the last entry's
// boundary is the total).
void build_weighted_guide(const std::vector<double>& cumulative,
                          const std::vector<std::uint32_t>& items, std::size_t buckets,
                          std::vector<WeightedGuideEntry>& guide);

// The item a uniform draw on [0, 1) picks with probability proportional to
// its weight: items[i] for the first running total above uniform x total (the
// last item if none), with cumulative non-empty. Rounding can put the target
// just outside its bucket; then (rarely) all the running totals are searched.
inline std::uint32_t guided_item(const std::vector<double>& cumulative,
                                 const std::vector<WeightedGuideEntry>& guide,
                                 const std::vector<std::uint32_t>& items, double uniform) {
    const double total = cumulative.back();
    const double target = uniform * total;
    const std::size_t buckets = guide.size() - 1;
    const std::size_t bucket =
        std::min(buckets - 1, static_cast<std::size_t>(uniform * static_cast<double>(buckets)));
    const double* found = nullptr;
    if (guide_boundary(total, bucket, buckets) <= target &&
        target <= guide_boundary(total, bucket + 1, buckets)) {
        const std::size_t low = guide[bucket].first;
        const std::size_t high = guide[bucket + 1].first;
        if (low == high) {
            return guide[bucket].item;
        }
        found = upper_bound_branchless(cumulative.data() + low, high - low, target);
    } else {
        found = upper_bound_branchless(cumulative.data(), cumulative.size(), target);
    }
    const auto index = static_cast<std::size_t>(found - cumulative.data());
    return items[std::min(index, cumulative.size() - 1)];
}

}  // namespace vrsim::model
