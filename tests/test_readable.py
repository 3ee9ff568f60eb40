"""Readers see titles, units and printed numbers; CSV downloads keep machine names."""
import urllib.parse

import altair as alt
import pandas as pd
import pytest

from bookkit import figure, load, readable, table


def test_headers_are_titles_with_units_and_cells_print_as_the_book(small_package):
    columns = readable.Columns("test", ["crossings"])
    shown = columns.shown(load("crossings"))
    assert list(shown.columns) == ["Year", "Purpose", "Persons", "Share (%)"]
    assert list(shown["Persons"]) == ["486", readable.BLANK, "26,149"]
    assert list(shown["Share (%)"]) == ["10.5", "20", "30"]  # decimals as stored
    assert list(shown["Year"]) == ["2000", "2000", "2001"]  # a year has no separator


def test_a_float_artefact_prints_as_stored_and_csv_stays_plain(small_package):
    frame = load("crossings")
    frame["persons"] = frame["persons"].astype("Float64")  # as a merge or a melt leaves it
    columns = readable.Columns("test", ["crossings"])
    assert columns.text("persons", frame["persons"][2]) == "26,149"
    plain = columns.plain(frame)
    assert list(plain.columns) == ["year", "purpose", "persons", "share"]
    assert list(plain["persons"]) == ["486", "", "26149"]


def test_stored_decimals_are_kept(small_package):
    (small_package / "crossings.csv").write_text(
        "year,purpose,persons,share\n2000,Tourism,486,3.0\n2001,Tourism,26149,3.50\n")
    columns = readable.Columns("test", ["crossings"])
    assert [columns.text("share", v) for v in load("crossings")["share"]] == ["3.0", "3.50"]


def _chart(frame):
    return alt.Chart(frame).mark_bar().encode(
        x="year:O", y="persons:Q", tooltip=["purpose:N", "persons:Q", "label:N"])


def test_figure_refuses_a_derived_column_without_a_title(small_package):
    frame = load("crossings").dropna().assign(label="x")
    with pytest.raises(ValueError, match=r"figure 'fig-t'.*'label'.*titles="):
        figure(_chart(frame), name="fig-t", datasets="crossings", title="T", description="D.")


def test_table_refuses_a_derived_column_without_a_title(small_package):
    frame = load("crossings").assign(persons_total=1)
    with pytest.raises(ValueError, match=r"table 'tbl-t'.*'persons_total'"):
        table(frame, dataset="crossings", name="tbl-t")


def test_figure_titles_its_table_view_tooltips_and_keeps_the_csv_plain(small_package):
    frame = load("crossings").assign(label="x")
    fig = figure(_chart(frame), name="fig-t", datasets="crossings", title="T", description="D.",
                 titles={"label": "Label"})
    tips = {t["field"]: t for t in fig.screen["encoding"]["tooltip"]}
    assert tips["purpose"]["title"] == "Purpose" and tips["label"]["title"] == "Label"
    assert tips["persons"]["format"] == ",.0f"
    page = fig.html()
    view = page.split('<details class="bookkit-chart__table">')[1].split("</details>")[0]
    assert "<th>Persons</th>" in view and "<th>Share (%)</th>" in view
    assert "&lt;NA&gt;" not in view and "26,149" in view
    assert readable.BLANK_NOTE in view
    csv = urllib.parse.unquote(page.split("data:text/csv;charset=utf-8,")[1].split('"')[0])
    assert csv.splitlines()[0] == "year,purpose,persons,share,label"
    assert "26149" in csv and "26149.0" not in csv


def test_numbered_table_heads_with_titles_and_explains_the_dash(small_package):
    text = str(table(load("crossings"), dataset="crossings", name="tbl-t").markdown())
    assert "| Year | Purpose | Persons | Share \\(\\%\\) |" in text
    assert "<NA>" not in text and "| – |" in text and readable.BLANK_NOTE in text
    assert "26\\,149" in text


def test_a_table_without_blanks_has_no_dash_note(small_package):
    frame = pd.DataFrame({"year": [2000], "purpose": ["Tourism"]})
    assert readable.BLANK_NOTE not in str(table(frame, dataset="crossings", name="tbl-t").markdown())


def test_two_columns_with_one_title_are_refused(small_package):
    frame = load("crossings").assign(label="x")
    with pytest.raises(ValueError, match=r"several columns are titled 'Purpose'"):
        figure(_chart(frame), name="fig-t", datasets="crossings", title="T", description="D.",
               titles={"label": "Purpose"})
