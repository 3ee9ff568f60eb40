"""What an executing page read, so that the build can tell when its outputs went stale.

Jupyter Book's execution cache keys a page on the text of its code cells only. While the
book is built, each executing page keeps a record of its other inputs, each with a
fingerprint (a hash of what was read):

* ``dataset:<name>``: a dataset's CSV file and its descriptor in ``datapackage.json``;
* ``datasets``: the list of the package's datasets (pages that go through all of them);
* ``file:<path>``: another file under ``data/`` (map outlines);
* ``module:<name>``: a module of this package the page imported, by its source;
* ``libraries``: the versions of the libraries that shape the outputs.

The Sphinx extension names the record's file (``BOOKKIT_INPUTS_FILE``) before the page
executes, and before the next build compares every fingerprint with the files on disk
(:func:`changed`). Outside a build (JupyterLab, nbval) nothing is recorded.
"""
from __future__ import annotations

import hashlib
import importlib.abc
import importlib.metadata
import json
import os
import sys
from pathlib import Path

RECORD_ENV = "BOOKKIT_INPUTS_FILE"
BUILD_ENV = "BOOKKIT_BUILD"  # "1" in the kernels the book's build starts
PACKAGE = __name__.split(".")[0]
PACKAGE_DIR = Path(__file__).resolve().parent
LIBRARIES = ("altair", "vl-convert-python", "pandas", "numpy", "frictionless", "myst-nb")

_record: dict[str, str] = {}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _module_file(name: str) -> Path:
    parts = name.split(".")[1:]
    module = PACKAGE_DIR.joinpath(*parts)
    return module / "__init__.py" if module.is_dir() else module.with_suffix(".py")


def fingerprint(key: str) -> str:
    """The current fingerprint of one input (``"missing"`` if it no longer exists)."""
    from . import data

    kind, _, name = key.partition(":")
    if kind == "module":
        file = _module_file(name)
        return _sha(file.read_bytes()) if file.is_file() else "missing"
    if kind == "file":
        file = data.DATA_DIR / name
        return _sha(file.read_bytes()) if file.is_file() else "missing"
    if kind == "datasets":
        return _sha(json.dumps([r["name"] for r in data._resources()]).encode())
    if kind == "libraries":
        return _sha(json.dumps([_version(lib) for lib in LIBRARIES]).encode())
    if kind == "dataset":
        try:
            return data.fingerprint(name)
        except data.DataError:  # renamed or removed from the package
            return "missing"
    raise ValueError(f"unknown kind of input: {key!r}")


def _version(library: str) -> str:
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def changed(record: dict[str, str], known: dict[str, str] | None = None) -> list[str]:
    """The inputs of a record whose fingerprint is no longer the one recorded; ``known``
    keeps the fingerprints taken, for the next record checked in the same pass."""
    known = {} if known is None else known
    for key in record:
        if key not in known:
            known[key] = fingerprint(key)
    return [key for key, digest in record.items() if known[key] != digest]


def note(key: str) -> None:
    """Add one input to the executing page's record (a no-op outside a build)."""
    target = os.environ.get(RECORD_ENV)
    if not target or _record.get(key) is not None:
        return
    _record[key] = fingerprint(key)
    tmp = Path(f"{target}.{os.getpid()}.tmp")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(json.dumps(_record, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(target)


class _ImportRecorder(importlib.abc.MetaPathFinder):
    """Notes every module of this package the page imports; finds nothing itself."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.startswith(PACKAGE + "."):
            note(f"module:{fullname}")
        return None


def start() -> None:
    """Begin the record of an executing page (called when the package is imported)."""
    if not os.environ.get(RECORD_ENV):
        return
    _record.clear()
    note("libraries")
    for name in sorted(sys.modules):
        if name == PACKAGE or name.startswith(PACKAGE + "."):
            note(f"module:{name}")
    if not any(isinstance(finder, _ImportRecorder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _ImportRecorder())
