"""Helpers shared by the reconciliation tests in tests/data.

Data come only through :func:`bookkit.load` (typed and validated against
data/datapackage.json). Checks that may disagree go through :func:`check`, a thin wrapper
around :func:`bookkit.agree` that also notes which discrepancy ids a test exercised, so
that tests/data/conftest.py can insist that every id a test declares with
``@pytest.mark.discrepancy(...)`` is really used, and test_discrepancies.py can insist
that every row of data/discrepancies.csv is declared by some test.
"""
from __future__ import annotations

import functools

import pandas as pd

import bookkit

#: discrepancy ids passed to check() or recorded() by the test now running
USED: set[str] = set()


@functools.lru_cache(maxsize=None)
def _load(name: str) -> pd.DataFrame:
    return bookkit.load(name)


def load(name: str) -> pd.DataFrame:
    """A dataset through the project loader (validated once per session; a fresh copy)."""
    return _load(name).copy()


def check(check_id: str, printed, computed, **kwargs):
    """bookkit.agree, noting that ``check_id`` has been exercised."""
    USED.add(check_id)
    return bookkit.agree(check_id, printed, computed, **kwargs)


def recorded(check_id: str) -> pd.Series:
    """The record of a discrepancy that agree() cannot compare (text or ranges)."""
    USED.add(check_id)
    table = bookkit.load("discrepancies").set_index("id")
    assert check_id in table.index, f"{check_id}: no record in data/discrepancies.csv"
    return table.loc[check_id]


def one(frame: pd.DataFrame, **where) -> pd.Series:
    """The single row matching every column=value condition."""
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, f"{where}: {len(selected)} rows match, expected exactly one"
    return selected.iloc[0]


def declared_ids(function) -> set[str]:
    """Discrepancy ids a test function declares, directly or on its parameter sets."""
    ids: set[str] = set()
    for mark in getattr(function, "pytestmark", []):
        if mark.name == "discrepancy":
            ids.update(mark.args)
        elif mark.name == "parametrize":
            for param in mark.args[1]:
                for sub in getattr(param, "marks", ()):
                    if sub.name == "discrepancy":
                        ids.update(sub.args)
    return ids
