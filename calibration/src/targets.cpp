#include "vrsim/calibration/targets.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace vrsim::calibration {

namespace {

using scenarios::TargetKind;

// Month -> value of one outcome in `area` (or, when the series has no such
// area, with no area).
std::map<int, double> observed_months(const ObservedSeries& series, const std::string& area,
                                      const std::string& outcome) {
    std::vector<std::size_t> rows = series.series_of(area, outcome);
    if (rows.empty()) {
        rows = series.series_of("", outcome);
    }
    std::map<int, double> values;
    for (std::size_t row : rows) {
        values[series.values[row].month.index] = series.values[row].value;
    }
    return values;
}

std::string files_of(const ObservedSeries& series) {
    std::string text;
    for (const std::filesystem::path& file : series.files) {
        text.append(text.empty() ? "" : ", ").append(file.string());
    }
    return text.empty() ? "(no file)" : text;
}

double mean_of(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::string target_name(const scenarios::CalibrationTarget& target) {
    return std::string(scenarios::to_string(target.kind)) + " target " + target.outcome;
}

}  // namespace

std::vector<double> observed_window(const ObservedSeries& series, const std::string& area,
                                    const std::string& outcome, FitWindow window) {
    const std::map<int, double> months = observed_months(series, area, outcome);
    if (months.empty()) {
        throw CalibrationError("the observed files (" + files_of(series) + ") have no " + outcome +
                               " for area \"" + area +
                               "\"; check the mapping and the area, or give a rate with "
                               "observed = ... and source = ...");
    }
    std::vector<double> values;
    for (int month = window.from.index; month <= window.to.index; ++month) {
        const auto found = months.find(month);
        if (found == months.end()) {
            throw CalibrationError("the observed files (" + files_of(series) +
                                   ") have no value of " + outcome + " for " +
                                   model::YearMonth{month}.to_string() + "; they hold " +
                                   model::YearMonth{months.begin()->first}.to_string() + " to " +
                                   model::YearMonth{months.rbegin()->first}.to_string());
        }
        values.push_back(found->second);
    }
    return values;
}

std::vector<Target> make_targets(const scenarios::CalibrationSettings& settings,
                                 const ObservedSeries& series, FitWindow window) {
    if (settings.targets.empty()) {
        throw CalibrationError("the [calibration] section has no targets");
    }
    double weight_sum = 0.0;
    for (const scenarios::CalibrationTarget& wanted : settings.targets) {
        weight_sum += wanted.weight;
    }
    std::vector<Target> targets;
    for (const scenarios::CalibrationTarget& wanted : settings.targets) {
        Target target;
        target.outcome = wanted.outcome;
        target.kind = wanted.kind;
        target.weight = wanted.weight / weight_sum;
        target.window = window;
        if (wanted.observed) {
            target.observed = {*wanted.observed};
            target.source = wanted.source;
            if (*wanted.observed <= 0.0) {
                throw CalibrationError(target_name(wanted) +
                                       ": the observed rate is 0, so the distance has nothing to "
                                       "scale by; give a rate above 0");
            }
            targets.push_back(std::move(target));
            continue;
        }
        try {
            target.observed_monthly =
                observed_window(series, settings.area, wanted.outcome, window);
        } catch (const CalibrationError& error) {
            throw CalibrationError(target_name(wanted) + ": " + error.what());
        }
        target.source = files_of(series);
        switch (wanted.kind) {
            case TargetKind::monthly:
                target.observed = target.observed_monthly;
                break;
            case TargetKind::annual:
                for (int year = window.from.year(); year <= window.to.year(); ++year) {
                    const int first = model::YearMonth::of(year, 1).index;
                    const int last = model::YearMonth::of(year, 12).index;
                    if (first < window.from.index || last > window.to.index) {
                        continue;
                    }
                    const auto begin =
                        target.observed_monthly.begin() + (first - window.from.index);
                    target.years.push_back(year);
                    target.observed.push_back(std::accumulate(begin, begin + 12, 0.0));
                }
                if (target.years.empty()) {
                    throw CalibrationError(
                        target_name(wanted) + ": the fit window " + window.from.to_string() +
                        " to " + window.to.to_string() + " holds no whole calendar year to total");
                }
                break;
            case TargetKind::rate:
                target.observed = {mean_of(target.observed_monthly)};
                break;
        }
        if (mean_of(target.observed) == 0.0) {
            throw CalibrationError(target_name(wanted) + ": the observed values are all 0 over " +
                                   window.from.to_string() + " to " + window.to.to_string() +
                                   ", so the distance has nothing to scale by");
        }
        targets.push_back(std::move(target));
    }
    return targets;
}

std::vector<double> simulated_values(const Target& target, const model::MonthlyOutcomes& outcomes,
                                     const model::OutcomeLayout& layout,
                                     model::YearMonth start_month) {
    std::size_t column = layout.size();
    for (std::size_t c = 0; c < layout.size(); ++c) {
        if (layout.name(c) == target.outcome) {
            column = c;
            break;
        }
    }
    if (column == layout.size()) {
        throw CalibrationError("the simulation reports no outcome " + target.outcome);
    }
    const int first = target.window.from.index - start_month.index;
    const int last = target.window.to.index - start_month.index;
    if (first < 0 || last >= outcomes.months()) {
        throw CalibrationError(
            "the simulation (" + start_month.to_string() + ", " +
            std::to_string(outcomes.months()) + " months) does not cover the fit window " +
            target.window.from.to_string() + " to " + target.window.to.to_string());
    }
    std::vector<double> values;
    switch (target.kind) {
        case TargetKind::monthly:
            for (int month = first; month <= last; ++month) {
                values.push_back(outcomes.at(month, column));
            }
            break;
        case TargetKind::annual:
            for (int year : target.years) {
                const int january = model::YearMonth::of(year, 1).index - start_month.index;
                double total = 0.0;
                for (int month = january; month < january + 12; ++month) {
                    total += outcomes.at(month, column);
                }
                values.push_back(total);
            }
            break;
        case TargetKind::rate: {
            // A rate is undefined (NaN) in months whose cohort is not complete.
            double sum = 0.0;
            int defined = 0;
            for (int month = first; month <= last; ++month) {
                const double value = outcomes.at(month, column);
                if (!std::isnan(value)) {
                    sum += value;
                    ++defined;
                }
            }
            if (defined == 0) {
                throw CalibrationError("the simulated " + target.outcome +
                                       " is undefined in every month of the fit window " +
                                       target.window.from.to_string() + " to " +
                                       target.window.to.to_string() +
                                       " (its cohorts need longer to complete); widen the window");
            }
            values.push_back(sum / defined);
            break;
        }
    }
    return values;
}

double target_distance(const Target& target, const std::vector<double>& simulated) {
    if (target.kind == TargetKind::rate) {
        return std::abs(simulated.front() - target.observed.front()) / target.observed.front();
    }
    double squares = 0.0;
    for (std::size_t i = 0; i < target.observed.size(); ++i) {
        const double error = simulated[i] - target.observed[i];
        squares += error * error;
    }
    const double count = static_cast<double>(target.observed.size());
    return std::sqrt(squares / count) / std::abs(mean_of(target.observed));
}

double weighted_distance(const std::vector<Target>& targets, const model::MonthlyOutcomes& outcomes,
                         const model::OutcomeLayout& layout, model::YearMonth start_month) {
    double distance = 0.0;
    for (const Target& target : targets) {
        distance += target.weight * target_distance(target, simulated_values(target, outcomes,
                                                                             layout, start_month));
    }
    return distance;
}

ObservedSeries fitted_series(const std::vector<Target>& targets, const std::string& area) {
    ObservedSeries series;
    std::vector<std::string> written;
    for (const Target& target : targets) {
        if (target.observed_monthly.empty() ||
            std::find(written.begin(), written.end(), target.outcome) != written.end()) {
            continue;
        }
        written.push_back(target.outcome);
        for (std::size_t i = 0; i < target.observed_monthly.size(); ++i) {
            ObservedValue value;
            value.month = target.window.from.plus_months(static_cast<int>(i));
            value.outcome = target.outcome;
            value.area = area;
            value.value = target.observed_monthly[i];
            series.values.push_back(std::move(value));
        }
    }
    sort_values(series);
    return series;
}

}  // namespace vrsim::calibration
