#include "vrsim/model/weighted_guide.hpp"

namespace vrsim::model {

void build_weighted_guide(const std::vector<double>& cumulative,
                          const std::vector<std::uint32_t>& items, std::size_t buckets,
                          std::vector<WeightedGuideEntry>& guide) {
    const std::size_t count = cumulative.size();
    const double total = count == 0 ? 0.0 : cumulative.back();
    guide.resize(buckets + 1);
    std::size_t below = 0;
    for (std::size_t bucket = 0; bucket <= buckets; ++bucket) {
        const double boundary = guide_boundary(total, bucket, buckets);
        while (below < count && cumulative[below] <= boundary) {
            ++below;
        }
        guide[bucket] = {static_cast<std::uint32_t>(below),
                         count == 0 ? 0U : items[std::min(below, count - 1)]};
    }
}

}  // namespace vrsim::model
