#include "markov_expression.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace vrsim::scenarios::detail {

// Recursive descent over the grammar, lowest precedence first:
//   select  = compare [ "?" select ":" select ]
//   compare = sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum ]
//   sum     = product { ("+" | "-") product }
//   product = unary { ("*" | "/") unary }
//   unary   = "-" unary | primary
//   primary = number | name | function "(" select {"," select} ")" | "(" select ")"
class ExpressionParser {
  public:
    explicit ExpressionParser(std::string_view text) : text_(text) {}

    std::optional<MarkovExpression> parse(std::string& error, std::size_t& error_at) {
        try {
            select();
            skip_space();
            if (at_ < text_.size()) {
                fail("unexpected \"" + std::string(1, text_[at_]) + "\"");
            }
        } catch (const std::invalid_argument& problem) {
            error = problem.what();
            error_at = std::min(at_, text_.size());
            return std::nullopt;
        }
        return std::move(result_);
    }

  private:
    using Op = MarkovExpression::Op;

    [[noreturn]] void fail(const std::string& message) { throw std::invalid_argument(message); }

    void skip_space() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) {
            ++at_;
        }
    }
    bool accept(std::string_view token) {
        skip_space();
        if (text_.substr(at_, token.size()) == token) {
            at_ += token.size();
            return true;
        }
        return false;
    }
    void expect(std::string_view token) {
        if (!accept(token)) {
            fail("expected \"" + std::string(token) + "\"");
        }
    }
    void emit(Op op) { result_.code_.push_back({op}); }

    void select() {
        compare();
        if (accept("?")) {
            select();
            expect(":");
            select();
            emit(Op::select);
        }
    }
    void compare() {
        sum();
        static constexpr std::pair<std::string_view, Op> kComparisons[] = {
            {"<=", Op::less_equal}, {">=", Op::greater_equal}, {"==", Op::equal},
            {"!=", Op::not_equal},  {"<", Op::less},           {">", Op::greater}};
        for (const auto& [token, op] : kComparisons) {
            if (accept(token)) {
                sum();
                emit(op);
                return;
            }
        }
    }
    void sum() {
        product();
        for (;;) {
            if (accept("+")) {
                product();
                emit(Op::add);
            } else if (accept("-")) {
                product();
                emit(Op::subtract);
            } else {
                return;
            }
        }
    }
    void product() {
        unary();
        for (;;) {
            if (accept("*")) {
                unary();
                emit(Op::multiply);
            } else if (accept("/")) {
                unary();
                emit(Op::divide);
            } else {
                return;
            }
        }
    }
    void unary() {
        if (accept("-")) {
            unary();
            emit(Op::negate);
            return;
        }
        primary();
    }
    void primary() {
        skip_space();
        if (at_ >= text_.size()) {
            fail("expected a number, a name or \"(\"");
        }
        const char c = text_[at_];
        if (accept("(")) {
            select();
            expect(")");
        } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            number();
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            name();
        } else {
            fail("unexpected \"" + std::string(1, c) + "\"");
        }
    }
    void number() {
        double value = 0.0;
        const char* begin = text_.data() + at_;
        const auto [end, error] = std::from_chars(begin, text_.data() + text_.size(), value);
        if (error != std::errc()) {
            fail("not a number");
        }
        at_ += static_cast<std::size_t>(end - begin);
        result_.code_.push_back({Op::number, 0, value});
    }
    void name() {
        const std::size_t start = at_;
        while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) ||
                                      text_[at_] == '_' || text_[at_] == '.')) {
            ++at_;
        }
        const std::string word(text_.substr(start, at_ - start));
        static constexpr std::pair<std::string_view, Op> kFunctions[] = {
            {"exp", Op::exp}, {"log", Op::log}, {"min", Op::min}, {"max", Op::max}};
        for (const auto& [function, op] : kFunctions) {
            if (word == function) {
                expect("(");
                select();
                if (op == Op::min || op == Op::max) {
                    expect(",");
                    select();
                }
                expect(")");
                emit(op);
                return;
            }
        }
        auto& names = result_.names_;
        auto found = std::find(names.begin(), names.end(), word);
        const auto index = static_cast<std::size_t>(found - names.begin());
        if (found == names.end()) {
            names.push_back(word);
        }
        result_.code_.push_back({Op::variable, index, 0.0});
    }

    std::string_view text_;
    std::size_t at_ = 0;
    MarkovExpression result_;
};

std::optional<MarkovExpression> MarkovExpression::parse(std::string_view text, std::string& error,
                                                        std::size_t& error_at) {
    return ExpressionParser(text).parse(error, error_at);
}

MarkovExpression MarkovExpression::constant(double value) {
    MarkovExpression expression;
    expression.code_.push_back({Op::number, 0, value});
    return expression;
}

void MarkovExpression::bind(std::span<const std::size_t> slots) {
    for (Instruction& instruction : code_) {
        if (instruction.op == Op::variable) {
            instruction.slot = slots[instruction.slot];
        }
    }
}

double MarkovExpression::evaluate(std::span<const double> values) const {
    double stack[64];
    std::size_t top = 0;
    for (const Instruction& instruction : code_) {
        if (top + 1 >= std::size(stack)) {
            throw std::length_error("expression nested too deeply");
        }
        switch (instruction.op) {
            case Op::number:
                stack[top++] = instruction.value;
                continue;
            case Op::variable:
                stack[top++] = values[instruction.slot];
                continue;
            case Op::negate:
                stack[top - 1] = -stack[top - 1];
                continue;
            case Op::exp:
                stack[top - 1] = std::exp(stack[top - 1]);
                continue;
            case Op::log:
                stack[top - 1] = std::log(stack[top - 1]);
                continue;
            case Op::select:
                top -= 2;
                stack[top - 1] = stack[top - 1] != 0.0 ? stack[top] : stack[top + 1];
                continue;
            default:
                break;
        }
        const double b = stack[--top];
        double& a = stack[top - 1];
        switch (instruction.op) {
            case Op::add:
                a += b;
                break;
            case Op::subtract:
                a -= b;
                break;
            case Op::multiply:
                a *= b;
                break;
            case Op::divide:
                a /= b;
                break;
            case Op::less:
                a = a < b ? 1.0 : 0.0;
                break;
            case Op::less_equal:
                a = a <= b ? 1.0 : 0.0;
                break;
            case Op::greater:
                a = a > b ? 1.0 : 0.0;
                break;
            case Op::greater_equal:
                a = a >= b ? 1.0 : 0.0;
                break;
            case Op::equal:
                a = a == b ? 1.0 : 0.0;
                break;
            case Op::not_equal:
                a = a != b ? 1.0 : 0.0;
                break;
            case Op::min:
                a = std::min(a, b);
                break;
            case Op::max:
                a = std::max(a, b);
                break;
            default:
                break;
        }
    }
    return stack[0];
}

}  // namespace vrsim::scenarios::detail
