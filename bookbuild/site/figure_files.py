"""After the HTML build: ``figures/`` holds every figure of the site as SVG and PNG (2x).

The files are drawn from the print specifications the pages' kernels stored under their
content hash (each chart of a page names its own), through the render cache of :func:`bookkit.charts.render`, so an
unchanged chart is never drawn twice, a deleted or edited ``figures/`` is restored by the
next build (even one that executes nothing), and a figure no page shows any more is removed.
Only charts marked ``data-figure`` (figures of the book, not the explorer's) are written.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from . import site_pages

_CHART = re.compile(r'<div class="bookkit-chart" id="chart-[^"]*" data-figure="([^"]+)" '
                    r'data-print="([0-9a-f]+)"[^>]*>')  # then data-datasets


def site_figures(outdir: Path) -> dict[str, dict]:
    """Every exported figure of the site, by name, with its print specification (kept by
    :func:`bookkit.charts.store_spec` when the page executed)."""
    from bookkit.charts import RENDER_CACHE

    figures = {}
    for page in site_pages(Path(outdir)):
        for name, key in _CHART.findall(page.read_text(encoding="utf-8")):
            stored = RENDER_CACHE / "specs" / f"{key}.json"
            if not stored.is_file():
                raise FileNotFoundError(f"{page}: figure {name!r} has no stored print "
                                        f"specification ({stored}); execute the page again")
            figures[html.unescape(name)] = json.loads(stored.read_text(encoding="utf-8"))
    return figures


def sync(outdir: Path, figures_dir: Path) -> dict[str, int]:
    """Make ``figures_dir`` hold exactly the site's figures; return what changed."""
    from bookkit.charts import render

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
