"""Data checks for report section 3 (the migration_* datasets).

Only properties of the data themselves live here: the shape of Tables 3.1-3.3, their
footnote markers and rounding flags, units, ranges and orderings, pinned values the
chapter does not recompute. Every reconciliation of a figure that chapters/migration.md
shows (totals against parts, prose against tables, the recorded discrepancies) is checked
in that chapter's hidden cells, beside the table or chart it guards; see tests/data/recon.py.
"""
import pytest

from recon import load, one

YEARS = list(range(2000, 2015))
TABLES = {"t31": "migration_border_exits", "t32": "migration_border_entries"}


def key(figure_id, column="value"):
    return one(load("migration_key_figures"), id=figure_id)[column]


def registrations(year):
    frame = load("migration_registrations")
    return frame[frame.year == year].set_index("measure")["persons"]


# ------------------------------------------------------------ Tables 3.1-3.3

@pytest.mark.parametrize("name", TABLES.values())
def test_crossings_tables_complete(name):
    frame = load(name)
    assert sorted(frame.year.unique()) == YEARS
    # one row per purpose and year; the 'Job' column replaces SPTV from 2013
    for year, rows in frame.groupby("year"):
        purposes = set(rows.purpose)
        assert ("Job" in purposes) == (year >= 2013) and ("SPTV" in purposes) == (year < 2013), year
        assert len(rows) == 7, year


@pytest.mark.parametrize("name", TABLES.values())
def test_crossings_footnote_markers(name):
    marked = load(name).dropna(subset=["footnote"])
    assert set(zip(marked.year, marked.purpose, marked.footnote)) == {
        (2013, "Official/business", "*"), (2014, "Official/business", "*"),
        (2013, "Job", "**"), (2014, "Job", "**")}


def test_exit_entry_ratio_period_starts_after_2004():
    # the text's 1.5-2.5 ratio applies to the years after its reversal year, 2004
    assert key("exit_entry_ratio_after_2004", "period") == "2005/2014"


@pytest.mark.parametrize("year", YEARS)
def test_expelled_are_among_offenders(year):
    row = registrations(year)
    assert row["Expelled"] <= row["Administrative offences"]


def test_registrations_rounded_flag():
    frame = load("migration_registrations")
    assert set(frame[frame.rounded].year) == {2013, 2014}
    assert (frame[frame.rounded & (frame.measure != "Expelled")
                  & (frame.measure != "Administrative offences")]["persons"] % 100 == 0).all()
    assert set(frame[frame.year == 2014].period) == {"2014-01/2014-09"}


# ------------------------------------------------------------ labour

def labour(year, measure):
    return one(load("migration_labour_recruitment"), year=year, measure=measure)["value"]


def test_labour_recruitment_units_and_permits():
    frame = load("migration_labour_recruitment")
    assert labour(2014, "Work permits issued for Chinese workers") == 11860
    shares = frame[frame.unit == "percent"]
    assert shares.measure.str.contains("share|Growth").all()
    assert (shares.value < 100).all()
    # the share of Chinese workers the text gives rises to its 2014 peak
    share = frame[frame.measure == "Chinese share of foreign workers"].set_index("year")["value"]
    assert share.idxmax() == 2014 and share[2014] == 38


def test_labour_regions_shares():
    frame = load("migration_labour_regions")
    assert frame.share_percent.between(0, 100).all()
    astana = frame[frame.region == "Astana"].set_index("workforce")["share_percent"]
    assert (astana["All foreign workers"], astana["Chinese workers"]) == (28, 24.6)


# ------------------------------------------------------------ remittances

def test_remittance_channels_two_per_year():
    frame = load("migration_remittance_channels")
    assert frame.groupby("year").size().to_dict() == {2013: 2, 2014: 2}


def test_remittances_values():
    frame = load("migration_remittances")
    assert not frame.duplicated(subset=["year", "flow"]).any()
    inflow = frame[frame.flow == "To Kazakhstan (all countries)"].set_index("year")["million_usd"]
    outflow = frame[frame.flow == "From Kazakhstan (all countries)"].set_index("year")["million_usd"]
    assert inflow[2000] < outflow[2000]  # more money leaves than arrives
    # the outflow to one country cannot exceed the peak outflow to all countries
    assert frame[frame.flow.str.startswith("From Kazakhstan to")]["million_usd"].max() < outflow.max()
    assert set(frame[frame.qualifier == "highest in series"].year) == {2007, 2008, 2013}


@pytest.mark.parametrize("place", ["almaty", "astana", "atyrau", "national"])
def test_wages_in_dollars_follow_the_exchange_rate(place):
    rate = key("exchange_rate_2014_12")
    assert abs(key(f"wage_{place}_kzt") / rate - key(f"wage_{place}_usd")) < 1.5


# ------------------------------------------------------------ settling for good

def test_kazakh_share_of_citizenship_grants():
    r = load("migration_permanent_residence").set_index(["status", "ethnic_group"])["persons"]
    citizenship = "Granted citizenship 1995-2014"
    share = r[(citizenship, "Kazakh")] / r[(citizenship, "All ethnic groups")] * 100
    # 'in 2007-2012 the share was 99%': the 1995-2014 grants are at least as Kazakh
    assert share >= key("oralmans_immigrant_kazakh_share_2007") > key("oralmans_immigrant_kazakh_share_1990s")


def test_census_2009_foreigners():
    assert key("census_chinese_citizens") < key("census_foreign_citizens")
    # citizens of China counted in 2009 against ethnic Kazakhs with Chinese citizenship
    assert key("census_kazakhs_chinese_citizens") == round(key("census_chinese_citizens"), -2)


def test_oralmans_by_origin():
    origin = load("migration_oralmans_by_origin").set_index("country")["share_percent"]
    assert origin.idxmax() == "Uzbekistan" and origin["China"] == 14.3
    assert key("oralmans_total_1991_2014") > key("oralman_families_1991_2014")


def test_oralmans_from_china_units():
    assert key("oralmans_from_china_mhsd", "unit") == key("oralmans_from_china_mia", "unit") == \
        "thousand persons"


def test_oralman_survey_2009():
    survey = load("migration_oralman_survey_2009")
    assert survey.percent.between(0, 100).all()
    themselves = survey[survey.answer == "Themselves"].set_index("group")["percent"]
    # half rely on themselves, more than repatriates from Mongolia and far above the other
    # countries, whose range (8.4-29.1) holds their average
    others = "Repatriates from other countries ({})".format
    assert themselves["Repatriates from China"] > themselves["Repatriates from Mongolia"] > \
        themselves[others("highest")] >= themselves[others("average")] >= themselves[others("lowest")]


def test_refugees_largest_category():
    refugees = load("migration_refugees").set_index("category")["persons"]
    assert refugees.idxmax() == "Total of concern to UNHCR"
    assert refugees.drop("Total of concern to UNHCR").idxmax() == "Stateless persons"


def test_key_figure_ranges_ordered():
    frame = load("migration_key_figures")
    ranges = frame.dropna(subset=["value_high"])
    # the wage multiple is printed high-to-low ('2.1-1.8 times'); every other range is low-high
    descending = ranges[ranges.value > ranges.value_high]
    assert list(descending.id) == ["wage_leaders_multiple"]
    assert not frame.id.duplicated().any()


def test_census_kazakhs_with_chinese_citizenship_within_all_chinese_citizens():
    assert key("census_kazakhs_chinese_citizens") <= key("census_chinese_citizens")


def test_national_average_wage_unit_in_table_2_1():
    table = one(load("xinjiang_comparative_indicators"), indicator="average_monthly_nominal_wage",
                entity="Kazakhstan")
    assert table["unit"] == "KZT"
