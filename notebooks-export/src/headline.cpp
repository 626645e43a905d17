#include "vrsim/notebooks/headline.hpp"

#include <algorithm>
#include <cmath>

namespace vrsim::notebooks {

std::vector<MonthWindow> headline_windows(int horizon_months) {
    constexpr int kYearMonths = 12;
    if (horizon_months <= kYearMonths) {
        return {{0, horizon_months - 1}};
    }
    return {{0, kYearMonths - 1}, {horizon_months - kYearMonths, horizon_months - 1}};
}

double type7_quantile(const std::vector<double>& sorted, double p) {
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const auto low = static_cast<std::size_t>(std::floor(h));
    const std::size_t high = std::min(low + 1, sorted.size() - 1);
    return sorted[low] + (h - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

namespace {

WindowTotal from_replicates(const std::vector<std::vector<double>>& replicates,
                            MonthWindow window) {
    WindowTotal total;
    std::vector<double> totals;
    for (const std::vector<double>& months : replicates) {
        if (months.empty()) {
            continue;  // a replicate with no rows of the outcome
        }
        double sum = 0.0;
        for (int month = window.first; month <= window.last; ++month) {
            const double value = months[static_cast<std::size_t>(month)];
            if (std::isnan(value)) {
                return total;
            }
            sum += value;
        }
        totals.push_back(sum);
    }
    if (totals.empty()) {
        return total;
    }
    std::sort(totals.begin(), totals.end());
    double sum = 0.0;
    for (double value : totals) {
        sum += value;
    }
    total.available = true;
    total.mean = sum / static_cast<double>(totals.size());
    total.has_interval = true;
    total.p05 = type7_quantile(totals, 0.05);
    total.p95 = type7_quantile(totals, 0.95);
    total.replicates = totals.size();
    return total;
}

WindowTotal from_summary(const RunFiles& run, std::size_t scenario, MonthWindow window) {
    WindowTotal total;
    int months = 0;
    for (const SummaryRow& row : run.summary) {
        if (row.scenario == scenario && row.outcome == kHeadlineOutcome &&
            row.month >= window.first && row.month <= window.last) {
            total.mean += row.mean;
            ++months;
        }
    }
    total.available = months == window.months();
    return total;
}

}  // namespace

WindowTotal headline_total(const RunFiles& run, std::size_t scenario, MonthWindow window) {
    if (run.has_timeseries) {
        return from_replicates(run.headline_replicates[scenario], window);
    }
    return from_summary(run, scenario, window);
}

const ComparisonRow* find_comparison(const RunFiles& run, std::string_view base,
                                     std::string_view alternative, std::string_view measure) {
    for (const ComparisonRow& row : run.comparison) {
        if (row.base == base && row.alternative == alternative && row.measure == measure) {
            return &row;
        }
    }
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> compared_pairs(const RunFiles& run) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const ComparisonRow& row : run.comparison) {
        std::pair<std::string, std::string> pair(row.base, row.alternative);
        if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) {
            pairs.push_back(std::move(pair));
        }
    }
    return pairs;
}

}  // namespace vrsim::notebooks
