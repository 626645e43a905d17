#pragma once
// police.uk street-level crime files ("YYYY-MM-<force>-street.csv", one per force
// and month, as every force in England and Wales publishes them; a download
// unpacks them into YYYY-MM/ folders). Records are counted by month and by the
// outcomes their "Crime type" maps to, for the records whose LSOA is in the area.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "vrsim/calibration/category_mapping.hpp"
#include "vrsim/calibration/met_monthly.hpp"
#include "vrsim/calibration/observed_series.hpp"

namespace vrsim::calibration {

// Which records count. Exactly one of the two is set.
struct LsoaFilter {
    // Records whose "LSOA name" is this name followed by a space and the LSOA's
    // number ("Croydon" takes "Croydon 001A", not "Croydonia 001A").
    std::string name_prefix;
    // Records whose "LSOA code" is one of these.
    std::set<std::string> codes;
    std::string area;  // the area's name in the result; empty: the prefix
};

// Reads a list of LSOA codes, one per line; blank lines and lines starting with
// '#' are skipped. Throws ObservedDataError on a code that is not an English or
// Welsh LSOA code (E01/W01 and six digits) or is listed twice.
std::set<std::string> read_lsoa_codes(const std::filesystem::path& file);

// The street files in `paths`: files as given, folders searched for
// YYYY-MM-<force>-street.csv directly inside them and inside YYYY-MM/ folders.
std::vector<std::filesystem::path> find_street_files(
    const std::vector<std::filesystem::path>& paths);

// Reads the street files in `paths` (files or folders). Every force's months must
// run without a gap, no force may have two files for one month, and every force
// must cover the same months (a sum over forces with different months would
// jump). Throws ObservedDataError.
ObservedSeries read_police_uk_street(const std::vector<std::filesystem::path>& paths,
                                     const CategoryMapping& mapping, const LsoaFilter& filter,
                                     ReadReport* report = nullptr);

// True when the first line of `file` is the police.uk street-level header.
bool looks_like_police_uk_street(const std::filesystem::path& file);

}  // namespace vrsim::calibration
