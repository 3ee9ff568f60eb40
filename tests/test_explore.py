"""The data explorer: default-chart rule, the ipywidgets explorer and the kernel-free one."""
import json

import pytest

from bookkit import data, explore


@pytest.mark.parametrize("name, column", [("history_gdp_growth", "year"),
                                          ("migration_border_exits", "year"),
                                          ("attitudes_familiarity", "survey_year")])
def test_a_measure_over_years_is_drawn_as_lines(name, column):
    plan = explore.chart_plan(name)
    assert (plan.kind, plan.x) == ("line", column)
    chart, _ = explore.default_chart(name)
    marks = json.dumps(chart.to_dict()["spec"])
    assert '"type": "line"' in marks and '"point": true' in marks


@pytest.mark.parametrize("name, value, labels", [
    ("migration_oralmans_by_origin", "share_percent", ["country"]),
    ("education_sco_network_university", "universities", ["country"]),
    ("history_census_1999_born_abroad", "value", ["indicator"]),
])
def test_a_measure_by_category_is_drawn_as_bars(name, value, labels):
    plan = explore.chart_plan(name)
    assert (plan.kind, plan.value, plan.labels, plan.x) == ("bar", value, labels, None)
    chart, _ = explore.default_chart(name)
    assert '"type": "bar"' in json.dumps(chart.to_dict()["spec"])


def test_mixed_units_get_one_panel_each():
    chart, plan = explore.default_chart("history_census_1999_born_abroad")
    assert plan.unit_column == "unit"
    assert chart.to_dict()["facet"]["row"]["field"] == "unit"


@pytest.mark.parametrize("name, words", [("history_china_projects", "map coordinate"),
                                         ("business_milestones", "text only"),
                                         ("discrepancies", "no unit"),
                                         ("education_confucius_institutes_kz", "is a year")])
def test_no_chart_says_why(name, words):
    plan = explore.chart_plan(name)
    assert plan.kind is None and words in plan.reason
    assert explore.default_chart(name)[0] is None


@pytest.fixture(scope="module")
def widget():
    return explore.explorer()


def test_dropdown_lists_every_dataset(widget):
    assert list(widget.dropdown.options) == data.names()
    assert widget.dropdown.value == explore.DEFAULT_DATASET
    assert widget.children == (widget.dropdown, widget.output)


def _text(outputs):
    return " ".join(str(o["data"].get("text/html", "")) + str(o["data"].get("text/plain", ""))
                    for o in outputs)


def test_output_shows_metadata_table_and_chart(widget):
    outputs = widget.output.outputs
    assert len(outputs) == 3
    text = _text(outputs)
    assert data.metadata(explore.DEFAULT_DATASET)["title"] in text
    assert "Uzbekistan" in text  # a row of the table
    assert "<td>percent</td>" in text  # the unit of share_percent
    assert "image/svg+xml" in outputs[2]["data"]


def test_changing_the_dropdown_updates_the_output(widget):
    before = widget.output.outputs
    widget.dropdown.value = "history_gdp_growth"
    after = widget.output.outputs
    assert after != before
    assert data.metadata("history_gdp_growth")["title"] in _text(after)
    assert "Uzbekistan" not in _text(after)
    assert "<chart of history_gdp_growth: line>" in _text(after)
    widget.dropdown.value = "business_milestones"
    final = widget.output.outputs
    assert "No default chart" in _text(final) and "image/svg+xml" not in final[-1]["data"]
    assert "First 10" not in _text(final) and "All 8 rows." in _text(final)
    widget.dropdown.value = "migration_border_exits"  # more than SMALL rows: only the head
    assert "First 10 of 105 rows" in _text(widget.output.outputs)


def test_static_explorer_covers_every_dataset_with_a_measure():
    with_measure = [n for n in data.names() if explore.chart_plan(n).value is not None]
    without = set(data.names()) - set(with_measure)
    assert len(with_measure) > 60 and without
    long = explore.long_table()
    assert list(dict.fromkeys(long["name"])) == with_measure
    assert set(long.columns) >= {"dataset", "category", "x", "value", "unit"}
    assert long["value"].notna().all() and (long["unit"] != "").all()
    for name in with_measure:  # every non-blank value of the measure is there
        plan = explore.chart_plan(name)
        assert (long["name"] == name).sum() == data.load(name)[plan.value].notna().sum()


def test_static_explorer_menu_and_filter():
    fig = explore.static_explorer()
    spec = fig.spec
    (param,) = [p for p in spec["params"] if p["name"] == "pick_dataset"]
    titles = list(dict.fromkeys(explore.long_table()["dataset"]))
    assert param["bind"]["input"] == "select"
    assert param["bind"]["labels"] == [explore.menu_label(t) for t in titles]
    assert all(len(label) <= explore.MENU_CHARS for label in param["bind"]["labels"])
    assert spec["autosize"]["resize"] is True
    assert param["bind"]["options"] == list(range(len(titles)))
    assert titles[param["value"]] == data.metadata(explore.DEFAULT_DATASET)["title"]
    text = json.dumps(spec)
    assert "datum.d === pick_dataset" in text or "(datum.d === pick_dataset)" in text
    rows = [v for d in spec["datasets"].values() for v in d if "value" in v and "row" in v]
    assert len(rows) == len(explore.long_table())
    assert len(fig.html()) < 700_000
