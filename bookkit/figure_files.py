"""After the HTML build: ``figures/`` holds every figure of the site as SVG and PNG (2x).

The files are drawn from the chart specifications in the built pages (inline, or in
``_static/chart-specs/``), through the render cache of :func:`bookkit.charts.render`, so an
unchanged chart is never drawn twice, a deleted or edited ``figures/`` is restored by the
next build (even one that executes nothing), and a figure no page shows any more is removed.
Only charts marked ``data-figure`` (figures of the book, not the explorer's) are written.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .chart_specs import FOLDER as SPEC_FOLDER
from .page_tweaks import site_pages

_CHART = re.compile(
    r'<div class="bookkit-chart" id="chart-[^"]*" data-figure="([^"]+)">.*?'
    r'<script type="application/json" class="bookkit-chart__spec"(?: data-spec="([0-9a-f]+)")?>'
    r'(.*?)</script>', re.S)
_SPEC_FILE = re.compile(r'^document\.dispatchEvent\(new CustomEvent\("bookkit:chart-spec", '
                        r'\{ detail: \{ id: "[0-9a-f]+", spec: (.*) \} \}\)\);\s*$', re.S)


def site_figures(outdir: Path) -> dict[str, dict]:
    """Every exported figure of the site, by name, with its Vega-Lite specification."""
    outdir = Path(outdir)
    figures = {}
    for page in site_pages(outdir):
        for name, digest, body in _CHART.findall(page.read_text(encoding="utf-8")):
            if digest:
                text = (outdir / SPEC_FOLDER / f"{digest}.js").read_text(encoding="utf-8")
                body = _SPEC_FILE.match(text).group(1)
            figures[html.unescape(name)] = json.loads(body)
    return figures


def sync(outdir: Path, figures_dir: Path) -> dict[str, int]:
    """Make ``figures_dir`` hold exactly the site's figures; return what changed."""
    from .charts import render

    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    written = 0
    for name, spec in sorted(site_figures(outdir).items()):
        for fmt in ("svg", "png"):
            target = figures_dir / f"{name}.{fmt}"
            wanted.add(target.name)
            drawn = render(spec, fmt)
            if not target.is_file() or target.read_bytes() != drawn:
                target.write_bytes(drawn)
                written += 1
    removed = 0
    for old in [*figures_dir.glob("*.svg"), *figures_dir.glob("*.png")]:
        if old.name not in wanted:
            old.unlink()
            removed += 1
    return {"figures": len(wanted) // 2, "written": written, "removed": removed}
