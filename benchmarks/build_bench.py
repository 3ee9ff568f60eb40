"""Measure build and rebuild times of a checkout of the book; prints figures, asserts nothing.

usage: .venv/bin/python benchmarks/build_bench.py [--runs N] [--book PATH] [--pdf]

The book at PATH (default: this checkout) is copied to a temporary folder and built there
with its own package first on the path, so two checkouts (today's main and a branch) can be
measured one after the other with the same tools. Scenarios, each run N times (medians):

  clean        : empty _build, build the site (executes every page)
  no-change    : build again with nothing changed (expect 0 executed)
  prose-edit   : change a sentence of one chapter's prose (expect 0 executed)
  code-edit    : change one chart's code of the migration chapter (expect it alone)
  style-edit   : change the house style, bookkit/theme.py (expect the pages drawing charts)
  data-edit    : change the description of one dataset (expect only its readers)
  pdf          : with --pdf, the PDF build right after the site (reuses the executions)

For each scenario it prints the pages executed; for the clean build, each page's execution
seconds, as the build logged them.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JB = str(Path(sys.executable).parent / "jupyter-book")
SKIP = {"_build", ".venv", "figures", "downloads", ".git", "node_modules", "__pycache__"}
EXECUTED = [re.compile(r"/([\w/-]+)\.md: Executed notebook in ([\d.]+) seconds"),
            re.compile(r"bookkit: executed ([\w/-]+) in ([\d.]+) s \(parallel\)")]


def build(book: Path, *args: str) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    out = subprocess.run([JB, "build", str(book), *(args or ("-n", "-W", "--keep-going"))],
                         capture_output=True, text=True, cwd=book,
                         env={**os.environ, "PYTHONPATH": str(book)})
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"build failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    log = out.stdout + out.stderr
    pages = {}
    for pattern in EXECUTED:
        for name, seconds in pattern.findall(log):
            name = re.sub(r"^.*?/?((chapters|appendix)/[\w-]+|[\w-]+)$", r"\1", name)
            pages[name] = float(seconds)
    return elapsed, pages


def edit_prose(book: Path, i: int) -> None:
    chapter = book / "chapters" / "migration.md"
    text = chapter.read_text()
    chapter.write_text(text.replace("This chapter follows section 3 of the report.",
                                    f"This chapter (edit {i}) follows section 3 of the report.", 1))


def edit_code(book: Path, i: int) -> None:
    """One chart's code: in its chapter cell where the chapter holds it, else its module."""
    chapter = book / "chapters" / "migration.md"
    text = chapter.read_text()
    marker = 'glue("fig-crossings-totals", figure('
    if marker in text:
        chapter.write_text(text.replace(marker, f"# code edit {i}\n" + marker, 1))
    else:
        with open(book / "bookkit" / "migration.py", "a") as module:
            module.write(f"\n# code edit {i}\n")


def edit_style(book: Path, i: int) -> None:
    with open(book / "bookkit" / "theme.py", "a") as module:
        module.write(f"\n# style edit {i}\n")


def edit_dataset(book: Path, i: int) -> None:
    package = book / "data" / "datapackage.json"
    descriptor = json.loads(package.read_text())
    for resource in descriptor["resources"]:
        if resource["name"] == "migration_refugees":
            resource["description"] += f" (edit {i})"
    package.write_text(json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--book", type=Path, default=ROOT)
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args()
    scenarios = [("clean", None), ("no-change", None), ("prose-edit", edit_prose),
                 ("code-edit", edit_code), ("style-edit", edit_style), ("data-edit", edit_dataset)]
    times = {name: [] for name, _ in scenarios}
    executed = {name: [] for name, _ in scenarios}
    if args.pdf:
        times["pdf"], executed["pdf"] = [], []
    clean_pages: list[dict[str, float]] = []
    for i in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="book-bench-")) / "book"
        shutil.copytree(args.book, work, ignore=lambda d, names: [n for n in names if n in SKIP])
        (work / "figures").mkdir(exist_ok=True)
        try:
            for name, prepare in scenarios:
                if prepare:
                    prepare(work, i)
                seconds, pages = build(work)
                times[name].append(seconds)
                executed[name].append(sorted(pages))
                if name == "clean":
                    clean_pages.append(pages)
            if args.pdf:
                seconds, pages = build(work, "--builder", "pdflatex")
                times["pdf"].append(seconds)
                executed["pdf"].append(sorted(pages))
        finally:
            shutil.rmtree(work.parent, ignore_errors=True)
    print(f"book: {args.book}  runs: {args.runs} (medians; every run in brackets)")
    for name in times:
        runs = ", ".join(f"{t:.1f}" for t in times[name])
        counts = [len(e) for e in executed[name]]
        print(f"{name:11s} {statistics.median(times[name]):7.1f} s  [{runs}]  "
              f"executed {statistics.median(counts):g}: {', '.join(executed[name][-1]) or '-'}")
    print("clean build, execution seconds per page (median):")
    for page in sorted({p for run in clean_pages for p in run}):
        values = [run[page] for run in clean_pages if page in run]
        print(f"  {page:24s} {statistics.median(values):6.1f}")
    print(f"  {'sum':24s} {sum(statistics.median([r[p] for r in clean_pages if p in r]) for p in {p for r in clean_pages for p in r}):6.1f}")


if __name__ == "__main__":
    main()
