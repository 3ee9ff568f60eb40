"""The stylesheet bundler (bookbuild.site.stylesheet) on small hand-made sites."""
import re
from pathlib import Path

import pytest

from bookbuild.site import stylesheet as site_css

PAGE = """<html><head>
<link href="{up}_static/styles/theme.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" type="text/css" href="{up}_static/extra.css?v=2" />
</head><body class="{body_class}"><div id="main"><p class="used">x</p></div>
<script>el.classList.add("from-inline")</script></body></html>
"""
THEME_CSS = """@import "../basic.css";
/* a comment */
.used  { color : red }
.unused { color: blue }
.used, .unused { margin: 0 }
#main p.used:not(.never-needed) { padding: 1px }
#nowhere { padding: 2px }
@media (max-width: 600px) { .unused { color: green } .used { color: black } }
@media print { .unused { display: none } }
@keyframes spin { from { transform: rotate(0deg) } to { transform: rotate(360deg) } }
.from-script { border: 1px solid }
.from-inline { border: 2px solid }
"""
BASIC_CSS = "p.used { background-image: url(file.png) }\n"
EXTRA_CSS = ".used { color: purple }\n"


def _site(root: Path) -> Path:
    (root / "_static" / "styles").mkdir(parents=True)
    (root / "_static" / "styles" / "theme.css").write_text(THEME_CSS)
    (root / "_static" / "basic.css").write_text(BASIC_CSS)
    (root / "_static" / "file.png").write_bytes(b"png")
    (root / "_static" / "extra.css").write_text(EXTRA_CSS)
    (root / "_static" / "app.js").write_text('node.className = "from-script";')
    (root / "chapters").mkdir()
    (root / "index.html").write_text(PAGE.format(up="", body_class="home"))
    (root / "chapters" / "one.html").write_text(PAGE.format(up="../", body_class="chapter"))
    return root


def _bundle(root: Path) -> str:
    return (root / site_css.BUNDLE).read_text()


def test_keeps_rules_for_names_in_pages_and_scripts_and_drops_the_rest(tmp_path):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    css = _bundle(site)
    assert ".used{color:red}" in css
    assert ".unused" not in css and "#nowhere" not in css
    assert ".used{margin:0}" in css  # the unused selector is cut out of the list
    assert "#main p.used:not(.never-needed)" in css  # names inside :not() are not required
    assert ".from-script{" in css and ".from-inline{" in css
    assert "@media (max-width:600px){.used{color:black}}" in css
    assert "@media print" not in css  # every rule inside it was dropped
    assert "@keyframes spin{" in css
    assert "comment" not in css


def test_order_of_the_cascade_is_kept(tmp_path):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    css = _bundle(site)
    # @import first, then the importing sheet, then the next linked sheet
    assert css.index("p.used{background") < css.index(".used{color:red}") < css.index(".used{color:purple}")


def test_relative_urls_still_point_at_their_files(tmp_path):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    css = _bundle(site)
    assert "url(../file.png)" in css
    assert ((site / site_css.BUNDLE).parent / "../file.png").resolve().is_file()


def test_every_page_links_only_the_versioned_bundle(tmp_path):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    for page, prefix in ((site / "index.html", ""), (site / "chapters" / "one.html", "../")):
        head = page.read_text().split("</head>")[0]
        assert head.count("<link") == 1
        assert f'href="{prefix}_static/styles/book.css?v=' in head
        assert 'data-sources="_static/styles/theme.css _static/extra.css"' in head


def test_running_again_changes_nothing(tmp_path):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    first = {p: p.read_text() for p in site.rglob("*.html")}, _bundle(site)
    site_css.bundle_site(site)
    assert ({p: p.read_text() for p in site.rglob("*.html")}, _bundle(site)) == first


def test_a_pass_with_nothing_changed_does_no_work_and_any_change_redoes_it(tmp_path):
    site = _site(tmp_path)
    assert site_css.bundle_site(site)["stylesheets"] == 2
    assert site_css.bundle_site(site) == {}  # the no-change build: nothing parsed or cut
    scripts = sorted((site / "_static").rglob("*.js"))
    scripts[0].write_text(scripts[0].read_text() + "\n// unused-now-used\n")
    assert site_css.bundle_site(site)["stylesheets"] == 2
    (site / site_css.BUNDLE).unlink()
    assert site_css.bundle_site(site)["stylesheets"] == 2 and (site / site_css.BUNDLE).is_file()


def test_a_page_whose_words_alone_changed_reuses_the_bundle(tmp_path, monkeypatch):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    first = _bundle(site)
    parsed = []
    real = site_css._load_rules
    monkeypatch.setattr(site_css, "_load_rules", lambda *a, **k: parsed.append(a) or real(*a, **k))
    index = site / "index.html"
    index.write_text(index.read_text().replace(">x</p>", ">other words</p>"))
    site_css.bundle_site(site)
    assert parsed == [] and _bundle(site) == first
    index.write_text(index.read_text().replace('class="used"', 'class="used unused"'))
    site_css.bundle_site(site)
    assert parsed and ".unused{color:blue}" in _bundle(site)


def test_a_page_rebuilt_without_a_stylesheet_drops_it_from_the_bundle(tmp_path):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    assert "purple" in _bundle(site)
    # an incremental build re-renders both pages, now without extra.css
    for page, up in ((site / "index.html", ""), (site / "chapters" / "one.html", "../")):
        page.write_text(PAGE.format(up=up, body_class="x").replace(
            f'<link rel="stylesheet" type="text/css" href="{up}_static/extra.css?v=2" />\n', ""))
    site_css.bundle_site(site)
    assert "purple" not in _bundle(site)


def test_a_class_that_appears_in_a_rebuilt_page_brings_its_rule_back(tmp_path):
    site = _site(tmp_path)
    site_css.bundle_site(site)
    assert ".unused" not in _bundle(site)
    page = site / "index.html"
    page.write_text(page.read_text().replace('class="home"', 'class="unused"'))
    site_css.bundle_site(site)
    assert ".unused{color:blue}" in _bundle(site)


def test_a_missing_stylesheet_is_named(tmp_path):
    site = _site(tmp_path)
    (site / "_static" / "extra.css").unlink()
    with pytest.raises(site_css.StylesheetError, match="extra.css"):
        site_css.bundle_site(site)


def test_a_stylesheet_that_does_not_parse_names_file_and_line(tmp_path):
    site = _site(tmp_path)
    (site / "_static" / "extra.css").write_text(".used { color: red }\n}\n")
    with pytest.raises(site_css.StylesheetError, match=r"extra\.css:2"):
        site_css.bundle_site(site)


def test_icon_font_is_cut_to_the_glyphs_the_kept_rules_print(tmp_path):
    from fontTools.ttLib import TTFont
    import pydata_sphinx_theme

    webfonts = next(Path(pydata_sphinx_theme.__file__).parent.rglob("fa-solid-900.woff2"))
    site = _site(tmp_path)
    fonts = site / "_static" / "webfonts"
    fonts.mkdir()
    (fonts / "fa-solid-900.woff2").write_bytes(webfonts.read_bytes())
    (site / "_static" / "extra.css").write_text(
        '@font-face{font-family:Icons;src:url(webfonts/fa-solid-900.woff2) format("woff2")}\n'
        '.used:before{content:"\\f0c9";font-family:Icons}\n'
        '.unused:before{content:"\\f002";font-family:Icons}\n')
    site_css.bundle_site(site)
    css = _bundle(site)
    name = re.search(r"url\(\.\./webfonts/(fa-solid-900\.subset-\w+\.woff2)\)", css).group(1)
    subset = TTFont(fonts / name)
    assert set(subset.getBestCmap()) == {0xF0C9}
    assert (fonts / name).stat().st_size < webfonts.stat().st_size / 10
    # another glyph, another file name: no browser can keep the old subset
    (site / "_static" / "extra.css").write_text(
        (site / "_static" / "extra.css").read_text().replace(".unused:before", ".used:after"))
    site_css.bundle_site(site)
    assert name not in _bundle(site)
