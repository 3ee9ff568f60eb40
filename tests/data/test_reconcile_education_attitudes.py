"""Data checks for the survey notes of the introduction and report sections 6 (education_*)
and 7 (attitudes_*).

Only properties of the data themselves live here: the surveys' sizes and years, pinned
values, the exact sums of Table 7.1's printed shares and the means they imply, the shape of
Table 7.1 and its marker, and how the prose figures are laid out. Every reconciliation of a
figure that chapters/education.md or chapters/attitudes.md shows (totals against parts,
prose against Table 7.1, the recorded discrepancies) is checked in that chapter's hidden
cells; see tests/data/recon.py.
"""
import pytest

from recon import load, one


# ---------------------------------------------------------------- surveys

def test_survey_sample_sizes():
    s = load("surveys_fieldwork").set_index("year")
    assert list(s.index) == [2005, 2007, 2009, 2012]
    assert (s.loc[2005, "sample_size"], s.loc[2009, "sample_size"]) == (2000, 1200)
    # the 2005 survey is also described in section 3
    assert load("migration_key_figures").set_index("id").loc["survey2005_sample", "value"] == 2000


# ---------------------------------------------------------------- section 6

def test_international_students_top5_total():
    t = load("education_international_students_china")
    top = t[(t.year == 2014) & (t.indicator == "students") & (t.country != "All countries")]["value"]
    assert len(top) == 5 and top.sum() == 140681


def test_bolashak_printed_totals():
    g = load("education_bolashak_graduates_china").set_index("programme")["graduates"]
    b = load("education_bolashak_figures").set_index("indicator")["value"]
    assert (g["Total"], b["share_south_east_asia_incl_china"]) == (116, 7.8)


def test_sco_network_university_total():
    s = load("education_sco_network_university").set_index("country")["universities"]
    assert s["Total"] == 53


def test_diagram_61_items():
    e = load("education_survey_2012")
    items = ["knows_someone_who_studies_or_studied_in_china", "wants_education_in_china_self",
             "wants_education_in_china_for_children", "wants_sinology_training_in_kazakhstan_self",
             "wants_sinology_training_in_kazakhstan_for_children"]
    for area in ("Kazakhstan", "Almaty"):
        assert list(e[e.area == area]["item"]) == items


# ---------------------------------------------------------------- section 7

def test_familiarity_parts():
    f = load("attitudes_familiarity").set_index(["survey_year", "item_group"])["mean_percent"]
    modern = "modern China (foreign policy, economy, sport, demography)"
    culture = "culture, history, customs and traditions"
    assert (f[(2007, modern)], f[(2012, modern)], f[(2007, culture)], f[(2012, culture)]) == (39, 49, 11, 9)
    assert len(f) == 6


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


def test_table71_exact_sums_of_shares():
    sums = load("attitudes_by_ethnic_group").groupby(["survey_year", "ethnic_group"])["percent"].sum().to_dict()
    assert sums == EXACT_SUMS


RECOMPUTED_MEANS = {  # means from the rounded shares, normalised by the sum of shares
    (2007, "Total"): 2.94, (2012, "Total"): 3.13,
    (2007, "Kazakhs"): 3.00, (2012, "Kazakhs"): 3.19,
    (2007, "Russians"): 2.91, (2012, "Russians"): 3.05,
    (2007, "Other ethnicities"): 2.85, (2012, "Other ethnicities"): 3.10,
}


@pytest.mark.parametrize("year, group", RECOMPUTED_MEANS, ids=lambda v: str(v))
def test_table71_means_recomputed_from_shares(year, group):
    t = load("attitudes_by_ethnic_group")
    g = t[(t.survey_year == year) & (t.ethnic_group == group)]
    mean = (g.scale_point * g.percent).sum() / g.percent.sum()
    assert round(mean, 2) == RECOMPUTED_MEANS[(year, group)]


def test_table71_marker():
    r = load("attitudes_by_ethnic_group").dropna(subset=["marker"]).iloc[0]
    assert (r.survey_year, r.attitude, r.percent, r.marker) == (2012, "very good", 3, "*")


def test_prose_2007_means_swap_russians_and_others():
    # the two recorded mismatches are one swap: together the prose and the table agree
    p = load("attitudes_prose_figures")
    prose = p[(p.survey_year == 2007) & (p.indicator == "mean_score") & (p.line == 5956)] \
        .set_index("ethnic_group")["value"]
    table = load("attitudes_by_ethnic_group_summary").query("survey_year == 2007").set_index("ethnic_group")
    assert (prose["Russians"], prose["Other ethnicities"]) == \
        (table.loc["Other ethnicities", "mean_score"], table.loc["Russians", "mean_score"])


def test_diagram72_equals_total_columns():
    # Diagram 7.2 is the Total column of Table 7.1: all prose about it comes from the Total rows
    d72 = load("attitudes_prose_figures").query("exhibit_referenced == 'Diagram 7.2'")
    assert set(d72.ethnic_group) == {"Total"}
    assert len(d72) == 11
