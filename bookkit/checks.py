"""Reconciliation: printed totals against their parts, prose figures against table cells.

Where the report disagrees with itself, the disagreement is recorded in
``data/discrepancies.csv``. :func:`agree` passes when two figures are equal, or when they
differ exactly as recorded; an unrecorded disagreement, or a recorded one that no longer
occurs, raises :class:`ReconciliationError`. :func:`recorded` hands a check the record of a
disagreement that is not a pair of numbers.
"""
from __future__ import annotations

import math

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is read: the build's own process needs none
    import pandas as pd

from . import data
from .markup import MyST, Output, directive, lines, myst, output, target_name


class ReconciliationError(AssertionError):
    pass


def discrepancies() -> pd.DataFrame:
    return data.load("discrepancies").set_index("id")


def _same(a, b, tolerance: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=tolerance)


def agree(check_id: str, printed, computed, *, tolerance: float = 1e-9) -> dict | None:
    """Check that ``printed`` equals ``computed``; return the discrepancy record if any.

    ``printed`` is the figure as the report prints it (value_a of a discrepancy record);
    ``computed`` is what it is checked against (a sum, a table cell: value_b).
    """
    table = discrepancies()
    recorded = check_id in table.index
    if _same(printed, computed, tolerance):
        if recorded:
            raise ReconciliationError(
                f"{check_id}: {printed} now equals {computed}, but data/discrepancies.csv "
                "still records a disagreement; remove the record or restore the data")
        return None
    if not recorded:
        raise ReconciliationError(
            f"{check_id}: the report's figure {printed} does not match {computed} "
            f"(difference {float(printed) - float(computed):g}) and data/discrepancies.csv "
            "has no record of it")
    record = table.loc[check_id]
    if not (_same(record["value_a"], printed, tolerance)
            and _same(record["value_b"], computed, tolerance)):
        raise ReconciliationError(
            f"{check_id}: recorded as {record['value_a']} vs {record['value_b']}, "
            f"but the data now give {printed} vs {computed}")
    return {"id": check_id, **record.to_dict()}


def recorded(check_id: str) -> pd.Series:
    """The record of a discrepancy that :func:`agree` cannot compare (wording, ranges, one
    figure with two scopes): a check asserts the data against it."""
    table = discrepancies()
    if check_id not in table.index:
        raise ReconciliationError(f"{check_id}: no record in data/discrepancies.csv")
    return table.loc[check_id]


def discrepancy_note(*ids: str, title: str = "Where the report's figures disagree") -> Output:
    """A visible admonition listing recorded discrepancies in plain words."""
    table = discrepancies()
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise ReconciliationError(f"no discrepancy recorded with id(s) {missing}")
    # Each item links to its entry in the notes on the data (a role of bookbuild.furniture).
    items = [myst("- {} ({}, {}; against {}, {}.){}", _sentence(r["description"]),
                  _fmt(r["value_a"]), r["where_a"], _fmt(r["value_b"]), r["where_b"],
                  MyST("{discrepancy}`") + target_name(i) + MyST("`"))
             for i, r in ((i, table.loc[i]) for i in ids)]
    return output(lines([directive("admonition", title, {"class": "warning"}, lines(items)),
                         MyST("")]))


def _fmt(value) -> str:
    try:
        number = float(value)
    except ValueError:
        return str(value)
    if number.is_integer() and 1900 <= number <= 2100:  # a year, not a count
        return str(int(number))
    return f"{int(number):,}" if number.is_integer() else f"{number:,}"


def _sentence(text: str) -> str:
    text = str(text).strip()
    return text if text.endswith((".", "!", "?", ")")) else text + "."
