"""Throwaway copies of the book for tests that build it (freshness, escaping, bad input).

A copy holds the book's tracked sources (no ``_build``, ``.venv``, ``figures``) and imports
its own ``bookkit`` (``PYTHONPATH``), so a test may edit data, code or pages and build it
with the project's real ``jupyter-book`` without touching the working tree. ``pages`` cuts
the table of contents down to a few pages, which keeps a build to seconds.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
_SKIP = {"_build", ".venv", "figures", "downloads", ".git", ".pytest_cache", "node_modules",
         "__pycache__", "benchmarks", ".github"}


def copy_book(target: Path, pages: list[str] | None = None) -> Path:
    """Copy the book's sources to ``target``; with ``pages``, the TOC lists only those
    (docnames such as ``"appendix/data-notes"``) after the landing page."""
    target = Path(target)
    shutil.copytree(ROOT, target, ignore=lambda folder, names: [n for n in names if n in _SKIP
                                                               or n.endswith(".egg-info")])
    (target / "figures").mkdir(exist_ok=True)
    if pages is not None:
        lines = ["format: jb-book", "root: index", "chapters:"]
        lines += [f"  - file: {page}" for page in pages]
        (target / "_toc.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def write_page(book: Path, docname: str, body: str) -> Path:
    """Write an executable MyST page (the chapters' jupytext header) with ``body``."""
    header = ("---\njupytext:\n  text_representation:\n    extension: .md\n"
              "    format_name: myst\nkernelspec:\n  display_name: Python 3\n"
              "  language: python\n  name: python3\n---\n\n")
    page = Path(book) / f"{docname}.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(header + body, encoding="utf-8")
    return page


def build(book: Path, *args: str, check: bool = True, timeout: float = 600,
          env: dict | None = None) -> subprocess.CompletedProcess:
    """``jupyter-book build book *args`` with the copy's own package first on the path."""
    environment = {**os.environ, "PYTHONPATH": str(book), **(env or {})}
    for name in ("BOOKKIT_BUILD", "BOOKKIT_INPUTS_FILE"):  # as a shell starts it
        environment.pop(name, None)
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(book), *args], cwd=book,
                            env=environment, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"build of {book} failed ({result.returncode}):\n"
                             f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


def page_text(book: Path, docname: str, builder: str = "html") -> str:
    return (Path(book) / "_build" / builder / f"{docname}.html").read_text(encoding="utf-8")
