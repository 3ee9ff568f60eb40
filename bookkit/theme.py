"""The house style of every chart in the book, registered as an Altair theme."""
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
