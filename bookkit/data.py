"""Load datasets by name from the data package, validated against their schemas.

Every chapter reads its numbers through :func:`load`. A dataset that does not match its
schema stops execution with a :class:`DataError` naming the file, the row and the column.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is read: the build's own process needs none
    import pandas as pd

from . import inputs

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
    inputs.note("datasets")
    return [r["name"] for r in _resources()]


def _resources() -> list[dict]:
    resources = _package().get("resources")
    if not isinstance(resources, list):
        raise DataError(f"{_rel(PACKAGE_FILE)}: no list of \"resources\"")
    for number, resource in enumerate(resources, start=1):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise DataError(f"{_rel(PACKAGE_FILE)}: resource {number} has no name")
    return resources


def metadata(name: str) -> dict:
    """The resource descriptor of one dataset (title, description, schema, provenance)."""
    descriptor = _descriptor(name)
    inputs.note(f"dataset:{name}")
    return descriptor


def _descriptor(name: str) -> dict:
    for resource in _resources():
        if resource["name"] == name:
            return resource
    known = ", ".join(sorted(r["name"] for r in _resources()))
    raise DataError(f"no dataset named {name!r} in {_rel(PACKAGE_FILE)}; known datasets: {known}")


def _inside_data(relative, what: str) -> Path:
    """A regular file inside data/: no URL, absolute path, way out or symbolic link."""
    if not isinstance(relative, str) or not relative or "://" in relative \
            or relative.startswith(("/", "\\")) or ".." in Path(relative).parts:
        raise DataError(f"{_rel(PACKAGE_FILE)}: {what} has path {_short(relative)}, which is not "
                        "a relative path inside data/")
    file = DATA_DIR / relative
    for part in [*reversed(file.relative_to(DATA_DIR).parents), Path(relative)]:
        if part != Path(".") and (DATA_DIR / part).is_symlink():
            raise DataError(f"{_rel(DATA_DIR / part)}: {what} is a symbolic link; data files "
                            "must be regular files inside data/")
    if not file.is_file():
        raise DataError(f"{_rel(file)}: file not found ({what})")
    return file


def path(name: str) -> Path:
    """The CSV file of a dataset, checked to be a regular file inside data/."""
    return _inside_data(_descriptor(name).get("path"), f"dataset {name!r}")


def _schema(name: str) -> dict:
    schema = _descriptor(name).get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise DataError(f"{_rel(PACKAGE_FILE)}: dataset {name!r} has no schema with fields")
    return schema


def field(name: str, column: str) -> dict:
    """The schema entry of one column of a dataset."""
    for f in _schema(name)["fields"]:
        if f["name"] == column:
            return f
    raise DataError(f"{_rel(path(name))}: no column {column!r} in its schema")


MESSAGE_CHARS = 200  # a data error quotes at most this much of one value


def _short(text) -> str:
    text = repr(text) if not isinstance(text, str) else text
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS] + f"... ({len(text):,} characters)"


# Datasets found valid, by fingerprint, kept across processes: a data file is validated once
# per content (and per version of this module and of Frictionless), not once per page.
VALID_DIR = ROOT / "_build" / ".bookkit-valid"


@functools.lru_cache(maxsize=1)
def _validator_version() -> str:
    from importlib.metadata import version

    return hashlib.sha256(Path(__file__).read_bytes()
                          + version("frictionless").encode()).hexdigest()[:16]


def _valid_marker(digest: str) -> Path:
    return VALID_DIR / f"{hashlib.sha256((digest + _validator_version()).encode()).hexdigest()}"


def _validate(name: str, digest: str) -> None:
    """Validate one resource (its ``fingerprint`` is ``digest``) with Frictionless, unless
    that content was found valid before; raise DataError on the first problems."""
    csv_path = path(name)
    schema = _schema(name)
    if _valid_marker(digest).is_file():
        return
    from frictionless import Resource

    with csv_path.open(encoding="utf-8", errors="replace") as file:
        lines = [line for line, _ in zip(file, range(2))]
    if len(lines) < 2 or not lines[1].strip():
        raise DataError(f"{_rel(csv_path)}, row 2: no data rows under the header "
                        f"(dataset {name!r} must not be empty)")
    descriptor = {**_descriptor(name), "schema": schema}
    try:
        report = Resource(descriptor, basepath=str(DATA_DIR)).validate()
    except Exception as error:  # frictionless refuses the descriptor itself
        raise DataError(f"{_rel(PACKAGE_FILE)}: dataset {name!r} cannot be read: "
                        f"{_short(str(error))}") from None
    if report.valid:
        with contextlib.suppress(OSError):  # a read-only checkout still loads, validating again
            VALID_DIR.mkdir(parents=True, exist_ok=True)
            _valid_marker(digest).touch()
        return
    problems = []
    for err in report.flatten(["rowNumber", "fieldName", "fieldNumber", "type", "message"]):
        row, column, number, kind, note = err
        where = [_rel(csv_path)]
        if row:
            where.append(f"row {row}")
        if column or number:
            where.append(f"column {column!r}" if column else f"column {number}")
        problems.append(f"{', '.join(where)}: {kind}: {_short(note)}")
    shown = "\n  ".join(problems[:10])
    more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
    raise DataError(f"{problems[0]}\ndataset {name!r} does not match its schema:\n  {shown}{more}")


def load(name: str) -> pd.DataFrame:
    """Return one dataset as a DataFrame, typed from its schema, after validating it."""
    import pandas as pd

    inputs.note(f"dataset:{name}")
    digest = fingerprint(name)
    if digest not in _frames:
        _validate(name, digest)
        schema = _schema(name)
        dtypes = {f["name"]: _DTYPES.get(f["type"], "string") for f in schema["fields"]}
        try:
            _frames[digest] = pd.read_csv(path(name), dtype=dtypes, keep_default_na=False,
                                          na_values=schema.get("missingValues", [""]))
        except (ValueError, pd.errors.ParserError) as error:
            raise DataError(f"{_rel(path(name))}: cannot be read as its schema says: "
                            f"{_short(str(error))}") from None
    return _frames[digest].copy()  # a copy: a page that changes its table changes no other's


_frames: dict = {}  # fingerprint -> the table as read (a page loads some datasets many times)


def read_text(relative: str) -> str:
    """A non-tabular file under data/ (e.g. map outlines), recorded as an input like a dataset."""
    file = _inside_data(relative, f"file {relative!r}")
    inputs.note(f"file:{relative}")
    return file.read_text(encoding="utf-8")


def fingerprint(name: str) -> str:
    """Hash of a dataset's descriptor and CSV file."""
    digest = hashlib.sha256(json.dumps(_descriptor(name), sort_keys=True).encode())
    try:
        digest.update(path(name).read_bytes())
    except DataError:  # no file to read: the descriptor alone identifies the state
        pass
    return digest.hexdigest()
