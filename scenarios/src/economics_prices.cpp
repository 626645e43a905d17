// Financial years, real prices through the GDP deflator, and Green Book
// discounting by financial year.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "scenario_diagnostics.hpp"
#include "vrsim/scenarios/economics.hpp"
#include "vrsim/scenarios/funding.hpp"

namespace vrsim::scenarios {

std::string format_financial_year(int start_year) {
    const int next = (start_year + 1) % 100;
    std::string text = std::to_string(start_year);
    text += '-';
    if (next < 10) {
        text += '0';
    }
    text += std::to_string(next);
    return text;
}

std::optional<int> parse_financial_year(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') {
        return std::nullopt;
    }
    int start = 0;
    int next = 0;
    const auto first = std::from_chars(text.data(), text.data() + 4, start);
    const auto second = std::from_chars(text.data() + 5, text.data() + 7, next);
    if (first.ec != std::errc{} || first.ptr != text.data() + 4 || second.ec != std::errc{} ||
        second.ptr != text.data() + 7 || start < 1000) {
        return std::nullopt;
    }
    if (next != (start + 1) % 100) {
        return std::nullopt;
    }
    return start;
}

double GdpDeflator::at(int year) const {
    if (index.empty() || !covers(year)) {
        throw EconomicsError(
            "the GDP deflator series " +
            (index.empty() ? std::string("is empty")
                           : "runs from " + format_financial_year(first_year) + " to " +
                                 format_financial_year(last_year())) +
            "; it has no value for " + format_financial_year(year) +
            ": choose a price year inside it or extend gdp_deflator.index in the unit-costs file");
    }
    return index[static_cast<std::size_t>(year - first_year)];
}

double GdpDeflator::convert(double gbp, int from_year, int to_year) const {
    return gbp * at(to_year) / at(from_year);
}

AppraisalPrices appraisal_prices(const UnitCosts& costs, int base_year) {
    AppraisalPrices prices;
    prices.base_year = base_year;
    prices.deflator = costs.deflator;
    const GdpDeflator& deflator = costs.deflator;
    const double crime_to_base = deflator.convert(1.0, costs.price_year, base_year);
    const double kept_response = 1.0 - costs.justice.prison_share_of_response;
    for (std::size_t type = 0; type < model::kOffenceTypeCount; ++type) {
        const CostSplit& cost = costs.per_offence[type];
        prices.crime_cost_per_offence[type] = {cost.anticipation_gbp * crime_to_base,
                                               cost.consequence_gbp * crime_to_base,
                                               cost.response_gbp * kept_response * crime_to_base};
    }
    prices.custody_cost_per_month_gbp = deflator.convert(
        costs.justice.cost_per_prisoner_year_gbp / 12.0, costs.justice.price_year, base_year);
    return prices;
}

std::vector<double> programme_spend_in_base_prices(const Scenario& scenario,
                                                   const AppraisalPrices& prices, int months) {
    const model::YearMonth start = scenario.parameters.simulation.start_month;
    std::vector<double> spend(static_cast<std::size_t>(std::max(months, 0)), 0.0);
    if (months <= 0) {
        return spend;
    }
    const int first_year = start.financial_year();
    const int last_year = start.plus_months(months - 1).financial_year();
    for (const ProgrammeFunding& funding : scenario.funding) {
        for (const FundingEntry& entry : funding.entries) {
            // Money never spent within the months needs no price.
            if (entry.until_financial_year < first_year || entry.from_financial_year > last_year) {
                continue;
            }
            if (!prices.deflator.covers(entry.price_financial_year)) {
                throw EconomicsError(
                    scenario.file.string() + ": programmes." + funding.programme +
                    ".funding from " + format_financial_year(entry.from_financial_year) +
                    ": its budget is in " + format_financial_year(entry.price_financial_year) +
                    " prices, outside the GDP deflator series (" +
                    format_financial_year(prices.deflator.first_year) + " to " +
                    format_financial_year(prices.deflator.last_year()) +
                    "); state the year of its prices with price_year = \"YYYY-YY\" inside it, "
                    "or extend gdp_deflator.index in the unit-costs file");
            }
            const double monthly_gbp =
                entry_budget_gbp(funding, entry) / 12.0 *
                prices.deflator.convert(1.0, entry.price_financial_year, prices.base_year);
            for (int month = 0; month < months; ++month) {
                if (entry_covers(entry, start.plus_months(month).financial_year())) {
                    spend[static_cast<std::size_t>(month)] += monthly_gbp;
                }
            }
        }
    }
    return spend;
}

DiscountSchedule DiscountSchedule::green_book() {
    return DiscountSchedule(
        {{1, 0.035}, {31, 0.030}, {76, 0.025}, {126, 0.020}, {201, 0.015}, {301, 0.010}});
}

DiscountSchedule DiscountSchedule::flat(double annual_rate) {
    return DiscountSchedule({{1, annual_rate}});
}

DiscountSchedule::DiscountSchedule(std::vector<DiscountBand> bands) : bands_(std::move(bands)) {
    if (bands_.empty() || bands_.front().first_year != 1) {
        throw std::invalid_argument("a discount schedule's first band must start at year 1");
    }
    for (std::size_t i = 0; i < bands_.size(); ++i) {
        if (!std::isfinite(bands_[i].rate) || bands_[i].rate <= -1.0) {
            throw std::invalid_argument("a discount rate must be a number > -1, got " +
                                        detail::format_number(bands_[i].rate));
        }
        if (i > 0 && bands_[i].first_year <= bands_[i - 1].first_year) {
            throw std::invalid_argument("discount bands must start in increasing year order");
        }
    }
}

double DiscountSchedule::rate(int year) const {
    if (year < 1) {
        throw std::invalid_argument("discount rates apply from year 1, got year " +
                                    std::to_string(year));
    }
    double rate = bands_.front().rate;
    for (const DiscountBand& band : bands_) {
        if (band.first_year > year) {
            break;
        }
        rate = band.rate;
    }
    return rate;
}

double DiscountSchedule::factor(int year) const {
    if (year < 0) {
        throw std::invalid_argument("appraisal years start at 0, got " + std::to_string(year));
    }
    // Whole bands as powers: exact for the common case and no long products.
    double denominator = 1.0;
    for (std::size_t i = 0; i < bands_.size() && bands_[i].first_year <= year; ++i) {
        const int last =
            i + 1 < bands_.size() ? std::min(year, bands_[i + 1].first_year - 1) : year;
        denominator *= std::pow(1.0 + bands_[i].rate, last - bands_[i].first_year + 1);
    }
    return 1.0 / denominator;
}

std::vector<double> DiscountSchedule::factors(int years) const {
    std::vector<double> result;
    result.reserve(static_cast<std::size_t>(std::max(years, 0)));
    for (int year = 0; year < years; ++year) {
        result.push_back(factor(year));
    }
    return result;
}

std::string DiscountSchedule::describe() const {
    // Rounded to 1e-4 of a percent so 0.035 prints as "3.5", not its binary neighbour.
    auto percent = [](double rate) {
        return detail::format_number(std::round(rate * 1e6) / 1e4) + "%";
    };
    std::string text;
    for (std::size_t i = 0; i < bands_.size(); ++i) {
        const bool last = i + 1 == bands_.size();
        text += i == 0 ? "" : ", ";
        text += percent(bands_[i].rate);
        text += i == 0 ? " a year for years " : " for years ";
        text += std::to_string(bands_[i].first_year);
        if (last) {
            text += " on";
        } else {
            text += '-';
            text += std::to_string(bands_[i + 1].first_year - 1);
        }
    }
    return text;
}

int appraisal_year(model::YearMonth month, model::YearMonth first_month) {
    return month.financial_year() - first_month.financial_year();
}

}  // namespace vrsim::scenarios
