"""Provenance: every number in a dataset is printed on the report line its row names.

For each resource with a ``line`` column, every transcribed number of a row must appear on
that line of ../shared/source/report.txt or on the next one (a figure may run over a line
break). The report prints numbers in several ways ("15 347", "203.520,6", "6,99",
"10,104", "1.6 bln", "136,3 thousand", "two thirds", "tenfold"); all readings of a printed
number are accepted, including a scaled one when a scale word follows it.
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pandas as pd
import pytest

import bookkit
from recon import load

REPORT = Path(bookkit.data.ROOT).parent / "shared" / "source" / "report.txt"
needs_report = pytest.mark.usefixtures("report_text")


@pytest.fixture(scope="session")
def report_text():
    """The provenance tests need the report's text: skipped, with the reason shown, on an
    author's machine without ../shared; a failure under CI, where it must be there."""
    if REPORT.is_file():
        return
    message = f"the report text is not available at {REPORT} (it lives in ../shared)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)

# Numeric columns that describe a row rather than transcribe a figure from its line.
CONTEXT_COLUMNS = {
    "year": "reference year, printed in a table header or title or earlier in the paragraph",
    "survey_year": "survey wave the row belongs to, named in the chapter or table header",
    "reference_year": "Table 2.1's default year (from its title) or the year of a cell note",
    "scale_point": "code of the 1-5 answer scale of Table 7.1, not a printed figure",
    "seq": "row order of the timeline, assigned in transcription",
    "lat": "map coordinates the book adds for drawing a point; the report prints none",
    "lon": "map coordinates the book adds for drawing a point; the report prints none",
}
# Columns whose `line` points at another part of the same passage.
NEARBY = {
    ("agriculture_cooperation_timeline", "count"):
        (6, "the line column gives where the event's date is printed; its count stands a few lines away"),
}
# Single values stated in words that are not numbers: (resource, column, line, value) -> reason.
NOT_PRINTED_AS_NUMBERS = {
    ("xinjiang_foreign_trade", "value", 1320, 0): "1985 border trade 'non-existent', stored as 0",
    ("business_cross_border_trade", "value", 4087, 50): "'more than half', stored as 50 percent",
    ("business_ethnic_profile_figures", "value", 4302, 0): "'failed to identify any', stored as 0",
    ("business_markets", "value", 3972, 1): "'a lessee' per trade place, stored as 1",
}

SEPARATOR = "[ \u00a0\u2009\u202f.,]"
CHUNK = re.compile(r"\d+(?:" + SEPARATOR + r"\d+)*")
SCALES = {"thousand": 1e3, "thousands": 1e3, "thsd": 1e3, "mln": 1e6, "million": 1e6, "millions": 1e6,
          "bln": 1e9, "billion": 1e9, "billions": 1e9, "trln": 1e12, "trillion": 1e12}
UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
WORDS = {**{w: i for i, w in enumerate(UNITS)}, **TENS, "hundred": 100, "dozen": 12,
         **{w: i + 1 for i, w in enumerate(ORDINALS)}, **{m: i + 1 for i, m in enumerate(MONTHS)},
         "half": 2, "halves": 2, "thirds": 3, "quarter": 4, "quarters": 4, "twice": 2, "double": 2}


def readings(chunk: str) -> set[float]:
    """Every plain-number reading of a run of digit groups such as '16.909,8' or '15 347 486'."""
    parts = re.split("(" + SEPARATOR + ")", chunk)
    groups, seps = parts[0::2], parts[1::2]
    found = set()
    for i in range(len(groups)):
        found.add(float(groups[i]))
        for j in range(i + 1, len(groups)):
            inner_thousands = all(len(g) == 3 for g in groups[i + 1:j])
            if not inner_thousands:
                break
            if len(groups[j]) == 3:  # all separators are thousands separators
                found.add(float("".join(groups[i:j + 1])))
            if seps[j - 1] in ".,":  # the last separator is the decimal mark
                found.add(float("".join(groups[i:j]) + "." + groups[j]))
    return found


def numbers_in(text: str) -> set[float]:
    text = text.lower().replace("\u2019", "'")
    found: set[float] = set()
    for match in CHUNK.finditer(text):
        values = readings(match.group())
        scale = re.match(r"\s*([a-z]+)", text[match.end():])
        if scale and scale.group(1) in SCALES:  # '1.6 bln' may be stored as 1.6, 1600 (mln), ...
            factor = SCALES[scale.group(1)]
            values |= {v * factor / 10 ** k for v in values for k in range(0, 13, 3) if factor >= 10 ** k}
        found |= values
    tokens = re.findall(r"[a-z]+", text)
    for i, token in enumerate(tokens):
        word = token[:-4] if token.endswith("fold") else token  # 'tenfold'
        if word in WORDS:
            found.add(float(WORDS[word]))
        if token in TENS and i + 1 < len(tokens) and tokens[i + 1] in UNITS[1:10]:  # 'twenty one'
            found.add(float(TENS[token] + UNITS.index(tokens[i + 1])))
        if token in ("a", "one") and i + 1 < len(tokens) and tokens[i + 1] in ("half", "third", "quarter"):
            found.add(1.0)  # 'a third' -> 1 (of 3)
    return found


_LINES: list[str] = []


def report_lines() -> list[str]:
    if not _LINES:
        _LINES.extend(REPORT.read_text(encoding="utf-8").splitlines())
    return _LINES


def numbers_near(line: int, before: int = 0, after: int = 1) -> set[float]:
    lines = report_lines()
    return numbers_in(" ".join(lines[max(line - 1 - before, 0):line + after]))


def printed(value: float, candidates: set[float]) -> bool:
    return any(math.isclose(abs(value), c, rel_tol=1e-9, abs_tol=1e-9) for c in candidates)


def with_line_column() -> list[str]:
    return [name for name in bookkit.data.names()
            if "line" in [f["name"] for f in bookkit.metadata(name)["schema"]["fields"]]]


def checked_columns(name: str) -> list[str]:
    return [f["name"] for f in bookkit.metadata(name)["schema"]["fields"]
            if f["type"] in ("integer", "number") and f["name"] != "line" and f["name"] not in CONTEXT_COLUMNS]


def unmatched(name: str) -> list[tuple]:
    """(column, line, value) of every number not found where its row says it is printed."""
    frame = load(name)
    misses = []
    for column in checked_columns(name):
        before = after = 0
        if (name, column) in NEARBY:
            before = after = NEARBY[(name, column)][0]
        for value, line in zip(frame[column], frame["line"]):
            if pd.isna(value):
                continue
            assert not pd.isna(line), f"{name}: a {column} value of {value} has no line"
            if not printed(float(value), numbers_near(int(line), before, after + 1)):
                misses.append((column, int(line), float(value)))
    return misses


# ---------------------------------------------------------------- the number parser itself

@pytest.mark.parametrize("text, value", [
    ("2000 15 347 486", 15347), ("2000 15 347 486", 486), ("203.520,6 231.875,1", 203520.6),
    ("Kazakh 6,99 Uyghur", 6.99), ("10,104 workers", 10104), ("$1.6 bln", 1.6), ("$1.6 bln", 1600),
    ("is 136,3 thousand people", 136.3), ("is 136,3 thousand people", 136300), ("23.888*", 23888),
    ("a third of them", 1), ("two thirds", 2), ("Twenty one countries", 21), ("grow tenfold", 10),
    ("the 7th session", 7), ("in December 2007", 12), ("0.15%", 0.15),
])
def test_number_readings(text, value):
    assert printed(value, numbers_in(text))


@pytest.mark.parametrize("text, value", [("15 347", 15.347), ("1 2345", 12345), ("6,99", 699)])
def test_number_readings_reject(text, value):
    assert not printed(value, numbers_in(text))


# ---------------------------------------------------------------- the data

@needs_report
@pytest.mark.parametrize("name", with_line_column())
def test_numbers_printed_on_their_line(name):
    misses = [m for m in unmatched(name) if (name, m[0], m[1], m[2]) not in NOT_PRINTED_AS_NUMBERS]
    assert not misses, (f"{name}: values not found on their report line or the next "
                        f"(column, line, value): {misses}")


@needs_report
@pytest.mark.parametrize("key", NOT_PRINTED_AS_NUMBERS, ids=lambda k: f"{k[0]}-line{k[2]}")
def test_allow_list_entries_still_needed(key):
    name, column, line, value = key
    frame = load(name)
    rows = frame[(frame["line"] == line) & (frame[column] == value)]
    assert len(rows) == 1, f"{key}: no such row any more; drop it from NOT_PRINTED_AS_NUMBERS"
    assert (column, line, float(value)) in unmatched(name), f"{key} is now matched; drop it"


@needs_report
@pytest.mark.parametrize("name", with_line_column())
def test_lines_within_report(name):
    lines = load(name)["line"].dropna()
    assert len(lines) > 0
    assert lines.between(1, len(report_lines())).all()


def test_context_columns_exist():
    used = {f["name"] for name in with_line_column() for f in bookkit.metadata(name)["schema"]["fields"]}
    assert set(CONTEXT_COLUMNS) <= used
    for name, column in NEARBY:
        assert column in checked_columns(name)


@needs_report
@pytest.mark.parametrize("name", ["business_milestones", "agriculture_cooperation_timeline"])
def test_event_years_printed_on_their_line(name):
    frame = load(name).dropna(subset=["date"])
    assert len(frame) > 0
    misses = [(d, line) for d, line in zip(frame["date"], frame["line"])
              if not printed(float(d[:4]), numbers_near(int(line)))]
    assert not misses


@needs_report
def test_trader_ethnic_groups_named_on_their_line():
    frame = load("business_trader_ethnic_groups")
    lines = report_lines()
    misses = []
    for group, line in zip(frame["ethnic_group"], frame["line"]):
        stem = {"Tatars": "tartars"}.get(group, group.split()[0][:4].lower())  # the report spells 'Tartars'
        if stem not in " ".join(lines[line - 1:line + 1]).lower():
            misses.append((group, line))
    assert len(frame) > 0 and not misses


@needs_report
@pytest.mark.parametrize("year", [2005, 2007, 2009, 2012])
def test_survey_sample_sizes_printed(year):
    row = load("surveys_fieldwork").set_index("year").loc[year]
    assert printed(float(row["sample_size"]), numbers_near(int(row["line_sample_size"])))
