"""Build time: execute the notebooks a build is about to read on every core, before Sphinx
reads them one after another.

myst-nb executes a notebook when Sphinx reads it, so a build runs its notebooks in series.
Just before reading (``bookbuild.freshness`` calls :func:`execute_into_cache` with the pages it
knows will execute), the notebooks with no cached outputs run in a pool of processes, one
kernel each, and their outputs go into the jupyter-cache exactly as myst-nb would put them
there; reading then finds every one of them cached. Each kernel writes the record of what it
read to the file the guard names for it, as it would under myst-nb. A notebook that fails is
left out of the cache, so that myst-nb executes it again and reports the failure as usual.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from sphinx.util import logging

from bookkit import inputs

logger = logging.getLogger(__name__)


def _execute(notebook_json: str, cwd: str, timeout: int, record: str) -> tuple[str, float, str | None]:
    """In a worker process: run one notebook; its kernel records its inputs in ``record``."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    os.environ[inputs.RECORD_ENV] = record
    notebook = nbformat.reads(notebook_json, as_version=4)
    result = single_nb_execution(notebook, cwd=cwd, timeout=timeout, allow_errors=False)
    error = f"{result.err.__class__.__name__}" if result.err else None
    return nbformat.writes(notebook), result.time, error


def _longest_first(app, jobs: list[tuple]) -> list[tuple]:
    """The longest first, so that the cores finish together: by the time each page took when
    it last executed (myst-nb keeps it with the environment), and, before a page has run, by
    the length of its code, a fair guess (measured: the order of the seven chapters). A page
    never run goes before those that have: it may be the longest."""
    from myst_nb.sphinx_ import NbMetadataCollector

    def expected(job) -> tuple[int, float]:
        runtime = (NbMetadataCollector.get_exec_data(app.env, job[0]) or {}).get("runtime")
        if runtime is not None:
            return (1, -runtime)
        return (0, -sum(len(cell.source) for cell in job[1].cells if cell.cell_type == "code"))

    return sorted(jobs, key=expected)


def execute_into_cache(app, jobs: list[tuple[str, object, object, Path]]) -> set[str]:
    """Execute ``(docname, notebook, reader, record_path)`` jobs in parallel into the cache;
    return the docnames now cached."""
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        return set()
    config = app.env.mystnb_config
    cache = get_cache(config.execution_cache_path or str(Path(app.outdir).parent / ".jupyter_cache"))
    started = time.time()
    done: set[str] = set()
    # Fresh interpreters, not forks of Sphinx's process: a fork inherits its threads' locks,
    # and one such run here waited for ever.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    jobs = _longest_first(app, jobs)
    try:
        futures = {}
        for docname, notebook, reader, record in jobs:
            path = Path(app.env.doc2path(docname))
            record.parent.mkdir(parents=True, exist_ok=True)
            record.unlink(missing_ok=True)
            futures[docname] = (path, reader, pool.submit(
                _execute, nbformat.writes(notebook), str(path.parent),
                config.execution_timeout, str(record)))
        deadline = started + config.execution_timeout * len(jobs)
        for docname, (path, reader, future) in futures.items():
            try:
                executed, seconds, error = future.result(timeout=max(1, deadline - time.time()))
            except FutureTimeout:
                logger.info(f"bookkit: {docname} did not finish in parallel execution; "
                            "it runs again as it is read")
                continue
            except Exception as crash:  # a worker died: the page runs again as it is read
                error = f"{crash.__class__.__name__}: {crash}"
            if error:
                logger.info(f"bookkit: {docname} failed in parallel execution ({error}); "
                            "it runs again as it is read")
                continue
            stage = cache.add_nb_to_project(str(path), read_data=reader.read_fmt)
            cache.cache_notebook_bundle(
                CacheBundleIn(nbformat.reads(executed, as_version=4), stage.uri,
                              data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True)
            logger.info(f"bookkit: executed {docname} in {seconds:.1f} s (parallel)")
            done.add(docname)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    logger.info(f"bookkit: {len(done)} of {len(jobs)} notebooks executed on {workers} cores "
                f"in {time.time() - started:.1f} s")
    return done
