"""The one rule for Markdown the package writes: data is text, never markup.

Every page fragment the package generates (numbered tables, discrepancy notes, the data
catalogue and notes pages, chapters' own Markdown tables) is MyST Markdown that Sphinx parses
again. A value from ``data/`` that went into it unchanged could carry raw HTML
(``<script>``), a role (``{download}`...` ``), a substitution (``{{ x }}``), emphasis, a link
or a table pipe, and all of them would be obeyed. So:

* :class:`MyST` is markup the package wrote itself. It comes only from string literals in
  ``bookkit`` (a template) or from the helpers below.
* Any other value is text. When it meets markup, through :func:`myst` (a ``str.format``
  template), ``MyST + value``, ``MyST.join``, :func:`cell` or :func:`code`, it is escaped:
  every ASCII punctuation character gets a backslash, which CommonMark allows before any of
  them and which turns each back into the literal character, and line breaks become spaces,
  so a value cannot end a table row, list item, heading or directive it stands in. HTML,
  roles, substitutions, emphasis, links and entities all come out as the characters typed,
  on the site and in the PDF alike (LaTeX escapes text nodes itself).
* Where Markdown is not parsed, nothing can be escaped, so only safe characters pass:
  ``{download}`` labels and targets (:func:`download`), directive options and target names
  (:func:`directive`, :func:`target_name`); anything else is refused with a ``ValueError``.
  Raw HTML for the website is accepted only as a ``markupsafe.Markup``, whose ``format``
  HTML-escapes every value: the same rule, for HTML (:func:`raw_html`).
* A string method other than ``+``, ``join`` and ``format`` returns a plain ``str``, which is
  text again: trust is lost, never gained. :func:`output`, the only way the package hands
  Markdown to the notebook, refuses anything that is not :class:`MyST`, so forgetting to
  build a fragment this way fails the build instead of publishing raw markup.
"""
from __future__ import annotations

import re
import string

from markupsafe import Markup

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
_DOWNLOAD_TARGET = re.compile(r"/?[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*", re.ASCII)
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*", re.ASCII)
_OPTION_VALUE = re.compile(r"[\w .-]*", re.ASCII)


class MyST(str):
    """Trusted MyST Markdown: joining it with anything else escapes the other part."""

    __slots__ = ()

    def __add__(self, other):
        return MyST(str.__add__(self, escape(other)))

    def __radd__(self, other):
        return MyST(str.__add__(escape(other), self))

    def join(self, parts) -> "MyST":
        return MyST(str.join(self, (escape(p) for p in parts)))

    def format(self, *args, **kwargs) -> "MyST":
        return MyST(_FORMATTER.vformat(self, args, kwargs))

    def __repr__(self) -> str:
        return f"MyST({str.__repr__(self)})"


def escape(value) -> MyST:
    """``value`` as literal inline text (unchanged if it is already :class:`MyST`)."""
    if isinstance(value, MyST):
        return value
    text = _LINE_BREAK.sub(" ", str(value))
    return MyST(_PUNCTUATION.sub(r"\\\1", text))


class _EscapingFormatter(string.Formatter):
    def format_field(self, value, format_spec):
        if isinstance(value, MyST):
            if format_spec:
                raise ValueError("markup cannot take a format specification")
            return value
        return escape(format(value, format_spec))


_FORMATTER = _EscapingFormatter()


def myst(template: str, /, *args, **kwargs) -> MyST:
    """Markup from a template written in the code, every value not :class:`MyST` escaped.

    ``myst("- **{}** ({})", title, name)``: literal braces are doubled as in ``str.format``.
    """
    return MyST(template).format(*args, **kwargs)


def lines(parts) -> MyST:
    """Markup lines joined by newlines (plain strings among them are escaped)."""
    return MyST("\n").join(parts)


def directive(name: str, argument="", options: dict | None = None, body="") -> MyST:
    """A MyST directive in a tilde fence: a backtick fence's first line may not contain a
    backtick, and an escaped one (\\`) still counts, so data in the argument needs tildes.
    The argument and body are escaped unless they are :class:`MyST`. Option values are read
    raw, not as Markdown, so they cannot be escaped: they are limited to words, digits,
    spaces, ``-`` and ``.``."""
    head = [MyST(f"~~~~{{{target_name(name)}}} ") + argument]
    for key, value in (options or {}).items():
        if not _OPTION_VALUE.fullmatch(str(value)):
            raise ValueError(f"directive option {key}={value!r}: only words, digits, spaces, "
                             "- and . are allowed")
        head.append(MyST(f":{target_name(key)}: {value}"))
    return lines([*head, MyST(""), body, MyST("~~~~")])


def raw_html(fragment: Markup) -> MyST:
    """A website-only block of HTML. It must be a ``markupsafe.Markup`` (whose ``format``
    and ``+`` HTML-escape every value, the same rule for HTML); its line breaks become
    spaces, so no line of it can close the raw block early."""
    if not isinstance(fragment, Markup):
        raise TypeError(f"raw HTML must be a markupsafe.Markup, not {type(fragment).__name__}")
    return directive("raw", MyST("html"), body=MyST(re.sub(r"[\r\n]+", " ", fragment)))


def cell(value) -> MyST:
    """A table cell: text escaped as usual, then one more backslash before each pipe, which
    the table's row splitter takes away before the cell's own inline markup is read."""
    return MyST(escape(value).replace("|", "\\|"))


def code(value) -> MyST:
    """``value`` as inline code, in a backtick fence longer than any run of backticks in it
    (backslashes do not escape inside code)."""
    text = _LINE_BREAK.sub(" ", str(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return MyST(f"{fence}{pad}{text}{pad}{fence}")


def download(label: str, target: str) -> MyST:
    """A ``{download}`` role. Role content is not Markdown, so nothing in it can be escaped:
    the label must be plain words and the target a relative path of letters, digits, ``_``,
    ``.`` and ``-`` (no ``..``); anything else is refused."""
    if not re.fullmatch(r"[\w ().,-]+", label):
        raise ValueError(f"download label {label!r}: only words, spaces and ().,- are allowed")
    if not _DOWNLOAD_TARGET.fullmatch(target) or ".." in target:
        raise ValueError(f"download target {target!r}: only a relative path of letters, digits "
                         "and _ . - can be linked")
    return MyST(f"{{download}}`{label} <{target}>`")


def target_name(name: str) -> MyST:
    """A target name (``tbl-x``) for ``:name:`` options and ``(x)=`` targets, checked: it is
    used as written, since a backslash would become part of the name."""
    if not _LABEL.fullmatch(name):
        raise ValueError(f"name {name!r}: use letters, digits, - and _ only")
    return MyST(name)


class Output:
    """What a notebook cell displays as MyST Markdown; only :class:`MyST` is accepted."""

    def __init__(self, markup: MyST):
        if not isinstance(markup, MyST):
            raise TypeError("Markdown output must be built with bookkit.markup (got plain "
                            f"{type(markup).__name__}); plain strings are text, not markup")
        self.data = markup

    def _repr_markdown_(self) -> str:
        return str(self.data)

    def __repr__(self) -> str:
        return f"<Markdown, {len(self.data)} characters>"


def output(markup: MyST) -> Output:
    return Output(markup)
