"""Every figure a reader sees is in the data package, so it can be traced to the report: a
number typed into a chapter, or into the text around a chart or table, that no dataset holds
fails this test.

Covered: the prose of each page (with its figure captions and admonitions), and the text
around charts and tables that the code writes: chart titles, subtitles, notes and
screen-reader descriptions, table captions and notes (string literals passed as ``title=``,
``subtitle=``, ``notes=``, ``description=`` or ``caption=`` in ``bookkit`` and in the
chapters' code cells), and the dataset titles, chart subtitles and table notes of
``data/datapackage.json``. Numbers filled in from data at run time (f-string fields) come
from the data by construction and are not read.

Years, small whole numbers (up to ten, mostly counts of things named in the text) and
references to numbered exhibits or sections ("Table 3.1", "section 4.2") are not figures.
"""
import ast
import json
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


# Keyword arguments whose string literals a reader sees around a chart or table.
SHOWN_KEYWORDS = {"title", "subtitle", "notes", "description", "caption"}
# Report line numbers in the provenance a chart or table shows ("lines 2411-2440").
LINE_REFERENCE = re.compile(r"\blines? \d+(?:\s*(?:-|and|,)\s*\d+)*")


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


def shown_literals(source: str) -> list[str]:
    """String literals passed as SHOWN_KEYWORDS arguments anywhere in ``source``."""
    texts = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg in SHOWN_KEYWORDS:
                texts += [n.value for n in ast.walk(keyword.value)
                          if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return texts


def _code_cells(path: Path) -> str:
    notebook = jupytext.read(path)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code"
                     and not cell.source.lstrip().startswith("%"))


def _package_texts() -> list[str]:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    texts = []
    for resource in package["resources"]:
        texts.append(resource.get("title", ""))
        texts.append(resource.get("chart", {}).get("subtitle", ""))
        texts += resource.get("table_notes", [])
    return texts


SHOWN_SOURCES = {
    **{f"bookkit/{p.name}": lambda p=p: shown_literals(p.read_text(encoding="utf-8"))
       for p in sorted((ROOT / "bookkit").glob("*.py"))},
    **{f"{page} (code cells)": lambda page=page: shown_literals(_code_cells(ROOT / page)) for page in PAGES},
    "data/datapackage.json": _package_texts,
}


def _shown(texts: list[str]) -> str:
    text = "\n".join(texts)
    return EXHIBIT.sub("", LINE_REFERENCE.sub("", MARKUP.sub("", text)))


def _untraced(text: str, data_values: set[float]) -> list[str]:
    figures = [t.rstrip(".,") for t in NUMBER.findall(text) if _is_figure(t.rstrip(".,"))]
    return sorted({t for t in figures if float(t.replace(",", "")) not in data_values})


def _is_figure(token: str) -> bool:
    number = float(token.replace(",", ""))
    is_year = "." not in token and "," not in token and 1800 <= number <= 2030
    return not is_year and not (number <= 10 and number.is_integer())


@pytest.mark.parametrize("page", PAGES)
def test_prose_figures_are_in_the_data(page, data_values):
    figures = [t.rstrip(".,") for t in NUMBER.findall(_prose(page)) if _is_figure(t.rstrip(".,"))]
    untraced = sorted({t for t in figures if float(t.replace(",", "")) not in data_values})
    assert not untraced, f"{page}: figures not found in any dataset: {untraced}"


@pytest.mark.parametrize("source", SHOWN_SOURCES)
def test_chart_and_table_text_figures_are_in_the_data(source, data_values):
    untraced = _untraced(_shown(SHOWN_SOURCES[source]()), data_values)
    assert not untraced, (f"{source}: figures in chart titles, subtitles, notes, descriptions or "
                          f"captions not found in any dataset: {untraced}")


def test_chart_text_is_read(data_values):
    """The collector sees the keyword arguments a chart shows, and nothing else."""
    sample = ('''figure(chart, name="x", title="Up 987,654.3 tonnes", subtitle="Percent, 2013",\n'''
              '''       notes=["Note 1: " + "a 123.45 note"], description=f"{x} bars", format=",.1f")''')
    texts = shown_literals(sample)
    assert "Up 987,654.3 tonnes" in texts and "a 123.45 note" in texts and ",.1f" not in texts
    assert _untraced(_shown(texts), data_values) == ["123.45", "987,654.3"]
    assert len(sum((SHOWN_SOURCES[s]() for s in SHOWN_SOURCES), [])) > 300


def test_the_check_finds_an_untraced_figure(data_values):
    assert 987654.3 not in data_values
    assert _is_figure("987,654.3") and not _is_figure("2013") and not _is_figure("7")
    assert "3.1" not in _prose_sample("as Table 3.1 and Diagrams 3.2 and 3.3 show")


def _prose_sample(text: str) -> str:
    return EXHIBIT.sub("", MARKUP.sub("", text))


# ---------------------------------------------------------------- glossary links

# A page whose use of a glossary word is not the glossary's sense: (page, term) -> reason.
NOT_THE_GLOSSARY_SENSE = {
    ("chapters/business.md", "Bolashak"): "the Bolashak wholesale market, not the scholarship programme",
}
TERM_ROLE = re.compile(r"\{term\}`[^`]*`")


def glossary_forms() -> dict[str, list[str]]:
    """Each glossary term with the ways the chapters write it: singular, plural, spelt out."""
    body = (ROOT / "glossary.md").read_text(encoding="utf-8").split("```{glossary}")[1]
    entries = re.findall(r"^(\S[^\n]*)\n  ([^\n]*)", body, flags=re.M)
    forms = {}
    for term, first_line in entries:
        words = [re.escape(term).replace(r"\ ", r",?\ ")]
        if term.isupper() and ":" in first_line:  # an acronym, spelt out before the colon
            words.append(re.escape(re.sub(r'\s*"[^"]*"', "", first_line.split(":")[0])))
        forms[term] = [w + "s?" for w in words]
    return forms


def first_unlinked_uses(page: str, forms: dict[str, list[str]]) -> list[str]:
    text = "\n".join("" if line.startswith("#") else line for line in _markdown(page).splitlines())
    linked = [m.span() for m in TERM_ROLE.finditer(text)]
    spans = {term: [m.span() for f in fs for m in re.finditer(rf"(?<![\w-]){f}(?![\w-])", text)]
             for term, fs in forms.items()}
    misses = []
    for term, found in spans.items():
        # a word inside another term's name ('Uyghur' in 'Xinjiang Uyghur Autonomous Region') is not a use
        found = sorted(s for s in found if not any(a <= s[0] and s[1] <= b and (a, b) != s
                                                   for other, spans_ in spans.items() if other != term
                                                   for a, b in spans_))
        if not found or (page, term) in NOT_THE_GLOSSARY_SENSE:
            continue
        start, end = found[0]
        in_role = any(a <= start < b for a, b in linked)
        spelt_out_then_linked = re.match(r"\s*\(\{term\}`", text[end:]) is not None
        if not (in_role or spelt_out_then_linked):
            misses.append(f"{term} ({text[max(start - 30, 0):end + 10]!r})")
    return misses


def _markdown(page: str) -> str:
    notebook = jupytext.read(ROOT / page)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("page", PAGES)
def test_glossary_terms_linked_on_first_use(page):
    misses = first_unlinked_uses(page, glossary_forms())
    assert not misses, f"{page}: glossary terms first used without a {{term}} link: {misses}"


def test_glossary_forms_cover_the_spelt_out_names():
    forms = glossary_forms()
    assert len(forms) >= 25
    assert any(re.fullmatch(f, "Asian Infrastructure Investment Bank") for f in forms["AIIB"])
    assert any(re.fullmatch(f, "One Belt, One Road") for f in forms["One Belt One Road"])
    assert NOT_THE_GLOSSARY_SENSE.keys() <= {(p, t) for p in PAGES for t in forms}
