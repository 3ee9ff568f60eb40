"""The data catalogue's links to figures and tables stay fresh on incremental builds: real
builds of a small copy of the book (a probe chapter, the catalogue, the notes on the data).
The tests run in file order on one copy, each leaving it built for the next."""
from __future__ import annotations

import re

import pytest

from book_copy import build, copy_book, page_text, write_page

DATASET = "history_ethnic_composition_2006"
TABLE_CELL = f"""```{{code-cell}} ipython3
:tags: [remove-input]
from bookkit import *
import altair as alt
frame = load("{DATASET}")
table(frame.head(3), dataset="{DATASET}", name="tbl-probe")
```
"""
FIGURE_CELLS = f"""
```{{code-cell}} ipython3
:tags: [remove-input, remove-output]
glue("fig-probe", figure(alt.Chart(frame).mark_point().encode(x="ethnic_group:N", y="percent:Q"),
     name="fig-probe", datasets="{DATASET}", title="Probe chart",
     description="One point per group."))
```

```{{glue:figure}} fig-probe
:name: fig-probe
Points of the probe.
```
"""
PROBE = "(ch-probe)=\n# Probe\n\n" + TABLE_CELL


def _entry(book, name: str = DATASET) -> str:
    """The catalogue entry of ``name``: its target up to the next entry's."""
    page = page_text(book, "appendix/data")
    anchor = name.replace("_", "-")
    start = page.index(f'id="data-{anchor}"')
    following = re.search(r'<span id="data-[^"]+"', page[start + 10:])
    return page[start:start + 10 + following.start()] if following else page[start:]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    book = copy_book(tmp_path_factory.mktemp("catalogue") / "book",
                     pages=["chapters/probe", "appendix/data"])
    write_page(book, "chapters/probe", PROBE)
    build(book)
    return book


def test_the_entry_lists_the_table_that_shows_its_dataset(book):
    entry = _entry(book)
    assert 'href="../chapters/probe.html#tbl-probe"' in entry
    assert re.search(r"Table [\d.]+: Ethnic make-up", entry)
    assert "fig-probe" not in entry


def test_a_figure_added_to_a_chapter_appears_in_the_catalogue_after_an_incremental_build(book):
    write_page(book, "chapters/probe", PROBE + FIGURE_CELLS)
    result = build(book)
    assert "appendix/data.md: Executing notebook" not in result.stdout + result.stderr
    entry = _entry(book)
    assert 'href="../chapters/probe.html#fig-probe"' in entry
    assert re.search(r"Figure [\d.]+: Probe chart", entry)
    probe = page_text(book, "chapters/probe")
    assert re.search(r'class="bookkit-furniture__data" href="../appendix/data.html#data-'
                     + DATASET.replace("_", "-") + '"', probe)


def test_a_figure_removed_from_a_chapter_leaves_the_catalogue(book):
    write_page(book, "chapters/probe", PROBE)
    build(book)
    assert "fig-probe" not in _entry(book)
    assert 'href="../chapters/probe.html#tbl-probe"' in _entry(book)
