#pragma once
// The two ways charts can fail, so the command can tell bad input (exit 2) from
// a failed render (exit 1).
#include <stdexcept>

namespace vrsim::plots {

// A missing run folder or file, a malformed CSV (the message starts with
// file:line), an unknown outcome, a manifest without a needed key.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// gnuplot missing or failing (the message holds its stderr), or a chart file
// that cannot be written.
class RenderError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace vrsim::plots
