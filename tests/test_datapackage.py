"""The real data package: valid, and every resource documented and traceable."""
import pytest
from frictionless import Package

from bookkit import data, load

RESOURCES = data.names()


def test_package_validates_with_frictionless():
    report = Package(str(data.PACKAGE_FILE)).validate()
    problems = [(task.name, err.message) for task in report.tasks for err in task.errors]
    assert report.valid, problems[:10]


@pytest.mark.parametrize("name", RESOURCES)
def test_resource_is_documented(name):
    meta = data.metadata(name)
    assert meta.get("title") and meta.get("description"), "title and description required"
    schema = meta["schema"]
    assert schema.get("primaryKey"), "a primary key is required"
    for field in schema["fields"]:
        assert field.get("type"), f"{field['name']}: type required"
        assert field.get("description"), f"{field['name']}: description required"


@pytest.mark.parametrize("name", [n for n in RESOURCES if n != "discrepancies"])
def test_resource_has_provenance(name):
    report = data.metadata(name).get("report", {})
    assert report.get("exhibit"), "report.exhibit required"
    assert report.get("section"), "report.section required"
    lines = report.get("lines")
    assert isinstance(lines, list) and len(lines) == 2 and 1 <= lines[0] <= lines[1] <= 6584
    assert report.get("cited_source"), "report.cited_source required (or 'not stated')"


def _is_identifier(field_name: str) -> bool:
    """Years, report lines, ranks and ordinals locate a value; they are not measured."""
    return ("year" in field_name or field_name.startswith("line")
            or field_name in ("number", "rank", "order", "vertex", "seq", "value_high", "value_upper", "value_low"))


@pytest.mark.parametrize("name", [n for n in RESOURCES if n != "discrepancies"])
def test_numeric_values_have_units(name):
    fields = data.metadata(name)["schema"]["fields"]
    names = {f["name"] for f in fields}
    has_unit_column = any(n == "unit" or n.endswith("_unit") or n == "units" for n in names)
    for field in fields:
        if field["type"] in ("integer", "number") and not _is_identifier(field["name"]):
            assert field.get("unit") or has_unit_column, f"{field['name']}: no unit"


@pytest.mark.parametrize("name", RESOURCES)
def test_resource_loads(name):
    assert len(load(name)) > 0
