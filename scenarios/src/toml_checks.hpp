#pragma once
// Checks shared by the readers of TOML files other than scenarios (Markov models,
// unit costs): problems collected as diagnostics at the place they were written.
#include <algorithm>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenario_diagnostics.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

class TomlChecks {
  protected:
    explicit TomlChecks(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {}

    void report(const toml::node& where, std::string field, std::string message) {
        diagnostics_.push_back(diagnostic_at(where.source(), std::move(field), std::move(message)));
    }
    static std::string join(const std::string& prefix, std::string_view key) {
        return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    }
    // Reports every key of `table` not in `known`, with a "did you mean".
    void check_keys(const toml::table& table, const std::string& prefix,
                    std::span<const std::string_view> known) {
        for (auto&& [key, value] : table) {
            if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
                diagnostics_.push_back(diagnostic_at(key.source(), join(prefix, key.str()),
                                                     unknown_name_message(key.str(), known)));
            }
        }
    }
    // The value at `key`, or nullptr (reported when required).
    const toml::node* present(const toml::table& parent, std::string_view key,
                              const std::string& field, bool required) {
        const toml::node* node = parent.get(key);
        if (node == nullptr && required) {
            report(parent, field, "required, not set");
        }
        return node;
    }

    std::vector<Diagnostic>& diagnostics_;
};

// Throws ScenarioError with `diagnostics`, placed in `file` where they have no
// file of their own and sorted, when there are any.
inline void throw_if_any(std::vector<Diagnostic>& diagnostics, const std::filesystem::path& file) {
    if (diagnostics.empty()) {
        return;
    }
    for (Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.file.empty()) {
            diagnostic.file = file;
        }
    }
    const std::vector<std::filesystem::path> files = {file};
    sort_diagnostics(diagnostics, files);
    throw ScenarioError(std::move(diagnostics));
}

}  // namespace vrsim::scenarios::detail
