#include "observation_decode.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>

#include "distributions.hpp"
#include "scenario_diagnostics.hpp"

namespace vrsim::scenarios {

std::string_view to_string(ObservationNoise noise) {
    return noise == ObservationNoise::none ? "none" : "negative_binomial";
}

namespace detail {

namespace {

constexpr std::string_view kPath = "calibration.observation";
constexpr std::array<std::string_view, 3> kObservationKeys = {"noise", "dispersion",
                                                              "recording_trend"};
constexpr std::array<std::string_view, 3> kTrendKeys = {"before", "midpoint_year",
                                                        "duration_months"};
constexpr std::array<std::string_view, 3> kParameterKeys = {"value", "source", "distribution"};
constexpr std::array<std::string_view, 2> kNoises = {"none", "negative_binomial"};

struct Range {
    double lower;
    double upper;
    bool lower_open;  // the lower bound itself is not allowed
    std::string_view example;
};

// The valid ranges: a factor must be positive (assumption: more than five times
// today's recording is a typing error, not a recording practice); the ramp's
// midpoint a plausible calendar year; its length at most 50 years. A dispersion
// above 1e6 is Poisson in all but name (assumption: NB variance mu + mu^2/k with
// mu = 1000 is then within 0.1% of Poisson's).
constexpr Range kBefore = {0.0, 5.0, true, "{ value = 0.7, source = \"...\" }"};
constexpr Range kMidpoint = {1900.0, 2200.0, false, "{ value = 2014.5, source = \"...\" }"};
constexpr Range kDuration = {0.0, 600.0, false, "{ value = 18, source = \"...\" }"};
constexpr Range kDispersion = {0.0, 1e6, true, "{ value = 150, source = \"...\" }"};

class ObservationDecoder {
  public:
    explicit ObservationDecoder(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {}

    std::optional<ObservationSettings> decode(const toml::node& node) {
        const std::size_t before = diagnostics_.size();
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            report(node, std::string(kPath),
                   "expected a table [calibration.observation], got " + describe_value(node));
            return std::nullopt;
        }
        check_keys(*table, std::string(kPath), kObservationKeys);
        ObservationSettings settings;
        if (const toml::node* noise = table->get("noise")) {
            const std::string path = std::string(kPath) + ".noise";
            const auto found = noise->is_string() ? std::find(kNoises.begin(), kNoises.end(),
                                                              noise->as_string()->get())
                                                  : kNoises.end();
            if (found == kNoises.end()) {
                report(*noise, path,
                       noise->is_string()
                           ? unknown_name_message(noise->as_string()->get(), kNoises, "noise")
                           : "expected \"negative_binomial\" or \"none\", got " +
                                 describe_value(*noise));
            } else {
                settings.noise = static_cast<ObservationNoise>(found - kNoises.begin());
            }
        }
        if (const toml::node* dispersion = table->get("dispersion")) {
            const std::string path = std::string(kPath) + ".dispersion";
            if (settings.noise == ObservationNoise::none) {
                report(*dispersion, path, "a dispersion needs noise = \"negative_binomial\"");
            }
            settings.dispersion = parameter(*dispersion, path, kDispersion, false);
        }
        if (const toml::node* trend = table->get("recording_trend")) {
            const std::string path = std::string(kPath) + ".recording_trend";
            const toml::table* trend_table = trend->as_table();
            if (trend_table == nullptr) {
                report(*trend, path,
                       "expected a table [calibration.observation.recording_trend] with before, "
                       "midpoint_year and duration_months, got " +
                           describe_value(*trend));
            } else {
                check_keys(*trend_table, path, kTrendKeys);
                RecordingTrendSettings settings_trend;
                settings_trend.before = required(*trend_table, path, "before", kBefore);
                settings_trend.midpoint_year =
                    required(*trend_table, path, "midpoint_year", kMidpoint);
                settings_trend.duration_months =
                    required(*trend_table, path, "duration_months", kDuration);
                settings.recording_trend = settings_trend;
            }
        }
        if (diagnostics_.size() != before) {
            return std::nullopt;
        }
        return settings;
    }

  private:
    void report(const toml::node& where, std::string path, std::string message) {
        diagnostics_.push_back(diagnostic_at(where.source(), std::move(path), std::move(message)));
    }

    template <std::size_t N>
    void check_keys(const toml::table& table, const std::string& path,
                    const std::array<std::string_view, N>& known) {
        for (auto&& [key, value] : table) {
            if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
                diagnostics_.push_back(diagnostic_at(key.source(),
                                                     path + "." + std::string(key.str()),
                                                     unknown_name_message(key.str(), known)));
            }
        }
    }

    ObservationParameter required(const toml::table& table, const std::string& path,
                                  std::string_view key, const Range& range) {
        const std::string field = path + "." + std::string(key);
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            report(
                table, field,
                "required, not set; add " + std::string(key) + " = " + std::string(range.example));
            return {};
        }
        return parameter(*node, field, range, true);
    }

    static bool inside(double value, const Range& range) {
        return std::isfinite(value) &&
               (range.lower_open ? value > range.lower : value >= range.lower) &&
               value <= range.upper;
    }

    static std::string range_text(const Range& range) {
        return std::string(range.lower_open ? "above " : "at least ") + format_number(range.lower) +
               " and at most " + format_number(range.upper);
    }

    // `{ value = ..., source = "...", distribution = { ... } }`; a distribution
    // only where `fittable`.
    ObservationParameter parameter(const toml::node& node, const std::string& field,
                                   const Range& range, bool fittable) {
        ObservationParameter result;
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            report(node, field,
                   "expected " + std::string(range.example) + ", got " + describe_value(node));
            return result;
        }
        check_keys(*table, field, kParameterKeys);
        const toml::node* value = table->get("value");
        const std::optional<double> number =
            value != nullptr ? value->value<double>() : std::nullopt;
        if (value == nullptr) {
            report(node, field + ".value",
                   "required, not set; write " + std::string(range.example));
        } else if (!number || !inside(*number, range)) {
            report(*value, field + ".value",
                   "expected a number " + range_text(range) + ", got " + describe_value(*value));
        } else {
            result.value = *number;
        }
        const toml::node* source = table->get("source");
        if (source == nullptr) {
            report(node, field + ".source",
                   "required, not set: say where the value comes from, or that it is an "
                   "assumption and why");
        } else if (!source->is_string() || source->as_string()->get().empty()) {
            report(*source, field + ".source",
                   "expected a non-empty string, got " + describe_value(*source));
        } else {
            result.source = source->as_string()->get();
        }
        if (const toml::node* distribution = table->get("distribution")) {
            if (!fittable) {
                report(*distribution, field + ".distribution",
                       "not fitted: give a value with its source, or leave dispersion out to "
                       "have it estimated per particle");
            } else {
                result.distribution =
                    read_distribution(*distribution, field + ".distribution", diagnostics_);
                if (result.distribution &&
                    result.distribution->kind == Distribution::Kind::uniform &&
                    (!inside(result.distribution->a, range) ||
                     !inside(result.distribution->b, range))) {
                    report(*distribution, field + ".distribution",
                           "a uniform prior must lie inside the valid range, " + range_text(range));
                }
            }
        }
        return result;
    }

    std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

std::optional<ObservationSettings> decode_observation(const toml::node& node,
                                                      std::vector<Diagnostic>& diagnostics) {
    return ObservationDecoder(diagnostics).decode(node);
}

}  // namespace detail

}  // namespace vrsim::scenarios
