#include "vrsim/plots/differences.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "vrsim/scenarios/summary.hpp"

namespace vrsim::plots {

namespace {

using Key = std::pair<int, std::uint32_t>;  // (month index, replicate)

std::map<Key, double> by_month_and_replicate(const std::vector<ReplicateValue>& values) {
    std::map<Key, double> out;
    for (const ReplicateValue& value : values) {
        if (!out.emplace(Key{value.month.index, value.replicate}, value.value).second) {
            throw std::invalid_argument("replicate " + std::to_string(value.replicate) +
                                        " appears twice in month " + value.month.to_string());
        }
    }
    return out;
}

}  // namespace

std::vector<DifferenceBand> paired_difference_bands(
    const std::vector<ReplicateValue>& base, const std::vector<ReplicateValue>& alternative) {
    const std::map<Key, double> base_values = by_month_and_replicate(base);
    const std::map<Key, double> alternative_values = by_month_and_replicate(alternative);
    std::map<int, std::vector<double>> differences;  // by month index
    for (const auto& [key, value] : alternative_values) {
        const auto paired = base_values.find(key);
        if (paired != base_values.end()) {
            differences[key.first].push_back(value - paired->second);
        }
    }
    std::vector<DifferenceBand> bands;
    for (auto& [month, values] : differences) {
        std::sort(values.begin(), values.end());
        const auto q = [&](double p) { return scenarios::quantile_type7(values, p); };
        bands.push_back({model::YearMonth{month},
                         {q(0.05), q(0.25), q(0.50), q(0.75), q(0.95)},
                         values.size()});
    }
    return bands;
}

}  // namespace vrsim::plots
