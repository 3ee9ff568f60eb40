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
