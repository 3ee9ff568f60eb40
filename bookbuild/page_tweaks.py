"""What the theme puts on every page, trimmed for speed, privacy and accessibility.

Used by ``bookbuild.extension``: no Font Awesome JavaScript (1.5 MB; the theme's CSS draws
the same icons with its web font), no search index except on the search page, Sphinx's
small scripts deferred, no assets of extensions the book does not use (sphinx-thebe,
sphinx-design, sphinx-togglebutton), and a few ARIA fixes the templates do not allow.
"""
from __future__ import annotations

import re


# Assets of extensions the book does not use: sphinx-thebe (no live kernels; its snippet
# names a CDN and Jupyter Book registers it twice, a console error), sphinx-design (no
# cards, tabs or grids) and sphinx-togglebutton (no toggles). Each is a render-blocking file.
UNUSED_ASSETS = ("thebe", "sphinx-design", "design-tabs", "togglebutton")
UNUSED_INLINE = ("THEBE", "togglebuttonSelector")


def _used(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "").lower()
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return not any(u in name for u in UNUSED_ASSETS) and not any(u in body for u in UNUSED_INLINE)


def trim_assets(app, pagename, templatename, context, doctree) -> None:
    """Drop the scripts and styles of unused extensions from every page."""
    context["script_files"] = [js for js in context.get("script_files", []) if _used(js)]
    context["css_files"] = [css for css in context.get("css_files", []) if _used(css)]


# Sphinx's and the extensions' scripts that only act once the page is parsed: deferred, so
# they do not block the first paint. documentation_options.js defines a constant the other
# deferred scripts read; deferred scripts run in document order, and no inline code reads it
# (except on the search page, which is left as it is).
_DEFERRABLE = re.compile(
    r'<script ((?:[\w-]+="[^"]*" )*)src="([^"]*(?:documentation_options|doctools|sphinx_highlight|clipboard\.min|copybutton|'
    r'sphinx-book-theme|togglebutton|design-tabs)\.js(?:\?[^"]*)?)"></script>')
_FONTAWESOME_JS = re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\s*')
_THEBE_CONFIG = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>\s*'
                           r'<script>kernelName = [^<]*</script>', re.S)
# The theme's first script copies the mode ("auto", "light" or "dark") from localStorage but
# sets data-theme to "auto" or to the theme stored on the last visit; the system setting is
# read only by the theme's deferred script, after the first paint. Resolve "auto" at once.
_MODE_SCRIPT = re.compile(r'document\.documentElement\.dataset\.mode = localStorage\.getItem\("mode"\)'
                          r' \|\| "(\w*)";\s*document\.documentElement\.dataset\.theme = '
                          r'localStorage\.getItem\("theme"\) \|\| "\w*";')
_RESOLVED_MODE = ('document.documentElement.dataset.mode = localStorage.getItem("mode") || "{default}";\n'
                  '    document.documentElement.dataset.theme = /^(light|dark)$/.test(document.'
                  'documentElement.dataset.mode) ? document.documentElement.dataset.mode :\n'
                  '      matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";')
_SEARCH_JS = re.compile(r'<script src="[^"]*(?:_static/searchtools|_static/language_data|searchindex)'
                        r'\.js"></script>\s*')


def tweak_page(html: str, pagename: str) -> str:
    """Post-process a rendered page (the theme's template markup is out of reach otherwise)."""
    html = _FONTAWESOME_JS.sub("", html)
    html = _THEBE_CONFIG.sub("\n", html)
    html = _MODE_SCRIPT.sub(lambda m: _RESOLVED_MODE.format(default=m.group(1) or "auto"), html, 1)
    if pagename != "search":  # search_as_you_type is off: the index is only needed there
        html = _SEARCH_JS.sub("", html)
        html = _DEFERRABLE.sub(r'<script \1defer src="\2"></script>', html)
    # The primary sidebar (book title, search, contents) as a landmark: no content outside one.
    html = html.replace('<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
                        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" '
                        'role="navigation" aria-label="Book">', 1)
    # docutils' citation list: role doc-biblioentry is deprecated, and a list needs list items.
    html = html.replace('role="doc-biblioentry"', 'role="listitem"')
    # Header cells without text (the corner cell of a table with row labels) become plain cells.
    html = re.sub(r'<th( class="head[^"]*")?>(\s*(?:<p>\s*</p>)?\s*)</th>', r'<td\1>\2</td>', html)
    return html


def wrap_renderer(app) -> None:
    if getattr(app.builder, "format", "") != "html" or not hasattr(app.builder, "templates"):
        return
    templates = app.builder.templates
    render = templates.render

    def render_and_tweak(template, context):
        return tweak_page(render(template, context), context.get("pagename", ""))

    templates.render = render_and_tweak
