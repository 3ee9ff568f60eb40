"""Sphinx extension: the book's other editions (PDF, EPUB) and the links that lead to them.

* PDF and EPUB metadata (title, author, subject, keywords, language) from ``_config.yml``.
* PDF and EPUB: each chart is drawn from its print version as the edition is written
  (``print_figures``); in the PDF it is set at the width of the text block (the print
  version is drawn for that width, see ``bookkit.charts.print_version``).
* PDF and EPUB: download links, which only work on the website, become links to the
  published site when ``html.baseurl`` is set in ``_config.yml``, and are left out when not.
* EPUB: charts are PNG images whose alt text is the chart's description; website-only text
  (``{web}`...```) and scripts are left out; a typographic cover is drawn.
* Website: the header offers the PDF, the EPUB, the page's notebook and the data package;
  the notebooks are written from the chapters' MyST sources with jupytext.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .extension import CSS_FILES  # the website's own stylesheets
from . import print_figures
from .site import beside

PDF_NAME = "book.pdf"
EPUB_NAME = "book.epub"
NOTEBOOK_DIR = "notebooks"
DATA_DIR = "downloads"
COVER_NAME = "epub-cover.png"
EPUB_CSS_NAME = "epub-book.css"
# Charts fill the reading column (the epub theme's figures shrink to their caption's width),
# and wide tables scroll rather than spill past the page on readers that allow it.
EPUB_CSS = """figure, div.figure { margin: 1.2em 0; display: block; }
figure img, div.figure img { width: 100%; height: auto; }
table.docutils { border-collapse: collapse; font-size: 90%; }
table.docutils td, table.docutils th { padding: 0.15em 0.4em; vertical-align: top; }
table.docutils td.text-right, table.docutils th.text-right { text-align: right; }
"""


# -- metadata ------------------------------------------------------------------------------
def _tex(text: str) -> str:
    """Text for a hyperref PDF string: braces and TeX specials escaped."""
    text = text.replace("\\", "\\textbackslash ")
    for char in "{}#%&$_":
        text = text.replace(char, "\\" + char)
    return text


def pdf_metadata_preamble(config) -> str:
    keywords = ", ".join(config.bookkit_keywords)
    fields = {"pdftitle": config.project, "pdfauthor": config.author,
              "pdfsubject": config.bookkit_subject, "pdfkeywords": keywords}
    setup = ",\n  ".join(f"{key}={{{_tex(value)}}}" for key, value in fields.items())
    # The language goes into the document catalogue, which hyperref writes at
    # \begin{document}: it must be set before; the rest is document information.
    return (f"\n\\hypersetup{{pdflang={{{_tex(config.language or 'en')}}}}}\n"
            f"\\AtBeginDocument{{\\hypersetup{{\n  {setup}}}}}\n")


def _on_config_inited(app, config) -> None:
    # Jupyter Book passes the book's title as html_title only; Sphinx's project (the EPUB's
    # and the PDF metadata's title) would read "Project name not set".
    if config.html_title and not config._raw_config.get("project"):
        config.project = config.html_title
    config.latex_elements = {**config.latex_elements,
                             "preamble": config.latex_elements.get("preamble", "")
                             + pdf_metadata_preamble(config)}
    if not config.epub_description or config.epub_description == "unknown":
        config.epub_description = config.bookkit_subject


# -- EPUB ----------------------------------------------------------------------------------
def _epub_static_dir(app) -> Path:
    return Path(app.outdir).parent / ".bookkit-epub-static"


def _on_builder_inited(app) -> None:
    if app.builder.name != "epub":
        return
    # The site's chart scripts (3 MB) and generated styles have no place in the EPUB.
    generated = str(Path(app.outdir).parent / ".bookkit-static")
    static = _epub_static_dir(app)
    static.mkdir(parents=True, exist_ok=True)
    draw_cover(static / COVER_NAME, app.config.project, app.config.author)
    app.config.html_static_path = [p for p in app.config.html_static_path if p != generated]
    app.config.html_static_path.append(str(static))
    app.config.epub_cover = (f"_static/{COVER_NAME}", "")
    css = static / EPUB_CSS_NAME
    if not css.is_file() or css.read_text() != EPUB_CSS:
        css.write_text(EPUB_CSS)
    app.builder.add_css_file(EPUB_CSS_NAME)
def mark_cover_image(epub: Path) -> None:
    """Sphinx names the cover the EPUB 2 way only (<meta name="cover">); EPUB 3 readers look
    for the manifest item with properties="cover-image". Rewrites the finished book with it
    (the mimetype entry first and uncompressed, as the format requires)."""
    import zipfile

    item = f'href="_static/{COVER_NAME}" media-type="image/png"'
    with zipfile.ZipFile(epub) as book:
        entries = [(info, book.read(info)) for info in book.infolist()]
    opf = next(data for info, data in entries if info.filename == "content.opf").decode()
    if item not in opf or "cover-image" in opf:
        return
    opf = opf.replace(item, item + ' properties="cover-image"')
    with zipfile.ZipFile(epub, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in entries:
            book.writestr(info, opf.encode() if info.filename == "content.opf" else data)


def draw_cover(target: Path, title: str, author: str) -> None:
    """A plain typographic cover, 1600 x 2400 px: the title and author on the house blue."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    fonts = Path("/usr/share/fonts/opentype/freefont")
    image = Image.new("RGB", (1600, 2400), "#0b3c5d")
    draw = ImageDraw.Draw(image)
    heading = ImageFont.truetype(str(fonts / "FreeSansBold.otf"), 120)
    body = ImageFont.truetype(str(fonts / "FreeSans.otf"), 64)
    y = 420
    main, _, rest = title.partition(": ")
    for line in textwrap.wrap(main, 22):
        draw.text((140, y), line, font=heading, fill="white")
        y += 150
    y += 60
    for line in textwrap.wrap(rest, 40):
        draw.text((140, y), line, font=body, fill="#d8e6f0")
        y += 86
    y = 1900
    for line in textwrap.wrap(author, 40):
        draw.text((140, y), line, font=body, fill="white")
        y += 86
    if target.is_file():
        existing = Image.open(target)
        if existing.size == image.size and existing.tobytes() == image.tobytes():
            return
    image.save(target, format="PNG", optimize=True)


class LeaveOutWebOnly(SphinxPostTransform):
    """EPUB: text for the website only (how to use an interactive chart) is left out."""
    default_priority = 200
    builders = ("epub",)

    def run(self) -> None:
        from .extension import web_only

        for node in list(self.document.findall(web_only)):
            node.parent.remove(node)


# -- links that only work on the website ---------------------------------------------------
class SiteLinks(SphinxPostTransform):
    """PDF and EPUB: a download link points at the file on the published website
    (``html_baseurl``), or is left out, with its line break, when no site is configured."""
    default_priority = 5  # before Sphinx resolves download references for the builder
    builders = ("latex", "epub")

    def run(self) -> None:
        base = (self.config.html_baseurl or "").rstrip("/")
        for node in list(self.document.findall(addnodes.download_reference)):
            if base and node.get("filename"):
                link = nodes.reference("", node.astext(),
                                       refuri=f"{base}/_downloads/{node['filename']}")
                node.replace_self(link)
            else:
                _remove_with_line_break(node)


def _remove_with_line_break(node: nodes.Node) -> None:
    parent = node.parent
    index = parent.index(node)
    parent.remove(node)
    # A Markdown hard line break is a pair of raw nodes (HTML and LaTeX) before the link.
    while index > 0 and isinstance(parent[index - 1], (nodes.raw, nodes.Text)) \
            and not parent[index - 1].astext().strip(" \n\\<br/>"):
        index -= 1
        parent.remove(parent[index])
    if not parent.astext().strip() and parent.parent is not None:
        parent.parent.remove(parent)


class ChartsAtTextWidth(SphinxPostTransform):
    """PDF: every chart (a vector PDF) is set at the width of the text block."""
    default_priority = 200
    builders = ("latex",)

    def run(self) -> None:
        for image in self.document.findall(nodes.image):
            if image["uri"].endswith(".pdf"):
                image["width"] = "100%"


# -- the website's links to every format ---------------------------------------------------
def _is_notebook(app, docname: str) -> bool:
    source = Path(app.env.doc2path(docname))
    return source.suffix == ".md" and "kernelspec:" in source.read_text(encoding="utf-8")[:1000]


def format_buttons(app, pagename: str, pathto) -> list[dict]:
    """The header's "Download" menu: the whole book as PDF and EPUB, this page as a
    notebook (on pages that are notebooks) and the data package."""
    buttons = [
        {"type": "link", "url": pathto(PDF_NAME, 1), "text": "Book (PDF)",
         "tooltip": "The whole book as a PDF", "icon": "fas fa-file-pdf",
         "label": "download-book-pdf"},
        {"type": "link", "url": pathto(EPUB_NAME, 1), "text": "Book (EPUB)",
         "tooltip": "The whole book as an e-book (EPUB 3)", "icon": "fas fa-book",
         "label": "download-book-epub"},
    ]
    if pagename in app.env.found_docs and _is_notebook(app, pagename):
        buttons.append(
            {"type": "link", "url": pathto(f"{NOTEBOOK_DIR}/{pagename}.ipynb", 1),
             "text": "This page (notebook)", "tooltip": "This page as a Jupyter notebook",
             "icon": "fas fa-code", "label": "download-page-notebook"})
    from bookkit.catalogue import ZIP_NAME

    buttons.append(
        {"type": "link", "url": pathto(f"{DATA_DIR}/{ZIP_NAME}", 1), "text": "Data (ZIP)",
         "tooltip": "Every dataset of the book with its descriptions",
         "icon": "fas fa-table", "label": "download-data-package"})
    return buttons


def _on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name == "epub":
        context["script_files"] = []  # no scripts in the e-book (nothing to run them for)
        # myst-nb's stylesheet and the website's own (charts, phones, print) are for the
        # site; the e-book must not name them, nor hold them (their nested rules and
        # :has() selectors are CSS that epubcheck does not accept).
        names = [str(getattr(c, "filename", c)) for c in context.get("css_files", [])]
        site_only = [n for n in names
                     if "mystnb" in n or n.rsplit("/", 1)[-1] in CSS_FILES]
        context["css_files"] = [c for c, name in zip(context.get("css_files", []), names)
                                if name not in site_only]
        app.config.epub_exclude_files = sorted({*app.config.epub_exclude_files, *site_only})
        return
    if app.builder.format != "html" or "header_buttons" not in context:
        return
    # In place of the theme's own "Download this page" menu (the page's source, and
    # printing the web page to PDF), which would sit beside this one.
    context["header_buttons"][:] = [b for b in context["header_buttons"]
                                    if b.get("label") != "download-buttons"]
    context["header_buttons"].insert(0, {
        "type": "group", "tooltip": "Download the book, this page or the data",
        "icon": "fas fa-download", "label": "download-formats",
        "buttons": format_buttons(app, pagename, context["pathto"])})


def _write_notebooks_and_data(app) -> None:
    """The pages' notebooks (jupytext, from the MyST sources) and the data package, at
    fixed addresses of the site."""
    from importlib.metadata import version

    from bookkit.catalogue import ZIP_NAME

    outdir = Path(app.outdir)
    # Which source each notebook was converted from, so that an unchanged page is not
    # converted again.
    made_file = beside(outdir, "notebooks.json")
    made = json.loads(made_file.read_text(encoding="utf-8")) if made_file.is_file() else {}
    now = {}
    for docname in sorted(app.env.found_docs):
        if not _is_notebook(app, docname):
            continue
        source = Path(app.env.doc2path(docname))
        target = outdir / NOTEBOOK_DIR / f"{docname}.ipynb"
        now[docname] = hashlib.sha256(f"jupytext {version('jupytext')}\0".encode()
                                      + source.read_bytes()).hexdigest()
        if target.is_file() and made.get(docname) == now[docname]:
            continue
        import jupytext

        text = jupytext.writes(jupytext.read(source, fmt="md:myst"), fmt="ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    made_file.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
    archive = Path(app.srcdir) / "downloads" / ZIP_NAME
    if archive.is_file():
        (outdir / DATA_DIR).mkdir(exist_ok=True)
        shutil.copyfile(archive, outdir / DATA_DIR / ZIP_NAME)


def _on_build_finished(app, exception) -> None:
    if exception is None and app.builder.name == "html":
        _write_notebooks_and_data(app)
    if exception is None and app.builder.name == "epub":
        mark_cover_image(Path(app.outdir) / f"{app.config.epub_basename}.epub")


def setup(app):
    app.add_config_value("bookkit_subject", "", "env", [str])
    app.add_config_value("bookkit_keywords", [], "env", [list])
    app.connect("config-inited", _on_config_inited, priority=900)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-page-context", _on_html_page_context, priority=502)
    app.connect("build-finished", _on_build_finished)
    for transform in (LeaveOutWebOnly, SiteLinks, ChartsAtTextWidth):
        app.add_post_transform(transform)
    print_figures.setup(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
