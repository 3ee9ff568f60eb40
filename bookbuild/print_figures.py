"""The PDF and EPUB editions: each chart is a file drawn from its print version as the
edition is written.

In the book's build a figure's output carries its print specification (``PRINT_MIME``,
see ``bookkit/charts.py``) beside the website's HTML, not a PDF and a PNG: most builds
make only the website, which needs neither. myst-nb renders that output to a
``print_chart`` node with :class:`PrintChartRenderer` (a ``myst_nb.mime_renderers`` entry
point, ``pyproject.toml``) and shows it only in the LaTeX and EPUB builds; as they write,
:class:`DrawPrintCharts` replaces it with an image: a vector PDF for LaTeX, a PNG at twice
the size for EPUB, both with the figure's description as alt text (the PNG also in its
Description field). Drawing goes through the render cache, which already holds the SVG the
kernel measured the print version with, so each file is one conversion.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from bookkit.render import PRINT_MIME

FORMATS = {"latex": "pdf", "epub": "png"}
FOLDER = ".bookkit-print"  # beside the builders' output folders


class print_chart(nodes.General, nodes.Element):
    """A chart's print version (``name``, ``description``, ``spec`` as JSON text)."""


class PrintChartRenderer:
    """myst-nb's renderer for ``PRINT_MIME`` outputs, which the printed editions prefer."""

    mime_priority_overrides = [(builder, PRINT_MIME, 1) for builder in FORMATS]

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != PRINT_MIME or inline:
            return None
        content = data.content
        return [print_chart(name=content["name"], description=content["description"],
                            spec=json.dumps(content["spec"], separators=(",", ":")))]


class DrawPrintCharts(SphinxPostTransform):
    default_priority = 10  # after myst-nb has picked which output to show (priority 4)
    builders = tuple(FORMATS)

    def run(self) -> None:
        charts = list(self.document.findall(print_chart))
        if not charts:
            return
        from bookkit.render import png_with_description, render

        fmt = FORMATS[self.app.builder.name]
        folder = Path(self.app.outdir).parent / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for chart in charts:
            drawn = render(json.loads(chart["spec"]), fmt)
            if fmt == "png":
                drawn = png_with_description(drawn, chart["description"])
            target = folder / f"{chart['name']}.{fmt}"
            if not target.is_file() or target.read_bytes() != drawn:
                target.write_bytes(drawn)
            # As Sphinx's image collector would have registered it when the page was read.
            uri, _ = self.env.relfn2path("/" + os.path.relpath(target, self.env.srcdir))
            self.env.images.add_file(self.env.docname, uri)
            chart.replace_self(nodes.image(uri=uri, candidates={"*": uri},
                                           alt=chart["description"]))


def setup(app):
    app.add_post_transform(DrawPrintCharts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
