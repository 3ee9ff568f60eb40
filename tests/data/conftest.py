"""Fixtures of the data tests: every discrepancy id a test declares must be exercised."""
import pytest

import recon


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "discrepancy(*ids): the test checks these data/discrepancies.csv records")


@pytest.fixture(autouse=True)
def _declared_discrepancies_are_exercised(request):
    declared = {i for m in request.node.iter_markers("discrepancy") for i in m.args}
    recon.USED.clear()
    yield
    missing = declared - recon.USED
    if missing:
        pytest.fail(f"declared discrepancy id(s) never passed to check()/recorded(): {sorted(missing)}")
