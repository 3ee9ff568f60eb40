"""Let nbval execute the chapters, which are MyST Markdown notebooks read with jupytext.

`pytest --nbval-lax` collects every executable page (``.md`` with a kernelspec) as a notebook and runs each
code cell in a fresh kernel; a cell that raises (a failed data check, a bad data file)
fails the test.
"""
from pathlib import Path

import jupytext
import pytest
from nbval import plugin as nbval_plugin

ROOT = Path(__file__).parent
NOTEBOOK_DIRS = {ROOT, ROOT / "chapters", ROOT / "appendix"}


def _is_notebook(path: Path) -> bool:
    """A MyST Markdown page of the book with a kernel, i.e. an executable notebook."""
    if path.suffix != ".md" or path.parent not in NOTEBOOK_DIRS:
        return False
    head = path.read_text(encoding="utf-8")[:600]
    return head.startswith("---") and "kernelspec:" in head


class MystNotebookFile(nbval_plugin.IPyNbFile):
    def collect(self):
        # nbval reads notebooks with nbformat; hand it the jupytext reading of the .md instead.
        original = nbval_plugin.nbformat.read
        nbval_plugin.nbformat.read = lambda path, as_version=4: jupytext.read(path)
        try:
            yield from super().collect()
        finally:
            nbval_plugin.nbformat.read = original


def pytest_collect_file(file_path: Path, parent):
    options = parent.config.option
    if not (options.nbval or options.nbval_lax):
        return None
    if _is_notebook(file_path):
        return MystNotebookFile.from_parent(parent, path=file_path)
    return None
