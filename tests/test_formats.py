"""Every format one click away: each page of the built site offers the PDF, the EPUB, the
data package and, on pages that are notebooks, the page's notebook; each link resolves to a
file of the site. Needs the site built by scripts/setup-and-build.sh (which also puts the
PDF and EPUB beside it)."""
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
# Chapters that are notebooks (a kernel to run them); the conclusion is prose only.
CHAPTERS = sorted(p.stem for p in (SITE.parent.parent / "chapters").glob("*.md")
                  if "kernelspec:" in p.read_text(encoding="utf-8")[:1000])


def _menu_links(page: Path) -> dict[str, Path]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = {}
    for a in soup.select(".dropdown-download-formats a[href]"):
        target = urljoin(page.relative_to(SITE).as_posix(), a["href"])
        links[a.get_text(" ", strip=True)] = SITE / target
    return links


@pytest.mark.parametrize("page", ["index.html", "chapters/migration.html", "glossary.html"])
def test_every_page_offers_the_book_and_the_data(page):
    links = _menu_links(SITE / page)
    assert {"Book (PDF)", "Book (EPUB)", "Data (ZIP)"} <= set(links), links
    for label in ("Book (PDF)", "Book (EPUB)", "Data (ZIP)"):
        assert links[label].is_file() and links[label].stat().st_size > 10_000, (label, links[label])


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapters_offer_their_notebook(chapter):
    links = _menu_links(SITE / "chapters" / f"{chapter}.html")
    notebook = links.get("This page (notebook)")
    assert notebook is not None, links
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and "from bookkit import" in "".join(code[0]["source"])
