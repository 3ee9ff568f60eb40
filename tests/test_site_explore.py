"""The explorer page (appendix/explore.md) as a reader uses it, in headless Chromium at 390 and
1280 px: a dataset picked in the menu brings its own title, source line, notes, table and bars.
Needs the built site (the README's first command).
"""
from __future__ import annotations

import csv
import re

import pytest

from bookkit import data, explore
from bookkit.charts import source_line
from test_site import browser, site_url  # noqa: F401  (fixtures)

PAGE = "appendix/explore.html"
# A small one with a unit per row and coded indicators, a long one with blanks, and one
# labelled by three coded columns; one whose source is "see cited_source column".
PICKS = ["history_census_1999_born_abroad", "migration_border_exits", "history_other_figures",
         "xinjiang_comparative_indicators"]
SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
RAW_BLANK = re.compile(r"<NA>|\bnan\b|\bNaN\b|\bnull\b|\bNone\b|\bundefined\b")

# What a reader sees of the explorer: its visible text (HTML and drawn), its visible tables.
SEEN = """() => {
  const out = document.querySelector('#chart-explore-data').closest('.cell_output');
  out.querySelectorAll('details').forEach(d => { d.open = true; });
  const tables = [...out.querySelectorAll('table')].filter(t => t.getClientRects().length);
  const drawn = [...out.querySelectorAll('.bookkit-chart__view svg text')]
    .map(t => t.textContent).filter(t => t.trim());
  return {
    text: out.innerText,
    drawn,
    bars: out.querySelectorAll('.bookkit-chart__view svg g.mark-rect path').length,
    tables: tables.map(t => ({
      head: [...t.querySelectorAll('thead th')].map(th => th.innerText.trim()),
      rows: t.querySelectorAll('tbody tr').length,
      cells: [...t.querySelectorAll('tbody td')].map(td => td.innerText.trim()),
    })),
  };
}"""

# Anything wider than the screen that is not inside a box that scrolls on its own, and any
# visible text under 11 px (drawn text at its size on screen).
MISFITS = """() => {
  const width = document.documentElement.clientWidth;
  const out = document.querySelector('#chart-explore-data').closest('.cell_output');
  const problems = [];
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  for (const el of [out, ...out.querySelectorAll('*')]) {
    const box = el.getBoundingClientRect();
    if (!box.width || box.right <= width + 0.5) continue;
    let inBox = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (scrolls(up) && up.getBoundingClientRect().right <= width + 0.5) { inBox = true; break; }
    const name = el.tagName + '.' + [...el.classList].join('.');
    if (!inBox || el.closest('.bookkit-chart__view')) problems.push(`${name} ends at ${Math.round(box.right)}px`);
  }
  for (const el of out.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest('svg');
    if (svg) size *= svg.getBoundingClientRect().width / svg.width.baseVal.value;
    if (size < 10.95) problems.push(`"${el.textContent.trim().slice(0, 30)}" at ${size.toFixed(1)}px`);
  }
  if (document.documentElement.scrollWidth > width) problems.push(`page ${document.documentElement.scrollWidth}px wide`);
  return [...new Set(problems)];
}"""


def _csv_rows(name: str) -> int:
    with open(data.path(name), newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.DictReader(file))


def _open(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    page.goto(site_url + PAGE, wait_until="load")
    page.locator("#chart-explore-data").scroll_into_view_if_needed()
    page.wait_for_selector('#chart-explore-data[data-state="rendered"]', timeout=60_000)
    return context, page, outside


def _pick(page, name):
    """Choose the dataset in the page's menu by its title, as a reader does."""
    title = data.metadata(name)["title"]
    menu = page.locator("#chart-explore-data select, .bookkit-explore select").first
    value = menu.evaluate("""(select, title) => [...select.options].find(o =>
        o.text === title || (o.text.endsWith('…') && title.startsWith(o.text.slice(0, -1)))).value""",
                          title)
    menu.select_option(value)
    bars = explore.long_table().query("name == @name").shape[0]
    page.wait_for_function(f"""() => document.querySelectorAll(
        '#chart-explore-data .bookkit-chart__view svg g.mark-rect path').length === {bars}""",
                           timeout=15_000)
    return page.evaluate(SEEN)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_picked_dataset_brings_its_own_source_notes_table_and_labels(browser, site_url, width):
    context, page, outside = _open(browser, site_url, width)
    seen = {name: _pick(page, name) for name in PICKS}
    context.close()
    for name, shown in seen.items():
        meta = data.metadata(name)
        assert meta["title"] in shown["text"], f"{name}: its title is not shown"
        assert explore.prose(source_line([name]), name) in shown["text"], f"{name}: no source line"
        assert explore.prose(meta["report"]["cited_source"], name) in shown["text"]
        for other in set(PICKS) - {name}:
            assert explore.prose(source_line([other]), other) not in shown["text"], \
                f"{name}: {other}'s source is shown"
        for note in meta.get("notes", []):
            assert explore.prose(note, name) in shown["text"], f"{name}: note {note[:40]!r} is not shown"
        assert len(shown["tables"]) == 1, f"{name}: {len(shown['tables'])} tables shown"
        (table,) = shown["tables"]
        assert table["rows"] == _csv_rows(name), f"{name}: {table['rows']} rows shown"
        assert table["head"] == [f.get("title", f["name"]) for f in meta["schema"]["fields"]]
        assert shown["bars"] == explore.long_table().query("name == @name").shape[0]
        everything = "\n".join([shown["text"], *shown["drawn"]])
        assert not RAW_BLANK.findall(everything), f"{name}: {RAW_BLANK.findall(everything)[:5]}"
        assert not SNAKE_CASE.findall(everything), f"{name}: {SNAKE_CASE.findall(everything)[:5]}"
        assert not [t for t in shown["drawn"] if t.endswith("…")], f"{name}: truncated labels"
    assert outside == []


def test_numbers_in_the_table_are_as_printed_with_thousands_separated(browser, site_url):
    context, page, _ = _open(browser, site_url, 1280)
    shown = _pick(page, "history_census_1999_born_abroad")
    exits = _pick(page, "migration_border_exits")
    context.close()
    (table,) = shown["tables"]
    assert "14,953,000" in table["cells"] and "56.6" in table["cells"]
    assert "Population total" in table["cells"]
    assert "1018" in table["cells"]  # a line number is not a quantity: no separator
    (table,) = exits["tables"]
    assert "–" in table["cells"] and "– not given in the report" in exits["text"]
    assert "2000" in table["cells"]  # a year has no separator either


@pytest.mark.parametrize("width", [390, 1280])
def test_the_explorer_fits_the_screen(browser, site_url, width):
    context, page, _ = _open(browser, site_url, width)
    problems = []
    for name in PICKS:
        _pick(page, name)
        problems += [f"{name}: {p}" for p in page.evaluate(MISFITS)]
    context.close()
    assert not problems, f"at {width}px: {problems[:8]}"


@pytest.mark.parametrize("redraw", ["dark page", "turned phone"])
def test_the_pick_outlasts_a_redraw(browser, site_url, redraw):
    """A page turned dark or a phone turned sideways redraws the chart: it keeps showing the
    dataset the reader chose."""
    context, page, _ = _open(browser, site_url, 1280)
    _pick(page, "migration_border_exits")
    if redraw == "dark page":
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.wait_for_function("() => document.querySelector('#chart-explore-data').dataset.dark === 'true'",
                               timeout=15_000)
    else:
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function("() => document.querySelector('#chart-explore-data').dataset.room < 400",
                               timeout=15_000)
    page.wait_for_selector('#chart-explore-data[data-state="rendered"]')
    page.wait_for_timeout(500)
    shown = page.evaluate(SEEN)
    context.close()
    assert shown["bars"] == explore.long_table().query("name == 'migration_border_exits'").shape[0]
    assert source_line(["migration_border_exits"]) in shown["text"]
