"""Tables and charts of the chapter on Chinese business in Kazakhstan (report section 4)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import figure
from .data import load
from .tables import fmt_number, table
from .theme import legend_selection

FIRMS = "business_active_chinese_firms_2013"
FOUNDERS = ["founded by Chinese legal entities", "founded by individuals from China",
            "branches and representative offices"]
FOUNDER_LABELS = {"founded by Chinese legal entities": "Founded by Chinese legal entities",
                  "founded by individuals from China": "Founded by individuals from China",
                  "branches and representative offices": "Branches and representative offices"}
ORANGE, BLUE, GREEN, GREY = "#D55E00", "#0072B2", "#009E73", "#6b6b6b"


def qualified(value, qualifier=None, unit: str = "", upper=None) -> str:
    """A value as the report states it: '1,500', 'about 1,500', '12-15', 'up to 50%'."""
    text = fmt_number(value)
    if upper is not None and not pd.isna(upper):
        text = f"{text}-{fmt_number(upper)}"
    if unit:
        text = f"{text}{unit}" if unit == "%" else f"{text} {unit}"
    if qualifier is not None and not pd.isna(qualifier) and qualifier:
        text = f"{qualifier} {text}"
    return text


def _with_label(frame: pd.DataFrame, unit_map: dict | None = None) -> pd.DataFrame:
    frame = frame.copy()
    uppers = frame["value_upper"] if "value_upper" in frame else [None] * len(frame)
    quals = frame["qualifier"] if "qualifier" in frame else [None] * len(frame)
    units = frame["unit"] if "unit" in frame else [""] * len(frame)
    unit_map = unit_map or {"percent": "%"}
    frame["as_stated"] = [qualified(v, q, unit_map.get(u, u), up)
                          for v, q, u, up in zip(frame["value"], quals, units, uppers)]
    return frame


# --- Table 4.1 -------------------------------------------------------------------------------

def firms_wide() -> pd.DataFrame:
    """Table 4.1 as printed: one row per period, the founder types as columns."""
    frame = load(FIRMS).set_index(["period", "founder_type"])["firms"]
    rows = []
    labels = {"2010": "2010", "2011": "2011", "2012": "2012",
              "2010-2012": "Three years, 2010-2012",
              "all years to 2013-03-01": "All active firms on 1 March 2013"}
    for period, label in labels.items():
        row = {"Period": label}
        for founder in FOUNDERS:
            row[FOUNDER_LABELS[founder]] = frame[(period, founder)]
        row["Total"] = frame[(period, "total")]
        rows.append(row)
    wide = pd.DataFrame(rows)
    column = FOUNDER_LABELS["branches and representative offices"]
    wide[column] = wide[column].astype(object)
    wide.loc[4, column] = (f"{frame[('all years to 2013-03-01', 'branches and representative offices')]:,} "
                           f"({frame[('all years to 2013-03-01', 'branches')]} branches, "
                           f"{frame[('all years to 2013-03-01', 'representative offices')]} "
                           "representative offices)")
    return wide


def firms_table(name: str):
    return table(firms_wide(), dataset=FIRMS, name=name,
                 caption="Active firms with Chinese founders in Kazakhstan on 1 March 2013, "
                         "by type of founder (number of firms)",
                 notes=["The split between branches and representative offices is given only for "
                        "the stock of all active firms.",
                        "The table does not say whether a year's row counts firms founded or "
                        "registered in that year that were still active in March 2013."])


def chart_firms_by_year():
    """Table 4.1: the three single years, stacked by type of founder."""
    frame = load(FIRMS)
    frame = frame[(frame["row_type"] == "single year") & frame["founder_type"].isin(FOUNDERS)].copy()
    frame["founder"] = frame["founder_type"].map(FOUNDER_LABELS)
    frame["rank"] = frame["founder_type"].map({f: i for i, f in enumerate(FOUNDERS)})
    pick = legend_selection("founder")
    chart = (
        alt.Chart(frame)
        .mark_bar(size=60)
        .encode(
            x=alt.X("period:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(firms):Q", title="Active firms (March 2013)"),
            color=alt.Color("founder:N", title=None, sort=list(FOUNDER_LABELS.values()),
                            legend=alt.Legend(orient="top", columns=1)),
            order=alt.Order("rank:Q"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
            tooltip=[alt.Tooltip("period:N", title="Year"), alt.Tooltip("founder:N", title="Founder"),
                     alt.Tooltip("firms:Q", title="Firms")],
        )
        .add_params(pick)
        .properties(width=520, height=240)
    )
    return figure(
        chart, name="chinese-firms-by-year", datasets=FIRMS,
        table=frame[["period", "founder", "firms"]],
        title="Chinese firms active in March 2013, by year row and founder",
        subtitle="Kazakhstan, rows 2010, 2011 and 2012 of Table 4.1, number of firms",
        notes=["The report does not say what the year rows mean; reading them as founding years is the book's."],
        description="Stacked bars: 34 firms for 2010 (8 founded by Chinese legal entities, 17 by "
                    "individuals, 9 branches and offices), 32 for 2011 (10, 16, 6) and 38 for 2012 "
                    "(12, 15, 11).")


def firm_counts() -> pd.DataFrame:
    counts = load("business_firm_counts")
    counts = counts[counts["place"] == "Kazakhstan"].copy()
    keep = {"Chinese-Kazakh joint ventures": "Chinese-Kazakh joint ventures (1998)",
            "registered Chinese companies": "Registered Chinese companies (1998)",
            "active Chinese SMEs and large companies, total": "Active Chinese firms, all types (March 2013)",
            "Chinese businesses registered, according to official Chinese sources":
                "Registered Chinese businesses, Chinese source (May 2013)"}
    counts = counts[counts["indicator"].isin(keep)].copy()
    counts["measure"] = counts["indicator"].map(keep)
    counts["as_stated"] = [qualified(v, q) for v, q in zip(counts["firms"], counts["qualifier"])]
    counts["order"] = counts["measure"].map({m: i for i, m in enumerate(keep.values())})
    return counts.sort_values("order")


def chart_firm_counts():
    """Counts of Chinese and joint firms the text quotes, 1998 and 2013."""
    frame = firm_counts()
    base = alt.Chart(frame).encode(
        y=alt.Y("measure:N", title=None, sort=list(frame["measure"]),
                axis=alt.Axis(labelLimit=330)),
        x=alt.X("firms:Q", title="Firms", scale=alt.Scale(domain=[0, 3300])),
        tooltip=[alt.Tooltip("measure:N", title="Count"), alt.Tooltip("as_stated:N", title="As stated"),
                 alt.Tooltip("cited_source:N", title="Source")],
    )
    bars = base.mark_bar(height=18).encode(
        color=alt.condition(alt.datum.qualifier == "up to", alt.value("#E69F00"), alt.value(BLUE)))
    labels = base.mark_text(align="left", dx=4).encode(text="as_stated:N")
    chart = (bars + labels).properties(width=230, height=alt.Step(30))
    return figure(
        chart, name="chinese-firm-counts", datasets=["business_firm_counts", FIRMS],
        table=frame[["date", "measure", "firms", "qualifier", "cited_source"]],
        title="How many Chinese firms? Counts quoted for 1998 and 2013",
        notes=["'Up to 3,000' is an upper bound for registered firms, not a count of active ones; "
               "the bar is drawn at the bound."],
        description="Bars: about 300 Chinese-Kazakh joint ventures and 18 registered Chinese companies "
                    "in 1998; 1,383 active Chinese firms in March 2013; up to 3,000 registered Chinese "
                    "businesses according to Chinese sources in May 2013.")


def chart_almaty_firms():
    """Large and medium-sized Chinese firms in Almaty, 2013."""
    counts = load("business_firm_counts")
    almaty = counts[counts["place"] == "Almaty city"].set_index("indicator")["firms"]
    frame = pd.DataFrame([
        {"size": "Large", "founder": "Chinese legal entities",
         "firms": almaty["large businesses set up by legal entities from China"]},
        {"size": "Large", "founder": "Individuals from China",
         "firms": almaty["large businesses set up by individuals from China"]},
        {"size": "Medium-sized", "founder": "Legal entities and individuals (not split)",
         "firms": almaty["medium-sized businesses set up by legal entities or individuals from China"]},
    ])
    pick = legend_selection("founder")
    chart = (
        alt.Chart(frame)
        .mark_bar(height=26)
        .encode(
            y=alt.Y("size:N", title=None),
            x=alt.X("sum(firms):Q", title="Firms, Almaty city, 2013"),
            color=alt.Color("founder:N", title="Founded by",
                            sort=["Chinese legal entities", "Individuals from China",
                                  "Legal entities and individuals (not split)"]),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
            tooltip=[alt.Tooltip("size:N", title="Size"), alt.Tooltip("founder:N", title="Founded by"),
                     alt.Tooltip("firms:Q", title="Firms")],
        )
        .add_params(pick)
        .properties(width=500, height=alt.Step(40))
    )
    return figure(
        chart, name="almaty-chinese-firms", datasets="business_firm_counts", table=frame,
        title="Large and medium-sized Chinese firms in Almaty, 2013",
        subtitle="Almaty city, 2013, number of firms set up by legal entities or individuals from China",
        notes=["The text splits only the large firms by type of founder."],
        description="Bars: 36 large firms in Almaty, 23 founded by Chinese legal entities and 13 by "
                    "individuals, and 80 medium-sized firms.")


def oil_companies_table(name: str):
    frame = load("business_oil_companies")
    frame["cnpc"] = [f"{v}%" if not pd.isna(v) else "" for v in frame["cnpc_share_percent"]]
    frame = frame[["company", "legal_form", "activity", "region", "shareholders_stated", "cnpc"]].rename(
        columns={"company": "Company", "legal_form": "Legal form", "activity": "Activity",
                 "region": "Where", "shareholders_stated": "Shareholders named", "cnpc": "CNPC stake"})
    return table(frame.fillna(""), dataset="business_oil_companies", name=name)


def chart_csr():
    """XinKaz staff and CNPC-sponsored students."""
    csr = load("business_csr_figures").set_index(["company", "indicator"])["value"]
    rows = [
        ("XinKaz staff", "Local residents", csr[("XinKaz", "staff who are local residents")]),
        ("XinKaz staff", "Others (140 minus 130)",
         csr[("XinKaz", "staff")] - csr[("XinKaz", "staff who are local residents")]),
        ("CNPC fund students, early 2010", "China University of Petroleum (Beijing)",
         csr[("CNPC", "sponsored students at the China University of Petroleum (Beijing)")]),
        ("CNPC fund students, early 2010", "Kazakh universities",
         csr[("CNPC", "sponsored students at Kazakh universities")]),
        ("CNPC-Aktobemunaigaz students, 2012", "Kazakh and Chinese universities (not split)",
         csr[("CNPC-Aktobemunaigaz", "students whose studies were financed at Kazakh and Chinese universities")]),
    ]
    frame = pd.DataFrame(rows, columns=["group", "part", "persons"])
    frame["persons"] = frame["persons"].astype(int)
    pick = legend_selection("part")
    chart = (
        alt.Chart(frame)
        .mark_bar(height=24)
        .encode(
            y=alt.Y("group:N", title=None, sort=[r[0] for r in rows], axis=alt.Axis(labelLimit=240)),
            x=alt.X("sum(persons):Q", title="Persons"),
            color=alt.Color("part:N", title=None, sort=[r[1] for r in rows],
                            legend=alt.Legend(orient="bottom", columns=2)),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
            tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("part:N", title="Part"),
                     alt.Tooltip("persons:Q", title="Persons")],
        )
        .add_params(pick)
        .properties(width=330, height=alt.Step(40))
    )
    return figure(
        chart, name="csr-staff-students", datasets="business_csr_figures", table=frame,
        title="Two Chinese firms' social footprint: local staff and sponsored students",
        subtitle="XinKaz (year not stated) and CNPC's education fund (2010, 2012), persons",
        notes=["The 119 students of early 2010 include the 77 and 41 drawn; the text does not place "
               "the remaining one.",
               "'Others' at XinKaz is computed as 140 staff minus 130 local residents."],
        description="XinKaz employs 140 people, 130 of them local residents. CNPC's fund sponsored "
                    "119 students in early 2010, 77 of them in Beijing and 41 at Kazakh universities; "
                    "in 2012 CNPC-Aktobemunaigaz paid for 86 students.")


def milestones_table(name: str):
    frame = load("business_milestones").sort_values("date", kind="stable")[["date", "actor", "event"]].rename(
        columns={"date": "Date", "actor": "Who", "event": "Event"})
    return table(frame, dataset="business_milestones", name=name,
                 caption="Dated events in the story of Chinese business in Kazakhstan")


# --- trade ------------------------------------------------------------------------------------

def chart_market_profile():
    """Who works at Kazakhstan's markets and how much of retail they carry."""
    markets = load("business_markets").set_index("indicator")["value"]
    shares = pd.DataFrame([
        ("Markets' share of all retail trade", markets["markets' share of total retail trade volume"]),
        ("Women among holders of trade places", markets["women among holders of trade places"]),
        ("People under 30 among those working in market trade",
         markets["people under 30 among those employed in market trade"]),
    ], columns=["measure", "percent"])
    staff = pd.DataFrame([
        ("Lessee", markets["lessees per trade place"]),
        ("Salespersons", markets["salespersons per trade place"]),
        ("Porters", markets["porters per trade place"]),
    ], columns=["role", "persons"])
    staff["rank"] = range(len(staff))
    left = (
        alt.Chart(shares)
        .mark_bar(height=20, color=BLUE)
        .encode(
            y=alt.Y("measure:N", title=None, sort=None, axis=alt.Axis(labelLimit=300)),
            x=alt.X("percent:Q", title="Percent", scale=alt.Scale(domain=[0, 100])),
            tooltip=[alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("percent:Q", title="Percent")],
        )
        .properties(width=200, height=alt.Step(30))
    )
    left = left + left.mark_text(align="left", dx=4).encode(text=alt.Text("percent:Q", format="d"))
    pick = legend_selection("role")
    right = (
        alt.Chart(staff)
        .mark_bar(size=40)
        .encode(
            x=alt.X("sum(persons):Q", title="People per trade place", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("role:N", title=None, sort=["Lessee", "Salespersons", "Porters"],
                            legend=alt.Legend(orient="bottom")),
            order=alt.Order("rank:Q"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
            tooltip=[alt.Tooltip("role:N", title="Role"), alt.Tooltip("persons:Q", title="Persons")],
        )
        .add_params(pick)
        .properties(width=300, height=40)
    )
    chart = alt.vconcat(left, right, spacing=18)
    frame = pd.concat([shares.assign(unit="percent").rename(columns={"percent": "value"}),
                       staff.drop(columns="rank").assign(unit="persons per trade place").rename(
                           columns={"role": "measure", "persons": "value"})], ignore_index=True)
    return figure(
        chart, name="market-profile", datasets="business_markets", table=frame,
        title="Kazakhstan's markets: share of retail, who trades, and the five people per stall",
        subtitle="Kazakhstan, all markets, figures quoted in 2014 (no reference year), percent and persons",
        description="Markets carry 46% of retail trade; 76% of trade-place holders are women and 14% "
                    "of people working in market trade are under 30. Each trade place employs five "
                    "people: one lessee, two salespersons and two porters.")


def chart_market_earnings():
    """Containers controlled and earnings of the large wholesale markets."""
    markets = _with_label(load("business_markets"), {"percent": "%", "billion US dollars": "billion dollars"})
    containers = markets[markets["indicator"].str.startswith("trade containers")].copy()
    # The report prints the Kyrgyz share as 'at least 25%' (coded 'over' in the data).
    containers["as_stated"] = containers["as_stated"].str.replace("over ", "at least ")
    containers["who"] = containers["indicator"].str.replace("trade containers controlled by ", "").str.capitalize()
    earnings = markets[markets["unit"] == "billion US dollars"].copy()
    earnings["what"] = earnings["scope"].map({
        "Kyrgyzstan": "Kyrgyzstan: transit of Chinese goods, a year",
        "Dordoi market, Bishkek": "Dordoi market (Bishkek)",
        "Bolashak market, Almaty": "Bolashak market (Almaty)"})
    left = alt.Chart(containers).encode(
        y=alt.Y("who:N", title=None),
        x=alt.X("value:Q", title="Share of containers at large markets (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("who:N", title="Controlled by"), alt.Tooltip("as_stated:N", title="As stated"),
                 alt.Tooltip("period:N", title="Period")],
    )
    left = (left.mark_bar(height=20, color=GREY, opacity=0.35)
            + left.mark_tick(thickness=3, size=26, color=ORANGE)
            + left.mark_text(align="left", dx=8).encode(text="as_stated:N")
            ).properties(width=180, height=alt.Step(34))
    right = alt.Chart(earnings).encode(
        y=alt.Y("what:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
        x=alt.X("value:Q", title="Billion US dollars", scale=alt.Scale(domain=[0, 3.5])),
        tooltip=[alt.Tooltip("what:N", title="What"), alt.Tooltip("as_stated:N", title="As stated"),
                 alt.Tooltip("cited_source:N", title="Source")],
    )
    right = (right.mark_bar(height=20, color=BLUE)
             + right.mark_text(align="left", dx=4).encode(text=alt.Text("value:Q"))
             ).properties(width=200, height=alt.Step(34))
    chart = alt.vconcat(left, right, spacing=20)
    frame = pd.concat([containers[["scope", "indicator", "value", "unit", "qualifier", "as_stated"]],
                       earnings[["scope", "indicator", "value", "unit", "qualifier", "as_stated"]]])
    return figure(
        chart, name="wholesale-markets", datasets="business_markets", table=frame,
        title="Who controlled the big wholesale markets, and what they earn",
        subtitle="Central Asia's large markets, 1990s-2000s (containers) and c. 2009-2012 (earnings)",
        notes=["Container shares are bounds: the grey bar and tick mark the bound, not a measured share "
               "(Kyrgyz: at least 25%; Chinese: up to 50%).",
               "No year is given for the market earnings; the cited study is dated 2012."],
        description="Kyrgyz businessmen controlled at least 25% and Chinese businessmen up to 50% of "
                    "trade containers at the large markets; the Dordoi market earns 2.8 billion dollars, "
                    "Bolashak 1.7 billion, and Kyrgyzstan about 1 billion a year from transit.")


def footwear_frame() -> pd.DataFrame:
    return load("business_footwear_trade")


def chart_footwear_exports():
    """Chinese footwear exported through Xinjiang, 2006 and 2012."""
    trade = footwear_frame()
    exports = trade[trade["flow"].str.startswith("Chinese")].set_index(["year", "indicator"])["value"]
    kaz = trade[trade["flow"] == "footwear imported by Kazakhstan"].set_index("indicator")["value"]
    vol = pd.DataFrame([
        {"year": "2006", "flow": "Exports through Xinjiang checkpoints", "value": exports[(2006, "volume")],
         "as_stated": f"about {exports[(2006, 'volume')]:g} million pairs", "label": f"about {exports[(2006, 'volume')]:g}"},
        {"year": "2012", "flow": "Exports through Xinjiang checkpoints", "value": exports[(2012, "volume")],
         "as_stated": f"{exports[(2012, 'volume')]:g} million pairs", "label": f"{exports[(2012, 'volume')]:g}"},
        {"year": "2012", "flow": "Imports of Kazakhstan", "value": kaz["volume"],
         "as_stated": f"{kaz['volume']:g} million pairs (more than 10% up on 2011)", "label": f"{kaz['volume']:g}"},
    ])
    val = pd.DataFrame([
        {"year": "2006", "flow": "Exports through Xinjiang checkpoints",
         "value": exports[(2006, "value")] / 1000, "as_stated": f"{exports[(2006, 'value')]:g} million dollars", "label": "0.73"},
        {"year": "2012", "flow": "Exports through Xinjiang checkpoints",
         "value": exports[(2012, "value")], "as_stated": f"{exports[(2012, 'value')]:g} billion dollars", "label": f"{exports[(2012, 'value')]:g}"},
    ])
    color = alt.Color("flow:N", title=None, scale=alt.Scale(
        domain=["Exports through Xinjiang checkpoints", "Imports of Kazakhstan"], range=[BLUE, ORANGE]))
    pick = legend_selection("flow")

    def panel(frame, title, domain, select):
        base = alt.Chart(frame).encode(
            x=alt.X("year:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("flow:N"),
            y=alt.Y("value:Q", title=title, scale=alt.Scale(domain=domain)),
            tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("flow:N", title="Flow"),
                     alt.Tooltip("as_stated:N", title="As stated")],
        )
        bars = base.mark_bar().encode(color=color, opacity=alt.condition(pick, alt.value(1), alt.value(0.25)))
        bars = bars.add_params(pick) if select else bars
        return (bars
                + base.mark_text(dy=-7).encode(text="label:N")
                ).properties(width=240, height=220)

    chart = alt.hconcat(panel(vol, "Million pairs", [0, 320], True), panel(val, "Billion US dollars", [0, 2.5], False),
                        spacing=30)
    frame = pd.concat([vol.assign(unit="million pairs"), val.assign(unit="billion US dollars")]).drop(columns="label")
    return figure(
        chart, name="footwear-exports", datasets="business_footwear_trade", table=frame,
        title="Chinese footwear through Xinjiang, 2006 and 2012",
        subtitle="Pairs and value of exports through XUAR border checkpoints; Kazakhstan's imports in 2012",
        notes=["2006 value printed as 730 million dollars, drawn on the billion-dollar scale.",
               "The report's average price for 2012 (10.6 dollars a pair) does not follow from these "
               "figures, which give about 7.86 dollars; see the note in the text."],
        description="Exports of footwear through Xinjiang's checkpoints rose from about 150 million pairs "
                    "worth 730 million dollars in 2006 to 280 million pairs worth 2.2 billion in 2012; "
                    "Kazakhstan imported 150 million pairs in 2012.")


def cross_border() -> pd.DataFrame:
    return load("business_cross_border_trade")


def chart_carrier_loss():
    """The tax the budget loses to carriers: the tenge range against the dollar figure."""
    cb = cross_border().set_index("indicator")
    tenge_per_dollar = cb.loc["earnings per carrier (tenge)", "value"] / cb.loc["earnings per carrier (dollars)", "value"]
    low = cb.loc["tax revenue lost to the budget (tenge)", "value"] * 1e6
    high = cb.loc["tax revenue lost to the budget (tenge)", "value_upper"] * 1e6
    frame = pd.DataFrame([
        {"measure": "12-15 million tenge, converted",
         "low": low / tenge_per_dollar, "high": high / tenge_per_dollar,
         "as_stated": f"about {low / 1e6:g}-{high / 1e6:g} million tenge; converted: "
                      f"{low / tenge_per_dollar:,.0f}-{high / tenge_per_dollar:,.0f} dollars"},
        {"measure": "Dollars, as printed",
         "low": cb.loc["tax revenue lost to the budget (dollars)", "value"],
         "high": cb.loc["tax revenue lost to the budget (dollars)", "value"],
         "as_stated": "about 100,000 dollars"},
    ])
    xscale = alt.Scale(domain=[60000, 110000])
    xaxis = alt.Axis(values=[60000, 70000, 80000, 90000, 100000, 110000],
                     labelExpr="format(datum.value, ',.0f')")
    base = alt.Chart(frame).encode(
        y=alt.Y("measure:N", title=None, sort=None, axis=alt.Axis(labelLimit=330)),
        tooltip=[alt.Tooltip("measure:N", title="Figure"), alt.Tooltip("as_stated:N", title="As stated")],
    )
    bars = base.mark_bar(height=16, color=BLUE).encode(
        x=alt.X("low:Q", title="US dollars a year", scale=xscale, axis=xaxis), x2="high:Q")
    dots = base.transform_filter(alt.datum.low == alt.datum.high).mark_point(
        filled=True, size=120, color=ORANGE, opacity=1).encode(
        x=alt.X("high:Q", scale=xscale, axis=xaxis, title="US dollars a year"))
    chart = (bars + dots).properties(width=360, height=alt.Step(40))
    return figure(
        chart, name="carrier-budget-loss", datasets="business_cross_border_trade", table=frame,
        title="The budget's yearly loss to carriers at Khorgos, in dollars",
        subtitle="Khorgos, estimate quoted in 2011, US dollars a year (axis starts at 60,000)",
        notes=["The exchange rate is the one implied by the report's own pairing of 10,000 tenge with "
               "67 dollars (about 149 tenge per dollar).",
               "Only the upper end of the tenge range matches the printed 100,000 dollars."],
        description="Converted at the rate the report implies, 12-15 million tenge is about 80,400 to "
                    "100,500 dollars; the report prints 100,000 dollars, which matches only the upper end.")


def chart_small_trade_share():
    """Small cross-border trade's share of trade, 2012 and 2013, and the 'more than half' estimate."""
    cb = _with_label(cross_border())
    frame = cb[cb["unit"] == "percent"].copy()
    frame["what"] = frame["indicator"].map({
        "small cross-border trade's share of Xinjiang foreign trade": "Share of Xinjiang's foreign trade (XUAR customs)",
        "small daily transactions' share of cross-border trade": "Share of cross-border trade",
        "small daily transactions' share of cargo crossing the border": "Share of all cargo crossing ('some estimates')",
    })
    frame["when"] = frame["period"].replace({"not stated": "year not stated"})
    frame["label"] = frame["as_stated"] + " (" + frame["when"] + ")"
    base = alt.Chart(frame).encode(
        y=alt.Y("what:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("value:Q", title="Percent", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("what:N", title="Measure"), alt.Tooltip("when:N", title="Year"),
                 alt.Tooltip("as_stated:N", title="As stated"), alt.Tooltip("cited_source:N", title="Source")],
    )
    bars = base.mark_bar(height=20).encode(
        color=alt.condition(alt.datum.qualifier == "more than", alt.value("#bdbdbd"), alt.value(BLUE)))
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    rule = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(strokeDash=[4, 3], color=GREY).encode(x="x:Q")
    chart = alt.layer(bars, text, rule).properties(width=230, height=alt.Step(34))
    return figure(
        chart, name="small-trade-share", datasets="business_cross_border_trade",
        table=frame[["what", "period", "value", "qualifier", "cited_source"]],
        title="Small-scale trade's share of Xinjiang's foreign and cross-border trade",
        subtitle="Kazakhstan-China border and Xinjiang, 2012-2013, percent",
        notes=["The grey bar is a lower bound ('more than half'), drawn at 50%.",
               "The dashed line marks half."],
        description="Small cross-border trade made up 51.7% of Xinjiang's foreign trade in 2012 and small "
                    "daily transactions 52.1% of cross-border trade in 2013; some estimates put their "
                    "share of all cargo at more than half.")


def chart_uyghur_languages():
    profile = load("business_ethnic_profile_figures")
    frame = profile[profile["group"] == "Uyghurs of Kazakhstan"].copy()
    frame["language"] = frame["indicator"].str.replace("command of ", "").str.replace(
        "their native language", "Uyghur (native language)")
    base = alt.Chart(frame).encode(
        y=alt.Y("language:N", title=None, sort=None),
        x=alt.X("value:Q", title="Percent of Kazakhstan's Uyghurs with command of the language",
                scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("language:N", title="Language"), alt.Tooltip("value:Q", title="Percent")],
    )
    chart = (base.mark_bar(height=20, color=GREEN) + base.mark_text(align="left", dx=4).encode(text="value:Q")
             ).properties(width=480, height=alt.Step(30))
    return figure(
        chart, name="uyghur-languages", datasets="business_ethnic_profile_figures",
        table=frame[["group", "language", "value", "unit", "cited_source"]],
        title="Kazakhstan's Uyghurs speak three languages almost equally well",
        subtitle="Uyghurs of Kazakhstan, study published in 2000 (reference year not stated), percent",
        description="81.3% of Kazakhstan's Uyghurs command Uyghur, 80.5% Kazakh and 76.1% Russian.")


def trader_groups_table(name: str):
    groups = load("business_trader_ethnic_groups")
    kz = groups[groups["side"] == "Kazakhstan"]["ethnic_group"].tolist()
    cn = groups[groups["side"] == "China"]["ethnic_group"].tolist()
    everyone = list(dict.fromkeys(kz + cn))
    frame = pd.DataFrame({
        "Ethnic group": everyone,
        "Among traders on the Kazakh side": ["yes" if g in kz else "" for g in everyone],
        "Among traders on the Chinese side": ["yes" if g in cn else "" for g in everyone],
    })
    frame["On both sides"] = ["yes" if g in kz and g in cn else "" for g in everyone]
    return table(frame, dataset="business_trader_ethnic_groups", name=name,
                 caption="Ethnic groups among shuttle traders on each side of the border (no counts given)")


# --- impact on local business -----------------------------------------------------------------

def chart_footwear_supply():
    frame = load("business_footwear_supply_shares")
    frame["when"] = frame["period"].replace({"present (source dated 2014)": "Today (source of 2014)"})
    frame["supplier"] = frame["supplier"].replace({"domestic industry": "Domestic industry"})
    order = ["Domestic industry", "China", "Turkey and Russia", "Europe"]
    frame["rank"] = frame["supplier"].map({s: i for i, s in enumerate(order)})
    pick = legend_selection("supplier")
    base = alt.Chart(frame).encode(
        y=alt.Y("when:N", title=None, sort=["Soviet period", "Today (source of 2014)"]),
        x=alt.X("share_percent:Q", title="Share of Kazakhstan's footwear demand (%)", stack="zero",
                scale=alt.Scale(domain=[0, 100])),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("when:N", title="Period"), alt.Tooltip("supplier:N", title="Supplier"),
                 alt.Tooltip("share_percent:Q", title="Share (%)")],
    )
    bars = base.mark_bar(height=28).encode(
        color=alt.Color("supplier:N", title=None, sort=order,
                        scale=alt.Scale(domain=order, range=[GREEN, ORANGE, BLUE, "#CC79A7"])),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
    ).add_params(pick)
    chart = bars.properties(width=480, height=alt.Step(46))
    return figure(
        chart, name="footwear-supply", datasets="business_footwear_supply_shares",
        table=frame[["period", "supplier", "share_percent"]],
        title="Who shoes Kazakhstan: domestic makers then and now",
        subtitle="Kazakhstan, Soviet period and c. 2014, percent of footwear demand",
        notes=["For the Soviet period the report gives only the domestic share (60%); the rest is left blank."],
        description="In Soviet times domestic industry met 60% of demand for footwear; today it meets 1%, "
                    "with 75% from China, 20% from Turkey and Russia and 4% from Europe.")


def chart_light_industry():
    li = _with_label(load("business_light_industry"))
    pct = li[(li["sector"] == "consumer goods industry") & (li["unit"] == "percent")].copy()
    pct["what"] = pct["indicator"].map({
        "SMEs' share of the industry": "SMEs' share of the industry",
        "enterprises using obsolete equipment": "Enterprises with obsolete equipment",
        "capacity utilisation": "Capacity in use"})
    pct["upper"] = pct["value_upper"].fillna(pct["value"])
    base = alt.Chart(pct).encode(
        y=alt.Y("what:N", title=None, sort=None),
        tooltip=[alt.Tooltip("what:N", title="Measure"), alt.Tooltip("as_stated:N", title="As stated")],
    )
    bars = base.mark_bar(height=18, color=BLUE).encode(
        x=alt.X("value:Q", title="Percent (consumer goods industry, c. 2010)", scale=alt.Scale(domain=[0, 100])))
    ranges = base.mark_bar(height=18, color=BLUE, opacity=0.4).encode(x="value:Q", x2="upper:Q")
    text = base.mark_text(align="left", dx=4).encode(x="upper:Q", text="as_stated:N")
    top = (bars + ranges + text).properties(width=330, height=alt.Step(30))
    leather = li[li["sector"] == "leather and footwear"].copy()
    counts = pd.DataFrame([
        ("Consumer goods industry: employed, 1 January 2010",
         li.query("sector == 'consumer goods industry' and indicator == 'employment'")["as_stated"].item(),
         li.query("sector == 'consumer goods industry' and indicator == 'employment'")["value"].item()),
        *[(f"Leather and footwear: {i}", s, v) for i, s, v in
          zip(leather["indicator"], leather["as_stated"], leather["value"])],
    ], columns=["measure", "as_stated", "value"])
    frame = pd.concat([pct[["what", "value", "value_upper", "qualifier", "as_stated"]].rename(
        columns={"what": "measure"}), counts], ignore_index=True)
    return figure(
        top, name="light-industry", datasets="business_light_industry", table=frame,
        title="A consumer goods industry running at a third of its capacity",
        subtitle="Kazakhstan, consumer goods industry, government programme of 2010, percent",
        notes=["The lighter part of the bottom bar is the printed range of 30-40%.",
               "Counts (13,700 employed in 2010; 42 leather and footwear firms, about 900 workers, "
               "1.5 million pairs) are in the data table below the chart and in the text."],
        description="Over 80% of the consumer goods industry consists of SMEs; about 60% of its firms "
                    "use obsolete equipment; capacity in use is 30-40%.")


def chart_sme_structure():
    frame = load("business_sme_structure")
    frame["label"] = frame["category"].str.capitalize()
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", title=None, sort="-x"),
        x=alt.X("share_percent:Q", title="Share of all SMEs (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("label:N", title="Category"), alt.Tooltip("share_percent:Q", title="Share (%)")],
    )
    chart = (base.mark_bar(height=20, color=BLUE) + base.mark_text(align="left", dx=4).encode(text="share_percent:Q")
             ).properties(width=440, height=alt.Step(30))
    return figure(
        chart, name="sme-structure", datasets="business_sme_structure",
        table=frame[["category", "share_percent"]],
        title="Most of Kazakhstan's small business is one person trading",
        description="Of all SMEs in Kazakhstan, 68.4% are individual entrepreneurs, 22.3% farms, "
                    "8.3% small businesses and 1% medium-sized businesses.")


def chart_sme_weight():
    frame = _with_label(load("business_enterprise_size_shares"))
    frame["who"] = frame["enterprise_size"].map({"SMEs": "SMEs", "big business": "Big business"}) + \
        frame["scope"].map({"Kazakhstan": ", Kazakhstan", "developed countries": ", developed countries"})
    frame["basis"] = frame["indicator"].map({
        "share of economic agents": "Share of economic agents",
        "share (basis not stated)": "Share of economic agents",
        "share of GDP": "Share of GDP"})
    frame["note"] = frame["indicator"].map({
        "share (basis not stated)": "the report does not say what the 7% is a share of",
        "share of economic agents": "", "share of GDP": ""})
    frame["upper"] = frame["value_upper"].fillna(frame["value"])
    order = ["SMEs, Kazakhstan", "Big business, Kazakhstan", "SMEs, developed countries"]
    base = alt.Chart(frame).encode(
        y=alt.Y("who:N", title=None, sort=order),
        tooltip=[alt.Tooltip("who:N", title="Who"), alt.Tooltip("basis:N", title="Measure"),
                 alt.Tooltip("as_stated:N", title="As stated"), alt.Tooltip("note:N", title="Note")],
    )
    bars = base.mark_bar(height=18).encode(
        x=alt.X("value:Q", title="Percent", scale=alt.Scale(domain=[0, 100])),
        color=alt.condition(alt.datum.indicator == "share (basis not stated)", alt.value("#bdbdbd"),
                            alt.value(BLUE)))
    ranges = base.mark_bar(height=18, color=BLUE, opacity=0.4).encode(x="value:Q", x2="upper:Q")
    text = base.mark_text(align="left", dx=4).encode(x="upper:Q", text="as_stated:N")
    chart = (
        alt.layer(bars, ranges, text, data=frame)
        .properties(width=300, height=alt.Step(26))
        .facet(row=alt.Row("basis:N", title=None, sort=["Share of economic agents", "Share of GDP"],
                           header=alt.Header(labelAngle=0, labelAlign="left",
                                                                    labelFontWeight="bold")))
        .resolve_scale(y="independent")
    )
    return figure(
        chart, name="sme-weight", datasets="business_enterprise_size_shares",
        table=frame[["scope", "enterprise_size", "indicator", "value", "value_upper"]],
        title="Many small firms, little output",
        subtitle="Kazakhstan and developed countries, c. 2012-2013, percent",
        notes=["Big business's 7% (grey) is printed without its basis; it is shown beside the SMEs' 93% "
               "of economic agents, with which it adds up to 100.",
               "Developed countries: a printed range of 50-60% (lighter part = the range)."],
        description="SMEs make up 93% of Kazakhstan's economic agents but produce 20% of GDP, against "
                    "50-60% in developed countries; big business is put at 7% of firms and 70% of GDP.")
