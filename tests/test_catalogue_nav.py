"""The data catalogue and the notes on the data, navigated in a real browser.

Every dataset has a stable anchor (``#data-<name>``) listed in the page's contents, under
its chapter's group; the filter box narrows the entries and the contents without a request;
every recorded discrepancy has its own anchor on the notes page. Needs the built site.
"""
import pytest
from docutils.nodes import make_id

from bookkit import data
from test_site import browser, site_url  # noqa: F401  (fixtures)


@pytest.fixture()
def catalogue_page(browser, site_url):  # noqa: F811
    page = browser.new_page()
    page.set_default_timeout(5_000)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "appendix/data.html", wait_until="networkidle")
    page.requests = requests
    yield page
    page.close()


def _visible(page, selector):
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")


def test_every_dataset_has_an_anchor_listed_in_the_page_contents(catalogue_page):
    page = catalogue_page
    names = data.names()
    missing = [n for n in names if page.locator(f"#{make_id('data-' + n)}").count() != 1]
    assert not missing, f"no anchor for {missing[:5]} ({len(missing)} of {len(names)})"
    links = page.eval_on_selector_all("nav.bookkit-catalogue-contents a",
                                      "els => els.map(e => e.getAttribute('href'))")
    assert links == [f"#{make_id('data-' + n)}" for n in names]
    groups = _visible(page, "nav.bookkit-catalogue-contents .bookkit-catalogue-group")
    assert groups[0].startswith("Reasons for China") and len(groups) >= 8


def test_a_contents_link_lands_on_its_entry(catalogue_page):
    page = catalogue_page
    name = "migration_oralmans_by_origin"
    page.click(f"nav.bookkit-catalogue-contents a[href='#{make_id('data-' + name)}']")
    title = data.metadata(name)["title"]
    heading = page.locator(f"h3:has(#{make_id('data-' + name)})")
    assert title in heading.text_content()
    box = heading.bounding_box()
    assert 0 <= box["y"] < 300, f"the entry is not at the top of the screen: {box}"


def test_the_filter_narrows_entries_and_contents_offline(catalogue_page):
    page = catalogue_page
    before = len(page.requests)
    entries = "article h3"
    total = len(_visible(page, entries))
    assert total == len(data.names())
    page.fill("input.bookkit-catalogue-filter", "oralman")
    shown = _visible(page, entries)
    assert 0 < len(shown) < total
    assert any(data.metadata("migration_oralmans_by_origin")["title"] in t for t in shown)
    assert len(_visible(page, "nav.bookkit-catalogue-contents a")) == len(shown)
    page.fill("input.bookkit-catalogue-filter", "zzzz no such dataset")
    assert _visible(page, entries) == []
    assert "No dataset matches" in page.inner_text("nav.bookkit-catalogue-contents")
    page.fill("input.bookkit-catalogue-filter", "")
    assert len(_visible(page, entries)) == total
    # Chromium fetches the favicon whenever it gets round to it; that is not the filter.
    made = [u for u in page.requests[before:] if not u.endswith("/favicon.svg")]
    assert not made, f"the filter made requests: {made}"


def test_every_discrepancy_has_its_own_anchor(browser, site_url):  # noqa: F811
    page = browser.new_page()
    page.goto(site_url + "appendix/data-notes.html", wait_until="load")
    ids = list(data.load("discrepancies")["id"])
    missing = [i for i in ids if page.locator(f"#{make_id('discrepancy-' + i)}").count() != 1]
    page.close()
    assert not missing, f"no anchor for {missing[:5]} ({len(missing)} of {len(ids)})"
