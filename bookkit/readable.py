"""What a reader sees of a frame's columns: the fields' titles with their units, numbers as
the book prints them, a dash for a blank (explained once), and the same in chart tooltips.

A chart's table view, its tooltips and a numbered table name their columns by the titles in
``data/datapackage.json``; a column a chapter derives is titled by the chapter
(``titles={"column": "Title"}``). A column whose name looks like a machine name and has no
title is refused, so that no snake_case name reaches a reader. CSV downloads keep the
machine names and plain numbers.
"""
from __future__ import annotations

import csv
import functools
import math
import numbers
import re

import numpy as np
import pandas as pd

from . import data

BLANK = "–"
BLANK_NOTE = "– not given in the report"

# How a unit shows after a title: "Share (%)". Units that only repeat what the title counts
# ("Persons", "Firms") or that the column beside it states ("see unit column") add nothing.
_UNIT_SHOWN = {"percent": "%", "percent of previous year": "% of previous year",
               "percent per year": "% a year", "million people": "million",
               "billion US dollars": "US$ billion", "million US dollars": "US$ million",
               "US dollars per worker": "US$ per worker", "decimal degrees north": "°N",
               "decimal degrees east": "°E", "points (1-5)": "1–5 scale"}
_UNIT_SILENT = {"people", "persons", "firms", "contracts", "respondents", "universities",
                "calendar year", "month number", "fraction part", "points"}

MACHINE_NAME = re.compile(r"[a-z][a-z0-9_]*")
_NO_SEPARATOR = re.compile(r"(^|_)(year|line|seq|month)s?($|_)")  # years, line numbers: 2012


def field_title(field: dict) -> str:
    """'Share (%)': a field's title with its unit where the unit says something."""
    title = field.get("title") or field["name"]
    unit = field.get("unit", "")
    if not unit or unit in _UNIT_SILENT or unit.startswith("see "):
        return title
    return f"{title} ({_UNIT_SHOWN.get(unit, unit)})"


def is_blank(value) -> bool:
    if value is None or (isinstance(value, str) and value == ""):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _decimals(number: float) -> int:
    """Decimals of the shortest text that reads back as ``number`` (2998.0 -> 0, 2.5 -> 1)."""
    text = repr(float(number))
    if "e" in text or "." not in text:
        return 0
    whole, fraction = text.split(".")
    return 0 if fraction == "0" else len(fraction)


@functools.lru_cache(maxsize=256)
def _stored_decimals(dataset: str, column: str, _fingerprint: str) -> dict[float, int]:
    """Decimals each number of a dataset's column is written with in its CSV (3.0 keeps one)."""
    stored: dict[float, int] = {}
    with data.path(dataset).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            text = (row.get(column) or "").strip()
            try:
                number = float(text)
            except ValueError:
                continue
            places = len(text.split(".")[1]) if "." in text else 0
            stored[number] = max(places, stored.get(number, 0))
    return stored


class Columns:
    """Titles and formats for the columns of one figure's or table's frame (``what`` names
    it in error messages), from the fields of ``datasets`` and the chapter's ``titles``."""

    def __init__(self, what: str, datasets: list[str] = (), titles: dict[str, str] | None = None):
        self.what, self.datasets, self.titles = what, list(datasets), dict(titles or {})
        self._stored: dict[tuple[str, str], dict[float, int]] = {}

    def _stored_in(self, dataset: str, column: str) -> dict[float, int]:
        key = (dataset, column)
        if key not in self._stored:
            self._stored[key] = _stored_decimals(dataset, column, data.fingerprint(dataset))
        return self._stored[key]

    def field(self, column: str) -> tuple[str, dict] | None:
        for name in self.datasets:
            for f in data.metadata(name).get("schema", {}).get("fields", []):
                if f.get("name") == column:
                    return name, f
        return None

    def title(self, column) -> str:
        column = str(column)
        if column in self.titles:
            return self.titles[column]
        found = self.field(column)
        if found:
            return field_title(found[1])
        if MACHINE_NAME.fullmatch(column):
            raise ValueError(f"{self.what}: column {column!r} has no title for readers; it is "
                             f"not a field of {', '.join(self.datasets) or 'any dataset'}: give it "
                             f"one with titles={{{column!r}: ...}}")
        return column

    def check(self, columns) -> None:
        """Refuse a column without a title, or two columns a reader could not tell apart."""
        titles = [self.title(column) for column in columns]
        twice = sorted({t for t in titles if titles.count(t) > 1})
        if twice:
            raise ValueError(f"{self.what}: several columns are titled {', '.join(map(repr, twice))}; "
                             "give them distinct titles with titles={...}")

    def _places(self, column: str, number: float) -> int:
        """The decimals ``number`` is stored with: in its own field, else (a column the
        chapter derived, such as a year of a wide table) in any numeric field of the
        datasets, else its shortest form."""
        found = self.field(column)
        candidates = [found] if found else []
        candidates += [(name, f) for name in self.datasets
                       for f in data.metadata(name).get("schema", {}).get("fields", [])]
        for name, f in candidates:
            if f.get("type") in ("number", "integer"):
                stored = self._stored_in(name, f["name"])
                if number in stored:
                    return stored[number]
        return _decimals(number)

    def _separated(self, column: str) -> bool:
        return not (_NO_SEPARATOR.search(str(column))
                    or _NO_SEPARATOR.search(self.title(column).lower().replace(" ", "_")))

    def text(self, column, value, *, plain: bool = False) -> str:
        """A value as the book prints it (``plain``: as a CSV file holds it)."""
        if is_blank(value):
            return "" if plain else BLANK
        if isinstance(value, (bool, np.bool_)):
            return ("true" if value else "false") if plain else ("yes" if value else "no")
        if not isinstance(value, numbers.Number):
            return str(value)
        number = float(value)
        if not math.isfinite(number):
            return "" if plain else BLANK
        places = self._places(str(column), number)
        separator = "," if not plain and self._separated(column) else ""
        return f"{number:{separator}.{places}f}"

    def shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` as a reader reads it: titled columns, every cell text."""
        return pd.DataFrame({self.title(c): [self.text(c, v) for v in frame[c]]
                             for c in frame.columns}, columns=[self.title(c) for c in frame.columns])

    def plain(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` for a CSV download: machine names, numbers without separators."""
        return pd.DataFrame({c: [self.text(c, v, plain=True) for v in frame[c]]
                             for c in frame.columns}, columns=list(frame.columns))

    def d3_format(self, column: str, values) -> str:
        """The d3 number format that prints ``values`` of ``column`` as the book does."""
        found = [float(v) for v in values if isinstance(v, numbers.Number)
                 and not isinstance(v, (bool, np.bool_)) and not is_blank(v)]
        places = {self._places(column, n) for n in found if math.isfinite(n)}
        separator = "," if self._separated(column) else ""
        if not places:
            return f"{separator}.6~f"
        if len(places) == 1:
            return f"{separator}.{places.pop()}f"
        return f"{separator}.{max(places)}~f"

    def tooltips(self, spec, frame: pd.DataFrame | None = None):
        """``spec`` with a title on every tooltip field and a number format on every
        quantitative one that has none."""
        def fix(entry: dict) -> dict:
            name = entry.get("field")
            if not isinstance(name, str) or entry.get("aggregate"):
                return entry
            entry = dict(entry)
            if "title" not in entry:
                entry["title"] = self.title(name)
            if entry.get("type") == "quantitative" and "format" not in entry:
                values = frame[name] if frame is not None and name in frame.columns else []
                entry["format"] = self.d3_format(name, list(values))
            return entry

        def walk(node):
            if isinstance(node, list):
                return [walk(item) for item in node]
            if not isinstance(node, dict):
                return node
            out = {}
            for key, value in node.items():
                if key in ("data", "datasets"):
                    out[key] = value
                elif key == "tooltip" and isinstance(value, list):
                    out[key] = [fix(v) if isinstance(v, dict) else v for v in value]
                elif key == "tooltip" and isinstance(value, dict) and "field" in value:
                    out[key] = fix(value)
                else:
                    out[key] = walk(value)
            return out
        return walk(spec)
