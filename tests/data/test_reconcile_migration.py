"""Reconciliation checks for report section 3 (the migration_* datasets).

They repeat every check of the hidden cells of chapters/migration.md and add a few more:
printed totals against their parts (Tables 3.1-3.3), the 2008 comparison of section 3.2.2,
figures the prose repeats from the tables, shares against counts, and the oralman and
residence figures of section 3.4 and Note 8.
"""
import pytest

from recon import check, load, one

YEARS = list(range(2000, 2015))
TABLES = {"t31": "migration_border_exits", "t32": "migration_border_entries"}
PURPOSES_OF_STAY = ["Official purposes", "Employment", "Private purposes", "Tourism"]


def key(figure_id, column="value"):
    return one(load("migration_key_figures"), id=figure_id)[column]


def total(name, year):
    return one(load(name), year=year, purpose="Total")["persons"]


def parts(name, year):
    frame = load(name)
    return frame[(frame.year == year) & (frame.purpose != "Total")]["persons"].sum()


def registrations(year):
    frame = load("migration_registrations")
    return frame[frame.year == year].set_index("measure")["persons"]


def entries(year):
    frame = load("migration_border_entries")
    return frame[frame.year == year].set_index("purpose")["persons"]


# ------------------------------------------------------------ Tables 3.1 and 3.2

@pytest.mark.parametrize("table, year", [
    pytest.param(t, y, id=f"{t}-{y}", marks=pytest.mark.discrepancy(f"{t}-total-{y}"))
    for t in TABLES for y in YEARS])
def test_crossings_total_is_sum_of_purposes(table, year):
    name = TABLES[table]
    check(f"{table}-total-{year}", total(name, year), parts(name, year))


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


@pytest.mark.discrepancy("crossings-reversal-year")
def test_crossings_reversal_year():
    exits, arrivals = TABLES["t31"], TABLES["t32"]
    first = min(y for y in YEARS if total(exits, y) > total(arrivals, y))
    # the text (line 2330) dates the reversal to 2004, the year after which the ratio
    # figure 'exit_entry_ratio_after_2004' applies
    assert key("exit_entry_ratio_after_2004", "period") == "2005/2014"
    check("crossings-reversal-year", 2004, first)
    assert all(total(exits, y) > total(arrivals, y) for y in range(2004, 2015))


@pytest.mark.discrepancy("crossings-ratio-upper", "crossings-ratio-lower")
def test_crossings_ratio_range_after_2004():
    ratios = {y: total(TABLES["t31"], y) / total(TABLES["t32"], y) for y in range(2005, 2015)}
    low, high = key("exit_entry_ratio_after_2004"), key("exit_entry_ratio_after_2004", "value_high")
    assert (low, high) == (1.5, 2.5)
    check("crossings-ratio-upper", high, round(max(ratios.values()), 1))
    check("crossings-ratio-lower", low, round(min(ratios.values()), 1))


# ------------------------------------------------------------ Table 3.3

@pytest.mark.parametrize("year", [
    pytest.param(y, marks=pytest.mark.discrepancy(f"t33-registered-{y}")) for y in YEARS])
def test_registered_is_sum_of_purposes(year):
    row = registrations(year)
    check(f"t33-registered-{year}", row["Registered"], row[PURPOSES_OF_STAY].sum())
    # offences and expulsions are not purposes of stay; those expelled are fewer than offenders
    assert row["Expelled"] <= row["Administrative offences"]


def test_registrations_rounded_flag():
    frame = load("migration_registrations")
    assert set(frame[frame.rounded].year) == {2013, 2014}
    assert (frame[frame.rounded & (frame.measure != "Expelled")
                  & (frame.measure != "Administrative offences")]["persons"] % 100 == 0).all()
    assert set(frame[frame.year == 2014].period) == {"2014-01/2014-09"}


def test_table_33_columns_pinned_by_2008_prose():
    # the printed header is out of order; the 2008 figures of section 3.2.2 fix each column
    reg08 = registrations(2008)
    assert reg08["Registered"] == key("registered_2008")
    assert reg08["Tourism"] == key("tourism_registered_2008")
    assert reg08["Expelled"] == key("expelled_2008")
    assert round(reg08["Official purposes"], -3) == key("business_visitors_2008")
    assert round(reg08["Employment"], -2) == key("workers_registered_2008")
    assert round(reg08["Private purposes"], -3) == key("private_registered_2008")
    assert round(reg08["Administrative offences"], -3) == key("offences_2008")


@pytest.mark.discrepancy("ratio-business-2008")
def test_2008_entries_against_registrations():
    ent08, reg08 = entries(2008), registrations(2008)
    assert ent08["Total"] == key("entries_2008")
    assert ent08["Tourism"] == key("tourism_entrants_2008")
    assert round(ent08["Private"], -3) == key("private_entrants_2008")
    assert round(ent08["Private"] / ent08["Total"] * 100, 1) == key("private_entrants_share_2008")
    assert round(ent08["Private"] / reg08["Private purposes"], 1) == key("ratio_private_2008")
    assert round(ent08["Tourism"] / reg08["Tourism"], 1) == key("ratio_tourism_2008")
    check("ratio-business-2008", key("ratio_business_2008"),
          round(ent08["Official/business"] / reg08["Official purposes"], 1))
    # every kind of entry exceeds the matching registrations
    assert ent08["Total"] > reg08["Registered"] and ent08["Private"] > reg08["Private purposes"]


@pytest.mark.parametrize("year", [2013, 2014])
def test_chinese_arrivals_repeat_table_32(year):
    assert round(total(TABLES["t32"], year), -2) == key(f"chinese_arrivals_{year}")


@pytest.mark.discrepancy("registrations-2014-period")
def test_stays_repeat_table_33():
    frame = load("migration_registrations")
    registered = frame[frame.measure == "Registered"].set_index("year")["persons"]
    assert round(registered.loc[2007:2011].mean(), -3) == key("registered_avg_2007_2011")
    assert round(registered[2012], -2) == key("registered_2012")
    assert registered[2013] == key("registered_2013")
    check("registrations-2014-period", key("registered_2014"), registered[2014])


# ------------------------------------------------------------ labour

def labour(year, measure):
    return one(load("migration_labour_recruitment"), year=year, measure=measure)["value"]


@pytest.mark.discrepancy("chinese-share-2007", "chinese-growth-2008")
def test_labour_recruitment_shares():
    chinese07 = labour(2007, "Chinese workers recruited")
    chinese08 = labour(2008, "Chinese workers recruited")
    check("chinese-share-2007", labour(2007, "Chinese share of foreign workers"),
          round(chinese07 / labour(2007, "All foreign workers recruited") * 100))
    check("chinese-growth-2008", labour(2008, "Growth in Chinese workers on the previous year"),
          round((chinese08 / chinese07 - 1) * 100))
    assert chinese08 == key("recruited_2008")
    assert labour(1993, "Chinese workers recruited") < labour(1993, "All foreign workers recruited")


def test_labour_recruitment_units_and_permits():
    frame = load("migration_labour_recruitment")
    assert labour(2013, "Work permits issued for Chinese workers") == 6202
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

@pytest.mark.parametrize("year", [2013, 2014])
def test_remittance_channels_sum_to_100(year):
    frame = load("migration_remittance_channels")
    shares = frame[frame.year == year]["share_percent"]
    assert len(shares) == 2 and abs(shares.sum() - 100) < 1e-9


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


@pytest.mark.discrepancy("wage-leaders-multiple")
def test_wage_leaders_multiple_of_national_average():
    # printed high-to-low as '2.1-1.8 times' for Almaty and Astana
    printed_high, printed_low = key("wage_leaders_multiple"), key("wage_leaders_multiple", "value_high")
    ratios = [key(f"wage_{p}_kzt") / key("wage_national_kzt") for p in ("almaty", "astana")]
    check("wage-leaders-multiple", printed_high, round(max(ratios), 1))
    assert round(min(ratios), 1) == printed_low
    # Atyrau, the highest wage, is above both leaders
    assert key("wage_atyrau_kzt") > max(key("wage_almaty_kzt"), key("wage_astana_kzt"))


# ------------------------------------------------------------ settling for good

def residence():
    return load("migration_permanent_residence").set_index(["status", "ethnic_group"])["persons"]


CITIZENSHIP = "Granted citizenship 1995-2014"
PERMIT = "Residence permit (1 January 2015)"


@pytest.mark.discrepancy("citizenship-parts-1995-2014", "kazakhs-with-chinese-citizenship")
def test_citizenship_and_residence_permits():
    r = residence()
    check("citizenship-parts-1995-2014", r[(CITIZENSHIP, "All ethnic groups")],
          r[CITIZENSHIP].drop("All ethnic groups").sum())
    assert r[PERMIT].drop("All ethnic groups").sum() <= r[(PERMIT, "All ethnic groups")]
    check("kazakhs-with-chinese-citizenship", key("kazakhs_chinese_citizenship_2015"),
          r[(PERMIT, "Kazakh")])


def test_kazakh_share_of_citizenship_grants():
    r = residence()
    share = r[(CITIZENSHIP, "Kazakh")] / r[(CITIZENSHIP, "All ethnic groups")] * 100
    # 'in 2007-2012 the share was 99%': the 1995-2014 grants are at least as Kazakh
    assert share >= key("oralmans_immigrant_kazakh_share_2007") > key("oralmans_immigrant_kazakh_share_1990s")


@pytest.mark.parametrize("area", ["karaganda", "astana", "ekr"])
def test_census_2009_chinese_citizens_by_area(area):
    share = round(key(f"census_chinese_{area}") / key("census_chinese_citizens") * 100, 1)
    assert share == key(f"census_chinese_{area}_share")


def test_census_2009_three_areas_and_foreigners():
    three = sum(key(f"census_chinese_{a}_share") for a in ("karaganda", "astana", "ekr"))
    assert round(three, 1) == key("census_chinese_three_areas_share")
    assert key("census_chinese_citizens") < key("census_foreign_citizens")
    # citizens of China counted in 2009 against ethnic Kazakhs with Chinese citizenship
    assert key("census_kazakhs_chinese_citizens") == round(key("census_chinese_citizens"), -2)


def test_han_net_migration():
    assert key("han_immigrants_1993_2014") - key("han_emigrants_1993_2014") == \
        key("han_net_migration_1993_2014")


def test_oralmans_by_origin():
    origin = load("migration_oralmans_by_origin").set_index("country")["share_percent"]
    assert round(origin.sum(), 1) == 100.0
    assert origin.idxmax() == "Uzbekistan" and origin["China"] == 14.3
    from_china = key("oralmans_total_1991_2014") * origin["China"] / 100 / 1000
    assert round(from_china, 1) == key("oralmans_from_china_mhsd")
    assert key("oralmans_total_1991_2014") > key("oralman_families_1991_2014")


@pytest.mark.discrepancy("oralmans-china-mhsd-vs-mia", "oralmans-china-mia-two-figures")
def test_oralmans_from_china_two_ministries():
    assert key("oralmans_from_china_mhsd", "unit") == key("oralmans_from_china_mia", "unit") == \
        "thousand persons"
    check("oralmans-china-mhsd-vs-mia", key("oralmans_from_china_mhsd"), key("oralmans_from_china_mia"))
    check("oralmans-china-mia-two-figures", key("oralmans_from_china_mia_2015") / 1000,
          key("oralmans_from_china_mia"))


def test_oralman_survey_2009():
    survey = load("migration_oralman_survey_2009")
    assert survey.percent.between(0, 100).all()
    china = survey[survey.group == "Repatriates from China"].set_index(["question", "answer"])["percent"]
    need = "What is needed to adapt"
    assert round(china[(need, "A job")] + china[(need, "The skills")], 1) == \
        china[(need, "A job and the skills it needs (together)")]
    themselves = survey[survey.answer == "Themselves"].set_index("group")["percent"]
    # half rely on themselves, more than repatriates from Mongolia and far above the other
    # countries, whose range (8.4-29.1) holds their average
    others = "Repatriates from other countries ({})".format
    assert themselves["Repatriates from China"] > themselves["Repatriates from Mongolia"] > \
        themselves[others("highest")] >= themselves[others("average")] >= themselves[others("lowest")]


def test_refugees_total():
    refugees = load("migration_refugees").set_index("category")["persons"]
    assert refugees.drop("Total of concern to UNHCR").sum() == refugees["Total of concern to UNHCR"]
    assert refugees.idxmax() == "Total of concern to UNHCR"
    assert refugees.drop("Total of concern to UNHCR").idxmax() == "Stateless persons"


def test_key_figure_ranges_ordered():
    frame = load("migration_key_figures")
    ranges = frame.dropna(subset=["value_high"])
    # the wage multiple is printed high-to-low ('2.1-1.8 times'); every other range is low-high
    descending = ranges[ranges.value > ranges.value_high]
    assert list(descending.id) == ["wage_leaders_multiple"]
    assert not frame.id.duplicated().any()


@pytest.mark.discrepancy("census-kazakhs-vs-chinese-citizens")
def test_census_kazakhs_with_chinese_citizenship_against_all_chinese_citizens():
    kazakhs, everyone = key("census_kazakhs_chinese_citizens"), key("census_chinese_citizens")
    assert kazakhs <= everyone
    check("census-kazakhs-vs-chinese-citizens", kazakhs, everyone)


@pytest.mark.discrepancy("national-average-wage-two-figures")
def test_national_average_wage_in_note_5_and_table_2_1():
    table = one(load("xinjiang_comparative_indicators"), indicator="average_monthly_nominal_wage",
                entity="Kazakhstan")
    assert table["unit"] == "KZT"
    check("national-average-wage-two-figures", key("wage_national_kzt"), table["value"])
