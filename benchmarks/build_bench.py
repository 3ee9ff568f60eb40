"""Measure build and rebuild times and page weight; prints figures, asserts nothing.

usage: .venv/bin/python benchmarks/build_bench.py [--runs N]

Scenarios (each run N times, medians reported):
  clean        : empty _build, build the site (executes every chapter)
  no-change    : build again with nothing changed
  prose-edit   : change a sentence of one chapter's prose (expect 0 notebooks executed)
  data-edit    : change the description of one dataset (expect only its readers executed)
Then the bytes of each chapter's HTML page, excluding shared assets in _static.
The edited files and any existing _build folder are backed up first and restored at the end;
do not edit the book while it runs.
"""
import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JB = [str(Path(sys.executable).parent / "jupyter-book")]


def build(book: Path) -> tuple[float, int]:
    start = time.perf_counter()
    out = subprocess.run([*JB, "build", str(book), "-n", "-W", "--keep-going"],
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"build failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return elapsed, len(re.findall(r"Executed notebook in", out.stdout + out.stderr))



def edit_prose(book: Path, i: int) -> None:
    chapter = book / "chapters" / "migration.md"
    text = chapter.read_text()
    chapter.write_text(text.replace("This chapter follows section 3 of the report.",
                                    f"This chapter (edit {i}) follows section 3 of the report.", 1))


def edit_dataset(book: Path, i: int) -> None:
    package = book / "data" / "datapackage.json"
    descriptor = json.loads(package.read_text())
    for resource in descriptor["resources"]:
        if resource["name"] == "migration_refugees":
            resource["description"] += f" (edit {i})"
    package.write_text(json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n")


def readers_of(book: Path, dataset: str) -> list[str]:
    deps = book / "_build" / ".bookkit-deps"
    return sorted(json.loads(p.read_text())["docname"] for p in deps.glob("*.json")
                  if dataset in json.loads(p.read_text())["datasets"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # bookkit reads data from this repository (editable install), so the benchmark builds the
    # repository itself and puts back every file it edits.
    results = {k: [] for k in ("clean", "no-change", "prose-edit", "data-edit")}
    executed = {k: [] for k in results}
    book = ROOT
    backup = {p: p.read_bytes() for p in (ROOT / "chapters" / "migration.md",
                                          ROOT / "data" / "datapackage.json")}
    build_dir = ROOT / "_build"
    saved = Path(tempfile.mkdtemp(prefix="book-bench-saved-"))
    if build_dir.exists():
        shutil.move(str(build_dir), saved / "_build")
    try:
        for i in range(args.runs):
            shutil.rmtree(build_dir, ignore_errors=True)
            for name, prepare in (("clean", None), ("no-change", None),
                                  ("prose-edit", edit_prose), ("data-edit", edit_dataset)):
                if prepare:
                    prepare(book, i)
                seconds, n = build(book)
                results[name].append(seconds)
                executed[name].append(n)
            for path, content in backup.items():
                path.write_bytes(content)
        readers = readers_of(book, "migration_refugees")
    finally:
        for path, content in backup.items():
            path.write_bytes(content)
        shutil.rmtree(build_dir, ignore_errors=True)
        if (saved / "_build").exists():
            shutil.move(str(saved / "_build"), build_dir)
    print(f"runs: {args.runs} (medians; all runs in brackets)")
    for name in results:
        times = ", ".join(f"{t:.1f}" for t in results[name])
        print(f"{name:11s} {statistics.median(results[name]):7.1f} s  [{times}]  "
              f"notebooks executed: {statistics.median(executed[name]):g} {executed[name]}")
    print(f"data-edit changed migration_refugees; chapters that read it: {readers}")
    site = build_dir / "html"
    if site.is_dir():
        print("chapter HTML bytes (excluding shared _static assets):")
        for page in sorted((site / "chapters").glob("*.html")):
            print(f"  {page.relative_to(site)}: {page.stat().st_size:,}")
        shared = sum(p.stat().st_size for p in (site / "_static").rglob("*") if p.is_file())
        print(f"shared _static assets: {shared:,} bytes")


if __name__ == "__main__":
    main()
