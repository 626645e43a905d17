#include "vrsim/calibration/observed_series.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "problem_list.hpp"
#include "vrsim/calibration/diagnostics.hpp"
#include "vrsim/model/outcomes.hpp"

namespace vrsim::calibration {

namespace {

// vrsim's outcomes first, in their order; any other name after them.
std::size_t outcome_rank(const std::string& outcome) {
    const auto found = std::find(model::kOutcomeNames.begin(), model::kOutcomeNames.end(), outcome);
    return static_cast<std::size_t>(found - model::kOutcomeNames.begin());
}

std::string month_range(model::YearMonth first, model::YearMonth last) {
    if (first == last) {
        return first.to_string();
    }
    return first.to_string() + ".." + last.to_string();
}

std::string series_name(const std::string& area, const std::string& outcome) {
    return area.empty() ? outcome : outcome + " in " + area;
}

}  // namespace

std::string ObservedSeries::describe(const SourceRef& source) const {
    std::string text = source.file < files.size() ? files[source.file].string() : "?";
    text.append(":").append(std::to_string(source.line));
    if (source.column > 0) {
        text.append(":").append(std::to_string(source.column));
    }
    return text;
}

std::vector<std::size_t> ObservedSeries::series_of(const std::string& area,
                                                   const std::string& outcome) const {
    std::vector<std::size_t> indexes;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i].area == area && values[i].outcome == outcome) {
            indexes.push_back(i);
        }
    }
    std::sort(indexes.begin(), indexes.end(),
              [&](std::size_t a, std::size_t b) { return values[a].month < values[b].month; });
    return indexes;
}

std::vector<std::string> ObservedSeries::areas() const {
    std::vector<std::string> names;
    for (const ObservedValue& value : values) {
        if (std::find(names.begin(), names.end(), value.area) == names.end()) {
            names.push_back(value.area);
        }
    }
    return names;
}

std::vector<std::string> ObservedSeries::outcomes() const {
    std::vector<std::string> names;
    for (const ObservedValue& value : values) {
        if (std::find(names.begin(), names.end(), value.outcome) == names.end()) {
            names.push_back(value.outcome);
        }
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return std::make_tuple(outcome_rank(a), a) < std::make_tuple(outcome_rank(b), b);
    });
    return names;
}

void sort_values(ObservedSeries& series) {
    const std::vector<std::string> areas = series.areas();
    auto area_rank = [&](const std::string& area) {
        return static_cast<std::size_t>(std::find(areas.begin(), areas.end(), area) -
                                        areas.begin());
    };
    std::stable_sort(series.values.begin(), series.values.end(),
                     [&](const ObservedValue& a, const ObservedValue& b) {
                         return std::make_tuple(area_rank(a.area), outcome_rank(a.outcome),
                                                std::cref(a.outcome), a.month) <
                                std::make_tuple(area_rank(b.area), outcome_rank(b.outcome),
                                                std::cref(b.outcome), b.month);
                     });
}

void check_no_gaps(const ObservedSeries& series) {
    detail::ProblemList problems;
    for (const std::string& area : series.areas()) {
        for (const std::string& outcome : series.outcomes()) {
            const std::vector<std::size_t> indexes = series.series_of(area, outcome);
            for (std::size_t i = 1; i < indexes.size(); ++i) {
                const ObservedValue& before = series.values[indexes[i - 1]];
                const ObservedValue& after = series.values[indexes[i]];
                if (after.month.index > before.month.index + 1) {
                    Diagnostic diagnostic;
                    if (!after.sources.empty()) {
                        diagnostic.file = series.files[after.sources.front().file];
                        diagnostic.line = static_cast<int>(after.sources.front().line);
                    }
                    diagnostic.message =
                        series_name(area, outcome) + ": no value for " +
                        month_range(before.month.plus_months(1), after.month.plus_months(-1)) +
                        " (between " + before.month.to_string() + " and " +
                        after.month.to_string() + "); observed series must not have gaps";
                    problems.add(std::move(diagnostic));
                }
            }
        }
    }
    problems.throw_if_any();
}

ObservedSeries combine_series(std::vector<ObservedSeries> parts, Overlap overlap,
                              std::vector<std::string>* notes) {
    ObservedSeries combined;
    using Key = std::tuple<std::string, std::string, int>;  // area, outcome, month index
    std::vector<model::YearMonth> last_month(parts.size(), model::YearMonth{-1});
    std::vector<std::uint32_t> file_offset(parts.size(), 0);
    for (std::size_t p = 0; p < parts.size(); ++p) {
        file_offset[p] = static_cast<std::uint32_t>(combined.files.size());
        combined.files.insert(combined.files.end(), parts[p].files.begin(), parts[p].files.end());
        for (const ObservedValue& value : parts[p].values) {
            last_month[p] = std::max(last_month[p], value.month);
        }
    }
    auto part_name = [&](std::size_t p) {
        return parts[p].files.empty() ? std::string("(no file)") : parts[p].files.front().string();
    };
    // The parts holding each (area, outcome, month), in order.
    std::map<Key, std::vector<std::size_t>> holders;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        for (const ObservedValue& value : parts[p].values) {
            holders[{value.area, value.outcome, value.month.index}].push_back(p);
        }
    }
    // Which part keeps each (area, outcome, month); overlapping months are gathered
    // per (area, parts holding them, part kept) to report each stretch once.
    struct Stretch {
        std::set<int> months;
        std::set<std::string> outcomes;
    };
    std::map<Key, std::size_t> keeper;
    std::map<std::tuple<std::string, std::vector<std::size_t>, std::size_t>, Stretch> stretches;
    for (const auto& [key, held_by] : holders) {
        std::size_t kept = held_by.front();
        for (std::size_t p : held_by) {
            if (last_month[p] > last_month[kept]) {
                kept = p;
            }
        }
        const bool tie = std::count_if(held_by.begin(), held_by.end(), [&](std::size_t p) {
                             return last_month[p] == last_month[kept];
                         }) > 1;
        keeper[key] = kept;
        if (held_by.size() > 1) {
            const std::size_t flag = overlap == Overlap::error || tie ? parts.size() : kept;
            Stretch& stretch = stretches[{std::get<0>(key), held_by, flag}];
            stretch.months.insert(std::get<2>(key));
            stretch.outcomes.insert(std::get<1>(key));
        }
    }
    detail::ProblemList problems;
    for (const auto& [where, stretch] : stretches) {
        const auto& [area, held_by, kept] = where;
        const model::YearMonth first{*stretch.months.begin()};
        const model::YearMonth last{*stretch.months.rbegin()};
        std::string what =
            month_range(first, last) + " (" + std::to_string(stretch.months.size()) +
            " months) of " +
            (stretch.outcomes.size() == 1 ? *stretch.outcomes.begin()
                                          : std::to_string(stretch.outcomes.size()) + " outcomes");
        if (!area.empty()) {
            what += " in " + area;
        }
        std::string others;
        for (std::size_t p : held_by) {
            if (p != held_by.back()) {
                others += (others.empty() ? "" : ", ") + part_name(p);
            }
        }
        const std::filesystem::path& last_file = parts[held_by.back()].files.front();
        if (overlap == Overlap::error) {
            problems.add(last_file, 0, "",
                         what + " are also in " + others +
                             "; give each month once, or take the later vintage (the file "
                             "whose months run later) for months in several files");
        } else if (kept == parts.size()) {
            problems.add(last_file, 0, "",
                         what + " are also in " + others +
                             ", and the files end in the same month, so none is the later "
                             "vintage");
        } else if (notes != nullptr) {
            std::string dropped;
            for (std::size_t p : held_by) {
                if (p != kept) {
                    dropped += (dropped.empty() ? "" : ", ") + part_name(p);
                }
            }
            notes->push_back(what + " taken from " + part_name(kept) + " (later vintage), not " +
                             dropped);
        }
    }
    problems.throw_if_any();
    for (std::size_t p = 0; p < parts.size(); ++p) {
        for (ObservedValue& value : parts[p].values) {
            const Key key{value.area, value.outcome, value.month.index};
            if (keeper.at(key) != p) {
                continue;
            }
            for (SourceRef& source : value.sources) {
                source.file += file_offset[p];
            }
            combined.values.push_back(std::move(value));
        }
    }
    sort_values(combined);
    check_no_gaps(combined);
    return combined;
}

std::vector<AnnualTotal> annual_totals(const ObservedSeries& series) {
    std::vector<AnnualTotal> totals;
    for (const std::string& area : series.areas()) {
        for (const std::string& outcome : series.outcomes()) {
            for (std::size_t index : series.series_of(area, outcome)) {
                const ObservedValue& value = series.values[index];
                if (totals.empty() || totals.back().area != area ||
                    totals.back().outcome != outcome || totals.back().year != value.month.year()) {
                    totals.push_back({area, outcome, value.month.year(), 0.0, 0});
                }
                totals.back().value += value.value;
                totals.back().months += 1;
            }
        }
    }
    return totals;
}

}  // namespace vrsim::calibration
