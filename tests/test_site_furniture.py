"""The catalogue and the figures linked both ways, and each figure's and table's furniture
(permalink, citation, licence, data link, PNG export), in a real browser (issue 12).

Needs the site built first (and the PDF for the last test), and Chromium, as
tests/test_site.py does.
"""
from __future__ import annotations

import json
import re
import struct
import subprocess
from urllib.parse import urldefrag

import pytest
from docutils.nodes import make_id

from bookkit import data
from test_site import BOOK_PAGES, SITE, browser, site_url  # noqa: F401 (fixtures)

CHAPTERS = [p for p in BOOK_PAGES if p.startswith("chapters/")]
PDF = SITE.parent / "latex" / "book.pdf"
FURNITURE_TEXT = ("Cite this figure", "Cite this table", "Copy the citation", "Copy the BibTeX",
                  "Licence of the data", "Download PNG", "see the note on the data", "Shown in:")

# Each catalogue entry: its anchor, and the absolute addresses its "Shown in" list links to.
ENTRIES = """() => {
  const entries = {};
  for (const heading of document.querySelectorAll("article h3")) {
    const target = heading.querySelector("span[id^='data-']") || heading.previousElementSibling;
    const id = target && target.id;
    if (!id) continue;
    const links = [];
    for (let el = heading.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling) {
      el.querySelectorAll(".bookkit-dataset-uses a").forEach(a => links.push(a.href));
    }
    entries[id] = links;
  }
  return entries;
}"""


def _context(browser, width=1280, mode="light", **options):  # noqa: F811
    return browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900},
                               color_scheme=mode, **options)


@pytest.fixture(scope="module")
def catalogue(browser, site_url):  # noqa: F811
    page = browser.new_page()
    page.goto(site_url + "appendix/data.html", wait_until="load")
    entries = page.evaluate(ENTRIES)
    page.close()
    return entries


@pytest.fixture(scope="module")
def furniture(browser, site_url):  # noqa: F811
    """Every figure's and table's furniture on the chapters: (page, kind, anchor, data links)."""
    page = browser.new_page()
    found = []
    for path in CHAPTERS:
        page.goto(site_url + path, wait_until="domcontentloaded")
        found += [(path, *row) for row in page.eval_on_selector_all(
            ".bookkit-furniture", "els => els.map(e => [e.dataset.kind, e.dataset.anchor, "
            "[...e.querySelectorAll('a.bookkit-furniture__data')].map(a => a.href)])")]
    page.close()
    return found


def test_every_catalogue_entry_has_an_anchor_in_the_contents_and_lists_its_figures(
        browser, site_url, catalogue):  # noqa: F811
    names = data.names()
    assert sorted(catalogue) == sorted(make_id(f"data-{n}") for n in names)
    page = browser.new_page()
    page.goto(site_url + "appendix/data.html", wait_until="load")
    contents = page.eval_on_selector_all("nav.bookkit-catalogue-contents a",
                                         "els => els.map(e => e.getAttribute('href'))")
    uses = page.locator(".bookkit-dataset-uses").count()
    page.close()
    assert sorted(contents) == sorted(f"#{anchor}" for anchor in catalogue)
    assert uses == len(names), f"{uses} of {len(names)} entries say where they are shown"
    listed = sum(1 for links in catalogue.values() if links)
    assert listed >= 40, f"only {listed} entries list a figure or table"


@pytest.mark.parametrize("kind", ["figure", "table"])
def test_every_data_link_lands_on_an_entry_that_links_back(browser, site_url, catalogue,
                                                           furniture, kind):  # noqa: F811
    rows = [r for r in furniture if r[1] == kind]
    assert len(rows) >= (40 if kind == "figure" else 8), f"only {len(rows)} {kind}s have furniture"
    problems = []
    for path, _, anchor, links in rows:
        if not links:
            problems.append(f"{path}#{anchor}: no data link")
        for link in links:
            page_url, target = urldefrag(link)
            if page_url != site_url + "appendix/data.html" or target not in catalogue:
                problems.append(f"{path}#{anchor}: {link} is no catalogue entry")
            elif site_url + path + "#" + anchor not in catalogue[target]:
                problems.append(f"{path}#{anchor}: entry {target} does not link back")
    assert not problems, f"{len(problems)} problems: {problems[:6]}"
    # Followed in the browser, one per chapter: the entry is at the top and links back.
    page = browser.new_page()
    for path in CHAPTERS:
        row = next((r for r in rows if r[0] == path and r[3]), None)
        if row is None:
            continue
        page.goto(site_url + path, wait_until="domcontentloaded")
        page.click(f".bookkit-furniture[data-anchor='{row[2]}'] a.bookkit-furniture__data")
        page.wait_for_url(re.compile(r"appendix/data\.html#data-"))
        target = urldefrag(page.url)[1]
        box = page.locator(f"#{target}").bounding_box()
        back = page.evaluate(ENTRIES)[target]
        assert box and 0 <= box["y"] < 300, f"{path}: the entry is not at the top: {box}"
        assert site_url + path + "#" + row[2] in back
    page.close()


def test_the_filter_finds_the_entries_that_a_figure_uses(browser, site_url, catalogue):  # noqa: F811
    page = browser.new_page()
    page.goto(site_url + "appendix/data.html", wait_until="load")
    total = page.locator("article h3:visible").count()
    title = page.locator(".bookkit-dataset-uses a").first.inner_text().split(": ", 1)[1]
    page.fill("input.bookkit-catalogue-filter", title)
    shown = page.locator("article h3:visible").count()
    visible_uses = page.eval_on_selector_all(
        ".bookkit-dataset-uses", "els => els.filter(e => e.offsetParent).map(e => e.textContent)")
    page.close()
    assert 0 < shown < total
    assert all(title in text for text in visible_uses)


def _open_citation(browser, site_url, path="chapters/migration.html"):  # noqa: F811
    context = _context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    box = page.locator("figure .bookkit-furniture").first
    box.locator(".bookkit-furniture__cite-toggle").click()
    return context, page, box


def _clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_cite_this_figure_copies_its_number_title_and_address(browser, site_url):  # noqa: F811
    context, page, box = _open_citation(browser, site_url)
    number = page.locator("figure").first.locator(".caption-number").inner_text().strip()
    anchor = box.get_attribute("data-anchor")
    box.get_by_role("button", name="Copy the citation").click()
    page.wait_for_function("document.querySelector('.bookkit-furniture__status').textContent")
    text = _clipboard(page)
    status = box.locator(".bookkit-furniture__status").inner_text()
    context.close()
    assert number and number in text, text
    assert site_url + "chapters/migration.html#" + anchor in text
    assert "Migration from China to Kazakhstan" in text and "accessed 20" in text
    assert status == "Copied."


def test_each_cite_button_names_the_panel_it_opens(browser, site_url):  # noqa: F811
    context, page, box = _open_citation(browser, site_url)
    toggles = page.evaluate("""() => [...document.querySelectorAll('.bookkit-furniture__cite-toggle')]
      .map(b => { const panel = document.getElementById(b.getAttribute('aria-controls') || '');
                  return [b.getAttribute('aria-controls'), !!panel && panel.closest('.bookkit-furniture')
                          === b.closest('.bookkit-furniture')]; })""")
    opened = box.locator(".bookkit-furniture__cite-toggle").get_attribute("aria-expanded")
    context.close()
    assert toggles and all(panel_id and same_box for panel_id, same_box in toggles), toggles
    assert len({panel_id for panel_id, _ in toggles}) == len(toggles)
    assert opened == "true"


def test_the_bibtex_copy_is_a_misc_entry_with_title_url_and_date(browser, site_url):  # noqa: F811
    context, page, box = _open_citation(browser, site_url)
    box.get_by_role("button", name="Copy the BibTeX").click()
    page.wait_for_function("document.querySelector('.bookkit-furniture__status').textContent")
    text = _clipboard(page)
    context.close()
    assert re.match(r"@misc\{[\w-]+,\n", text), text
    for field in ("author", "title", "url", "urldate", "note", "year"):
        assert re.search(rf"^  {field} = \{{.+\}},?$", text, re.M), f"no {field}: {text}"
    assert text.count("{") == text.count("}") and text.rstrip().endswith("}")
    assert re.search(r"title = \{Figure [\d.]+: ", text)
    assert re.search(r"urldate = \{\d{4}-\d\d-\d\d\}", text)


def test_without_the_clipboard_api_the_citation_is_selected(browser, site_url):  # noqa: F811
    context, page, box = _open_citation(browser, site_url)
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    box.get_by_role("button", name="Copy the citation").click()
    selected = page.evaluate("String(window.getSelection())")
    shown = box.locator(".bookkit-furniture__cite-text").inner_text()
    context.close()
    assert selected and selected == shown


def test_the_permalink_is_the_figures_own_anchor(browser, site_url, furniture):  # noqa: F811
    page = browser.new_page()
    page.goto(site_url + "chapters/migration.html", wait_until="load")
    links = page.eval_on_selector_all(
        ".bookkit-furniture", "els => els.map(e => [e.dataset.anchor, "
        "e.querySelector('.bookkit-furniture__permalink').getAttribute('href'), "
        "!!document.getElementById(e.dataset.anchor)])")
    page.close()
    assert links and all(href == f"#{anchor}" and exists for anchor, href, exists in links)


def test_each_figure_names_the_licence_of_its_data(furniture, browser, site_url):  # noqa: F811
    package = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    licences = [lic["name"] for lic in package["licenses"]]
    page = browser.new_page()
    page.goto(site_url + "chapters/business.html", wait_until="load")
    texts = page.locator(".bookkit-furniture__licence").evaluate_all("els => els.map(e => e.textContent)")
    page.close()
    assert texts and all(any(name in t for name in licences) for t in texts)


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_png_export_is_at_twice_the_drawn_size(browser, site_url, tmp_path):  # noqa: F811
    context = _context(browser, accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + "chapters/migration.html", wait_until="load")
    figure = page.locator("figure:has(.bookkit-chart)").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.bookkit-chart').dataset.state === 'rendered'")
    width = float(figure.locator(".bookkit-chart__view svg.marks").get_attribute("width"))
    with page.expect_download() as download:
        figure.get_by_role("button", name="Download PNG (2x)").click()
    path = tmp_path / "chart.png"
    download.value.save_as(path)
    context.close()
    png_width, _ = _png_size(path.read_bytes())
    assert abs(png_width - 2 * width) <= 2, (png_width, width)


def test_every_discrepancy_note_item_links_to_its_entry(browser, site_url):  # noqa: F811
    page = browser.new_page()
    page.goto(site_url + "appendix/data-notes.html", wait_until="load")
    anchors = set(page.eval_on_selector_all("[id^='discrepancy-']", "els => els.map(e => e.id)"))
    notes_url = site_url + "appendix/data-notes.html"
    items, problems = 0, []
    for path in CHAPTERS:
        page.goto(site_url + path, wait_until="domcontentloaded")
        for text, hrefs in page.eval_on_selector_all(
                ".admonition.warning li", "els => els.map(li => [li.textContent, "
                "[...li.querySelectorAll('a')].map(a => a.href)])"):
            items += 1
            targets = [urldefrag(h) for h in hrefs]
            if not any(url == notes_url and anchor in anchors for url, anchor in targets):
                problems.append(f"{path}: {text[:60]!r} -> {hrefs}")
    page.close()
    assert items >= 10, f"only {items} discrepancy items on the chapters"
    assert not problems, f"{len(problems)} of {items} items: {problems[:4]}"


@pytest.mark.parametrize("path", ["glossary.html", "appendix/sources.html"])
def test_the_glossary_and_sources_have_in_page_contents(browser, site_url, path):  # noqa: F811
    page = browser.new_page()
    page.goto(site_url + path, wait_until="load")
    nav = page.locator("nav.bookkit-letters")
    links = nav.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    missing = [h for h in links if page.locator(f"[id='{h[1:]}']").count() != 1]
    middle = links[len(links) // 2]  # the last entries cannot scroll to the top
    page.click(f"nav.bookkit-letters a[href='{middle}']")
    box = page.locator(f"[id='{middle[1:]}']").bounding_box()
    page.close()
    assert len(links) >= 5 and not missing
    assert 0 <= box["y"] < 300


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_furniture_is_tappable_and_readable_on_a_phone(browser, site_url, mode, tmp_path):  # noqa: F811
    context = _context(browser, 390, mode)
    page = context.new_page()
    page.goto(site_url + "chapters/business.html", wait_until="load")
    box = page.locator("figure .bookkit-furniture").first
    box.scroll_into_view_if_needed()
    box.locator(".bookkit-furniture__cite-toggle").click()
    page.screenshot(path=str(tmp_path / f"furniture-390-{mode}.png"),
                    clip={**box.bounding_box(), "x": 0, "width": 390})
    small = page.eval_on_selector_all(
        ".bookkit-furniture button, .bookkit-furniture a",
        "els => els.filter(e => e.offsetParent).map(e => [e.textContent, e.getBoundingClientRect()])"
        ".filter(([t, r]) => r.height < 24 || r.width < 24).map(([t]) => t)")
    tiny = page.eval_on_selector_all(
        ".bookkit-furniture *", "els => els.filter(e => e.offsetParent && e.textContent.trim() &&"
        " parseFloat(getComputedStyle(e).fontSize) < 11).map(e => e.textContent)")
    wide = page.evaluate("document.documentElement.scrollWidth")
    colours = box.evaluate("""e => [getComputedStyle(e.querySelector('.bookkit-furniture__text')).color,
        getComputedStyle(document.body).backgroundColor]""")
    context.close()
    assert not small, f"tap targets under 24 px: {small[:5]}"
    assert not tiny, f"text under 11 px: {tiny[:5]}"
    assert wide <= 390
    text, background = (sum(map(float, re.findall(r"[\d.]+", c)[:3])) for c in colours)
    assert (text > background) == (mode == "dark"), colours


def test_the_furniture_is_not_in_the_pdf():
    if not PDF.is_file():
        pytest.fail(f"no PDF at {PDF}: build it with --builder pdflatex first")
    text = subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Figure 3.1" in text  # the figures are there
    printed = [t for t in FURNITURE_TEXT if t in text]
    assert not printed, f"the PDF shows website controls: {printed}"
