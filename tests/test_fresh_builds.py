"""Every edit-and-rebuild path gives a fresh site: real builds of a small copy of the book.

The tests run in file order on one copy (a module fixture), each one a scenario that leaves
the copy built and correct for the next; together they take a few minutes. The copy's pages
are the landing page, the notes on the data and a probe chapter that shows one dataset as a
numbered table (captioned with the dataset's title) and as a chart.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from book_copy import JUPYTER_BOOK, build, copy_book, page_text, write_page

DATASET = "history_ethnic_composition_2006"
PROBE = f"""(ch-probe)=
# Probe

```{{code-cell}} ipython3
:tags: [remove-input]
from bookkit import *
import altair as alt
frame = load("{DATASET}")
table(frame.head(3), dataset="{DATASET}", name="tbl-probe")
```

```{{code-cell}} ipython3
:tags: [remove-input]
figure(alt.Chart(frame).mark_point().encode(x="ethnic_group:N", y="percent:Q"),
       name="probe-chart", datasets="{DATASET}", title="Probe chart",
       description="One point per group.")
```
"""
# A test-only extension: stops the build while it writes the probe page, as Ctrl-C would.
INTERRUPT_EXT = '''import os

def _interrupt(app, pagename, *args):
    if pagename == os.environ.get("INTERRUPT_AT"):
        raise KeyboardInterrupt

def setup(app):
    app.connect("html-page-context", _interrupt)
    return {"parallel_read_safe": True}
'''


def executed(result: subprocess.CompletedProcess) -> set[str]:
    """The pages a build executed: by myst-nb as it read them, or before, in parallel."""
    log = result.stdout + result.stderr
    return {f"{folder}/{name}" for folder, name in re.findall(
        r"/(chapters|appendix)/([\w-]+)\.md: Executing notebook", log)} | set(re.findall(
        r"bookkit: executed ((?:chapters|appendix)/[\w-]+) in [\d.]+ s \(parallel\)", log))


def set_title(book: Path, title: str) -> None:
    """Retitle the probe's dataset, and change the source line of its chart with it."""
    package_file = book / "data" / "datapackage.json"
    package = json.loads(package_file.read_text())
    for resource in package["resources"]:
        if resource["name"] == DATASET:
            resource["title"] = title
            resource["report"]["cited_source"] = f"An agency named for {title}"
    package_file.write_text(json.dumps(package, indent=1, ensure_ascii=False))


def probe_shows(book: Path, title: str, docname: str = "chapters/probe") -> bool:
    return title in page_text(book, docname)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    book = copy_book(tmp_path_factory.mktemp("fresh") / "book",
                     pages=["chapters/probe", "appendix/data-notes"])
    write_page(book, "chapters/probe", PROBE)
    (book / "interrupt_ext.py").write_text(INTERRUPT_EXT)
    config = (book / "_config.yml").read_text()
    (book / "_config.yml").write_text(config.replace("local_extensions:\n",
                                                     "local_extensions:\n    interrupt_ext: .\n"))
    build(book)
    return book


def test_a_rebuild_without_changes_executes_nothing(book):
    assert executed(build(book)) == set()


def test_an_edit_to_a_module_no_page_imports_executes_nothing(book):
    with open(book / "bookkit" / "explore.py", "a") as module:
        module.write("\n# an edited comment\n")
    assert executed(build(book)) == set()


def test_an_edit_to_a_module_the_pages_import_executes_them(book):
    with open(book / "bookkit" / "markup.py", "a") as module:
        module.write("\n# an edited comment\n")
    assert executed(build(book)) == {"chapters/probe", "appendix/data-notes"}


def test_an_edit_to_the_house_style_executes_only_the_pages_that_draw_charts(book):
    with open(book / "bookkit" / "theme.py", "a") as module:
        module.write("\n# an edited comment\n")
    assert executed(build(book)) == {"chapters/probe"}


def test_an_edit_to_the_build_code_rewrites_every_page_without_executing(book):
    """Sphinx rewrites only the pages it finds outdated; a change to the extension's own code
    (what it adds to every page) must reach them all, from the execution cache."""
    page = book / "_build" / "html" / "appendix" / "data-notes.html"
    before = page.stat().st_mtime_ns
    with open(book / "bookbuild" / "furniture.py", "a") as module:
        module.write("\n# an edited comment\n")
    assert executed(build(book)) == set()
    assert page.stat().st_mtime_ns != before


def test_a_data_edit_reaches_its_reader(book):
    set_title(book, "Title after a data edit")
    result = build(book)
    assert "chapters/probe" in executed(result)
    assert probe_shows(book, "Title after a data edit")


def test_the_fix_after_a_failed_build_gives_fresh_pages(book):
    csv = book / "data" / f"{DATASET}.csv"
    good = csv.read_text()
    set_title(book, "Title while the data are broken")
    csv.write_text(good.replace(",", ",not-a-number,", 1).replace("\n", ",x\n", 1))
    assert build(book, check=False).returncode != 0
    csv.write_text(good)
    build(book)
    assert probe_shows(book, "Title while the data are broken")
    assert "Title while the data are broken" in page_text(book, "appendix/data-notes")


def test_a_failed_build_sums_up_every_failing_page(book):
    broken = {book / "data" / f"{DATASET}.csv": None, book / "data" / "discrepancies.csv": None}
    for csv in broken:
        broken[csv] = csv.read_text()
        header, first, *rest = broken[csv].splitlines(keepends=True)
        csv.write_text(header + first + first + "".join(rest))  # a duplicated key
    result = build(book, check=False)
    for csv, good in broken.items():
        csv.write_text(good)
    assert result.returncode != 0
    tail = (result.stdout + result.stderr)[-4000:]
    assert "2 page(s) failed to execute" in tail
    for docname, csv in (("chapters/probe", f"{DATASET}.csv"), ("appendix/data-notes", "discrepancies.csv")):
        assert re.search(rf"{docname}: DataError: data/{re.escape(csv)}, row 3", tail), tail
    build(book)


def test_a_new_dataset_appears_on_the_pages_that_list_datasets(book):
    package_file = book / "data" / "datapackage.json"
    package = json.loads(package_file.read_text())
    new = json.loads(json.dumps(next(r for r in package["resources"] if r["name"] == DATASET)))
    new.update(name="probe_new_dataset", path="probe_new_dataset.csv",
               title="A dataset added later", notes=["A transcription note of the new dataset."])
    package["resources"].append(new)
    package_file.write_text(json.dumps(package, indent=1, ensure_ascii=False))
    shutil.copyfile(book / "data" / f"{DATASET}.csv", book / "data" / "probe_new_dataset.csv")
    build(book)
    assert "A dataset added later" in page_text(book, "appendix/data-notes")


def test_the_site_is_fresh_after_a_pdf_build(book):
    set_title(book, "Title first built for print")
    build(book, "--builder", "latex")
    build(book)
    assert probe_shows(book, "Title first built for print")


def test_an_interrupted_write_is_finished_by_the_next_build(book):
    set_title(book, "Title of an interrupted build")
    assert build(book, check=False, env={"INTERRUPT_AT": "chapters/probe"}).returncode != 0
    build(book)
    assert probe_shows(book, "Title of an interrupted build")


def test_a_book_moved_with_its_build_folder_still_follows_its_data(book, tmp_path):
    moved = tmp_path / "moved-book"
    shutil.copytree(book, moved, symlinks=True)
    set_title(moved, "Title after the move")
    result = build(moved)
    assert "chapters/probe" in executed(result)
    assert probe_shows(moved, "Title after the move")


def test_a_renamed_chapter_leaves_no_old_page_and_still_follows_its_data(book):
    (book / "chapters" / "probe.md").rename(book / "chapters" / "probe-renamed.md")
    toc = book / "_toc.yml"
    toc.write_text(toc.read_text().replace("chapters/probe", "chapters/probe-renamed"))
    build(book)
    html = book / "_build" / "html"
    assert not (html / "chapters" / "probe.html").exists()
    linking = [p.name for p in html.rglob("*.html") if "probe.html" in p.read_text()]
    assert linking == []
    set_title(book, "Title after the rename")
    result = build(book)
    assert "chapters/probe-renamed" in executed(result)
    assert probe_shows(book, "Title after the rename", "chapters/probe-renamed")


def write_figures(book: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "bookbuild.site.figure_files"], cwd=book,
                            env={**os.environ, "PYTHONPATH": str(book)}, capture_output=True,
                            text=True, check=True)
    return result.stdout


def test_the_build_says_when_figures_is_stale_and_its_command_restores_it(book):
    write_figures(book)
    assert "does not match the site's figures" not in build(book).stdout
    shutil.rmtree(book / "figures")
    result = build(book)
    assert "figures/ does not match the site's figures" in result.stdout
    assert not (book / "figures").exists()  # an HTML build leaves the folder alone
    assert "2 files written" in write_figures(book)
    assert (book / "figures" / "probe-chart.svg").is_file()
    assert (book / "figures" / "probe-chart.png").is_file()
    assert "does not match the site's figures" not in build(book).stdout


def test_only_chart_specifications_in_use_are_published(book):
    set_title(book, "Title of a chart whose specification changed")
    build(book)
    html = book / "_build" / "html"
    used = {m for p in html.rglob("*.html")
            for m in re.findall(r'data-spec="([0-9a-f]+)"', p.read_text())}
    published = {p.stem for p in (html / "_static" / "chart-specs").glob("*.js")}
    assert used and published == used


def test_a_second_build_at_the_same_time_waits_for_the_first(book):
    set_title(book, "Title of two builds at once")
    environment = {"PYTHONPATH": str(book)}
    first = subprocess.Popen([str(JUPYTER_BOOK), "build", str(book)], cwd=book, text=True,
                             env={**os.environ, **environment}, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    time.sleep(3)
    second = build(book, check=False)
    first_out, _ = first.communicate(timeout=600)
    assert first.returncode == 0, first_out[-3000:]
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    # Whichever took the lock first, the other waited for it and said so.
    assert "another build" in second.stdout + second.stderr + first_out
    assert probe_shows(book, "Title of two builds at once", "chapters/probe-renamed")
