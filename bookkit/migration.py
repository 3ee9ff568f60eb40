"""Tables and charts of the chapter on contemporary migration (report section 3)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import figure
from .data import load
from .tables import table
from .theme import legend_selection

PURPOSE_ORDER = ["Official/business", "Tourism", "Private", "Permanent residence", "SPTV", "Job", "Transit"]
DIRECTIONS = {"exits": "migration_border_exits", "entries": "migration_border_entries"}
DIRECTION_LABELS = {"exits": "Kazakhstan citizens leaving for China",
                    "entries": "Foreign citizens arriving from China"}


def crossings_wide(direction: str) -> pd.DataFrame:
    """Table 3.1 or 3.2 as printed: one row per year, one column per purpose."""
    frame = load(DIRECTIONS[direction])
    frame["cell"] = frame["persons"].astype("object")
    marked = frame["footnote"].notna()
    frame.loc[marked, "cell"] = [f"{v:,}{m}" for v, m in
                                 zip(frame.loc[marked, "persons"], frame.loc[marked, "footnote"])]
    frame["column"] = frame["purpose"].replace({"SPTV": "SPTV / Job", "Job": "SPTV / Job"})
    wide = frame.pivot(index="year", columns="column", values="cell")
    columns = ["Official/business", "Tourism", "Private", "Permanent residence", "SPTV / Job",
               "Transit", "Total"]
    return wide[columns].reset_index().rename(columns={"year": "Year"})


def crossings_table(direction: str, name: str):
    return table(crossings_wide(direction), dataset=DIRECTIONS[direction], name=name)


def registrations_table(name: str):
    frame = load("migration_registrations")
    wide = frame.pivot(index="year", columns="measure", values="persons")
    wide = wide[["Registered", "Official purposes", "Employment", "Private purposes", "Tourism",
                 "Administrative offences", "Expelled"]].reset_index()
    wide["year"] = wide["year"].astype(str)
    wide.loc[wide["year"] == "2014", "year"] = "2014 (Jan-Sep)"
    return table(wide.rename(columns={"year": "Year"}), dataset="migration_registrations", name=name)


def chart_crossings_totals():
    """Diagram 3.1: printed totals of both directions."""
    frames = []
    for direction, name in DIRECTIONS.items():
        f = load(name)
        f = f[f["purpose"] == "Total"].assign(direction=DIRECTION_LABELS[direction])
        frames.append(f[["year", "direction", "persons"]])
    frame = pd.concat(frames, ignore_index=True)
    pick = legend_selection("direction")
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=list(range(2000, 2015, 2)))),
            y=alt.Y("persons:Q", title="Border crossings (persons)", axis=alt.Axis(format="~s")),
            color=alt.Color("direction:N", title=None),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
            tooltip=[alt.Tooltip("direction:N", title="Direction"), alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("persons:Q", title="Persons", format=",")],
        )
        .add_params(pick)
    )
    return figure(
        chart, name="crossings-totals", datasets=list(DIRECTIONS.values()), table=frame,
        title="Crossings of the China-Kazakhstan border, both directions",
        subtitle="Persons crossing at Kazakhstan's checkpoints, totals as printed, 2000-2014",
        notes=["Totals as printed; the 2014 departures leave out the 'Job' column, and the 2013 departures "
               "are one less than the sum even without it."],
        description="Line chart: departures of Kazakhstan citizens to China rose from 43,788 in 2000 to a "
                    "peak of 503,694 in 2011, while arrivals from China rose from 46,006 to 239,627 in 2014.")


def chart_purposes(direction: str):
    """Diagrams 3.2 and 3.3: crossings by purpose, stacked by year."""
    frame = load(DIRECTIONS[direction])
    frame = frame[frame["purpose"] != "Total"].dropna(subset=["persons"])
    pick = legend_selection("purpose")
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=list(range(2000, 2015, 2)))),
            y=alt.Y("sum(persons):Q", title="Persons", axis=alt.Axis(format="~s")),
            color=alt.Color("purpose:N", title="Purpose", sort=PURPOSE_ORDER),
            order=alt.Order("purpose_rank:Q"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("purpose:N", title="Purpose"),
                     alt.Tooltip("persons:Q", title="Persons", format=",")],
        )
        .transform_calculate(purpose_rank=f"indexof({PURPOSE_ORDER}, datum.purpose)")
        .add_params(pick)
    )
    label = DIRECTION_LABELS[direction]
    return figure(
        chart, name=f"crossings-{direction}-by-purpose", datasets=DIRECTIONS[direction],
        table=frame[["year", "purpose", "persons", "footnote"]],
        title=f"{label}, by purpose of the trip",
        notes=["2013-2014: official/business includes transport crews (SPTV); 'Job' replaces the SPTV column."],
        description=f"Stacked bar chart of {label.lower()} each year from 2000 to 2014, split by the "
                    "purpose stated at the border; private trips make up the largest part after 2006.")


COMPARED = [("All purposes", "Total", "Registered"),
            ("Official/business", "Official/business", "Official purposes"),
            ("Private", "Private", "Private purposes"),
            ("Tourism", "Tourism", "Tourism")]


def crossings_vs_registrations_2008() -> pd.DataFrame:
    entries = load("migration_border_entries").query("year == 2008").set_index("purpose")["persons"]
    registered = load("migration_registrations").query("year == 2008").set_index("measure")["persons"]
    rows = []
    for label, entry_key, reg_key in COMPARED:
        rows.append({"purpose": label, "source": "Entered from China (Border Service)",
                     "persons": int(entries[entry_key])})
        rows.append({"purpose": label, "source": "Registered (interior ministry)",
                     "persons": int(registered[reg_key])})
    return pd.DataFrame(rows)


def chart_crossings_vs_registrations_2008():
    """Diagram 3.4: entries and registrations of Chinese citizens in 2008, by purpose."""
    frame = crossings_vs_registrations_2008()
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("source:N", title=None, axis=alt.Axis(labels=False, ticks=False)),
            x=alt.X("persons:Q", title="Persons, 2008", axis=alt.Axis(format="~s")),
            color=alt.Color("source:N", title=None),
            row=alt.Row("purpose:N", title=None, sort=[c[0] for c in COMPARED],
                        header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=11)),
            tooltip=[alt.Tooltip("purpose:N", title="Purpose"), alt.Tooltip("source:N", title="Count"),
                     alt.Tooltip("persons:Q", title="Persons", format=",")],
        )
        .properties(width=440, height=34)
    )
    return figure(
        chart, name="crossings-vs-registrations-2008",
        datasets=["migration_border_entries", "migration_registrations"], table=frame,
        title="Chinese citizens entering and registering in 2008",
        subtitle="Persons, by purpose, 2008: entries at the border against registrations",
        description="Paired bars for 2008: 191,223 entries from China against 46,307 registrations; "
                    "113,059 against 26,235 for private purposes; 39,627 against 14,005 for official "
                    "purposes; 1,368 against 474 for tourism.")


def chart_labour_recruitment():
    """Graph 3.1 and Diagram 3.5: the years the text states."""
    frame = load("migration_labour_recruitment")
    counts = frame[frame["unit"] != "percent"]
    shares = frame[frame["measure"] == "Chinese share of foreign workers"]
    bars = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset="measure:N",
            y=alt.Y("value:Q", title="Persons or permits", axis=alt.Axis(format="~s")),
            color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="top", columns=1)),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("measure:N", title="Measure"),
                     alt.Tooltip("value:Q", title="Value", format=","),
                     alt.Tooltip("qualifier:N", title="Qualifier")],
        )
        .properties(width=270, height=240)
    )
    points = (
        alt.Chart(shares)
        .mark_point(size=80, filled=True, color="#D55E00")
        .encode(
            x=alt.X("year:Q", title=None, scale=alt.Scale(domain=[2006, 2015]),
                    axis=alt.Axis(format="d", values=[2007, 2008, 2010, 2014])),
            y=alt.Y("value:Q", title="China's share of foreign workers (%)", scale=alt.Scale(domain=[0, 40])),
            tooltip=[alt.Tooltip("year:Q", title="Year", format="d"),
                     alt.Tooltip("value:Q", title="Share (%)")],
        )
        .properties(width=230, height=240)
    )
    labels = points.mark_text(dy=-12, color="#1d1d1d").encode(text=alt.Text("value:Q"))
    chart = alt.hconcat(bars, points + labels, spacing=30)
    return figure(
        chart, name="labour-recruitment", datasets="migration_labour_recruitment", table=frame,
        title="Workers recruited from China: the years the report names",
        notes=["Only years stated in the text; the report's graph (1999-2014) was an image.",
               "2013-2014: work permits issued, not workers recruited. No values are drawn for other years."],
        description="Left: all foreign workers and Chinese workers recruited in 1993, 2007 and 2008, and "
                    "permits for Chinese workers in 2013 and 2014. Right: China's share of foreign "
                    "workers, 13% in 2007, 22% in 2008, 23.6% in 2010 and 38% in 2014.")


def chart_remittances():
    """Graph 3.2 and Diagram 3.7: the values the text states."""
    frame = load("migration_remittances")
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("flow:N", title=None, sort=None),
            x=alt.X("million_usd:Q", title="Million US dollars"),
            color=alt.Color("flow:N", legend=None),
            row=alt.Row("year:O", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("flow:N", title="Flow"),
                     alt.Tooltip("million_usd:Q", title="Million US$", format=",.1f"),
                     alt.Tooltip("qualifier:N", title="Note")],
        )
        .properties(width=330, height=alt.Step(18))
    )
    return figure(
        chart, name="remittances", datasets="migration_remittances", table=frame,
        title="Remittances by individuals, the years the report names",
        notes=["Only values stated in the text; Graph 3.2 and Diagram 3.7 were images.",
               "2007 outflow and the 2008 and 2013 country values are the highest of their series."],
        description="Bars for single years: 63.9 and 74.3 million dollars in and out in 2000; an outflow "
                    "of 2,998 million in 2007; 523.2 million to China in 2008; 203.4 million inflow and "
                    "671.6 million to Russia in 2013.")


def chart_remittance_channels():
    """How remittances to China were sent (shares stated in the prose, not Diagram 3.8)."""
    frame = load("migration_remittance_channels")
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("year:O", title=None),
            x=alt.X("share_percent:Q", title="Share of remittances to China (%)", stack="zero",
                    scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("channel:N", title=None),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("channel:N", title="Channel"),
                     alt.Tooltip("share_percent:Q", title="Share (%)")],
        )
        .properties(height=alt.Step(28))
    )
    return figure(
        chart, name="remittance-channels", datasets="migration_remittance_channels", table=frame,
        title="How legal remittances to China were sent",
        description="Stacked bars: banks carried 85.2% of legal remittances from Kazakhstan to China "
                    "in 2013 and 89.4% in 2014; money transfer systems the rest.")


def chart_permanent_residence():
    """Diagram 3.9: ethnic groups among immigrants from China (values stated in the text)."""
    frame = load("migration_permanent_residence")
    parts = frame[frame["ethnic_group"] != "All ethnic groups"]
    base = alt.Chart().encode(
        y=alt.Y("ethnic_group:N", title=None, sort=["Kazakh", "Han Chinese", "Uyghur", "Other"]),
        x=alt.X("persons:Q", title="Persons (logarithmic scale)",
                scale=alt.Scale(type="log", domain=[1, 100000])),
        tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("ethnic_group:N", title="Group"),
                 alt.Tooltip("persons:Q", title="Persons", format=",")],
    )
    dots = base.mark_point(filled=True, size=90, color="#0072B2")
    labels = base.mark_text(align="left", dx=8).encode(text=alt.Text("persons:Q", format=","))
    chart = (
        alt.layer(dots, labels, data=parts)
        .properties(width=380, height=alt.Step(22))
        .facet(row=alt.Row("status:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")))
        .resolve_scale(y="independent")
    )
    return figure(
        chart, name="permanent-residence", datasets="migration_permanent_residence", table=frame,
        title="People from China granted citizenship or holding residence permits, by ethnic group",
        notes=["Only values stated in the text; Diagram 3.9 was an image.",
               "The text gives no count for the other groups holding residence permits.",
               "Logarithmic scale: each step along the axis is ten times the one before."],
        description="Of 73,800 people from China granted citizenship in 1995-2014, 73,713 were Kazakhs, "
                    "13 Han Chinese and 73 of other groups; of about 18,200 with residence permits, 17,700 "
                    "were Kazakhs, 393 Han Chinese and 42 Uyghurs.")


def chart_oralmans_by_origin():
    frame = load("migration_oralmans_by_origin")
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("country:N", title=None, sort="-x"),
            x=alt.X("share_percent:Q", title="Share of all oralmans (%)"),
            color=alt.condition(alt.datum.country == "China", alt.value("#D55E00"), alt.value("#0072B2")),
            tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("share_percent:Q", title="Share (%)")],
        )
        .properties(height=alt.Step(24))
    )
    labels = chart.mark_text(align="left", dx=4).encode(text=alt.Text("share_percent:Q"), color=alt.value("#1d1d1d"))
    return figure(
        chart + labels, name="oralmans-by-origin", datasets="migration_oralmans_by_origin", table=frame,
        title="Where oralmans came from, 1991-2014",
        description="Horizontal bars: 61.5% of the 952,882 oralmans came from Uzbekistan, 14.3% from "
                    "China, 9.3% from Mongolia, 6.8% from Turkmenistan, 4.6% from Russia and 3.5% from "
                    "other countries.")


def chart_labour_regions():
    """Diagram 3.6: the only regional shares the text states."""
    frame = load("migration_labour_regions")
    frame["label"] = [f"{q + ' ' if isinstance(q, str) else ''}{v:g}%"
                      for q, v in zip(frame["qualifier"].fillna(""), frame["share_percent"])]
    base = alt.Chart(frame).encode(
        y=alt.Y("region:N", title=None),
        yOffset=alt.YOffset("workforce:N"),
        x=alt.X("share_percent:Q", title="Share of the workforce (%)", scale=alt.Scale(domain=[0, 40])),
        color=alt.Color("workforce:N", title=None),
        tooltip=[alt.Tooltip("region:N", title="City"), alt.Tooltip("workforce:N", title="Workforce"),
                 alt.Tooltip("share_percent:Q", title="Share (%)"),
                 alt.Tooltip("qualifier:N", title="As the text hedges it"),
                 alt.Tooltip("period:N", title="Period")],
    )
    chart = (base.mark_bar() + base.mark_text(align="left", dx=4, color="#1d1d1d").encode(text="label:N")
             ).properties(height=alt.Step(26))
    return figure(
        chart, name="labour-regions", datasets="migration_labour_regions", table=frame.drop(columns="label"),
        title="Where foreign and Chinese workers are employed: the shares the report names",
        notes=["Only values stated in the text; Diagram 3.6 (all regions, 2013-2014) was an image.",
               "The text gives no share of all foreign workers for Almaty, and no period for its 20%."],
        description="Bars: Astana employed almost 28% of all foreign workers and 24.6% of Chinese workers "
                    "in 2013-2014; Almaty about 20% of Chinese workers.")


def chart_immigrant_profile():
    """Infographics 6: the profile of immigrants from China (values stated in the text)."""
    key = load("migration_key_figures").set_index("id")
    labels = {"immigrants_rural_share": "Settled in rural areas",
              "immigrants_higher_education": "Higher or incomplete higher education (aged over 15)",
              "immigrants_secondary_vocational": "Secondary vocational education (aged over 15)"}
    frame = key.loc[list(labels), ["value", "period", "cited_source"]].reset_index()
    frame["measure"] = frame["id"].map(labels)
    base = alt.Chart(frame).encode(
        y=alt.Y("measure:N", title=None, sort=list(labels.values()), axis=alt.Axis(labelLimit=330)),
        x=alt.X("value:Q", title="Percent of repatriates from China", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("value:Q", title="Percent")],
    )
    bars = base.mark_bar(height=20, color="#0072B2")
    labels_text = base.mark_text(align="left", dx=4).encode(text=alt.Text("value:Q", format=".1f"))
    chart = alt.layer(bars, labels_text).properties(width=260, height=alt.Step(34))
    return figure(
        chart, name="immigrant-profile", datasets="migration_key_figures",
        table=frame[["measure", "value", "period", "cited_source"]],
        title="Kazakh repatriates from China: where they settled and their schooling",
        subtitle="Repatriates from China living in Kazakhstan, as given by Smailov (2010), percent",
        notes=["Infographics 6 of the report's annex was an image; only the three shares its text states are drawn."],
        description="Bars: 79.2% of repatriates from China settled in rural areas; 12.9% of those over 15 "
                    "had higher or incomplete higher education and 9.3% secondary vocational education.")
