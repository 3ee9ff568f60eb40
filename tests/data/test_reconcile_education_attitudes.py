"""Reconciliation checks for the survey notes of the introduction and report sections 6
(education_*) and 7 (attitudes_*).

Printed totals are compared with the sum of their parts, figures the prose repeats with the
table cells they come from, and every self-contradiction goes through bookkit.agree (via
recon.check) or, for the two that are about wording, is asserted against its record.
"""
import re

import pytest

from recon import check, load, one, recorded

ATTITUDES = ["very good", "good", "indifferent", "poor", "very poor"]
GROUPS = ["Total", "Kazakhs", "Russians", "Other ethnicities"]


# ---------------------------------------------------------------- surveys

def test_survey_sample_sizes():
    s = load("surveys_fieldwork").set_index("year")
    assert list(s.index) == [2005, 2007, 2009, 2012]
    assert s["sample_size"].to_dict() == {2005: 2000, 2007: 588, 2009: 1200, 2012: 544}


@pytest.mark.parametrize("year", [2007, 2012])
def test_survey_sizes_match_table_71(year):
    size = one(load("surveys_fieldwork"), year=year)["sample_size"]
    assert one(load("attitudes_by_ethnic_group_summary"), survey_year=year, ethnic_group="Total")["respondents"] == size


def test_survey_sizes_repeated_elsewhere():
    sizes = load("surveys_fieldwork").set_index("year")["sample_size"]
    # the 2005 and 2009 surveys are also described in section 3
    migration = load("migration_key_figures").set_index("id")["value"]
    assert migration["survey2005_sample"] == sizes[2005]
    assert sizes[2009] == 1200


@pytest.mark.discrepancy("survey_2012_youngest_age_group")
def test_survey_2012_youngest_age_group():
    s = load("surveys_fieldwork").set_index("year")
    record = recorded("survey_2012_youngest_age_group")
    assert (record.value_a, record.value_b) == ("15-29", "18-29")
    assert (s.loc[2012, "age_min"], s.loc[2007, "age_min"]) == (15, 18)
    # the data still show the difference: 15-29 fits the 2012 sample's lower age limit,
    # 18-29 (the 2007 limit) does not
    assert int(record.value_a.split("-")[0]) == s.loc[2012, "age_min"]
    assert int(record.value_b.split("-")[0]) != s.loc[2012, "age_min"]


# ---------------------------------------------------------------- section 6

def test_international_students_top5_below_total():
    t = load("education_international_students_china")
    students = t[(t.year == 2014) & (t.indicator == "students")]
    total = one(students, country="All countries")["value"]
    top = students[students.country != "All countries"]["value"]
    assert total == 377054
    assert top.sum() == 140681 and top.sum() < total
    assert list(top) == sorted(top, reverse=True)  # South Korea, USA, Thailand, Russia, Japan
    assert one(t, year=2010, country="All countries", indicator="students")["value"] == 265000 < total


def test_kz_students_by_city_within_totals():
    by_year = load("education_kz_students_china_by_year")
    by_city = load("education_kz_students_china_by_city")
    total06 = one(by_year, period="2006", destination="China")["students"]
    total14 = one(by_year, period="2014/15", destination="China")["students"]
    cities06 = by_city[(by_city.period == "2006") & (by_city.place_type == "city")]["students"].sum()
    cities14 = by_city[by_city.period == "2014/15"]["students"].sum()
    assert (total06, cities06) == (1200, 944)
    assert (total14, cities14) == (11200, 7800)
    assert cities06 <= total06
    # even if 150 were each city's figure for Nanjing, Lanzhou and Harbin
    assert cities14 + 2 * 150 <= total14


def test_kz_students_growth_and_russia_comparison():
    by_year = load("education_kz_students_china_by_year")
    china = by_year[by_year.destination == "China"].set_index("period")["students"]
    assert list(china) == sorted(china)  # a growing series, 2003 to 2014/15
    russia = one(by_year, period="2014/15", destination="Russia")["students"]
    abroad = one(by_year, period="2014/15", destination="All countries abroad")["students"]
    # 'second only to Russia', and both within 'more than 50,000' abroad
    assert china["2014/15"] < russia < abroad
    assert china["2014/15"] + russia < abroad


def test_bolashak_graduates_sum_to_total():
    g = load("education_bolashak_graduates_china").set_index("programme")["graduates"]
    assert g.drop("Total").sum() == g["Total"] == 116


def test_bolashak_share_south_east_asia():
    b = load("education_bolashak_figures").set_index("indicator")["value"]
    share = b["participants_south_east_asia_incl_china"] / b["scholarships_awarded_all_countries"] * 100
    assert round(share, 1) == b["share_south_east_asia_incl_china"] == 7.8
    assert b["participants_trained_in_china"] <= b["participants_south_east_asia_incl_china"]


@pytest.mark.discrepancy("bolashak_trained_in_china")
def test_bolashak_trained_against_graduates():
    b = load("education_bolashak_figures").set_index("indicator")["value"]
    g = load("education_bolashak_graduates_china").set_index("programme")["graduates"]
    check("bolashak_trained_in_china", b["participants_trained_in_china"],
          g["Total"] + b["scholars_currently_in_china"])


def test_sco_network_university_sum():
    s = load("education_sco_network_university").set_index("country")["universities"]
    assert s.drop("Total").sum() == s["Total"] == 53


def test_confucius_institutes_kz():
    ci = load("education_confucius_institutes_kz")
    assert len(ci) == 4
    assert ci.groupby("year_opened").size().to_dict() == {2007: 1, 2009: 1, 2011: 2}


@pytest.mark.discrepancy("confucius_first_outside_china")
def test_confucius_first_outside_china():
    figures = load("education_soft_power_figures")
    first_abroad = figures[figures.indicator.str.startswith("Year the first Confucius")]["value"]
    assert len(first_abroad) == 1
    first_kz = load("education_confucius_institutes_kz")["year_opened"].min()
    check("confucius_first_outside_china", first_abroad.iloc[0], first_kz)
    assert first_kz < first_abroad.iloc[0]  # Kazakhstan's first opened before the 'first abroad'


def test_dungan_figures():
    dungan = load("education_dungan_students")
    assert one(dungan, group="Dungans", indicator="students given Chinese language training in China")["value"] == 300
    bolashak = dungan[dungan.indicator == "Bolashak participants"].set_index("group")["value"].to_dict()
    assert bolashak == {"Dungans": 2, "Ethnic Chinese": 1}


def test_diagram_61_values():
    e = load("education_survey_2012")
    kz = e[e.area == "Kazakhstan"].set_index("item")["percent"].to_dict()
    almaty = e[e.area == "Almaty"].set_index("item")["percent"].to_dict()
    assert kz == {
        "knows_someone_who_studies_or_studied_in_china": 16,
        "wants_education_in_china_self": 12,
        "wants_education_in_china_for_children": 18,
        "wants_sinology_training_in_kazakhstan_self": 13,
        "wants_sinology_training_in_kazakhstan_for_children": 16,
    }
    assert all(almaty[k] >= kz[k] for k in kz)  # interest is strongest in Almaty
    for area in (kz, almaty):  # parents want it for their children more than for themselves
        assert area["wants_education_in_china_for_children"] > area["wants_education_in_china_self"]
        assert area["wants_sinology_training_in_kazakhstan_for_children"] > \
            area["wants_sinology_training_in_kazakhstan_self"]


# ---------------------------------------------------------------- section 7

def test_myths_lists():
    m = load("attitudes_myths")
    assert list(m[m.list == "classification"]["number"]) == list(range(1, 8))
    assert list(m[m.list == "discussion_heading"]["number"]) == [1, 2, 3]


@pytest.mark.discrepancy("myth_numbering")
def test_myth_numbering():
    m = load("attitudes_myths")
    lines = m.set_index(["list", "number"])["line"]
    labels = m.set_index(["list", "number"])["label"]
    record = recorded("myth_numbering")
    assert record.where_a == f"lines {lines[('classification', 2)]} and {lines[('classification', 3)]}"
    assert record.where_b == f"lines {lines[('discussion_heading', 2)]} and {lines[('discussion_heading', 3)]}"
    # the data still show the difference: headings 2 and 3 are not items 2 and 3 of the list
    assert "Takeover" in labels[("classification", 2)] and "Han settlement" in labels[("classification", 3)]
    assert "migration" in labels[("discussion_heading", 2)].lower()
    assert "diaspora" in labels[("discussion_heading", 3)].lower()
    for n in (2, 3):
        assert labels[("classification", n)] != labels[("discussion_heading", n)]


@pytest.mark.discrepancy("citizenship_ethnic_chinese")
def test_citizenship_of_ethnic_chinese():
    evidence = load("attitudes_myth_evidence").set_index("indicator")["value"]
    residence = load("migration_permanent_residence").set_index(["status", "ethnic_group"])["persons"]
    check("citizenship_ethnic_chinese", evidence["ethnic Chinese granted Kazakhstani citizenship"],
          residence[("Granted citizenship 1995-2014", "Han Chinese")])
    # the residence permits agree with section 3.4
    assert evidence["ethnic Chinese with a permanent residence permit living in Kazakhstan"] == \
        residence[("Residence permit (1 January 2015)", "Han Chinese")] == 393
    assert evidence["marriages of Kazakhstani citizens to immigrants from China"] == 74


@pytest.mark.parametrize("concern", sorted(set(load("attitudes_concerns_2012")["concern"])))
def test_concerns_regions_at_or_above_total(concern):
    c = load("attitudes_concerns_2012")
    g = c[c.concern == concern]
    total = one(g, area="Kazakhstan")["percent"]
    assert total == 11
    assert (g[g.area != "Kazakhstan"]["percent"] >= total).all()


def test_familiarity_overall_between_groups():
    f = load("attitudes_familiarity")
    for _, g in f.groupby("survey_year"):
        v = g.set_index("item_group")["mean_percent"]
        modern = v[[i for i in v.index if i.startswith("modern")][0]]
        culture = v[[i for i in v.index if i.startswith("culture")][0]]
        assert culture < v["all items"] < modern
    assert f.set_index(["survey_year", "item_group"])["mean_percent"].to_dict() == {
        (2007, "all items"): 21, (2012, "all items"): 23,
        (2007, "modern China (foreign policy, economy, sport, demography)"): 39,
        (2012, "modern China (foreign policy, economy, sport, demography)"): 49,
        (2007, "culture, history, customs and traditions"): 11,
        (2012, "culture, history, customs and traditions"): 9,
    }


def test_reasons_and_labour_market_changes():
    p = load("attitudes_reasons_labour_market").set_index(["answer", "survey_year"])["percent"]
    assert (p[("to work", 2007)], p[("to work", 2012)]) == (57, 62)
    assert (p[("to trade", 2007)], p[("to trade", 2012)]) == (49, 47)
    assert (p[("to buy property", 2007)], p[("to buy property", 2012)]) == (4, 11)
    assert (p[("strong competition for local workers", 2007)],
            p[("strong competition for local workers", 2012)]) == (24, 31)
    assert (p[("Chinese fill only particular niches", 2007)],
            p[("Chinese fill only particular niches", 2012)]) == (22, 16)


# ------------------------------------------------- Table 7.1 / Diagram 7.2

EXACT_SUMS = {  # exact sums of the printed shares (rounding, not errors)
    (2007, "Total"): 99, (2012, "Total"): 100,
    (2007, "Kazakhs"): 99, (2012, "Kazakhs"): 101,
    (2007, "Russians"): 99, (2012, "Russians"): 100,
    (2007, "Other ethnicities"): 100, (2012, "Other ethnicities"): 100,
}


def test_table71_shape():
    t = load("attitudes_by_ethnic_group")
    assert len(t) == 40
    assert t.groupby(["survey_year", "ethnic_group"]).size().eq(5).all()


def test_table71_shares_sum_about_100():
    sums = load("attitudes_by_ethnic_group").groupby(["survey_year", "ethnic_group"])["percent"].sum().to_dict()
    assert sums == EXACT_SUMS
    assert all(abs(v - 100) <= 1 for v in sums.values())


@pytest.mark.parametrize("year", [2007, 2012])
def test_table71_group_sizes_add_to_total(year):
    s = load("attitudes_by_ethnic_group_summary").set_index(["survey_year", "ethnic_group"])["respondents"]
    assert s[(year, "Kazakhs")] + s[(year, "Russians")] + s[(year, "Other ethnicities")] == s[(year, "Total")]


@pytest.mark.parametrize("year", [2007, 2012])
@pytest.mark.parametrize("attitude", ATTITUDES)
def test_table71_total_is_weighted_mean_of_groups(year, attitude):
    t = load("attitudes_by_ethnic_group").set_index(["survey_year", "ethnic_group", "attitude"])["percent"]
    n = load("attitudes_by_ethnic_group_summary").set_index(["survey_year", "ethnic_group"])["respondents"]
    weighted = sum(t[(year, g, attitude)] * n[(year, g)] for g in GROUPS[1:]) / n[(year, "Total")]
    assert abs(weighted - t[(year, "Total", attitude)]) <= 0.5


RECOMPUTED_MEANS = {  # means from the rounded shares, normalised by the sum of shares
    (2007, "Total"): 2.94, (2012, "Total"): 3.13,
    (2007, "Kazakhs"): 3.00, (2012, "Kazakhs"): 3.19,
    (2007, "Russians"): 2.91, (2012, "Russians"): 3.05,
    (2007, "Other ethnicities"): 2.85, (2012, "Other ethnicities"): 3.10,
}


@pytest.mark.parametrize("year, group", RECOMPUTED_MEANS, ids=lambda v: str(v))
def test_table71_means_consistent_with_shares(year, group):
    t = load("attitudes_by_ethnic_group")
    g = t[(t.survey_year == year) & (t.ethnic_group == group)]
    mean = (g.scale_point * g.percent).sum() / g.percent.sum()
    printed = one(load("attitudes_by_ethnic_group_summary"), survey_year=year, ethnic_group=group)["mean_score"]
    assert round(mean, 2) == RECOMPUTED_MEANS[(year, group)]
    assert abs(mean - printed) <= 0.05 + 1e-9


def test_table71_marker():
    marked = load("attitudes_by_ethnic_group").dropna(subset=["marker"])
    assert len(marked) == 1
    r = marked.iloc[0]
    assert (r.survey_year, r.ethnic_group, r.attitude, r.percent, r.marker) == \
        (2012, "Other ethnicities", "very good", 3, "*")


def table_figure(year, group, indicator):
    t = load("attitudes_by_ethnic_group")
    shares = t[(t.survey_year == year) & (t.ethnic_group == group)].set_index("attitude")["percent"]
    return {
        "share_indifferent": lambda: shares["indifferent"],
        "share_poor": lambda: shares["poor"],
        "share_negative": lambda: shares["poor"] + shares["very poor"],
        "share_positive": lambda: shares["good"] + shares["very good"],
        "mean_score": lambda: one(load("attitudes_by_ethnic_group_summary"), survey_year=year,
                                  ethnic_group=group)["mean_score"],
    }[indicator]()


def prose_figures():
    p = load("attitudes_prose_figures")
    return [pytest.param(r.survey_year, r.ethnic_group, r.indicator, r.line,
                         id=f"{r.survey_year}-{r.ethnic_group}-{r.indicator}-line{r.line}",
                         marks=pytest.mark.discrepancy(prose_check_id(r.survey_year, r.ethnic_group, r.indicator)))
            for r in p.itertuples()]


def prose_check_id(year, group, indicator):
    slug = re.sub(r"[^a-z]+", "_", group.lower()).strip("_")
    slug = {"other_ethnicities": "others"}.get(slug, slug)
    short = {"mean_score": "mean"}.get(indicator, indicator)
    return f"attitudes_{year}_{short}_{slug}"


@pytest.mark.parametrize("year, group, indicator, line", prose_figures())
def test_prose_repeats_table71(year, group, indicator, line):
    prose = one(load("attitudes_prose_figures"), survey_year=year, ethnic_group=group,
                indicator=indicator, line=line)["value"]
    check(prose_check_id(year, group, indicator), prose, table_figure(year, group, indicator))


def test_prose_2007_means_swap_russians_and_others():
    # the two recorded mismatches are one swap: together the prose and the table agree
    p = load("attitudes_prose_figures")
    prose = p[(p.survey_year == 2007) & (p.indicator == "mean_score") & (p.line == 5956)] \
        .set_index("ethnic_group")["value"]
    table = {g: table_figure(2007, g, "mean_score") for g in ("Russians", "Other ethnicities")}
    assert (prose["Russians"], prose["Other ethnicities"]) == (table["Other ethnicities"], table["Russians"])


def test_diagram72_equals_total_columns():
    # Diagram 7.2 is the Total column of Table 7.1: all prose about it comes from the Total rows
    d72 = load("attitudes_prose_figures").query("exhibit_referenced == 'Diagram 7.2'")
    assert set(d72.ethnic_group) == {"Total"}
    assert len(d72) == 11


# ------------------------------------------------------------ Diagram 7.3

def test_regions_diagram73():
    r = load("attitudes_by_region").set_index(["region", "survey_year", "indicator"])["value"]
    assert (r[("Northern", 2012, "mean_score")], r[("Western", 2012, "mean_score")],
            r[("Almaty", 2012, "mean_score")]) == (3.5, 3.3, 3.0)
    assert (r[("Eastern", 2007, "share_positive")], r[("Eastern", 2012, "share_positive")]) == (12, 36)
    assert (r[("Central", 2007, "share_positive")], r[("Central", 2012, "share_positive")]) == (25, 50)
    assert (r[("Eastern", 2012, "mean_score")], r[("Central", 2012, "mean_score")]) == (2.7, 2.5)
    assert r[("Eastern", 2012, "share_positive_or_indifferent")] == 93 >= r[("Eastern", 2012, "share_positive")]
    national = one(load("attitudes_by_ethnic_group_summary"), survey_year=2012, ethnic_group="Total")["mean_score"]
    assert r[("Northern", 2012, "mean_score")] > national and r[("Western", 2012, "mean_score")] > national
    assert r[("Almaty", 2012, "mean_score")] < national
