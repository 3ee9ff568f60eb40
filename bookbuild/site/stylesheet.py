"""One small stylesheet per site instead of the theme's eight render-blocking ones.

The theme links seven stylesheets (one of them @imports an eighth), 490 KB in all, of which
Bootstrap and Font Awesome rules for components the book never shows are most. Each is a
request the browser must finish before it paints anything. After the HTML build this module

* concatenates the stylesheets a page links, in their order, following ``@import`` and
  rewriting relative ``url()`` references for the new location;
* drops every style rule whose selector names a class or id that appears nowhere in the
  site: not in any page's ``class``/``id`` attributes, and not as a word in any script (page
  or ``_static``), since scripts add classes at run time;
* cuts each web font the remaining rules use down to the glyphs those rules print
  (``content`` strings: the icon font's 156 KB shrink to a few KB), as
  ``*.subset-<hash>.woff2``;
* writes the rest, without comments or runs of whitespace, to ``_static/styles/book.css``,
  versioned by its content hash, and links that one file from every page in place of the
  originals (which stay on disk, unlinked).

Each page keeps the list of the stylesheets it replaced in ``data-sources``, so that a later
incremental build, which rewrites only some pages, can rebuild the bundle from all of them.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

import tinycss2
from tinycss2 import ast

from . import beside, site_pages

BUNDLE = "_static/styles/book.css"
_LINK = re.compile(r'<link (?:rel="stylesheet" (?:type="text/css" )?href="([^"]+)"|'
                   r'href="([^"]+)" rel="stylesheet")\s*/?>\n?')
_BUNDLE_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*book\.css\?v=\w+" '
                          r'data-sources="([^"]*)"\s*/?>\n?')
_ATTRIBUTE = re.compile(r'\b(?:class|id)="([^"]*)"')
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_KEEP_WHOLE = {"font-face", "keyframes", "-webkit-keyframes", "page", "property", "counter-style"}
_NESTED = {"media", "supports", "layer", "container"}


class StylesheetError(RuntimeError):
    pass


def _inputs_digest(outdir: Path) -> str:
    """A hash of everything the bundle is made from: the pages, and the scripts, stylesheets
    and fonts under ``_static`` (the bundle and the font subsets it wrote aside)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())  # and the way it is made
    _hash_files(digest, outdir,
                [*site_pages(outdir), *_static_sources(outdir, (".js", ".css", ".woff2"))])
    return digest.hexdigest()


def _static_sources(outdir: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under ``_static`` with these suffixes, but for the bundle and its font subsets."""
    return sorted(p for p in (outdir / "_static").rglob("*") if p.suffix in suffixes
                  and p != outdir / BUNDLE and ".subset-" not in p.name)


def _hash_files(digest, outdir: Path, files: list[Path]) -> None:
    for file in files:
        digest.update(file.relative_to(outdir).as_posix().encode() + b"\0" + file.read_bytes())


_SUBSET_URL = re.compile(r"url\(([^)]*\.subset-[0-9a-f]+\.woff2)\)")


def _made_dir(outdir: Path) -> Path:
    return beside(outdir, "stylesheet-made")


def _bundle_key(outdir: Path, sources: list[str], used: set[str]) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update("\0".join(sources).encode() + b"\0\0" + "\0".join(sorted(used)).encode())
    _hash_files(digest, outdir, _static_sources(outdir, (".css", ".woff2")))
    return digest.hexdigest()[:24]


def bundle_site(outdir: Path) -> dict[str, int]:
    """Bundle and purge the stylesheets of every page under ``outdir``; return byte counts
    (none when nothing it is made from changed since it last ran)."""
    outdir = Path(outdir)
    stamp = beside(outdir, "stylesheet")
    if (outdir / BUNDLE).is_file() and stamp.is_file() and \
            stamp.read_text(encoding="utf-8") == _inputs_digest(outdir):
        return {}
    sizes = _bundle(outdir)
    stamp.write_text(_inputs_digest(outdir), encoding="utf-8")
    return sizes


def _bundle(outdir: Path) -> dict[str, int]:
    texts = {page: page.read_text(encoding="utf-8") for page in site_pages(outdir)}
    linked = {page: _stylesheets_of(page, outdir, text) for page, text in texts.items()}
    sources = list(dict.fromkeys(s for page_sources in linked.values() for s in page_sources))
    if not sources:
        return {}
    used = _used_names(outdir, texts.values())
    missing = [source for source in sources if not (outdir / source).is_file()]
    if missing:
        raise StylesheetError(f"stylesheet linked from the site is missing: {outdir / missing[0]}")
    original_bytes = sum((outdir / source).stat().st_size for source in sources)
    # The bundle depends on the stylesheets, the fonts and the names the site uses, not on
    # the rest of the pages: a page whose text alone changed reuses the bundle made before.
    made = _made_dir(outdir) / f"{_bundle_key(outdir, sources, used)}.css"
    if made.is_file() and all((outdir / BUNDLE).parent.joinpath(font).is_file()
                              for font in _SUBSET_URL.findall(made.read_text(encoding="utf-8"))):
        css = made.read_text(encoding="utf-8")
    else:
        rules = [rule for source in sources for rule in _load_rules(outdir / source, outdir)]
        kept = _purge(rules, used)
        _subset_fonts(kept, outdir)
        css = '@charset "UTF-8";' + "".join(_minify(rule) for rule in kept)
        made.parent.mkdir(parents=True, exist_ok=True)
        for old in made.parent.glob("*.css"):
            old.unlink()
        made.write_text(css, encoding="utf-8")
    version = hashlib.sha256(css.encode()).hexdigest()[:10]
    (outdir / BUNDLE).write_text(css, encoding="utf-8")
    for page, text in texts.items():
        new = _relink(page, outdir, text, linked[page], version)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return {"stylesheets": len(sources), "original_bytes": original_bytes,
            "bundle_bytes": len(css.encode())}


# -- which stylesheets ---------------------------------------------------------------------------
def _stylesheets_of(page: Path, outdir: Path, text: str) -> list[str]:
    """The stylesheets a page links (or linked before an earlier bundling), in link order, as
    paths relative to ``outdir``."""
    head = text.split("</head>", 1)[0]
    bundled = _BUNDLE_LINK.search(head)
    if bundled:
        return bundled.group(1).split()
    return [_site_path(page, outdir, a or b) for a, b in _LINK.findall(head)]


def _site_path(page: Path, outdir: Path, href: str) -> str:
    href = href.split("?", 1)[0]
    return posixpath.normpath(posixpath.join(page.parent.relative_to(outdir).as_posix(), href))


def _relink(page: Path, outdir: Path, text: str, sources: list[str], version: str) -> str:
    head, sep, body = text.partition("</head>")
    depth = len(page.relative_to(outdir).parts) - 1
    link = (f'<link rel="stylesheet" href="{"../" * depth}{BUNDLE}?v={version}" '
            f'data-sources="{" ".join(sources)}" />\n')
    if _BUNDLE_LINK.search(head):
        head = _BUNDLE_LINK.sub(link, head, count=1)
    else:
        first = _LINK.search(head)
        if first is None:
            return text
        head = head[:first.start()] + link + _LINK.sub("", head[first.start():])
    return head + sep + body


# -- loading -------------------------------------------------------------------------------------
def _load_rules(path: Path, outdir: Path, seen: frozenset = frozenset()) -> list:
    if path in seen:
        raise StylesheetError(f"{path}: @import cycle")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise StylesheetError(f"stylesheet linked from the site is missing: {path}") from error
    rules = []
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            raise StylesheetError(f"{path}:{rule.source_line}: {rule.message}")
        if rule.type == "at-rule" and rule.lower_at_keyword == "charset":
            continue
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            target = _import_target(rule, path)
            rules += _load_rules(target, outdir, seen | {path})
            continue
        _rebase_urls(rule, path.parent, (outdir / BUNDLE).parent)
        rules.append(rule)
    return rules


def _import_target(rule, path: Path) -> Path:
    for token in rule.prelude:
        if token.type in ("string", "url"):
            return (path.parent / token.value).resolve()
        if token.type == "function" and token.lower_name == "url":
            return (path.parent / token.arguments[0].value).resolve()
    raise StylesheetError(f"{path}:{rule.source_line}: @import without a target")


def _rebase_urls(node, source_dir: Path, target_dir: Path) -> None:
    """Point relative url() references at the same files from the bundle's folder."""
    for token in _tokens(node):
        if token.type == "url":
            new = _rebased(token.value, source_dir, target_dir)
            token.value, token.representation = new, f"url({new})"
        elif token.type == "function" and token.lower_name == "url":
            for arg in token.arguments:
                if arg.type == "string":
                    arg.value = _rebased(arg.value, source_dir, target_dir)
                    arg.representation = '"' + arg.value.replace('"', '\\"') + '"'


def _rebased(url: str, source_dir: Path, target_dir: Path) -> str:
    if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.I):
        return url
    path, _, suffix = url.partition("?")
    moved = Path(posixpath.relpath((source_dir / path).resolve(), target_dir.resolve())).as_posix()
    return moved + ("?" + suffix if suffix else "")


def _tokens(node):
    """Every token inside a rule, depth first."""
    stack = list(getattr(node, "prelude", None) or []) + list(getattr(node, "content", None) or [])
    while stack:
        token = stack.pop()
        yield token
        stack.extend(getattr(token, "arguments", None) or getattr(token, "content", None) or [])


# -- purging -------------------------------------------------------------------------------------
def _used_names(outdir: Path, pages) -> set[str]:
    used: set[str] = set()
    for text in pages:
        for value in _ATTRIBUTE.findall(text):
            used.update(value.split())
        for script in _SCRIPT.findall(text):
            used.update(_WORD.findall(script))
    for script in (outdir / "_static").rglob("*.js"):
        used.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


def _purge(rules: list, used: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if _required(s) <= used]
            if selectors:
                rule.prelude = _join_selectors(selectors)
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTED and rule.content is not None:
            inner = _purge(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                    skip_whitespace=True), used)
            if inner:
                rule.content = inner
                kept.append(rule)
        else:
            kept.append(rule)
    return kept


def _split_selectors(prelude: list) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _join_selectors(selectors: list[list]) -> list:
    joined = []
    for index, selector in enumerate(selectors):
        if index:
            joined.append(ast.LiteralToken(0, 0, ","))
        joined.extend(selector)
    return joined


def _required(selector: list) -> set[str]:
    """Class and id names a selector needs (those inside :not(), :is() etc. are not needed)."""
    names, previous = set(), None
    for token in selector:
        if token.type == "ident" and previous is not None and previous.type == "literal" \
                and previous.value == ".":
            names.add(token.value)
        elif token.type == "hash" and token.is_identifier:
            names.add(token.value)
        previous = token
    return names


# -- fonts ---------------------------------------------------------------------------------------
def _subset_fonts(rules: list, outdir: Path) -> None:
    """Point each @font-face's woff2 source at a copy holding only the glyphs the kept rules
    print; the kept rules' strings are the only way this site's CSS asks for a glyph."""
    glyphs = {ord(ch) for rule in rules for token in _tokens(rule)
              if token.type == "string" for ch in token.value if ord(ch) > 0x7F}
    styles_dir = (outdir / BUNDLE).parent
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        for token in _tokens(rule):
            if token.type == "url" and token.value.split("?")[0].endswith(".woff2") \
                    and ".subset." not in token.value:
                source = (styles_dir / token.value.split("?")[0]).resolve()
                target = _write_subset(source, glyphs)
                new = Path(posixpath.relpath(target, styles_dir.resolve())).as_posix()
                token.value, token.representation = new, f"url({new})"


def _write_subset(source: Path, glyphs: set[int]) -> Path:
    """Write the subset beside the font, named by its content (a changed glyph set is a new
    URL, so no browser keeps an old subset); return its path."""
    import io

    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=glyphs or {0x20})
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    digest = hashlib.sha256(buffer.getvalue()).hexdigest()[:10]
    target = source.with_name(f"{source.stem}.subset-{digest}.woff2")
    if not target.is_file():
        target.write_bytes(buffer.getvalue())
    return target


# -- writing -------------------------------------------------------------------------------------
def _minify(rule) -> str:
    if rule.type == "at-rule":
        prelude = _compact(rule.prelude).strip()
        head = "@" + rule.at_keyword + (" " + prelude if prelude else "")
        if rule.content is None:
            return head + ";"
        if rule.lower_at_keyword in _KEEP_WHOLE or not all(
                getattr(r, "type", "") in ("qualified-rule", "at-rule") for r in rule.content):
            return head + "{" + _compact(rule.content, declarations=True).strip() + "}"
        return head + "{" + "".join(_minify(r) for r in rule.content) + "}"
    return (_compact(rule.prelude).strip() + "{"
            + _compact(rule.content, declarations=True).strip() + "}")


# A space before these is never needed; before ":" only outside selectors (``a :hover``).
_NO_SPACE_BEFORE = (",", ")", ";", "}", "{", "!")
_NO_SPACE_AFTER = (" ", "{", ";", ",", ":", "(", ">")


def _compact(tokens, declarations: bool = False) -> str:
    out: list[str] = []
    for token in tokens:
        if token.type == "whitespace":
            if out and not out[-1].endswith(_NO_SPACE_AFTER):
                out.append(" ")
            continue
        if token.type == "comment":
            continue
        text = _serialize(token, declarations)
        if out and out[-1] == " " and (text.startswith(_NO_SPACE_BEFORE)
                                       or (declarations and text.startswith(":"))):
            out.pop()
        out.append(text)
    return "".join(out)


def _serialize(token, declarations: bool) -> str:
    if token.type in ("() block", "[] block", "{} block"):
        opening = token.type[0]
        closing = {"(": ")", "[": "]", "{": "}"}[opening]
        return opening + _compact(token.content, declarations).strip() + closing
    if token.type == "function":
        return tinycss2.serialize([ast.FunctionBlock(0, 0, token.name, [])])[:-1] \
            + _compact(token.arguments, declarations).strip() + ")"
    return tinycss2.serialize([token])
