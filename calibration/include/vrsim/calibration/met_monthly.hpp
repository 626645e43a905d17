#pragma once
// Metropolitan Police recorded crime by month, borough-level or ward-level (London
// Datastore "MPS Borough Level Crime" / "MPS Ward Level Crime"): wide files with
// one row per category and area and one column per month headed YYYYMM. Three
// header layouts are known (see /work/shared/data/README.md and calibration/README.md):
//   borough, scheme A: MajorText,MinorText,LookUp_BoroughName,YYYYMM...
//   borough, scheme C: Borough,Major Category,Minor Category,YYYYMM...
//   ward, scheme A:    MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,YYYYMM...
// A category's key in the mapping is "Major / Minor".
#include <filesystem>
#include <string>
#include <vector>

#include "vrsim/calibration/category_mapping.hpp"
#include "vrsim/calibration/observed_series.hpp"

namespace vrsim::calibration {

struct MetAreaFilter {
    std::string borough;             // as the file spells it, e.g. "Croydon"
    std::vector<std::string> wards;  // ward files only: names or codes; empty: the whole borough
};

// What a reader met besides the values: for checking a mapping by eye.
struct CategoryCount {
    std::string category;
    std::size_t rows = 0;  // rows (Met) or records (police.uk) of the area read
    double total = 0.0;    // their sum over every month read
    bool ignored = false;  // declared ignored by the mapping
};
struct ReadReport {
    std::vector<CategoryCount> categories;  // in first-seen order
    std::vector<std::string> notes;
};

// Reads one Met file for one borough (or some of its wards). The result holds
// every outcome the mapping names for every month of the file: the Met lists a
// category for an area only when it had an offence in the file's period, so a
// category with no row counts zero. Area: the borough, or the ward code of each
// ward asked for. Throws ObservedDataError.
ObservedSeries read_met_monthly(const std::filesystem::path& file, const CategoryMapping& mapping,
                                const MetAreaFilter& filter, ReadReport* report = nullptr);

// True when the first line of `file` is one of the Met headers above.
bool looks_like_met_monthly(const std::filesystem::path& file);

}  // namespace vrsim::calibration
