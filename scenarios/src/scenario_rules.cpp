#include "scenario_rules.hpp"

#include <cmath>
#include <numeric>
#include <string>

#include "parameter_schema.hpp"
#include "scenario_diagnostics.hpp"

namespace vrsim::scenarios::detail {
namespace {

namespace fs = std::filesystem;

constexpr double kSumTolerance = 1e-6;

class RuleChecker {
  public:
    RuleChecker(const MergedNode& root, const fs::path& named_file, const FieldSet& failed,
                std::vector<Diagnostic>& diagnostics)
        : root_(root), named_file_(named_file), failed_(failed), diagnostics_(diagnostics) {}

    // True when every field named is set and valid, so a rule over them can run.
    template <typename... Paths>
    bool valid(Paths... paths) const {
        return (!failed_.contains(std::string_view(paths)) && ...);
    }

    // Reports at the value written at `path`, or at its element `element`.
    void report(std::string_view path, std::string message, int element = -1) {
        const toml::node* where = written_value(root_, path);
        std::string field(path);
        if (where != nullptr && element >= 0) {
            // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "[" + string.
            field += '[';
            field += std::to_string(element);
            field += ']';
            where = where->as_array() != nullptr ? where->as_array()->get(element) : where;
        }
        if (where == nullptr) {
            const MergedNode* node = root_.find_path(path);
            where = node != nullptr ? node->value : nullptr;
        }
        if (where == nullptr) {
            diagnostics_.push_back({named_file_, 0, 0, field, std::move(message)});
            return;
        }
        diagnostics_.push_back(diagnostic_at(where->source(), field, std::move(message)));
    }

    void same_length_as_age_bands(const model::Parameters& p, std::string_view path,
                                  const std::vector<double>& values, std::string_view what) {
        if (values.size() != p.place.age_band_lower.size()) {
            report(path, "expected " + std::string(what) + " for each of the " +
                             std::to_string(p.place.age_band_lower.size()) +
                             " age bands in place.age_band_lower, got " +
                             std::to_string(values.size()));
        }
    }

    template <typename Values>
    void sums_to_one(std::string_view path, const Values& values, std::string_view what) {
        const double sum = std::accumulate(values.begin(), values.end(), 0.0);
        if (std::abs(sum - 1.0) > kSumTolerance) {
            report(path, "expected " + std::string(what) + " summing to 1, got a sum of " +
                             format_number(sum) + "; adjust them so they add up to 1");
        }
    }

  private:
    const MergedNode& root_;
    const fs::path& named_file_;
    const FieldSet& failed_;
    std::vector<Diagnostic>& diagnostics_;
};

void check_age_bands(const model::Parameters& p, RuleChecker& check) {
    constexpr std::string_view lower = "place.age_band_lower";
    constexpr std::string_view share = "place.age_band_share";
    constexpr std::string_view victimisation = "parameters.victims.age_band_victimisation";
    const std::vector<double>& ages = p.place.age_band_lower;
    const bool bands_valid = check.valid(lower);
    if (bands_valid) {
        if (ages.front() != 0.0) {
            check.report(
                lower,
                "expected the first age band to start at 0, got " + format_number(ages.front()), 0);
        }
        for (std::size_t i = 1; i < ages.size(); ++i) {
            if (!(ages[i] > ages[i - 1])) {
                check.report(lower,
                             "expected ages increasing from band to band, got " +
                                 format_number(ages[i]) + " after " + format_number(ages[i - 1]),
                             static_cast<int>(i));
            }
        }
        if (check.valid("place.max_age_years") && !(p.place.max_age_years > ages.back())) {
            check.report("place.max_age_years",
                         "expected an age above the last band's lower age (" +
                             format_number(ages.back()) + "), got " +
                             format_number(p.place.max_age_years));
        }
    }
    if (check.valid(share)) {
        if (bands_valid && p.place.age_band_share.size() != ages.size()) {
            check.same_length_as_age_bands(p, share, p.place.age_band_share, "a share");
        } else {
            check.sums_to_one(share, p.place.age_band_share, "age band shares");
        }
    }
    if (bands_valid && check.valid(victimisation)) {
        check.same_length_as_age_bands(p, victimisation, p.victims.age_band_victimisation,
                                       "a value");
    }
}

}  // namespace

void check_parameter_rules(const model::Parameters& parameters, const MergedNode& root,
                           const fs::path& named_file, const FieldSet& failed,
                           std::vector<Diagnostic>& diagnostics) {
    RuleChecker check(root, named_file, failed, diagnostics);
    check_age_bands(parameters, check);
    const int start_year = parameters.simulation.start_month.year();
    if (check.valid("simulation.start_month") && (start_year < 1900 || start_year > 2200)) {
        check.report("simulation.start_month",
                     "expected a month between 1900-01 and 2200-12, got " +
                         parameters.simulation.start_month.to_string());
    }
    if (check.valid("parameters.offending.type_share")) {
        check.sums_to_one("parameters.offending.type_share", parameters.offending.type_share,
                          "offence type shares");
    }
    const auto& gang = parameters.risk.gang;
    if (check.valid("parameters.risk.gang.join_age_min_years",
                    "parameters.risk.gang.join_age_max_years") &&
        gang.join_age_max_years < gang.join_age_min_years) {
        check.report("parameters.risk.gang.join_age_max_years",
                     "expected an age at least join_age_min_years (" +
                         format_number(gang.join_age_min_years) + "), got " +
                         format_number(gang.join_age_max_years));
    }
}

}  // namespace vrsim::scenarios::detail
