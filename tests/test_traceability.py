"""Every figure in the prose of the book is in the data package, so it can be traced to the
report: a number typed into a chapter that no dataset holds fails this test.

Years, small whole numbers (up to ten, mostly counts of things named in the text) and
references to numbered exhibits or sections ("Table 3.1", "section 4.2") are not figures.
"""
import re
from pathlib import Path

import jupytext
import pytest

from bookkit import data

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(str(p.relative_to(ROOT)) for p in [*ROOT.glob("chapters/*.md"), ROOT / "intro.md"])
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
# Roles, labels and references whose numbers are not figures.
MARKUP = re.compile(r"\{(?:num)?ref\}`[^`]*`|\{cite:[pt]\}`[^`]*`|\{term\}`[^`]*`"
                    r"|\{glue:text\}`[^`]*`|\([\w-]+\)=|:name: .*|`[^`]*`")
EXHIBIT = re.compile(r"(?:Tables?|Diagrams?|Graphs?|Figures?|Fig\.|Box(?:es)?|Charts?|Notes?|Schemes?|"
                     r"Infographics?|[Ss]ections?|Articles?|chapters?|maps?)\s+\d+(?:\.\d+)*(?:\s*(?:and|to|,)\s*\d+(?:\.\d+)*)*")


@pytest.fixture(scope="module")
def data_values() -> set[float]:
    values = set()
    for name in data.names():
        for column in data.load(name).astype("string").itertuples(index=False):
            for cell in column:
                if cell is None or str(cell) == "<NA>":
                    continue
                for token in NUMBER.findall(str(cell)):
                    values.add(float(token.replace(",", "")))
    return values


def _prose(path: str) -> str:
    notebook = jupytext.read(ROOT / path)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return EXHIBIT.sub("", MARKUP.sub("", text))


def _is_figure(token: str) -> bool:
    number = float(token.replace(",", ""))
    is_year = "." not in token and "," not in token and 1800 <= number <= 2030
    return not is_year and not (number <= 10 and number.is_integer())


@pytest.mark.parametrize("page", PAGES)
def test_prose_figures_are_in_the_data(page, data_values):
    figures = [t.rstrip(".,") for t in NUMBER.findall(_prose(page)) if _is_figure(t.rstrip(".,"))]
    untraced = sorted({t for t in figures if float(t.replace(",", "")) not in data_values})
    assert not untraced, f"{page}: figures not found in any dataset: {untraced}"


def test_the_check_finds_an_untraced_figure(data_values):
    assert 987654.3 not in data_values
    assert _is_figure("987,654.3") and not _is_figure("2013") and not _is_figure("7")
    assert "3.1" not in _prose_sample("as Table 3.1 and Diagrams 3.2 and 3.3 show")


def _prose_sample(text: str) -> str:
    return EXHIBIT.sub("", MARKUP.sub("", text))
