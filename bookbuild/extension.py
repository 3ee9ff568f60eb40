"""Sphinx extension: serve the chart JavaScript from the site, and never show stale output.

* Writes vl-convert's Vega/Vega-Lite/Vega-Embed bundle, wrapped in a function so that it
  defines no globals, to ``_static/vega-charts.js``. It is not linked from the pages: the
  small deferred ``_static/chart-init.js`` fetches it only on pages with charts, after the
  page has loaded or when a chart nears the screen (see ``static/chart-init.js``).
* Trims what the theme puts on every page (``page_tweaks``) and, after the build, runs the
  one pass over the written site (``bookbuild.site``).
* Never shows stale output: ``freshness`` re-executes a page whose inputs
  changed and rewrites a page no builder has written since it was last read.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zlib
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator as HTMLTranslator

from bookkit import data, inputs  # not charts or theme: they import Altair and pandas

from . import doctree_memo, freshness, furniture, page_tweaks, site

BUNDLE_NAME = "vega-charts.js"
INIT_NAME = "chart-init.js"
# Code bundled with Vega: hands vegaEmbed to chart-init.js through an event (no globals).
BUNDLE_SNIPPET = ('document.dispatchEvent(new CustomEvent("bookkit:vega-ready", '
                  '{ detail: vegaEmbed }));\n')
STATIC_SOURCE = Path(__file__).parent / "static"
CHART_INIT_FILE = STATIC_SOURCE / "chart-init.js"
CSS_FILES = ("chart-table.css", "chart.css", "reading.css", "furniture.css", "explore.css")
JS_FILES = ("reading.js", "furniture.js")
EXPLORE_JS = "explore.js"  # only on pages with an explorer (bookkit/explore.py)


def _generated_static_dir(app) -> Path:
    # Outside the book's own _static, which Jupyter Book includes wholesale (without defer).
    return Path(app.outdir).parent / ".bookkit-static"


def _on_config_inited(app, config) -> None:
    static = _generated_static_dir(app)
    static.mkdir(parents=True, exist_ok=True)
    config.html_static_path = [*config.html_static_path, str(static), str(STATIC_SOURCE / "css"),
                               str(STATIC_SOURCE / "js")]


def _on_builder_inited(app) -> None:
    os.environ[inputs.BUILD_ENV] = "1"  # the kernels it starts draw charts for the book
    _write_bundle(app)
    _write_data_zip(app)
    page_tweaks.wrap_renderer(app)


def _write_data_zip(app) -> None:
    """The whole data package as one download (fixed timestamps: same data, same bytes)."""
    import zipfile

    from bookkit.catalogue import ZIP_NAME

    target = Path(app.srcdir) / "downloads" / ZIP_NAME
    target.parent.mkdir(exist_ok=True)
    geo = data.DATA_DIR / "geo"
    candidates = [*data.DATA_DIR.iterdir(), *(geo.iterdir() if geo.is_dir() else [])]
    links = [p for p in candidates if p.is_symlink()]
    if links:  # a link would publish whatever file it points to
        raise data.DataError(f"{data._rel(links[0])}: a symbolic link in data/; the data "
                             "package holds regular files only")
    files = sorted(p for p in candidates if p.is_file() and
                   (p.parent == geo or p.suffix in (".csv", ".json", ".md")))
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            info = zipfile.ZipInfo(f"data/{file.relative_to(data.DATA_DIR)}", (2015, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes())
    if target.is_file() and target.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        tmp.replace(target)


def _write_bundle(app) -> None:
    """The Vega bundle and the chart script, each rewritten only when what it is made from
    changed (they carry a stamp of it), so that a build that changed nothing imports
    neither vl-convert nor the house style."""
    from importlib.metadata import version

    static = _generated_static_dir(app)
    static.mkdir(parents=True, exist_ok=True)
    target = static / BUNDLE_NAME
    vl_version = version("vl-convert-python")
    digest = hashlib.sha256(f"{vl_version}{BUNDLE_SNIPPET}".encode()).hexdigest()[:12]
    init_target = static / INIT_NAME
    init_stamp = "/* bookkit: " + hashlib.sha256(
        CHART_INIT_FILE.read_bytes() + (Path(data.__file__).parent / "theme.py").read_bytes()
        + digest.encode()).hexdigest()[:16] + " */\n"
    if not (init_target.is_file() and init_target.read_text(encoding="utf-8").startswith(init_stamp)):
        from bookkit import theme

        init_target.write_text(init_stamp + CHART_INIT_FILE.read_text(encoding="utf-8").replace(
            "__BOOKKIT_BUNDLE__", f"{BUNDLE_NAME}?v={digest}").replace(
            "__BOOKKIT_DARK__", json.dumps(theme.DARK_COLOURS, sort_keys=True)), encoding="utf-8")
    stamp = f"/* vl-convert {vl_version}; {digest} */\n"
    if target.is_file() and target.read_text(encoding="utf-8").startswith(stamp):
        return
    import vl_convert

    bundle = vl_convert.javascript_bundle(BUNDLE_SNIPPET)
    if "\nimport " in bundle or bundle.startswith("import ") or "\nexport " in bundle:
        raise RuntimeError("vl-convert returned an ES module; it cannot be wrapped as a script")
    target.write_text(f"{stamp}(function () {{\n'use strict';\n{bundle}\n}})();\n", encoding="utf-8")


def _sync_own_static(app) -> None:
    """Copy this extension's static files when they changed. Sphinx copies static files only
    when some page is rewritten, so an edit to the chart CSS or script alone would not reach
    an incrementally built site."""
    target = Path(app.outdir) / "_static"
    for folder in (_generated_static_dir(app), STATIC_SOURCE / "css", STATIC_SOURCE / "js"):
        for source in folder.glob("*"):
            copy = target / source.name
            if source.is_file() and (not copy.is_file() or copy.read_bytes() != source.read_bytes()):
                shutil.copyfile(source, copy)


def _restamp_chart_script(app) -> None:
    """Pages Sphinx did not rewrite still name the old version of the chart script."""
    version = f"{zlib.crc32((Path(app.outdir) / '_static' / INIT_NAME).read_bytes()):08x}"
    stamp = re.compile(re.escape(INIT_NAME) + r"\?v=[0-9a-f]+")
    for page in site.site_pages(app.outdir):
        text = page.read_text(encoding="utf-8")
        new = stamp.sub(f"{INIT_NAME}?v={version}", text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def _on_build_finished(app, exception) -> None:
    # The website only: the EPUB builder writes HTML too, but its pages are not the site's.
    if exception is None and getattr(app.builder, "name", "") in ("html", "dirhtml"):
        _sync_own_static(app)
        _restamp_chart_script(app)
        from sphinx.util import logging
        site.run(Path(app.outdir), Path(app.srcdir) / "figures", logging.getLogger(__name__).info)


class DropHiddenCode(SphinxPostTransform):
    """The PDF and the EPUB print no code a page hides behind "show code" (the chart code of
    a chapter): myst-nb's hiding is for the website's HTML only."""

    default_priority = 150  # before myst-nb wraps the code in a toggle (HideInputCells, 199)
    builders = ("latex", "epub")

    def run(self, **kwargs):
        for cell in list(self.document.findall(nodes.container)):
            if (cell.get("nb_element") == "cell_code" and cell.children
                    and cell.get("hide_mode") in ("input", "all", "input+output")
                    and cell.children[0].get("nb_element") == "cell_code_source"):
                cell.remove(cell.children[0])


class DropRawHtml(SphinxPostTransform):
    """Raw HTML is the website's only (``bookkit.markup.raw_html``: the catalogue's filter box
    and its script): the EPUB's XHTML leaves it out."""

    default_priority = 150
    builders = ("epub",)

    def run(self, **kwargs):
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split():
                raw.parent.remove(raw)


class web_only(nodes.inline):
    """Text for the website only, such as how to use an interactive chart."""


def _web_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{web}`Click a legend entry...``: shown on the website, left out of the PDF."""
    return [web_only(rawtext, text, classes=["web-only"])], []


def _skip(self, node):
    raise nodes.SkipNode


def _own_code_version() -> int:
    """A number that changes with this package's Python code. Sphinx rewrites only the pages
    it finds outdated, and what this code adds to pages (furniture, catalogue links, trims)
    is not an input it tracks; a changed ``env_version`` makes it read and write every page
    again, their notebooks coming from the execution cache."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def _add_explorer_script(app, pagename, templatename, context, doctree) -> None:
    if 'class="bookkit-explore"' in context.get("body", ""):
        app.add_js_file(EXPLORE_JS, loading_method="defer")


def setup(app):
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-page-context", page_tweaks.trim_assets)
    app.connect("html-page-context", _add_explorer_script, priority=400)  # before trim_assets
    freshness.setup(app)
    furniture.setup(app)
    doctree_memo.setup(app)
    # Last: the theme (pygments.css) and myst-nb (its CSS) still write stylesheets then.
    app.connect("build-finished", _on_build_finished, priority=999)
    app.add_role("web", _web_role)
    app.add_post_transform(DropHiddenCode)
    app.add_post_transform(DropRawHtml)
    app.add_node(web_only, html=(HTMLTranslator.visit_inline, HTMLTranslator.depart_inline),
                 latex=(_skip, None), text=(_skip, None))
    app.add_js_file(INIT_NAME, loading_method="defer")
    for name in JS_FILES:
        app.add_js_file(name, loading_method="defer")
    for name in CSS_FILES:
        app.add_css_file(name)
    return {"version": "1.0", "env_version": _own_code_version(),
            "parallel_read_safe": False, "parallel_write_safe": True}
