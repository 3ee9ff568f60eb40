"""The data explorer: default-chart rule, the ipywidgets explorer and the kernel-free one."""
import csv
import html
import json
import re

import pytest

from bookkit import data, explore
from bookkit.charts import source_line


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
    spec = chart.to_dict()
    assert spec["facet"]["row"]["field"] == "panel"  # the measure's title and its unit
    panels = {row["panel"] for rows in spec["datasets"].values() for row in rows}
    assert panels == {"Value (people)", "Value (percent)"}


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
    assert [name for _, name in widget.dropdown.options] == data.names()
    assert [title for title, _ in widget.dropdown.options] == [
        data.metadata(n)["title"] for n in data.names()]
    assert widget.dropdown.value == explore.DEFAULT_DATASET
    assert widget.children == (widget.dropdown, widget.output)


def _text(outputs):
    return " ".join(str(o["data"].get("text/html", "")) + str(o["data"].get("text/plain", ""))
                    for o in outputs)


def test_output_shows_metadata_table_and_chart(widget):
    outputs = widget.output.outputs
    assert len(outputs) == 4
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
    assert "No default chart" in _text(final) and "image/svg+xml" not in final[2]["data"]
    assert "All 8 rows" in _text(final)
    widget.dropdown.value = "migration_border_exits"  # a long one: every row, in a scroll box
    assert "All 105 rows" in _text(widget.output.outputs)


SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
RAW_BLANK = re.compile(r"<NA>|\bnan\b|\bNaN\b|\bnull\b|\bNone\b")


def _csv_rows(name):
    with open(data.path(name), newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _visible_text(fragment: str) -> str:
    """The text of an HTML fragment, without its tags and <code> (file and column names)."""
    fragment = re.sub(r"<code>.*?</code>", " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


@pytest.mark.parametrize("name", ["history_census_1999_born_abroad", "migration_border_exits",
                                  "xinjiang_comparative_indicators", "business_milestones",
                                  "attitudes_familiarity", "history_china_projects",
                                  "history_other_figures"])  # its source: "see cited_source column"
def test_the_widget_shows_what_the_site_shows_for_the_picked_dataset(widget, name):
    widget.dropdown.value = name
    about, table, chart, columns = widget.output.outputs
    meta = data.metadata(name)
    shown = _visible_text(about["data"]["text/html"])
    for text in [meta["title"], explore.prose(meta["description"], name),
                 explore.prose(source_line([name]), name),
                 *(explore.prose(n, name) for n in meta.get("notes", []))]:
        assert text in shown
    for other in ("migration_oralmans_by_origin", "history_gdp_growth"):
        assert source_line([other]) not in shown
    rows = table["data"]["text/html"]
    assert rows.count("<tr>") == len(_csv_rows(name)) + 1  # and the header
    heads = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", rows)
    assert heads == [html.escape(f["title"]) for f in meta["schema"]["fields"]]
    assert "overflow: auto" in rows  # it scrolls in its own box
    seen = _visible_text(about["data"]["text/html"] + rows)
    assert not RAW_BLANK.findall(seen) and not SNAKE_CASE.findall(seen), seen[:300]
    if "image/svg+xml" in chart["data"]:
        drawn = [html.unescape(t) for t in
                 re.findall(r"<text[^>]*>([^<]*)</text>", chart["data"]["image/svg+xml"])]
        assert not SNAKE_CASE.findall(" ".join(drawn)), SNAKE_CASE.findall(" ".join(drawn))[:5]
        assert not [t for t in drawn if t.endswith("…")]  # cut by the chart: may read the same
    assert "<code>" in columns["data"]["text/html"]  # the column names, for code


def test_readable_rows_keep_the_files_digits_with_thousands_separated():
    rows = explore.readable_rows("history_census_1999_born_abroad")
    assert list(rows.columns) == ["Indicator", "Value", "Unit", "Line in report.txt"]
    assert rows["Value"].tolist() == ["14,953,000", "159,000", "89,980", "56.6"]
    assert rows["Indicator"].tolist()[1] == "Born outside CIS and Baltic"
    assert rows["Line in report.txt"].tolist()[0] == "1018"  # no separator in a line number
    assert "133,506.0" in explore.readable_rows("history_kazakhstan_key_indicators")["Value"].tolist()
    exits = explore.readable_rows("migration_border_exits")
    assert "2000" in exits["Year"].tolist()  # nor in a year
    assert explore.BLANK in exits.to_numpy() and explore.BLANK_NOTE in explore.table_html(
        "migration_border_exits")
    assert explore.BLANK_NOTE not in explore.table_html("history_census_1999_born_abroad")


def test_notes_name_columns_and_datasets_by_their_titles():
    note = "reference_period repeats the date; see history_diasporas and share_poor."
    assert explore.prose(note, "xinjiang_comparative_indicators") == (
        "‘Reference date as printed’ repeats the date; see ‘"
        + data.metadata("history_diasporas")["title"] + "’ and Share poor.")


def test_codes_read_as_words_spelled_as_the_package_spells_them():
    assert explore.readable("gni_per_capita_rank_within_china") == "GNI per capita rank within China"
    assert explore.readable("population_total") == "Population total"
    assert explore.readable("Almaty region") == "Almaty region"


def test_every_bar_label_is_words_and_no_two_in_a_panel_read_the_same():
    long = explore.long_table()
    assert not long["label"].map(lambda t: bool(SNAKE_CASE.search(t))).any()
    assert not long.duplicated(["name", "unit", "label"]).any()
    names = list(dict.fromkeys(long["name"]))
    rows = explore._chart_rows(long, {n: i for i, n in enumerate(names)})
    assert rows["row"].str.len().max() <= explore.LABEL_CHARS
    assert not rows.duplicated(["d", "panel", "row"]).any()
    cut = rows[rows["long"] != ""]
    assert len(cut) and (cut["row"].str.contains("…")).all()


def test_hostile_text_in_the_data_stays_text(small_package):
    package = json.loads((small_package / "datapackage.json").read_text())
    crossings = package["resources"][0]
    crossings["title"] = "<script>alert(1)</script> & {{ x }}"
    crossings["notes"] = ["<img src=x onerror=alert(1)>"]
    crossings["report"]["cited_source"] = "<b>Agency</b>"
    (small_package / "datapackage.json").write_text(json.dumps(package))
    (small_package / "crossings.csv").write_text(
        "year,purpose,persons,share\n2000,<i>Tourism</i>,486,10.5\n")
    data._read_package.cache_clear()
    fragment = explore.head_html("crossings") + explore.foot_html("crossings") + explore.table_html("crossings")
    assert "<script>" not in fragment and "<img" not in fragment and "<b>" not in fragment
    assert "<i>" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ x }}" in fragment
    assert "&lt;i&gt;Tourism&lt;/i&gt;" in fragment


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
    spec = fig.spec  # the print's (and a notebook's): the menu is the chart's own
    (param,) = [p for p in spec["params"] if p["name"] == "pick_dataset"]
    titles = list(dict.fromkeys(explore.long_table()["dataset"]))
    assert param["bind"]["input"] == "select"
    assert param["bind"]["labels"] == [explore.menu_label(t) for t in titles]
    assert all(len(label) <= explore.MENU_CHARS for label in param["bind"]["labels"])
    assert spec["autosize"]["resize"] is True
    assert param["bind"]["options"] == list(range(len(titles)))
    assert titles[param["value"]] == data.metadata(explore.DEFAULT_DATASET)["title"]
    text = json.dumps(spec)
    assert "datum.d === pick_dataset" in text
    rows = [v for d in spec["datasets"].values() for v in d if "value" in v and "row" in v]
    assert len(rows) == len(explore.long_table())
    # The site's chart has no menu of its own: the page's menu sets its parameter.
    screen = fig.figure.screen
    (param,) = [p for p in screen["params"] if p["name"] == "pick_dataset"]
    assert "bind" not in param and param["value"] == titles.index(
        data.metadata(explore.DEFAULT_DATASET)["title"])
    assert screen["autosize"]["resize"] is True
    assert len(fig.html()) < 700_000


def test_the_site_explorer_has_each_datasets_text_and_rows_with_one_shown():
    fig = explore.static_explorer()
    page = fig.html()
    names = fig.names
    options = re.findall(r'<option value="(\d+)"( selected)?>(.*?)</option>', page)
    assert [html.unescape(t) for _, _, t in options] == [data.metadata(n)["title"] for n in names]
    assert [int(v) for v, s, _ in options if s] == [names.index(explore.DEFAULT_DATASET)]
    for css in ("bookkit-explore__head", "bookkit-explore__foot"):
        parts = re.findall(rf'<div class="{css}" data-dataset="(\d+)"( hidden)?>', page)
        assert [int(i) for i, _ in parts] == list(range(len(names)))
        assert [int(i) for i, h in parts if not h] == [names.index(explore.DEFAULT_DATASET)]
    feet = re.split(r'<div class="bookkit-explore__foot" ', page)[1:]
    for name, foot in zip(names, feet):
        assert html.escape(explore.prose(source_line([name]), name)) in foot
        table = foot[:foot.index("</table>")]
        assert table.count("<tr>") == len(_csv_rows(name)) + 1, name
    assert page.count('class="bookkit-chart"') == 1 and "bookkit-chart__foot" not in page
