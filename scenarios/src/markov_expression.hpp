#pragma once
// The arithmetic that Markov model files write in transitions, rewards and
// parameters: numbers, parameter names (a Dirichlet component is "name.key"),
// + - * / ( ), comparisons (< <= > >= == !=, giving 1 or 0), "c ? a : b", the
// functions exp, log (natural), min and max, and the variable `cycle` (1, 2, ...).
// A thin wrapper around muParser: each expression is compiled once to muParser
// bytecode and re-evaluated with its variables bound to parameter slots.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::scenarios::detail {

class MarkovExpression {
  public:
    // Parses `text`; on failure returns nullopt and sets `error` and the 0-based
    // character `error_at` where the problem is.
    static std::optional<MarkovExpression> parse(std::string_view text, std::string& error,
                                                 std::size_t& error_at);
    static MarkovExpression constant(double value);

    // Names referenced, each once, in order of first use; slot i of evaluate()'s
    // values is the value of names()[i] once bind() has mapped them.
    const std::vector<std::string>& names() const { return names_; }
    // Maps names()[i] to `slots[i]`, an index into evaluate()'s values.
    void bind(std::span<const std::size_t> slots);
    // Copies share one compiled expression: evaluating is not safe from two
    // threads at once.
    double evaluate(std::span<const double> values) const;
    bool is_constant() const { return names_.empty(); }

  private:
    struct Compiled;
    std::shared_ptr<Compiled> compiled_;  // null: the constant `value_`
    double value_ = 0.0;
    std::vector<std::string> names_;
    std::vector<std::size_t> slots_;
};

}  // namespace vrsim::scenarios::detail
