"""Sphinx extension: serve the chart JavaScript from the site, and never show stale output.

* Writes vl-convert's Vega/Vega-Lite/Vega-Embed bundle, wrapped in a function so that it
  defines no globals, to ``_static/vega-charts.js``. It is not linked from the pages: the
  small deferred ``_static/chart-init.js`` fetches it only on pages with charts, after the
  page has loaded or when a chart nears the screen (see ``static/chart-init.js``).
* Trims what the theme puts on every page (``bookkit/page_tweaks.py``) and, after the build,
  replaces its stylesheets with one purged bundle (``bookkit/site_css.py``).
* Jupyter Book's execution cache keys on the text of code cells only. Each executing chapter
  records which datasets it read (see ``bookkit.data``); before Sphinx reads the sources,
  this extension compares those records with the files on disk and, for every chapter whose
  data or shared code changed, drops its cached outputs and marks it for re-reading.
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
from sphinx.writers.html5 import HTML5Translator as HTMLTranslator

from . import chart_specs, data, page_tweaks, site_css

BUNDLE_NAME = "vega-charts.js"
INIT_NAME = "chart-init.js"
# Code bundled with Vega: hands vegaEmbed to chart-init.js through an event (no globals).
BUNDLE_SNIPPET = ('document.dispatchEvent(new CustomEvent("bookkit:vega-ready", '
                  '{ detail: vegaEmbed }));\n')
STATIC_SOURCE = Path(__file__).parent / "static"
CHART_INIT_FILE = STATIC_SOURCE / "chart-init.js"
CSS_FILES = ("chart-table.css",)


def _generated_static_dir(app) -> Path:
    # Outside the book's own _static, which Jupyter Book includes wholesale (without defer).
    return Path(app.outdir).parent / ".bookkit-static"


def _on_config_inited(app, config) -> None:
    static = _generated_static_dir(app)
    static.mkdir(parents=True, exist_ok=True)
    config.html_static_path = [*config.html_static_path, str(static), str(STATIC_SOURCE / "css")]


def _on_builder_inited(app) -> None:
    # Executing kernels inherit the environment: tell them where to record their inputs.
    os.environ["BOOKKIT_DEPS_DIR"] = str(Path(app.outdir).parent / ".bookkit-deps")
    _write_bundle(app)
    _write_data_zip(app)
    page_tweaks.wrap_renderer(app)


def _write_data_zip(app) -> None:
    """The whole data package as one download (fixed timestamps: same data, same bytes)."""
    import zipfile

    from .catalogue import ZIP_NAME

    target = Path(app.srcdir) / "downloads" / ZIP_NAME
    target.parent.mkdir(exist_ok=True)
    files = sorted(p for p in data.DATA_DIR.iterdir()
                   if p.suffix in (".csv", ".json", ".md") and p.is_file())
    files += sorted((data.DATA_DIR / "geo").glob("*")) if (data.DATA_DIR / "geo").is_dir() else []
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
    import vl_convert

    static = _generated_static_dir(app)
    static.mkdir(parents=True, exist_ok=True)
    target = static / BUNDLE_NAME
    digest = hashlib.sha256(f"{vl_convert.__version__}{BUNDLE_SNIPPET}".encode()).hexdigest()[:12]
    init = CHART_INIT_FILE.read_text(encoding="utf-8").replace(
        "__BOOKKIT_BUNDLE__", f"{BUNDLE_NAME}?v={digest}")
    init_target = static / INIT_NAME
    if not init_target.is_file() or init_target.read_text(encoding="utf-8") != init:
        init_target.write_text(init, encoding="utf-8")
    stamp = f"/* vl-convert {vl_convert.__version__}; {digest} */\n"
    if target.is_file() and target.read_text(encoding="utf-8").startswith(stamp):
        return
    bundle = vl_convert.javascript_bundle(BUNDLE_SNIPPET)
    if "\nimport " in bundle or bundle.startswith("import ") or "\nexport " in bundle:
        raise RuntimeError("vl-convert returned an ES module; it cannot be wrapped as a script")
    target.write_text(f"{stamp}(function () {{\n'use strict';\n{bundle}\n}})();\n", encoding="utf-8")


def _stale_docnames(app) -> list[str]:
    stale = []
    if not data.deps_dir().is_dir():
        return stale
    package_now = data.package_fingerprint()
    for manifest in sorted(data.deps_dir().glob("*.json")):
        record = json.loads(manifest.read_text())
        changed = record.get("package") != package_now
        for name, digest in record.get("datasets", {}).items():
            try:
                changed = changed or data.fingerprint(name) != digest
            except data.DataError:  # dataset renamed or removed: re-run to surface the error
                changed = True
        if changed:
            stale.append(record["docname"])
    return stale


def _drop_cached_outputs(app, docnames: list[str]) -> None:
    from jupyter_cache import get_cache

    cache_path = app.env.mystnb_config.execution_cache_path
    if not cache_path or not Path(cache_path).exists():
        return
    cache = get_cache(cache_path)
    sources = {str(Path(app.env.doc2path(d)).resolve()) for d in docnames}
    for record in cache.list_cache_records():
        if record.uri and str(Path(record.uri).resolve()) in sources:
            cache.remove_cache(record.pk)


def _on_get_outdated(app, env, added, changed, removed):
    stale = [d for d in _stale_docnames(app) if d in env.found_docs]
    if stale:
        _drop_cached_outputs(app, stale)
        for docname in stale:  # executing again writes a fresh record; a page that no
            data.manifest_path(docname).unlink(missing_ok=True)  # longer executes keeps none
        from sphinx.util import logging
        logging.getLogger(__name__).info(
            "bookkit: inputs changed, re-executing: " + ", ".join(stale))
    return stale


def _sync_own_static(app) -> None:
    """Copy this extension's static files when they changed. Sphinx copies static files only
    when some page is rewritten, so an edit to the chart CSS or script alone would not reach
    an incrementally built site."""
    target = Path(app.outdir) / "_static"
    for folder in (_generated_static_dir(app), STATIC_SOURCE / "css"):
        for source in folder.glob("*"):
            copy = target / source.name
            if source.is_file() and (not copy.is_file() or copy.read_bytes() != source.read_bytes()):
                shutil.copyfile(source, copy)


def _restamp_chart_script(app) -> None:
    """Pages Sphinx did not rewrite still name the old version of the chart script."""
    version = f"{zlib.crc32((Path(app.outdir) / '_static' / INIT_NAME).read_bytes()):08x}"
    stamp = re.compile(re.escape(INIT_NAME) + r"\?v=[0-9a-f]+")
    for page in page_tweaks.site_pages(app.outdir):
        text = page.read_text(encoding="utf-8")
        new = stamp.sub(f"{INIT_NAME}?v={version}", text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def _on_build_finished(app, exception) -> None:
    if exception is None and getattr(app.builder, "format", "") == "html":
        _sync_own_static(app)
        _restamp_chart_script(app)
        chart_specs.externalize(Path(app.outdir))
        sizes = site_css.bundle_site(Path(app.outdir))
        if sizes:
            from sphinx.util import logging
            logging.getLogger(__name__).info(
                f"bookkit: {sizes['stylesheets']} stylesheets ({sizes['original_bytes']:,} bytes) "
                f"bundled into {site_css.BUNDLE} ({sizes['bundle_bytes']:,} bytes)")


class web_only(nodes.inline):
    """Text for the website only, such as how to use an interactive chart."""


def _web_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{web}`Click a legend entry...``: shown on the website, left out of the PDF."""
    return [web_only(rawtext, text, classes=["web-only"])], []


def _skip(self, node):
    raise nodes.SkipNode


def _on_source_read(app, docname, source):
    # The kernel inherits the environment, so it knows which chapter it executes.
    os.environ["BOOKKIT_DOCNAME"] = docname


def setup(app):
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-page-context", page_tweaks.trim_assets)
    app.connect("env-get-outdated", _on_get_outdated)
    app.connect("source-read", _on_source_read)
    # Last: the theme (pygments.css) and myst-nb (its CSS) still write stylesheets then.
    app.connect("build-finished", _on_build_finished, priority=999)
    app.add_role("web", _web_role)
    app.add_node(web_only, html=(HTMLTranslator.visit_inline, HTMLTranslator.depart_inline),
                 latex=(_skip, None), text=(_skip, None))
    app.add_js_file(INIT_NAME, loading_method="defer")
    for name in CSS_FILES:
        app.add_css_file(name)
    return {"version": "1.0", "parallel_read_safe": False, "parallel_write_safe": True}
