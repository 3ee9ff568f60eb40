"""Reconciliation: equal figures pass; recorded disagreements pass only as recorded."""
import pytest

from bookkit import ReconciliationError, agree, discrepancy_note


def test_equal_figures_pass(small_package):
    assert agree("new-check", 43788, 43788) is None


def test_unrecorded_disagreement_fails_with_both_values(small_package):
    with pytest.raises(ReconciliationError, match=r"new-check: .*385584 does not match 385609"):
        agree("new-check", 385584, 385609)


def test_recorded_disagreement_returns_the_record(small_package):
    record = agree("known-gap", 100, 90)
    assert record["id"] == "known-gap" and record["where_a"] == "line 1"


def test_recorded_disagreement_with_other_values_fails(small_package):
    with pytest.raises(ReconciliationError, match=r"known-gap: recorded as 100 vs 90"):
        agree("known-gap", 100, 95)


def test_record_that_no_longer_disagrees_fails(small_package):
    with pytest.raises(ReconciliationError, match=r"still records a disagreement"):
        agree("known-gap", 90, 90)


def test_note_lists_recorded_discrepancies(small_package):
    note = discrepancy_note("known-gap").data
    assert note.startswith("~~~~{admonition}") and "A recorded gap" in note and "100" in note


def test_note_for_unknown_id_fails(small_package):
    with pytest.raises(ReconciliationError, match="no discrepancy recorded"):
        discrepancy_note("not-there")
