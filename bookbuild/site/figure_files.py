"""``figures/``: every figure of the site as SVG and PNG (2x), by its own command::

    .venv/bin/python -m bookbuild.site.figure_files   # after an HTML build

``scripts/setup-and-build.sh`` runs it after the PDF and EPUB builds. The files are drawn
from the print specifications the pages' kernels stored under their content hash (each
chart of a page names its own), through the render cache of :func:`bookkit.render.render`,
which by then holds every SVG (the kernels measured them) and PNG (the EPUB build drew
them): an unchanged chart is never drawn twice, a deleted or edited ``figures/`` is restored,
and a figure no page shows any more is removed. Only charts marked ``data-figure`` (figures
of the book, not the explorer's) are written. An HTML build does not write the folder (the
PNGs alone took 11 s of a clean build); it says when the folder no longer matches the site.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from . import beside, site_pages

_CHART = re.compile(r'<div class="bookkit-chart" id="chart-[^"]*" data-figure="([^"]+)" '
                    r'data-print="([0-9a-f]+)"[^>]*>')  # then data-datasets


def _site_figure_keys(outdir: Path) -> dict[str, str]:
    """Every exported figure of the site, by name, with the key of its print specification."""
    keys = {}
    for page in site_pages(Path(outdir)):
        for name, key in _CHART.findall(page.read_text(encoding="utf-8")):
            keys[html.unescape(name)] = key
    return keys


def _stored_specs(keys: dict[str, str]) -> dict[str, dict]:
    """The print specification of each figure, by name, as
    :func:`bookkit.charts.store_spec` kept it when the page executed."""
    from bookkit.render import RENDER_CACHE

    figures = {}
    for name, key in keys.items():
        stored = RENDER_CACHE / "specs" / f"{key}.json"
        if not stored.is_file():
            raise FileNotFoundError(f"figure {name!r} has no stored print specification "
                                    f"({stored}); execute its page again")
        figures[name] = json.loads(stored.read_text(encoding="utf-8"))
    return figures


def _state(keys: dict[str, str], figures_dir: Path) -> str:
    """The figures wanted and the files in ``figures_dir`` (names, sizes, times)."""
    files = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                   for p in figures_dir.iterdir() if p.suffix in (".svg", ".png"))
    return json.dumps({"figures": sorted(keys.items()), "files": files})


def is_current(outdir: Path, figures_dir: Path) -> bool:
    """Whether ``figures_dir`` holds the site's figures as the last :func:`sync` wrote them."""
    stamp = beside(outdir, "figures.json")
    return (Path(figures_dir).is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8")
            == _state(_site_figure_keys(outdir), Path(figures_dir)))


def sync(outdir: Path, figures_dir: Path) -> dict[str, int]:
    """Make ``figures_dir`` hold exactly the site's figures; return what changed. When
    neither the site's figures nor the folder changed since the last sync, nothing is read."""
    figures_dir = Path(figures_dir)
    figures_dir.mkdir(parents=True, exist_ok=True)
    stamp = beside(outdir, "figures.json")
    keys = _site_figure_keys(outdir)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == _state(keys, figures_dir):
        return {"figures": len(keys), "written": 0, "removed": 0}
    from bookkit.render import render

    wanted = set()
    written = 0
    for name, spec in sorted(_stored_specs(keys).items()):
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
    stamp.write_text(_state(keys, figures_dir), encoding="utf-8")
    return {"figures": len(wanted) // 2, "written": written, "removed": removed}


def main(argv: list[str] | None = None) -> None:
    import argparse

    root = Path.cwd()
    parser = argparse.ArgumentParser(description="Write figures/ from the built site's figures.")
    parser.add_argument("--site", type=Path, default=root / "_build" / "html")
    parser.add_argument("--to", type=Path, default=root / "figures")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"no built site at {args.site}: build the book first")
    done = sync(args.site, args.to)
    print(f"figures/: {done['figures']} figures, {done['written']} files written, "
          f"{done['removed']} removed ({args.to})")


if __name__ == "__main__":
    main()
