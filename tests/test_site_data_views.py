"""What a reader sees of the data behind a chart: its table view, its tooltips, the numbered
tables, the search index and the PDF show titles and printed numbers, never machine text
(``<NA>``, ``null``, ``NaN``, a snake_case field name); every legend that looks clickable
highlights its series. Needs the built site (the README's first command).
"""
from __future__ import annotations

import html
import json
import re
import urllib.parse

import pytest

from test_site import SITE, browser, site_url  # noqa: F401  (fixtures)
from test_site_charts import CHAPTERS, DRAW_ALL

PACKAGE = json.loads((SITE.parent.parent / "data" / "datapackage.json").read_text(encoding="utf-8"))
FIELD_NAMES = sorted({f["name"] for r in PACKAGE["resources"] for f in r["schema"]["fields"]
                      if "_" in f["name"]}, key=len, reverse=True)
# A field's name, or any value written as a machine code (lower_case_with_underscores),
# outside a URL or a file name.
MACHINE = re.compile(r"<NA>|\bnull\b|\bNaN\b|\bnan\b|\bNone\b|(?<![\w/.%-])(?:"
                     + "|".join(map(re.escape, FIELD_NAMES))
                     + r"|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w/.-])")


BLANK_NOTE = "– not given in the report"


def machine_text(text: str) -> list[str]:
    return sorted(set(MACHINE.findall(text)))


# Every chart's table view and every numbered table, as the page shows them once opened:
# its text, how many cells are a lone dash (a blank), and the text around it (its notes).
VIEWS = """() => {
  // Cell by cell, from the document: a chart inside a closed tab or dropdown counts too.
  const text = t => [...t.querySelectorAll('caption, th, td, p')].map(c => c.textContent.trim()).join('\\n');
  const dashes = t => [...t.querySelectorAll('td')].filter(c => c.textContent.trim() === '–').length;
  const out = [];
  document.querySelectorAll('details.bookkit-chart__table').forEach(d => {
    out.push([d.closest('.bookkit-chart').id, text(d), dashes(d), text(d)]);
  });
  document.querySelectorAll('table.bookkit-numbered-table').forEach((t, i) => {
    const box = t.closest('.pst-scrollable-table-container') || t;
    const after = box.nextElementSibling ? box.nextElementSibling.textContent : '';
    out.push([t.id || 'table ' + i, text(t), dashes(t), after]);
  });
  return out;
}"""


@pytest.fixture(scope="module")
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def _open(context, site_url, page_path):
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    assert page.evaluate(DRAW_ALL) > 0, f"charts of {page_path} did not all draw"
    return page


def _collected(context, site_url, page_path, script: str, what: str) -> list:
    """What ``script`` collects on a page once its charts are drawn (something, or it fails)."""
    page = _open(context, site_url, page_path)
    found = page.evaluate(script)
    page.close()
    assert found, f"no {what} on {page_path}"
    return found


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_table_views_and_numbered_tables_show_titles_and_printed_numbers(desktop, site_url, page_path):
    views = _collected(desktop, site_url, page_path, VIEWS, "table views")
    bad = {name: machine_text(text) for name, text, _, _ in views if machine_text(text)}
    assert not bad, f"machine text in the data views of {page_path}: {bad}"
    artefacts = {name: sorted(set(re.findall(r"\b\d+\.0\b", text))) for name, text, _, _ in views
                 if re.search(r"\b\d{4,}\.0\b", text)}
    assert not artefacts, f"float artefacts in the data views of {page_path}: {artefacts}"
    unexplained = [name for name, _, dashes, notes in views if dashes and BLANK_NOTE not in notes]
    assert not unexplained, f"tables that show a dash without saying what it means: {unexplained}"


# Shows every mark's tooltip through the chart's own tooltip handler (what hovering shows)
# and collects the text of the tooltip box.
TOOLTIPS = """() => {
  const out = [];
  document.querySelectorAll('.bookkit-chart').forEach(chart => {
    const result = chart.bookkitResult;
    if (!result) return;
    const view = result.view, handler = view.tooltip();
    if (!handler) return;
    const seen = new Set();
    (function visit(node) {
      if (!node) return;
      if (node.items) node.items.forEach(visit);
      if (node.tooltip !== undefined && node.tooltip !== null) {
        const event = new MouseEvent('mousemove', {clientX: 10, clientY: 10});
        handler.call(view, view._handler, event, node, node.tooltip);
        const box = document.getElementById('vg-tooltip-element');
        const text = box ? box.innerText : '';
        if (!seen.has(text)) { seen.add(text); out.push([chart.id, text]); }
      }
    })(view.scenegraph().root);
    handler.call(view, view._handler, new MouseEvent('mousemove'), null, null);
  });
  return out;
}"""


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_tooltip_shows_titles_and_no_machine_values(desktop, site_url, page_path):
    tips = _collected(desktop, site_url, page_path, TOOLTIPS, "tooltips")
    bad = sorted({(name, tuple(machine_text(text))) for name, text in tips if machine_text(text)})
    assert not bad, f"machine text in tooltips of {page_path}: {bad}"


# Charts whose tooltips printed "null" for a value the report does not give, and others.
HOVERS = [("chapters/business.html", "chart-fig-light-industry"),
          ("chapters/history.html", "chart-fig-kz-china-agreements"),
          ("chapters/migration.html", "chart-fig-remittances"),
          ("chapters/migration.html", "chart-fig-labour"),
          ("chapters/history.html", "chart-fig-kz-diasporas"),
          ("chapters/xinjiang.html", "chart-fig-kz-china-trade-gap"),
          ("chapters/migration.html", "chart-fig-crossings-totals")]

MARKS = """(id) => [...document.querySelectorAll('#' + id + ' .bookkit-chart__view svg '
  + 'g.mark-rect path, #' + id + ' .bookkit-chart__view svg g.mark-symbol path')]
  .filter(m => !m.closest('[class*="role-legend"]'))
  .map((m, i) => { m.dataset.hoverIndex = i; const r = m.getBoundingClientRect();
                   return r.width * r.height > 4 ? i : -1; })
  .filter(i => i >= 0)"""
CENTRE = """([id, i]) => {
  const mark = document.querySelector('#' + id + ' [data-hover-index="' + i + '"]');
  mark.scrollIntoView({block: 'center'});
  const r = mark.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
}"""


@pytest.mark.parametrize("page_path,chart_id", HOVERS)
def test_hovering_marks_shows_readable_tooltips(desktop, site_url, page_path, chart_id):
    page = _open(desktop, site_url, page_path)
    marks = page.evaluate(MARKS, chart_id)
    assert marks, f"no marks to hover in {chart_id}"
    shown = []
    for index in marks[:40]:
        x, y = page.evaluate(CENTRE, [chart_id, index])
        page.mouse.move(x, y)
        page.wait_for_timeout(50)
        tooltip = page.locator("#vg-tooltip-element")
        if tooltip.count() and tooltip.is_visible():
            shown.append(tooltip.inner_text())
    page.close()
    assert shown, f"hovering {chart_id} showed no tooltip"
    bad = sorted({t for t in shown if machine_text(t)})
    assert not bad, f"machine text in tooltips of {chart_id}: {bad}"


# The legends of each chart that name series (symbol entries; a gradient names none), by the
# centre of their first entry, and the opacity of every mark outside legends.
LEGEND_ENTRIES = """() => {
  const out = [];
  document.querySelectorAll('.bookkit-chart').forEach(chart => {
    const svg = chart.querySelector('.bookkit-chart__view svg');
    if (!svg) return;
    svg.querySelectorAll('g.role-legend').forEach((legend, i) => {
      if (legend.parentElement.closest('g.role-legend')) return;
      if (legend.querySelector('g.role-legend-symbol path')) out.push([chart.id, i]);
    });
  });
  return out;
}"""
ENTRY_CENTRE = """([id, i]) => {
  const legend = document.querySelectorAll('#' + id + ' .bookkit-chart__view svg g.role-legend')[i];
  const entry = legend.querySelector('g.role-legend-symbol path');
  entry.scrollIntoView({block: 'center'});
  const box = entry.getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2];
}"""
OPACITIES = """(id) => [...document.querySelectorAll('#' + id + ' .bookkit-chart__view svg g[class*="mark-"] > *')]
  .filter(m => !m.closest('[class*="role-legend"]'))
  .map(m => [m.getAttribute('opacity'), m.getAttribute('fill-opacity'),
             m.getAttribute('stroke-opacity')].join('/')).join('|')"""
CURSOR = """(id) => {
  const svg = document.querySelector('#' + id + ' .bookkit-chart__view svg');
  return [svg.style.cursor, getComputedStyle(svg).cursor];
}"""


# Legends meant to be static (no pointer, nothing to click): none so far. Every other legend
# that names series highlights the one clicked, as the chapters' text invites.
STATIC_LEGENDS: set[str] = set()


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_clickable_legend_highlights_a_series(desktop, site_url, page_path):
    page = _open(desktop, site_url, page_path)
    dead, live, static = [], [], []
    for chart_id, index in page.evaluate(LEGEND_ENTRIES):
        x, y = page.evaluate(ENTRY_CENTRE, [chart_id, index])
        page.mouse.move(x, y)
        page.wait_for_timeout(100)
        pointer = "pointer" in page.evaluate(CURSOR, chart_id)
        before = page.evaluate(OPACITIES, chart_id)
        page.mouse.click(x, y)
        page.wait_for_timeout(200)
        changed = page.evaluate(OPACITIES, chart_id) != before
        (live if changed else dead if pointer else static).append(chart_id)
        page.mouse.move(0, 0)
    page.close()
    print(f"{page_path}: {len(live)} legends highlight, {len(static)} static, {len(dead)} dead")
    assert not dead, f"legends that look clickable but change nothing on {page_path}: {dead}"
    unplanned = sorted(set(static) - STATIC_LEGENDS)
    assert not unplanned, (f"legends on {page_path} that name series but do nothing when clicked "
                           f"(bookkit.theme.highlight_series, or list them in STATIC_LEGENDS): {unplanned}")


def test_search_index_quotes_no_machine_text():
    text = (SITE / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    # "<NA>" is indexed as the word "na", a NaN as "nan"; the report's text has neither.
    found = {word: [index["docnames"][d] for d in ([docs] if isinstance(docs, int) else docs)]
             for word, docs in index["terms"].items() if word in ("na", "nan", "null") and docs}
    assert not found, f"the search index holds machine blanks: {found}"


def test_pdf_text_has_no_machine_blanks():
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = SITE.parent / "latex" / "book.pdf"
    if not pdf.is_file():
        pytest.skip("no PDF built")
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    found = sorted(set(re.findall(r"<NA>|\bnan\b|\bNaN\b", text)))
    assert not found, f"the PDF prints {found}"


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_chart_csv_downloads_keep_machine_names_and_plain_numbers(page_path):
    page = (SITE / page_path).read_text(encoding="utf-8")
    downloads = re.findall(r'href="data:text/csv;charset=utf-8,([^"]+)"', page)
    assert downloads, f"no chart data downloads on {page_path}"
    for quoted in downloads:
        text = urllib.parse.unquote(html.unescape(quoted))
        header = text.splitlines()[0].split(",")
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in header), header
        assert not re.search(r"<NA>|\bnan\b|\bNaN\b", text), header
        # 2998.0 is a float artefact of an integer (the report prints 2,998).
        assert not re.search(r"(^|,)-?\d{4,}\.0(,|$)", text, re.M), header
