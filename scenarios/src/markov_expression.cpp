#include "markov_expression.hpp"

#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>

namespace vrsim::scenarios::detail {

struct MarkovExpression::Compiled {
    mu::Parser parser;
    std::vector<double> inputs;  // the value of names_[i], bound into the bytecode
};

namespace {

// Collects variable names in order of first use; every variable reads `unbound`.
struct NameCollector {
    std::vector<std::string> names;
    double unbound = 0.0;
};

double* collect_name(const char* name, void* data) {
    auto* collector = static_cast<NameCollector*>(data);
    collector->names.emplace_back(name);
    return &collector->unbound;
}

// Binds the k-th variable met (in the same order as collect_name) to inputs[k].
struct InputBinder {
    std::vector<double>* inputs;
    std::size_t next = 0;
};

double* bind_input(const char* /*name*/, void* data) {
    auto* binder = static_cast<InputBinder*>(data);
    return &(*binder->inputs)[binder->next++];
}

// muParser's own syntax with only the format's functions and operators: no
// built-in constants (_pi, _e) or functions (sin, sum, ln, ...), whose names
// stay free for parameters; unary minus but no unary plus; "name.key" names.
void configure(mu::Parser& parser) {
    parser.ClearConst();
    parser.ClearFun();
    parser.ClearInfixOprt();
    parser.ClearPostfixOprt();
    parser.DefineNameChars("0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.");
    parser.DefineInfixOprt("-", [](double x) { return -x; });
    parser.DefineFun("exp", [](double x) { return std::exp(x); });
    parser.DefineFun("log", [](double x) { return std::log(x); });  // natural log
    parser.DefineFun("min", [](double a, double b) { return std::min(a, b); });
    parser.DefineFun("max", [](double a, double b) { return std::max(a, b); });
    // Evaluate exactly as written, left to right: the optimizer's constant
    // folding regroups products such as x * 2 / 3 and can change the last bit.
    parser.EnableOptimizer(false);
}

// muParser's message without its 0-based "at position N" (the caller gives the
// column), starting lower case like the other diagnostics.
std::string describe(const mu::ParserError& error) {
    static const std::regex kPosition(
        R"((\s+found)?\s+(at (expression )?position [0-9]+|\(position: [0-9]+\))\.?$)");
    std::string message = std::regex_replace(error.GetMsg(), kPosition, "");
    if (!message.empty() && message.back() == '.') {
        message.pop_back();
    }
    if (!message.empty()) {
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    return message;
}

// muParser also reads assignment "x = 1", "^", "&&", "||" and lists "a, b" of
// several results, none of which the file format has: the place of the first.
std::optional<std::size_t> unsupported(std::string_view text) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if ((c == '<' || c == '>' || c == '!' || c == '=') && next == '=') {
            ++i;  // a comparison
        } else if (c == '=' || c == '^' || c == '&' || c == '|' || (c == ',' && depth == 0)) {
            return i;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<MarkovExpression> MarkovExpression::parse(std::string_view text, std::string& error,
                                                        std::size_t& error_at) {
    MarkovExpression expression;
    auto compiled = std::make_shared<Compiled>();
    mu::Parser& parser = compiled->parser;
    try {
        configure(parser);
        // First the names, in order of first use, and the syntax checked.
        NameCollector collector;
        parser.SetVarFactory(collect_name, &collector);
        parser.SetExpr(std::string(text));
        parser.Eval();
        if (const auto at = unsupported(text)) {
            error = "unexpected \"" + std::string(1, text[*at]) + "\"";
            error_at = *at;
            return std::nullopt;
        }
        // Then compiled with each name bound to its own input.
        expression.names_ = std::move(collector.names);
        compiled->inputs.assign(expression.names_.size(), 0.0);
        InputBinder binder{&compiled->inputs};
        parser.ClearVar();
        parser.SetVarFactory(bind_input, &binder);
        parser.SetExpr(std::string(text));
        parser.Eval();
        parser.SetVarFactory(nullptr);
    } catch (const mu::ParserError& problem) {
        error = describe(problem);
        // muParser gives -1 for "empty" or "no else clause": the end.
        const int at = problem.GetPos();
        error_at = at < 0 ? text.size() : std::min(static_cast<std::size_t>(at), text.size());
        return std::nullopt;
    }
    expression.compiled_ = std::move(compiled);
    expression.slots_.assign(expression.names_.size(), 0);
    return expression;
}

MarkovExpression MarkovExpression::constant(double value) {
    MarkovExpression expression;
    expression.value_ = value;
    return expression;
}

void MarkovExpression::bind(std::span<const std::size_t> slots) {
    slots_.assign(slots.begin(), slots.end());
}

double MarkovExpression::evaluate(std::span<const double> values) const {
    if (!compiled_) {
        return value_;
    }
    double* inputs = compiled_->inputs.data();
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        inputs[i] = values[slots_[i]];
    }
    return compiled_->parser.Eval();
}

}  // namespace vrsim::scenarios::detail
