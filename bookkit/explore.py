"""Explore the data: pick any dataset of the package and see its metadata, rows and a chart.

Two explorers share one set of rules (:func:`chart_plan`) and show the same things for the
dataset picked: its title and description, source line and notes (:func:`head_html`,
:func:`foot_html`), every row as a readable table (:func:`table_html`: field titles, numbers
as the file writes them with thousands separated, codes as words, blanks as a dash) and bars
or lines labelled in words.

* :func:`explorer` is an ipywidgets app for a live Jupyter kernel: a dropdown of datasets and
  an output area, plus what each column holds.
* :func:`static_explorer` is the website's and the PDF's, without a kernel. Its chart's data is
  one long table of every dataset that has a numeric measure, filtered by an Altair parameter;
  on the site a menu of the page sets the parameter and shows the picked dataset's text and
  table (``bookbuild/static/js/explore.js``); the PDF shows the default dataset.
"""
from __future__ import annotations

import functools
import html
import re
import textwrap
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import vl_convert as vlc

from . import data, theme
from .readable import BLANK, BLANK_NOTE  # the book's one way to show a blank cell
from .charts import (Figure, chart_html, figure, in_book_build, render, screen_spec,
                     source_line, svg_size)

DEFAULT_DATASET = "migration_oralmans_by_origin"  # the selection drawn in the PDF

# Units that mark a column as a position, a date or a part of a fraction, not as a quantity.
_NOT_QUANTITY_UNITS = {"decimal degrees north", "decimal degrees east", "calendar year",
                       "month number", "fraction part"}
# Numeric columns that count or index rather than measure.
_NOT_QUANTITY_NAMES = {"scale_point", "seq", "vertex", "number"}
# Second bounds of a range: the chart draws the first bound only.
_UPPER_BOUNDS = {"value_high", "value_upper", "persons_high"}
# Text columns that annotate a value rather than say what it is.
_NOT_LABELS = {"unit", "qualifier", "printed", "cited_source", "note", "footnote", "exhibit",
               "exhibit_referenced", "coordinate_source", "route_source", "other_lines",
               "year_source", "scope_note", "marker", "count_unit"}
_SEE_COLUMN = re.compile(r"^see (?:the )?(\w+)(?: column)?$")


@dataclass
class ChartPlan:
    """What the default chart of one dataset draws, or why there is none."""

    name: str
    kind: str | None              # "line", "bar" or None
    value: str | None = None      # the numeric column drawn
    x: str | None = None          # the year column of a line chart
    labels: list[str] = field(default_factory=list)  # text columns naming each value
    unit: str | None = None       # one unit for the whole column ...
    unit_column: str | None = None  # ... or the column that holds each row's unit
    reason: str = ""


def _is_line_number(name: str) -> bool:
    return name == "line" or name.startswith("line_")


def _is_year(f: dict) -> bool:
    return f["type"] == "integer" and (f["name"] == "year" or f["name"].endswith("_year"))


def _unit_of(f: dict, field_names: set[str]) -> tuple[str | None, str | None]:
    """(fixed unit, unit column) of a numeric field; (None, None) when it has neither."""
    unit = f.get("unit")
    if unit:
        see = _SEE_COLUMN.match(unit)
        if see and see.group(1) in field_names:
            return None, see.group(1)
        return unit, None
    if "unit" in field_names:
        return None, "unit"
    return None, None


def _why_not(f: dict) -> str:
    """Why a numeric column is not drawn, in a few words."""
    unit = f.get("unit", "")
    if _is_year(f) or unit == "calendar year":
        return "is a year"
    if unit.startswith("decimal degrees"):
        return "is a map coordinate"
    if unit == "month number":
        return "is a month"
    if unit == "fraction part":
        return "is one part of a fraction"
    if f["name"] in _NOT_QUANTITY_NAMES:
        return "numbers the rows"
    return "has no unit, so its values cannot be compared"


def measure_columns(meta: dict) -> list[str]:
    """Numeric columns that hold a quantity with a known unit, in schema order."""
    fields = meta["schema"]["fields"]
    names = {f["name"] for f in fields}
    found = []
    for f in fields:
        name = f["name"]
        if f["type"] not in ("integer", "number") or _is_line_number(name) or _is_year(f):
            continue
        if name in _NOT_QUANTITY_NAMES or name in _UPPER_BOUNDS:
            continue
        if f.get("unit") in _NOT_QUANTITY_UNITS:
            continue
        if _unit_of(f, names) == (None, None):
            continue
        found.append(name)
    return found


def _label_columns(meta: dict, exclude: set[str]) -> list[str]:
    fields = {f["name"]: f for f in meta["schema"]["fields"]}
    key = [c for c in meta["schema"].get("primaryKey", [])
           if c in fields and fields[c]["type"] == "string" and c not in exclude]
    if key == ["id"] and "description" in fields:
        return ["description"]
    if key:
        return key
    others = [n for n, f in fields.items()
              if f["type"] == "string" and n not in _NOT_LABELS and n not in exclude]
    return others[:1]


def chart_plan(name: str, frame: pd.DataFrame | None = None) -> ChartPlan:
    """The default chart of a dataset, chosen from its schema.

    A numeric measure over a year column that takes at least two values is drawn as lines
    with points; a measure named by one or more text columns as bars; anything else gets no
    chart, and the plan says why.
    """
    meta = data.metadata(name)
    fields = meta["schema"]["fields"]
    names = {f["name"] for f in fields}
    measures = measure_columns(meta)
    if not measures:
        why = [f"{f['name']} {_why_not(f)}" for f in fields
               if f["type"] in ("integer", "number") and not _is_line_number(f["name"])]
        detail = "; ".join(why) if why else "the dataset holds text only, apart from line numbers"
        return ChartPlan(name, None, reason=f"No default chart: {detail}.")
    value = "value" if "value" in measures else measures[0]
    unit, unit_column = _unit_of(next(f for f in fields if f["name"] == value), names)
    key = meta["schema"].get("primaryKey", [])
    years = [f["name"] for f in fields if _is_year(f) and f["name"] in key]
    if frame is None:
        frame = data.load(name)
    if years and frame[years[0]].nunique() >= 2:
        labels = _label_columns(meta, {years[0]})
        return ChartPlan(name, "line", value, years[0], labels, unit, unit_column,
                         reason=f"{value} over {years[0]}: lines with points.")
    labels = _label_columns(meta, set())
    if not labels:
        return ChartPlan(name, None, value, unit=unit, unit_column=unit_column,
                         reason=f"No default chart: nothing names the values of {value}.")
    # A year that is not drawn on an axis still tells values apart.
    labels += [y for y in years if y not in labels]
    return ChartPlan(name, "bar", value, None, labels, unit, unit_column,
                     reason=f"{value} by {', '.join(labels)}: bars.")


def _joined(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    if not columns:
        return pd.Series([""] * len(frame), index=frame.index)
    parts = frame[columns].astype("string").fillna("")
    words = spellings()
    return parts.apply(lambda row: " · ".join(readable(v, words) for v in row if v), axis=1)


def _distinct(labels: pd.Series, groups: pd.Series, rows: pd.DataFrame, tried: list[str]) -> pd.Series:
    """Labels that repeat within a panel get the first other text column that tells them
    apart (a period, a qualifier), else their line in the report."""
    words = spellings()
    for column in [c for c in rows.columns if rows[c].dtype == "string" and c not in tried] + ["line"]:
        clash = pd.Series(list(zip(groups, labels)), index=labels.index).duplicated(keep=False)
        if not clash.any() or column not in rows:
            break
        extra = rows[column].astype("string").fillna("")
        if column == "line":
            extra = "line " + extra
        else:
            extra = extra.map(lambda v: readable(v, words))
        candidate = labels.where(~clash, labels + " (" + extra + ")")
        if not pd.Series(list(zip(groups, candidate)))[clash.to_numpy()].duplicated().any():
            return candidate
    return labels


def plan_frame(plan: ChartPlan, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of one dataset as the long table: category, x, label, value, unit, line."""
    rows = frame[frame[plan.value].notna()]
    out = pd.DataFrame({
        "category": _joined(rows, plan.labels).to_numpy(dtype=object),
        "x": (rows[plan.x].astype("Int64").astype(str).to_numpy(dtype=object)
              if plan.x else [""] * len(rows)),
        "value": rows[plan.value].astype(float).to_numpy(),
        "unit": (rows[plan.unit_column].astype("string").fillna("").to_numpy(dtype=object)
                 if plan.unit_column else [plan.unit or ""] * len(rows)),
        "line": (rows["line"].astype("Int64").to_numpy(dtype=object)
                 if "line" in rows else [pd.NA] * len(rows)),
    })
    out["unit"] = out["unit"].replace("", "unit not stated")
    label = pd.Series([f"{c} · {x}" if c and x else (c or x or "Value")
                       for c, x in zip(out["category"], out["x"])])
    out["label"] = _distinct(label, out["unit"], rows.reset_index(drop=True),
                             plan.labels + ([plan.x] if plan.x else [])).to_numpy(dtype=object)
    return out


# -- text as a reader reads it -------------------------------------------------------------------
# Data files name categories by codes ("china_share_of_born_outside"). Shown to readers, a code
# becomes words; each word is spelled as the data package's own prose spells it ("GDP",
# "China", "XUAR"), and stays in lower case when the prose uses it so.
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
_CODE_IN_TEXT = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _package_prose() -> str:
    parts = []
    for name in data.names():
        meta = data.metadata(name)
        parts += [meta.get("title", ""), meta.get("description", ""), *meta.get("notes", [])]
        parts += [f"{f.get('title', '')}. {f.get('description', '')}" for f in meta["schema"]["fields"]]
    return _CODE_IN_TEXT.sub(" ", "\n".join(parts))


@functools.lru_cache(maxsize=4)
def _spellings(prose: str) -> dict[str, str]:
    """lower-case word -> how the prose writes it, for words the prose never writes in lower case."""
    seen: dict[str, dict[str, int]] = {}
    for word in _WORD.findall(prose):
        forms = seen.setdefault(word.lower(), {})
        forms[word] = forms.get(word, 0) + 1
    return {low: max(forms, key=forms.get) for low, forms in seen.items() if low not in forms}


@functools.lru_cache(maxsize=4)
def _package_prose_of(_package_mtime: int) -> str:
    return _package_prose()


def spellings() -> dict[str, str]:
    """The package's prose is read once while its file is unchanged (the explorer asks for
    every dataset's labels)."""
    return _spellings(_package_prose_of(data.PACKAGE_FILE.stat().st_mtime_ns))


def readable(text: str, words: dict[str, str] | None = None) -> str:
    """A code such as ``gdp_per_capita`` as words ("GDP per capita"); other text unchanged."""
    if not _CODE.match(text):
        return text
    words = spellings() if words is None else words
    parts = [words.get(w, w) for w in text.split("_")]
    return " ".join([parts[0][:1].upper() + parts[0][1:], *parts[1:]])


def prose(text: str, name: str) -> str:
    """A description or note of a dataset as readers read it: the column and dataset names it
    mentions become their titles, in quotation marks, and other codes words."""
    meta = data.metadata(name)
    titles = {f["name"]: f.get("title") for f in meta["schema"]["fields"]}
    words = spellings()

    def title(match: re.Match) -> str:
        code = match.group(0)
        if titles.get(code):
            return f"‘{titles[code]}’"
        if code in data.names():
            return f"‘{data.metadata(code).get('title', readable(code, words))}’"
        return readable(code, words)
    return _CODE_IN_TEXT.sub(title, text)


def _title_of(meta: dict, column: str) -> str:
    f = next((f for f in meta["schema"]["fields"] if f["name"] == column), {})
    return f.get("title") or readable(column)


def _is_quantity(f: dict) -> bool:
    """Numbers that are amounts (thousands separated), not years, line numbers or codes."""
    return (f["type"] in ("integer", "number") and not _is_year(f) and not _is_line_number(f["name"])
            and f["name"] not in _NOT_QUANTITY_NAMES and f.get("unit") not in _NOT_QUANTITY_UNITS
            and bool(f.get("unit")))


def _as_printed(raw: str, f: dict, words: dict[str, str], name: str) -> str:
    """One cell of the data file as a reader reads it: as written there, with a quantity's
    thousands separated, a code in words, a yes/no for a boolean and a dash for a blank."""
    if raw == "":
        return BLANK
    if f["type"] == "boolean":
        return {"true": "yes", "false": "no"}.get(raw.lower(), raw)
    if _is_quantity(f):
        return re.sub(r"^(-?)(\d{4,})", lambda m: m.group(1) + f"{int(m.group(2)):,}", raw)
    if f["type"] == "string":
        return readable(raw, words) if _CODE.match(raw) else (
            prose(raw, name) if _CODE_IN_TEXT.search(raw) else raw)
    return raw


def readable_rows(name: str) -> pd.DataFrame:
    """Every row of a dataset as text, headed by its fields' titles, numbers as the file writes
    them (so with their own decimals)."""
    data.load(name)  # validated against its schema (and recorded as an input of the page)
    meta = data.metadata(name)
    raw = pd.read_csv(data.path(name), dtype=str, keep_default_na=False)
    words = spellings()
    fields = meta["schema"]["fields"]
    return pd.DataFrame({_title_of(meta, f["name"]): [_as_printed(v, f, words, name)
                                                      for v in raw[f["name"]]]
                         for f in fields})


def table_html(name: str) -> str:
    """The readable rows as an HTML table (numbers right-aligned), with the dash explained."""
    meta = data.metadata(name)
    esc = html.escape
    rows = readable_rows(name)
    numeric = [f["type"] in ("integer", "number") for f in meta["schema"]["fields"]]
    num = ' class="num"'
    head = "".join(f'<th scope="col"{num if n else ""}>{esc(c)}</th>'
                   for c, n in zip(rows.columns, numeric))
    body = "".join("<tr>" + "".join(f'<td{num if n else ""}>{esc(v)}</td>'
                                    for v, n in zip(row, numeric)) + "</tr>"
                   for row in rows.itertuples(index=False))
    blanks = (rows == BLANK).any().any()
    return ((f'<p class="bookkit-explore__blank">{esc(BLANK_NOTE)}</p>' if blanks else "")
            + f'<table class="bookkit-table bookkit-explore__table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def head_html(name: str) -> str:
    """The dataset's title and what it holds."""
    meta = data.metadata(name)
    return (f'<p class="bookkit-explore__title">{html.escape(meta.get("title", name))}</p>'
            f'<p class="bookkit-explore__description">{html.escape(prose(meta.get("description", ""), name))}</p>')


def foot_html(name: str) -> str:
    """The dataset's source line, where the report prints it, and its notes."""
    meta = data.metadata(name)
    esc = html.escape
    report = meta.get("report", {})
    where = []
    if report.get("section"):
        where.append(f"section {report['section']}")
    if report.get("lines"):
        where.append("lines " + "–".join(str(v) for v in report["lines"]))
    notes = "".join(f"<li>{esc(prose(n, name))}</li>" for n in meta.get("notes", []))
    return (f'<p class="bookkit-explore__source">{esc(prose(source_line([name]), name))}</p>'
            + (f'<p class="bookkit-explore__where">Printed in {esc(", ".join(where))} of the report.</p>'
               if where else "")
            + (f'<ul class="bookkit-explore__notes">{notes}</ul>' if notes else ""))


# -- the default chart of one dataset (widget) -------------------------------------------------

def default_chart(name: str, frame: pd.DataFrame | None = None) -> tuple[alt.TopLevelMixin | None, ChartPlan]:
    """The chart the widget shows for a dataset (None when the plan has no chart)."""
    frame = data.load(name) if frame is None else frame
    plan = chart_plan(name, frame)
    if plan.kind is None:
        return None, plan
    meta = data.metadata(name)
    long = plan_frame(plan, frame)
    long["series"] = long["category"].replace("", "All")
    long["panel"] = [_panel(name, unit) for unit in long["unit"]]
    labels = ", ".join(_title_of(meta, c) for c in plan.labels) or None
    tooltip = [alt.Tooltip("label:N", title="Row"),
               alt.Tooltip("value:Q", title="Value", format=NUMBER_FORMAT),
               alt.Tooltip("panel:N", title="Measure")]
    if plan.kind == "line":
        base = alt.Chart().encode(
            x=alt.X("x:O", title=_title_of(meta, plan.x)), y=alt.Y("value:Q", title=None),
            color=alt.Color("series:N", title=labels,
                            legend=alt.Legend(orient="bottom", columns=2, labelLimit=0)),
            tooltip=tooltip)
        layer = base.mark_line(point=True).properties(width=440, height=200)
    else:
        long["row"] = _abbreviated(long["label"], 60)
        base = alt.Chart().encode(
            y=alt.Y("row:N", title=None, sort=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("value:Q", title=None), tooltip=tooltip)
        layer = alt.layer(base.mark_bar(color=theme.PALETTE[0]),
                          base.mark_text(align="left", dx=3).encode(
                              text=alt.Text("value:Q", format=NUMBER_FORMAT))
                          ).properties(width=360, height=alt.Step(16))
    return (alt.layer(layer, data=long).facet(
        row=alt.Row("panel:N", title=None, header=alt.Header(labelAngle=0, labelAnchor="start",
                                                            labelOrient="top", labelFontWeight="bold",
                                                            labelLimit=0)))
            .resolve_scale(x="independent", y="independent", color="independent")
            .properties(title=alt.TitleParams(meta.get("title", name),
                                              subtitle=prose(plan.reason, name)))), plan


# -- metadata as HTML ---------------------------------------------------------------------------

def metadata_html(name: str) -> str:
    """What each column of a dataset holds (name, title, type, unit) and its file."""
    meta = data.metadata(name)
    esc = html.escape
    rows = "".join(
        f"<tr><td><code>{esc(f['name'])}</code></td><td>{esc(f.get('title', ''))}</td>"
        f"<td>{esc(f['type'])}</td><td>{esc(f.get('unit', ''))}</td>"
        f"<td>{esc(f.get('description', ''))}</td></tr>"
        for f in meta["schema"]["fields"])
    return (f"<p>The columns of <code>data/{esc(meta.get('path', ''))}</code>:</p>"
            "<table><thead><tr><th>Column</th><th>Title</th><th>Type</th><th>Unit</th>"
            f"<th>Description</th></tr></thead><tbody>{rows}</tbody></table>")


def _bundle(mimebundle: dict) -> dict:
    return {"output_type": "display_data", "data": mimebundle, "metadata": {}}


# The widget's table scrolls in a box of its own (JupyterLab has none of the site's styles).
_WIDGET_SCROLL = "max-height: 26em; max-width: 100%; overflow: auto"


def dataset_outputs(name: str) -> tuple[dict, ...]:
    """Everything the widget shows for one dataset, as Jupyter display_data outputs: its title,
    description, source line and notes; its rows as a readable table; its chart (or why it has
    none); and what each column holds."""
    frame = data.load(name)
    meta = data.metadata(name)
    rows = readable_rows(name)
    about_text = "\n".join([meta.get("title", name), prose(meta.get("description", ""), name),
                            prose(source_line([name]), name),
                            *(prose(n, name) for n in meta.get("notes", []))])
    caption = f"All {len(frame)} rows of data/{meta['path']}."
    table = (f'<div style="{_WIDGET_SCROLL}">{table_html(name)}</div>'
             f"<p><i>All {len(frame)} rows of <code>data/{html.escape(meta['path'])}</code>.</i></p>")
    outputs = [
        _bundle({"text/html": head_html(name) + foot_html(name), "text/plain": about_text}),
        _bundle({"text/html": table, "text/plain": rows.to_string(index=False) + "\n" + caption}),
    ]
    chart, plan = default_chart(name, frame)
    if chart is None:
        reason = prose(plan.reason, name)
        outputs.append(_bundle({"text/html": f"<p><i>{html.escape(reason)}</i></p>",
                                "text/plain": reason}))
    else:
        spec = chart.to_dict()
        outputs.append(_bundle({
            f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.lstrip('v').split('.')[0]}+json": spec,
            "image/svg+xml": vlc.vegalite_to_svg(spec),
            "text/plain": f"<chart of {name}: {plan.kind}>",
        }))
    outputs.append(_bundle({"text/html": metadata_html(name),
                            "text/plain": f"The columns of {name}"}))
    return tuple(outputs)


def explorer(initial: str | None = None):
    """An ipywidgets explorer: a dropdown of every dataset (by title) and an output area.

    Returns a ``VBox`` whose ``dropdown`` and ``output`` attributes are the two parts.
    """
    import ipywidgets as widgets

    choices = [(data.metadata(n).get("title", n), n) for n in data.names()]
    dropdown = widgets.Dropdown(options=choices, value=initial or DEFAULT_DATASET,
                                description="Dataset:", layout=widgets.Layout(width="100%", max_width="48em"))
    output = widgets.Output()

    def show(change=None):
        output.outputs = dataset_outputs(dropdown.value)

    dropdown.observe(show, names="value")
    show()
    box = widgets.VBox([dropdown, output])
    box.dropdown, box.output = dropdown, output
    return box


# -- the kernel-free explorer (website and PDF) --------------------------------------------------

def long_table() -> pd.DataFrame:
    """Every dataset with a numeric measure, one row per value, in package order.

    Columns: dataset (title), name, category (label), x (year or blank), value, unit, line.
    """
    parts = []
    for name in data.names():
        frame = data.load(name)
        plan = chart_plan(name, frame)
        if plan.value is None:
            continue
        part = plan_frame(plan, frame)
        part.insert(0, "dataset", data.metadata(name)["title"])
        part.insert(1, "name", name)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _panel(name: str, unit: str) -> str:
    """A panel's heading: the measure's title and the unit of its values."""
    meta = data.metadata(name)
    return f"{_title_of(meta, chart_plan(name).value)} ({unit})"


# Bar labels are drawn over their bars, across the plot: this many characters fit a phone's
# plot (about 300 px at 11 px). A longer label keeps its start and its end.
LABEL_CHARS = 46


def _abbreviated(labels: pd.Series, limit: int = LABEL_CHARS) -> pd.Series:
    """Labels cut to ``limit`` characters around an ellipsis: each keeps its start and as much
    of its end as it takes for no two of the panel's labels to read the same."""
    def cut(text: str, tail: int) -> str:
        return text[:limit - tail - 1].rstrip() + "…" + text[len(text) - tail:].lstrip()

    tails = range(limit // 3, limit - 6)
    used = set(t for t in labels if len(t) <= limit)
    shown = []
    for text in labels:
        if len(text) <= limit:
            shown.append(text)
            continue
        others = [t for t in labels if t != text and len(t) > limit]
        options = [cut(text, tail) for tail in tails]
        clear = [o for tail, o in zip(tails, options)
                 if o not in used and all(cut(t, tail) != o for t in others)]
        choice = (clear or [o for o in options if o not in used] or options)[0]
        used.add(choice)
        shown.append(choice)
    return pd.Series(shown, index=labels.index)


def _chart_rows(long: pd.DataFrame, index: dict[str, int]) -> pd.DataFrame:
    """The long table cut down to what the chart needs; datasets as numbers keep it small."""
    panels = {key: _panel(*key) for key in dict.fromkeys(zip(long["name"], long["unit"]))}
    rows = pd.DataFrame({
        "d": long["name"].map(index),
        "panel": [panels[key] for key in zip(long["name"], long["unit"])],
        "value": long["value"],
        "line": long["line"],
    })
    rows["row"] = pd.concat([_abbreviated(part) for _, part in
                             long.groupby(["name", "unit"], sort=False)["label"]])
    rows["long"] = long["label"].where(long["label"] != rows["row"], "")  # only when cut
    rows["order"] = rows.groupby("d").cumcount()
    return rows


# The notes above the explorer's bars in print are drawn text that cannot wrap on its own.
ABOUT_CHARS = 95


def _about_rows(names: list[str], index: dict[str, int]) -> pd.DataFrame:
    """Wrapped lines of title, description and notes of each dataset (the print, whose footer
    holds the source line)."""
    rows = []
    for name in names:
        meta = data.metadata(name)
        title = textwrap.wrap(meta["title"], ABOUT_CHARS - 10)  # bold, larger
        lines = title + textwrap.wrap(meta.get("description", ""), ABOUT_CHARS)
        for note in meta.get("notes", []):
            lines += textwrap.wrap("Note: " + note, ABOUT_CHARS)
        rows += [{"d": index[name], "order": i, "text": t, "title": i < len(title)}
                 for i, t in enumerate(lines)]
    return pd.DataFrame(rows)


BAR_WIDTH = 420  # the plot's width before the site lays it out for the column
ROW_STEP = 30  # px per bar: its label above it, the bar, room between
LONGEST_BAR = 0.74  # of the plot's width: the rest holds its value (up to "14,953,000" on a phone)
NUMBER_FORMAT = ",.12~g"  # every printed digit, thousands separated, no trailing zeros
MENU_CHARS = 60  # longest dataset title shown in full in the print's (and a notebook's) menu
PARAM = "pick_dataset"


def _bars(rows: pd.DataFrame, selected) -> alt.FacetChart:
    """One panel per measure and unit of the picked dataset; each bar under its label, its
    value printed at its end. The longest bar of a panel takes the same share of the width
    whatever the dataset, so its value always has room: nothing is drawn past the plot."""
    tooltip = [alt.Tooltip("full:N", title="Row"),
               alt.Tooltip("value:Q", title="Value", format=NUMBER_FORMAT),
               alt.Tooltip("panel:N", title="Measure"),
               alt.Tooltip("line:Q", title="Line in report.txt")]
    base = (alt.Chart().transform_joinaggregate(top="max(value)", groupby=["panel"])
            .transform_calculate(full="datum.long || datum.row",
                                 share="datum.top > 0 ? datum.value / datum.top : 0")
            .encode(y=alt.Y("order:O", axis=None, title=None), tooltip=tooltip))
    share = alt.X("share:Q", axis=None, scale=alt.Scale(domain=[0, 1 / LONGEST_BAR]))
    layers = alt.layer(
        base.mark_bar(color=theme.PALETTE[0], height=10, yOffset=6).encode(x=share),
        base.mark_text(align="left", dx=3, yOffset=6, fontSize=11, color=theme.INK)
        .encode(x=share, text=alt.Text("value:Q", format=NUMBER_FORMAT)),
        base.mark_text(align="left", baseline="bottom", yOffset=-1, fontSize=11, color=theme.INK)
        .encode(x=alt.value(0), text="row:N"),
        data=rows,
    ).transform_filter(selected).properties(width=BAR_WIDTH, height=alt.Step(ROW_STEP))
    return layers.facet(
        row=alt.Row("panel:N", title=None, sort=alt.EncodingSortField("order", op="min"),
                    header=alt.Header(labelAngle=0, labelAnchor="start", labelOrient="top",
                                      labelFontWeight="bold", labelFontSize=11, labelLimit=0)),
        spacing=14,
    ).resolve_scale(x="independent", y="independent")


@dataclass
class StaticExplorer:
    """The explorer of the website and the PDF: the chart (:class:`Figure`, its print layout
    the PDF's) and, on the site, a menu that swaps the title, source, notes and table shown
    with the bars (``bookbuild/static/js/explore.js``)."""

    figure: Figure
    names: list[str]
    intro: str

    @property
    def spec(self) -> dict:
        return self.figure.spec

    def html(self) -> str:
        esc = html.escape
        fig, menu = self.figure, f"{self.figure.name}-menu"
        options = "".join(f'<option value="{i}"{" selected" if n == DEFAULT_DATASET else ""}>'
                          f'{esc(data.metadata(n)["title"])}</option>' for i, n in enumerate(self.names))

        def each(css: str, part) -> str:
            return "".join(f'<div class="{css}" data-dataset="{i}"'
                           f'{"" if n == DEFAULT_DATASET else " hidden"}>{part(n)}</div>'
                           for i, n in enumerate(self.names))

        def rows(name: str) -> str:
            count = len(data.load(name))
            label = f"Rows of {data.metadata(name)['title']}"
            table = table_html(name)
            note = table[:table.index("<table")]  # the dash explained above the scrolling box
            return (f'{foot_html(name)}<details class="bookkit-explore__rows"><summary>Show its '
                    f'{count} {"row" if count == 1 else "rows"} as a table</summary>{note}'
                    f'<div class="bookkit-explore__scroll" role="region" tabindex="0" '
                    f'aria-label="{esc(label, quote=True)}">{table[len(note):]}</div></details>')

        screen = fig.screen
        chart = chart_html(screen, fig.name, fig.description, None,
                           size=svg_size(_render_svg(screen)))
        return (f'<div class="bookkit-explore" data-param="{PARAM}">'
                f'<p class="bookkit-chart__title">{esc(fig.title)}</p>'
                f'<p class="bookkit-explore__pick"><label for="{esc(menu)}">Dataset</label>'
                f'<select id="{esc(menu)}" class="bookkit-explore__menu">{options}</select></p>'
                + each("bookkit-explore__head", head_html) + chart
                + each("bookkit-explore__foot", rows)
                + f'<p class="bookkit-explore__about">{esc(self.intro)}</p></div>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.figure._repr_mimebundle_(include, exclude)
        if in_book_build():
            bundle["text/html"] = self.html()
        return bundle


def _render_svg(spec: dict) -> str:
    return render(spec, "svg").decode("utf-8")


def static_explorer(name: str = "explore-data") -> StaticExplorer:
    """Every dataset with a numeric measure, one at a time, picked from a menu."""
    long = long_table()
    names = list(dict.fromkeys(long["name"]))
    index = {n: i for i, n in enumerate(names)}
    titles = [data.metadata(n)["title"] for n in names]
    selected = f"datum.d === {PARAM}"
    pick = alt.param(name=PARAM, value=index[DEFAULT_DATASET],
                     bind=alt.binding_select(options=list(range(len(names))),
                                             labels=[menu_label(t) for t in titles],
                                             name="Dataset: "))
    lines = alt.Chart(_about_rows(names, index)).transform_filter(selected).encode(
        x=alt.value(0), y=alt.Y("order:O", axis=None), text="text:N")
    about = alt.layer(
        lines.transform_filter("datum.title").mark_text(
            align="left", baseline="top", fontSize=12, fontWeight="bold", color=theme.INK),
        lines.transform_filter("!datum.title").mark_text(
            align="left", baseline="top", fontSize=11, color=theme.INK),
    ).properties(width=BAR_WIDTH, height=alt.Step(15))
    bars = _bars(_chart_rows(long, index), selected)
    intro = (f"{len(names)} of the {len(data.names())} datasets have a numeric measure with a unit "
             "and are in the menu; each panel holds one measure in one unit, on its own scale. "
             "Hover over a bar, or tap it, for its exact value and its line in the report.")
    fig = figure(
        alt.vconcat(about.add_params(pick), bars, spacing=12), name=name,
        datasets=DEFAULT_DATASET, subtitle="", table=long[["name", "label", "value", "unit"]],
        titles={"name": "Dataset", "label": "Row", "value": "Value", "unit": "Unit"},
        title="Explore the data: one dataset at a time",
        notes=["In print, the first dataset of the website's menu only: "
               f"{len(names)} datasets are in the menu there."],
        description="Horizontal bars of the values of one dataset chosen from a menu, one panel "
                    "per measure and unit; the first one shown is the share of oralmans by "
                    "country of origin.",
        export=False)
    # The site shows the title, source and notes as text beside the chart, and its own menu.
    fig.screen = screen_spec(bars.add_params(alt.param(name=PARAM, value=index[DEFAULT_DATASET]))
                             .to_dict())
    # The height changes with the dataset chosen: let Vega redo the layout on every update.
    for spec in (fig.spec, fig.screen):
        spec["autosize"] = {"type": "pad", "resize": True}
    return StaticExplorer(fig, names, intro)


def menu_label(title: str, limit: int = MENU_CHARS) -> str:
    """A dataset title cut to fit the print's menu; the full title heads the text above the bars."""
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "…"
