"""Data checks for report sections 1 (history_*) and 2 (xinjiang_*) and the Conclusion.

Only properties of the data themselves live here: pinned values, units and scales, shapes,
relations between datasets that no chapter recomputes, and the provenance of the one
discrepancy about the report's own map numbering. Totals against their parts, shares
against counts, prose against tables and the recorded discrepancies of these sections are
checked in the hidden cells of chapters/history.md, chapters/xinjiang.md and
chapters/conclusion.md; see tests/data/recon.py.
"""
import re

import pytest

from recon import load, one, recorded


# ---------------------------------------------------------------- Table 1.1

def t11(indicator, year):
    return one(load("history_kazakhstan_key_indicators"), indicator=indicator, year=year)["value"]


def t21(indicator, entity, breakdown="all"):
    return one(load("xinjiang_comparative_indicators"), indicator=indicator, entity=entity,
               breakdown=breakdown)


def test_t11_population_on_a_thousands_scale():
    # read as thousands, Table 1.1 (end of 2014) and Table 2.1 (March 2015) agree within 0.1 million
    assert abs(t11("population", 2014) / 1000 - t21("population", "Kazakhstan")["value"]) < 0.1


def test_t11_gdp_on_a_millions_scale():
    assert round(t11("gross_domestic_product", 2014) / 1000, 1) == t21("gdp", "Kazakhstan")["value"]


# ---------------------------------------------------------------- GDP growth, Table 1.2

def test_gdp_growth_2014():
    assert one(load("history_gdp_growth"), year=2014)["gdp_index"] == 104.3


@pytest.mark.parametrize("region", ["XUAR", "Almaty region (excluding Almaty city)", "East Kazakhstan region"])
def test_t12_columns_complete(region):
    frame = load("history_ethnic_composition_2006")
    column = frame[frame.region == region]
    assert one(column, row_type="total")["percent"] == 100.0
    assert len(column) == 14


# ---------------------------------------------------------------- XUAR 2010 census, Kazakhs in China

def test_kazakhs_in_xuar_against_the_2010_census():
    k = load("history_kazakhs_in_china")
    in_xuar = one(k, indicator="kazakhs_in_xuar")["value"]
    x = load("history_xuar_ethnic_composition_2010")
    total = one(x, ethnic_group="total", measure="population")["value"] * 1e6
    assert round(in_xuar / total * 100, 1) == one(x, ethnic_group="Kazakh", measure="share")["value"]
    assert round(in_xuar / 1e6, 1) == one(x, ethnic_group="Kazakh", measure="population")["value"]


def test_census_1999_born_abroad_within_population():
    frame = load("history_census_1999_born_abroad")
    value = lambda i: one(frame, indicator=i)["value"]
    assert value("born_outside_cis_and_baltic") < value("population_total")


def test_migration_ranges_ordered():
    frame = load("history_migration_waves").dropna(subset=["persons_high"])
    assert len(frame) > 0
    assert (frame["persons"] < frame["persons_high"]).all()


# ---------------------------------------------------------------- XUAR foreign trade (Graph 2.1 prose)

def ft(period, indicator):
    return one(load("xinjiang_foreign_trade"), period=period, indicator=indicator)["value"]


def test_xuar_1990_border_trade_within_total():
    assert ft("1990", "border_trade") < ft("1990", "total_foreign_trade")


def test_xuar_2013_exports_imports_total():
    total, exports, imports = ft("2013", "total_foreign_trade"), ft("2013", "exports"), ft("2013", "imports")
    assert imports >= total - exports  # imports are 'almost 5.3'
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


def test_trade_gap_2013_above_the_stated_maximum():
    stated = one(load("xinjiang_other_figures"), indicator="trade_statistics_gap_amount")
    assert ts(2013, "difference", "statistical_gap") > stated["value_high"]


def test_khorgos_figures_units():
    capacity = one(load("xinjiang_checkpoint_figures"), checkpoint="Khorgos-Korgos",
                   indicator="passenger_handling_capacity")
    daily = one(load("xinjiang_khorgos_icbc"), indicator="tourists_and_business_visitors_crossing")
    assert (capacity["unit"], daily["unit"]) == ("thousand passengers per year", "people per day")


def test_fifty_kg_limit():
    assert one(load("xinjiang_khorgos_icbc"), indicator="duty_free_goods_weight")["value"] == 50


def test_checkpoint_figures_refer_to_listed_checkpoints():
    checkpoints = load("xinjiang_border_checkpoints")
    figures = set(load("xinjiang_checkpoint_figures")["checkpoint"]) - {"all XUAR border checkpoints"}
    assert figures <= set(checkpoints["name"])


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


def test_kazakh_rural_is_villages_2010():
    u = load("xinjiang_kazakh_urbanisation")
    value = lambda s: one(u, population="Kazakhs in China", year=2010, settlement=s)["percent"]
    assert value("rural") == value("villages")


# ---------------------------------------------------------------- Table 2.1

def test_t21_kazakhstan_density():
    population = t21("population", "Kazakhstan")["value"] * 1e6
    assert round(population / t21("area", "Kazakhstan")["value"]) == \
        t21("population_density", "Kazakhstan")["value"]


def test_t21_china_population_unit():
    assert t21("population", "China")["unit"] == "billion people"


def test_t21_hdi_rank_order_matches_values():
    assert t21("hdi", "Kazakhstan")["value"] > t21("hdi", "China")["value"]
    assert t21("hdi_rank_global", "Kazakhstan")["value"] < t21("hdi_rank_global", "China")["value"]
    assert t21("gni_per_capita", "Kazakhstan")["value"] > t21("gni_per_capita", "China")["value"]
    assert t21("gni_per_capita_rank_global", "Kazakhstan")["value"] < \
        t21("gni_per_capita_rank_global", "China")["value"]


def test_t21_reference_years():
    t = load("xinjiang_comparative_indicators")
    default = t[t.year_source == "table default"]
    assert len(default) > 0
    assert (default.reference_year == 2014).all() and default.reference_period.isna().all()
    cell = t[t.year_source == "cell"]
    assert len(cell) > 0
    assert all(str(y) in p for y, p in zip(cell.reference_year, cell.reference_period))


@pytest.mark.discrepancy("checkpoint-map-number")
def test_checkpoint_map_number_in_text_and_annex():
    from test_provenance import REPORT
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    record = recorded("checkpoint-map-number")
    in_text = int(re.search(r"line (\d+)", record["where_a"]).group(1))
    in_annex = int(re.search(r"line (\d+)", record["where_b"]).group(1))
    assert record["value_a"] in lines[in_text - 1] and "heckpoints" in lines[in_text - 1]  # "Сheckpoints": Cyrillic С
    assert record["value_b"] in lines[in_annex - 1] and "Checkpoints" in lines[in_annex - 1]
