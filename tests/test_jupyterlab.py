"""An author's loop without building the book: a real JupyterLab on 127.0.0.1 opens a
chapter (MyST Markdown, through jupytext) as a notebook, runs every cell, and draws every
chart, offline. Needs JupyterLab and Chromium (the README's first command installs both).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from test_site import browser  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "chapters/education.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = _free_port()
    home = tmp_path_factory.mktemp("lab-home")
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    for name in ("BOOKKIT_BUILD", "BOOKKIT_INPUTS_FILE"):
        env.pop(name, None)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--expose-app-in-browser", "--allow-root",
         "--LabApp.news_url=", "--ServerApp.open_browser=False",
         f"--ServerApp.root_dir={ROOT}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urlopen(url + "api/status", timeout=1)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail("JupyterLab did not start:\n" + server.stdout.read()[-3000:])
            time.sleep(0.5)
    # JupyterLab draws only the cells on screen (windowing); the test wants every output drawn.
    from urllib.request import Request
    setting = json.dumps({"raw": json.dumps({"windowingMode": "none"})}).encode()
    urlopen(Request(url + "lab/api/settings/@jupyterlab/notebook-extension:tracker", data=setting,
                    method="PUT", headers={"Content-Type": "application/json"}), timeout=10)
    yield url
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(ROOT / "chapters" / ".ipynb_checkpoints", ignore_errors=True)



def open_and_run(browser, lab, path, min_cells):
    """Open ``path`` in JupyterLab as a notebook ("Open With > Jupytext Notebook", as an
    author does; scripts/lab-settings.json makes it the default for Markdown files) and run
    all its cells. Returns the browser context, the page and the list of requests that left
    127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    page.goto(lab + "lab", wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')",
                           timeout=120_000)
    page.evaluate("""(path) => window.jupyterapp.commands.execute('docmanager:open',
        {path, factory: 'Jupytext Notebook'})""", path)
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .jp-CodeCell').length >= {min_cells}",
                           timeout=60_000)
    page.wait_for_function("""() => {
        const status = document.querySelector('.jp-Notebook-ExecutionIndicator, .jp-KernelStatus');
        return !status || !/starting|connecting|unknown/i.test(status.textContent + (status.getAttribute('data-status') || ''));
    }""", timeout=60_000)
    page.wait_for_timeout(3000)  # the kernel settles
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    return context, page, outside


def test_a_chapter_runs_in_jupyterlab_and_draws_every_chart(browser, lab):
    expected = len(re.findall(r"^glue\(\"fig-", (ROOT / CHAPTER).read_text(), re.M)) or \
        (ROOT / CHAPTER).read_text().count("{glue:figure}")
    context, page, outside = open_and_run(browser, lab, CHAPTER, min_cells=4)
    page.wait_for_function(f"""() => {{
        const errors = document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]');
        if (errors.length) return true;
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
        return prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p));
    }}""", timeout=300_000)
    page.wait_for_timeout(5000)  # the last outputs draw
    errors = page.evaluate("""() => [...document.querySelectorAll(
        '.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]')].map(e => e.textContent.slice(0, 500))""")
    # Each chart draws in its own frame (bookkit.charts.notebook_html).
    page.wait_for_timeout(3000)
    charts = sum(1 for frame in page.frames if frame != page.main_frame and frame.evaluate(
        """() => !!document.querySelector('.vega-embed svg g.mark-rect path, .vega-embed svg '
           + 'g.mark-symbol path, .vega-embed svg g.mark-line path, .vega-embed svg g.mark-text text')"""))
    context.close()
    assert errors == []
    assert charts >= expected > 0, f"{charts} charts drawn of {expected}"
    assert outside == [], f"requests off the machine: {outside[:5]}"
