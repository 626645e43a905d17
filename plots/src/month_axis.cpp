#include "vrsim/plots/month_axis.hpp"

#include <array>

namespace vrsim::plots {

namespace {

// Floor modulo, so months before the anchor land on the same grid.
int positive_remainder(int value, int divisor) {
    const int remainder = value % divisor;
    return remainder < 0 ? remainder + divisor : remainder;
}

}  // namespace

std::vector<MonthTick> month_ticks(model::YearMonth first, model::YearMonth last,
                                   model::YearMonth anchor, int max_ticks) {
    static constexpr std::array<int, 10> kSteps = {1, 2, 3, 6, 12, 24, 36, 60, 120, 240};
    if (last < first) {
        return {};
    }
    int step = kSteps.back();
    for (int candidate : kSteps) {
        const int offset = positive_remainder(anchor.index - first.index, candidate);
        const int count = first.index + offset > last.index
                              ? 0
                              : (last.index - first.index - offset) / candidate + 1;
        if (count <= max_ticks) {
            step = candidate;
            break;
        }
    }
    std::vector<MonthTick> ticks;
    for (int index = first.index + positive_remainder(anchor.index - first.index, step);
         index <= last.index; index += step) {
        const model::YearMonth month{index};
        ticks.push_back({month, month.to_string()});
    }
    return ticks;
}

}  // namespace vrsim::plots
