#pragma once
// Observed monthly outcomes in one tidy shape, whatever file they came from:
// one value per (area, outcome, month), with the file places it was summed from.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "vrsim/model/calendar.hpp"

namespace vrsim::calibration {

// A place in a source file. A value summed from a wide Met file has one source per
// row summed (column: the month's CSV column); a police.uk value has one per crime
// record (column 0: the whole row counts).
struct SourceRef {
    std::uint32_t file = 0;  // index into ObservedSeries::files
    std::uint32_t line = 0;  // 1-based
    std::uint32_t column = 0;
};

struct ObservedValue {
    model::YearMonth month;
    std::string outcome;  // a vrsim outcome name, e.g. "recorded_robbery"
    std::string area;     // empty when the source names none
    double value = 0.0;
    std::vector<SourceRef> sources;  // empty: no source row (a Met category not listed counts 0)
};

struct ObservedSeries {
    std::vector<std::filesystem::path> files;
    std::vector<ObservedValue> values;  // sorted by area, outcome (vrsim order), month

    // "file:line" or "file:line:column" of one source.
    std::string describe(const SourceRef& source) const;
    // Indexes of `values` for one area and outcome, in month order.
    std::vector<std::size_t> series_of(const std::string& area, const std::string& outcome) const;
    std::vector<std::string> areas() const;     // in first-seen order
    std::vector<std::string> outcomes() const;  // in vrsim's outcome order
};

// Sorts values by area (first seen), outcome (vrsim's order, other names after
// them alphabetically), month.
void sort_values(ObservedSeries& series);

// Throws ObservedDataError naming the first missing month of every (area,
// outcome) series whose months are not consecutive.
void check_no_gaps(const ObservedSeries& series);

// What to do when several files hold the same (area, outcome, month).
enum class Overlap {
    error,          // report every overlapping stretch
    later_vintage,  // keep the value of the file whose months run later (the newer
                    // Met publication revises the older one's months)
};

// Joins series read from different files. Throws ObservedDataError on overlaps
// (Overlap::error), or when two overlapping files end in the same month (no later
// vintage to prefer), or when the joined series have gaps. `notes` gets one line
// per stretch of months taken from one file instead of another.
ObservedSeries combine_series(std::vector<ObservedSeries> parts, Overlap overlap,
                              std::vector<std::string>* notes = nullptr);

// Calendar-year sums for tables.
struct AnnualTotal {
    std::string area;
    std::string outcome;
    int year = 0;
    double value = 0.0;
    int months = 0;  // months of the year present (12 unless the series starts or ends in it)
};
std::vector<AnnualTotal> annual_totals(const ObservedSeries& series);

}  // namespace vrsim::calibration
