"""The built PDF: A4, fonts embedded, lists of figures and tables, vector charts, numbering
that matches the website, and non-Latin (Cyrillic) text rendered.

Needs the PDF built first (scripts/setup-and-build.sh) and poppler-utils (pdfinfo, pdffonts,
pdftotext).
"""
import re
import subprocess
from pathlib import Path

import pytest

LATEX = Path(__file__).resolve().parent.parent / "_build" / "latex"
PDF = LATEX / "book.pdf"


@pytest.fixture(scope="module")
def pdf_text():
    if not PDF.is_file():
        pytest.fail(f"no PDF at {PDF}: run scripts/setup-and-build.sh first")
    return subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_pages_are_a4():
    info = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info


def test_every_font_is_embedded():
    fonts = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, "no fonts listed"
    not_embedded = [r for r in rows if r.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_front_matter_lists_figures_and_tables(pdf_text):
    text = pdf_text.lower()
    assert "list of figures" in text and "list of tables" in text


def test_numbering_matches_the_report_and_the_website(pdf_text):
    # Chapter 3 retells report section 3, so its first table is Table 3.1, as on the website.
    assert re.search(r"Table 3\.1: Kazakhstan citizens leaving for China", pdf_text)
    assert re.search(r"Table 1\.1: Kazakhstan.s key social and economic indicators", pdf_text)


def test_cyrillic_text_is_rendered(pdf_text):
    for word in ("оралман", "челнок"):
        assert word in pdf_text, f"{word} missing from the PDF text"
    assert "Missing character" not in (LATEX / "book.log").read_text(errors="replace")


def test_charts_are_vector_graphics():
    tex = (LATEX / "book.tex").read_text()
    # Sphinx writes \sphinxincludegraphics[...]{{name}.ext}
    included = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}(\.[a-z]+)\}", tex)
    assert included, "no charts included"
    raster = [name + ext for name, ext in included if ext != ".pdf"]
    assert not raster, f"raster images in the PDF: {raster[:5]}"


def _ink_edges(page_image) -> tuple[int, int]:
    """Leftmost and rightmost dark column between the running header and footer."""
    width, height = page_image.size
    pixels = page_image.load()
    rows = range(int(height * 0.08), int(height * 0.92))

    def inked(x):
        return any(pixels[x, y] < 200 for y in rows)

    left = next((x for x in range(width) if inked(x)), None)
    right = next((x for x in range(width - 1, -1, -1) if inked(x)), None)
    return left, right


def test_nothing_runs_into_the_margins(tmp_path):
    """Tables, long names and the title page stay inside the text block on every page."""
    from collections import Counter

    from PIL import Image

    dpi = 36  # 2 points a pixel
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(PDF), str(tmp_path / "p")], check=True)
    edges = {path.name: _ink_edges(Image.open(path)) for path in sorted(tmp_path.glob("p-*.pgm"))}
    inked = {name: e for name, e in edges.items() if e[0] is not None}
    assert len(inked) > 100, "too few pages with text"
    # The text block's edges are where most pages' text starts and ends.
    left = Counter(e[0] for e in inked.values()).most_common(1)[0][0]
    right = Counter(e[1] for e in inked.values()).most_common(1)[0][0]
    tolerance = 2  # pixels: 4 points
    over = {name: e for name, e in inked.items()
            if e[0] < left - tolerance or e[1] > right + tolerance}
    assert not over, f"text block {left}-{right} px at {dpi} dpi; pages past it: {over}"


def test_website_hints_are_not_printed(pdf_text):
    """Text marked {web}`...` (how to use an interactive chart) is on the website only."""
    root = LATEX.parent.parent
    hints = {page.stem: re.findall(r"\{web\}`([^`]+)`", page.read_text())
             for page in (root / "chapters").glob("*.md")}
    assert sum(map(len, hints.values())) >= 10, "expected the chart captions' web-only hints"
    flat_pdf = " ".join(pdf_text.split())
    for chapter, texts in hints.items():
        site = " ".join((LATEX.parent / "html" / "chapters" / f"{chapter}.html").read_text().split())
        for hint in texts:
            assert hint in site, f"{chapter}: hint missing from the website: {hint}"
            assert hint[:40] not in flat_pdf, f"{chapter}: website hint printed: {hint}"
