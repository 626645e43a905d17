#pragma once
// A search of ascending values whose steps are conditional moves rather than
// branches: a branch on a random draw is mispredicted half the time.
#include <cstddef>

namespace vrsim::model {

// The first of `count` ascending values from `first` that exceeds `value`
// (`first + count` if none), the one std::upper_bound finds.
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

}  // namespace vrsim::model
