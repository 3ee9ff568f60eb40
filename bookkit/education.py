"""Tables and charts of the chapter on soft power and education (report section 6)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import theme
from .charts import figure
from .data import load
from .tables import fmt_number, table
from .theme import legend_selection

YEAR_COLOURS = {"2006": theme.PALETTE[5], "2014/15": theme.PALETTE[0]}
AREA_COLOURS = {"All respondents": theme.PALETTE[5], "Almaty": theme.PALETTE[1]}

SURVEY_ITEMS = {
    "knows_someone_who_studies_or_studied_in_china": "Knows someone who studies or studied in China",
    "wants_education_in_china_self": "Wants to study in China",
    "wants_education_in_china_for_children": "Wants their children to study in China",
    "wants_sinology_training_in_kazakhstan_self": "Wants sinology training in Kazakhstan",
    "wants_sinology_training_in_kazakhstan_for_children": "Wants the same for their children",
}


def _with_qualifier(value, qualifier) -> str:
    text = fmt_number(value)
    return f"{qualifier} {text}" if isinstance(qualifier, str) and qualifier else text


# -- foreign students in China ----------------------------------------------------------------

def chart_international_students():
    """Foreign students in China: totals of 2010 and 2014 and the five largest senders of 2014."""
    frame = load("education_international_students_china")
    students = frame[frame["indicator"] == "students"].copy()
    origins = frame[frame["indicator"] == "countries_of_origin"].set_index("year")["value"]
    students["label"] = [
        f"All foreign students, {y} ({origins[y]} origins)" if c == "All countries" else f"{c}, {y}"
        for c, y in zip(students["country"], students["year"])]
    students["kind"] = ["Total" if c == "All countries" else "Five largest senders, 2014"
                        for c in students["country"]]
    order = list(students.sort_values(["kind", "value"], ascending=[False, False])["label"])
    base = alt.Chart(students).encode(
        y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
        x=alt.X("value:Q", title="Foreign students in China (persons)", axis=alt.Axis(format="~s"),
                scale=alt.Scale(domain=[0, 420000])),
        tooltip=[alt.Tooltip("label:N", title="Group"),
                 alt.Tooltip("value:Q", title="Students", format=",")],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("kind:N", title=None, sort=["Total", "Five largest senders, 2014"],
                        scale=alt.Scale(range=[theme.PALETTE[6], theme.PALETTE[0]])))
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text("value:Q", format=","))
    chart = (bars + labels).properties(width=300, height=alt.Step(24))
    return figure(
        chart, name="education-intl-students", datasets="education_international_students_china",
        table=frame,
        title="Foreign students in China",
        notes=["Only the countries the report quantifies; it also names India, Indonesia, Kazakhstan and "
               "Pakistan among the senders of 2014 without figures.",
               "2010: origins counted as countries; 2014: as countries and regions."],
        description="Horizontal bars: 265,000 foreign students in China in 2010 and 377,054 in 2014; in 2014 "
                    "the largest groups came from South Korea (62,923), the United States (24,203), Thailand "
                    "(21,296), Russia (17,202) and Japan (15,057).")


# -- students from Kazakhstan ----------------------------------------------------------------

def kz_students_table(name: str):
    frame = load("education_kz_students_china_by_year")
    out = pd.DataFrame({
        "Period": frame["period"],
        "From": frame["origin"],
        "To": frame["destination"],
        "Who is counted": frame["scope"],
        "Students": [_with_qualifier(v, q) for v, q in zip(frame["students"], frame["qualifier"])],
        "Source cited": frame["cited_source"],
    })
    return table(out, dataset="education_kz_students_china_by_year", name=name,
                 notes=["Figures with 'about', 'almost' or 'more than' are printed that way in the report."])


def chart_kz_students_by_year():
    """The counts of Kazakhstani students in China the report gives, as separate bars."""
    frame = load("education_kz_students_china_by_year")
    frame = frame[(frame["origin"] == "Kazakhstan") & (frame["destination"] == "China")].copy()
    frame["label"] = [_with_qualifier(v, q) for v, q in zip(frame["students"], frame["qualifier"])]
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", title="Year or academic year (periods are not evenly spaced)", sort=None,
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("students:Q", title="Students from Kazakhstan in China", axis=alt.Axis(format="~s")),
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("label:N", title="Students"),
                 alt.Tooltip("scope:N", title="Who is counted"),
                 alt.Tooltip("cited_source:N", title="Cited source")],
    )
    chart = (base.mark_bar(color=theme.PALETTE[0], width=alt.RelativeBandSize(0.55))
             + base.mark_text(dy=-7).encode(text="label:N")).properties(width=520, height=260)
    return figure(
        chart, name="education-kz-students-years", datasets="education_kz_students_china_by_year",
        table=frame[["period", "scope", "students", "qualifier", "cited_source"]],
        title="Students from Kazakhstan in China: the counts the report gives",
        notes=["Counts from different sources and scopes: 2003 is the first one-year language exchange, "
               "2006 undergraduates only, 2014/15 students of every kind of programme.",
               "Only the periods the report names; nothing is drawn for the years in between."],
        description="Bars for five periods: 20 students in 2003, about 1,200 in 2006, 7,874 in 2010/11, "
                    "8,287 in 2011/12 and almost 11,200 in 2014/15.")


def chart_kz_students_by_city():
    frame = load("education_kz_students_china_by_city")
    frame = frame[frame["place_type"] != "region"].copy()
    frame["place"] = frame["place"].replace({"Nanjing, Lanzhou and Harbin": "Nanjing, Lanzhou, Harbin*"})
    order = list(frame[frame["period"] == "2014/15"].sort_values("students", ascending=False)["place"])
    pick = legend_selection("period")
    base = alt.Chart(frame).encode(
        y=alt.Y("place:N", title=None, sort=order),
        yOffset=alt.YOffset("period:N", sort=list(YEAR_COLOURS)),
        x=alt.X("students:Q", title="Students from Kazakhstan (persons)", scale=alt.Scale(domain=[0, 4400])),
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("place:N", title="City"),
                 alt.Tooltip("students:Q", title="Students", format=","),
                 alt.Tooltip("cited_source:N", title="Cited source")],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("period:N", title="Academic year", sort=list(YEAR_COLOURS),
                        scale=alt.Scale(domain=list(YEAR_COLOURS), range=list(YEAR_COLOURS.values()))),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
    ).add_params(pick)
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("students:Q", format=","))
    chart = (bars + labels).properties(width=400, height=alt.Step(13))
    return figure(
        chart, name="education-kz-students-cities", datasets="education_kz_students_china_by_city",
        table=frame[["period", "place", "students", "cited_source"]],
        title="Where in China students from Kazakhstan study",
        subtitle="Students from Kazakhstan by Chinese city, 2006 and 2014/15 (persons)",
        notes=["Partial lists: the cities named account for only part of the about 1,200 students (2006) "
               "and the almost 11,200 (2014/15).",
               "* The report gives 150 for Nanjing, Lanzhou and Harbin without saying whether that is each "
               "city or the three together.",
               "No 2006 figures are given for Xi'an, Wuhan and the last three cities."],
        description="Grouped bars by city: in 2014/15 about 4,000 students from Kazakhstan were in Beijing, "
                    "1,250 in Urumqi, 800 in Shanghai, 700 in Xi'an, 500 in Guangzhou, 400 in Wuhan; in 2006 "
                    "500 were in Beijing, 206 in Shanghai, 130 in Guangzhou and 108 in Urumqi.")


# -- Bolashak, SCO, Confucius Institutes ------------------------------------------------------

def bolashak_graduates_table(name: str):
    frame = load("education_bolashak_graduates_china")
    out = frame.rename(columns={"programme": "Programme", "graduates": "Graduates"})[["Programme", "Graduates"]]
    return table(out, dataset="education_bolashak_graduates_china", name=name,
                 caption="Bolashak scholars who had graduated from Chinese universities by December 2014, "
                         "by programme")


def chart_sco_university():
    frame = load("education_sco_network_university")
    parts = frame[frame["country"] != "Total"]
    base = alt.Chart(parts).encode(
        y=alt.Y("country:N", title=None, sort="-x"),
        x=alt.X("universities:Q", title="Member universities", axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("country:N", title="Country"),
                 alt.Tooltip("universities:Q", title="Universities")],
    )
    chart = (base.mark_bar().encode(
                 color=alt.condition(alt.datum.country == "Kazakhstan", alt.value(theme.PALETTE[1]),
                                     alt.value(theme.PALETTE[0])))
             + base.mark_text(align="left", dx=4).encode(text="universities:Q")
             ).properties(width=440, height=alt.Step(24))
    return figure(
        chart, name="education-sco-university", datasets="education_sco_network_university", table=frame,
        title="Members of the SCO Network University, by country",
        notes=["53 universities in all; the report gives no date for the count (the network began in 2009)."],
        description="Horizontal bars: of the 53 member universities, 16 are in Russia, 11 in Tajikistan, "
                    "10 in China, 10 in Kazakhstan and 6 in Kyrgyzstan.")


MONTHS = {2: "February", 12: "December"}


def confucius_table(name: str):
    frame = load("education_confucius_institutes_kz")
    opened = [f"{MONTHS[int(m)]} {y}" if pd.notna(m) else str(y)
              for y, m in zip(frame["year_opened"], frame["month_opened"])]
    out = pd.DataFrame({
        "Opened": opened,
        "City": frame["city"],
        "Host university": frame["host"],
        "Partner in China": frame["partner_in_china"].fillna("not stated"),
    })
    return table(out, dataset="education_confucius_institutes_kz", name=name)


# -- the 2012 survey (Diagram 6.1) -----------------------------------------------------------

def education_survey_frame() -> pd.DataFrame:
    frame = load("education_survey_2012")
    frame["question"] = frame["item"].map(SURVEY_ITEMS)
    frame["respondents"] = frame["area"].replace({"Kazakhstan": "All respondents"})
    frame["label"] = [f"{'about ' if isinstance(q, str) and q else ''}{p:g}%"
                      for p, q in zip(frame["percent"], frame["qualifier"])]
    return frame


def chart_education_survey():
    """Diagram 6.1: the national and Almaty shares the text states."""
    frame = education_survey_frame()
    pick = legend_selection("respondents")
    base = alt.Chart(frame).encode(
        y=alt.Y("question:N", title=None, sort=list(SURVEY_ITEMS.values()),
                axis=alt.Axis(labelLimit=330, labelFontSize=10.5)),
        yOffset=alt.YOffset("respondents:N", sort=list(AREA_COLOURS)),
        x=alt.X("percent:Q", title="Percent of respondents answering yes", scale=alt.Scale(domain=[0, 45])),
        tooltip=[alt.Tooltip("question:N", title="Question"), alt.Tooltip("respondents:N", title="Respondents"),
                 alt.Tooltip("label:N", title="Share")],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("respondents:N", title=None, sort=list(AREA_COLOURS),
                        scale=alt.Scale(domain=list(AREA_COLOURS), range=list(AREA_COLOURS.values()))),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
    ).add_params(pick)
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(text="label:N")
    chart = (bars + labels).properties(width=300, height=alt.Step(15))
    return figure(
        chart, name="education-survey-2012", datasets="education_survey_2012",
        table=frame[["item", "respondents", "percent", "qualifier"]],
        title="Studying in China: what urban Kazakhstanis said in 2012",
        notes=["544 urban residents aged 15 and over, face-to-face, stratified random sample; sampling error "
               "at most 4.1% (the report's note 1 to section 6).",
               "Separate yes-answers to separate questions; they do not add up to 100.",
               "Diagram 6.1 was printed as an image; only the shares its text states are drawn. "
               "The size of the Almaty subsample is not given."],
        description="Grouped bars: 16% of all respondents (17% in Almaty) knew someone who studies or studied in "
                    "China; 12% (about 17%) wanted to study there and 18% (23%) wanted their children to; 13% "
                    "(27%) wanted sinology training in Kazakhstan for themselves and 16% (39%) for their children.")
