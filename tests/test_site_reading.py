"""Reading the built site as a reader would: on a phone (390 px) and a laptop (1280 px), in
light and dark mode, and printed from the browser (issue #11, the page-level half).

Needs the site built first and Chromium, as tests/test_site.py does.
"""
import re
import subprocess

import pytest

from test_site import BOOK_PAGES, SITE, browser, site_url  # noqa: F401 (fixtures)

CHAPTERS = [p for p in BOOK_PAGES if p.startswith("chapters/")]
WIDTHS = (390, 1280)
MODES = ("light", "dark")


def _context(browser, width, mode="light", **options):
    return browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900},
                               color_scheme=mode, **options)


# -- navigation -----------------------------------------------------------------------------
# The book's contents: in a drawer (a modal dialog) on narrow screens, in the primary sidebar
# on wide ones, where the same button hides and shows the sidebar.
VISIBLE_TOGGLE = ".bd-header-article .primary-toggle"
CONTENTS_TOGGLE = ".bd-header-article .secondary-toggle"


@pytest.mark.parametrize("by_keyboard", [False, True], ids=["click", "keyboard"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_book_contents_open_and_a_chapter_link_navigates(browser, site_url, width,
                                                              by_keyboard):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(site_url + "chapters/migration.html", wait_until="load")
    toggle = page.locator(VISIBLE_TOGGLE)
    assert toggle.is_visible(), f"no visible menu button at {width}px"

    def press_toggle():
        if by_keyboard:
            toggle.focus()
            page.keyboard.press("Enter")
        else:
            toggle.click()

    link = page.locator('nav.bd-docs-nav a[href="history.html"]').first
    if width < 992:
        assert not link.is_visible()
        press_toggle()
        dialog = page.locator("#pst-primary-sidebar-modal")
        page.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open",
                               timeout=5_000)
        assert dialog.locator("nav.bd-docs-nav").is_visible(), "the drawer holds no contents"
        if by_keyboard:
            page.keyboard.press("Escape")
            assert not page.evaluate("document.querySelector('#pst-primary-sidebar-modal').open")
            assert page.evaluate("document.activeElement") == toggle.evaluate("el => el"), \
                "focus did not return to the menu button"
            press_toggle()
            page.wait_for_function(
                "() => document.querySelector('#pst-primary-sidebar-modal').open", timeout=5_000)
    else:
        assert link.is_visible()
        press_toggle()  # hides the sidebar ...
        page.wait_for_function("() => getComputedStyle(document.querySelector("
                               "'#pst-primary-sidebar')).visibility === 'hidden'", timeout=5_000)
        press_toggle()  # ... and shows it again
        page.wait_for_function("() => getComputedStyle(document.querySelector("
                               "'#pst-primary-sidebar')).visibility === 'visible'", timeout=5_000)
    link = page.locator('nav.bd-docs-nav a[href="history.html"]').first
    assert link.is_visible(), "the link to the history chapter cannot be seen"
    if by_keyboard:
        link.focus()
        page.keyboard.press("Enter")
    else:
        link.click()
    page.wait_for_url(re.compile(r"chapters/history\.html"), timeout=10_000)
    context.close()


@pytest.mark.parametrize("width", [390])
def test_the_page_contents_open_on_a_phone_and_a_section_link_closes_them(browser, site_url,
                                                                           width):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(site_url + "chapters/migration.html", wait_until="load")
    page.locator(CONTENTS_TOGGLE).click()
    page.wait_for_function("() => document.querySelector('#pst-secondary-sidebar-modal').open",
                           timeout=5_000)
    entry = page.locator("#pst-secondary-sidebar-modal nav.page-toc a").nth(1)
    target = entry.get_attribute("href")
    entry.click()
    page.wait_for_function("() => !document.querySelector('#pst-secondary-sidebar-modal').open",
                           timeout=5_000)
    assert page.url.endswith(target)
    heading = page.locator(target + " > h2, " + target + " > h3").first
    try:  # the theme scrolls smoothly
        heading.evaluate("""el => new Promise((resolve, reject) => {
            const top = () => el.getBoundingClientRect().top;
            const check = setInterval(() => { if (top() >= 0 && top() < 300) resolve(); }, 100);
            setTimeout(() => { clearInterval(check); reject(new Error(String(top()))); }, 5000);
        })""")
    except Exception as error:
        pytest.fail(f"the section is not on screen after the link ({error})")
    context.close()


# -- nothing clipped ------------------------------------------------------------------------
# For each table: the boxes around it that clip what overflows them (overflow other than
# visible, paint containment, content-visibility) must either hold the table or scroll; the
# box that scrolls must be within the screen; the caption must wrap inside that box.
CLIPPED_TABLES = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const screenRight = document.documentElement.clientWidth;
  const clips = style => style.overflowX !== 'visible' || /paint|strict|content/.test(style.contain)
    || style.contentVisibility === 'auto' || style.contentVisibility === 'hidden';
  const problems = [];
  for (const table of document.querySelectorAll('article table')) {
    const name = (table.querySelector('caption')?.textContent || table.id
      || table.closest('[id]')?.id || 'table').trim().slice(0, 60);
    const box = table.getBoundingClientRect();
    let visibleRight = screenRight, scroller = null;
    for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (!clips(style)) continue;
      const rect = el.getBoundingClientRect();
      if (['auto', 'scroll'].includes(style.overflowX)) { scroller = el; visibleRight = rect.right; break; }
      if (box.right > rect.right + 1) { problems.push(`${name}: cut at ${Math.round(rect.right)}px `
        + `by ${el.tagName}.${[...el.classList].join('.')} (table ends at ${Math.round(box.right)}px)`); break; }
    }
    if (visibleRight > screenRight + 1) problems.push(`${name}: its scrolling box ends off screen`);
    if (!scroller && box.right > screenRight + 1) problems.push(`${name}: runs off the screen`);
    const caption = table.querySelector('caption');
    if (caption) {
      const right = scroller ? scroller.getBoundingClientRect().right : screenRight;
      const text = document.createRange(); text.selectNodeContents(caption);
      const textRight = Math.max(...[...text.getClientRects()].map(r => r.right));
      if (textRight > right + 1) problems.push(`${name}: caption runs to ${Math.round(textRight)}px, `
        + `past the visible ${Math.round(right)}px`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_path", CHAPTERS + ["appendix/explore.html", "appendix/data.html"])
def test_no_table_is_clipped(browser, site_url, page_path, width):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    problems = page.evaluate(CLIPPED_TABLES)
    context.close()
    assert not problems, f"{page_path} at {width}px: {len(problems)} clipped, e.g. {problems[:4]}"


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, width):
    context = _context(browser, width)
    page = context.new_page()
    wide = {}
    for page_path in BOOK_PAGES:
        page.goto(site_url + page_path, wait_until="load")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[page_path] = scroll_width
    context.close()
    assert not wide, f"pages wider than the {width}px screen: {wide}"


# -- dark mode ------------------------------------------------------------------------------
# Every text of the page outside the chart's own drawing, against the colour behind it.
LOW_CONTRAST_TEXT = """() => {
  const rgba = text => (text.match(/[\\d.]+/g) || ['0', '0', '0', '0']).map(Number)
    .concat([1]).slice(0, 4);
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3]))
    .concat([1]);
  const background = el => {
    const layers = [];
    for (; el; el = el.parentElement) {
      const colour = rgba(getComputedStyle(el).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = c => {
    const [r, g, b] = c.slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const low = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('.bd-article *, .bd-sidebar-primary *, .bd-header-article *')) {
    if (el.closest('svg, .bookkit-chart__view, .highlight, script, style')) continue;
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
    const bg = background(el);
    const ratio = contrast(over(rgba(style.color), bg), bg);
    const key = el.tagName + '.' + el.className + style.color + bg;
    if (ratio < 4.5 && !seen.has(key)) {
      seen.add(key);
      low.push(`${el.tagName}.${[...el.classList].join('.')} "${el.textContent.trim().slice(0, 30)}"`
        + ` ${ratio.toFixed(2)}:1`);
    }
  }
  return low;
}"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_path", ["chapters/migration.html", "appendix/explore.html"])
def test_the_page_follows_the_system_colour_scheme_and_stays_readable(browser, site_url,
                                                                      page_path, width, mode):
    context = _context(browser, width, mode)
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == mode, \
        f"the system asks for {mode}; the page is not"
    low = page.evaluate(LOW_CONTRAST_TEXT)
    assert not low, f"{len(low)} kinds of text below 4.5:1 in {mode} at {width}px: {low[:6]}"
    # The chart box and its controls are dark too (the chart's drawing is charts.py's).
    chart_box = page.evaluate("""() => getComputedStyle(document.querySelector('.bookkit-chart'))
                                 .backgroundColor""")
    page_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert chart_box in ("rgba(0, 0, 0, 0)", page_bg) or (mode == "dark") == _is_dark(chart_box)
    context.close()


def _is_dark(css_colour: str) -> bool:
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", css_colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128


def test_a_readers_choice_outlasts_the_system_setting(browser, site_url):
    context = _context(browser, 1280, "dark")
    page = context.new_page()
    page.goto(site_url + "chapters/migration.html", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.locator(".theme-switch-button").first.click()  # dark (auto) -> light
    page.wait_for_function("() => document.documentElement.dataset.theme === 'light'")
    page.goto(site_url + "chapters/history.html", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    context.close()


# -- printing from the browser --------------------------------------------------------------
A4_CONTENT_WIDTH = 794 - 2 * 48  # CSS px: 210 mm less the 1/2 inch margins page.pdf() is given
WEB_ONLY_TEXT = ("Show the data as a table", "Download the chart data", "Download the data (CSV)",
                 "Toggle", "On this page",
                 "Search", "Ctrl+K", "Skip to main content")
PRINT_OVERFLOW = """width => {
  const problems = [];
  for (const table of document.querySelectorAll('table')) {
    const box = table.getBoundingClientRect();
    if (!box.width) continue;
    const name = (table.querySelector('caption')?.textContent || 'table').trim().slice(0, 40);
    if (box.right > width + 1) problems.push(`${name}: ${Math.round(box.right)}px wide`);
    for (let el = table.parentElement; el; el = el.parentElement)
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
        problems.push(`${name}: cut by ${el.tagName}.${el.className}`); break; }
  }
  const controls = 'button, summary, details, .bookkit-chart__download, .vega-embed details, '
    + '.bd-sidebar-primary, .bd-sidebar-secondary, .bd-header, .bd-header-article, .web-only, '
    + '.prev-next-area, .headerlink';
  for (const el of document.querySelectorAll(controls))
    if (el.getClientRects().length && getComputedStyle(el).visibility === 'visible')
      problems.push(`prints ${el.tagName}.${[...el.classList].join('.')}`);
  return [...new Set(problems)];
}"""


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_a_printed_chapter_has_every_table_within_the_page_and_no_web_controls(
        browser, site_url, page_path, tmp_path):
    context = _context(browser, 1280)
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", margin={m: "0.5in" for m in
                                                 ("top", "right", "bottom", "left")})
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    problems = page.evaluate(PRINT_OVERFLOW, A4_CONTENT_WIDTH)
    numbers = page.locator("table > caption .caption-number").all_inner_texts()
    context.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    printed = [t for t in WEB_ONLY_TEXT if t in text]
    assert not problems, f"{page_path} printed: {problems[:6]}"
    assert not printed, f"{page_path}: the printout shows web-only controls {printed}"
    missing = [n.strip() for n in numbers if n.strip() not in text]
    assert not missing, f"{page_path}: the printout lacks {missing}"
