"""The ipywidgets explorer in a real JupyterLab: appendix/explore.md opened as a notebook, run,
and its drop-down changed as a reader changes it; the output follows the choice.
Needs JupyterLab and Chromium (the README's first command installs both).
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from bookkit import data
from bookkit.charts import source_line
from test_jupyterlab import lab, open_and_run  # noqa: F401  (fixture)
from test_site import browser  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
PAGE = "appendix/explore.md"
OUTPUT = """() => {
  const area = document.querySelector('.jp-Notebook .widget-output, .jp-Notebook .jupyter-widgets-output-area');
  if (!area) return null;
  const table = area.querySelector('table.bookkit-explore__table');
  return {text: area.innerText, rows: table ? table.querySelectorAll('tbody tr').length : -1,
          chart: !!area.querySelector('svg, img, .vega-embed')};
}"""


def _csv_rows(name: str) -> int:
    with open(data.path(name), newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.DictReader(file))


@pytest.fixture
def page_kept():
    """JupyterLab may save the open page (autosave): the file is put back as it was."""
    before = (ROOT / PAGE).read_bytes()
    yield
    if (ROOT / PAGE).read_bytes() != before:
        (ROOT / PAGE).write_bytes(before)
    shutil.rmtree(ROOT / "appendix" / ".ipynb_checkpoints", ignore_errors=True)


def test_the_widget_explorer_follows_its_drop_down_in_jupyterlab(browser, lab, page_kept):
    context, page, outside = open_and_run(browser, lab, PAGE, min_cells=2)
    menu = page.locator(".jp-Notebook .widget-dropdown select").first
    menu.wait_for(timeout=300_000)
    page.wait_for_function(f"() => {{ const o = ({OUTPUT})(); return o && o.rows > 0; }}", timeout=120_000)
    seen = {}
    for name in ["history_census_1999_born_abroad", "migration_border_exits"]:
        menu.select_option(label=data.metadata(name)["title"])
        page.wait_for_function(f"""(line) => {{ const o = ({OUTPUT})();
            return o && o.text.includes(line) && o.chart; }}""", arg=source_line([name]), timeout=60_000)
        seen[name] = page.evaluate(OUTPUT)
    context.close()
    for name, shown in seen.items():
        meta = data.metadata(name)
        assert meta["title"] in shown["text"]
        assert source_line([name]) in shown["text"]
        assert shown["rows"] == _csv_rows(name)
        assert "<NA>" not in shown["text"] and "nan" not in shown["text"].split()
        others = set(seen) - {name}
        assert not any(source_line([o]) in shown["text"] for o in others)
    assert outside == [], f"requests off the machine: {outside[:5]}"
