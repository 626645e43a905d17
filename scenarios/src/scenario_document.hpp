#pragma once
// Reading a scenario file and the chain of files it extends, and merging them
// into one tree in which every value remembers the file, line and column where
// it was written.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

// One key of the merged scenario. A table of the schema is merged key by key
// across files; anything else (a number, an array, `{ value = ... }`) is a leaf
// that the extending file replaces whole.
struct MergedNode {
    std::string name;
    const toml::key* key = nullptr;     // where the key was written (last file to set it)
    const toml::node* value = nullptr;  // the value written there
    bool is_table = false;
    std::vector<MergedNode> children;  // a table's keys

    const MergedNode* find(std::string_view child_name) const;
    const MergedNode* find_path(std::string_view dotted_path) const;
};

struct ScenarioDocument {
    bool complete = false;                     // every file of the chain was found and parsed
    std::vector<std::filesystem::path> files;  // the named file first, base last
    std::string name;                          // of the named file ([scenario] is not inherited)
    std::string description;
    MergedNode root;
    std::vector<std::unique_ptr<toml::table>> tables;  // the parsed files `root` points into
};

// Reads `file` and everything it extends; appends every problem found to `diagnostics`.
ScenarioDocument read_scenario_document(const std::filesystem::path& file,
                                        std::vector<Diagnostic>& diagnostics);

}  // namespace vrsim::scenarios::detail
