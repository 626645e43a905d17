#pragma once
// Calibration targets and the distance between simulated and observed outcomes.
//
// A target is one of a scenario's [[calibration.targets]] made concrete over a
// fit window: the observed numbers (monthly values, calendar-year totals, or one
// rate) and how to put a simulation into the same shape. The distance of a
// target is scale-free, so that targets of different size and units can be
// weighed against each other:
//   monthly and annual: the root mean squared error divided by the observed mean
//                       (a normalised RMSE, or coefficient of variation of the RMSE);
//   rate:               the absolute error divided by the observed rate.
// The distance of a simulation is the weighted mean of its targets' distances
// (weights normalised to sum 1). Why: ABC distances should weigh summaries on a
// common scale (Prangle 2017, "Adapting the ABC distance function"; pyABC's
// weighted p-norm distances weigh each summary by the inverse of a scale);
// here the scale is fixed, not adapted per generation, so tolerances stay
// comparable from one generation to the next, as Toni et al. (2009)'s
// decreasing schedule assumes. Dividing by the
// observed mean rather than the observed spread keeps a monthly series with
// little month-to-month variation from dominating.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "vrsim/calibration/observed_series.hpp"
#include "vrsim/model/calendar.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/scenarios/calibration_settings.hpp"

namespace vrsim::calibration {

// A calibration that cannot be set up or run: no [calibration] section, observed
// data that do not cover the fit window, a posterior file that does not fit the
// scenario. The message says what to fix.
class CalibrationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct FitWindow {
    model::YearMonth from;  // first month fitted
    model::YearMonth to;    // last month fitted (inclusive)
    int months() const { return to.index - from.index + 1; }
};

struct Target {
    std::string outcome;
    scenarios::TargetKind kind = scenarios::TargetKind::monthly;
    double weight = 1.0;  // normalised: the targets' weights sum to 1
    FitWindow window;
    // monthly: one value per month of the window; annual: one per year of `years`;
    // rate: one value.
    std::vector<double> observed;
    std::vector<int> years;  // annual: the calendar years wholly inside the window
    // The observed monthly values over the window the target was made from; empty
    // for a rate given in the scenario.
    std::vector<double> observed_monthly;
    std::string source;  // where the observed numbers come from, for people
};

// The observed values of `outcome` in `area` (or, when the series has no such
// area, with no area) for every month of `window`, in order. Throws
// CalibrationError naming the first month missing and what the files hold.
std::vector<double> observed_window(const ObservedSeries& series, const std::string& area,
                                    const std::string& outcome, FitWindow window);

// The targets of `settings` over `window`, observed values from `series` (the
// values of settings.area, or with no area). Throws CalibrationError when a
// target's outcome is not in the series or misses months of the window, an
// annual target has no whole calendar year in the window, or an observed mean
// is 0 (nothing to scale by).
std::vector<Target> make_targets(const scenarios::CalibrationSettings& settings,
                                 const ObservedSeries& series, FitWindow window);

// The simulated counterpart of `target.observed` from one replicate's outcomes,
// which start at `start_month` and are laid out by `layout`. Throws
// CalibrationError when the outcome is not in the layout, the outcomes do not
// cover the window, or a rate is undefined (NaN) in every month of the window.
std::vector<double> simulated_values(const Target& target, const model::MonthlyOutcomes& outcomes,
                                     const model::OutcomeLayout& layout,
                                     model::YearMonth start_month);

// The scale-free distance of one target (see above): >= 0.
double target_distance(const Target& target, const std::vector<double>& simulated);

// The weighted mean of the targets' distances.
double weighted_distance(const std::vector<Target>& targets, const model::MonthlyOutcomes& outcomes,
                         const model::OutcomeLayout& layout, model::YearMonth start_month);

// The observed monthly values the targets were made from (each outcome once), as
// a tidy series in `area`: what observed.csv holds. Rates given in the scenario
// are not in it (they are in the scenario and manifest.json).
ObservedSeries fitted_series(const std::vector<Target>& targets, const std::string& area);

}  // namespace vrsim::calibration
