"""Charts: stamp title, subtitle, source and notes from the data package; export; display.

A chapter builds an Altair chart from a dataset and passes it to :func:`figure`. The result
displays as an interactive Vega-Lite chart on the website (scripts served from the site
itself), as a vector PDF in the LaTeX/PDF build, and is written to ``figures/`` as SVG and
PNG. The same title, subtitle, source line and notes appear in every format because they
are drawn inside the chart.
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
import textwrap
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from . import data, theme  # noqa: F401  (importing theme registers and enables it)

FIGURES_DIR = data.ROOT / "figures"
_FOOTER_CHARS = 95  # wrap source/notes lines at about the chart width


def source_line(datasets: list[str]) -> str:
    """'Source: agency, via the report (exhibits)', one clause per cited agency."""
    exhibits_by_agency: dict[str, list[str]] = {}
    for name in datasets:
        report = data.metadata(name).get("report", {})
        agency = report.get("cited_source") or "not stated"
        exhibit = report.get("exhibit", "").split(" (")[0]
        if exhibit.lower() == "prose":
            exhibit = f"text of section {report.get('section', '?')}"
        exhibits = exhibits_by_agency.setdefault(agency, [])
        if exhibit and exhibit not in exhibits:
            exhibits.append(exhibit)
    clauses = [f"{agency}, via the report ({', '.join(exhibits)})"
               for agency, exhibits in exhibits_by_agency.items()]
    return "Source: " + "; ".join(clauses) if clauses else ""


def _footer(lines: list[str], width: int, text_scale: float = 1) -> alt.Chart:
    """Source and notes under the chart; with larger text (print) lines wrap sooner, so the
    footer keeps its width and its lines their spacing (the font size is scaled with the rest
    of the chart's text by :func:`theme.scale_text`)."""
    wrapped = [part for line in lines
               for part in textwrap.wrap(line, int(_FOOTER_CHARS / text_scale))]
    frame = pd.DataFrame({"order": range(len(wrapped)), "text": wrapped})
    return (
        alt.Chart(frame)
        .mark_text(align="left", baseline="top", fontSize=10, color=theme.MUTED)
        .encode(x=alt.value(0), y=alt.Y("order:O", axis=None), text="text:N")
        .properties(width=width, height=13 * text_scale * len(wrapped))
    )


def _placeholder_style(size: tuple[float, float] | None) -> str:
    """Until it is drawn, a chart's place is held at the height it will have: its drawn
    height, scaled as the SVG will be when the column (less the 38 px vega-embed keeps for its
    menu) is narrower than the chart. Without this the text below would jump when it draws."""
    if not size:
        return ""
    width, height = size
    return (f' style="min-height: {height:.0f}px; '
            f'min-height: calc(min({width:.0f}px, 100cqw - 38px) * {height:.0f} / {width:.0f})"')


def svg_size(svg: str) -> tuple[float, float] | None:
    """Width and height, in pixels, of an SVG document's root element."""
    root = re.search(r"<svg\b[^>]*>", svg)
    width = root and re.search(r'\bwidth="([\d.]+)"', root.group(0))
    height = root and re.search(r'\bheight="([\d.]+)"', root.group(0))
    return (float(width.group(1)), float(height.group(1))) if width and height else None


def chart_html(spec: dict, name: str, description: str, table: pd.DataFrame | None = None,
               size: tuple[float, float] | None = None) -> str:
    """HTML that the site's deferred script (``_static/vega-charts.js``) turns into a chart."""
    spec_json = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    label = html.escape(description, quote=True)
    parts = [
        f'<div class="bookkit-chart" id="chart-{html.escape(name)}">',
        f'<div class="bookkit-chart__view" role="img" aria-label="{label}"'
        f'{_placeholder_style(size)}></div>',
        f'<script type="application/json" class="bookkit-chart__spec">{spec_json}</script>',
    ]
    if table is not None:
        csv = table.to_csv(index=False)
        href = "data:text/csv;charset=utf-8," + urllib.parse.quote(csv)
        rows = table.to_html(index=False, na_rep="", border=0, classes="bookkit-table")
        parts += [
            '<details class="bookkit-chart__table"><summary>Show the data as a table</summary>',
            rows, "</details>",
            f'<a class="bookkit-chart__download" download="{html.escape(name)}.csv" '
            f'href="{href}">Download the chart data (CSV)</a>',
        ]
    parts.append("</div>")
    return "".join(parts)


def _render(spec: dict, **_options) -> dict:
    """Altair renderer for charts displayed without :func:`figure` (e.g. while exploring)."""
    title = spec.get("title", "")
    title = title.get("text", "") if isinstance(title, dict) else title
    return {
        "text/html": chart_html(spec, f"adhoc-{abs(hash(json.dumps(spec, sort_keys=True)))}",
                                f"Chart: {title}" if title else "Chart"),
        "application/pdf": base64.b64encode(vlc.vegalite_to_pdf(spec)).decode("ascii"),
        "text/plain": f"<Chart: {title}>",
    }


alt.renderers.register("bookkit", _render)
alt.renderers.enable("bookkit")


@dataclass
class Figure:
    """A finished chart of the book, with everything needed to show it in any format."""

    name: str
    spec: dict
    table: pd.DataFrame
    description: str
    title: str
    exported: list[Path] = field(default_factory=list)
    print_spec: dict | None = field(default=None, repr=False)
    _svg: str | None = field(default=None, repr=False)

    # -- formats --------------------------------------------------------------------------
    def svg(self) -> str:
        if self._svg is None:
            self._svg = vlc.vegalite_to_svg(self.spec)
        return self._svg

    def png(self, scale: float = 2) -> bytes:
        return vlc.vegalite_to_png(self.spec, scale=scale)

    def pdf(self) -> bytes:
        """The printed chart: the print version, drawn to be set at the text width."""
        return vlc.vegalite_to_pdf(self.print_spec or self.spec)

    def print_png(self, scale: float = 2) -> bytes:
        """The print version as a PNG at twice its size (for e-readers), its text
        alternative in the PNG's Description field, where the EPUB build finds it."""
        return png_with_description(
            vlc.vegalite_to_png(self.print_spec or self.spec, scale=scale), self.description)

    def html(self) -> str:
        return chart_html(self.spec, self.name, self.description, self.table,
                          size=svg_size(self.svg()))

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self.html(),
            "application/pdf": base64.b64encode(self.pdf()).decode("ascii"),
            "image/png": base64.b64encode(self.print_png()).decode("ascii"),
            "text/plain": f"<Figure {self.name}: {self.title}>",
        }

    def export(self, directory: Path = FIGURES_DIR) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        svg_path, png_path = directory / f"{self.name}.svg", directory / f"{self.name}.png"
        svg_path.write_text(self.svg(), encoding="utf-8")
        png_path.write_bytes(self.png())
        self.exported = [svg_path, png_path]
        return self.exported


def _smallest_printed_text(spec: dict) -> float:
    """Size in points of the smallest text of ``spec`` once set at the print text width."""
    svg = vlc.vegalite_to_svg(spec)
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
    width, _ = svg_size(svg)
    return min(sizes) * min(1, theme.PRINT_TEXT_WIDTH_PT / width) if sizes else float("inf")


def print_version(stamped, tries: int = 6) -> dict:
    """The chart as printed: ``stamped(text_scale)`` gives the spec with its footer wrapped
    for that text scale; its text is scaled up until the smallest prints at
    ``theme.PRINT_MIN_FONT_PT`` (larger text widens the chart a little, hence a few tries)."""
    scale, spec = 1.0, None
    for _ in range(tries):
        spec = theme.scale_text(theme.with_print_defaults(stamped(scale)), scale)
        smallest = _smallest_printed_text(spec)
        if smallest >= theme.PRINT_MIN_FONT_PT - 0.05:
            return spec
        scale *= (theme.PRINT_MIN_FONT_PT + 0.1) / smallest
    return spec


def png_with_description(png: bytes, description: str) -> bytes:
    """``png`` with ``description`` in its (standard) Description text field."""
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", description)
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).save(out, format="PNG", pnginfo=info, optimize=True)
    return out.getvalue()


def figure(chart, *, name: str, datasets: str | list[str], title: str, description: str,
           subtitle: str | None = None, notes: list[str] | None = None,
           table: pd.DataFrame | None = None, export: bool = True) -> Figure:
    """Stamp a chart with the book's title block and footer, export it, and return it.

    ``subtitle`` defaults to the first dataset's ``chart.subtitle`` (scope, period, unit);
    the source line names each dataset's cited agency and report exhibit; ``notes`` are added below
    it. ``description`` is a one-sentence text alternative for screen readers.
    """
    datasets = [datasets] if isinstance(datasets, str) else list(datasets)
    meta = data.metadata(datasets[0])
    subtitle = subtitle if subtitle is not None else meta.get("chart", {}).get("subtitle", "")
    if not description.strip():
        raise ValueError(f"figure {name!r}: a text description for screen readers is required")
    if table is None:
        if not isinstance(chart.data, pd.DataFrame):
            raise ValueError(f"figure {name!r}: pass table= (the chart's data is not a DataFrame)")
        table = chart.data
    footer_lines = [line for line in [source_line(datasets), *(notes or [])] if line]

    def stamped(text_scale: float = 1) -> dict:
        footer = _footer(footer_lines, theme.WIDTH, text_scale)
        body = alt.vconcat(chart, footer, spacing=6) if footer_lines else chart
        return body.properties(
            title=alt.TitleParams(title, subtitle=subtitle or alt.Undefined)).to_dict()

    fig = Figure(name=name, spec=stamped(), table=table.reset_index(drop=True),
                 description=description, title=title, print_spec=print_version(stamped))
    if export:
        fig.export()
    return fig
