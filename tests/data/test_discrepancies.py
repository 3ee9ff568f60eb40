"""data/discrepancies.csv: every record is exercised by a check and is internally sound.

A record is exercised when a chapter's code cell passes its id to ``agree(...)`` (read by
chapter_checks.py: a literal id, or an f-string over literal loop values), or when a data
test declares it with ``@pytest.mark.discrepancy(id)`` (conftest.py makes that test fail
unless it really passes the id to recon.check, i.e. bookkit.agree, or to recon.recorded).
"""
import importlib
import math
import re
from pathlib import Path

import pandas as pd
import pytest

import bookkit
from chapter_checks import ids_checked_by_chapter, ids_in_source
from recon import declared_ids, load

HERE = Path(__file__).parent
CHAPTERS = Path(bookkit.data.ROOT) / "chapters"


def ids_declared_by_tests() -> set[str]:
    ids: set[str] = set()
    for path in sorted(HERE.glob("test_reconcile_*.py")):
        module = importlib.import_module(path.stem)
        for name, function in vars(module).items():
            if name.startswith("test_") and callable(function):
                ids |= declared_ids(function)
    return ids


def ids_checked_by_chapters() -> set[str]:
    return set().union(*(ids_checked_by_chapter(path) for path in CHAPTERS.glob("*.md")))


def records():
    return load("discrepancies")


def test_reconcile_modules_found():
    assert len(list(HERE.glob("test_reconcile_*.py"))) >= 4


def test_every_record_is_exercised():
    exercised = ids_declared_by_tests() | ids_checked_by_chapters()
    stale = sorted(set(records()["id"]) - exercised)
    assert not stale, f"records in data/discrepancies.csv that no check exercises: {stale}"


def test_each_record_is_checked_in_one_home():
    both = sorted(ids_declared_by_tests() & ids_checked_by_chapters())
    assert not both, f"checked both in a chapter and in tests/data (keep one): {both}"


LOOP = """
for name, frame in {"t31": exits, "t32": entries}.items():
    for year in range(2000, 2015):
        agree(f"{name}-total-{year}", total(frame, year), parts(frame, year))
agree("ratio-business-2008", printed, computed)
"""


def test_chapter_check_ids_are_read_from_literals_and_literal_loops():
    ids = ids_in_source(LOOP)
    assert {"t31-total-2000", "t32-total-2014", "ratio-business-2008"} <= ids and len(ids) == 31


def test_a_record_no_longer_checked_counts_as_unused():
    narrowed = LOOP.replace("range(2000, 2015)", "range(2000, 2013)")
    assert "t31-total-2013" not in ids_in_source(narrowed)
    assert "ratio-business-2008" not in ids_in_source(LOOP.replace('agree("ratio-business-2008"', 'print("x"'))
    # an id the reader cannot work out is not taken as used
    assert ids_in_source('agree(check_id, 1, 1)\nagree(f"t-{n}", 1, 1)') == set()


def test_every_resource_named_exists():
    known = set(bookkit.data.names())
    for ids, resources in zip(records()["id"], records()["resource"]):
        for name in resources.split(";"):
            assert name.strip() in known, (ids, name)


def numeric_records():
    out = []
    for r in records().itertuples():
        try:
            a, b = float(r.value_a), float(r.value_b)
        except ValueError:
            continue
        out.append(pytest.param(a, b, r.difference, id=r.id))
    return out


@pytest.mark.parametrize("value_a, value_b, difference", numeric_records())
def test_difference_is_a_minus_b(value_a, value_b, difference):
    assert not pd.isna(difference), "numeric record without a difference"
    assert math.isclose(value_a - value_b, float(difference), abs_tol=1e-6)


def test_text_records_have_no_difference():
    text = [r for r in records().itertuples()
            if not re.fullmatch(r"-?\d+(\.\d+)?", r.value_a) or not re.fullmatch(r"-?\d+(\.\d+)?", r.value_b)]
    assert {r.id for r in text} == {"myth_numbering", "survey_2012_youngest_age_group", "trade_gap_share_range",
                                   "checkpoint-map-number"}
    assert all(pd.isna(r.difference) for r in text)


def test_ids_unique_and_described():
    frame = records()
    assert frame["id"].is_unique
    assert frame["description"].str.len().min() > 20
