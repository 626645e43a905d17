#include "distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <boost/random/beta_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "scenario_diagnostics.hpp"

namespace vrsim::scenarios {
namespace detail {
namespace {

// What a distribution's two parameters must satisfy.
enum class Rule { second_positive, both_positive, first_below_second };

struct DistributionSpec {
    std::string_view type;
    Distribution::Kind kind;
    std::array<std::string_view, 3> keys;  // "type", then the names of a and b
    Rule rule;
};

const std::array<DistributionSpec, 5> kDistributions = {{
    {"normal", Distribution::Kind::normal, {"type", "mean", "sd"}, Rule::second_positive},
    {"lognormal",
     Distribution::Kind::lognormal,
     {"type", "meanlog", "sdlog"},
     Rule::second_positive},
    {"beta", Distribution::Kind::beta, {"type", "alpha", "beta"}, Rule::both_positive},
    {"gamma", Distribution::Kind::gamma, {"type", "shape", "scale"}, Rule::both_positive},
    {"uniform", Distribution::Kind::uniform, {"type", "min", "max"}, Rule::first_below_second},
}};

// Which parameter (0 or 1) breaks the rule and what it must be; nullopt when valid.
std::optional<std::pair<std::size_t, std::string>> broken_rule(const DistributionSpec& spec,
                                                               double a, double b) {
    const std::string first(spec.keys[1]);
    const std::string second(spec.keys[2]);
    switch (spec.rule) {
        case Rule::second_positive:
            break;
        case Rule::both_positive:
            if (!(a > 0)) {
                return std::pair{std::size_t{0},
                                 "expected " + first + " > 0, got " + format_number(a)};
            }
            break;
        case Rule::first_below_second:
            if (!(a < b)) {
                return std::pair{std::size_t{1}, "expected " + second + " > " + first + " (" +
                                                     format_number(a) + "), got " +
                                                     format_number(b)};
            }
            return std::nullopt;
    }
    if (!(b > 0)) {
        return std::pair{std::size_t{1}, "expected " + second + " > 0, got " + format_number(b)};
    }
    return std::nullopt;
}

constexpr std::array<std::string_view, 5> kTypeNames = {"normal", "lognormal", "beta", "gamma",
                                                        "uniform"};

std::string describe_parameters(const DistributionSpec& spec) {
    return "{ type = \"" + std::string(spec.type) + "\", " + std::string(spec.keys[1]) +
           " = ..., " + std::string(spec.keys[2]) + " = ... }";
}

}  // namespace

std::optional<Distribution> read_distribution(const toml::node& node, const std::string& field,
                                              std::vector<Diagnostic>& diagnostics) {
    auto report = [&](const toml::node& where, const std::string& path, std::string message) {
        diagnostics.push_back(diagnostic_at(where.source(), path, std::move(message)));
    };
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        report(node, field,
               "expected a table such as { type = \"normal\", mean = 1, sd = 0.1 }, got " +
                   describe_value(node));
        return std::nullopt;
    }
    const toml::node* type = table->get("type");
    if (type == nullptr || !type->is_string()) {
        report(type != nullptr ? *type : node, field + ".type",
               std::string(type == nullptr ? "required, not set" : "expected a string") +
                   "; one of normal, lognormal, beta, gamma, uniform" +
                   (type == nullptr ? "" : ", got " + describe_value(*type)));
        return std::nullopt;
    }
    const std::string& type_name = type->as_string()->get();
    auto spec = std::find_if(kDistributions.begin(), kDistributions.end(),
                             [&](const DistributionSpec& s) { return s.type == type_name; });
    if (spec == kDistributions.end()) {
        report(*type, field + ".type",
               unknown_name_message(type_name, kTypeNames, "distribution type"));
        return std::nullopt;
    }
    bool valid = true;
    for (auto&& [key, value] : *table) {
        if (std::find(spec->keys.begin(), spec->keys.end(), key.str()) == spec->keys.end()) {
            diagnostics.push_back(diagnostic_at(
                key.source(), field + "." + std::string(key.str()),
                unknown_name_message(key.str(), spec->keys) + " (a " + std::string(spec->type) +
                    " distribution is written " + describe_parameters(*spec) + ")"));
            valid = false;
        }
    }
    std::array<double, 2> values{};
    for (std::size_t i = 0; i < 2; ++i) {
        const std::string_view key = spec->keys[i + 1];
        const std::string path = field + "." + std::string(key);
        const toml::node* value = table->get(key);
        if (value == nullptr) {
            report(node, path,
                   "required, not set; a " + std::string(spec->type) + " distribution is written " +
                       describe_parameters(*spec));
            valid = false;
        } else if (!value->is_number() || !std::isfinite(value->value<double>().value())) {
            report(*value, path, "expected a finite number, got " + describe_value(*value));
            valid = false;
        } else {
            values[i] = value->value<double>().value();
        }
    }
    if (!valid) {
        return std::nullopt;
    }
    if (auto broken = broken_rule(*spec, values[0], values[1])) {
        const std::string_view key = spec->keys[broken->first + 1];
        report(*table->get(key), field + "." + std::string(key), broken->second);
        return std::nullopt;
    }
    return Distribution{spec->kind, values[0], values[1]};
}

std::uint64_t field_hash(std::string_view field) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : field) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace detail

DistributionNames names_of(Distribution::Kind kind) {
    for (const detail::DistributionSpec& spec : detail::kDistributions) {
        if (spec.kind == kind) {
            return {spec.type, spec.keys[1], spec.keys[2]};
        }
    }
    return {"unknown", "a", "b"};
}

double draw(const Distribution& distribution, model::Stream& stream) {
    using Kind = Distribution::Kind;
    const double a = distribution.a;
    const double b = distribution.b;
    switch (distribution.kind) {
        case Kind::normal:
            return boost::random::normal_distribution<double>(a, b)(stream);
        case Kind::lognormal:
            return boost::random::lognormal_distribution<double>(a, b)(stream);
        case Kind::beta:
            return boost::random::beta_distribution<double>(a, b)(stream);
        case Kind::gamma:
            return boost::random::gamma_distribution<double>(a, b)(stream);
        case Kind::uniform:
            return boost::random::uniform_real_distribution<double>(a, b)(stream);
    }
    return a;
}

model::Parameters draw_parameters(const Scenario& scenario, std::uint64_t seed,
                                  std::uint32_t replicate) {
    model::Parameters parameters = scenario.parameters;
    for (const UncertainParameter& parameter : scenario.uncertain) {
        model::Stream stream(seed, replicate, model::Decision::parameter_draw,
                             detail::field_hash(parameter.field), 0);
        const double value = draw(parameter.distribution, stream);
        *parameter.locate(parameters) = std::clamp(value, parameter.lower, parameter.upper);
    }
    return parameters;
}

}  // namespace vrsim::scenarios
