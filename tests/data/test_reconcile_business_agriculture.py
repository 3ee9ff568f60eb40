"""Reconciliation checks for report sections 4 (business_*) and 5 (agriculture_*).

Printed totals are compared with the sum of their parts, shares with their counts, and
figures the prose repeats with the table cells they repeat. Where the report contradicts
itself the check goes through bookkit.agree (via recon.check), so the disagreement must be
recorded with exactly these values in data/discrepancies.csv.
"""
import re

import pytest

import bookkit
from recon import check, load, one

RESOURCES = [name for name in bookkit.data.names() if name.startswith(("business_", "agriculture_"))]


# ---------------------------------------------------------------- structure

@pytest.mark.parametrize("name", RESOURCES)
def test_descriptor_matches_csv(name):
    descriptor = bookkit.metadata(name)
    frame = load(name)
    assert descriptor["path"] == f"{name}.csv"
    assert [f["name"] for f in descriptor["schema"]["fields"]] == list(frame.columns)
    key = descriptor["schema"]["primaryKey"]
    assert not frame.duplicated(subset=key).any()
    assert frame[key].notna().all().all()


def test_business_and_agriculture_resources_present():
    assert len([r for r in RESOURCES if r.startswith("business_")]) == 14
    assert len([r for r in RESOURCES if r.startswith("agriculture_")]) == 8


# ---------------------------------------------------------------- Table 4.1

FOUNDERS = ["founded by Chinese legal entities", "founded by individuals from China",
            "branches and representative offices"]
ALL_YEARS = "all years to 2013-03-01"


def t41():
    return load("business_active_chinese_firms_2013").pivot(index="period", columns="founder_type",
                                                             values="firms")


@pytest.mark.parametrize("period", ["2010", "2011", "2012", "2010-2012", ALL_YEARS])
def test_t41_rows_add_to_row_totals(period):
    row = t41().loc[period]
    assert row[FOUNDERS].sum() == row["total"]


@pytest.mark.parametrize("column", FOUNDERS + ["total"])
def test_t41_years_add_to_three_year_row(column):
    t = t41()
    assert t.loc[["2010", "2011", "2012"], column].sum() == t.loc["2010-2012", column]


def test_t41_branch_split_adds_up():
    row = t41().loc[ALL_YEARS]
    assert row["branches"] + row["representative offices"] == row["branches and representative offices"] == 133


def test_t41_printed_values():
    t = t41()
    assert t.loc["2010-2012"].dropna().to_dict() == {
        "founded by Chinese legal entities": 30, "founded by individuals from China": 48,
        "branches and representative offices": 26, "total": 104}
    row = t.loc[ALL_YEARS]
    assert (row["founded by Chinese legal entities"], row["founded by individuals from China"],
            row["total"]) == (186, 1064, 1383)


def test_prose_repeats_t41():
    row = t41().loc[ALL_YEARS]
    prose = load("business_firm_counts")
    at = dict(date="2013-03-01", place="Kazakhstan")
    assert one(prose, indicator="operating firms founded by Chinese individuals and legal entities", **at)["firms"] \
        == row["founded by Chinese legal entities"] + row["founded by individuals from China"] == 1250
    assert one(prose, indicator="branches of Chinese companies", **at)["firms"] == row["branches"] == 47
    assert one(prose, indicator="representative offices of Chinese companies", **at)["firms"] == \
        row["representative offices"] == 86
    assert one(prose, indicator="active Chinese SMEs and large companies, total", **at)["firms"] == \
        row["total"] == 1383


def test_gap_to_chinese_registered_count():
    # registered (Chinese sources) against active firms: not a contradiction, the gap is 1,617
    prose = load("business_firm_counts")
    registered = one(prose, indicator="Chinese businesses registered, according to official Chinese sources")
    active = one(prose, indicator="active Chinese SMEs and large companies, total")
    assert registered["qualifier"] == "up to"
    assert registered["firms"] - active["firms"] == 1617


def test_almaty_large_firms_by_founder():
    prose = load("business_firm_counts")
    firms = prose[prose.place == "Almaty city"].set_index("indicator")["firms"]
    assert firms["large businesses set up by legal entities from China"] + \
        firms["large businesses set up by individuals from China"] == \
        firms["large businesses set up by legal entities or individuals from China"] == 36


# ---------------------------------------------------------------- CSR and companies

def test_oil_company_cnpc_share():
    oil = load("business_oil_companies").set_index("company")
    assert oil.loc["CNPC-Aktobemunaigaz", "cnpc_share_percent"] == 85.4
    assert oil["cnpc_share_percent"].notna().sum() == 1


def test_xinkaz_local_staff_share():
    csr = load("business_csr_figures")
    xinkaz = csr[csr.company == "XinKaz"].set_index("indicator")["value"]
    share = 100 * xinkaz["staff who are local residents"] / xinkaz["staff"]
    assert round(share) == xinkaz["share of staff who are local residents"] == 93


def test_cnpc_students_parts_within_total():
    csr = load("business_csr_figures")
    early = csr[csr.period == "2010 (early)"].set_index("indicator")["value"]
    named = early["sponsored students at the China University of Petroleum (Beijing)"] + \
        early["sponsored students at Kazakh universities"]
    total = early["students sponsored by the fund"]
    # 'including': the two named groups need not exhaust the total; one student is elsewhere
    assert named <= total and total - named == 1


# ---------------------------------------------------------------- markets and trade

def test_trade_place_staffing():
    m = load("business_markets").set_index("indicator")["value"]
    people = m["lessees per trade place"] + m["salespersons per trade place"] + m["porters per trade place"]
    assert people == m["people working per trade place"] == 5
    assert m["people working per trade place"] - m["lessees per trade place"] == \
        m["jobs created per entrepreneur"] == 4


def test_container_control_shares_fit():
    m = load("business_markets").set_index("indicator")
    kyrgyz = m.loc["trade containers controlled by Kyrgyz businessmen"]
    chinese = m.loc["trade containers controlled by Chinese businessmen"]
    assert (kyrgyz["value"], kyrgyz["qualifier"], chinese["value"], chinese["qualifier"]) == \
        (25, "over", 50, "up to")
    assert kyrgyz["value"] + chinese["value"] <= 100


def test_hub_earnings():
    m = load("business_markets").set_index("scope")
    assert m.loc["Dordoi market, Bishkek", "value"] == 2.8
    assert m.loc["Bolashak market, Almaty", "value"] == 1.7


def test_small_trade_more_than_half():
    c = load("business_cross_border_trade").set_index("indicator")
    half = c.loc["small daily transactions' share of cargo crossing the border"]
    assert (half["value"], half["qualifier"]) == (50, "more than")
    assert c.loc["small cross-border trade's share of Xinjiang foreign trade", "value"] == 51.7 > 50
    assert c.loc["small daily transactions' share of cross-border trade", "value"] == 52.1 > 50


EXPORTS = "Chinese footwear exported through XUAR border checkpoints"


def test_footwear_kazakh_imports_within_exports():
    f = load("business_footwear_trade")
    imported = one(f, year=2012, flow="footwear imported by Kazakhstan", indicator="volume")["value"]
    exported = one(f, year=2012, flow=EXPORTS, indicator="volume")["value"]
    assert (imported, exported) == (150, 280) and imported <= exported


def test_footwear_supply_shares_sum_to_100():
    s = load("business_footwear_supply_shares")
    now = s[s.period == "present (source dated 2014)"]
    assert now["share_percent"].sum() == 100
    assert one(now, supplier="China")["share_percent"] == 75


def test_sme_structure_sums_to_100():
    assert load("business_sme_structure")["share_percent"].sum() == pytest.approx(100, abs=1e-6)


def test_sme_and_big_business_shares_of_agents():
    e = load("business_enterprise_size_shares")
    sme = one(e, scope="Kazakhstan", enterprise_size="SMEs", indicator="share of economic agents")["value"]
    big = one(e, scope="Kazakhstan", enterprise_size="big business", indicator="share (basis not stated)")["value"]
    assert sme + big == 100


def test_leather_footwear_industry_figures():
    li = load("business_light_industry").set_index(["sector", "indicator"])["value"]
    assert li[("leather and footwear", "active enterprises")] == 42
    assert li[("leather and footwear", "enterprises of significant size")] <= 42
    assert li[("consumer goods industry", "employment")] == 13700


# ---------------------------------------------------------------- business discrepancies

@pytest.mark.discrepancy("footwear-avg-price-2012")
def test_footwear_average_price():
    f = load("business_footwear_trade")
    price = one(f, year=2012, flow=EXPORTS, indicator="average price")["value"]
    value_bn = one(f, year=2012, flow=EXPORTS, indicator="value")["value"]
    pairs_mn = one(f, year=2012, flow=EXPORTS, indicator="volume")["value"]
    check("footwear-avg-price-2012", price, round(value_bn * 1000 / pairs_mn, 3))


@pytest.mark.discrepancy("footwear-doubling-2006-2012")
def test_footwear_doubling():
    f = load("business_footwear_trade")
    v06 = one(f, year=2006, flow=EXPORTS, indicator="volume")
    v12 = one(f, year=2012, flow=EXPORTS, indicator="volume")
    assert (v06["value"], v06["qualifier"]) == (150, "about")
    check("footwear-doubling-2006-2012", v12["value"], 2 * v06["value"])


@pytest.mark.discrepancy("carrier-loss-dollar-conversion")
def test_carrier_loss_conversion():
    c = load("business_cross_border_trade").set_index("indicator")
    tenge_day = c.loc["earnings per carrier (tenge)", "value"]
    usd_day = c.loc["earnings per carrier (dollars)", "value"]
    loss = c.loc["tax revenue lost to the budget (tenge)"]
    assert (tenge_day, usd_day) == (10000, 67)
    assert (loss["value"], loss["value_upper"], loss["unit"]) == (12, 15, "million tenge")
    low = loss["value"] * 1e6 * usd_day / tenge_day
    high = loss["value_upper"] * 1e6 * usd_day / tenge_day
    check("carrier-loss-dollar-conversion", c.loc["tax revenue lost to the budget (dollars)", "value"], low)
    assert high == pytest.approx(100500)  # only the upper end of the range matches


# ---------------------------------------------------------------- agriculture

def test_agriculture_gdp_share_falls():
    g = load("agriculture_employment_gdp_share")
    gdp = g[(g.country == "Kazakhstan") & (g.indicator == "agriculture's share of GDP")] \
        .set_index("year")["share_percent"]
    assert gdp.to_dict() == {2008: 5.8, 2011: 5.0, 2014: 4.3}
    assert gdp.is_monotonic_decreasing
    employed = one(g, country="Kazakhstan", year=2008,
                   indicator="share of the labour force working in agriculture")
    assert employed["share_percent"] == 31.5 < 100 / 3  # 'almost a third'


def test_productivity_ordering():
    p = load("agriculture_labour_productivity").set_index("country")
    kz = p.loc["Kazakhstan"].set_index("scope")["usd_per_worker"]
    assert kz["agriculture"] == 3000 < kz["whole economy (PPP)"] == 22600
    assert p.loc["Russia", "usd_per_worker"] < p.loc["Japan", "usd_per_worker"] < p.loc["USA", "usd_per_worker"]


def test_self_employment_fractions():
    s = load("agriculture_self_employment").set_index("group")
    assert tuple(s.loc["self-employed", ["numerator", "denominator"]]) == (1, 3)
    assert tuple(s.loc["self-employed living in rural areas", ["numerator", "denominator"]]) == (2, 3)


def test_land_lease_projects():
    p = load("agriculture_land_lease_projects").set_index(["project", "indicator"])
    alakol = "Alakol district lease (East Kazakhstan)"
    assert p.loc[(alakol, "area leased"), "value"] == 7000
    assert p.loc[(alakol, "lease term"), "value"] == 10
    pilot = p.loc[("pilot soy cultivation", "area planned")]
    assert (pilot["value"], pilot["value_upper"]) == (10000, 15000)


def test_land_leased_may_2014_parts_within_total():
    land = load("agriculture_land_leased_foreign")
    may = land[land.as_of == "2014-05"]
    area = may[may.indicator == "area leased"].set_index("lessee_origin")["value"]
    assert area["China"] + area["Russia"] <= area["all foreign citizens"]
    users = may[may.indicator == "land users"].set_index("lessee_origin")["value"]
    assert users.to_dict() == {"China": 32, "Russia": 22}
    assert one(may, indicator="plots leased")["value"] == 94


def test_land_leased_jan_2014_china_within_total():
    land = load("agriculture_land_leased_foreign")
    jan = land[land.as_of == "2014-01-01"].set_index("lessee_origin")["value"]
    assert jan["China (legal entities)"] <= jan["foreign citizens and legal entities with Kazakh partners"]


def test_chinese_share_of_accessible_land():
    land = load("agriculture_land_leased_foreign")
    china = one(land, as_of="2014-05", lessee_origin="China", indicator="area leased")["value"]
    accessible = one(land, indicator="agricultural land accessible")["value"]
    share = one(land, indicator="share of Chinese land users")["value"]
    assert round(100 * china / accessible, 1) == share == 1.6


def test_imports_2015_items_within_total():
    i = load("agriculture_imports_from_china")
    y = i[i.period == "2015 (over 5 months)"].set_index("product")["value"]
    items = y[["tomatoes", "apples", "tangerines"]].sum()
    assert items == pytest.approx(39.1) and items <= y["agricultural produce"] == 56.1


def test_imports_volumes():
    i = load("agriculture_imports_from_china").set_index("period")
    assert (i.loc["2010", "value"], i.loc["2010", "qualifier"]) == (80000, "more than")
    assert i.loc["2013 (11 months)", "value"] == 310000


def test_timeline_order_and_dates():
    t = load("agriculture_cooperation_timeline")
    assert list(t["seq"]) == list(range(1, len(t) + 1))
    dated = t[t["date"].notna()]
    assert dated["date"].str.match(r"^\d{4}(-\d{2}(-\d{2})?)?$").all()
    assert t["date"].isna().sum() == 1  # the undated KazAgro-COFCO agreement
    keys = [tuple(int(x) for x in d.split("-")) for d in dated["date"]]
    assert keys == sorted(keys)  # chronological; a year-only date sorts before that year's months
    counts = t.dropna(subset=["count"]).set_index("count_unit")["count"].astype(int).to_dict()
    assert counts == {"agricultural projects in the action plan": 8, "intergovernmental documents signed": 11,
                      "session number": 7, "years, previous maximum lease term": 10,
                      "years, new maximum term": 25}


def test_timeline_lease_terms_match_projects():
    t = load("agriculture_cooperation_timeline").dropna(subset=["count"]).set_index("count_unit")["count"]
    p = load("agriculture_land_lease_projects").set_index(["project", "indicator"])
    # the 2003 Alakol lease ran for the previous maximum term
    assert p.loc[("Alakol district lease (East Kazakhstan)", "lease term"), "value"] == \
        t["years, previous maximum lease term"]


# ---------------------------------------------------------------- agriculture discrepancies

@pytest.mark.discrepancy("strategy-period-start")
def test_strategy_period():
    c = load("agriculture_context_figures")
    strategy = c[c.topic == "development strategy"].set_index("line")
    assert strategy.loc[4521, "value_upper"] == strategy.loc[4616, "value_upper"] == 2015
    check("strategy-period-start", strategy.loc[4521, "value"], strategy.loc[4616, "value"])


@pytest.mark.discrepancy("productivity-source-year")
def test_productivity_source_year():
    p = load("agriculture_labour_productivity")
    (year,) = set(p["year"])
    (source,) = set(p["cited_source"])
    cited_year = int(re.search(r"\b(\d{4})\b", source).group(1))
    check("productivity-source-year", year, cited_year)


@pytest.mark.discrepancy("china-leased-area-precision")
def test_china_leased_area_precision():
    land = load("agriculture_land_leased_foreign")
    media = one(land, basis="media reports", indicator="area leased")["value"]
    note = one(land, as_of="2014-01-01", lessee_origin="China (legal entities)")["value"]
    check("china-leased-area-precision", media, note)
    assert round(media, 1) == note  # the note is the same area to one decimal


@pytest.mark.discrepancy("foreign-leased-total-2014")
def test_foreign_leased_total():
    land = load("agriculture_land_leased_foreign")
    jan = one(land, as_of="2014-01-01", lessee_origin="foreign citizens and legal entities with Kazakh partners")
    may = one(land, as_of="2014-05", lessee_origin="all foreign citizens", indicator="area leased")
    check("foreign-leased-total-2014", jan["value"], may["value"])
    china_jan = one(land, as_of="2014-01-01", lessee_origin="China (legal entities)")["value"]
    china_may = one(land, as_of="2014-05", lessee_origin="China", indicator="area leased")["value"]
    assert china_may > china_jan  # the Chinese area grows while the total shrinks
