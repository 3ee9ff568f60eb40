"""Tables and charts of the chapter on attitudes, myths and risks (report section 7)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import theme
from .charts import figure
from .data import load
from .markup import MyST, Output, cell, lines, myst, output
from .tables import table
from .theme import legend_selection

SCALE = ["very good", "good", "indifferent", "poor", "very poor"]  # 1 .. 5 as asked
# Legend order runs from the negative end (left of zero) to the positive end.
LEGEND_ORDER = ["very poor", "poor", "indifferent", "good", "very good"]
SCALE_COLOURS = dict(zip(LEGEND_ORDER, theme.DIVERGING))
GROUPS = ["Total", "Kazakhs", "Russians", "Other ethnicities"]
GROUP_LABELS = {"Total": "All respondents", "Kazakhs": "Kazakhs", "Russians": "Russians",
                "Other ethnicities": "Other ethnic groups"}
YEAR_COLOURS = {2007: theme.PALETTE[5], 2012: theme.PALETTE[0]}


def _year_colour(title="Survey"):
    return alt.Color("year:N", title=title, sort=["2007", "2012"],
                     scale=alt.Scale(domain=["2007", "2012"], range=list(YEAR_COLOURS.values())))


# -- Table 7.1 ---------------------------------------------------------------------------------

def attitudes_wide() -> pd.DataFrame:
    """Table 7.1 as printed: indicators in rows, group x year in columns."""
    shares = load("attitudes_by_ethnic_group")
    summary = load("attitudes_by_ethnic_group_summary").set_index(["ethnic_group", "survey_year"])
    shares["cell"] = [f"{p:g}{m}" if isinstance(m, str) else f"{p:g}"
                      for p, m in zip(shares["percent"], shares["marker"])]
    cells = shares.set_index(["attitude", "ethnic_group", "survey_year"])["cell"]
    columns = [(g, y) for g in GROUPS for y in (2007, 2012)]
    rows = [["N (persons)"] + [f"{summary.loc[c, 'respondents']:,}" for c in columns]]
    for point, attitude in enumerate(SCALE, start=1):
        rows.append([f"{attitude.capitalize()} ({point})"] + [cells[(attitude, *c)] for c in columns])
    rows.append(["Mean score (1-5)"] + [f"{summary.loc[c, 'mean_score']:.1f}" for c in columns])
    short = {"Total": "All", "Kazakhs": "Kazakhs", "Russians": "Russians", "Other ethnicities": "Others"}
    header = ["Answer"] + [f"{short[g]} {y}" for g, y in columns]
    return pd.DataFrame(rows, columns=header)


def attitudes_table(name: str):
    return table(attitudes_wide(), dataset="attitudes_by_ethnic_group", name=name,
                 caption="Attitudes to migrants from China by ethnic group of the respondent, "
                         "2007 and 2012 (percent of each group unless stated; the report's Table 7.1)",
                 notes=["All: all respondents; Others: ethnic groups other than Kazakhs and Russians.",
                        "Scale: 1 very good, 2 good, 3 indifferent, 4 poor, 5 very poor; a higher mean "
                        "means a less favourable attitude.",
                        "* The report prints this cell with an asterisk and does not explain it."])


# -- the diverging attitude bars (Diagram 7.2 and Table 7.1) ---------------------------------

def diverging_frame(groups=GROUPS) -> pd.DataFrame:
    """One row per bar segment: negative answers left of zero, indifference split across it."""
    shares = load("attitudes_by_ethnic_group")
    summary = load("attitudes_by_ethnic_group_summary").set_index(["ethnic_group", "survey_year"])
    rows = []
    for (group, year), g in shares[shares["ethnic_group"].isin(groups)].groupby(["ethnic_group", "survey_year"]):
        p = g.set_index("attitude")["percent"].astype(float)
        n, mean = summary.loc[(group, year), "respondents"], summary.loc[(group, year), "mean_score"]
        common = {"group": GROUP_LABELS[group], "year": str(year),
                  "bar": f"{year}: N={n:,}, mean {mean:.1f}",
                  "respondents": int(n), "mean_score": float(mean),
                  "negative": p["poor"] + p["very poor"], "positive": p["good"] + p["very good"]}
        half = p["indifferent"] / 2
        left = -half
        segments = [("indifferent", -half, half, p["indifferent"])]
        for attitude in ("poor", "very poor"):
            segments.append((attitude, left - p[attitude], left, p[attitude]))
            left -= p[attitude]
        right = half
        for attitude in ("good", "very good"):
            segments.append((attitude, right, right + p[attitude], p[attitude]))
            right += p[attitude]
        for attitude, x0, x1, value in segments:
            rows.append({**common, "attitude": attitude, "x0": x0, "x1": x1, "percent": value,
                         "marker": g.set_index("attitude").loc[attitude, "marker"]})
    frame = pd.DataFrame(rows)
    frame["marker"] = frame["marker"].astype(object).where(frame["marker"].notna(), "")
    frame["label"] = [f"{v:g}{m}" if v >= 5 or m else "" for v, m in zip(frame["percent"], frame["marker"])]
    frame["centre"] = (frame["x0"] + frame["x1"]) / 2
    # The label of the split neutral category goes in its right half, clear of the zero line.
    neutral = frame["attitude"] == "indifferent"
    frame.loc[neutral, "centre"] = frame.loc[neutral, "x1"] / 2
    return frame


def _diverging_layers(frame: pd.DataFrame, width: int):
    base = alt.Chart().encode(
        y=alt.Y("bar:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=220, ticks=False)),
        tooltip=[alt.Tooltip("group:N", title="Respondents"), alt.Tooltip("year:N", title="Survey"),
                 alt.Tooltip("attitude:N", title="Attitude"), alt.Tooltip("percent:Q", title="Share (%)"),
                 alt.Tooltip("negative:Q", title="Poor + very poor (%)"),
                 alt.Tooltip("positive:Q", title="Good + very good (%)"),
                 alt.Tooltip("mean_score:Q", title="Mean score (1-5)", format=".1f"),
                 alt.Tooltip("respondents:Q", title="Group size (N)", format=",")],
    )
    bars = base.mark_bar(stroke="white", strokeWidth=0.6).encode(
        x=alt.X("x0:Q", title="Percent of respondents: less favourable  <  0  >  more favourable",
                scale=alt.Scale(domain=[-70, 70]),
                axis=alt.Axis(values=list(range(-60, 61, 20)), labelExpr="abs(datum.value) + '%'")),
        x2="x1:Q",
        color=alt.Color("attitude:N", title="Attitude to migrants from China", sort=LEGEND_ORDER,
                        scale=alt.Scale(domain=LEGEND_ORDER, range=theme.DIVERGING)),
    )
    labels = base.mark_text(fontSize=10, color=theme.INK).encode(x="centre:Q", text="label:N")
    zero = alt.Chart().mark_rule(color=theme.INK, strokeWidth=1.2).encode(x=alt.datum(0))
    # A named first layer lets Altair lift the menu parameters out of a faceted chart.
    bars = bars.properties(name="attitude_segments")
    return alt.layer(bars, zero, labels, data=frame).properties(width=width, height=alt.Step(26))


def chart_attitudes_overall():
    """Diagram 7.2: all respondents, 2007 and 2012, on a diverging scale."""
    frame = diverging_frame(["Total"])
    chart = _diverging_layers(frame, 440)
    return figure(
        chart, name="attitudes-overall", datasets=["attitudes_by_ethnic_group", "attitudes_by_ethnic_group_summary"],
        table=frame[["year", "attitude", "percent", "respondents", "mean_score"]],
        title="Attitudes to migrants from China, 2007 and 2012",
        notes=["'Indifferent' is split evenly either side of zero. Shares as printed; they add up to 99 (2007) "
               "and 100 (2012).",
               "Mean on the scale 1 (very good) to 5 (very poor). Sampling error at most 4.1% in both surveys."],
        description="Diverging bars: in 2007, 1% very good, 25% good, 55% indifferent, 15% poor, 3% very poor "
                    "(N=588, mean 2.9); in 2012, 2% very good, 21% good, 44% indifferent, 28% poor, 5% very "
                    "poor (N=544, mean 3.1).")


def chart_attitudes_by_group():
    """Table 7.1 as diverging bars, with a menu for the ethnic group and buttons for the year."""
    frame = diverging_frame()
    group = alt.param(name="pick_group", value="All groups",
                      bind=alt.binding_select(options=["All groups", *GROUP_LABELS.values()],
                                              name="Ethnic group: "))
    year = alt.param(name="pick_year", value="Both",
                     bind=alt.binding_radio(options=["Both", "2007", "2012"], name="Survey year: "))
    layers = _diverging_layers(frame, 380).transform_filter(
        "(pick_group == 'All groups' || datum.group == pick_group) && "
        "(pick_year == 'Both' || datum.year == pick_year)")
    chart = layers.facet(
        row=alt.Row("group:N", title=None, sort=list(GROUP_LABELS.values()),
                    header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start",
                                      labelFontWeight="bold", labelFontSize=12)),
        spacing=6,
    ).resolve_scale(y="independent").add_params(group, year)
    return figure(
        chart, name="attitudes-by-group",
        datasets=["attitudes_by_ethnic_group", "attitudes_by_ethnic_group_summary"],
        table=frame[["group", "year", "attitude", "percent", "respondents", "mean_score"]],
        title="Attitudes to migrants from China by ethnic group, 2007 and 2012",
        notes=["'Indifferent' is split evenly either side of zero. Labels under 5% are left out; Table 7.1 gives every share.",
               "* Printed with an asterisk in the report and not explained there.",
               "Group sizes are small (60 to 315); sampling error of the whole sample at most 4.1%."],
        description="Diverging bars for all respondents, Kazakhs, Russians and other ethnic groups in 2007 and "
                    "2012; the share answering poor or very poor rose in every group, to 36% among Kazakhs, "
                    "31% among Russians and 28% among others in 2012.")


# -- familiarity, reasons, labour market, concerns --------------------------------------------

def chart_familiarity():
    """Diagram 7.1: the group means the text states."""
    frame = load("attitudes_familiarity")
    frame["year"] = frame["survey_year"].astype(str)
    labels = {"all items": "All aspects asked about",
              "modern China (foreign policy, economy, sport, demography)": "Present-day China",
              "culture, history, customs and traditions": "Culture, history, customs"}
    frame["aspect"] = frame["item_group"].map(labels)
    base = alt.Chart(frame).encode(
        y=alt.Y("aspect:N", title=None, sort=list(labels.values())),
        yOffset=alt.YOffset("year:N", sort=["2007", "2012"]),
        x=alt.X("mean_percent:Q", title="Mean share answering 'yes, familiar' (%)",
                scale=alt.Scale(domain=[0, 60])),
        tooltip=[alt.Tooltip("item_group:N", title="Aspects"), alt.Tooltip("year:N", title="Survey"),
                 alt.Tooltip("mean_percent:Q", title="Mean share (%)")],
    )
    pick = legend_selection("year")
    chart = (base.mark_bar().encode(color=_year_colour(), opacity=alt.condition(pick, alt.value(1), alt.value(0.25)))
             .add_params(pick)
             + base.mark_text(align="left", dx=3).encode(text=alt.Text("mean_percent:Q", format="d"))
             ).properties(width=400, height=alt.Step(16))
    return figure(
        chart, name="attitudes-familiarity", datasets="attitudes_familiarity", table=frame,
        title="How familiar urban Kazakhstanis are with China",
        notes=["Diagram 7.1 was printed as an image; only the three averages its text states are drawn, "
               "not the single items.",
               "Present-day China: foreign policy, economic and sports achievements, population."],
        description="Grouped bars: across all aspects 21% (2007) and 23% (2012) said they were familiar; "
                    "for present-day China 39% and 49%; for culture, history and customs 11% and 9%.")


def chart_reasons_labour():
    frame = load("attitudes_reasons_labour_market")
    frame["year"] = frame["survey_year"].astype(str)
    questions = {"why_chinese_citizens_come": "Why do Chinese citizens come?",
                 "labour_market_effect": "Their effect on the labour market"}
    frame["question_label"] = frame["question"].map(questions)
    base = alt.Chart().encode(
        y=alt.Y("answer:N", title=None, sort=None, axis=alt.Axis(labelLimit=230)),
        yOffset=alt.YOffset("year:N", sort=["2007", "2012"]),
        x=alt.X("percent:Q", title="Percent of respondents", scale=alt.Scale(domain=[0, 70])),
        tooltip=[alt.Tooltip("question_label:N", title="Question"), alt.Tooltip("answer:N", title="Answer"),
                 alt.Tooltip("year:N", title="Survey"), alt.Tooltip("percent:Q", title="Share (%)")],
    )
    pick = legend_selection("year")
    layered = alt.layer(
        base.mark_bar().encode(color=_year_colour(), opacity=alt.condition(pick, alt.value(1), alt.value(0.25)))
        .add_params(pick),
        base.mark_text(align="left", dx=3).encode(text=alt.Text("percent:Q", format="d")),
        data=frame,
    ).properties(width=330, height=alt.Step(14))
    chart = layered.facet(
        row=alt.Row("question_label:N", title=None, sort=list(questions.values()),
                    header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start",
                                      labelFontWeight="bold")),
    ).resolve_scale(y="independent")
    return figure(
        chart, name="attitudes-reasons-labour", datasets="attitudes_reasons_labour_market", table=frame,
        title="Why Chinese citizens are thought to come, and what they do to jobs",
        notes=["Only the answers the text quotes. The shares for the first question add up to more than "
               "100, so respondents could evidently name several reasons; nothing is summed."],
        description="Grouped bars: to work 57% (2007) and 62% (2012); to trade 49% and 47%; to buy property "
                    "4% and 11%; strong competition for local workers 24% and 31%; Chinese fill only "
                    "particular niches 22% and 16%.")


def chart_concerns_2012():
    frame = load("attitudes_concerns_2012")
    concerns = {"mass granting of citizenship to Han Chinese": "Han Chinese get citizenship en masse",
                "Chinese citizens come to marry and settle permanently": "Chinese come to marry and stay"}
    frame["concern_label"] = frame["concern"].map(concerns)
    frame["area"] = frame["area"].replace({"Kazakhstan": "All respondents"})
    base = alt.Chart().encode(
        y=alt.Y("area:N", title=None, sort=None),
        x=alt.X("percent:Q", title="Percent of respondents sharing the worry, 2012",
                scale=alt.Scale(domain=[0, 20])),
        tooltip=[alt.Tooltip("concern:N", title="Worry"), alt.Tooltip("area:N", title="Respondents"),
                 alt.Tooltip("percent:Q", title="Share (%)")],
    )
    layered = alt.layer(
        base.mark_bar().encode(color=alt.condition(alt.datum.area == "All respondents",
                                                   alt.value(theme.PALETTE[0]), alt.value(theme.PALETTE[5]))),
        base.mark_text(align="left", dx=3).encode(text=alt.Text("percent:Q", format="d")),
        data=frame,
    ).properties(width=360, height=alt.Step(20))
    chart = layered.facet(
        row=alt.Row("concern_label:N", title=None, sort=list(concerns.values()),
                    header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start",
                                      labelFontWeight="bold")),
    ).resolve_scale(y="independent")
    return figure(
        chart, name="attitudes-concerns-2012", datasets="attitudes_concerns_2012", table=frame,
        title="Two worries about Chinese settlement, 2012",
        notes=["Only the areas the text names; figures for the other regions are not given."],
        description="Bars: 11% of all respondents worried that Han Chinese receive citizenship on a mass scale "
                    "(15% in Almaty, 14% in the Northern region); 11% that Chinese citizens come to marry and "
                    "stay (14% in southern cities, 12% in Almaty).")


def chart_regions():
    """Diagram 7.3: the regional figures the text states."""
    frame = load("attitudes_by_region")
    national = load("attitudes_by_ethnic_group_summary").query("ethnic_group == 'Total' and survey_year == 2012")
    national_mean = float(national["mean_score"].item())
    means = frame[frame["indicator"] == "mean_score"].copy()
    means["region"] = pd.Categorical(means["region"])
    points = alt.Chart(means).encode(
        y=alt.Y("region:N", title=None, sort=alt.EncodingSortField("value", order="descending")),
        x=alt.X("value:Q", title="Mean score, 2012 (1 very good - 5 very poor)",
                scale=alt.Scale(domain=[1, 5]), axis=alt.Axis(values=[1, 2, 3, 4, 5])),
        tooltip=[alt.Tooltip("region:N", title="Region"), alt.Tooltip("value:Q", title="Mean score", format=".1f")],
    )
    rule = alt.Chart(pd.DataFrame({"x": [national_mean], "text": [f"all respondents {national_mean:.1f}"]}))
    left = (
        rule.mark_rule(strokeDash=[4, 3], color=theme.MUTED).encode(x="x:Q")
        + rule.mark_text(align="left", dx=4, dy=-4, baseline="bottom", color=theme.MUTED, fontSize=10)
        .encode(x="x:Q", y=alt.value(0), text="text:N")
        + points.mark_point(filled=True, size=90, color=theme.PALETTE[0])
        + points.mark_text(dy=-11, fontSize=10).encode(text=alt.Text("value:Q", format=".1f"))
    ).properties(width=240, height=alt.Step(30))
    shares = frame[frame["indicator"] == "share_positive"].copy()
    shares["year"] = shares["survey_year"].astype(str)
    pick = legend_selection("year")
    base = alt.Chart(shares).encode(
        y=alt.Y("region:N", title=None),
        yOffset=alt.YOffset("year:N", sort=["2007", "2012"]),
        x=alt.X("value:Q", title="Good or very good (%)", scale=alt.Scale(domain=[0, 60])),
        tooltip=[alt.Tooltip("region:N", title="Region"), alt.Tooltip("year:N", title="Survey"),
                 alt.Tooltip("value:Q", title="Good or very good (%)")],
    )
    right = (base.mark_bar().encode(color=_year_colour(), opacity=alt.condition(pick, alt.value(1), alt.value(0.25)))
             .add_params(pick)
             + base.mark_text(align="left", dx=3).encode(text=alt.Text("value:Q", format="d"))
             ).properties(width=200, height=alt.Step(18))
    chart = alt.hconcat(left, right, spacing=40).resolve_scale(y="independent", color="independent")
    return figure(
        chart, name="attitudes-regions", datasets="attitudes_by_region", table=frame,
        title="Attitudes to migrants from China by region",
        notes=["Diagram 7.3 was printed as an image; only the figures its text states are drawn, and none "
               "for the Southern region.",
               "The text does not date the regional means; they are read as 2012."],
        description="Left: mean scores in 2012 of 3.5 in the Northern region, 3.3 in the Western, 3.0 in "
                    "Almaty, 2.7 in the Eastern and 2.5 in the Central region, against 3.1 for all respondents. "
                    "Right: positive attitudes rose from 12% to 36% in the Eastern and from 25% to 50% in the "
                    "Central region between 2007 and 2012.")


def _period_text(period: str) -> str:
    """'2007-05' -> 'May 2007'; '2012-05-17/2012-06-08' -> '17 May - 8 June 2012'."""
    def one(part, with_year=True):
        stamp = pd.Timestamp(part)
        day = f"{stamp.day} " if len(part) == 10 else ""
        return f"{day}{stamp:%B}" + (f" {stamp.year}" if with_year else "")
    if "/" in period:
        start, end = period.split("/")
        return f"{one(start, with_year=False)} - {one(end)}"
    return one(period)


def survey_notes_markdown() -> Output:
    """The two attitude surveys, as an unnumbered Markdown table built from surveys_fieldwork."""
    s = load("surveys_fieldwork").set_index("year").loc[[2007, 2012]]
    period = {y: _period_text(s.loc[y, "fieldwork_period"]) for y in (2007, 2012)}
    rows = [
        ("Respondents (N)", lambda y: f"{s.loc[y, 'sample_size']:,}"),
        ("Who", lambda y: f"{s.loc[y, 'respondents'].lower()} aged {s.loc[y, 'age_min']} and over"),
        ("Fieldwork", lambda y: period[y]),
        ("Mode", lambda y: s.loc[y, "method"].lower()),
        ("Sample", lambda y: s.loc[y, "sampling"].lower() + "; strata: five regions of grouped oblasts, "
                             "Almaty city on its own"),
        ("Sampling error", lambda y: f"at most {s.loc[y, 'max_error_percent']:g}%"),
        ("Fieldwork agency", lambda y: s.loc[y, "fieldwork_agency"]),
        ("Funded by", lambda y: s.loc[y, "funder"]),
    ]
    table = [MyST("| | 2007 survey | 2012 survey |"), MyST("|:--|:--|:--|")]
    table += [myst("| {} | {} | {} |", cell(label), cell(f(2007)), cell(f(2012)))
              for label, f in rows]
    return output(lines(table))
