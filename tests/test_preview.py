"""scripts/preview.sh: the live preview rebuilds a saved chapter and serves the new page.

It runs the real script on a small copy of the book (a probe chapter with a chart, so the
build also draws and caches it under _build), on a free port, and stops it at the end.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from book_copy import copy_book, write_page

DATASET = "history_ethnic_composition_2006"
BEFORE = "The first line of prose of the probe, as first written."
AFTER = "The first line of prose of the probe, saved again with new words."
PROBE = f"""(ch-probe)=
# Probe

{BEFORE}

```{{code-cell}} ipython3
:tags: [remove-input]
from bookkit import *
import altair as alt
frame = load("{DATASET}")
figure(alt.Chart(frame).mark_point().encode(x="ethnic_group:N", y="percent:Q"),
       name="probe-chart", datasets="{DATASET}", title="Probe chart",
       description="One point per group.")
```
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float, server: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = _page(url)
        if text in page:
            return page
        assert server.poll() is None, f"the preview stopped:\n{log.read_text()[-3000:]}"
        time.sleep(1)
    pytest.fail(f"{url} did not show {text!r} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def _wait_for_builds(log: Path, builds: int, timeout: float) -> None:
    """sphinx-autobuild prints "Serving on" after each build it has finished."""
    deadline = time.monotonic() + timeout
    while log.read_text().count("Serving on") < builds:
        if time.monotonic() > deadline:
            pytest.fail(f"build {builds} did not finish within {timeout:.0f} s:\n{log.read_text()[-3000:]}")
        time.sleep(1)


def _listening_addresses(server: subprocess.Popen) -> set[str]:
    processes = [psutil.Process(server.pid), *psutil.Process(server.pid).children(recursive=True)]
    return {c.laddr.ip for p in processes for c in p.net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN}


@pytest.fixture
def book(tmp_path):
    book = copy_book(tmp_path / "book", pages=["chapters/probe"])
    write_page(book, "chapters/probe", PROBE)
    return book


def test_saved_chapter_is_rebuilt_and_served(book, tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/chapters/probe.html"
    log = tmp_path / "preview.log"
    env = {**os.environ, "PYTHON": sys.executable, "PYTHONPATH": str(book)}
    for name in ("BOOKKIT_BUILD", "BOOKKIT_INPUTS_FILE"):  # as a shell starts it
        env.pop(name, None)
    with log.open("w") as out:
        server = subprocess.Popen(["bash", str(book / "scripts" / "preview.sh"), str(port)], cwd=book,
                                  env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = _wait_for(url, BEFORE, 600, server, log)
        _wait_for_builds(log, 1, 120)
        assert "/websocket-reload" in page  # the page reloads itself when the build changes
        assert _listening_addresses(server) == {"127.0.0.1"}
        # the configuration is generated under _build, never beside the sources
        assert (book / "_build" / "preview" / "conf.py").is_file() and not (book / "conf.py").exists()
        assert list((book / "_build" / ".bookkit-renders").rglob("*.svg"))  # it drew the chart

        chapter = book / "chapters" / "probe.md"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace(BEFORE, AFTER), encoding="utf-8")
        page = _wait_for(url, AFTER, 300, server, log)
        assert BEFORE not in page
        _wait_for_builds(log, 2, 120)

        # the rebuild's own outputs (_build, figures) do not start another rebuild
        time.sleep(15)
        text = log.read_text()
        assert text.count("Detected changes") == 1, text[-3000:]
        assert "Detected changes (chapters/probe.md)" in text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
