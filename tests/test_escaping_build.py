"""Hostile text in every field of the data package shows as text on the site and in the PDF.

A copy of the book gets script, image, substitution, role and pipe payloads in a CSV text
cell, a discrepancy, a resource's title, description, source, exhibit, table notes and notes,
and a field's description and unit. It is built (site, then PDF) with a page that shows a
numbered table, a discrepancy note and a table written from data cells (as the attitudes chapter writes its survey table), plus the data
catalogue and the notes on the data; headless Chromium then opens each page.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import subprocess
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from book_copy import build, copy_book, write_page
from test_site import CHROMIUM, QuietHandler


def payload(tag: str) -> str:
    return (f"{tag} <script>alert(1)</script> <img src=x onerror=alert(2)> "
            f"<b class=injected>{tag}</b> {{{{ x }}}} {{download}}`f <x.csv>` | pipe *em*")


DISCREPANCY = "t31-total-2013"
PAGE = f"""(escape-check)=
# Escape check

```{{code-cell}} ipython3
:tags: [remove-input]

from bookkit import *
from bookkit.markup import MyST, cell, lines, myst, output
table(load("migration_refugees")[["category", "persons"]], dataset="migration_refugees",
      name="tbl-escape")
```

```{{code-cell}} ipython3
:tags: [remove-input]

discrepancy_note("{DISCREPANCY}")
```

```{{code-cell}} ipython3
:tags: [remove-input]

# A Markdown table written from data cells, as the attitudes chapter writes its survey table.
surveys = load("surveys_fieldwork").set_index("year")
output(lines([MyST("| | 2012 survey |"), MyST("|:--|:--|"),
              myst("| {{}} | {{}} |", cell("Funder"), cell(surveys.loc[2012, "funder"]))]))
```
"""
# Where each payload must show, by its tag.
EXPECTED = {
    "escape-check": ["CELL", "TITLE", "CITED", "EXHIBIT", "TABLENOTE", "DISCREPANCY", "WHERE",
                     "SURVEY"],
    "appendix/data": ["TITLE", "DESCRIPTION", "CITED", "EXHIBIT", "FIELD", "UNIT"],
    "appendix/data-notes": ["DISCREPANCY", "WHERE", "TITLE", "NOTE"],
}


def _edit_rows(csv_path: Path, edit) -> None:
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    changed = [edit(row) for row in rows]
    assert any(changed), f"no row of {csv_path.name} was changed"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _set(row: dict, match: dict, values: dict) -> bool:
    if any(row[k] != v for k, v in match.items()):
        return False
    row.update(values)
    return True


def inject(book: Path) -> None:
    data = book / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    refugees = next(r for r in package["resources"] if r["name"] == "migration_refugees")
    refugees["title"] = payload("TITLE")
    refugees["description"] = payload("DESCRIPTION")
    refugees["table_notes"] = [payload("TABLENOTE")]
    refugees["notes"] = [payload("NOTE")]
    refugees["report"]["cited_source"] = payload("CITED")
    refugees["report"]["exhibit"] = payload("EXHIBIT")
    category, persons = refugees["schema"]["fields"][:2]
    category["constraints"]["enum"][0] = payload("CELL")
    persons["description"] = payload("FIELD")
    persons["unit"] = payload("UNIT")
    (data / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")
    _edit_rows(data / "migration_refugees.csv",
               lambda row: _set(row, {"category": "Refugees"}, {"category": payload("CELL")}))
    _edit_rows(data / "discrepancies.csv",
               lambda row: _set(row, {"id": DISCREPANCY}, {"description": payload("DISCREPANCY"),
                                                           "where_a": payload("WHERE")}))
    _edit_rows(data / "surveys_fieldwork.csv",
               lambda row: _set(row, {"year": "2012"}, {"funder": payload("SURVEY")}))


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    book = copy_book(tmp_path_factory.mktemp("escape") / "book",
                     pages=["escape-check", "appendix/data", "appendix/data-notes"])
    # The landing page links chapters this copy leaves out; a page of its own keeps -n quiet.
    (book / "index.md").write_text("# Hostile data\n\nA copy of the book for the escaping "
                                   "tests.\n", encoding="utf-8")
    write_page(book, "escape-check", PAGE)
    inject(book)
    # --keep-going writes every page even when a warning fails the build, so the browser
    # tests below see what a reader would; the build's own verdict is its own test.
    return SimpleNamespace(path=book,
                           result=build(book, "-n", "-W", "--keep-going", check=False))


def test_hostile_data_builds_without_warnings(hostile_book):
    result = hostile_book.result
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if "WARNING:" in line or "ERROR" in line or "Error" in line]
    assert result.returncode == 0, "\n".join(problems[:20]) or result.stderr[-3000:]


@pytest.fixture(scope="module")
def hostile_site(hostile_book):
    handler = functools.partial(QuietHandler, directory=str(hostile_book.path / "_build" / "html"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


INJECTED = """() => ({
  images: document.querySelectorAll('img[src="x"], img[onerror]').length,
  marked: document.querySelectorAll('.injected').length,
  scripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
})"""


@pytest.mark.parametrize("docname", sorted(EXPECTED))
def test_hostile_data_shows_as_text_in_chromium(hostile_site, docname):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(hostile_site + docname + ".html", wait_until="load")
        page.wait_for_timeout(300)  # an onerror handler runs once the image fails to load
        found = page.evaluate(INJECTED)
        text = page.inner_text("article")
        browser.close()
    assert not dialogs, f"{docname}: dialogs fired: {dialogs}"
    assert found == {"images": 0, "marked": 0, "scripts": 0}, f"{docname}: {found}"
    missing = [tag for tag in EXPECTED[docname] if payload(tag) not in text]
    assert not missing, f"{docname}: payload not shown literally for {missing}"


def test_hostile_data_stays_text_in_the_pdf(hostile_book):
    build(hostile_book.path, "--builder", "pdflatex")
    pdf = hostile_book.path / "_build" / "latex" / "book.pdf"
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    text = " ".join(re.sub(r"-\n", "", raw).split())  # undo line-end hyphens and wrapping
    # The catalogue's narrow Unit and Meaning columns interleave in the extracted text, so
    # for those two only the end of the payload is looked for.
    in_columns = {"FIELD", "UNIT"}
    tags = sorted({tag for tags in EXPECTED.values() for tag in tags} - in_columns)
    missing = [tag for tag in tags if payload(tag) not in text]
    missing += [tag for tag in sorted(in_columns) if f"class=injected>{tag}</b>" not in text]
    assert not missing, f"payload not printed literally in the PDF for {missing}"
