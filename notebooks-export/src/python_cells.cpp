#include "python_cells.hpp"

namespace vrsim::notebooks {

std::string style_cell() {
    return R"py(# Style: every chart below takes its colours, sizes and labels from this cell,
# so restyling the report means editing only here.
import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common
# colour-vision deficiencies. Scenarios take them in the order of manifest.json.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BAND_ALPHA = {"90%": 0.18, "50%": 0.38}  # shading of the 90% and 50% intervals
MONEY_AXIS = FuncFormatter(lambda value, _: f"-£{-value:,.0f}" if value < 0 else f"£{value:,.0f}")
mpl.rcParams.update({
    "figure.figsize": (9, 4.5),
    "figure.dpi": 100,
    "figure.titlesize": 13,
    "figure.titleweight": "bold",
    "figure.constrained_layout.use": True,
    "date.converter": "concise",
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "legend.fontsize": 9,
})
MONTH_AXIS_LABEL = "Month"
# Outcome: chart title, y-axis label per month and, for counts that add up over
# time, the y-axis label of their running total.
OUTCOME_LABELS = {
    "recorded_violence_against_the_person": {
        "title": "Recorded violence against the person",
        "monthly": "Offences recorded per month",
        "cumulative": "Offences recorded since start"},
    "recorded_knife_enabled": {
        "title": "Recorded knife-enabled violence",
        "monthly": "Offences recorded per month",
        "cumulative": "Offences recorded since start"},
    "recorded_total": {
        "title": "All recorded offences",
        "monthly": "Offences recorded per month",
        "cumulative": "Offences recorded since start"},
    "offences_committed": {
        "title": "Offences committed (recorded or not)",
        "monthly": "Offences per month",
        "cumulative": "Offences since start"},
    "victims": {
        "title": "Victims of violent, robbery and sexual offences",
        "monthly": "People per month",
        "cumulative": "Victimisations since start"},
    "first_time_entrants_youth": {
        "title": "First-time entrants aged 10-17",
        "monthly": "People per month",
        "cumulative": "People since start"},
    "custody_population": {
        "title": "Residents in custody",
        "monthly": "People at month end"},
    "proven_reoffending_rate": {
        "title": "Proven reoffending rate (quarterly cohorts)",
        "monthly": "Share of cohort reoffending"},
}
PROGRAMME_LABELS = {
    "caseload": {"title": "Caseload", "monthly": "People in the programme at month end"},
    "waiting_list": {"title": "Waiting list", "monthly": "People waiting at month end"},
}
MEASURE_LABELS = {
    "offences_averted": "Offences averted",
    "violence_averted": "Violent offences averted",
    "present_value_costs_gbp": "Costs (present value, £)",
    "present_value_benefits_gbp": "Benefits (present value, £)",
    "net_present_value_gbp": "Net present value (£)",
    "benefit_cost_ratio": "Benefit-cost ratio",
}
)py";
}

std::string helpers_cell() {
    return R"py(# Helpers: reading the run's files and drawing fan charts.
import json
import re
from pathlib import Path

import pandas as pd

QUANTILES = {"p05": 0.05, "p25": 0.25, "p50": 0.5, "p75": 0.75, "p95": 0.95}


def read_run_csv(name, text_columns):
    """A CSV file of the run. Text columns stay text (a scenario named "NA" is not
    missing); numbers are read as numbers, with "nan" and empty fields missing."""
    columns = pd.read_csv(name, nrows=0).columns
    return pd.read_csv(name, dtype={c: str for c in text_columns}, keep_default_na=False,
                       na_values={c: ["nan", "NaN", ""] for c in columns if c not in text_columns})


def month_axis(months):
    """YYYY-MM text as dates, for the x axis."""
    return pd.to_datetime(months, format="%Y-%m")


def draw_fan(ax, frame, colour, label=None):
    """Median line with 50% and 90% bands from columns month, p05 ... p95."""
    x = month_axis(frame["month"])
    ax.fill_between(x, frame["p05"], frame["p95"], color=colour, alpha=BAND_ALPHA["90%"],
                    linewidth=0, label=None if label else "90% interval")
    ax.fill_between(x, frame["p25"], frame["p75"], color=colour, alpha=BAND_ALPHA["50%"],
                    linewidth=0, label=None if label else "50% interval")
    # Markers where points are few (a short run, quarterly rates), so each shows.
    ax.plot(x, frame["p50"], color=colour, label=label or "median",
            marker="o" if len(frame) <= 12 else None, markersize=3)


def panels(count, sharey, columns=3):
    """A grid of `count` panels (sharing their y axis if asked); spare ones hidden."""
    columns = min(count, columns)
    rows = -(-count // columns)
    width, height = mpl.rcParams["figure.figsize"]
    fig, axes = plt.subplots(rows, columns, sharey=sharey, squeeze=False,
                             figsize=(max(width, 4 * columns), height * rows))
    for ax in axes.flat[count:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:count])


def quantiles_by_month(values):
    """p05 ... p95 across replicates of a series indexed by (replicate, month)."""
    table = values.groupby(level="month").quantile(list(QUANTILES.values())).unstack()
    table.columns = list(QUANTILES)
    return table.reset_index()
)py";
}

std::string fan_chart_cell() {
    return R"py(for outcome in MAIN_OUTCOMES:
    labels = OUTCOME_LABELS[outcome]
    fig, axes = panels(len(SCENARIOS), sharey=True)
    for ax, scenario in zip(axes, SCENARIOS):
        rows = summary[(summary["scenario"] == scenario) & (summary["outcome"] == outcome)]
        if not rows.empty:
            draw_fan(ax, rows, COLOURS[scenario])
        ax.set_title(scenario)
        ax.set_xlabel(MONTH_AXIS_LABEL)
    for ax in axes[::min(len(axes), 3)]:
        ax.set_ylabel(labels["monthly"])
    if axes[0].get_legend_handles_labels()[0]:
        axes[0].legend(loc="best")
    fig.suptitle(labels["title"])
    plt.show()
)py";
}

std::string difference_cell() {
    return R"py(def paired_difference(outcome, alternative):
    """Alternative minus base, per replicate and month: replicate r of every
    scenario shares its random numbers, so the difference is the policy's effect."""
    rows = timeseries[(timeseries["outcome"] == outcome)
                      & timeseries["scenario"].isin([BASE, alternative])]
    wide = rows.set_index(["replicate", "month", "scenario"])["value"].unstack("scenario")
    return (wide[alternative] - wide[BASE]).dropna().sort_index()


for alternative in SCENARIOS[1:] if MAIN_OUTCOMES else []:
    fig, axes = panels(len(MAIN_OUTCOMES), sharey=False)
    for ax, outcome in zip(axes, MAIN_OUTCOMES):
        labels = OUTCOME_LABELS[outcome]
        difference = paired_difference(outcome, alternative)
        if "cumulative" in labels:
            difference = difference.groupby(level="replicate").cumsum()
        if not difference.empty:
            draw_fan(ax, quantiles_by_month(difference), COLOURS[alternative])
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_title(labels["title"])
        ax.set_xlabel(MONTH_AXIS_LABEL)
        ax.set_ylabel("Difference, " + labels.get("cumulative", labels["monthly"]).lower())
    fig.suptitle(f"{alternative} minus {BASE}")
    plt.show()
)py";
}

std::string programme_cell() {
    return R"py(programme_pattern = re.compile(r"programme\.(.+)\.caseload")
PROGRAMMES = sorted(match.group(1) for match in map(programme_pattern.fullmatch, OUTCOMES_PRESENT)
                    if match)
for programme in PROGRAMMES:
    measures = [m for m in PROGRAMME_LABELS if f"programme.{programme}.{m}" in OUTCOMES_PRESENT]
    fig, axes = panels(len(measures), sharey=False)
    for ax, measure in zip(axes, measures):
        for scenario in SCENARIOS:
            rows = summary[(summary["scenario"] == scenario)
                           & (summary["outcome"] == f"programme.{programme}.{measure}")]
            if not rows.empty:
                draw_fan(ax, rows, COLOURS[scenario], label=scenario)
        ax.set_title(PROGRAMME_LABELS[measure]["title"])
        ax.set_xlabel(MONTH_AXIS_LABEL)
        ax.set_ylabel(PROGRAMME_LABELS[measure]["monthly"])
    axes[0].legend(loc="best")
    fig.suptitle(f"Programme {programme}: median, 50% and 90% intervals")
    plt.show()
)py";
}

std::string comparison_table_cell() {
    return R"py(from IPython.display import display

headline = comparison[comparison["measure"].isin(list(MEASURE_LABELS))].copy()
headline["measure"] = headline["measure"].map(MEASURE_LABELS)
with pd.option_context("display.float_format", "{:,.2f}".format):
    display(headline.set_index(["alternative", "measure"])
            [["mean", "median", "p05", "p95", "probability_better"]])
)py";
}

std::string cost_benefit_cell() {
    return R"py(MONEY_MEASURES = [measure for measure in ["present_value_costs_gbp", "present_value_benefits_gbp",
                                          "net_present_value_gbp"]
                  if measure in set(comparison["measure"])]
if MONEY_MEASURES:
    fig, ax = plt.subplots()
    width = 0.8 / len(ALTERNATIVES)
    for i, alternative in enumerate(ALTERNATIVES):
        rows = comparison[comparison["alternative"] == alternative].set_index("measure")
        rows = rows.reindex(MONEY_MEASURES)
        # Error bars from the mean to the 5th and 95th percentiles.
        low = (rows["mean"] - rows["p05"]).clip(lower=0).fillna(0)
        high = (rows["p95"] - rows["mean"]).clip(lower=0).fillna(0)
        offset = (i - (len(ALTERNATIVES) - 1) / 2) * width
        ax.bar([k + offset for k in range(len(MONEY_MEASURES))], rows["mean"], width,
               yerr=[low, high], capsize=4, color=COLOURS[alternative], label=alternative)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(range(len(MONEY_MEASURES)))
    ax.set_xticklabels([MEASURE_LABELS[m] for m in MONEY_MEASURES])
    ax.yaxis.set_major_formatter(MONEY_AXIS)
    ax.set_ylabel("£, present value (mean and 90% interval)")
    ax.set_title(f"Costs and benefits against {BASE}")
    ax.legend(loc="best")
    plt.show()
)py";
}

std::string cost_effectiveness_cell() {
    return R"py(EFFECT, COST = "offences_averted", "present_value_costs_gbp"
paired = comparison_replicates.pivot_table(index=["alternative", "replicate"], columns="measure",
                                           values="value", aggfunc="first")
if {EFFECT, COST} <= set(paired.columns):
    fig, ax = plt.subplots(figsize=(6.5, 5))
    for alternative in ALTERNATIVES:
        if alternative not in paired.index.get_level_values("alternative"):
            continue
        points = paired.loc[alternative, [EFFECT, COST]].dropna()
        colour = COLOURS[alternative]
        ax.scatter(points[EFFECT], points[COST], s=14, alpha=0.5, color=colour, label=alternative)
        ax.scatter(points[EFFECT].mean(), points[COST].mean(), s=90, marker="X", color=colour,
                   edgecolor="black", label=f"{alternative}: mean")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.yaxis.set_major_formatter(MONEY_AXIS)
    ax.set_xlabel("Offences averted (per replicate)")
    ax.set_ylabel("Extra cost, present value (£)")
    ax.set_title(f"Cost-effectiveness plane against {BASE}")
    ax.legend(loc="best")
    plt.show()
else:
    print(f"comparison_replicates.csv has no {EFFECT} or {COST}: no plane drawn")
)py";
}

std::string net_present_value_cell() {
    return R"py(npv = comparison_replicates[comparison_replicates["measure"] == "net_present_value_gbp"]
if not npv.empty:
    fig, ax = plt.subplots()
    for alternative in ALTERNATIVES:
        values = npv.loc[npv["alternative"] == alternative, "value"].dropna()
        if values.empty:
            continue
        share = (values >= 0).mean()
        ax.hist(values, bins=min(30, max(5, len(values) // 3)), alpha=0.6,
                color=COLOURS[alternative],
                label=f"{alternative}: breaks even in {share:.0%} of replicates")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.xaxis.set_major_formatter(MONEY_AXIS)
    ax.set_xlabel("Net present value against base (£)")
    ax.set_ylabel("Replicates")
    ax.set_title("Net present value across replicates")
    ax.legend(loc="best")
    plt.show()
)py";
}

std::string load_cell(bool timeseries, bool comparison, bool comparison_replicates) {
    std::string code = R"py(# The run's files, from this notebook's folder.
manifest = json.loads(Path("manifest.json").read_text(encoding="utf-8"))
SCENARIOS = [scenario["name"] for scenario in manifest["scenarios"]]
BASE = SCENARIOS[0]
COLOURS = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(SCENARIOS)}
summary = read_run_csv("summary.csv", ["scenario", "month", "outcome"])
OUTCOMES_PRESENT = set(summary["outcome"])
MAIN_OUTCOMES = [outcome for outcome in OUTCOME_LABELS if outcome in OUTCOMES_PRESENT]
print(f"{len(SCENARIOS)} scenario(s), {manifest['replicates']} replicates, "
      f"{summary['month'].nunique()} months, {len(OUTCOMES_PRESENT)} outcomes")
)py";
    if (timeseries) {
        code += R"py(timeseries = read_run_csv("timeseries.csv", ["scenario", "month", "outcome"])
)py";
    }
    if (comparison) {
        code += R"py(comparison = read_run_csv("comparison.csv", ["base", "alternative", "measure"])
ALTERNATIVES = list(dict.fromkeys(comparison["alternative"]))
)py";
    }
    if (comparison_replicates) {
        code += R"py(comparison_replicates = read_run_csv("comparison_replicates.csv",
                                     ["base", "alternative", "measure"])
)py";
    }
    return code;
}

}  // namespace vrsim::notebooks
