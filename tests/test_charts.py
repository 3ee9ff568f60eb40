"""Charts: title block and source from metadata, offline HTML, vector PDF, exported files."""
import json
import re

import altair as alt
import pytest

from bookkit import charts, figure, load, theme
from bookkit.render import png_with_description


@pytest.fixture
def test_figure(small_package, tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "FIGURES_DIR", tmp_path / "figures")
    frame = load("crossings").dropna()
    chart = alt.Chart(frame).mark_bar().encode(x="year:O", y="persons:Q", color="purpose:N")
    return figure(chart, name="test-figure", datasets="crossings", title="A test title",
                  description="Bars of test crossings.", notes=["A note for readers."])


def test_title_subtitle_source_and_notes_are_in_the_spec(test_figure):
    spec = test_figure.spec
    assert spec["title"]["text"] == "A test title"
    assert spec["title"]["subtitle"] == "Persons, 2000-2001"  # from the dataset's metadata
    footer_text = json.dumps(spec["datasets"])
    assert "Source: Test Agency, via the report (Table 9.9)" in footer_text
    assert "A note for readers." in footer_text


def test_html_is_self_contained(test_figure):
    html = test_figure.html()
    assert 'class="bookkit-chart"' in html and 'aria-label="Bars of test crossings."' in html
    assert not re.search(r"(src|href)=\"https?://", html)
    assert "cdn" not in html.lower()
    assert "Show the data as a table" in html and 'download="test-figure.csv"' in html


def test_place_is_held_at_the_drawn_height(test_figure):
    exported_svg = charts.render(test_figure.screen, "svg").decode()  # the screen layout
    height = float(re.search(r'<svg[^>]*\bheight="([\d.]+)"', exported_svg).group(1))
    view = re.search(r'<div class="bookkit-chart__view"[^>]*>', test_figure.html()).group(0)
    assert f"min-height: {height:.0f}px" in view


def test_in_the_book_build_the_mimebundle_has_site_html_and_the_print_version(
        test_figure, monkeypatch):
    monkeypatch.setenv(charts.BUILD_ENV, "1")
    drawn = []
    monkeypatch.setattr(charts, "render", lambda spec, fmt: drawn.append(fmt) or b"<svg/>")
    bundle = test_figure._repr_mimebundle_()
    assert set(bundle) == {"text/html", charts.PRINT_MIME, "text/plain"}
    assert 'class="bookkit-chart"' in bundle["text/html"]
    assert bundle[charts.PRINT_MIME] == {"name": "test-figure",
                                         "description": "Bars of test crossings.",
                                         "spec": test_figure.print_spec}
    # The website needs no PDF or PNG: the printed editions draw them as they are written.
    assert "pdf" not in drawn and "png" not in drawn


def test_the_png_carries_its_description():
    from io import BytesIO

    from PIL import Image

    png = charts.render({"mark": "point", "data": {"values": [{"a": 1}]},
                         "encoding": {"x": {"field": "a", "type": "quantitative"}}}, "png")
    described = png_with_description(png, "One point.")
    assert Image.open(BytesIO(described)).info["Description"] == "One point."
    assert Image.open(BytesIO(described)).tobytes() == Image.open(BytesIO(png)).tobytes()


def test_print_version_text_reaches_the_print_minimum(test_figure):
    from bookkit.charts import _smallest_printed_text

    assert _smallest_printed_text(test_figure.spec) < theme.PRINT_MIN_FONT_PT  # web: too small
    assert _smallest_printed_text(test_figure.print_spec) >= theme.PRINT_MIN_FONT_PT - 0.05


def test_scale_text_scales_text_sizes_and_room_only():
    spec = {"config": {"axis": {"labelFontSize": 10, "labelLimit": 180, "grid": True}},
            "height": {"step": 20}, "width": 300,
            "mark": {"type": "text", "fontSize": 11, "dy": -4, "opacity": 0.5}}
    scaled = theme.scale_text(spec, 1.5)
    assert scaled["config"]["axis"] == {"labelFontSize": 15, "labelLimit": 270, "grid": True}
    assert scaled["height"] == {"step": 30} and scaled["width"] == 300
    assert scaled["mark"] == {"type": "text", "fontSize": 16.5, "dy": -6, "opacity": 0.5}


def test_in_a_notebook_a_figure_draws_itself_offline(test_figure, monkeypatch):
    monkeypatch.delenv(charts.BUILD_ENV, raising=False)
    page = test_figure._repr_mimebundle_()["text/html"]
    assert "vegaEmbed" in page and "A test title" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)


def test_export_writes_svg_and_png(test_figure, tmp_path):
    svg, png = test_figure.write_files(tmp_path)
    assert svg.read_text().lstrip().startswith("<svg") and "A test title" in svg.read_text()
    assert png.read_bytes().startswith(b"\x89PNG")


def test_description_is_required(small_package):
    chart = alt.Chart(load("crossings")).mark_point()
    with pytest.raises(ValueError, match="text description"):
        figure(chart, name="x", datasets="crossings", title="t", description=" ", export=False)


def test_plain_altair_charts_use_the_offline_renderer(monkeypatch):
    monkeypatch.setenv(charts.BUILD_ENV, "1")
    assert alt.renderers.active == "bookkit"
    bundle = alt.renderers.get()(alt.Chart({"values": [{"a": 1}]}).mark_point().encode(x="a:Q").to_dict())
    assert "bookkit-chart__spec" in bundle["text/html"]
