import json
import shutil

import pytest

from bookkit import data

SMALL_PACKAGE = {
    "name": "test-package",
    "resources": [
        {
            "name": "crossings",
            "path": "crossings.csv",
            "title": "Test crossings",
            "description": "A small dataset for the tests.",
            "report": {"exhibit": "Table 9.9", "section": "9", "lines": [1, 2],
                       "cited_source": "Test Agency"},
            "chart": {"subtitle": "Persons, 2000-2001"},
            "schema": {
                "fields": [
                    {"name": "year", "type": "integer", "title": "Year", "description": "Year."},
                    {"name": "purpose", "type": "string", "title": "Purpose", "description": "Purpose.",
                     "constraints": {"required": True}},
                    {"name": "persons", "type": "integer", "title": "Persons", "description": "Count.",
                     "unit": "persons", "constraints": {"minimum": 0}},
                    {"name": "share", "type": "number", "title": "Share", "description": "Share.",
                     "unit": "percent", "constraints": {"minimum": 0, "maximum": 100}},
                ],
                "primaryKey": ["year", "purpose"],
                "missingValues": [""],
            },
        },
        {
            "name": "discrepancies",
            "path": "discrepancies.csv",
            "title": "Discrepancies",
            "description": "Recorded disagreements.",
            "schema": {
                "fields": [
                    {"name": "id", "type": "string"}, {"name": "resource", "type": "string"},
                    {"name": "exhibit", "type": "string"}, {"name": "description", "type": "string"},
                    {"name": "value_a", "type": "string"}, {"name": "where_a", "type": "string"},
                    {"name": "value_b", "type": "string"}, {"name": "where_b", "type": "string"},
                    {"name": "difference", "type": "number"},
                ],
                "primaryKey": ["id"],
                "missingValues": [""],
            },
        },
    ],
}

GOOD_CSV = "year,purpose,persons,share\n2000,Tourism,486,10.5\n2000,Private,,20\n2001,Tourism,26149,30\n"
DISCREPANCIES_CSV = (
    "id,resource,exhibit,description,value_a,where_a,value_b,where_b,difference\n"
    "known-gap,crossings,Table 9.9,A recorded gap,100,line 1,90,line 2,10\n"
)


@pytest.fixture
def small_package(tmp_path, monkeypatch):
    """A throwaway data package; the loader is pointed at it for the test's duration."""
    (tmp_path / "datapackage.json").write_text(json.dumps(SMALL_PACKAGE))
    (tmp_path / "crossings.csv").write_text(GOOD_CSV)
    (tmp_path / "discrepancies.csv").write_text(DISCREPANCIES_CSV)
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    monkeypatch.setattr(data, "PACKAGE_FILE", tmp_path / "datapackage.json")
    monkeypatch.setattr(data, "VALID_DIR", tmp_path / "_valid")
    data._read_package.cache_clear()
    yield tmp_path
    data._read_package.cache_clear()
