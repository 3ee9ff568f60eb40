"""The house style of every chart in the book, registered as an Altair theme."""
import re

import altair as alt

FONT = "FreeSans, Helvetica, Arial, sans-serif"
INK = "#1d1d1d"
MUTED = "#5b5b5b"
GRID = "#e3e3e3"
WIDTH = 560
HEIGHT = 300

# Colour-blind-safe qualitative palette (Okabe & Ito), darkest first for print contrast.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#6b6b6b", "#F0E442"]
# Diverging five-point scale for attitude items (negative -> positive).
DIVERGING = ["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac"]

# On a dark page the site redraws every chart with these in place of the house colours:
# text and lines light on the page's own background, and lighter tints of the palette, so
# that text keeps a contrast of at least 4.5:1 (tests/test_site_charts.py). Print and figures/
# keep the light style.
DARK_COLOURS = {
    "white": "transparent", "#ffffff": "transparent",
    INK: "#e6e6e6", MUTED: "#b4b4b4", GRID: "#3b3f46", "#9a9a9a": "#80858d",
    "#0072b2": "#5aa9e6", "#d55e00": "#f08c4c", "#009e73": "#3cc79c", "#cc79a7": "#e2a3c7",
    "#e69f00": "#f2b84b", "#56b4e9": "#8fd0f5", "#6b6b6b": "#a3a3a3",
    "#b2182b": "#e8707c", "#ef8a62": "#f4a582", "#d9d9d9": "#8d8d8d", "#67a9cf": "#8cc3e3",
    "#2166ac": "#6aa5dc",
    # maps (bookkit/maps.py): land, borders and the names written on the land
    "#dbe9f5": "#1e3246", "#fbe3cf": "#45301f", "#efefef": "#2b2e33", "#8a8a8a": "#5f646b",
    "#555555": "#b8bcc2",
}


@alt.theme.register("bookkit", enable=True)
def bookkit_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "background": "white",
            "padding": 8,
            "title": {"anchor": "start", "fontSize": 15, "fontWeight": "bold", "color": INK,
                      "subtitleFontSize": 12, "subtitleColor": MUTED, "subtitlePadding": 4,
                      "offset": 12},
            "axis": {"labelFontSize": 11, "titleFontSize": 11, "titleColor": MUTED,
                     "labelColor": INK, "gridColor": GRID, "domainColor": "#9a9a9a",
                     "tickColor": "#9a9a9a", "titleFontWeight": "normal"},
            "axisX": {"grid": False},
            "legend": {"labelFontSize": 11, "titleFontSize": 11, "titleColor": MUTED, "labelColor": INK,
                       "orient": "top", "titleFontWeight": "normal", "symbolType": "square",
                       "labelLimit": 420},
            "range": {"category": PALETTE, "diverging": DIVERGING},
            "line": {"strokeWidth": 2.5, "point": True},
            "bar": {"cornerRadiusEnd": 0},
            "text": {"font": FONT, "fontSize": 11, "color": INK},
            "header": {"labelFontSize": 11, "titleFontSize": 11, "labelColor": INK,
                       "titleColor": MUTED},
        }
    }


def legend_selection(field: str) -> alt.Parameter:
    """A selection bound to the legend: clicking a series highlights it (dim the rest with
    ``opacity=alt.condition(selection, alt.value(1), alt.value(0.25))``)."""
    return alt.selection_point(fields=[field], bind="legend")


def legend_highlight(field: str, dim: float = 0.25) -> tuple[alt.Parameter, dict]:
    """A legend of ``field`` that highlights the series clicked: the selection (add it to the
    layer that draws the legend) and the opacity every layer of the series encodes."""
    pick = legend_selection(field)
    return pick, alt.condition(pick, alt.value(1), alt.value(dim))


def highlight_series(chart: alt.Chart, field: str, dim: float = 0.25) -> alt.Chart:
    """``chart`` (one mark) with its legend of ``field`` bound: clicking an entry dims the
    other series; a double click shows them all again."""
    pick, opacity = legend_highlight(field, dim)
    return chart.add_params(pick).encode(opacity=opacity)


# -- the printed book ----------------------------------------------------------------------
# Every chart is printed at the width of the PDF's text block (A4 with 1 in margins, in
# PostScript points). A chart drawn wider than that is scaled down to fit, so its text
# shrinks with it; the print version of a chart therefore draws its text larger, by the
# factor that brings its smallest letters to PRINT_MIN_FONT_PT once scaled.
PRINT_TEXT_WIDTH_PT = 451
PRINT_MIN_FONT_PT = 7.5
# Vega's own defaults for text sizes the house style does not set (facet headers, the room
# for axis labels), stated so that they grow with the rest of the text.
PRINT_DEFAULTS = {"header": {"labelFontSize": 10, "titleFontSize": 11},
                  "axis": {"labelLimit": 180}}

# Spec properties that are lengths of text, or room made for text, and grow with it.
_TEXT_LENGTHS = re.compile(r"(fontSize|FontSize|Limit|^limit|^step|^dx|^dy|^lineHeight)$")


def with_print_defaults(spec: dict) -> dict:
    """``spec`` with PRINT_DEFAULTS added to its config where it says nothing itself."""
    config = dict(spec.get("config", {}))
    for group, values in PRINT_DEFAULTS.items():
        config[group] = {**values, **config.get(group, {})}
    return {**spec, "config": config}


def scale_text(spec, factor: float):
    """A copy of a Vega-Lite spec with every font size (and the room set aside for text:
    label limits, band steps, text offsets) multiplied by ``factor``."""
    if isinstance(spec, dict):
        return {key: (round(value * factor, 2)
                      if isinstance(value, (int, float)) and not isinstance(value, bool)
                      and _TEXT_LENGTHS.search(key) else scale_text(value, factor))
                for key, value in spec.items()}
    if isinstance(spec, list):
        return [scale_text(item, factor) for item in spec]
    return spec
