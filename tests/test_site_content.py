"""What the built reference pages say about the data matches the data package.

The expected values come from ``data/`` (the descriptors and ``discrepancies.csv``), the
observed ones from the built HTML, so an error in the code that writes those pages (a wrong
line range, a dropped location) fails here. Needs the site built first.
"""
import csv
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
PACKAGE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))


def page_text(docname: str) -> str:
    page = SITE / f"{docname}.html"
    if not page.is_file():
        pytest.fail(f"no built page {page}: build the site first")
    main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
    return plain(main.get_text(" "))


def plain(text: str) -> str:
    """Spaces collapsed and Sphinx's typographic quotes and dashes undone."""
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---"}))
    return re.sub(r"\s+", " ", text)


def test_the_catalogue_gives_each_dataset_its_own_report_lines_and_source():
    text = page_text("appendix/data")
    datasets = [r for r in PACKAGE["resources"] if r.get("report", {}).get("lines")]
    assert len(datasets) > 50
    for resource in datasets:
        entry = re.search(re.escape(resource["name"]) + r" , \d+ rows", text)
        assert entry, f"{resource['name']} has no entry in the data catalogue"
        after = text[entry.end():]
        first, last = resource["report"]["lines"]
        lines = re.search(r"lines (\d+)-(\d+)", after)
        assert lines and lines.groups() == (str(first), str(last)), resource["name"]
        cited = resource["report"].get("cited_source", "not stated")
        assert plain(cited) in after[:2000], resource["name"]


def test_the_notes_page_gives_both_places_of_every_discrepancy():
    text = page_text("appendix/data-notes")
    with open(ROOT / "data" / "discrepancies.csv", encoding="utf-8") as file:
        records = list(csv.DictReader(file))
    assert len(records) > 20
    for record in records:
        at = text.find(record["id"])
        assert at >= 0, f"discrepancy {record['id']} is not on the notes page"
        entry = text[at:at + 2500]
        for where in ("where_a", "where_b"):
            assert plain(record[where]) in entry, (record["id"], where)
