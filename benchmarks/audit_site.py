"""Audit the built website: Lighthouse, axe-core and transfer sizes per page; prints figures.

usage: .venv/bin/python benchmarks/audit_site.py [SITE_DIR] [--pages GLOB ...] [--runs N]
                                                 [--skip-lighthouse] [--skip-axe] [--skip-transfer]
                                                 [--json OUT.json]

SITE_DIR defaults to _build/html. Pages audited: index.html, chapters/*.html, appendix/*.html
and glossary.html. Asserts nothing; it prints one row per page:

  perf / a11y / bp   Lighthouse 12 (default mobile profile: Moto G Power viewport, simulated
                     slow 4G and 4x CPU slowdown) scores for performance, accessibility and best
                     practices (median of --runs runs), with FCP, LCP, TBT and CLS.
  blk                render-blocking resources per Lighthouse; '*' marks one of the chart
                     scripts (_static/vega-charts.js, chart-init), which must never block.
  axe                axe-core violations (default rule set, after every chart has drawn):
                     count and rule ids.
  first KB           bytes transferred (CDP encodedDataLength: headers + body, as sent) for a
                     first visit with an empty cache, scrolling to the end of the page so that
                     everything a reader of the whole page would fetch is counted.
  repeat KB          the same page visited again in the same browser profile: shared assets
                     (_static/) come from the disk cache, the page itself is fetched again.
  ext                requests to any host other than 127.0.0.1 (must be 0: the site is offline).

The site is served by this script's own server on 127.0.0.1, a subclass of Python's
http.server (which by itself sends no Cache-Control and no compression). It adds
``Cache-Control: public, max-age=31536000`` to everything under ``_static/`` (Sphinx
versions the CSS/JS URLs with ``?v=<hash>``) so that a repeat visit can use the cache, and
``Cache-Control: no-store`` to everything else, so the repeat figure always counts the page's
own HTML and images in full. By default responses are NOT compressed, as with ``python -m http.server``; with --gzip
text files are sent gzipped (level 6) when the browser asks for it, as a static host would;
the "gz KB" column only estimates what a gzip-serving host would send for the first visit
(the bodies gzipped at level 6, plus the same headers); it is an estimate, not a measurement.

Lighthouse and axe-core are npm packages pinned in benchmarks/package.json and
package-lock.json, installed by this script into benchmarks/node_modules (needs npm and the
npm registry the first time). Chromium: /usr/bin/chromium (or CHROME_PATH).
"""
from __future__ import annotations

import argparse
import fnmatch
import functools
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHART_SCRIPTS = ("vega-charts", "chart-init")
MAX_AGE = 31536000


# -- server ------------------------------------------------------------------------------------
class CachingHandler(SimpleHTTPRequestHandler):
    """http.server plus Cache-Control: long-lived for _static/, no-store for everything else;
    with ``compress`` set (--gzip), text files are sent gzipped when the browser accepts it,
    as static hosts such as GitHub Pages do."""

    compress = False
    _TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".csv", ".map")
    _gzipped: dict[str, bytes] = {}

    def send_head(self):
        path = self.translate_path(self.path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.endswith(self._TEXT) and os.path.isfile(path)):
            return super().send_head()
        body = self._gzipped.get(path)
        if body is None:
            with open(path, "rb") as source:
                body = self._gzipped[path] = gzip.compress(source.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        path = urlparse(self.path).path
        if path.startswith("/_static/"):
            self.send_header("Cache-Control", f"public, max-age={MAX_AGE}")
        else:
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def serve(site: Path, compress: bool = False) -> tuple[ThreadingHTTPServer, str]:
    CachingHandler.compress = compress
    handler = functools.partial(CachingHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


# -- node tools --------------------------------------------------------------------------------
def ensure_node_tools() -> None:
    lighthouse = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
    axe = BENCH / "node_modules" / "axe-core" / "axe.min.js"
    if lighthouse.is_file() and axe.is_file():
        return
    command = ["npm", "ci" if (BENCH / "package-lock.json").is_file() else "install",
               "--prefix", str(BENCH), "--no-audit", "--no-fund"]
    print("installing Lighthouse and axe-core:", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True, cwd=BENCH)


def run_lighthouse(url: str, out: Path) -> dict:
    cli = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility,best-practices",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    env = {**os.environ, "CHROME_PATH": CHROME}
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed for {url}: {proc.stderr[-2000:]}")
    report = json.loads(out.read_text())
    cats, audits = report["categories"], report["audits"]
    blocking = [item.get("url", "") for item in
                (audits.get("render-blocking-resources", {}).get("details") or {}).get("items", [])]
    failing = {cat: sorted(ref["id"] for ref in cats[cat]["auditRefs"]
                           if ref.get("weight", 0) > 0
                           and audits[ref["id"]].get("score") is not None
                           and audits[ref["id"]]["score"] < 1)
               for cat in ("accessibility", "best-practices")}

    def metric(name):
        return audits.get(name, {}).get("numericValue")

    return {
        "perf": round(100 * (cats["performance"]["score"] or 0)),
        "a11y": round(100 * (cats["accessibility"]["score"] or 0)),
        "bp": round(100 * (cats["best-practices"]["score"] or 0)),
        "fcp": metric("first-contentful-paint"), "lcp": metric("largest-contentful-paint"),
        "tbt": metric("total-blocking-time"), "cls": metric("cumulative-layout-shift"),
        "blocking": blocking,
        "chart_js_blocks": any(any(s in u for s in CHART_SCRIPTS) for u in blocking),
        "failing": failing,
        "runtime_error": (report.get("runtimeError") or {}).get("code"),
    }


def lighthouse_median(url: str, runs: int, workdir: Path) -> dict:
    results = [run_lighthouse(url, workdir / f"lh-{time.monotonic_ns()}.json") for _ in range(runs)]
    results.sort(key=lambda r: r["perf"])
    best = dict(results[len(results) // 2])  # the median run (by performance score)
    for key in ("a11y", "bp"):
        best[key] = int(statistics.median(r[key] for r in results))
    return best


# -- browser checks (Playwright) ---------------------------------------------------------------
WAIT_FOR_CHARTS = """() => [...document.querySelectorAll('.bookkit-chart')]
    .every(c => ['rendered', 'error'].includes(c.dataset.state))"""


def _read_whole_page(page) -> None:
    """Scroll to the end in screen-sized steps (lazy content loads), then wait for the charts."""
    page.evaluate("""async () => {
        const step = Math.max(200, window.innerHeight * 0.8);
        for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
            window.scrollTo(0, y);
            await new Promise(r => setTimeout(r, 60));
        }
        window.scrollTo(0, document.documentElement.scrollHeight);
    }""")
    try:
        page.wait_for_function(WAIT_FOR_CHARTS, timeout=30_000)
    except Exception:  # a chart that never draws shows up in test_site.py; measure anyway
        pass
    page.wait_for_load_state("networkidle")


def run_axe(browser, url: str) -> dict:
    page = browser.new_page()
    page.goto(url, wait_until="load")
    _read_whole_page(page)
    page.evaluate("window.scrollTo(0, 0)")
    page.add_script_tag(path=str(BENCH / "node_modules" / "axe-core" / "axe.min.js"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                       targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    page.close()
    return {"violations": result}


class TransferMeter:
    """Sums CDP Network.loadingFinished encodedDataLength (headers + body on the wire)."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.urls, self.bytes, self.cached = {}, {}, set()
        self.session.on("Network.requestWillBeSent",
                        lambda e: self.urls.setdefault(e["requestId"], e["request"]["url"]))
        self.session.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished",
                        lambda e: self.bytes.__setitem__(e["requestId"], e["encodedDataLength"]))

    def _response(self, event):
        if event["response"].get("fromDiskCache") or event["response"].get("fromPrefetchCache"):
            self.cached.add(event["requestId"])

    def reset(self):
        self.urls.clear(), self.bytes.clear(), self.cached.clear()

    def total(self) -> int:
        return sum(n for rid, n in self.bytes.items() if rid not in self.cached)

    def requests(self) -> list[str]:
        return list(self.urls.values())


def measure_transfer(playwright, url: str, site: Path, base: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="audit-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROME, headless=True, args=CHROME_FLAGS[1:],
            viewport={"width": 412, "height": 823})
        page = context.pages[0] if context.pages else context.new_page()
        meter = TransferMeter(page)
        page.goto(url, wait_until="load")
        _read_whole_page(page)
        first, requests = meter.total(), meter.requests()
        gz = _gzip_estimate(meter, site, base)
        meter.reset()
        page.goto("about:blank")
        page.goto(url, wait_until="load")
        _read_whole_page(page)
        repeat = meter.total()
        requests += meter.requests()
        context.close()
    foreign = sorted({u for u in requests if urlparse(u).scheme in ("http", "https")
                      and urlparse(u).hostname != "127.0.0.1"})
    return {"first": first, "repeat": repeat, "gz": gz, "foreign": foreign}


def _gzip_estimate(meter: TransferMeter, site: Path, base: str) -> int:
    """What the first visit would weigh if the host gzipped text responses (an estimate)."""
    total = 0
    for rid, sent in meter.bytes.items():
        url = meter.urls.get(rid, "")
        if not url.startswith(base):
            total += sent
            continue
        path = site / urlparse(url).path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            total += sent
            continue
        body = path.read_bytes()
        headers = max(0, sent - len(body))
        if path.suffix in (".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".xml"):
            total += headers + len(gzip.compress(body, 6))
        else:
            total += sent
    return total


# -- report ------------------------------------------------------------------------------------
def pages_of(site: Path, patterns: list[str] | None) -> list[str]:
    pages = ["index.html"] + (["intro.html"] if (site / "intro.html").is_file() else [])
    pages += sorted(p.relative_to(site).as_posix() for p in (site / "chapters").glob("*.html"))
    pages += sorted(p.relative_to(site).as_posix() for p in (site / "appendix").glob("*.html"))
    pages += ["glossary.html"] if (site / "glossary.html").is_file() else []
    if patterns:
        pages = [p for p in pages if any(fnmatch.fnmatch(p, pat) for pat in patterns)]
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--pages", nargs="*", help="glob(s) of page paths to audit")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-axe", action="store_true")
    parser.add_argument("--skip-transfer", action="store_true")
    parser.add_argument("--json", help="also write all results to this JSON file")
    parser.add_argument("--gzip", action="store_true",
                        help="serve text files gzipped (as a static host would) instead of raw")
    args = parser.parse_args()

    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        sys.exit(f"no built site at {site}")
    ensure_node_tools()
    server, base = serve(site, compress=args.gzip)
    print(f"responses {'gzipped' if args.gzip else 'uncompressed'}", file=sys.stderr)
    pages = pages_of(site, args.pages)
    results: dict[str, dict] = {p: {} for p in pages}
    print(f"auditing {len(pages)} pages of {site} at {base}", file=sys.stderr)
    try:
        with tempfile.TemporaryDirectory(prefix="audit-lh-") as workdir:
            if not args.skip_lighthouse:
                for page in pages:
                    print(f"  lighthouse {page}", file=sys.stderr)
                    try:
                        results[page]["lh"] = lighthouse_median(base + page, args.runs, Path(workdir))
                    except Exception as error:  # report and go on
                        results[page]["lh"] = {"error": str(error)[:300]}
        if not (args.skip_axe and args.skip_transfer):
            from playwright.sync_api import sync_playwright
            with sync_playwright() as p:
                if not args.skip_axe:
                    browser = p.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
                    for page in pages:
                        print(f"  axe {page}", file=sys.stderr)
                        results[page]["axe"] = run_axe(browser, base + page)
                    browser.close()
                if not args.skip_transfer:
                    for page in pages:
                        print(f"  transfer {page}", file=sys.stderr)
                        results[page]["transfer"] = measure_transfer(p, base + page, site, base)
    finally:
        server.shutdown()
    print_table(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


def print_table(results: dict[str, dict]) -> None:
    def fmt(value, spec=""):
        return "-" if value is None else format(value, spec)

    header = (f"{'page':<28} {'perf':>4} {'a11y':>4} {'bp':>4} {'FCP s':>5} {'LCP s':>5} "
              f"{'TBT ms':>6} {'CLS':>5} {'blk':>4} {'first KB':>8} {'gz KB':>6} "
              f"{'repeat KB':>9} {'ext':>3}  axe violations")
    print(header)
    print("-" * len(header))
    for page, r in results.items():
        lh, axe, tr = r.get("lh", {}), r.get("axe"), r.get("transfer", {})
        violations = axe["violations"] if axe else None
        axe_text = "-" if violations is None else (
            f"{len(violations)}" + (f" ({', '.join(v['id'] for v in violations)})" if violations else ""))
        blk = "-" if "blocking" not in lh else f"{len(lh['blocking'])}{'*' if lh['chart_js_blocks'] else ''}"
        print(f"{page:<28} {fmt(lh.get('perf')):>4} {fmt(lh.get('a11y')):>4} {fmt(lh.get('bp')):>4} "
              f"{fmt(lh.get('fcp') and lh['fcp'] / 1000, '.1f'):>5} "
              f"{fmt(lh.get('lcp') and lh['lcp'] / 1000, '.1f'):>5} "
              f"{fmt(lh.get('tbt'), '.0f'):>6} {fmt(lh.get('cls'), '.3f'):>5} {blk:>4} "
              f"{fmt(tr.get('first') and tr['first'] / 1024, '.0f'):>8} "
              f"{fmt(tr.get('gz') and tr['gz'] / 1024, '.0f'):>6} "
              f"{fmt(tr.get('repeat') and tr['repeat'] / 1024, '.0f'):>9} "
              f"{fmt(len(tr['foreign']) if 'foreign' in tr else None):>3}  {axe_text}")
    details = []
    for page, r in results.items():
        lh = r.get("lh", {})
        if lh.get("error"):
            details.append(f"{page}: lighthouse error: {lh['error']}")
        for cat, ids in (lh.get("failing") or {}).items():
            if ids:
                details.append(f"{page}: lighthouse {cat} failing audits: {', '.join(ids)}")
        if lh.get("blocking"):
            details.append(f"{page}: render-blocking: {', '.join(u.rsplit('/', 1)[-1] for u in lh['blocking'])}")
        for v in (r.get("axe") or {}).get("violations", []):
            details.append(f"{page}: axe {v['id']} ({v['impact']}, {v['nodes']} nodes): {v['targets']}")
        for url in (r.get("transfer") or {}).get("foreign", []):
            details.append(f"{page}: external request {url}")
    if details:
        print("\n" + "\n".join(details))


if __name__ == "__main__":
    main()
