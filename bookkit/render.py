"""Charts drawn by vl-convert, cached by their specification's content.

The kernels draw SVG (for sizes, and the print version's text check); the build converts
that SVG to the PDF the LaTeX edition sets and the PNG the EPUB edition and ``figures/``
hold. It imports neither Altair nor pandas, so that the build can use it.
"""
from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib

from . import data

RENDER_CACHE = data.ROOT / "_build" / ".bookkit-renders"
# A figure's output in the book's build: its name, text alternative and print specification.
PRINT_MIME = "application/vnd.bookkit.print+json"


def render(spec: dict, fmt: str) -> bytes:
    """The chart drawn by vl-convert as ``svg``, ``pdf`` or ``png`` (2x), cached by the
    specification's content: executing a page again redraws only the charts that changed."""
    import vl_convert as vlc  # here: the build imports this module and rarely draws

    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    key = hashlib.sha256(f"{vlc.__version__}|{fmt}|{text}".encode()).hexdigest()
    cached = RENDER_CACHE / f"{key[:2]}" / f"{key}.{fmt}"
    if cached.is_file():
        return cached.read_bytes()
    # The PDF and PNG are converted from the (cached) SVG: the same bytes and pixels as
    # vl-convert's own vegalite_to_pdf/png, without running Vega a second time.
    if fmt == "svg":
        drawn = vlc.vegalite_to_svg(spec).encode("utf-8")
    elif fmt == "pdf":
        drawn = vlc.svg_to_pdf(render(spec, "svg").decode("utf-8"))
    elif fmt == "png":
        drawn = vlc.svg_to_png(render(spec, "svg").decode("utf-8"), scale=2)
    else:
        raise ValueError(f"unknown chart format {fmt!r}")
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(drawn)
    partial.replace(cached)
    return drawn


def png_with_description(png: bytes, description: str) -> bytes:
    """``png`` with ``description`` in its (standard) Description text field: an iTXt chunk
    put before the image data, the pixels left as they were encoded (no second encoding)."""
    signature, header_end = png[:8], 8 + 8 + 13 + 4  # the signature and the IHDR chunk
    if signature != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    body = b"Description\x00\x00\x00\x00\x00" + description.encode("utf-8")
    chunk = (struct.pack(">I", len(body)) + b"iTXt" + body
             + struct.pack(">I", zlib.crc32(b"iTXt" + body) & 0xFFFFFFFF))
    return png[:header_end] + chunk + png[header_end:]
