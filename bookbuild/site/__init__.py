"""After the HTML build: one pass over the written site.

It moves large chart specifications into cached files (``chart_specs``), says when
``figures/`` no longer matches the site's figures (``figure_files``, which writes the
folder by its own command), and replaces the theme's stylesheets with one purged bundle
and a cut icon font (``stylesheet``). Each step reads the
pages as written, so it also serves pages an incremental build did not rewrite.
"""
from __future__ import annotations

from pathlib import Path


def site_pages(outdir: Path) -> list[Path]:
    """The built site's pages, without the HTML templates and sources under ``_static`` etc."""
    outdir = Path(outdir)
    return sorted(p for p in outdir.rglob("*.html")
                  if not p.relative_to(outdir).parts[0].startswith("_"))


def beside(outdir: Path, what: str) -> Path:
    """Where a step keeps what it needs to remember about the site in ``outdir``: beside the
    site, not in it (nothing of it is published)."""
    outdir = Path(outdir)
    return outdir.parent / f".bookkit-{outdir.name}-{what}"


def run(outdir: Path, figures_dir: Path, log=print) -> None:
    """The whole pass, in the order its steps need (specifications before figures)."""
    from . import chart_specs, figure_files, stylesheet

    outdir, figures_dir = Path(outdir), Path(figures_dir)
    chart_specs.externalize(outdir)
    if not figure_files.is_current(outdir, figures_dir):
        log(f"bookkit: {figures_dir.name}/ does not match the site's figures; "
            "`.venv/bin/python -m bookbuild.site.figure_files` writes them")
    sizes = stylesheet.bundle_site(outdir)
    if sizes:
        log(f"bookkit: {sizes['stylesheets']} stylesheets ({sizes['original_bytes']:,} bytes) "
            f"bundled into {stylesheet.BUNDLE} ({sizes['bundle_bytes']:,} bytes)")
