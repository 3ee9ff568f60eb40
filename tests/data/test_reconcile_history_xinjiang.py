"""Reconciliation checks for report sections 1 (history_*) and 2 (xinjiang_*).

Each test recomputes a total, share or repeated figure from the data package. Where the
report disagrees with itself the check goes through bookkit.agree (via recon.check), which
passes only if the disagreement is recorded with exactly these values in
data/discrepancies.csv.
"""
import re

import pytest

from recon import check, load, one, recorded


# ---------------------------------------------------------------- Table 1.1

def t11(indicator, year):
    return one(load("history_kazakhstan_key_indicators"), indicator=indicator, year=year)["value"]


def t21(indicator, entity, breakdown="all"):
    return one(load("xinjiang_comparative_indicators"), indicator=indicator, entity=entity,
               breakdown=breakdown)


@pytest.mark.parametrize("year", [
    pytest.param(y, marks=pytest.mark.discrepancy(f"t11_trade_{y}_not_sum")) for y in (2012, 2013, 2014)])
def test_t11_trade_is_exports_plus_imports(year):
    parts = round(t11("exports", year) + t11("imports", year), 1)
    check(f"t11_trade_{year}_not_sum", t11("foreign_trade_turnover", year), parts)


@pytest.mark.discrepancy("t11_population_unit")
def test_t11_population_scale():
    printed = t11("population", 2014)
    table_21 = t21("population", "Kazakhstan")["value"]
    check("t11_population_unit", printed, table_21)
    # read as thousands, the two figures (end of 2014, March 2015) agree within 0.1 million
    assert abs(printed / 1000 - table_21) < 0.1


@pytest.mark.discrepancy("t11_money_unit")
def test_t11_gdp_scale():
    printed = t11("gross_domestic_product", 2014)
    table_21 = t21("gdp", "Kazakhstan")["value"]
    check("t11_money_unit", printed, table_21)
    assert round(printed / 1000, 1) == table_21  # the same figure on a millions scale


# ---------------------------------------------------------------- GDP growth, China 2013, agreements

def test_gdp_growth_2014_repeated_in_table_2_1():
    growth = one(load("history_gdp_growth"), year=2014)["gdp_index"]
    assert growth == t21("gdp_index", "Kazakhstan")["value"] == 104.3


def test_china_2013_trade_is_exports_plus_imports():
    frame = load("history_china_economy_2013")
    value = lambda i: one(frame, indicator=i)["value"]
    assert value("exports") + value("imports") == pytest.approx(value("foreign_trade_turnover"), abs=0.005)


def test_investment_agreements_total():
    frame = load("history_investment_agreements")
    events = frame[frame.row_type == "event"]["value"].sum()
    assert events == one(frame, row_type="total")["value"] == 59


# ---------------------------------------------------------------- Table 1.2

@pytest.mark.parametrize("region", ["XUAR", "Almaty region (excluding Almaty city)", "East Kazakhstan region"])
def test_t12_columns_sum_to_printed_total(region):
    frame = load("history_ethnic_composition_2006")
    column = frame[frame.region == region]
    total = one(column, row_type="total")["percent"]
    assert total == 100.0
    assert column[column.row_type != "total"]["percent"].sum() == pytest.approx(total, abs=0.005)
    assert len(column) == 14


# ---------------------------------------------------------------- XUAR 2010 census, Kazakhs in China

def test_xuar_2010_shares_sum_to_100():
    frame = load("history_xuar_ethnic_composition_2010")
    assert frame[frame.measure == "share"]["value"].sum() == pytest.approx(100.0, abs=0.05)


@pytest.mark.parametrize("group", ["Uyghur", "Han", "Kazakh", "Hui (Dungan)"])
def test_xuar_2010_counts_match_shares(group):
    frame = load("history_xuar_ethnic_composition_2010")
    total = one(frame, ethnic_group="total", measure="population")["value"]  # million
    row = one(frame, ethnic_group=group, measure="population")
    count = row["value"] / 1000 if row["unit"] == "thousand people" else row["value"]
    share = one(frame, ethnic_group=group, measure="share")["value"]
    assert count / total * 100 == pytest.approx(share, abs=0.3)


def test_kazakhs_in_china_shares():
    k = load("history_kazakhs_in_china")
    value = lambda i: one(k, indicator=i)["value"]
    assert round(value("kazakhs_in_ili_prefecture") / value("kazakhs_in_xuar") * 100, 1) == \
        value("ili_share_of_xuar_kazakhs")
    assert round(value("kazakhs_in_xuar") / (value("kazakhs_in_china") * 1e6) * 100) == \
        value("xuar_share_of_china_kazakhs")
    x = load("history_xuar_ethnic_composition_2010")
    total = one(x, ethnic_group="total", measure="population")["value"] * 1e6
    assert round(value("kazakhs_in_xuar") / total * 100, 1) == \
        one(x, ethnic_group="Kazakh", measure="share")["value"]
    assert round(value("kazakhs_in_xuar") / 1e6, 1) == \
        one(x, ethnic_group="Kazakh", measure="population")["value"]


def test_xuar_population_2010_prose_vs_table_2_1():
    x = load("history_xuar_ethnic_composition_2010")
    assert round(one(x, ethnic_group="total", measure="population")["value"], 1) == \
        t21("population", "XUAR")["value"]


# ---------------------------------------------------------------- 1999 census, diasporas

def test_census_1999_china_share():
    frame = load("history_census_1999_born_abroad")
    value = lambda i: one(frame, indicator=i)["value"]
    assert round(value("china_by_citizenship") / value("born_outside_cis_and_baltic") * 100, 1) == \
        value("china_share_of_born_outside")
    assert value("born_outside_cis_and_baltic") < value("population_total")


@pytest.mark.parametrize("group", ["Uyghur", "Dungan"])
def test_diaspora_regions_within_national_total(group):
    frame = load("history_diasporas")
    g = frame[(frame.ethnic_group == group) & (frame.reference == "2010-01-01")]
    national = one(g, area="Kazakhstan")["persons"]
    assert g[g.area != "Kazakhstan"]["persons"].sum() <= national


def test_diaspora_shares_imply_one_national_population():
    frame = load("history_diasporas")
    bounds = []
    for group in ["Uyghur", "Dungan"]:
        row = one(frame, ethnic_group=group, reference="2010-01-01", area="Kazakhstan")
        share, half = row["share_percent"] / 100, 0.00005  # half a unit of the printed 2nd decimal
        bounds.append((row["persons"] / (share + half), row["persons"] / (share - half)))
    assert max(b[0] for b in bounds) <= min(b[1] for b in bounds)


@pytest.mark.discrepancy("chinese_diaspora_decline")
def test_chinese_diaspora_decline():
    diasporas = load("history_diasporas")
    c1970 = one(diasporas, ethnic_group="Chinese", reference="1970", area="Kazakhstan")["persons"]
    c2009 = one(diasporas, ethnic_group="Chinese", reference="2009 census", area="Kazakhstan")["persons"]
    printed = one(load("history_chinese_diaspora_profile"), indicator="decrease_in_number_since_1970")["percent"]
    check("chinese_diaspora_decline", printed, round((c1970 - c2009) / c1970 * 100, 2))


def test_chinese_diaspora_sex_shares():
    profile = load("history_chinese_diaspora_profile")
    assert one(profile, indicator="male_share")["percent"] + \
        one(profile, indicator="female_share")["percent"] == pytest.approx(100)


def test_migration_ranges_ordered():
    frame = load("history_migration_waves").dropna(subset=["persons_high"])
    assert len(frame) > 0
    assert (frame["persons"] < frame["persons_high"]).all()


# ---------------------------------------------------------------- XUAR foreign trade (Graph 2.1 prose)

def ft(period, indicator):
    return one(load("xinjiang_foreign_trade"), period=period, indicator=indicator)["value"]


def test_xuar_2003_border_trade_share():
    assert round(ft("2003", "border_trade") / ft("2003", "total_foreign_trade") * 100, 1) == \
        ft("2003", "border_trade_share_of_total")


def test_xuar_1990_border_trade_within_total():
    assert ft("1990", "border_trade") < ft("1990", "total_foreign_trade")


def test_xuar_2011_central_asia_trade():
    ca = ft("2011", "trade_with_central_asia")
    assert ft("2011", "exports_to_central_asia") + ft("2011", "imports_from_central_asia") == \
        pytest.approx(ca, abs=0.005)
    assert round(ca / ft("2011", "central_asia_total_trade_turnover") * 100, 1) == \
        ft("2011", "xinjiang_share_of_central_asia_trade")
    assert round(ca / ft("2011", "total_foreign_trade") * 100, 1) == ft("2011", "central_asia_share_of_total")


@pytest.mark.discrepancy("xuar_ca_trade_2011_scope")
def test_xuar_2011_scope():
    # one figure given two scopes: the record's values are equal, so agree() cannot carry it
    record = recorded("xuar_ca_trade_2011_scope")
    assert float(record.value_a) == float(record.value_b) == ft("2011", "trade_with_central_asia")
    # the data keep a single row for it, as Xinjiang's trade (a share of Xinjiang's total)
    assert ft("2011", "trade_with_central_asia") < ft("2011", "total_foreign_trade")


def test_xuar_2013_exports_imports_total():
    total, exports, imports = ft("2013", "total_foreign_trade"), ft("2013", "exports"), ft("2013", "imports")
    assert 0 <= imports - (total - exports) < 0.05  # imports are 'almost 5.3'
    assert ft("2013", "trade_with_central_asia") / total * 100 == \
        pytest.approx(ft("2013", "central_asia_share_of_total"), abs=1.5)


def test_petty_trade_shares_agree():
    frame = load("xinjiang_foreign_trade")
    values = frame[frame.indicator == "petty_cross_border_trade_share_of_total"]["value"]
    assert len(values) >= 1 and set(values) == {50}


# ---------------------------------------------------------------- KZ-China trade statistics

def ts(year, source, measure="trade_turnover", flow="total"):
    return one(load("xinjiang_kz_china_trade_statistics"), year=year, source=source, measure=measure,
               flow=flow)["value"]


@pytest.mark.parametrize("year", [2005, 2010])
def test_trade_gap_is_difference_of_sources(year):
    gap = ts(year, "China Ministry of Commerce") - ts(year, "Kazakhstan customs")
    assert gap == pytest.approx(ts(year, "difference", "statistical_gap"), abs=0.005)


@pytest.mark.discrepancy("trade_gap_max_amount")
def test_trade_gap_max_amount():
    stated = one(load("xinjiang_other_figures"), indicator="trade_statistics_gap_amount")
    check("trade_gap_max_amount", stated["value_high"], ts(2010, "difference", "statistical_gap"))
    assert ts(2013, "difference", "statistical_gap") > stated["value_high"]


@pytest.mark.discrepancy("trade_gap_share_range")
def test_trade_gap_share_range():
    record = recorded("trade_gap_share_range")
    stated = one(load("xinjiang_other_figures"), indicator="trade_statistics_gap_share")
    assert record.value_a == f"{stated['value']:.0f}-{stated['value_high']:.0f}"
    computed = [round(ts(year, "difference", "statistical_gap") / ts(year, base) * 100, 1)
                for base in ["China Ministry of Commerce", "Kazakhstan customs"] for year in [2005, 2010]]
    assert [float(x) for x in re.findall(r"\d+\.\d", record.value_b)] == computed
    for i in (0, 2):  # under either base, exactly one of the two years falls outside the range
        inside = [stated["value"] <= x <= stated["value_high"] for x in computed[i:i + 2]]
        assert inside.count(False) == 1


# ---------------------------------------------------------------- checkpoints, ICBC, projects

@pytest.mark.discrepancy("khorgos_capacity_vs_traffic")
def test_khorgos_capacity_vs_traffic():
    capacity = one(load("xinjiang_checkpoint_figures"), checkpoint="Khorgos-Korgos",
                   indicator="passenger_handling_capacity")
    first_quarter = one(load("xinjiang_khorgos_icbc"), indicator="passengers_crossing")
    assert capacity["unit"] == "thousand passengers per year"
    check("khorgos_capacity_vs_traffic", capacity["value"] * 1000, first_quarter["value"])


def test_icbc_chinese_zones_fit_in_chinese_area():
    icbc = load("xinjiang_khorgos_icbc")
    zones_ha = icbc[icbc.indicator == "zone_area"]["value"].sum()
    assert zones_ha == pytest.approx(65.0)
    assert zones_ha / 100 < one(icbc, indicator="area", part="Chinese part")["value"]


def test_fifty_kg_limit_repeated():
    box = one(load("xinjiang_khorgos_icbc"), indicator="duty_free_goods_weight")["value"]
    prose = one(load("xinjiang_other_figures"), indicator="goods_allowed_for_noncommercial_use")["value"]
    assert box == prose == 50


def test_checkpoint_figures_refer_to_listed_checkpoints():
    checkpoints = load("xinjiang_border_checkpoints")
    figures = set(load("xinjiang_checkpoint_figures")["checkpoint"]) - {"all XUAR border checkpoints"}
    assert figures <= set(checkpoints["name"])
    assert checkpoints["listed_as_largest"].sum() == 5


def test_project_figures_refer_to_listed_projects():
    names = set(load("history_china_projects")["name"])
    assert set(load("history_project_figures")["project"]) <= names
    assert "Zaisan gas pipeline and gas distribution station" in names
    assert one(load("xinjiang_east_kazakhstan_cooperation"), indicator="pipeline_length")["value"] == 93


# ---------------------------------------------------------------- sedentarisation, urbanisation

def test_sedentarisation_consistency():
    s = load("xinjiang_herder_sedentarisation")
    value = lambda i, p: one(s, indicator=i, period=p)["value"]
    settled = value("families_settled_cumulative", "by 2011")
    implied_total = settled / (value("settled_share_of_nomadic_herder_families", "by 2011") / 100)
    # settled by 2011 plus those still to settle by 2020 cover practically all herder families
    assert settled + value("families_to_settle", "by 2020") == pytest.approx(implied_total, rel=0.01)
    assert 4 < value("people_to_settle", "by 2020") / value("families_to_settle", "by 2020") < 5


@pytest.mark.parametrize("year", [2000, 2010])
def test_kazakh_settlement_shares_sum_to_100(year):
    u = load("xinjiang_kazakh_urbanisation")
    three = u[(u.population == "Kazakhs in China") & (u.year == year)
              & u.settlement.isin(["villages", "urban-type settlements", "cities"])]
    assert len(three) == 3
    assert three["percent"].sum() == pytest.approx(100.0, abs=0.05)


def test_kazakh_rural_urban_2010():
    u = load("xinjiang_kazakh_urbanisation")
    value = lambda pop, s: one(u, population=pop, year=2010, settlement=s)["percent"]
    china = "Kazakhs in China"
    assert value(china, "rural") == value(china, "villages")
    assert value(china, "urban") == pytest.approx(value(china, "urban-type settlements") + value(china, "cities"))
    for pop in [china, "Kazakhs in Xinjiang"]:
        assert value(pop, "rural") + value(pop, "urban") == pytest.approx(100.0)


@pytest.mark.parametrize("settlement", ["urban-type settlements", "cities", "villages"])
def test_kazakh_growth_rates_match_shares(settlement):
    u = load("xinjiang_kazakh_urbanisation")
    g = load("xinjiang_kazakh_population_growth")
    total_rate = one(g, settlement="all")["growth_percent"]
    s0 = one(u, population="Kazakhs in China", year=2000, settlement=settlement)["percent"]
    s1 = one(u, population="Kazakhs in China", year=2010, settlement=settlement)["percent"]
    implied = (s1 / s0 * (1 + 10 * total_rate / 100) - 1) / 10 * 100  # simple yearly growth, 10 years
    assert implied == pytest.approx(one(g, settlement=settlement)["growth_percent"], abs=0.2)


# ---------------------------------------------------------------- Table 2.1

def test_t21_area_repeats_prose():
    prose = one(load("xinjiang_other_figures"), indicator="xuar_area")["value"]
    assert t21("area", "XUAR")["value"] == prose * 1e6
    assert t21("area", "XUAR")["value"] / t21("area", "China")["value"] == pytest.approx(1 / 6, abs=0.01)


@pytest.mark.parametrize("entity", ["Kazakhstan", "XUAR", "China"])
def test_t21_urban_rural_sum(entity):
    assert t21("population_share", entity, "urban")["value"] + \
        t21("population_share", entity, "rural")["value"] == pytest.approx(100.0)


@pytest.mark.parametrize("entity", ["Kazakhstan", "XUAR", "China"])
def test_t21_life_expectancy_between_sexes(entity):
    low, high = sorted([t21("life_expectancy_at_birth", entity, "male")["value"],
                        t21("life_expectancy_at_birth", entity, "female")["value"]])
    assert low <= t21("life_expectancy_at_birth", entity)["value"] <= high


def test_t21_kazakhstan_density():
    population = t21("population", "Kazakhstan")["value"] * 1e6
    assert round(population / t21("area", "Kazakhstan")["value"]) == \
        t21("population_density", "Kazakhstan")["value"]


@pytest.mark.discrepancy("t21_xuar_density")
def test_t21_xuar_density():
    implied = t21("population", "XUAR")["value"] * 1e6 / t21("area", "XUAR")["value"]
    check("t21_xuar_density", t21("population_density", "XUAR")["value"], round(implied, 2))


@pytest.mark.discrepancy("t21_china_population_bln")
def test_t21_china_population():
    row = t21("population", "China")
    assert row["unit"] == "billion people"
    implied_million = t21("population_density", "China")["value"] * t21("area", "China")["value"] / 1e6
    check("t21_china_population_bln", row["value"], round(implied_million, 1))


def test_t21_kazakhstan_age_shares_within_rounding():
    t = load("xinjiang_comparative_indicators")
    shares = t[(t.indicator == "age_structure") & (t.entity == "Kazakhstan")]["value"]
    assert len(shares) == 3 and abs(shares.sum() - 100) <= 1.5  # whole-number shares; 101 is rounding


def test_t21_china_age_shares_sum_to_100():
    t = load("xinjiang_comparative_indicators")
    c = t[(t.indicator == "age_structure") & (t.entity == "China")]
    assert c[c.breakdown.isin(["0-14", "15-64", "65 and above"])]["value"].sum() == pytest.approx(100)
    assert c[c.breakdown.isin(["0-16", "17-60", "above 60"])]["value"].sum() == pytest.approx(100)


@pytest.mark.discrepancy("t21_xuar_age_shares_sum")
def test_t21_xuar_age_shares():
    t = load("xinjiang_comparative_indicators")
    shares = t[(t.indicator == "age_structure") & (t.entity == "XUAR")]["value"]
    assert len(shares) == 3
    check("t21_xuar_age_shares_sum", round(shares.sum(), 1), 100)


def test_t21_hdi_rank_order_matches_values():
    assert t21("hdi", "Kazakhstan")["value"] > t21("hdi", "China")["value"]
    assert t21("hdi_rank_global", "Kazakhstan")["value"] < t21("hdi_rank_global", "China")["value"]
    assert t21("gni_per_capita", "Kazakhstan")["value"] > t21("gni_per_capita", "China")["value"]
    assert t21("gni_per_capita_rank_global", "Kazakhstan")["value"] < \
        t21("gni_per_capita_rank_global", "China")["value"]


def test_t21_rural_income_components_below_total():
    parts = t21("annual_income_rural_component", "XUAR", "wage income")["value"] + \
        t21("annual_income_rural_component", "XUAR", "primary income from family business")["value"]
    assert parts < t21("annual_income", "XUAR", "rural areas")["value"]


def test_t21_reference_years():
    t = load("xinjiang_comparative_indicators")
    default = t[t.year_source == "table default"]
    assert len(default) > 0
    assert (default.reference_year == 2014).all() and default.reference_period.isna().all()
    cell = t[t.year_source == "cell"]
    assert len(cell) > 0
    assert all(str(y) in p for y, p in zip(cell.reference_year, cell.reference_period))


@pytest.mark.discrepancy("khorgos_capacity_vs_daily_traffic")
def test_khorgos_capacity_vs_daily_traffic():
    capacity = one(load("xinjiang_checkpoint_figures"), checkpoint="Khorgos-Korgos",
                   indicator="passenger_handling_capacity")
    daily = one(load("xinjiang_khorgos_icbc"), indicator="tourists_and_business_visitors_crossing")
    assert daily["unit"] == "people per day"
    check("khorgos_capacity_vs_daily_traffic", capacity["value"] * 1000, daily["value"] * 365)


@pytest.mark.discrepancy("checkpoint-map-number")
def test_checkpoint_map_number_in_text_and_annex():
    from test_provenance import REPORT
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    record = recorded("checkpoint-map-number")
    in_text = int(re.search(r"line (\d+)", record["where_a"]).group(1))
    in_annex = int(re.search(r"line (\d+)", record["where_b"]).group(1))
    assert record["value_a"] in lines[in_text - 1] and "heckpoints" in lines[in_text - 1]  # "Сheckpoints": Cyrillic С
    assert record["value_b"] in lines[in_annex - 1] and "Checkpoints" in lines[in_annex - 1]


# ---------------------------------------------------------------- the Conclusion against section 1.1.2

def conclusion(indicator):
    return one(load("conclusion_figures"), indicator=indicator)["value"]


@pytest.mark.discrepancy("conclusion-sept-2013-kazakhstan", "conclusion-deals-sum")
def test_conclusion_deals_against_section_1_1_2():
    deals = load("history_investment_agreements")
    events = deals.query("row_type == 'event'").set_index("period")["value"]
    check("conclusion-sept-2013-kazakhstan", conclusion("china_investment_contracts_with_kazakhstan"),
          events["2013-09"])
    assert conclusion("kazakhstan_china_contracts") == events["2014-12"]
    assert conclusion("kazakhstan_china_contracts_march_2015") == events["2015-03"]
    total = conclusion("kazakhstan_china_contracts_total")
    assert total == deals.query("row_type == 'total'")["value"].item() == events.sum()
    parts = sum(conclusion(i) for i in ("china_investment_contracts_with_kazakhstan",
                                         "kazakhstan_china_contracts", "kazakhstan_china_contracts_march_2015"))
    check("conclusion-deals-sum", total, parts)


def test_conclusion_grey_zone_within_the_statistics_gap():
    gap = one(load("xinjiang_other_figures"), indicator="trade_statistics_gap_share")
    grey_top = conclusion("grey_zone_share_of_bilateral_trade_some_years")
    assert grey_top == gap["value_high"]  # 'in some years up to 50%' = the top of the 40-50% gap
