"""The built website in a real headless Chromium: every chart draws, offline, without errors.

Needs the site built first (`jupyter-book build .`, the README's first command) and Debian's
Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
"""
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BOOK_PAGES = sorted(
    p.relative_to(SITE).as_posix() for pattern in ("*.html", "chapters/*.html", "appendix/*.html")
    for p in SITE.glob(pattern) if p.name not in ("genindex.html", "search.html"))
DRAWN_MARKS = ("g.mark-rect path, g.mark-symbol path, g.mark-line path, g.mark-area path, "
               "g.mark-geoshape path, g.mark-rule line, g.mark-arc path, g.mark-trail path")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `jupyter-book build .` first")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def test_every_numbered_chapter_has_charts():
    chapters = [p for p in BOOK_PAGES if p.startswith("chapters/") and "conclusion" not in p]
    assert len(chapters) >= 7, f"expected the seven chapters under {SITE / 'chapters'}"
    for page in chapters:
        assert 'class="bookkit-chart"' in (SITE / page).read_text(), f"{page} has no chart"


@pytest.mark.parametrize("page_path", BOOK_PAGES)
def test_every_chart_draws_offline_without_errors(browser, site_url, page_path):
    page = browser.new_page()
    console_errors, page_errors, requests = [], [], []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + page_path, wait_until="load")
    charts = page.locator(".bookkit-chart")
    count = charts.count()
    for i in range(count):  # charts are drawn as they near the screen, as a reader scrolls
        charts.nth(i).scroll_into_view_if_needed()
        page.wait_for_function(
            "el => ['rendered', 'error'].includes(el.dataset.state)",
            arg=charts.nth(i).element_handle(), timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.bookkit-chart')]"
        ".every(c => ['rendered', 'error'].includes(c.dataset.state))", timeout=30_000)
    for i in range(count):
        chart = charts.nth(i)
        chart_id = chart.get_attribute("id")
        assert chart.get_attribute("data-state") == "rendered", f"{chart_id} failed to draw"
        assert chart.locator(DRAWN_MARKS).count() > 0, f"{chart_id} drew no marks"
    foreign = [u for u in requests if urlparse(u).scheme in ("http", "https")
               and urlparse(u).hostname != "127.0.0.1"]
    assert not foreign, f"requests left 127.0.0.1: {foreign[:5]}"
    assert not page_errors, page_errors
    assert not console_errors, console_errors
    page.close()


# Computed style of every element outside the charts (which draw themselves), as
# [element path, property values].
COMPUTED_STYLES = """() => {
  const props = ['color', 'background-color', 'font-family', 'font-size', 'font-weight',
    'font-style', 'line-height', 'display', 'visibility', 'position', 'margin-top',
    'margin-left', 'padding-top', 'padding-left', 'border-top-width', 'border-top-color',
    'border-left-width', 'text-align', 'text-decoration-line', 'white-space', 'float',
    'overflow-x', 'opacity', 'width', 'height'];
  return [...document.body.querySelectorAll('*')]
    .filter(el => !el.closest('.bookkit-chart__view, svg'))
    .map(el => {
      const style = getComputedStyle(el);
      const path = el.tagName + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.');
      return [path, props.map(p => style.getPropertyValue(p)).join('|')];
    });
}"""

# The pages and sizes where the theme shows most of its parts: navigation bars, sidebars,
# search, dropdowns, tables, charts, the mobile layout, and the dark theme.
LOOKS = [("index.html", 1280, "light"), ("chapters/migration.html", 1280, "light"),
         ("chapters/migration.html", 390, "light"), ("chapters/migration.html", 1280, "dark"),
         ("appendix/explore.html", 1280, "light"), ("search.html", 390, "dark")]


@pytest.mark.parametrize("page_path,width,mode", LOOKS)
def test_bundled_stylesheet_draws_the_page_as_the_theme_does(browser, site_url, page_path,
                                                            width, mode):
    """bookbuild.site.stylesheet drops rules it believes unused; if it dropped one in use, the page
    would look different from the same page with the theme's original stylesheets."""
    import io
    import re

    from PIL import Image, ImageChops

    bundle_link = re.compile(r'<link rel="stylesheet" href="([^"]*)_static/styles/book\.css'
                             r'\?v=\w+" data-sources="([^"]*)" />')

    def originals(route):
        html = route.fetch().text()
        match = bundle_link.search(html)
        assert match, f"{page_path} does not link the bundled stylesheet"
        links = "".join(f'<link rel="stylesheet" href="{match.group(1)}{source}" />'
                        for source in match.group(2).split())
        route.fulfill(body=html.replace(match.group(0), links), content_type="text/html")

    shots, styles = [], []
    for restore in (False, True):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                                f"localStorage.setItem('theme', '{mode}');")
        page = context.new_page()
        if restore:
            page.route(re.compile(r".*\.html$"), originals)
        page.goto(site_url + page_path, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.bookkit-chart')].every(c => "
            "c.getBoundingClientRect().top > innerHeight || "
            "['rendered', 'error'].includes(c.dataset.state))", timeout=30_000)
        shots.append(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))
        styles.append(page.evaluate(COMPUTED_STYLES))
        context.close()
    difference = ImageChops.difference(*shots).getbbox()
    assert difference is None, f"{page_path} at {width}px ({mode}) differs in {difference}"
    # Below the first screen too: every element's computed style, the same either way.
    assert len(styles[0]) == len(styles[1])
    differing = [(a[0], a[1], b[1]) for a, b in zip(*styles) if a != b]
    assert not differing, f"{len(differing)} elements styled differently, e.g. {differing[:3]}"


def test_charts_draw_when_the_site_is_opened_from_disk(browser):
    """Authors often open _build/html/*.html straight from disk (file://), where fetch() is
    refused: the map, whose specification lives in _static/chart-specs, must still draw."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((SITE / "chapters" / "history.html").as_uri(), wait_until="load")
    external = page.locator(".bookkit-chart:has(script.bookkit-chart__spec[data-spec])")
    assert external.count() > 0, "expected a chart whose specification is in its own file"
    chart = external.first
    chart.scroll_into_view_if_needed()
    page.wait_for_function("el => ['rendered', 'error'].includes(el.dataset.state)",
                           arg=chart.element_handle(), timeout=30_000)
    assert chart.get_attribute("data-state") == "rendered"
    assert chart.locator(DRAWN_MARKS).count() > 0
    assert not errors, errors
    page.close()
