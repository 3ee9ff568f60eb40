"""Data checks for report sections 4 (business_*) and 5 (agriculture_*).

Only properties of the data themselves live here: descriptors against the CSV files,
pinned values, qualifiers and units, parts within totals the chapters do not print, and
links between datasets. Totals against their parts, shares against their counts, prose
against tables and every recorded discrepancy of these sections are checked in the hidden
cells of chapters/business.md and chapters/agriculture.md; see tests/data/recon.py.
"""
import re

import pytest

import bookkit
from recon import load, one

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


def test_t41_printed_values():
    t = t41()
    assert t.loc["2010-2012"].dropna().to_dict() == {
        "founded by Chinese legal entities": 30, "founded by individuals from China": 48,
        "branches and representative offices": 26, "total": 104}
    row = t.loc[ALL_YEARS]
    assert (row["founded by Chinese legal entities"], row["founded by individuals from China"],
            row["total"]) == (186, 1064, 1383)
    assert (row["branches"], row["representative offices"], row["branches and representative offices"]) == \
        (47, 86, 133)


def test_chinese_registered_count_is_an_upper_bound():
    prose = load("business_firm_counts")
    registered = one(prose, indicator="Chinese businesses registered, according to official Chinese sources")
    assert registered["qualifier"] == "up to"


def test_almaty_large_firms_by_founder():
    prose = load("business_firm_counts")
    firms = prose[prose.place == "Almaty city"].set_index("indicator")["firms"]
    assert firms["large businesses set up by legal entities or individuals from China"] == 36


# ---------------------------------------------------------------- CSR and companies

def test_oil_company_cnpc_share():
    oil = load("business_oil_companies").set_index("company")
    assert oil["cnpc_share_percent"].notna().sum() == 1


def test_xinkaz_local_staff_share():
    csr = load("business_csr_figures")
    xinkaz = csr[csr.company == "XinKaz"].set_index("indicator")["value"]
    assert xinkaz["share of staff who are local residents"] == 93


# ---------------------------------------------------------------- markets and trade

def test_trade_place_staffing():
    m = load("business_markets").set_index("indicator")["value"]
    assert (m["people working per trade place"], m["jobs created per entrepreneur"]) == (5, 4)


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
    assert c.loc["small cross-border trade's share of Xinjiang foreign trade", "value"] == 51.7
    assert c.loc["small daily transactions' share of cross-border trade", "value"] == 52.1


EXPORTS = "Chinese footwear exported through XUAR border checkpoints"


def test_footwear_kazakh_imports_within_exports():
    f = load("business_footwear_trade")
    imported = one(f, year=2012, flow="footwear imported by Kazakhstan", indicator="volume")["value"]
    exported = one(f, year=2012, flow=EXPORTS, indicator="volume")["value"]
    assert (imported, exported) == (150, 280) and imported <= exported


def test_footwear_supply_china_share():
    s = load("business_footwear_supply_shares")
    assert set(s.period) == {"Soviet period", "present (source dated 2014)"}
    assert one(s, period="present (source dated 2014)", supplier="China")["share_percent"] == 75


def test_leather_footwear_industry_figures():
    li = load("business_light_industry").set_index(["sector", "indicator"])["value"]
    assert li[("leather and footwear", "active enterprises")] == 42
    assert li[("leather and footwear", "enterprises of significant size")] <= 42


def test_footwear_2006_volume_is_approximate():
    v06 = one(load("business_footwear_trade"), year=2006, flow=EXPORTS, indicator="volume")
    assert (v06["value"], v06["qualifier"]) == (150, "about")


def test_carrier_loss_figures():
    c = load("business_cross_border_trade").set_index("indicator")
    tenge_day = c.loc["earnings per carrier (tenge)", "value"]
    usd_day = c.loc["earnings per carrier (dollars)", "value"]
    loss = c.loc["tax revenue lost to the budget (tenge)"]
    assert (tenge_day, usd_day) == (10000, 67)
    assert (loss["value"], loss["value_upper"], loss["unit"]) == (12, 15, "million tenge")
    high = loss["value_upper"] * 1e6 * usd_day / tenge_day
    # the printed 100,000 dollars fits only the upper end of the range
    assert high == pytest.approx(100500)


# ---------------------------------------------------------------- agriculture

def test_agriculture_gdp_share_falls():
    g = load("agriculture_employment_gdp_share")
    gdp = g[(g.country == "Kazakhstan") & (g.indicator == "agriculture's share of GDP")] \
        .set_index("year")["share_percent"]
    assert gdp.to_dict() == {2008: 5.8, 2011: 5.0, 2014: 4.3}
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
    assert tuple(s.loc["self-employed living in rural areas", ["numerator", "denominator"]]) == (2, 3)


def test_land_lease_projects():
    p = load("agriculture_land_lease_projects").set_index(["project", "indicator"])
    alakol = "Alakol district lease (East Kazakhstan)"
    assert p.loc[(alakol, "area leased"), "value"] == 7000
    assert p.loc[(alakol, "lease term"), "value"] == 10
    pilot = p.loc[("pilot soy cultivation", "area planned")]
    assert (pilot["value"], pilot["value_upper"]) == (10000, 15000)


def test_land_leased_may_2014_users_and_plots():
    land = load("agriculture_land_leased_foreign")
    may = land[land.as_of == "2014-05"]
    users = may[may.indicator == "land users"].set_index("lessee_origin")["value"]
    assert users.to_dict() == {"China": 32, "Russia": 22}
    assert one(may, indicator="plots leased")["value"] == 94


def test_land_leased_jan_2014_china_within_total():
    land = load("agriculture_land_leased_foreign")
    jan = land[land.as_of == "2014-01-01"].set_index("lessee_origin")["value"]
    assert jan["China (legal entities)"] <= jan["foreign citizens and legal entities with Kazakh partners"]


def test_chinese_share_of_accessible_land():
    land = load("agriculture_land_leased_foreign")
    assert one(land, indicator="share of Chinese land users")["value"] == 1.6


def test_imports_2015_total():
    i = load("agriculture_imports_from_china")
    y = i[i.period == "2015 (over 5 months)"].set_index("product")["value"]
    assert y["agricultural produce"] == 56.1


def test_imports_volumes():
    i = load("agriculture_imports_from_china").set_index("period")
    assert (i.loc["2010", "value"], i.loc["2010", "qualifier"]) == (80000, "more than")
    assert i.loc["2013 (11 months)", "value"] == 310000


def test_timeline_dates_and_counts():
    t = load("agriculture_cooperation_timeline")
    assert t["date"].dropna().str.match(r"^\d{4}(-\d{2}(-\d{2})?)?$").all()
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


# ---------------------------------------------------------------- agriculture: what the discrepancies rest on

def test_productivity_figures_have_one_year_and_one_source():
    p = load("agriculture_labour_productivity")
    (year,) = set(p["year"])
    (source,) = set(p["cited_source"])
    assert (year, int(re.search(r"\b(\d{4})\b", source).group(1))) == (2008, 2003)


def test_china_leased_area_same_to_one_decimal():
    land = load("agriculture_land_leased_foreign")
    media = one(land, basis="media reports", indicator="area leased")["value"]
    note = one(land, as_of="2014-01-01", lessee_origin="China (legal entities)")["value"]
    assert round(media, 1) == note


def test_chinese_leased_area_grows_in_2014():
    land = load("agriculture_land_leased_foreign")
    china_jan = one(land, as_of="2014-01-01", lessee_origin="China (legal entities)")["value"]
    china_may = one(land, as_of="2014-05", lessee_origin="China", indicator="area leased")["value"]
    assert china_may > china_jan  # the Chinese area grows while the total shrinks
