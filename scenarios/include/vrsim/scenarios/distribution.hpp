#pragma once
// A parameter's uncertainty distribution, as written in scenario files: its own
// header so that calibration settings (priors of the observation model) can hold
// one without the whole scenario.
#include <string_view>

namespace vrsim::scenarios {

struct Distribution {
    enum class Kind { normal, lognormal, beta, gamma, uniform };
    Kind kind = Kind::normal;
    double a = 0.0;  // normal: mean; lognormal: meanlog; beta: alpha; gamma: shape; uniform: min
    double b = 0.0;  // normal: sd; lognormal: sdlog; beta: beta; gamma: scale; uniform: max
};

// What scenario files call a kind and its two numbers, e.g. "gamma", "shape",
// "scale"; manifests and checkpoints use the same names.
struct DistributionNames {
    std::string_view type;
    std::string_view a;
    std::string_view b;
};
DistributionNames names_of(Distribution::Kind kind);

}  // namespace vrsim::scenarios
