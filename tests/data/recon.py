"""Helpers of the data tests in tests/data, and where each check of the book lives.

Each check has exactly one home:

- **In the chapter**, in a hidden cell right after the figure, table or note it guards,
  when it guards something the chapter shows: a printed total against its parts, a share
  against its counts, a figure the prose repeats against the table or dataset it comes
  from, and every disagreement of the report that the chapter tells readers about
  (``agree("id", printed, computed)``, or ``recorded("id")`` for one that is not a pair of
  numbers). nbval runs the chapters in the suite, so these are tests too.
- **Here**, when it is a property of the data alone: the shape of a dataset (years, rows
  per key, descriptor against CSV), markers, flags, qualifiers and units, value ranges and
  orderings, values pinned to what the report prints, relations between datasets that no
  page recomputes, and provenance (test_provenance.py).

Pins (a dataset value equal to a number written into the check) are data properties and
live here, except that a chapter may pin, beside its prose, a number that prose states by
hand, as the guard of that prose; a number pinned in a chapter is not pinned here again.

A check is never in both places: when one moves, its old copy goes, and where the copy that
goes was the stricter, the one kept is made as strict first. For the discrepancy records
test_discrepancies.py enforces this: no record is exercised by a chapter and a data test.

Data come only through :func:`bookkit.load` (typed and validated against
data/datapackage.json). A data test that exercises a discrepancy record passes its id to
:func:`check` (bookkit.agree) or :func:`recorded` and declares it with
``@pytest.mark.discrepancy(...)``; tests/data/conftest.py fails a test whose declared id is
never exercised. test_discrepancies.py insists that every row of data/discrepancies.csv is
exercised by a data test or by a chapter's ``agree``/``recorded`` call (chapter_checks.py).
"""
from __future__ import annotations

import functools

import pandas as pd

import bookkit
import bookkit.checks

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
    """bookkit.checks.recorded (a record agree() cannot compare), noting ``check_id``."""
    USED.add(check_id)
    return bookkit.checks.recorded(check_id)


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
