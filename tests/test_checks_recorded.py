"""bookkit.checks.recorded: the record of a disagreement agree() cannot compare."""
import pytest

from bookkit import ReconciliationError
from bookkit.checks import recorded


def test_recorded_returns_the_record(small_package):
    record = recorded("known-gap")
    assert (float(record["value_a"]), record["where_a"]) == (100, "line 1")


def test_recorded_unknown_id_fails(small_package):
    with pytest.raises(ReconciliationError, match="not-there: no record"):
        recorded("not-there")
