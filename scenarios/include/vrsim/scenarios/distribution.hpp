#pragma once
// A parameter's uncertainty distribution, as written in scenario files: its own
// header so that calibration settings (priors of the observation model) can hold
// one without the whole scenario.

namespace vrsim::scenarios {

struct Distribution {
    enum class Kind { normal, lognormal, beta, gamma, uniform };
    Kind kind = Kind::normal;
    double a = 0.0;  // normal: mean; lognormal: meanlog; beta: alpha; gamma: shape; uniform: min
    double b = 0.0;  // normal: sd; lognormal: sdlog; beta: beta; gamma: scale; uniform: max
};

}  // namespace vrsim::scenarios
