"""The built PDF: A4, fonts embedded, lists of figures and tables, vector charts, numbering
that matches the website, and non-Latin (Cyrillic) text rendered; its metadata, chart text
sizes, table alignment, pages and bibliography as a reader sees them.

Needs the PDF built first (scripts/setup-and-build.sh) and poppler-utils (pdfinfo, pdffonts,
pdftotext). Text sizes and positions are read with pdfplumber.
"""
import math
import re
import statistics
import subprocess
from pathlib import Path

import pdfplumber
import pytest
import yaml
from pdfminer.layout import LTFigure

ROOT = Path(__file__).resolve().parent.parent
LATEX = ROOT / "_build" / "latex"
PDF = LATEX / "book.pdf"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


@pytest.fixture(scope="module")
def pdf_text():
    if not PDF.is_file():
        pytest.fail(f"no PDF at {PDF}: run scripts/setup-and-build.sh first")
    return subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf():
    if not PDF.is_file():
        pytest.fail(f"no PDF at {PDF}: run scripts/setup-and-build.sh first")
    with pdfplumber.open(PDF) as document:
        yield document


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


def _pdfinfo() -> dict:
    info = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in info.splitlines() if ":" in line)


def test_metadata_names_title_author_subject_keywords_and_language(pdf):
    info = {key: value.strip() for key, value in _pdfinfo().items()}
    sphinx = CONFIG["sphinx"]["config"]
    assert info["Title"] == CONFIG["title"]
    assert info["Author"] == CONFIG["author"]  # not the title page's \parbox around it
    assert info["Subject"] == sphinx["bookkit_subject"]
    assert all(word in info["Keywords"] for word in sphinx["bookkit_keywords"]), info["Keywords"]
    assert pdf.doc.catalog.get("Lang") in (b"en", "en"), pdf.doc.catalog.get("Lang")


def printed_size(char: dict) -> float:
    """The size at which a letter is printed, whatever its rotation (pdfplumber's "size" is
    the height of the letter's box, which for a vertical axis title is its width)."""
    a, b, _, _, _, _ = char["matrix"]
    scale = math.hypot(a, b)
    sin, cos = abs(b) / scale, abs(a) / scale
    if sin > cos:  # more vertical than horizontal: the box's width spans the font size
        return (char["width"] / scale - char["adv"] * cos) / sin * scale
    return (char["height"] / scale - char["adv"] * sin) / cos * scale


def test_chart_text_prints_at_7_points_or_more(pdf):
    """Chart text (FreeSans, drawn by vl-convert) is legible at its printed size."""
    smallest, chart_letters = {}, 0
    for page in pdf.pages:
        for char in page.chars:
            if "FreeSans" in char["fontname"] and char["text"].strip():
                chart_letters += 1
                size = printed_size(char)
                if size < 6.95:
                    smallest[page.page_number] = round(min(size, smallest.get(page.page_number, 99)), 1)
    assert chart_letters > 10000, "expected the charts' text in the PDF"
    assert not smallest, f"chart text under 7 pt (page: smallest size): {smallest}"


def test_charts_are_set_at_one_width(pdf):
    """Every chart (an included PDF, a form XObject) spans the text block."""
    widths = [round(item.width, 1) for page in pdf.pages for item in page.layout
              if isinstance(item, LTFigure)]
    assert len(widths) >= 40, f"expected the book's charts, found {len(widths)}"
    assert max(widths) - min(widths) < 1, sorted(set(widths))


def test_no_blank_pages(pdf):
    """Every page carries text besides its running head and page number."""
    blank = []
    for page in pdf.pages:
        body = [c for c in page.chars if c["text"].strip()
                and page.height * 0.09 < c["top"] < page.height * 0.91]
        if not body:
            blank.append(page.page_number)
    assert not blank, f"blank pages: {blank}"


def _words_of_table(pdf, caption: str) -> list[list[dict]]:
    """The rows (words grouped by line) of the table whose caption starts with ``caption``,
    on the page where the table itself (not the list of tables) is printed."""
    squeeze = "".join(caption.split())
    for page in pdf.pages:
        text = "".join(page.extract_text().split())  # pdfplumber may not see narrow spaces
        if squeeze in text and "ListofTables" not in text and "....." not in text:
            lines = {}
            for word in page.extract_words():
                lines.setdefault(round(word["top"]), []).append(word)
            rows = [sorted(ws, key=lambda w: w["x0"]) for _, ws in sorted(lines.items())]
            # From the caption to the source line under the table (a page may hold two).
            start = next(i for i, r in enumerate(rows)
                         if squeeze.startswith("".join(w["text"] for w in r)[:8]))
            end = next((i for i, r in enumerate(rows) if i > start and r[0]["text"] == "Source:"),
                       len(rows))
            return rows[start:end]
    pytest.fail(f"table {caption!r} not found")


def test_numbers_are_right_aligned_in_table_3_2(pdf):
    """In Table 3.2 (arrivals from China by purpose, one row a year) each column of figures
    ends at one x-coordinate, however many digits its figures have."""
    rows = [r for r in _words_of_table(pdf, "Table 3.2: Foreign citizens arriving from China")
            if re.fullmatch(r"20\d\d", r[0]["text"]) and len(r) == 8]
    assert len(rows) == 15, [" ".join(w["text"] for w in r) for r in rows]
    columns = list(zip(*rows))[1:]
    right_edges = [max(w["x1"] for w in c) - min(w["x1"] for w in c) for c in columns]
    left_edges = [max(w["x0"] for w in c) - min(w["x0"] for w in c) for c in columns]
    assert max(right_edges) < 1, f"right edges vary by {right_edges} pt"
    assert max(left_edges) > 3, "expected figures of different widths in the sample"


def test_no_overfull_box_wider_than_a_point():
    log = (LATEX / "book.log").read_text(errors="replace")
    overfull = [float(w) for w in re.findall(r"Overfull \\[hv]box \(([\d.]+)pt too", log)]
    assert overfull == [] or max(overfull) <= 1, \
        f"{len(overfull)} overfull boxes, widest {max(overfull)} pt"


def test_website_only_links_lead_to_the_site_or_are_left_out(pdf, pdf_text):
    """"Download the data (CSV)" works on the website only: in the PDF it is a link to the
    published site (html.baseurl) or is not printed at all."""
    base = (CONFIG.get("html", {}).get("baseurl") or "").rstrip("/")
    labels = [(page, w) for page in pdf.pages for w in page.extract_words()
              if w["text"] == "Download"]
    if not base:
        assert "Download the data" not in pdf_text
        return
    assert labels, "expected download links to the site"
    for page, word in labels:
        uris = [link["uri"] for link in page.hyperlinks
                if link["x0"] <= word["x0"] + 1 and link["x1"] >= word["x1"] - 1
                and abs(link["top"] - word["top"]) < 6]
        assert uris and all(u.startswith(base + "/") for u in uris), (page.page_number, uris)


def test_bibliography_is_author_year_like_the_citations(pdf_text):
    headings = list(re.finditer(r"^\s*Bibliography\s*$", pdf_text, re.M | re.I))
    assert headings, "no Bibliography heading"
    references = pdf_text[headings[-1].end():]
    assert not re.search(r"^\s*\[\d+\]", references, re.M), "numbered bibliography"
    # Entries are labelled as the text cites them: "(Sadovskaya, 2014)".
    assert "(Sadovskaya, 2014)" in pdf_text and re.search(r"^\s*Sadovskaya, 2014 ", references, re.M)


def test_chart_code_hidden_on_the_site_is_not_printed(pdf_text):
    # Every chapter holds its charts' code behind "show code" on the site (README "A chart").
    chapters = (Path(__file__).resolve().parent.parent / "chapters").glob("*.md")
    hidden = sum(text.count(":tags: [hide-input, remove-output]")
                 for text in (p.read_text(encoding="utf-8") for p in chapters))
    assert hidden > 40
    squashed = "".join(pdf_text.split())
    for code in ('glue("fig-', "alt.Chart(", "Showcodecellsource"):
        assert code not in squashed, f"the PDF prints chart code ({code})"
