"""Tables and charts of the chapter on regionalisation with Xinjiang (report section 2)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import figure
from .data import load
from .tables import fmt_number, table
from .theme import legend_selection

ROWS = [  # (indicator, breakdown, label) in the order of the printed table
    ("area", "all", "Area"),
    ("population", "all", "Population"),
    ("population_density", "all", "Population density"),
    ("population_share", "urban", "Urban population, share"),
    ("population_share", "rural", "Rural population, share"),
    ("natural_increase_rate", "all", "Natural increase, per 1,000 people"),
    ("hdi_rank_global", "all", "Human Development Index: world rank"),
    ("hdi_rank_within_china", "all", "Human Development Index: rank among China's regions"),
    ("hdi", "all", "Human Development Index"),
    ("life_expectancy_at_birth", "all", "Life expectancy at birth, all"),
    ("life_expectancy_at_birth", "male", "Life expectancy at birth, men"),
    ("life_expectancy_at_birth", "female", "Life expectancy at birth, women"),
    ("mean_years_of_schooling", "all", "Mean years of schooling, all"),
    ("mean_years_of_schooling", "male", "Mean years of schooling, men"),
    ("mean_years_of_schooling", "female", "Mean years of schooling, women"),
    ("expected_years_of_schooling", "all", "Expected years of schooling, all"),
    ("expected_years_of_schooling", "male", "Expected years of schooling, men"),
    ("expected_years_of_schooling", "female", "Expected years of schooling, women"),
    ("gdp", "all", "Gross domestic product"),
    ("gdp_index", "all", "GDP, previous year = 100"),
    ("gni_per_capita", "all", "Gross national income per head"),
    ("gni_per_capita_rank_global", "all", "GNI per head: world rank"),
    ("gni_per_capita_rank_within_china", "all", "GNI per head: rank among China's regions"),
    ("employed", "all", "Employed people"),
    ("age_structure", "0-14", "Age 0-14, share"),
    ("age_structure", "15-64", "Age 15-64, share"),
    ("age_structure", "65 and above", "Age 65 and over, share"),
    ("age_structure", "0-16", "Age 0-16, share"),
    ("age_structure", "17-60", "Age 17-60, share"),
    ("age_structure", "above 60", "Age over 60, share"),
    ("average_monthly_nominal_wage", "all", "Average monthly nominal wage"),
    ("annual_income", "cities and urban-type communities", "Annual income, towns"),
    ("annual_income", "rural areas", "Annual income, rural areas"),
]
UNIT_SHORT = {"square km": "sq km", "million people": "million", "billion people": "'bln' (sic)",
              "people per square km": "per sq km", "percent": "%", "per 1000 people": "‰",
              "index (0-1)": "", "rank": "", "rank among China's regions": "", "years": "years",
              "billion US dollars": "bn $", "trillion US dollars": "trn $",
              "percent of previous year": "", "US dollars": "$", "KZT": "KZT", "CNY": "CNY"}


def comparative_wide() -> pd.DataFrame:
    """Table 2.1 as a readable grid: every cell keeps its own reference year."""
    frame = load("xinjiang_comparative_indicators")
    rows = []
    for indicator, breakdown, label in ROWS:
        row = {"Indicator": label}
        for entity in ["Kazakhstan", "XUAR", "China"]:
            cell = frame[(frame["indicator"] == indicator) & (frame["breakdown"] == breakdown)
                         & (frame["entity"] == entity)]
            if cell.empty:
                row[entity] = ""
                continue
            r = cell.iloc[0]
            unit = UNIT_SHORT.get(r["unit"], r["unit"])
            value = fmt_number(r["value"])
            when = r["reference_period"] if pd.notna(r["reference_period"]) else "year not printed"
            text = f"{value} {unit}".strip() + f" ({when})"
            if pd.notna(r["scope_note"]) and "urban population only" in r["scope_note"]:
                text += ", urban population"
            row[entity] = text
        rows.append(row)
    return pd.DataFrame(rows)


def comparative_table(name: str):
    return table(comparative_wide(), dataset="xinjiang_comparative_indicators", name=name,
                 caption="Kazakhstan, Xinjiang (XUAR) and China compared: demographic, social and "
                         "economic indicators (each value with its own reference date)",
                 notes=["'Year not printed': the report's table refers to 2014 unless a cell says otherwise.",
                        "XUAR's income: wage income 556.3 CNY and family-business income 7,795 CNY of the "
                        "rural figure (2010). Exchange rates on 2 June 2015: 1 US$ = 185.9 KZT = 6.18 CNY."])


def foreign_trade_points() -> pd.DataFrame:
    frame = load("xinjiang_foreign_trade")
    keep = {"total_foreign_trade": "Xinjiang's total foreign trade",
            "border_trade": "of which border trade",
            "trade_with_central_asia": "Trade with Central Asia (see note)"}
    points = frame[frame["indicator"].isin(keep)].copy()
    factor = points["unit"].map({"million US dollars": 0.001, "billion US dollars": 1.0})
    points["billion_usd"] = points["value"] * factor
    points["series"] = points["indicator"].map(keep)
    points["as_printed"] = [f"{q + ' ' if isinstance(q, str) else ''}{fmt_number(v)} {u}" for q, v, u in
                            zip(points["qualifier"], points["value"], points["unit"])]
    points["period_shown"] = points["in_graph_range"].map({True: "inside 2000-2012 (Graph 2.1)",
                                                           False: "outside the graph's years"})
    return points[["year", "series", "billion_usd", "as_printed", "period_shown", "line"]].reset_index(drop=True)


def chart_foreign_trade():
    """Graph 2.1 (an image in the report): only the values the text states."""
    frame = foreign_trade_points()
    pick = legend_selection("series")
    band = alt.Chart(pd.DataFrame({"start": [2000], "end": [2012]})).mark_rect(
        color="#f2f2f2").encode(x=alt.X("start:Q", scale=alt.Scale(domain=[1983, 2015], zero=False)), x2="end:Q")
    base = alt.Chart(frame).encode(
        x=alt.X("year:Q", title=None, scale=alt.Scale(domain=[1983, 2015], zero=False),
                axis=alt.Axis(format="d", values=[1985, 1990, 2000, 2003, 2011, 2013])),
        y=alt.Y("billion_usd:Q", title="Billion US dollars"),
        color=alt.Color("series:N", title=None, sort=list(frame["series"].unique()),
                        legend=alt.Legend(orient="top", direction="horizontal")),
        shape=alt.Shape("series:N", legend=None),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("as_printed:N", title="As printed"),
                 alt.Tooltip("period_shown:N", title="Period")])
    dots = base.mark_point(filled=True, size=110).add_params(pick)
    label = alt.Chart(pd.DataFrame({"x": [2006], "y": [29], "t": ["years covered by Graph 2.1"]})).mark_text(
        color="#7a7a7a", fontSize=10).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[1983, 2015], zero=False)), y="y:Q", text="t:N")
    chart = alt.layer(band, label, dots).properties(width=560, height=280)
    return figure(
        chart, name="xuar-foreign-trade", datasets="xinjiang_foreign_trade", table=frame,
        title="Xinjiang's foreign trade: the values the report states",
        subtitle="Billion US dollars (the 1985 and 1990 figures are printed in millions)",
        notes=["Graph 2.1 of the report (2000-2012) was an image; only the figures stated in the text are "
               "drawn, as unconnected points, including years outside the graph (1985, 1990, 2013).",
               "2011 'trade with Central Asia' is called both China's and Xinjiang's trade with the region."],
        description="Points: Xinjiang's foreign trade was 291.97 million dollars in 1985, 410.25 million in 1990, "
                    "4.772 billion in 2003 (3.039 billion border trade), 21.7 billion in 2011 (16.98 billion "
                    "with Central Asia) and 27.56 billion in 2013 (more than 19 billion with Central Asia).")


def chart_trade_gap():
    frame = load("xinjiang_kz_china_trade_statistics")
    turnover = frame[(frame["measure"] == "trade_turnover") & frame["year"].isin([2005, 2010])].copy()
    gaps = frame[frame["measure"] == "statistical_gap"].copy()
    pick = legend_selection("source")
    bars = alt.Chart(turnover).mark_bar().encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        xOffset="source:N",
        y=alt.Y("value:Q", title="Kazakhstan-China trade, billion US$", scale=alt.Scale(domain=[0, 30])),
        color=alt.Color("source:N", title=None, legend=alt.Legend(orient="top", direction="horizontal")),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("source:N", title="Recorded by"),
                 alt.Tooltip("value:Q", title="Billion US$")]).add_params(pick)
    values = bars.mark_text(dy=-7, fontSize=11).encode(text=alt.Text("value:Q"), color=alt.value("#1d1d1d"),
                                                      opacity=alt.value(1))
    left = alt.layer(bars, values).properties(width=260, height=240)
    gbase = alt.Chart(gaps).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title="Gap between the two sources, billion US$", scale=alt.Scale(domain=[0, 8])),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("value:Q", title="Gap, billion US$"),
                 alt.Tooltip("cited_source:N", title="Source")])
    right = (gbase.mark_bar(color="#6b6b6b", width=30)
             + gbase.mark_text(dy=-7).encode(text=alt.Text("value:Q"))).properties(width=170, height=240)
    chart = alt.hconcat(left, right, spacing=40)
    return figure(
        chart, name="kz-china-trade-gap", datasets="xinjiang_kz_china_trade_statistics", table=frame,
        title="The same trade, two different totals",
        subtitle="Kazakhstan-China trade as recorded by each side (left) and the gap between them (right)",
        notes=["The text gives no Kazakh figure for 2013, only the gap of 6 billion dollars; China's "
               "customs recorded 28.5 billion dollars of trade that year."],
        description="Left: in 2005 Kazakhstan's customs recorded 3.7 billion dollars of trade with China and "
                    "China's Ministry of Commerce 6.8 billion; in 2010, 14.1 against 20.4 billion. Right: the "
                    "gap was 3.1 billion in 2005, 6.3 billion in 2010 and 6 billion in 2013.")


def chart_urbanisation():
    frame = load("xinjiang_kazakh_urbanisation")
    three = frame[frame["settlement"].isin(["villages", "urban-type settlements", "cities"])].copy()
    order = ["villages", "urban-type settlements", "cities"]
    three["rank"] = three["settlement"].map({s: i for i, s in enumerate(order)})
    growth = load("xinjiang_kazakh_population_growth").set_index("settlement")["growth_percent"]
    three["growth"] = three["settlement"].map(growth)
    pick = legend_selection("settlement")
    chart = alt.Chart(three).mark_bar().encode(
        y=alt.Y("year:O", title=None),
        x=alt.X("percent:Q", title="Share of China's Kazakhs (%)", stack="zero", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("settlement:N", title=None, sort=order,
                        scale=alt.Scale(domain=order, range=["#E69F00", "#56B4E9", "#0072B2"]),
                        legend=alt.Legend(orient="top", direction="horizontal")),
        order=alt.Order("rank:Q"),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
        tooltip=[alt.Tooltip("year:O", title="Census"), alt.Tooltip("settlement:N", title="Lives in"),
                 alt.Tooltip("percent:Q", title="Share (%)"),
                 alt.Tooltip("growth:Q", title="Yearly growth 2000-2010 (%)")],
    ).add_params(pick).properties(width=500, height=alt.Step(40))
    return figure(
        chart, name="kazakhs-china-settlement", datasets=["xinjiang_kazakh_urbanisation",
                                                          "xinjiang_kazakh_population_growth"],
        table=frame,
        title="China's Kazakhs move from villages to small towns",
        subtitle="Where ethnic Kazakhs in China lived at the 2000 and 2010 censuses, percent",
        notes=["Average yearly growth 2000-2010 (tooltip): 0.61% in villages, 9.23% in urban-type "
               "settlements, 5.62% in cities, 1.69% overall."],
        description="Stacked bars: in 2000, 84.8% of China's Kazakhs lived in villages, 8.8% in urban-type "
                    "settlements and 6.4% in cities; in 2010, 76.9%, 14.5% and 8.6%.")
