"""Every chart draws the report's numbers: a chart that plots the wrong column fails here.

`drawn_values.csv` holds, for each chart, one or two values the report prints (with the line
of `report.txt` where it prints them) and the label of the mark that must stand for them. Each
value is checked twice: against the report's line, and against what the built site's chart
really draws (the values of the fields its marks' position, length or angle encode, read from
a Vega view in Chromium, see `drawn.py`). A chart whose code encodes another column, swaps the
axes' fields or drops a stack level no longer draws the value at that label.
"""
import csv
import math
import os
import re
from pathlib import Path

import pytest

from drawn import drawn_marks, site_specs
from test_site import SITE, browser, site_url  # noqa: F401  (fixtures)

HERE = Path(__file__).resolve().parent
SPOTS = list(csv.DictReader((HERE / "drawn_values.csv").open(encoding="utf-8")))
REPORT = HERE.parent.parent / "shared" / "source" / "report.txt"

# Charts whose marks stand at places rather than values: positions come from coordinates
# the book adds (maps) or from dates (the timeline), which the report does not print.
NOT_VALUES = {
    "fig-map-china-presence": "a map: its marks stand at coordinates the book adds",
    "fig-map-border-checkpoints": "a map: its marks stand at coordinates the book adds",
    "fig-cooperation-timeline": "a timeline: its marks stand at dates, their text is prose",
    "explore-data": "the explorer draws every dataset; the chapters' charts are checked here",
}


def _printed_forms(value: str) -> list[str]:
    number = float(value)
    if number.is_integer():
        whole = f"{int(number):,}"
        return [whole, whole.replace(",", " "), str(int(number))]
    return [value]


@pytest.fixture(scope="module")
def report_lines():
    if not REPORT.is_file():
        message = f"the report text is not available at {REPORT} (it lives in ../shared)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    return REPORT.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def specs():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `jupyter-book build .` first")
    return site_specs()


@pytest.fixture(scope="module")
def marks(browser, site_url, specs):
    return drawn_marks(browser, site_url, specs)


@pytest.mark.parametrize("spot", SPOTS, ids=lambda s: f"{s['figure']}:{s['label'][:20]}")
def test_the_value_is_printed_on_its_report_line(report_lines, spot):
    line = report_lines[int(spot["report_line"]) - 1]
    assert any(re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d]|[.,]\d)", line)
               for form in _printed_forms(spot["value"])), (
        f"{spot['value']} is not printed on report line {spot['report_line']}: {line!r}")


@pytest.mark.parametrize("spot", SPOTS, ids=lambda s: f"{s['figure']}:{s['label'][:20]}")
def test_the_chart_draws_the_value_at_its_label(marks, spot):
    assert spot["figure"] in marks, f"no chart {spot['figure']} on the site"
    expected = float(spot["value"])
    labelled = [m for m in marks[spot["figure"]] if spot["label"] in m["texts"]]
    assert labelled, f"{spot['figure']} has no mark for {spot['label']!r}"
    drawn = sorted({v for m in labelled for v in m["values"]})
    assert any(math.isclose(v, expected, rel_tol=1e-9) for v in drawn), (
        f"{spot['figure']}: the marks for {spot['label']!r} are drawn at {drawn[:12]}, "
        f"not at the report's {spot['value']} (line {spot['report_line']})")


def test_every_chart_of_values_has_a_checked_value(specs):
    checked = {s["figure"] for s in SPOTS}
    missing = sorted(set(specs) - checked - set(NOT_VALUES))
    assert not missing, f"charts with no value checked in drawn_values.csv: {missing}"
    gone = sorted(checked - set(specs))
    assert not gone, f"drawn_values.csv names charts the site no longer has: {gone}"
