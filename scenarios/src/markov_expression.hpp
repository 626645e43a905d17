#pragma once
// The arithmetic that Markov model files write in transitions, rewards and
// parameters: numbers, parameter names (a Dirichlet component is "name.key"),
// + - * / ( ), comparisons (< <= > >= == !=, giving 1 or 0), "c ? a : b", the
// functions exp, log, min and max, and the variable `cycle` (1, 2, ...).
#include <cstddef>
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
    // Replaces each name's index by `slots[i]`, an index into evaluate()'s values.
    void bind(std::span<const std::size_t> slots);
    double evaluate(std::span<const double> values) const;
    bool is_constant() const { return names_.empty(); }

    enum class Op : unsigned char {
        number,
        variable,
        negate,
        add,
        subtract,
        multiply,
        divide,
        less,
        less_equal,
        greater,
        greater_equal,
        equal,
        not_equal,
        select,
        exp,
        log,
        min,
        max,
    };
    struct Instruction {
        Op op;
        std::size_t slot = 0;  // variable
        double value = 0.0;    // number
    };

  private:
    std::vector<Instruction> code_;  // postfix
    std::vector<std::string> names_;
    friend class ExpressionParser;
};

}  // namespace vrsim::scenarios::detail
