"""Numbered tables: a dataset rendered as a real (MyST) table with caption, source and notes.

The output is MyST Markdown, so Sphinx numbers it ("Table 3.1"), cross-references resolve,
the website shows an HTML table and the PDF a LaTeX table. It is built with
:mod:`bookkit.markup`, so headers, cells, caption, source and notes are always text.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from . import data, readable
from .charts import source_line
from .markup import MyST, cell, directive, download, escape, lines, myst, output, target_name


def fmt_number(value, decimals: int | None = None) -> str:
    """Thousands separated by commas; blanks stay blank; decimals shown as stored."""
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, str):
        return value
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


_FIGURE = re.compile(r"^[<>~≈]?\s*-?[\d,.]+\s*[%‰*]*(?:\s*\([a-z]\))?$")


def _is_figures(column: pd.Series) -> bool:
    """True when every filled cell is a number (possibly with a footnote mark such as * or
    (a), or %); a column with no filled cell (all dashes) aligns as figures too."""
    if pd.api.types.is_numeric_dtype(column):
        return True
    filled = [str(v) for v in column if not pd.isna(v) and str(v) not in ("", readable.BLANK)]
    return all(_FIGURE.match(v) for v in filled)


PAGE_CHARACTERS = 100  # about what fits across the PDF's A4 text block at 10 pt


def _column_widths(frame: pd.DataFrame) -> list[int]:
    """Column widths, in hundredths of the line, for tables too wide for the printed page,
    so that LaTeX wraps their text (without them it sets each column at its natural width,
    past the margin). No column is narrower than its longest word or figure, which cannot
    wrap, plus the cell's padding (which the PDF's column widths include); the width left
    over goes to the columns of text that want more."""
    cells = {column: [str(column)] + [fmt_number(v) for v in frame[column]]
             for column in frame.columns}
    longest = [max(len(word) for text in texts for word in text.split() or [""])
               for texts in cells.values()]
    wanted = [min(max(len(text) for text in texts), 40) for texts in cells.values()]
    room = PAGE_CHARACTERS - 3 * len(longest)
    if sum(max(w, n + 1) for w, n in zip(wanted, longest)) <= room:
        return []
    # A character is about 1/100 of the line; bold headings run wider, padding is ~3.
    shortest = [math.ceil(1.25 * n) + 3 for n in longest]
    spare = max(PAGE_CHARACTERS - sum(shortest), 0)
    extra = [max(w - n, 0) for w, n in zip(wanted, longest)]
    total_extra = sum(extra) or 1
    return [s + (spare * e) // total_extra for s, e in zip(shortest, extra)]


def _latex_columns(frame: pd.DataFrame, widths: list[int]) -> str:
    """The PDF's column specification: figures right-aligned, text left-aligned and never
    justified (narrow justified cells open wide gaps between words); set widths when the
    table needs them to fit the page. The first column labels the rows."""
    figures = [False] + [_is_figures(frame[c]) for c in frame.columns[1:]]
    if not widths:
        return "".join("R" if f else "L" for f in figures)
    total = sum(widths)
    ragged = {True: "\\raggedleft", False: "\\raggedright"}
    return "".join(f">{{{ragged[f]}\\arraybackslash}}\\X{{{w}}}{{{total}}}"
                   for f, w in zip(figures, widths))


def _room_for(frame: pd.DataFrame, footer: list[str]) -> list[str]:
    """LaTeX asking for enough of the page for the table, its source and notes, so that
    they are printed together (tables long enough to break across pages excepted)."""
    lines = 4 + len(frame) + sum(1 + len(line) // 110 for line in footer)
    return [] if lines > 40 else ["```{raw} latex", f"\\needspace{{{lines}\\baselineskip}}",
                                  "```", ""]


@dataclass
class Table:
    frame: pd.DataFrame
    caption: str
    name: str
    source: str = ""
    notes: tuple[str, ...] = ()
    download: str | None = None  # path of the CSV within the book, for a download link
    columns: readable.Columns | None = None  # the headers' titles and the cells' formats

    def markdown(self) -> MyST:
        """The table as MyST; every header, cell, caption, source and note is text
        (see :mod:`bookkit.markup`). Headers are the fields' titles, numbers are printed
        with their stored decimals, a blank is a dash, explained under the table."""
        frame = (self.columns or readable.Columns(f"table {self.name!r}")).shown(self.frame)
        header = myst("| {} |", MyST(" | ").join(cell(c) for c in frame.columns))
        # The first column labels the rows; figures align right, text left.
        align = MyST("|:--|" + "|".join("--:" if _is_figures(frame[c]) else ":--"
                                        for c in frame.columns[1:]) + "|")
        rows = [myst("| {} |", MyST(" | ").join(cell(fmt_number(v)) for v in row))
                for row in frame.itertuples(index=False)]
        widths = _column_widths(frame)
        options = {"name": target_name(self.name), "align": "center",
                   "class": "bookkit-numbered-table"}
        if widths:
            options["widths"] = " ".join(map(str, widths))
        footer = [myst("Source: {}", self.source)] if self.source else []
        footer += [escape(note) for note in self.notes]
        if (frame == readable.BLANK).any().any():
            footer.append(escape(readable.BLANK_NOTE))
        if self.download:
            footer.append(download("Download the data (CSV)", self.download))
        # LaTeX ignores Markdown column alignment: say it for the PDF (our own markup).
        parts = [*(MyST(line) for line in _room_for(frame, footer)),
                 MyST("```{tabularcolumns} " + _latex_columns(frame, widths)), MyST("```"),
                 MyST(""),
                 directive("table", self.caption, options, lines([header, align, *rows])),
                 MyST("")]
        if footer:
            parts.append(MyST("  \n").join(footer))
        return lines(parts)

    def _repr_markdown_(self) -> str:
        return output(self.markdown())._repr_markdown_()


def table(frame: pd.DataFrame, *, dataset: str, name: str, caption: str | None = None,
          notes: list[str] | None = None, titles: dict[str, str] | None = None) -> Table:
    """A numbered table of ``frame``, titled and sourced from ``dataset``'s metadata.

    ``caption`` defaults to the dataset's title; notes from the dataset's ``table_notes``
    come first, then ``notes``. Columns are headed by their fields' titles; ``titles`` heads
    the columns the chapter derives (a machine-named column without a title is refused).
    """
    columns = readable.Columns(f"table {name!r}", [dataset], titles)
    columns.check(frame.columns)
    meta = data.metadata(dataset)
    source = source_line([dataset]).removeprefix("Source: ")
    all_notes = [*meta.get("table_notes", []), *(notes or [])]
    return Table(frame=frame, caption=caption or meta["title"], name=name, source=source,
                 notes=tuple(all_notes), download=f"/data/{meta['path']}", columns=columns)
