"""Large chart specifications move out of the pages into cached script files.

A chart's Vega-Lite specification, with its data, is written into the page by
``bookkit.charts`` (a ``<script type="application/json">`` the chart script reads). The two
maps carry a world outline of about 130 KB, and the explorer the whole data package, so
those pages weighed 200-500 KB before any text. After the HTML build, every specification
larger than ``THRESHOLD`` bytes (all but the smallest) is written to ``_static/chart-specs/<hash>.js`` and the page
keeps only ``data-spec="<hash>"``; ``chart-init.js`` loads the file when the chart nears the
screen. The files are named by their content, so a browser may keep them as long as it likes,
and they are scripts rather than JSON so that the site also works opened from disk (file://
forbids fetch()).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from . import site_pages

THRESHOLD = 2_000
FOLDER = "_static/chart-specs"
_INLINE = re.compile(r'<script type="application/json" class="bookkit-chart__spec">(.*?)</script>',
                     re.S)


_REFERENCE = re.compile(r'class="bookkit-chart__spec" data-spec="([0-9a-f]+)"')


class ChartSpecError(RuntimeError):
    pass


def externalize(outdir: Path, threshold: int = THRESHOLD) -> dict[str, int]:
    """Move every large inline chart specification of the site under ``outdir`` to its own
    file; return how many moved and how many bytes the pages lost."""
    outdir = Path(outdir)
    folder = outdir / FOLDER
    moved = saved = 0
    used: set[str] = set()
    for page in site_pages(outdir):
        text = page.read_text(encoding="utf-8")

        def replace(match: re.Match) -> str:
            nonlocal moved, saved
            body = match.group(1)
            if len(body.encode()) <= threshold:
                return match.group(0)
            try:
                json.loads(body)
            except ValueError as error:
                raise ChartSpecError(f"{page.relative_to(outdir)}: a chart specification is not "
                                     f"valid JSON ({error})") from None
            digest = hashlib.sha256(body.encode()).hexdigest()[:16]
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{digest}.js"
            if not target.is_file():
                target.write_text(
                    'document.dispatchEvent(new CustomEvent("bookkit:chart-spec", '
                    f'{{ detail: {{ id: "{digest}", spec: {body} }} }}));\n', encoding="utf-8")
            moved += 1
            saved += len(body.encode())
            return (f'<script type="application/json" class="bookkit-chart__spec" '
                    f'data-spec="{digest}"></script>')

        new = _INLINE.sub(replace, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
        used.update(_REFERENCE.findall(new))
    removed = [old.unlink() for old in folder.glob("*.js") if old.stem not in used] \
        if folder.is_dir() else []
    return {"moved": moved, "bytes": saved, "removed": len(removed)}
