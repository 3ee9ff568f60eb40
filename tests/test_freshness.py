"""The stale-output guard: a chapter re-executes when a dataset it read has changed."""
import json

from bookkit import data, sphinx_ext


class FakeApp:
    pass


def _manifest(deps, docname, datasets, package=None):
    deps.mkdir(parents=True, exist_ok=True)
    record = {"docname": docname, "package": package or data.package_fingerprint(),
              "datasets": datasets}
    (deps / f"{docname.replace('/', '__')}.json").write_text(json.dumps(record))


def test_unchanged_inputs_are_not_stale(small_package, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKKIT_DEPS_DIR", str(tmp_path / "deps"))
    _manifest(tmp_path / "deps", "chapters/a", {"crossings": data.fingerprint("crossings")})
    assert sphinx_ext._stale_docnames(FakeApp()) == []


def test_edited_csv_makes_its_readers_stale(small_package, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKKIT_DEPS_DIR", str(tmp_path / "deps"))
    _manifest(tmp_path / "deps", "chapters/a", {"crossings": data.fingerprint("crossings")})
    _manifest(tmp_path / "deps", "chapters/b", {})
    with open(small_package / "crossings.csv", "a") as f:
        f.write("2002,Tourism,1,1\n")
    assert sphinx_ext._stale_docnames(FakeApp()) == ["chapters/a"]


def test_changed_package_code_makes_every_chapter_stale(small_package, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKKIT_DEPS_DIR", str(tmp_path / "deps"))
    _manifest(tmp_path / "deps", "chapters/a", {}, package="old")
    assert sphinx_ext._stale_docnames(FakeApp()) == ["chapters/a"]


def test_manifest_records_what_a_chapter_loads(small_package, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKKIT_DEPS_DIR", str(tmp_path / "deps"))
    monkeypatch.setenv("BOOKKIT_DOCNAME", "chapters/c")
    data.start_manifest()
    data.load("crossings")
    record = json.loads((tmp_path / "deps" / "chapters__c.json").read_text())
    assert record["datasets"] == {"crossings": data.fingerprint("crossings")}


def test_other_files_read_from_data_are_inputs_too(small_package, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKKIT_DEPS_DIR", str(tmp_path / "deps"))
    monkeypatch.setenv("BOOKKIT_DOCNAME", "chapters/maps")
    (small_package / "geo").mkdir()
    (small_package / "geo" / "outline.json").write_text("{}")
    data.start_manifest()
    assert data.read_text("geo/outline.json") == "{}"
    assert sphinx_ext._stale_docnames(FakeApp()) == []
    (small_package / "geo" / "outline.json").write_text('{"changed": true}')
    assert sphinx_ext._stale_docnames(FakeApp()) == ["chapters/maps"]


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
