#pragma once
// Which vrsim outcomes a source's crime categories count towards, read from a TOML
// mapping file (format in calibration/README.md; shipped ones in
// scenarios/library/mappings/). A category may count towards several outcomes (a
// violent offence is in violence against the person and in the total); a
// category the file declares ignored counts towards none; a category the file
// does not name is an error when a reader meets it.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::calibration {

// The kind of file a mapping's categories come from.
enum class MappingFormat {
    mps,        // Metropolitan Police borough and ward monthly files: "Major / Minor"
    police_uk,  // police.uk street-level files: the "Crime type" column
};
std::string_view to_string(MappingFormat format);

class CategoryMapping {
  public:
    struct Category {
        std::vector<std::string> outcomes;  // empty when ignored
        std::string reason_ignored;         // non-empty when ignored
        int line = 0;                       // where the mapping file names the category
    };

    // Reads and checks a mapping file; throws ObservedDataError listing every problem.
    static CategoryMapping load(const std::filesystem::path& file);

    const std::filesystem::path& file() const { return file_; }
    MappingFormat format() const { return format_; }
    const std::string& description() const { return description_; }

    // nullptr when the file does not name the category.
    const Category* find(std::string_view category) const;
    // Every outcome some category counts towards, in vrsim's outcome order.
    const std::vector<std::string>& outcomes() const { return outcomes_; }
    // Every category named (mapped or ignored), for "did you mean" suggestions.
    std::vector<std::string_view> category_names() const;

  private:
    std::filesystem::path file_;
    MappingFormat format_ = MappingFormat::mps;
    std::string description_;
    std::map<std::string, Category, std::less<>> categories_;
    std::vector<std::string> outcomes_;
};

// Outcome names a mapping or tidy file may use: vrsim's outcomes (model/outcomes.hpp).
bool is_observable_outcome_name(std::string_view name);

}  // namespace vrsim::calibration
