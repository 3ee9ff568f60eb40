"""Build time: never a stale page, whatever the order of builds, edits and failures.

Three records, all under the build folder and none naming an absolute path, so that a book
moved or copied with its ``_build`` keeps working:

* **What each notebook read** (``.bookkit-inputs/<key>.json``), keyed by the notebook's
  jupyter-cache hash, the same key the execution cache uses, so a renamed page keeps its
  record. The executing kernel writes it to ``pending/`` (``bookkit.inputs``); it becomes the
  record only once the environment holding the page's new doctree has been saved, so a build
  that fails or is stopped leaves the old record, and the page is executed again. Before
  reading, a notebook with no record, or one whose inputs changed, loses its cached outputs
  (matched by key, as myst-nb matches them) and is read again.
* **What each builder wrote** (``.bookkit-written/<builder>.json``): the time each page was
  last read when the builder last finished. A page read since (by another builder, or
  by a build that stopped while writing) is written again; when pages are added or removed
  every page is written again (their navigation changed) and a removed page's files go.
* **A lock** (``.bookkit.lock``) held from before the environment is loaded: a second build
  of the same book waits for the first instead of reading its half-written records.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import time
from contextlib import suppress
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

from bookkit import inputs

logger = logging.getLogger(__name__)
def _written_file(app) -> Path:
    # Beside the output folders, not in them: the EPUB builder packs whatever its folder holds.
    return _build_dir(app) / ".bookkit-written" / f"{app.builder.name}.json"
_lock_file = None  # held open (and locked) until the process ends


def _build_dir(app) -> Path:
    return Path(app.outdir).parent


def _records_dir(app) -> Path:
    return _build_dir(app) / ".bookkit-inputs"


# --- one build at a time ---------------------------------------------------------------

def _lock(app, config) -> None:
    global _lock_file
    path = _build_dir(app) / ".bookkit.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    _lock_file = path.open("a+")
    try:
        fcntl.flock(_lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        logger.info(f"bookkit: another build of this book is running ({path} is locked); "
                    "waiting for it to finish")
        fcntl.flock(_lock_file, fcntl.LOCK_EX)
    _lock_file.seek(0)
    _lock_file.truncate()
    _lock_file.write(f"{os.getpid()}\n")
    _lock_file.flush()


# --- notebooks and their records ---------------------------------------------------------

def _read(app, docname: str):
    """The page as myst-nb reads it for execution, and its reader; (None, None) if it is not
    a notebook."""
    from myst_nb.core.read import create_nb_reader

    path = Path(app.env.doc2path(docname))
    if not path.is_file():
        return None, None
    text = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), app.env.myst_config, app.env.mystnb_config, text)
    return (reader.read(text), reader) if reader is not None else (None, None)


def _notebook(app, docname: str):
    return _read(app, docname)[0]


def _cache(app):
    from jupyter_cache import get_cache

    return get_cache(app.env.mystnb_config.execution_cache_path or
                     str(_build_dir(app) / ".jupyter_cache"))


def _key(app, notebook) -> str:
    return _cache(app).create_hashed_notebook(notebook)[1]


def _record(app, key: str) -> dict | None:
    with suppress(FileNotFoundError, ValueError):
        return json.loads((_records_dir(app) / f"{key}.json").read_text(encoding="utf-8"))
    return None


def _pending(app, key: str) -> Path:
    return _records_dir(app) / "pending" / f"{key}.json"


def _keys(app, docnames) -> dict[str, str | None]:
    """Each page's execution-cache key (None: not a notebook). Parsing every page to hash its
    code is most of a no-change build's own work, so the keys are kept by the bytes of the
    source they came from."""
    from importlib.metadata import version

    kept_file, kept = _records_dir(app) / "keys.json", {}
    with suppress(FileNotFoundError, ValueError):
        kept = json.loads(kept_file.read_text(encoding="utf-8"))
    kept = kept if isinstance(kept, dict) else {}
    salt = f"myst-nb {version('myst-nb')} jupyter-cache {version('jupyter-cache')}\0".encode()
    keys, now = {}, {}
    for docname in docnames:
        path = Path(app.env.doc2path(docname))
        if not path.is_file():
            continue
        source = hashlib.sha256(salt + path.read_bytes()).hexdigest()
        if kept.get(docname, [None])[0] == source:
            keys[docname] = kept[docname][1]
        else:
            notebook = _notebook(app, docname)
            keys[docname] = _key(app, notebook) if notebook is not None else None
        now[docname] = [source, keys[docname]]
    if now != kept:
        kept_file.parent.mkdir(parents=True, exist_ok=True)
        kept_file.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
    return keys


def _on_get_outdated(app, env, added, changed, removed):
    if not getattr(app.env, "mystnb_config", None) or env.config.nb_execution_mode != "cache":
        return []
    stale, cache, to_execute, known = [], _cache(app), [], {}
    app.bookkit_keys = _keys(app, sorted(env.found_docs))
    for docname, key in app.bookkit_keys.items():
        if key is None:
            continue
        will_read = docname in added or docname in changed
        record = _record(app, key)
        why = (["no record of its inputs"] if record is None
               else inputs.changed(record.get("inputs", {}), known))
        if not (why or will_read):
            continue
        notebook, reader = _read(app, docname)
        if why:
            with suppress(KeyError):
                cache.remove_cache(cache.match_cache_notebook(notebook).pk)
            if not will_read:
                stale.append(docname)
            if record is not None:
                logger.info(f"bookkit: {docname} executes again: {', '.join(why[:5])} changed")
        if why or will_read:
            try:
                cache.match_cache_notebook(notebook)
            except KeyError:
                to_execute.append((docname, notebook, reader, _pending(app, key)))
    from .parallel_execution import execute_into_cache

    app.bookkit_preexecuted = execute_into_cache(app, to_execute)
    return stale


def _on_source_read(app, docname, source) -> None:
    # The kernel inherits the environment: it writes what it reads where we say.
    os.environ.pop(inputs.RECORD_ENV, None)
    key = app.bookkit_keys.get(docname)  # taken just before reading began
    if key is None:
        return
    pending = _pending(app, key)
    if docname not in app.bookkit_preexecuted:  # else it holds the parallel run's record
        pending.unlink(missing_ok=True)
    os.environ[inputs.RECORD_ENV] = str(pending)
    app.bookkit_read[docname] = pending


def _on_env_saved(app, env) -> None:
    """The environment holding this build's doctrees is saved: the pages executed in this
    build now have the records of what they read (``env-check-consistency`` follows the
    pickling of the environment)."""
    from myst_nb.sphinx_ import NbMetadataCollector

    started = getattr(app, "bookkit_started", time.time())
    for docname, pending in app.bookkit_read.items():
        execution = NbMetadataCollector.get_exec_data(env, docname) or {}
        if execution.get("succeeded") and execution.get("mtime", 0) >= started:
            record = json.loads(pending.read_text(encoding="utf-8")) if pending.is_file() else {}
            target = pending.parent.parent / pending.name
            target.write_text(json.dumps({"docname": docname, "inputs": record}, indent=1,
                                         sort_keys=True), encoding="utf-8")
        pending.unlink(missing_ok=True)
    app.bookkit_read = {}
    app.bookkit_preexecuted = set()


# --- pages each builder wrote --------------------------------------------------------------

def _written(app) -> dict | None:
    with suppress(FileNotFoundError, ValueError):
        return json.loads(_written_file(app).read_text(encoding="utf-8"))
    return None


def _on_env_updated(app, env):
    """Pages this builder has not written since they were last read, and every page when
    the set of pages changed."""
    written = _written(app)
    if written is None or set(written) != set(env.found_docs):  # no record: write them all
        return sorted(env.found_docs)
    return sorted(d for d in env.found_docs if written.get(d) != env.all_docs.get(d))


def _remove_pages(app, docnames) -> None:
    outdir = Path(app.outdir)
    suffix = getattr(app.builder, "out_suffix", ".html")
    for docname in docnames:
        for folder in (outdir, outdir / "_sources"):
            target = folder / docname
            for file in target.parent.glob(f"{target.name}.*") if target.parent.is_dir() else []:
                if file.name == target.name + suffix or folder.name == "_sources":
                    file.unlink()
                    logger.info(f"bookkit: removed {file.relative_to(outdir)} (page no longer in the book)")


def _on_build_finished(app, exception) -> None:
    if exception is not None or getattr(app.builder, "name", "") not in ("html", "dirhtml", "latex",
                                                                           "epub"):
        return
    written = _written(app) or {}
    if app.builder.name in ("html", "dirhtml"):
        _remove_pages(app, sorted(set(written) - set(app.env.found_docs)))
    current = {d: app.env.all_docs.get(d) for d in sorted(app.env.found_docs)}
    _written_file(app).parent.mkdir(parents=True, exist_ok=True)
    _written_file(app).write_text(json.dumps(current, indent=1), encoding="utf-8")


# --- a failing page: a summary at the end, not a traceback per page ----------------------

_ERROR_LINE = re.compile(r"^(?:\w+\.)*(\w*(?:Error|Exception)):\s*(.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def failure_summary(traceback: str, lines: int = 3) -> str:
    """The first lines of the exception a failed cell raised (where it names the file, row
    and column), without the cell source and ANSI colours around it."""
    text = _ANSI.sub("", traceback or "")
    found = text.splitlines()
    for number, line in enumerate(found):
        match = _ERROR_LINE.match(line.strip())
        if match and match.group(1) not in ("CellExecutionError",):
            return "\n".join([f"{match.group(1)}: {match.group(2)}".rstrip(": "),
                              *[f.strip() for f in found[number + 1:number + lines]
                                if f.strip()]])
    return found[-1].strip() if found else "failed"


def _on_env_updated_failures(app, env):
    from myst_nb.sphinx_ import NbMetadataCollector

    failed = {}
    for docname in sorted(env.found_docs):
        execution = NbMetadataCollector.get_exec_data(env, docname) or {}
        if execution.get("succeeded") is False:
            failed[docname] = failure_summary(execution.get("traceback") or "")
    if failed:
        summary = "\n".join(f"  {docname}: " + text.replace("\n", "\n    ")
                            for docname, text in failed.items())
        raise ExtensionError(f"{len(failed)} page(s) failed to execute:\n{summary}")
    return []


def setup(app) -> None:
    app.bookkit_started = time.time()
    app.bookkit_read = {}
    app.bookkit_preexecuted = set()
    app.bookkit_keys = {}
    app.connect("config-inited", _lock)
    app.connect("env-get-outdated", _on_get_outdated)
    app.connect("source-read", _on_source_read)
    app.connect("env-updated", _on_env_updated)
    app.connect("env-updated", _on_env_updated_failures, priority=900)
    app.connect("env-check-consistency", _on_env_saved)
    app.connect("build-finished", _on_build_finished)
