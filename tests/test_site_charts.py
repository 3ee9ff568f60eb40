"""Charts as a reader meets them on a phone (390 px) and a desktop (1280 px), light and dark.

Every chart of every chapter is drawn, then measured in headless Chromium: its smallest
text as rendered (font size times any scaling of the drawing), that it fits its column,
that a tap shows the values hovering shows, and that on a dark page its text keeps a
contrast of 4.5:1. Needs the built site (the README's first command).
"""
from __future__ import annotations

import math

import pytest

from test_site import SITE, browser, site_url  # noqa: F401  (fixtures)

CHAPTERS = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("chapters/*.html")
                  if "conclusion" not in p.name)
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

# The page's own print hook draws every chart not yet drawn, once the chart library is in.
DRAW_ALL = """async () => {
  const all = document.querySelectorAll('.bookkit-chart');
  for (let i = 0; i < 600; i++) {
    if (i % 5 === 0) window.dispatchEvent(new Event('beforeprint'));
    const done = document.querySelectorAll('.bookkit-chart[data-state="rendered"]').length;
    if (done === all.length) return done;
    await new Promise(r => setTimeout(r, 100));
  }
  return -1;
}"""

def _phone_page(browser, url):
    """A touch phone's view of ``url`` (390 x 844) with every chart drawn."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate(DRAW_ALL)
    return context, page


MEASURE = """() => {
  const out = [];
  document.querySelectorAll('.bookkit-chart').forEach(chart => {
    const svg = chart.querySelector('.bookkit-chart__view svg');
    if (!svg) { out.push({id: chart.id, missing: true}); return; }
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.width.baseVal.value;
    let smallest = 1e9, smallestText = '';
    svg.querySelectorAll('text').forEach(t => {
      if (!t.textContent.trim()) return;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest) { smallest = size; smallestText = t.textContent; }
    });
    const column = chart.getBoundingClientRect();
    out.push({id: chart.id, smallest, smallestText, scale,
              overflow: box.right - column.right, width: box.width, column: column.width});
  });
  return out;
}"""


@pytest.fixture(params=list(WIDTHS), scope="module")
def width(request):
    return request.param


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_chart_text_is_at_least_11_px_and_fits_the_column(browser, site_url, page_path, width):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    assert page.evaluate(DRAW_ALL) > 0, "charts did not all draw"
    charts = page.evaluate(MEASURE)
    context.close()
    small = [(c["id"], round(c["smallest"], 1), c["smallestText"]) for c in charts
             if c.get("missing") or c["smallest"] < 11 - 0.05]
    assert not small, f"chart text under 11 px at {w} px: {small}"
    wide = [(c["id"], round(c["overflow"])) for c in charts if c["overflow"] > 1]
    assert not wide, f"charts wider than their column at {w} px: {wide}"
    if width == "desktop":
        narrow = [(c["id"], round(c["width"]), round(c["column"])) for c in charts
                  if c["width"] < 0.8 * c["column"]]
        assert len(narrow) <= len(charts) // 4, f"charts not using the column: {narrow}"


TAPS = [("chapters/migration.html", "g.mark-rect path"),
        ("chapters/history.html", "g.mark-symbol path"),
        ("chapters/xinjiang.html", "g.mark-symbol path")]


@pytest.mark.parametrize("page_path,marks", TAPS)
def test_a_tap_on_a_mark_shows_its_values_and_a_tap_elsewhere_hides_them(browser, site_url, page_path, marks):
    context, page = _phone_page(browser, site_url + page_path)
    # The largest such mark of the first chart that has one: a target a finger can hit.
    target = page.evaluate("""(marks) => {
      for (const chart of document.querySelectorAll('.bookkit-chart__view svg')) {
        const found = [...chart.querySelectorAll(marks)]
          .filter(m => m.closest('[class*="role-legend"]') === null)
          .map(m => [m, m.getBoundingClientRect()]).filter(([m, r]) => r.width * r.height > 20);
        if (!found.length) continue;
        found.sort((a, b) => b[1].width * b[1].height - a[1].width * a[1].height);
        found[0][0].scrollIntoView({block: 'center'});
        const r = found[0][0].getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
      }
      return null;
    }""", marks)
    assert target, f"no {marks} mark on {page_path}"
    page.touchscreen.tap(*target)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=3000)
    assert tooltip.inner_text().strip()
    page.locator("main p").first.tap()
    page.wait_for_timeout(300)
    assert not tooltip.is_visible()
    context.close()


def _contrast(fg, bg):
    def lum(rgb):
        def chan(c):
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = rgb
        return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)
    a, b = sorted([lum(fg), lum(bg)], reverse=True)
    return (a + 0.05) / (b + 0.05)


COLOURS = """() => {
  const parse = s => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  let node = document.querySelector('.bookkit-chart'), bg = [255, 255, 255];
  while (node) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const svgBg = [];
  const texts = [];
  document.querySelectorAll('.bookkit-chart__view svg').forEach(svg => {
    const rect = svg.querySelector('rect.background');
    svgBg.push(rect ? getComputedStyle(rect).fill : 'none');
    svg.querySelectorAll('text').forEach(t => {
      if (t.textContent.trim()) texts.push([t.textContent.slice(0, 30), parse(getComputedStyle(t).fill)]);
    });
  });
  return {bg, svgBg, texts};
}"""


@pytest.mark.parametrize("page_path", ["chapters/migration.html", "chapters/attitudes.html"])
def test_on_a_dark_page_charts_are_dark_and_their_text_readable(browser, site_url, page_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")
    page.evaluate(DRAW_ALL)
    page.wait_for_function("""() => [...document.querySelectorAll('.bookkit-chart')]
        .every(c => c.dataset.state === 'rendered' && c.dataset.dark === 'true')""", timeout=60000)
    found = page.evaluate(COLOURS)
    context.close()
    background = found["bg"]
    assert sum(background) / 3 < 80, f"the page behind the charts is not dark: {background}"
    light = [b for b in found["svgBg"] if b not in ("none", "transparent", "rgba(0, 0, 0, 0)")]
    assert not light, f"charts keep a light background on a dark page: {light[:3]}"
    poor = [(text, colour) for text, colour in found["texts"]
            if _contrast(colour[:3], background) < 4.5]
    assert not poor, f"chart text under 4.5:1 on the dark page: {poor[:8]}"


LONGEST_TEXTS = """() => [...document.querySelectorAll('.bookkit-chart')].map(chart => {
  const texts = [...chart.querySelectorAll('.bookkit-chart__view svg text')]
    .filter(t => !(t.getAttribute('transform') || '').includes('rotate'))  // read back reversed
    .map(t => t.textContent.trim()).filter(t => t.length >= 6 && !/^[\\d.,%\\s-]+$/.test(t));
  texts.sort((a, b) => b.length - a.length);
  return [chart.id, chart.dataset.state || 'waiting', texts[0] || null];
})"""


@pytest.mark.parametrize("page_path", ["chapters/migration.html", "chapters/xinjiang.html"])
def test_printing_a_page_without_scrolling_prints_every_chart(browser, site_url, page_path, tmp_path):
    import subprocess
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="networkidle")
    # A reader prints some seconds after the page loaded, by when the page has fetched the chart
    # library in an idle moment; on a loaded machine that moment can come after "networkidle".
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('vega-charts.js') && e.responseEnd > 0)",
                           timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    waiting = page.evaluate("() => document.querySelectorAll('.bookkit-chart:not([data-state])').length")
    assert waiting > 0, "the test needs charts not yet drawn when printing starts"
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    charts = page.evaluate(LONGEST_TEXTS)
    context.close()
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
    squashed = "".join(printed.split())
    missing = [chart_id for chart_id, state, text in charts
               if state != "rendered" or (text and "".join(text.split()) not in squashed)]
    assert not missing, f"{len(missing)} of {len(charts)} charts not drawn in print: {missing}"


MAPS = {"chapters/history.html": "chart-fig-map-china-presence",
        "chapters/xinjiang.html": "chart-fig-map-border-checkpoints"}


@pytest.mark.parametrize("page_path, chart_id", MAPS.items())
def test_a_place_on_a_map_answers_a_finger_within_12_px_of_its_centre(browser, site_url, page_path, chart_id):
    """A 24 px tap target around every place marker (WCAG 2.5.8), on a phone."""
    context, page = _phone_page(browser, site_url + page_path)
    centres = page.evaluate("""(id) => {
      const svg = document.querySelector('#' + id + ' .bookkit-chart__view svg');
      svg.scrollIntoView({block: 'center'});
      return [...svg.querySelectorAll('g.mark-symbol path')]
        .filter(p => parseFloat(getComputedStyle(p).opacity) > 0
                     && parseFloat(p.getAttribute('fill-opacity') ?? '1') > 0
                     && p.closest('[class*="role-legend"]') === null)
        .map(p => { const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
    }""", chart_id)
    assert len(centres) >= 4, f"{chart_id}: expected its place markers, found {len(centres)}"
    # Somewhere outside the drawing that does not scroll the page: the chart's title.
    away = page.evaluate("(id) => { const r = document.querySelector('#' + id + ' .bookkit-chart__title')"
                         ".getBoundingClientRect(); return [r.x + 4, r.y + r.height / 2]; }", chart_id)
    tooltip = page.locator("#vg-tooltip-element")
    def tap(x, y):
        page.touchscreen.tap(x, y)
        try:
            tooltip.wait_for(state="visible", timeout=1500)
            text = tooltip.inner_text().strip()
        except Exception:
            text = ""
        page.touchscreen.tap(*away)
        page.wait_for_timeout(150)
        return text

    places = [(x, y, tap(x, y)) for x, y in centres]
    assert all(text for _, _, text in places), f"{chart_id}: a tap on a marker showed nothing"
    heading = places[0][2].split()[0]  # the first row of a place's tooltip: "Place", "Checkpoint"
    missed = []
    for x, y, place in places:
        for dx, dy in ((0, 11), (0, -11), (11, 0), (-11, 0)):
            # The finger must get a place: this one or, where two places' targets overlap,
            # its neighbour; not the country under it, not nothing.
            if not tap(x + dx, y + dy).startswith(heading):
                missed.append((" ".join(place.split())[:40], dx, dy))
    context.close()
    assert not missed, f"{chart_id}: taps 11 px from a place's centre showed no place: {missed}"


TEXT_ON_MAP = """(id) => {
  const parse = s => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const svg = document.querySelector('#' + id + ' .bookkit-chart__view svg');
  svg.scrollIntoView({block: 'center'});
  const out = [];
  svg.querySelectorAll('g.mark-text text').forEach(t => {
    const r = t.getBoundingClientRect();
    if (!t.textContent.trim() || !r.width) return;
    // What the text is written on: the topmost painted shape under its middle.
    const under = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2)
      .find(el => el.tagName === 'path' && el.closest('g.mark-shape, g.mark-geoshape'));
    if (!under) return;
    out.push([t.textContent.slice(0, 30), parse(getComputedStyle(t).fill),
              parse(getComputedStyle(under).fill)]);
  });
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_path, chart_id", MAPS.items())
def test_names_written_on_a_map_keep_a_contrast_of_4_5_with_the_land_under_them(
        browser, site_url, page_path, chart_id, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    page.evaluate(f"() => {{ document.documentElement.dataset.theme = '{scheme}'; }}")
    page.evaluate(DRAW_ALL)
    if scheme == "dark":
        page.wait_for_function(f"() => document.getElementById('{chart_id}').dataset.dark === 'true'",
                               timeout=30000)
    texts = page.evaluate(TEXT_ON_MAP, chart_id)
    context.close()
    assert len(texts) >= 5, f"{chart_id}: expected names written on the map, found {texts}"
    poor = [(text, fg, bg) for text, fg, bg in texts if _contrast(fg[:3], bg[:3]) < 4.5]
    assert not poor, f"{chart_id} ({scheme}): names under 4.5:1 against the land: {poor[:6]}"


MAP_TEXT_BOXES = """(id) => {
  const svg = document.querySelector('#' + id + ' .bookkit-chart__view svg');
  return [...svg.querySelectorAll('g.mark-text text')].filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.x, r.y, r.width, r.height]; })
    .filter(b => b[3] > 0);
}"""


@pytest.mark.parametrize("page_path, chart_id", MAPS.items())
def test_names_on_a_map_do_not_overlap_on_a_phone(browser, site_url, page_path, chart_id):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    page.evaluate(DRAW_ALL)
    boxes = page.evaluate(MAP_TEXT_BOXES, chart_id)
    context.close()
    assert len(boxes) >= 4, f"{chart_id}: expected names on the map, found {boxes}"

    def overlap(a, b):  # area shared by two text boxes, as a share of the smaller one
        w = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
        h = min(a[2] + a[4], b[2] + b[4]) - max(a[2], b[2])
        return max(w, 0) * max(h, 0) / min(a[3] * a[4], b[3] * b[4])
    clashes = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlap(a, b) > 0.1]
    assert not clashes, f"{chart_id}: names written over each other at 390 px: {clashes}"


def test_charts_are_laid_out_again_when_the_window_narrows(browser, site_url):
    """A reader turns a tablet, or narrows the window: the charts follow the new width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "chapters/migration.html", wait_until="load")
    page.evaluate(DRAW_ALL)
    page.set_viewport_size({"width": 390, "height": 844})
    # The charts are redrawn one after another in idle time: wait until all fit, or time out.
    try:
        page.wait_for_function("""() => [...document.querySelectorAll('.bookkit-chart')].every(c => {
            const svg = c.querySelector('.bookkit-chart__view svg');
            return c.dataset.state === 'rendered' && svg
                && svg.getBoundingClientRect().right <= c.getBoundingClientRect().right + 1; })""",
                               timeout=60_000)
    except Exception:
        pass  # measured and reported below
    found = page.evaluate(MEASURE)
    context.close()
    too_wide = [(c["id"], round(c["width"]), round(c["column"])) for c in found if c["overflow"] > 1]
    assert not too_wide, f"charts still drawn for the wide window after narrowing: {too_wide}"
