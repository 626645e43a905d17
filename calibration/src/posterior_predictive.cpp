#include "vrsim/calibration/posterior_predictive.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "vrsim/model/random.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::calibration {

namespace {

constexpr double kNotObserved = std::numeric_limits<double>::quiet_NaN();

std::size_t column_of(const model::OutcomeLayout& layout, const std::string& outcome) {
    for (std::size_t column = 0; column < layout.size(); ++column) {
        if (layout.name(column) == outcome) {
            return column;
        }
    }
    throw CalibrationError("the simulation reports no outcome " + outcome);
}

// The seed a particle's predictive simulation runs with: its own stream, apart
// from the proposals' (which use generation and attempt as the month).
std::uint64_t predictive_seed(std::uint64_t seed, std::size_t particle) {
    model::Stream stream(seed, 0, model::Decision::calibration_proposal, particle, -1);
    return stream();
}

}  // namespace

std::vector<double> expected_counts(const model::MonthlyOutcomes& outcomes,
                                    const model::OutcomeLayout& layout, const std::string& outcome,
                                    model::YearMonth start, const ParticleObservation& observation,
                                    model::YearMonth last_fitted, model::YearMonth first,
                                    int months) {
    const std::size_t column = column_of(layout, outcome);
    const int offset = first.index - start.index;
    if (offset < 0 || offset + months > outcomes.months()) {
        throw CalibrationError("the simulation (" + start.to_string() + ", " +
                               std::to_string(outcomes.months()) + " months) does not cover " +
                               first.to_string() + " and the " + std::to_string(months - 1) +
                               " months after it");
    }
    const bool scaled = observation.trend && observed_through_trend(outcome);
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(months));
    for (int m = 0; m < months; ++m) {
        const model::YearMonth month = std::min(first.plus_months(m), last_fitted);
        const double factor = scaled ? recording_factor(*observation.trend, month) : 1.0;
        values.push_back(std::max(0.0, outcomes.at(offset + m, column) * factor));
    }
    return values;
}

FittedPredictive fitted_predictive(const CalibrationProblem& problem, const Simulator& simulator,
                                   const AbcSmcResult& result, std::uint64_t seed,
                                   std::size_t threads) {
    if (!problem.observation ||
        problem.observation->noise != scenarios::ObservationNoise::negative_binomial) {
        throw CalibrationError(
            "a posterior predictive needs [calibration.observation] with noise = "
            "\"negative_binomial\"");
    }
    const scenarios::ObservationSettings& settings = *problem.observation;
    std::vector<const Target*> monthly;
    for (const Target& target : problem.targets) {
        if (target.kind == scenarios::TargetKind::monthly) {
            monthly.push_back(&target);
        }
    }
    if (monthly.empty()) {
        throw CalibrationError(
            "the observation noise is estimated from monthly targets, and [calibration] has "
            "none; add a [[calibration.targets]] with kind = \"monthly\"");
    }
    const AbcPopulation& population = result.posterior;
    const auto particles = static_cast<std::size_t>(population.particles.rows());
    const model::OutcomeLayout layout(problem.scenario.parameters);
    const model::YearMonth start = problem.scenario.parameters.simulation.start_month;
    const int months = problem.window.months();
    // expected[particle][target][month]
    std::vector<std::vector<std::vector<double>>> expected(particles);
    std::vector<double> dispersions(particles, 0.0);
    std::vector<double> observed_all;
    for (const Target* target : monthly) {
        observed_all.insert(observed_all.end(), target->observed.begin(), target->observed.end());
    }
    const auto simulate = [&](std::size_t p) {
        const Eigen::VectorXd values = population.particles.row(static_cast<Eigen::Index>(p));
        const std::uint64_t particle_seed = predictive_seed(seed, p);
        const model::MonthlyOutcomes outcomes =
            simulator(particle_parameters(problem, values, particle_seed), particle_seed);
        ParticleObservation observation;
        if (settings.recording_trend) {
            observation.trend =
                proposal_trend(*settings.recording_trend, values, problem.fitted.size());
        }
        std::vector<double> expected_all;
        for (const Target* target : monthly) {
            expected[p].push_back(expected_counts(outcomes, layout, target->outcome, start,
                                                  observation, problem.window.to,
                                                  problem.window.from, months));
            expected_all.insert(expected_all.end(), expected[p].back().begin(),
                                expected[p].back().end());
        }
        dispersions[p] = settings.dispersion ? settings.dispersion->value
                                             : estimate_dispersion(observed_all, expected_all);
    };
    tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
    arena.execute(
        [&] { tbb::parallel_for(std::size_t{0}, particles, [&](std::size_t p) { simulate(p); }); });

    FittedPredictive predictive;
    predictive.posterior = result;
    predictive.dispersions = dispersions;
    if (!settings.dispersion) {
        AbcSmcResult& augmented = predictive.posterior;
        augmented.parameter_names.emplace_back(kDispersionColumn);
        Eigen::MatrixXd& rows = augmented.posterior.particles;
        rows.conservativeResize(rows.rows(), rows.cols() + 1);
        for (std::size_t p = 0; p < particles; ++p) {
            rows(static_cast<Eigen::Index>(p), rows.cols() - 1) = dispersions[p];
        }
    }
    for (std::size_t t = 0; t < monthly.size(); ++t) {
        PredictiveSeries series;
        series.outcome = monthly[t]->outcome;
        series.first_month = problem.window.from;
        series.observed = monthly[t]->observed;
        for (int m = 0; m < months; ++m) {
            std::vector<CountComponent> mixture;
            for (std::size_t p = 0; p < particles; ++p) {
                mixture.push_back({expected[p][t][static_cast<std::size_t>(m)], dispersions[p],
                                   population.weights(static_cast<Eigen::Index>(p))});
            }
            series.bands.push_back(mixture_band(mixture));
        }
        predictive.series.push_back(std::move(series));
    }
    return predictive;
}

std::vector<PredictiveBand> replicate_mixture_bands(
    const std::vector<std::vector<double>>& expected, const std::vector<double>& dispersions) {
    if (expected.empty() || expected.size() != dispersions.size()) {
        throw std::invalid_argument("replicate_mixture_bands: " + std::to_string(expected.size()) +
                                    " replicates and " + std::to_string(dispersions.size()) +
                                    " dispersions");
    }
    std::vector<PredictiveBand> bands;
    for (std::size_t m = 0; m < expected.front().size(); ++m) {
        std::vector<CountComponent> mixture;
        for (std::size_t r = 0; r < expected.size(); ++r) {
            mixture.push_back({expected[r].at(m), dispersions[r], 1.0});
        }
        bands.push_back(mixture_band(mixture));
    }
    return bands;
}

std::array<double, 3> observed_coverage(const PredictiveSeries& series, model::YearMonth first,
                                        model::YearMonth last, std::size_t& months) {
    std::vector<PredictiveBand> bands;
    std::vector<double> observed;
    for (std::size_t m = 0; m < series.bands.size(); ++m) {
        const model::YearMonth month = series.first_month.plus_months(static_cast<int>(m));
        if (month < first || last < month || std::isnan(series.observed[m])) {
            continue;
        }
        bands.push_back(series.bands[m]);
        observed.push_back(series.observed[m]);
    }
    months = observed.size();
    if (observed.empty()) {
        return {kNotObserved, kNotObserved, kNotObserved};
    }
    return coverage_of(bands, observed);
}

void write_predictive_csv(const std::filesystem::path& file,
                          const std::vector<PredictiveSeries>& series,
                          model::YearMonth last_fitted) {
    std::string text = "month,outcome,observed,fitted,mean,p025,p10,p25,p50,p75,p90,p975\n";
    for (const PredictiveSeries& one : series) {
        for (std::size_t m = 0; m < one.bands.size(); ++m) {
            const model::YearMonth month = one.first_month.plus_months(static_cast<int>(m));
            text.append(month.to_string()).append(",").append(one.outcome).append(",");
            if (!std::isnan(one.observed[m])) {
                scenarios::append_value(text, one.observed[m]);
            }
            text.append(month <= last_fitted ? ",1," : ",0,");
            scenarios::append_value(text, one.bands[m].mean);
            for (double quantile : one.bands[m].quantiles) {
                text.append(",");
                scenarios::append_value(text, quantile);
            }
            text.append("\n");
        }
    }
    scenarios::AtomicFile out(file);
    out.write(text);
    out.commit();
}

std::vector<CoverageSpan> coverage_spans(const PredictiveSeries& series,
                                         model::YearMonth last_fitted) {
    const model::YearMonth last =
        series.first_month.plus_months(static_cast<int>(series.bands.size()) - 1);
    std::vector<CoverageSpan> spans;
    for (const bool fitted : {true, false}) {
        CoverageSpan span;
        span.fitted = fitted;
        span.first =
            fitted ? series.first_month : std::max(series.first_month, last_fitted.plus_months(1));
        span.last = fitted ? std::min(last, last_fitted) : last;
        span.shares = observed_coverage(series, span.first, span.last, span.months);
        if (span.months > 0) {
            spans.push_back(span);
        }
    }
    return spans;
}

void write_coverage_csv(const std::filesystem::path& file,
                        const std::vector<PredictiveSeries>& series, model::YearMonth last_fitted) {
    std::string text =
        "outcome,span,first_month,last_month,months,coverage_50,coverage_80,coverage_95\n";
    for (const PredictiveSeries& one : series) {
        for (const CoverageSpan& span : coverage_spans(one, last_fitted)) {
            text.append(one.outcome).append(span.fitted ? ",fitted," : ",forecast,");
            text.append(span.first.to_string()).append(",");
            text.append(span.last.to_string()).append(",");
            text.append(std::to_string(span.months));
            for (double share : span.shares) {
                text.append(",");
                scenarios::append_value(text, share);
            }
            text.append("\n");
        }
    }
    scenarios::AtomicFile out(file);
    out.write(text);
    out.commit();
}

}  // namespace vrsim::calibration
