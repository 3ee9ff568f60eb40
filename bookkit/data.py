"""Load datasets by name from the data package, validated against their schemas.

Every chapter reads its numbers through :func:`load`. A dataset that does not match its
schema stops execution with a :class:`DataError` naming the file, the row and the column.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
PACKAGE_FILE = DATA_DIR / "datapackage.json"

# Frictionless field types -> pandas dtypes (nullable, so a blank stays missing).
_DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}


class DataError(ValueError):
    """A data file does not match its description in datapackage.json."""


def _package() -> dict:
    return _read_package(PACKAGE_FILE, PACKAGE_FILE.stat().st_mtime_ns if PACKAGE_FILE.exists() else 0)


@functools.lru_cache(maxsize=4)
def _read_package(package_file: Path, _mtime: int) -> dict:
    try:
        return json.loads(package_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{_rel(package_file)}: the data package descriptor is missing") from None
    except json.JSONDecodeError as err:
        raise DataError(f"{_rel(package_file)}, line {err.lineno}: not valid JSON ({err.msg})") from None


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def names() -> list[str]:
    """Names of every dataset in the package, in package order."""
    return [r["name"] for r in _package()["resources"]]


def metadata(name: str) -> dict:
    """The resource descriptor of one dataset (title, description, schema, provenance)."""
    descriptor = _descriptor(name)
    _record_dependency(name)
    return descriptor


def _descriptor(name: str) -> dict:
    for resource in _package()["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(sorted(names()))
    raise DataError(f"no dataset named {name!r} in {_rel(PACKAGE_FILE)}; known datasets: {known}")


def path(name: str) -> Path:
    return DATA_DIR / _descriptor(name)["path"]


def field(name: str, column: str) -> dict:
    """The schema entry of one column of a dataset."""
    for f in _descriptor(name)["schema"]["fields"]:
        if f["name"] == column:
            return f
    raise DataError(f"{_rel(path(name))}: no column {column!r} in its schema")


def _validate(name: str) -> None:
    """Validate one resource with Frictionless; raise DataError on the first problems."""
    from frictionless import Resource

    descriptor = _descriptor(name)
    csv_path = path(name)
    if not csv_path.is_file():
        raise DataError(f"{_rel(csv_path)}: file not found (dataset {name!r})")
    resource = Resource(descriptor, basepath=str(DATA_DIR))
    report = resource.validate()
    if report.valid:
        return
    problems = []
    for err in report.flatten(["rowNumber", "fieldName", "fieldNumber", "type", "message"]):
        row, column, number, kind, note = err
        where = [_rel(csv_path)]
        if row:
            where.append(f"row {row}")
        if column or number:
            where.append(f"column {column!r}" if column else f"column {number}")
        problems.append(f"{', '.join(where)}: {kind}: {note}")
    shown = "\n  ".join(problems[:10])
    more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
    raise DataError(f"dataset {name!r} does not match its schema:\n  {shown}{more}")


def load(name: str) -> pd.DataFrame:
    """Return one dataset as a DataFrame, typed from its schema, after validating it."""
    _validate(name)
    schema = _descriptor(name)["schema"]
    dtypes = {f["name"]: _DTYPES.get(f["type"], "string") for f in schema["fields"]}
    frame = pd.read_csv(path(name), dtype=dtypes, keep_default_na=False,
                        na_values=schema.get("missingValues", [""]))
    _record_dependency(name)
    return frame


# --- dependency tracking, so that an edited data file re-executes the chapters that read it ---

def deps_dir() -> Path:
    """Where executing chapters record what they read (set by the Sphinx extension)."""
    return Path(os.environ.get("BOOKKIT_DEPS_DIR", ROOT / "_build" / ".bookkit-deps"))


def read_text(relative: str) -> str:
    """A non-tabular file under data/ (e.g. map outlines), recorded as an input like a dataset."""
    text = (DATA_DIR / relative).read_text(encoding="utf-8")
    _record_dependency(FILE_PREFIX + relative)
    return text


FILE_PREFIX = "file:"


def fingerprint(name: str) -> str:
    """Hash of a dataset's CSV and its descriptor (or of a file read with read_text)."""
    if name.startswith(FILE_PREFIX):
        file = DATA_DIR / name[len(FILE_PREFIX):]
        return hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "missing"
    digest = hashlib.sha256(json.dumps(_descriptor(name), sort_keys=True).encode())
    csv_path = path(name)
    if csv_path.is_file():
        digest.update(csv_path.read_bytes())
    return digest.hexdigest()


# Modules only Sphinx runs, never a chapter's kernel: editing them re-executes nothing.
BUILD_ONLY_MODULES = {"sphinx_ext.py", "editions.py", "page_tweaks.py", "site_css.py", "chart_specs.py",
                      "citations.py"}


def package_fingerprint() -> str:
    """Hash of the shared package's source code that chapters execute."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        if source.name in BUILD_ONLY_MODULES:
            continue
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()


def manifest_path(docname: str) -> Path:
    """Where the record of what ``docname`` read during its last execution is kept."""
    return deps_dir() / f"{docname.replace('/', '__')}.json"


def _manifest_path() -> Path | None:
    docname = os.environ.get("BOOKKIT_DOCNAME")
    return manifest_path(docname) if docname else None


def start_manifest() -> None:
    """Begin a fresh record of what the executing chapter reads (called on import)."""
    manifest = _manifest_path()
    if manifest is None:
        return
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"docname": os.environ["BOOKKIT_DOCNAME"],
                                    "package": package_fingerprint(), "datasets": {}}))


def _record_dependency(name: str) -> None:
    manifest = _manifest_path()
    if manifest is None or not manifest.is_file():
        return
    record = json.loads(manifest.read_text())
    record["datasets"][name] = fingerprint(name)
    manifest.write_text(json.dumps(record, indent=1, sort_keys=True))
