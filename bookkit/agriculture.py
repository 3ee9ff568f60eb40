"""Tables and charts of the chapter on agriculture (report section 5)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import figure
from .data import load
from .tables import fmt_number, table
from .theme import legend_selection

ORANGE, BLUE, GREEN, GREY = "#D55E00", "#0072B2", "#009E73", "#6b6b6b"


COMMAS = "format(datum.value, ',.0f')"


def chart_shares():
    """Agriculture's share of employment and of GDP: the years the text gives (points only)."""
    frame = load("agriculture_employment_gdp_share")
    frame["series"] = frame["country"] + ": " + frame["indicator"].map({
        "share of the labour force working in agriculture": "share of the labour force in agriculture",
        "share of the employed working in agriculture": "share of the employed in agriculture",
        "agriculture's share of GDP": "agriculture's share of GDP"})
    pick = legend_selection("series")
    base = alt.Chart(frame).encode(
        x=alt.X("year:Q", title=None, scale=alt.Scale(domain=[2007, 2015]),
                axis=alt.Axis(format="d", values=[2008, 2009, 2011, 2014])),
        y=alt.Y("share_percent:Q", title="Percent", scale=alt.Scale(domain=[0, 35])),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top", columns=1),
                        scale=alt.Scale(range=[ORANGE, BLUE, GREY])),
        tooltip=[alt.Tooltip("series:N", title="Series"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("share_percent:Q", title="Percent"),
                 alt.Tooltip("cited_source:N", title="Cited source")],
    )
    dots = base.mark_point(filled=True, size=110).encode(
        shape=alt.Shape("series:N", legend=None),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.2))).add_params(pick)
    labels = base.mark_text(dx=10, align="left").encode(
        text=alt.Text("share_percent:Q"), opacity=alt.condition(pick, alt.value(1), alt.value(0.2)))
    chart = (dots + labels).properties(width=520, height=240)
    return figure(
        chart, name="agriculture-shares", datasets="agriculture_employment_gdp_share",
        table=frame[["country", "year", "indicator", "share_percent", "cited_source"]],
        title="Many workers, little output: agriculture in Kazakhstan",
        notes=["Only the years the text gives are drawn, as separate points; nothing is drawn between them.",
               "No employment share is given for Kazakhstan after 2008."],
        description="In 2008 agriculture employed 31.5% of Kazakhstan's labour force but produced 5.8% of "
                    "GDP; its share of GDP was 5% in 2011 and 4.3% in 2014. In Russia 7.8% of the "
                    "employed worked in agriculture in 2009.")


def chart_productivity():
    frame = load("agriculture_labour_productivity")
    frame["who"] = frame["country"] + frame["scope"].map({
        "agriculture": ", agriculture", "whole economy (PPP)": ", whole economy (PPP)",
        "not specified": ""})
    frame["scope_label"] = frame["scope"].replace({"not specified": "scope not specified in the text"})
    pick = legend_selection("scope_label")
    base = alt.Chart(frame).encode(
        y=alt.Y("who:N", title=None, sort="x"),
        x=alt.X("usd_per_worker:Q", title="US dollars per worker, 2008", axis=alt.Axis(labelExpr=COMMAS)),
        tooltip=[alt.Tooltip("who:N", title="Country"), alt.Tooltip("scope_label:N", title="Scope"),
                 alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("usd_per_worker:Q", title="Dollars per worker", format=",")],
    )
    bars = base.mark_bar(height=18).encode(
        color=alt.Color("scope_label:N", title=None, scale=alt.Scale(range=[ORANGE, GREY, BLUE])),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25))).add_params(pick)
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("usd_per_worker:Q", format=","))
    chart = (bars + text).properties(width=380, height=alt.Step(30))
    return figure(
        chart, name="agriculture-productivity", datasets="agriculture_labour_productivity",
        table=frame[["country", "scope", "year", "usd_per_worker", "cited_source"]],
        title="Output per worker: Kazakh farming against other economies",
        notes=["The text does not say whether the figures for Russia, Japan and the USA are for "
               "agriculture or the whole economy, nor whether they are at purchasing power parity.",
               "The figures are presented as 2008 values but attributed to a government document of 2003."],
        description="Output per worker in 2008: 3,000 dollars in Kazakh agriculture and 22,600 dollars "
                    "(PPP) in Kazakhstan's whole economy, against 33,400 in Russia, 68,200 in Japan and "
                    "98,100 in the USA.")


# --- cooperation timeline ---------------------------------------------------------------------

def timeline() -> pd.DataFrame:
    return load("agriculture_cooperation_timeline").sort_values("seq")


def _span(date: str) -> tuple[str, str, str]:
    """Start and end of the period a printed date covers, and its precision."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{date}-01-01", f"{date}-12-31", "year"
    if len(parts) == 2:
        end = (pd.Timestamp(f"{date}-01") + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")
        return f"{date}-01", end, "month"
    return date, date, "day"


def timeline_frame() -> pd.DataFrame:
    frame = timeline()
    frame = frame[frame["date"].notna()].copy()
    spans = [_span(d) for d in frame["date"]]
    frame["start"] = [s[0] for s in spans]
    frame["end"] = [s[1] for s in spans]
    frame["precision"] = [s[2] for s in spans]
    frame["date_as_printed"] = [f"{q} {d}" if isinstance(q, str) and q else d
                                for d, q in zip(frame["date"], frame["date_qualifier"].fillna(""))]
    frame["kind_label"] = frame["kind"].str.capitalize()
    frame["detail"] = [f"{fmt_number(c)} {u}" if not pd.isna(c) else ""
                       for c, u in zip(frame["count"], frame["count_unit"].fillna(""))]
    return frame


KIND_ORDER = ["State visit", "Official visit", "Intergovernmental meeting", "Agreement", "Exhibition",
              "Trade facilitation", "Policy statement", "Legislation", "Land lease", "Public protest"]


def chart_timeline():
    frame = timeline_frame()
    kinds = [k for k in KIND_ORDER if k in set(frame["kind_label"])]
    palette = ["#0072B2", "#56B4E9", "#009E73", "#CC79A7", "#E69F00", "#8c6d31", "#6b6b6b", "#000000",
               "#D55E00", "#b2182b"]
    base = alt.Chart(frame).encode(
        y=alt.Y("kind_label:N", title=None, sort=kinds),
        color=alt.Color("kind_label:N", title=None, legend=None,
                        scale=alt.Scale(domain=KIND_ORDER, range=palette)),
        tooltip=[alt.Tooltip("date_as_printed:N", title="Date as printed"),
                 alt.Tooltip("kind_label:N", title="Kind"), alt.Tooltip("event:N", title="Event"),
                 alt.Tooltip("detail:N", title="Count")],
    )
    xscale = alt.Scale(domain=["2003-01-01", "2015-01-01"])
    years = base.transform_filter(alt.datum.precision == "year").mark_bar(height=12, opacity=0.5).encode(
        x=alt.X("start:T", title=None, scale=xscale, axis=alt.Axis(format="%Y", tickCount=12)),
        x2="end:T")
    points = base.transform_filter(alt.datum.precision != "year").mark_point(
        filled=True, size=90, shape="diamond").encode(x=alt.X("start:T", scale=xscale))
    chart = (years + points).properties(width=440, height=alt.Step(24))
    return figure(
        chart, name="agriculture-cooperation-timeline", datasets="agriculture_cooperation_timeline",
        table=frame[["seq", "date", "date_qualifier", "kind", "event", "count", "count_unit"]],
        title="Kazakh-Chinese cooperation in agriculture, 2003-2014",
        subtitle="Agreements, visits, leases, laws and protests the report dates",
        notes=["Diamonds: events dated to a month or a day. Pale bars: events dated only to a year "
               "(the bar spans the whole year; 'early 2014' is drawn as 2014).",
               "The KazAgro-COFCO wheat agreement carries no date and is not drawn."],
        description="Timeline of dated events: a land lease in 2003; state and official visits in "
                    "August 2007, April 2008, April and October 2009 and September 2013; a trade "
                    "exhibition and a lease announcement in December 2009; a protest on 30 January "
                    "2010; green corridors in 2013; leases in early 2014; and leasing policy and laws "
                    "from January to December 2014.")


def timeline_table(name: str):
    frame = timeline()
    frame["Date"] = [("undated" if pd.isna(d) else (f"{q} {d}" if isinstance(q, str) and q else d))
                     for d, q in zip(frame["date"], frame["date_qualifier"])]
    frame["Kind"] = frame["kind"].str.capitalize()
    frame["Event"] = frame["event"]
    return table(frame[["Date", "Kind", "Event"]], dataset="agriculture_cooperation_timeline", name=name,
                 caption="Kazakh-Chinese cooperation in agriculture: dated events, 2003-2014",
                 notes=["The KazAgro-COFCO agreement is undated in the report and is placed after "
                        "the action plan it served."])


# --- land ------------------------------------------------------------------------------------

def chart_lease_projects():
    frame = load("agriculture_land_lease_projects")
    area = frame[frame["unit"].isin(["hectares", "million hectares"])].copy()
    factor = area["unit"].map({"hectares": 1, "million hectares": 1_000_000})
    area["ha"] = area["value"] * factor
    area["ha_upper"] = area["value_upper"].fillna(area["value"]) * factor
    area["as_stated"] = [
        (f"{fmt_number(v)}-{fmt_number(u)} {unit}" if not pd.isna(u) else f"{fmt_number(v)} {unit}")
        for v, u, unit in zip(area["value"], area["value_upper"], area["unit"])]
    area["what"] = area["project"].map({
        "Alakol district lease (East Kazakhstan)": "Alakol lease, 2003",
        "Zhambyl and South Kazakhstan soy lease (media reports)": "Soy lease reported by media, 2009",
        "pilot soy cultivation": "Pilot soy cultivation, 2010 (planned)"})
    order = list(area["what"])
    base = alt.Chart(area).encode(
        y=alt.Y("what:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("start:N", title="Date"),
                 alt.Tooltip("indicator:N", title="Measure"), alt.Tooltip("as_stated:N", title="As stated")],
    )
    xscale = alt.Scale(type="log", domain=[1000, 2_000_000])
    bars = base.mark_bar(height=18, color=BLUE).encode(
        x=alt.X("floor:Q", title="Hectares (logarithmic scale)", scale=xscale,
                axis=alt.Axis(labelExpr=COMMAS, values=[1000, 10000, 100000, 1000000])),
        x2="ha:Q").transform_calculate(floor="1000")
    ranges = base.mark_bar(height=18, color=BLUE, opacity=0.4).encode(x=alt.X("ha:Q", scale=xscale),
                                                                      x2="ha_upper:Q")
    text = base.mark_text(align="left", dx=4).encode(x=alt.X("ha_upper:Q", scale=xscale), text="as_stated:N")
    chart = (bars + ranges + text).properties(width=300, height=alt.Step(34))
    return figure(
        chart, name="agriculture-lease-projects", datasets="agriculture_land_lease_projects",
        table=frame, title="The first Chinese farmland projects in Kazakhstan",
        notes=["Logarithmic scale: each step along the axis is ten times the one before; bars start at 1,000 ha.",
               "The 2003 lease was denied by Kazakh officials; the 1 million ha lease is what the media "
               "reported, and the ministry called the 2010 plan joint cultivation, not a lease.",
               "The lighter part of the pilot's bar is the printed range of 10,000-15,000 ha."],
        description="Land areas: 7,000 ha leased for 10 years in Alakol district in 2003; 1 million ha "
                    "for soy reported by the media in December 2009; 10,000-15,000 ha of pilot soy "
                    "cultivation planned for 2010.")


def chart_foreign_leases():
    frame = load("agriculture_land_leased_foreign")
    frame = frame[frame["indicator"].isin(["area leased", "land users", "plots leased"])].copy()
    frame["when"] = frame["as_of"].replace({"2014-01-01": "1 January 2014", "2014-05": "May 2014",
                                            "not stated (early 2014)": "early 2014 (media)"})
    frame["who"] = frame["lessee_origin"].replace({
        "foreign citizens and legal entities with Kazakh partners": "All foreigners, with Kazakh partners",
        "China (legal entities)": "China", "China (companies)": "China",
        "all foreign citizens": "All foreign citizens"})
    frame["panel"] = frame["indicator"].map({"area leased": "Hectares leased",
                                             "land users": "Land users", "plots leased": "Plots"})
    frame["value_text"] = [fmt_number(v) for v in frame["value"]]
    frame["row"] = frame["who"] + ", " + frame["when"]
    # The two readings of the same Chinese area (1,012.2 and 1,012.23 ha) are both kept.
    pick = legend_selection("who")

    def panel(name, width, order):
        part = frame[frame["panel"] == name]
        base = alt.Chart(part).encode(
            y=alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=280)),
            x=alt.X("value:Q", title=name, axis=alt.Axis(labelExpr=COMMAS, tickMinStep=1)),
            tooltip=[alt.Tooltip("who:N", title="Lessees"), alt.Tooltip("when:N", title="As of"),
                     alt.Tooltip("basis:N", title="Reported by"),
                     alt.Tooltip("value_text:N", title=name)],
        )
        bars = base.mark_bar(height=14).encode(
            color=alt.Color("who:N", title=None,
                            scale=alt.Scale(domain=["China", "Russia", "All foreign citizens",
                                                    "All foreigners, with Kazakh partners"],
                                            range=[ORANGE, BLUE, GREEN, GREY])),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)))
        text = base.mark_text(align="left", dx=4).encode(text="value_text:N")
        return (bars + text).properties(width=width, height=alt.Step(22))

    area_order = ["All foreigners, with Kazakh partners, 1 January 2014", "China, 1 January 2014",
                  "China, early 2014 (media)", "All foreign citizens, May 2014", "China, May 2014",
                  "Russia, May 2014"]
    chart = alt.vconcat(
        panel("Hectares leased", 220, area_order).add_params(pick),
        alt.hconcat(panel("Land users", 90, ["China, May 2014", "Russia, May 2014"]),
                    panel("Plots", 90, None), spacing=20),
        spacing=16).resolve_scale(color="shared")
    return figure(
        chart, name="agriculture-foreign-leases", datasets="agriculture_land_leased_foreign",
        table=frame[["as_of", "basis", "lessee_origin", "indicator", "value", "unit"]],
        title="Farmland leased to foreign users in 2014",
        subtitle="Kazakhstan, January-May 2014, hectares, land users and plots",
        notes=["The January total includes land held jointly with Kazakh partners; the May total does not "
               "say so. Users from countries other than China and Russia are not given separately.",
               "Land users are given only for China and Russia, plots only for all foreign citizens."],
        description="On 1 January 2014 foreigners with Kazakh partners held 23,588.9 ha, of which Chinese "
                    "legal entities 1,012.2 ha (1,012.23 ha in media reports). In May 2014, 32 Chinese land "
                    "users held 4,749.8 ha and 22 Russian users 4,011.2 ha; all foreign citizens held 94 "
                    "plots with 19,200 ha.")


def chart_imports():
    frame = load("agriculture_imports_from_china")
    frame["as_stated"] = [f"{q} {fmt_number(v)}" if isinstance(q, str) and q else fmt_number(v)
                          for v, q in zip(frame["value"], frame["qualifier"])]
    tonnes = frame[frame["unit"] == "tonnes"].copy()
    tonnes["what"] = tonnes["period"] + ": " + tonnes["product"] + tonnes["route"].map(
        {"Khorgos-Xinjiang crossing": " (Khorgos only)", "all routes": ""})
    dollars = frame[frame["unit"] == "million US dollars"].copy()
    dollars["what"] = dollars["product"].str.capitalize().replace(
        {"Agricultural produce": "All agricultural produce"})
    left = alt.Chart(tonnes).encode(
        y=alt.Y("what:N", title=None, sort=None, axis=alt.Axis(labelLimit=280)),
        x=alt.X("value:Q", title="Tonnes", axis=alt.Axis(format="~s"), scale=alt.Scale(domain=[0, 400000])),
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("route:N", title="Route"),
                 alt.Tooltip("product:N", title="Product"), alt.Tooltip("as_stated:N", title="Tonnes")],
    )
    left = (left.mark_bar(height=18).encode(
        color=alt.condition(alt.datum.qualifier == "more than", alt.value("#bdbdbd"), alt.value(GREEN)))
        + left.mark_text(align="left", dx=4).encode(text="as_stated:N")).properties(width=220, height=alt.Step(30))
    right = alt.Chart(dollars).encode(
        y=alt.Y("what:N", title=None, sort=None),
        x=alt.X("value:Q", title="Million US dollars, over 5 months of 2015", scale=alt.Scale(domain=[0, 65])),
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("product:N", title="Product"),
                 alt.Tooltip("as_stated:N", title="Million US$")],
    )
    right = (right.mark_bar(height=18).encode(
        color=alt.condition(alt.datum.product == "agricultural produce", alt.value(GREEN), alt.value(ORANGE)))
        + right.mark_text(align="left", dx=4).encode(text="as_stated:N")).properties(width=220, height=alt.Step(30))
    chart = alt.vconcat(left, right, spacing=18)
    return figure(
        chart, name="agriculture-imports-from-china", datasets="agriculture_imports_from_china",
        table=frame[["period", "route", "product", "indicator", "value", "unit", "qualifier"]],
        title="Chinese farm produce shipped to Kazakhstan",
        notes=["The periods differ (a full year through one crossing, 11 months, just over 5 months) and "
               "cannot be compared as a series. The grey bar is a lower bound ('more than').",
               "Tomatoes, apples and tangerines are part of the 2015 total; the rest is other fruit, "
               "vegetables and nuts."],
        description="More than 80,000 tonnes of fruit and vegetables crossed at Khorgos in 2010; 310,000 "
                    "tonnes of farm produce came from China in 11 months of 2013; in just over 5 months "
                    "of 2015 China shipped produce worth 56.1 million dollars, including tomatoes for 30 "
                    "million, apples for 5.5 million and tangerines for 3.6 million.")
