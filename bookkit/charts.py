"""Charts: stamp title, subtitle, source and notes from the data package; export; display.

A chapter builds an Altair chart from a dataset and passes it to :func:`figure`. The result
displays as an interactive Vega-Lite chart on the website (scripts served from the site
itself), as a vector PDF in the LaTeX/PDF build, and is written to ``figures/`` as SVG and
PNG. The same title, subtitle, source line and notes appear in every format because they
are drawn inside the chart.
"""
from __future__ import annotations

import functools
import hashlib
import html
import os
import json
import math
import re
import textwrap
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd

from . import data, inputs, readable, theme  # noqa: F401  (importing theme registers and enables it)
from .render import PRINT_MIME, RENDER_CACHE, render  # noqa: F401

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
    """Until it is drawn, a chart's place is held at the height it is drawn at (its screen
    layout, which keeps its heights at any width), so the text below does not jump."""
    return f' style="min-height: {size[1]:.0f}px"' if size else ""


def svg_size(svg: str) -> tuple[float, float] | None:
    """Width and height, in pixels, of an SVG document's root element."""
    root = re.search(r"<svg\b[^>]*>", svg)
    width = root and re.search(r'\bwidth="([\d.]+)"', root.group(0))
    height = root and re.search(r'\bheight="([\d.]+)"', root.group(0))
    return (float(width.group(1)), float(height.group(1))) if width and height else None


SCREEN_MIN_FONT = 11  # CSS px: no text of a chart on screen is smaller


def screen_spec(spec: dict) -> dict:
    """The chart as the website draws it: the same views without the drawn title block and
    footer (the page sets them as text around the chart), and no font under
    ``SCREEN_MIN_FONT``. The site's script lays it out for the column it gets
    (``static/chart-init.js``); the PDF and ``figures/`` keep the fixed print layout."""
    def walk(node, key=""):
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if (key == "fontSize" or key.endswith("FontSize")) and isinstance(node, (int, float)):
            return max(node, SCREEN_MIN_FONT)
        return node
    return walk(spec)


def store_spec(spec: dict) -> str:
    """Keep a specification under its content hash (the build draws ``figures/`` from it)."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    key = hashlib.sha256(text.encode()).hexdigest()[:20]
    target = RENDER_CACHE / "specs" / f"{key}.json"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    return key


def chart_html(spec: dict, name: str, description: str, table: pd.DataFrame | None = None,
               size: tuple[float, float] | None = None, *, title: str = "", subtitle: str = "",
               footer: list[str] | tuple[str, ...] = (), print_spec: str | None = None,
               columns: readable.Columns | None = None,
               datasets: list[str] | tuple[str, ...] = ()) -> str:
    """HTML that the site's deferred script (``_static/vega-charts.js``) turns into a chart:
    the title block and footer as text, the chart drawn from ``spec``. ``print_spec`` (a key of
    :func:`store_spec`) puts the print layout in ``figures/``
    (``bookbuild/site/figure_files.py``). ``columns`` titles and formats the table view; the
    CSV download keeps the machine names. ``datasets`` are named on the chart for the build,
    which links the figure and the data catalogue both ways (``bookbuild/furniture.py``)."""
    escape = functools.partial(html.escape, quote=True)
    spec_json = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    exported = (f' data-figure="{escape(name)}" data-print="{escape(print_spec)}"'
                if print_spec else "")
    if datasets:
        exported += f' data-datasets="{escape(" ".join(datasets))}"'
    parts = [f'<div class="bookkit-chart" id="chart-{escape(name)}"{exported}>']
    if title or subtitle:
        parts.append('<div class="bookkit-chart__head">'
                     + (f'<p class="bookkit-chart__title">{escape(title)}</p>' if title else "")
                     + (f'<p class="bookkit-chart__subtitle">{escape(subtitle)}</p>' if subtitle else "")
                     + "</div>")
    parts += [
        f'<div class="bookkit-chart__view" role="img" aria-label="{escape(description)}"'
        f'{_placeholder_style(size)}></div>',
        f'<script type="application/json" class="bookkit-chart__spec">{spec_json}</script>',
    ]
    if footer:
        parts.append('<div class="bookkit-chart__foot">'
                     + "".join(f"<p>{escape(line)}</p>" for line in footer) + "</div>")
    if table is not None:
        columns = columns or readable.Columns(f"chart {name!r}")
        csv = columns.plain(table).to_csv(index=False)
        href = "data:text/csv;charset=utf-8," + urllib.parse.quote(csv)
        shown = columns.shown(table)
        rows = shown.to_html(index=False, border=0, classes="bookkit-table")
        blanks = (shown == readable.BLANK).any().any()
        note = (f'<div class="bookkit-chart__foot"><p>{escape(readable.BLANK_NOTE)}</p></div>'
                if blanks else "")
        parts += [
            '<details class="bookkit-chart__table"><summary>Show the data as a table</summary>',
            f'<div class="bookkit-chart__scroll">{rows}</div>{note}', "</details>",
            f'<a class="bookkit-chart__download" download="{escape(name)}.csv" '
            f'href="{href}">Download the chart data (CSV)</a>',
        ]
    parts.append("</div>")
    return "".join(parts)


BUILD_ENV = inputs.BUILD_ENV  # set by the Sphinx extension for the kernels it starts


def in_book_build() -> bool:
    """True in a kernel the book's build started; False in JupyterLab, nbval or a script."""
    return os.environ.get(BUILD_ENV) == "1"


def notebook_html(spec: dict, name: str) -> str:
    """A chart as JupyterLab (or any notebook) draws it without the book's site: its own
    document, with the Vega libraries inlined by vl-convert so that it works offline, in a
    frame, so that the libraries of one chart's document do not meet another's."""
    from altair.utils.html import spec_to_html

    document = spec_to_html(spec, mode="vega-lite", vega_version=alt.VEGA_VERSION,
                            vegaembed_version=alt.VEGAEMBED_VERSION,
                            vegalite_version=alt.VEGALITE_VERSION, template="inline",
                            output_div="chart",
                            embed_options={"actions": {"export": True, "source": False,
                                                       "compiled": False, "editor": False}})
    size = svg_size(render(spec, "svg").decode("utf-8")) or (600, 400)
    return (f'<iframe title="{html.escape(name, quote=True)}" sandbox="allow-scripts allow-downloads" '
            f'style="border: 0; width: {size[0] + 60:.0f}px; max-width: 100%; '
            f'height: {size[1] + 40:.0f}px" srcdoc="{html.escape(document, quote=True)}"></iframe>')


def _render(spec: dict, **_options) -> dict:
    """Altair renderer for charts displayed without :func:`figure` (e.g. while exploring)."""
    title = spec.get("title", "")
    title = title.get("text", "") if isinstance(title, dict) else title
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    name = f"adhoc-{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    if not in_book_build():
        return {"text/html": notebook_html(spec, name), "text/plain": f"<Chart: {title}>"}
    description = f"Chart: {title}" if title else "Chart"
    return {
        "text/html": chart_html(spec, name, description),
        PRINT_MIME: {"name": name, "description": description, "spec": spec},
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
    screen: dict = field(default_factory=dict)  # the website's layout (screen_spec)
    subtitle: str = ""
    footer: tuple[str, ...] = ()  # source line and notes
    export: bool = True  # figures/ holds it as SVG and PNG (bookbuild/site/figure_files.py)
    exported: list[Path] = field(default_factory=list)
    print_spec: dict | None = field(default=None, repr=False)  # the PDF's (editions)
    columns: readable.Columns | None = field(default=None, repr=False)  # the table view's titles
    datasets: tuple[str, ...] = ()  # what it draws, linked to the data catalogue

    # -- formats --------------------------------------------------------------------------
    def svg(self) -> str:
        """The print version as SVG, as ``figures/`` holds it."""
        return render(self.print_spec or self.spec, "svg").decode("utf-8")

    def png(self) -> bytes:
        """The print version as PNG at twice its size, as ``figures/`` holds it."""
        return render(self.print_spec or self.spec, "png")

    def pdf(self) -> bytes:
        """The printed chart: the print version, drawn to be set at the text width."""
        return render(self.print_spec or self.spec, "pdf")

    def html(self) -> str:
        screen = self.screen or screen_spec(self.spec)
        return chart_html(screen, self.name, self.description, self.table,
                          size=svg_size(render(screen, "svg").decode("utf-8")), title=self.title,
                          subtitle=self.subtitle, footer=self.footer,
                          print_spec=store_spec(self.print_spec or self.spec) if self.export else None,
                          columns=self.columns, datasets=self.datasets)

    def _repr_mimebundle_(self, include=None, exclude=None):
        if not in_book_build():  # an author's notebook: the print layout, interactive
            return {"text/html": notebook_html(self.spec, self.name),
                    "text/plain": f"<Figure {self.name}: {self.title}>"}
        # The PDF and EPUB editions draw their file from the print version when they are
        # written (bookbuild/print_figures.py): the website never needs one.
        return {
            "text/html": self.html(),
            PRINT_MIME: {"name": self.name, "description": self.description,
                         "spec": self.print_spec or self.spec},
            "text/plain": f"<Figure {self.name}: {self.title}>",
        }

    def write_files(self, directory: Path = FIGURES_DIR) -> list[Path]:
        """Write the chart as SVG and PNG now (the build does it for every figure)."""
        directory.mkdir(parents=True, exist_ok=True)
        svg_path, png_path = directory / f"{self.name}.svg", directory / f"{self.name}.png"
        svg_path.write_text(self.svg(), encoding="utf-8")
        png_path.write_bytes(self.png())
        self.exported = [svg_path, png_path]
        return self.exported


def _smallest_printed_text(spec: dict) -> float:
    """Size in points of the smallest text of ``spec`` once set at the print text width."""
    svg = render(spec, "svg").decode("utf-8")
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
    width, _ = svg_size(svg)
    return min(sizes) * min(1, theme.PRINT_TEXT_WIDTH_PT / width) if sizes else float("inf")


def print_version(stamped, tries: int = 6) -> dict:
    """The chart as printed: ``stamped(text_scale)`` gives the spec with its footer wrapped
    for that text scale; its text is scaled up until the smallest prints at
    ``theme.PRINT_MIN_FONT_PT``. Larger text also widens the chart, which is then shrunk
    more to fit the text width, so the printed text grows more slowly than the scale: how
    much more slowly is measured from the last two tries (each try is one drawing)."""
    target = theme.PRINT_MIN_FONT_PT
    scale, spec, tried = 1.0, None, []
    for _ in range(tries):
        spec = theme.scale_text(theme.with_print_defaults(stamped(scale)), scale)
        smallest = _smallest_printed_text(spec)
        if smallest >= target - 0.05:
            return spec
        tried.append((scale, smallest))
        growth = 0.75  # printed text size per text scale (log-log slope), until measured
        if len(tried) > 1:
            (s0, m0), (s1, m1) = tried[-2:]
            growth = min(1.0, max(0.2, math.log(m1 / m0) / math.log(s1 / s0)))
        scale *= ((target + 0.05) / smallest) ** (1 / growth)
    return spec


def figure(chart, *, name: str, datasets: str | list[str], title: str, description: str,
           subtitle: str | None = None, notes: list[str] | None = None,
           table: pd.DataFrame | None = None, export: bool = True,
           titles: dict[str, str] | None = None) -> Figure:
    """Stamp a chart with the book's title block and footer and return it.

    ``subtitle`` defaults to the first dataset's ``chart.subtitle`` (scope, period, unit);
    the source line names each dataset's cited agency and report exhibit; ``notes`` are added below
    it. ``description`` is a one-sentence text alternative for screen readers. With
    ``export`` the chart is written to ``figures/`` as SVG and PNG. The table view and
    the tooltips name columns by their fields' titles; ``titles`` names the columns the
    chapter derives (a column without a title is refused).
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
    columns = readable.Columns(f"figure {name!r}", datasets, titles)
    columns.check(table.columns)
    footer_lines = [line for line in [source_line(datasets), *(notes or [])] if line]

    def stamped(text_scale: float = 1, validate: bool = False) -> dict:
        footer = _footer(footer_lines, theme.WIDTH, text_scale)
        body = alt.vconcat(chart, footer, spacing=6) if footer_lines else chart
        return columns.tooltips(body.properties(
            title=alt.TitleParams(title, subtitle=subtitle or alt.Undefined)).to_dict(
                validate=validate), table)

    # Validated once against the Vega-Lite schema; the print and screen variants are the
    # same chart, so they skip the (slow) validation.
    spec = stamped(validate=True)
    return Figure(name=name, spec=spec, table=table.reset_index(drop=True),
                  description=description, title=title, export=export,
                  print_spec=print_version(lambda scale: spec if scale == 1 else stamped(scale)),
                  screen=screen_spec(columns.tooltips(chart.to_dict(validate=False), table)),
                  subtitle=subtitle or "", footer=tuple(footer_lines), columns=columns,
                  datasets=tuple(datasets))
