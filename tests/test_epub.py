"""The EPUB 3 edition: valid (epubcheck), charts as PNG images with alt text, numbered
tables, the glossary, the bibliography, cover and metadata; nothing that needs a browser.

Needs the EPUB built first (scripts/setup-and-build.sh) and epubcheck (Debian package).
"""
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
EPUB = ROOT / "_build" / "epub" / "book.epub"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


@pytest.fixture(scope="module")
def book():
    if not EPUB.is_file():
        pytest.fail(f"no EPUB at {EPUB}: run scripts/setup-and-build.sh first")
    with zipfile.ZipFile(EPUB) as archive:
        yield archive


@pytest.fixture(scope="module")
def pages(book) -> dict[str, BeautifulSoup]:
    return {name: BeautifulSoup(book.read(name), "html.parser")
            for name in book.namelist() if name.endswith(".xhtml")}


def test_epubcheck_finds_no_errors():
    if not EPUB.is_file():
        pytest.fail(f"no EPUB at {EPUB}: run scripts/setup-and-build.sh first")
    # Debian's /usr/bin/epubcheck is the jar itself, run through binfmt_misc (jarwrapper),
    # which containers often lack: run it with java directly.
    jar = shutil.which("epubcheck")
    assert jar, "epubcheck not installed (Debian package epubcheck)"
    result = subprocess.run(["java", "-jar", jar, str(EPUB)], capture_output=True, text=True)
    report = result.stdout + result.stderr
    problems = [line for line in report.splitlines() if line.startswith(("ERROR", "FATAL"))]
    assert result.returncode == 0 and not problems, "\n".join(problems[:20]) or report[-2000:]


def test_metadata_and_cover(book):
    opf = BeautifulSoup(book.read(next(n for n in book.namelist() if n.endswith(".opf"))),
                        "html.parser")
    assert opf.find("dc:title").text == CONFIG["title"]
    assert opf.find("dc:creator").text == CONFIG["author"]
    assert opf.find("dc:language").text == "en"
    assert opf.find("dc:description").text == CONFIG["sphinx"]["config"]["bookkit_subject"]
    cover = opf.find("item", attrs={"properties": "cover-image"})
    assert cover is not None and cover["media-type"] == "image/png", "no cover image"


def test_charts_are_2x_images_with_alt_text(book, pages):
    from io import BytesIO

    from PIL import Image

    charts = [(name, img) for name, page in pages.items()
              for img in page.find_all("img") if "cover" not in img.get("src", "")]
    assert len(charts) >= 40, f"expected the book's charts as images, found {len(charts)}"
    no_alt = [f"{name}: {img['src']}" for name, img in charts if not img.get("alt", "").strip()]
    assert not no_alt, f"images without alt text: {no_alt[:5]}"
    # Drawn at twice the size of the printed chart: at least 1,100 px across.
    for name, img in charts[:10]:
        path = str(Path(name).parent / img["src"]).replace("\\", "/")
        image = Image.open(BytesIO(book.read(re.sub(r"[^/]+/\.\./", "", path))))
        assert image.size[0] >= 1100, f"{img['src']}: {image.size[0]} px"
        # The file itself carries the text alternative, for a reader who saves it.
        assert image.info.get("Description") == img["alt"], img["src"]


def test_tables_are_numbered(pages):
    captions = [c.get_text(" ", strip=True) for page in pages.values()
                for c in page.select("table caption")]
    assert any(c.startswith("Table 3.2") for c in captions), captions[:5]
    assert len(captions) >= 15


def test_glossary_and_bibliography_are_included(pages):
    text = " ".join(page.get_text(" ") for page in pages.values())
    assert "оралман" in text and "Huaqiao" in text  # glossary, Cyrillic included
    assert re.search(r"Sadovskaya, 2014", text)  # author-year labels, as cited


def test_nothing_needs_a_browser(pages):
    """No scripts, no interactive-chart hints, no links to files the EPUB does not hold."""
    scripted = [name for name, page in pages.items() if page.find("script")]
    assert not scripted, f"pages with scripts: {scripted[:5]}"
    text = " ".join(" ".join(page.get_text(" ") for page in pages.values()).split())
    assert "Download the chart data" not in text
    hints = [hint for page in (ROOT / "chapters").glob("*.md")
             for hint in re.findall(r"\{web\}`([^`]+)`", page.read_text())]
    assert len(hints) >= 10
    printed = [hint for hint in hints if " ".join(hint.split())[:40] in text]
    assert not printed, f"website-only hints in the EPUB: {printed[:3]}"
    downloads = [a["href"] for page in pages.values() for a in page.find_all("a", href=True)
                 if "_downloads/" in a["href"] and not a["href"].startswith("http")]
    assert not downloads, downloads[:5]
