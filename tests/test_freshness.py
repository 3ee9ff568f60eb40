"""The records of what an executing page read (``bookkit.inputs``), unit by unit; the
builds themselves are tested in ``test_fresh_builds.py``."""
import importlib
import json
import sys

import pytest

import bookkit
from bookbuild import extension as sphinx_ext, freshness
from bookkit import data, inputs


class FakeApp:
    pass


@pytest.fixture
def recording(small_package, tmp_path, monkeypatch):
    """A page executing in a build: its record goes to a file named by the extension."""
    record = tmp_path / "record.json"
    monkeypatch.setenv(inputs.RECORD_ENV, str(record))
    monkeypatch.setattr(inputs, "_record", {})
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    inputs.start()
    return lambda: json.loads(record.read_text())


def test_a_record_holds_what_a_page_loads_and_the_package_it_runs(recording):
    data.load("crossings")
    record = recording()
    assert record["dataset:crossings"] == data.fingerprint("crossings")
    assert "module:bookkit.data" in record and "libraries" in record
    assert inputs.changed(record) == []


def test_an_edited_csv_changes_its_readers_record_only(recording, small_package):
    data.load("crossings")
    record = recording()
    with open(small_package / "crossings.csv", "a") as f:
        f.write("2002,Tourism,1,1\n")
    assert inputs.changed(record) == ["dataset:crossings"]


def test_a_module_imported_during_the_page_is_recorded(recording, monkeypatch):
    sys.modules.pop("bookkit.maps", None)
    monkeypatch.delattr(bookkit, "maps", raising=False)
    importlib.import_module("bookkit.maps")
    assert "module:bookkit.maps" in recording()
    # and nothing the process has not imported (other tests may have imported more of it)
    imported = {f"module:{m}" for m in sys.modules if m == "bookkit" or m.startswith("bookkit.")}
    assert {key for key in recording() if key.startswith("module:")} == imported


def test_a_new_dataset_changes_the_record_of_a_page_that_listed_them(recording, small_package):
    data.names()
    record = recording()
    package = json.loads((small_package / "datapackage.json").read_text())
    package["resources"].append({**package["resources"][0], "name": "another"})
    (small_package / "datapackage.json").write_text(json.dumps(package))
    data._read_package.cache_clear()
    assert inputs.changed(record) == ["datasets"]


def test_other_files_read_from_data_are_inputs_too(recording, small_package):
    (small_package / "geo").mkdir()
    (small_package / "geo" / "outline.json").write_text("{}")
    assert data.read_text("geo/outline.json") == "{}"
    record = recording()
    assert inputs.changed(record) == []
    (small_package / "geo" / "outline.json").write_text('{"changed": true}')
    assert inputs.changed(record) == ["file:geo/outline.json"]


def test_nothing_is_recorded_outside_a_build(small_package, monkeypatch, tmp_path):
    monkeypatch.delenv(inputs.RECORD_ENV, raising=False)
    monkeypatch.setattr(inputs, "_record", {})
    data.load("crossings")
    assert inputs._record == {} and list(tmp_path.glob("*.json")) == [small_package / "datapackage.json"]


def test_a_failed_page_is_summed_up_by_its_error_not_its_traceback():
    traceback = ("\x1b[0;31m----\x1b[0m\nCell In[3], line 1\n----> 1 load('x')\n"
                 "DataError: data/x.csv, row 3, column 'persons': type-error: not an integer\n"
                 "dataset 'x' does not match its schema:\n")
    summary = freshness.failure_summary(traceback)
    assert summary.startswith("DataError: data/x.csv, row 3, column 'persons'")
    assert "load('x')" not in summary


def test_edited_chart_assets_reach_the_site_when_no_page_changed(tmp_path, monkeypatch):
    # Sphinx skips copying static files when no page is out of date; the extension does not.
    app = FakeApp()
    app.outdir = str(tmp_path / "html")
    (tmp_path / "html" / "_static").mkdir(parents=True)
    (tmp_path / "html" / "_static" / "chart-table.css").write_text(".old {}")
    (tmp_path / "html" / "_static" / "chart-init.js").write_text("old();")
    source = tmp_path / "src"
    (source / "css").mkdir(parents=True)
    (source / "css" / "chart-table.css").write_text(".new {}")
    (tmp_path / ".bookkit-static").mkdir()
    (tmp_path / ".bookkit-static" / "chart-init.js").write_text("new();")
    monkeypatch.setattr(sphinx_ext, "STATIC_SOURCE", source)
    sphinx_ext._sync_own_static(app)
    assert (tmp_path / "html" / "_static" / "chart-table.css").read_text() == ".new {}"
    assert (tmp_path / "html" / "_static" / "chart-init.js").read_text() == "new();"
