#include "scenario_document.hpp"

#include <algorithm>
#include <array>
#include <system_error>

#include "parameter_schema.hpp"
#include "scenario_diagnostics.hpp"

namespace vrsim::scenarios::detail {

namespace fs = std::filesystem;

const MergedNode* MergedNode::find(std::string_view child_name) const {
    for (const MergedNode& child : children) {
        if (child.name == child_name) {
            return &child;
        }
    }
    return nullptr;
}

const MergedNode* MergedNode::find_path(std::string_view dotted_path) const {
    const MergedNode* node = this;
    while (node != nullptr && !dotted_path.empty()) {
        const auto dot = dotted_path.find('.');
        node = node->find(dotted_path.substr(0, dot));
        dotted_path =
            dot == std::string_view::npos ? std::string_view{} : dotted_path.substr(dot + 1);
    }
    return node;
}

namespace {

constexpr std::array<std::string_view, 3> kScenarioKeys = {"name", "description", "extends"};

// Reads a file and, recursively, the files it extends, keeping the chain being
// read so that a cycle is caught.
class ChainReader {
  public:
    ChainReader(ScenarioDocument& document, std::vector<Diagnostic>& diagnostics)
        : document_(document), diagnostics_(diagnostics) {}

    // `named_at` is the `extends` value naming `file`; null for the scenario itself.
    bool read(const fs::path& file, const toml::node* named_at) {
        std::error_code error;
        fs::path identity = fs::weakly_canonical(file, error);
        if (error) {
            identity = fs::absolute(file).lexically_normal();
        }
        if (std::find(identities_.begin(), identities_.end(), identity) != identities_.end()) {
            report_cycle(file, *named_at);
            return false;
        }
        if (!fs::is_regular_file(file)) {
            report_missing(file, named_at);
            return false;
        }
        const toml::table* table = parse(file);
        if (table == nullptr) {
            return false;
        }
        const toml::node* extends = read_scenario_table(*table, file, named_at == nullptr);
        if (extends == nullptr) {
            return true;
        }
        const fs::path base =
            (file.parent_path() / std::string(extends->as_string()->get())).lexically_normal();
        identities_.push_back(identity);
        chain_.push_back(file);
        const bool complete = read(base, extends);
        identities_.pop_back();
        chain_.pop_back();
        return complete;
    }

  private:
    const toml::table* parse(const fs::path& file) {
        try {
            auto table = std::make_unique<toml::table>(toml::parse_file(file.string()));
            document_.files.push_back(file);
            document_.tables.push_back(std::move(table));
            return document_.tables.back().get();
        } catch (const toml::parse_error& error) {
            Diagnostic diagnostic = diagnostic_at(
                error.source(), "", "TOML syntax error: " + std::string(error.description()));
            diagnostic.file = file;
            diagnostics_.push_back(std::move(diagnostic));
            return nullptr;
        }
    }

    void report_missing(const fs::path& file, const toml::node* named_at) {
        const std::string problem =
            fs::is_directory(file) ? "is a folder, not a scenario file" : "file not found";
        if (named_at == nullptr) {
            diagnostics_.push_back({file, 0, 0, "", problem + ": tried \"" + file.string() + "\""});
            return;
        }
        diagnostics_.push_back(diagnostic_at(
            named_at->source(), "scenario.extends",
            problem + ": tried \"" + file.string() +
                "\"; the path is relative to the folder of the file that extends it"));
    }

    void report_cycle(const fs::path& file, const toml::node& named_at) {
        std::string chain;
        for (const fs::path& link : chain_) {
            chain += link.string() + " -> ";
        }
        chain += file.string();
        diagnostics_.push_back(
            diagnostic_at(named_at.source(), "scenario.extends",
                          "extends forms a cycle: " + chain + "; remove one of these extends"));
    }

    void report(const toml::node& where, std::string field, std::string message) {
        diagnostics_.push_back(diagnostic_at(where.source(), std::move(field), std::move(message)));
    }

    // Checks the file's own [scenario] table; returns its `extends` value when it
    // names a base to read.
    const toml::node* read_scenario_table(const toml::table& table, const fs::path& file,
                                          bool is_named_file) {
        const toml::node* section = table.get("scenario");
        if (section == nullptr) {
            diagnostics_.push_back({file, 0, 0, "scenario.name",
                                    "required, not set; start the file with [scenario] and "
                                    "name = \"...\""});
            return nullptr;
        }
        if (!section->is_table()) {
            report(*section, "scenario",
                   "expected a table [scenario], got " + describe_value(*section));
            return nullptr;
        }
        for (auto&& [key, value] : *section->as_table()) {
            if (std::find(kScenarioKeys.begin(), kScenarioKeys.end(), key.str()) ==
                kScenarioKeys.end()) {
                diagnostics_.push_back(
                    diagnostic_at(key.source(), "scenario." + std::string(key.str()),
                                  unknown_name_message(key.str(), kScenarioKeys)));
            }
        }
        const std::string* name = read_text(*section->as_table(), "name", true);
        const std::string* description = read_text(*section->as_table(), "description", false);
        if (is_named_file) {
            document_.name = name != nullptr ? *name : "";
            document_.description = description != nullptr ? *description : "";
        }
        if (read_text(*section->as_table(), "extends", false) == nullptr) {
            return nullptr;
        }
        return section->as_table()->get("extends");
    }

    // A string of [scenario] (non-empty but for the description); null (and
    // reported) when absent or wrong.
    const std::string* read_text(const toml::table& section, std::string_view key, bool required) {
        const toml::node* node = section.get(key);
        const std::string field = "scenario." + std::string(key);
        if (node == nullptr) {
            if (required) {
                report(
                    section, field,
                    "required, not set; add " + std::string(key) + " = \"...\" under [scenario]");
            }
            return nullptr;
        }
        if (!node->is_string()) {
            report(*node, field, "expected a string, got " + describe_value(*node));
            return nullptr;
        }
        if (node->as_string()->get().empty() && key != "description") {
            report(*node, field, "expected a non-empty string, got \"\"");
            return nullptr;
        }
        return &node->as_string()->get();
    }

    ScenarioDocument& document_;
    std::vector<Diagnostic>& diagnostics_;
    std::vector<fs::path> identities_;  // canonical paths of the files being read
    std::vector<fs::path> chain_;       // the same files as named, for messages
};

MergedNode* find_child(MergedNode& table, std::string_view name) {
    for (MergedNode& child : table.children) {
        if (child.name == name) {
            return &child;
        }
    }
    return nullptr;
}

// Lays `source` over `target`: tables of the schema merge key by key, anything
// else replaces what was there.
void merge_table(MergedNode& target, const toml::table& source, const std::string& path) {
    for (auto&& [key, value] : source) {
        if (path.empty() && key.str() == "scenario") {
            continue;  // each file's own [scenario]; not inherited
        }
        const std::string child_path =
            path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
        MergedNode* child = find_child(target, key.str());
        if (child == nullptr) {
            child = &target.children.emplace_back();
            child->name = key.str();
        }
        const bool merge_keys = value.is_table() && !is_leaf_path(child_path);
        if (!merge_keys || !child->is_table) {
            child->children.clear();
        }
        child->key = &key;
        child->value = &value;
        child->is_table = merge_keys;
        if (merge_keys) {
            merge_table(*child, *value.as_table(), child_path);
        }
    }
}

}  // namespace

ScenarioDocument read_scenario_document(const fs::path& file,
                                        std::vector<Diagnostic>& diagnostics) {
    ScenarioDocument document;
    ChainReader reader(document, diagnostics);
    document.complete = reader.read(file, nullptr);
    if (document.complete) {
        document.root.is_table = true;
        // The base goes down first so that each extending file overrides it.
        for (auto table = document.tables.rbegin(); table != document.tables.rend(); ++table) {
            merge_table(document.root, **table, "");
        }
    }
    return document;
}

}  // namespace vrsim::scenarios::detail
