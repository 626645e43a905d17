#include "vrsim/calibration/category_mapping.hpp"

#include <algorithm>
#include <array>

#include <toml++/toml.h>

#include "problem_list.hpp"
#include "suggest.hpp"
#include "vrsim/calibration/diagnostics.hpp"
#include "vrsim/model/outcomes.hpp"

namespace vrsim::calibration {

std::string_view to_string(MappingFormat format) {
    return format == MappingFormat::mps ? "mps" : "police-uk";
}

bool is_observable_outcome_name(std::string_view name) {
    return std::find(model::kOutcomeNames.begin(), model::kOutcomeNames.end(), name) !=
           model::kOutcomeNames.end();
}

namespace {

constexpr std::array<std::string_view, 4> kTopKeys = {"format", "description", "map", "ignore"};
constexpr std::array<std::string_view, 2> kMapKeys = {"source", "outcome"};
constexpr std::array<std::string_view, 2> kIgnoreKeys = {"source", "reason"};
constexpr std::array<std::string_view, 2> kFormats = {"mps", "police-uk"};

class MappingReader {
  public:
    MappingReader(const std::filesystem::path& file, detail::ProblemList& problems)
        : file_(file), problems_(problems) {}

    void problem(const toml::source_region& where, std::string field, std::string message) {
        Diagnostic diagnostic;
        diagnostic.file = file_;
        diagnostic.line = static_cast<int>(where.begin.line);
        diagnostic.column = static_cast<int>(where.begin.column);
        diagnostic.field = std::move(field);
        diagnostic.message = std::move(message);
        problems_.add(std::move(diagnostic));
    }

    void check_keys(const toml::table& table, std::span<const std::string_view> allowed,
                    const std::string& prefix) {
        for (const auto& [key, value] : table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
                std::string message = "unknown key" + detail::did_you_mean(key.str(), allowed);
                if (message == "unknown key") {
                    message += "; expected one of:";
                    for (std::string_view name : allowed) {
                        message.append(" ").append(name);
                    }
                }
                problem(key.source(), prefix + std::string(key.str()), message);
            }
        }
    }

    // A string or a non-empty array of strings; each non-empty.
    std::vector<std::pair<std::string, toml::source_region>> strings(
        const toml::table& table, std::string_view key, const std::string& field,
        const toml::source_region& table_place) {
        std::vector<std::pair<std::string, toml::source_region>> found;
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            problem(table_place, field, "required, not set");
            return found;
        }
        auto take = [&](const toml::node& item) {
            if (const auto* text = item.as_string()) {
                if (text->get().empty()) {
                    problem(item.source(), field, "expected a non-empty string");
                } else {
                    found.emplace_back(text->get(), item.source());
                }
            } else {
                problem(item.source(), field, "expected a string or an array of strings");
            }
        };
        if (const auto* array = node->as_array()) {
            if (array->empty()) {
                problem(node->source(), field, "expected at least one string");
            }
            for (const toml::node& item : *array) {
                take(item);
            }
        } else {
            take(*node);
        }
        return found;
    }

  private:
    const std::filesystem::path& file_;
    detail::ProblemList& problems_;
};

std::string line_of(const toml::source_region& where) {
    return "line " + std::to_string(where.begin.line);
}

}  // namespace

CategoryMapping CategoryMapping::load(const std::filesystem::path& file) {
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& error) {
        Diagnostic diagnostic;
        diagnostic.file = file;
        diagnostic.line = static_cast<int>(error.source().begin.line);
        diagnostic.column = static_cast<int>(error.source().begin.column);
        diagnostic.message = "TOML syntax error: " + std::string(error.description());
        throw ObservedDataError({diagnostic});
    }
    detail::ProblemList problems;
    MappingReader reader(file, problems);
    CategoryMapping mapping;
    mapping.file_ = file;
    reader.check_keys(root, kTopKeys, "");
    const toml::source_region top_place{{1, 1}, {1, 1}, root.source().path};

    if (const toml::node* format = root.get("format")) {
        const auto* text = format->as_string();
        if (text != nullptr && text->get() == "mps") {
            mapping.format_ = MappingFormat::mps;
        } else if (text != nullptr && text->get() == "police-uk") {
            mapping.format_ = MappingFormat::police_uk;
        } else {
            reader.problem(format->source(), "format",
                           "expected \"mps\" (Metropolitan Police borough or ward monthly files) "
                           "or \"police-uk\" (police.uk street-level files)" +
                               (text ? detail::did_you_mean(text->get(), kFormats) : ""));
        }
    } else {
        reader.problem(top_place, "format",
                       "required, not set: \"mps\" or \"police-uk\", the kind of file whose "
                       "categories this maps");
    }
    if (const toml::node* description = root.get("description")) {
        if (const auto* text = description->as_string()) {
            mapping.description_ = text->get();
        } else {
            reader.problem(description->source(), "description", "expected a string");
        }
    }

    // Where each category was first named, to report a second naming.
    std::map<std::string, toml::source_region, std::less<>> named_at;
    auto add_category = [&](const std::string& name, const toml::source_region& where,
                            const std::string& field, Category category) {
        auto [previous, inserted] = named_at.emplace(name, where);
        if (!inserted) {
            reader.problem(where, field,
                           "category \"" + name + "\" is already named at " +
                               line_of(previous->second) +
                               "; name each category once, with all its outcomes");
            return;
        }
        category.line = static_cast<int>(where.begin.line);
        mapping.categories_.emplace(name, std::move(category));
    };

    auto tables_of = [&](std::string_view key) {
        std::vector<const toml::table*> tables;
        const toml::node* node = root.get(key);
        if (node == nullptr) {
            return tables;
        }
        const auto* array = node->as_array();
        if (array == nullptr || !array->is_array_of_tables()) {
            reader.problem(node->source(), std::string(key),
                           "expected [[" + std::string(key) + "]] tables");
            return tables;
        }
        for (const toml::node& item : *array) {
            tables.push_back(item.as_table());
        }
        return tables;
    };

    std::vector<bool> outcome_used(model::kOutcomeCount, false);
    const std::vector<const toml::table*> maps = tables_of("map");
    for (std::size_t i = 0; i < maps.size(); ++i) {
        const toml::table& entry = *maps[i];
        const std::string prefix = "map[" + std::to_string(i + 1) + "].";
        reader.check_keys(entry, kMapKeys, prefix);
        const auto outcomes = reader.strings(entry, "outcome", prefix + "outcome", entry.source());
        Category category;
        for (const auto& [name, where] : outcomes) {
            if (!is_observable_outcome_name(name)) {
                std::vector<std::string_view> known(model::kOutcomeNames.begin(),
                                                    model::kOutcomeNames.end());
                reader.problem(where, prefix + "outcome",
                               "unknown outcome \"" + name + "\"" +
                                   detail::did_you_mean(name, known) +
                                   "; outcomes are listed in model/include/vrsim/model/"
                                   "outcomes.hpp");
            } else if (std::find(category.outcomes.begin(), category.outcomes.end(), name) !=
                       category.outcomes.end()) {
                reader.problem(where, prefix + "outcome", "outcome \"" + name + "\" listed twice");
            } else {
                category.outcomes.push_back(name);
            }
        }
        for (const auto& [name, where] :
             reader.strings(entry, "source", prefix + "source", entry.source())) {
            add_category(name, where, prefix + "source", category);
        }
        for (const std::string& outcome : category.outcomes) {
            const auto found =
                std::find(model::kOutcomeNames.begin(), model::kOutcomeNames.end(), outcome);
            outcome_used[static_cast<std::size_t>(found - model::kOutcomeNames.begin())] = true;
        }
    }
    if (maps.empty()) {
        reader.problem(top_place, "map",
                       "no [[map]] entries: a mapping must send at least one category to an "
                       "outcome");
    }
    const std::vector<const toml::table*> ignores = tables_of("ignore");
    for (std::size_t i = 0; i < ignores.size(); ++i) {
        const toml::table& entry = *ignores[i];
        const std::string prefix = "ignore[" + std::to_string(i + 1) + "].";
        reader.check_keys(entry, kIgnoreKeys, prefix);
        Category category;
        const auto reasons = reader.strings(entry, "reason", prefix + "reason", entry.source());
        category.reason_ignored = reasons.empty() ? "(no reason)" : reasons.front().first;
        if (reasons.size() > 1) {
            reader.problem(reasons[1].second, prefix + "reason", "expected one string");
        }
        for (const auto& [name, where] :
             reader.strings(entry, "source", prefix + "source", entry.source())) {
            add_category(name, where, prefix + "source", category);
        }
    }
    problems.throw_if_any();
    for (std::size_t i = 0; i < model::kOutcomeCount; ++i) {
        if (outcome_used[i]) {
            mapping.outcomes_.emplace_back(model::kOutcomeNames[i]);
        }
    }
    return mapping;
}

const CategoryMapping::Category* CategoryMapping::find(std::string_view category) const {
    auto found = categories_.find(category);
    return found == categories_.end() ? nullptr : &found->second;
}

std::vector<std::string_view> CategoryMapping::category_names() const {
    std::vector<std::string_view> names;
    names.reserve(categories_.size());
    for (const auto& [name, category] : categories_) {
        names.emplace_back(name);
    }
    return names;
}

}  // namespace vrsim::calibration
