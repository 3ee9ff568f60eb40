"""One name per figure: its label, its glue key, its chart's name and its file in figures/.

Read from the chapters' sources (cells and figure blocks) and from the built site.
"""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
FIGURE_BLOCK = re.compile(r"^```\{glue:figure\} (\S+)\n:name: (\S+)", re.M)
GLUED_FIGURE = re.compile(r'glue\("([^"]+)",\s*figure\((?:[^()]|\([^()]*\))*?\bname="([^"]+)"', re.S)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_label_glue_key_and_chart_name_are_one_name(chapter):
    text = chapter.read_text(encoding="utf-8")
    blocks = FIGURE_BLOCK.findall(text)
    glued = GLUED_FIGURE.findall(text)
    assert all(key == label for key, label in blocks), [b for b in blocks if b[0] != b[1]]
    assert all(key == name for key, name in glued), [g for g in glued if g[0] != g[1]]
    glued_here = set(re.findall(r'glue\("([^"]+)"', text))
    missing = {key for key, _ in blocks} - glued_here
    assert not missing, f"figures whose code is not in the chapter: {sorted(missing)}"


def test_every_figure_of_the_site_has_its_files_under_its_name():
    site = ROOT / "_build" / "html" / "chapters"
    if not site.is_dir():
        pytest.fail("build the site first")
    names = {name for page in site.glob("*.html")
             for name in re.findall(r'data-figure="([^"]+)"', page.read_text(encoding="utf-8"))}
    labels = {label for chapter in CHAPTERS for _, label in FIGURE_BLOCK.findall(chapter.read_text())
              if label.startswith("fig-")}
    assert names == labels, (sorted(names - labels), sorted(labels - names))
    for name in names:
        assert name.startswith("fig-"), name
        for suffix in (".svg", ".png"):
            assert (ROOT / "figures" / f"{name}{suffix}").is_file(), f"figures/{name}{suffix}"
