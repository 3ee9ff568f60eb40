"""Tables and charts of the chapter on why China's presence grew and on migration history
(report section 1)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import figure
from .data import load
from .tables import fmt_number, table
from .theme import legend_selection

INDICATOR_LABELS = {
    "population": "Population, million people (end of year)",
    "gross_domestic_product": "Gross domestic product",
    "foreign_trade_turnover": "Foreign trade",
    "exports": "Exports",
    "imports": "Imports",
    "gross_fdi_inflow": "Gross foreign direct investment into Kazakhstan",
    "global_competitiveness_index_rank": "Global Competitiveness Index (rank)",
}


def key_indicators_wide() -> pd.DataFrame:
    frame = load("history_kazakhstan_key_indicators")
    frame["cell"] = [fmt_number(v) for v in frame["value"]]
    marked = (frame["indicator"] == "gross_fdi_inflow") & (frame["year"] == 2014)
    frame.loc[marked, "cell"] = frame.loc[marked, "cell"] + " (a)"
    wide = frame.pivot(index="indicator", columns="year", values="cell")
    wide = wide.loc[list(INDICATOR_LABELS)].reset_index()
    wide["indicator"] = wide["indicator"].map(INDICATOR_LABELS)
    wide.loc[wide["indicator"].str.startswith("Global"), "indicator"] += " (b)"
    wide.columns = ["Indicator", "2012", "2013", "2014"]
    return wide


def key_indicators_table(name: str):
    return table(key_indicators_wide(), dataset="history_kazakhstan_key_indicators", name=name,
                 caption="Kazakhstan's key social and economic indicators, 2012-2014, as printed",
                 notes=["(a) National Bank of Kazakhstan (NBK, 2015: 90). (b) Schwab, 2014: 15.",
                        "The money rows are labelled billion US dollars in the report but are on a "
                        "millions scale, and the population row is in thousands (see the note below)."])


REGION_SHORT = {"XUAR": "XUAR", "Almaty region (excluding Almaty city)": "Almaty region",
                "East Kazakhstan region": "East Kazakhstan region"}


def ethnic_composition_wide() -> pd.DataFrame:
    """Table 1.2 as printed: three (group, percent) column pairs side by side."""
    frame = load("history_ethnic_composition_2006")
    columns = {}
    for region, short in REGION_SHORT.items():
        part = frame[(frame["region"] == region) & (frame["row_type"] != "total")].reset_index(drop=True)
        total = frame[(frame["region"] == region) & (frame["row_type"] == "total")]
        columns[f"{short}: group"] = list(part["ethnic_group"]) + ["Total"]
        columns[f"{short}: %"] = [f"{v:.2f}" for v in part["percent"]] + [f"{total['percent'].item():.2f}"]
    wide = pd.DataFrame(columns)
    wide.insert(0, "Row (as printed)", [str(i) for i in range(1, len(wide))] + [""])
    return wide


def ethnic_composition_table(name: str):
    pop = load("history_border_regions_population").set_index("region")
    return table(ethnic_composition_wide(), dataset="history_ethnic_composition_2006", name=name,
                 caption="Ethnic composition of the border regions of China and Kazakhstan, 2006 "
                         "(percent of population)",
                 notes=[f"Population in the column headers: XUAR {pop.loc['XUAR', 'population']} million "
                        f"(2003); Almaty region without the city "
                        f"{pop.loc['Almaty region (excluding Almaty city)', 'population']} million; "
                        f"East Kazakhstan region {pop.loc['East Kazakhstan region', 'population']} million.",
                        "The same label can mean different groups in different columns (e.g. 'Hui (Dungan)' "
                        "in XUAR, 'Dungan' in Kazakhstan). In East Kazakhstan the 1999 census counted 257 "
                        "ethnic Chinese (0.017%), included under other nationalities."])


def chart_gdp_growth():
    """GDP growth of Kazakhstan, only the years the text names (section 1.1.1)."""
    frame = load("history_gdp_growth")
    base = alt.Chart(frame).encode(
        x=alt.X("year:Q", title=None, scale=alt.Scale(domain=[2007, 2015]),
                axis=alt.Axis(format="d", values=[2008, 2009, 2010, 2013, 2014])),
        y=alt.Y("gdp_index:Q", title="GDP, previous year = 100", scale=alt.Scale(domain=[98, 110])),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("gdp_index:Q", title="GDP index (previous year = 100)")])
    rule = alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#9a9a9a", strokeDash=[4, 3]).encode(
        y=alt.Y("y:Q", scale=alt.Scale(domain=[98, 110])))
    dots = base.mark_point(filled=True, size=110, color="#0072B2")
    labels = base.mark_text(dy=-14, fontSize=11).encode(text=alt.Text("gdp_index:Q"))
    chart = alt.layer(rule, dots, labels).properties(width=560, height=260)
    return figure(
        chart, name="kz-gdp-growth", datasets="history_gdp_growth", table=frame,
        title="Kazakhstan's GDP growth in the years the report names",
        subtitle="GDP as a percentage of the previous year",
        notes=["Only the five years stated in the text are drawn; the points are not joined because "
               "the years in between are not given."],
        description="Dot chart: GDP was 103.3% of the previous year in 2008, 101.2% in 2009, 107.3% in "
                    "2010, 106% in 2013 and 104.3% in 2014.")


OCCASIONS = {"2013-09": "Sept. 2013: Xi Jinping's state visit",
             "2014-12": "Dec. 2014: before the SCO heads-of-government meeting",
             "2015-03": "Mar. 2015: Prime Minister Massimov in China"}


def chart_agreements():
    frame = load("history_investment_agreements")
    events = frame[frame["row_type"] == "event"].copy()
    events["occasion_label"] = events["period"].map(OCCASIONS)
    events["label"] = [f"{q + ' ' if isinstance(q, str) else ''}${v:g} bn" for q, v in
                       zip(events["qualifier"].fillna(""), events["value"])]
    events["label"] = events["label"].str.strip()
    base = alt.Chart(events).encode(
        y=alt.Y("occasion_label:N", title=None, sort=list(OCCASIONS.values()),
                axis=alt.Axis(labelLimit=330)),
        x=alt.X("value:Q", title="Value of agreements signed (billion US dollars)",
                scale=alt.Scale(domain=[0, 28])),
        tooltip=[alt.Tooltip("occasion:N", title="Occasion"), alt.Tooltip("period:N", title="Date"),
                 alt.Tooltip("agreements:Q", title="Contracts signed"),
                 alt.Tooltip("qualifier:N", title="Qualifier"),
                 alt.Tooltip("value:Q", title="Billion US$")])
    bars = base.mark_bar(color="#D55E00", height=22)
    labels = base.mark_text(align="left", dx=5).encode(text="label:N")
    total = frame.loc[frame["row_type"] == "total", "value"].item()
    chart = (bars + labels).properties(width=200, height=alt.Step(40))
    return figure(
        chart, name="kz-china-agreements", datasets="history_investment_agreements", table=frame,
        title="Investment agreements signed with China, 2013-2015",
        subtitle=f"Billion US dollars per occasion; ${total:g} billion in total over 1.5 years",
        notes=["In September 2013 the two sides signed 21 contracts worth more than 22 billion dollars."],
        description="Bar chart: more than 22 billion dollars in September 2013, 14 billion in December "
                    "2014 and 23 billion in March 2015, 59 billion in all.")


def chart_diasporas():
    """Uyghur and Dungan communities by region (2010) and ethnic Chinese by count year."""
    frame = load("history_diasporas")
    regional = frame[(frame["ethnic_group"] != "Chinese")].copy()
    regional["area_label"] = regional["area"].replace({"Kazakhstan": "Kazakhstan (total)"})
    pick = legend_selection("ethnic_group")
    bars = alt.Chart(regional).mark_bar().encode(
        y=alt.Y("area_label:N", title=None,
                sort=["Kazakhstan (total)", "Almaty region", "Almaty city", "Zhambyl region (rural districts)"]),
        x=alt.X("persons:Q", title="People, 1 January 2010", axis=alt.Axis(format="~s")),
        yOffset="ethnic_group:N",
        color=alt.Color("ethnic_group:N", title=None, scale=alt.Scale(domain=["Uyghur", "Dungan"],
                                                                      range=["#0072B2", "#009E73"])),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
        tooltip=[alt.Tooltip("ethnic_group:N", title="Group"), alt.Tooltip("area:N", title="Area"),
                 alt.Tooltip("persons:Q", title="People", format=","),
                 alt.Tooltip("share_percent:Q", title="Share of population (%)")],
    ).add_params(pick).properties(width=230, height=alt.Step(16))
    chinese = frame[(frame["ethnic_group"] == "Chinese") & (frame["area"] == "Kazakhstan")]
    cbase = alt.Chart(chinese).encode(
        x=alt.X("year:Q", title=None, scale=alt.Scale(domain=[1965, 2014]),
                axis=alt.Axis(format="d", values=[1970, 1999, 2009])),
        y=alt.Y("persons:Q", title="Ethnic Chinese in Kazakhstan", scale=alt.Scale(domain=[0, 5000])),
        tooltip=[alt.Tooltip("reference:N", title="Count"), alt.Tooltip("persons:Q", title="People", format=",")])
    cdots = cbase.mark_point(filled=True, size=90, color="#D55E00")
    clabels = cbase.mark_text(dy=-12).encode(text=alt.Text("persons:Q", format=","))
    chart = alt.hconcat(bars, (cdots + clabels).properties(width=170, height=200), spacing=40)
    return figure(
        chart, name="kz-diasporas", datasets="history_diasporas", table=frame,
        title="Communities with migration ties to China",
        subtitle="Uyghurs and Dungans by area, 1 January 2010 (left); ethnic Chinese at three counts (right)",
        notes=["Regional rows are the main areas only and do not add up to the national total.",
               "Right: only the three counts the text gives; the points are not joined."],
        description="Left, bars: 246,449 Uyghurs in Kazakhstan, 155,158 of them in the Almaty region and "
                    "80,529 in Almaty city; 51,577 Dungans, 42,404 in rural Zhambyl, 6,535 in Almaty city "
                    "and 1,765 in the Almaty region. Right: 4,189 ethnic Chinese in 1970, 3,510 in 1999 and "
                    "3,424 in 2009.")


def chart_xuar_composition_2010():
    frame = load("history_xuar_ethnic_composition_2010")
    shares = frame[frame["measure"] == "share"].copy()
    pops = frame[frame["measure"] == "population"].set_index("ethnic_group")
    shares["population"] = [f"{fmt_number(pops.loc[g, 'value'])} {pops.loc[g, 'unit']}"
                            if g in pops.index else "not stated" for g in shares["ethnic_group"]]
    shares["group_label"] = shares["ethnic_group"].replace({"other": "Other groups", "Han": "Han Chinese"})
    order = ["Uyghur", "Han Chinese", "Kazakh", "Hui (Dungan)", "Other groups"]
    base = alt.Chart(shares).encode(
        y=alt.Y("group_label:N", title=None, sort=order),
        x=alt.X("value:Q", title="Share of XUAR population, 2010 census (%)", scale=alt.Scale(domain=[0, 50])),
        tooltip=[alt.Tooltip("group_label:N", title="Group"), alt.Tooltip("value:Q", title="Share (%)"),
                 alt.Tooltip("population:N", title="People")])
    bars = base.mark_bar(color="#0072B2").encode(
        color=alt.condition(alt.datum.ethnic_group == "Kazakh", alt.value("#D55E00"), alt.value("#0072B2")))
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text("value:Q"))
    chart = (bars + labels).properties(width=440, height=alt.Step(28))
    total = frame.query("ethnic_group == 'total'")["value"].item()
    return figure(
        chart, name="xuar-composition-2010", datasets="history_xuar_ethnic_composition_2010", table=frame,
        title="Who lives in Xinjiang: the 2010 census",
        subtitle=f"Shares of the XUAR's population of {total} million, percent",
        description="Bar chart: Uyghurs 45.8%, Han Chinese 40.5%, Kazakhs 6.5%, Hui (Dungans) 4.5% and "
                    "other groups 2.7% of Xinjiang's 21.816 million people in 2010.")
