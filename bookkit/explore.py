"""Explore the data: pick any dataset of the package and see its metadata, rows and a chart.

Two explorers share one set of rules (:func:`chart_plan`):

* :func:`explorer` is an ipywidgets app for a live Jupyter kernel: a dropdown of datasets and
  an output area that shows the chosen dataset's metadata, its rows and a default chart.
* :func:`static_explorer` is a single Altair chart for the website and the PDF. Its data is one
  long table of every dataset that has a numeric measure; a menu bound to an Altair parameter
  filters it, so it works without any kernel.
"""
from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import vl_convert as vlc

from . import data, theme
from .charts import figure, source_line

DEFAULT_DATASET = "migration_oralmans_by_origin"  # the selection drawn in the PDF
SMALL = 40  # a dataset with at most this many rows is shown in full in the widget

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
    return parts.apply(lambda row: " · ".join(v for v in row if v), axis=1)


def plan_frame(plan: ChartPlan, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of one dataset as the long table: label, x, value, unit, line."""
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
    return out


# -- the default chart of one dataset (widget) -------------------------------------------------

def default_chart(name: str, frame: pd.DataFrame | None = None) -> tuple[alt.TopLevelMixin | None, ChartPlan]:
    """The chart the widget shows for a dataset (None when the plan has no chart)."""
    frame = data.load(name) if frame is None else frame
    plan = chart_plan(name, frame)
    if plan.kind is None:
        return None, plan
    long = plan_frame(plan, frame)
    long["series"] = long["category"].replace("", "all")
    long["row"] = [f"{c} · {x}" if c and x else (c or x) for c, x in zip(long["category"], long["x"])]
    tooltip = [alt.Tooltip("category:N", title="Row"), alt.Tooltip("x:N", title="Year"),
               alt.Tooltip("value:Q", title="Value", format=",~g"), alt.Tooltip("unit:N", title="Unit")]
    if plan.kind == "line":
        base = alt.Chart().encode(
            x=alt.X("x:O", title=plan.x), y=alt.Y("value:Q", title=None),
            color=alt.Color("series:N", title=", ".join(plan.labels) or None,
                            legend=alt.Legend(orient="bottom", columns=2, labelLimit=260)),
            tooltip=tooltip)
        layer = base.mark_line(point=True).properties(width=440, height=200)
    else:
        base = alt.Chart().encode(
            y=alt.Y("row:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("value:Q", title=None), tooltip=tooltip)
        layer = alt.layer(base.mark_bar(color=theme.PALETTE[0]),
                          base.mark_text(align="left", dx=3).encode(text=alt.Text("value:Q", format=",~g"))
                          ).properties(width=360, height=alt.Step(16))
    title = data.metadata(name).get("title", name)
    return (alt.layer(layer, data=long).facet(
        row=alt.Row("unit:N", title=None, header=alt.Header(labelAngle=0, labelAnchor="start",
                                                           labelOrient="top", labelFontWeight="bold")))
            .resolve_scale(x="independent", y="independent", color="independent")
            .properties(title=alt.TitleParams(title, subtitle=plan.reason))), plan


# -- metadata as HTML ---------------------------------------------------------------------------

def metadata_html(name: str) -> str:
    """Title, description, source and the units of every column, as an HTML fragment."""
    meta = data.metadata(name)
    esc = html.escape
    report = meta.get("report", {})
    rows = "".join(
        f"<tr><td><code>{esc(f['name'])}</code></td><td>{esc(f.get('title', ''))}</td>"
        f"<td>{esc(f['type'])}</td><td>{esc(f.get('unit', ''))}</td>"
        f"<td>{esc(f.get('description', ''))}</td></tr>"
        for f in meta["schema"]["fields"])
    notes = "".join(f"<li>{esc(n)}</li>" for n in meta.get("notes", []))
    return (
        f"<h3>{esc(meta.get('title', name))}</h3>"
        f"<p>{esc(meta.get('description', ''))}</p>"
        f"<p><b>{esc(source_line([name]))}</b>; section {esc(str(report.get('section', '?')))}, "
        f"lines {esc('-'.join(str(v) for v in report.get('lines', [])))} of the report. "
        f"File: <code>data/{esc(meta.get('path', ''))}</code>.</p>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + "<table><thead><tr><th>Column</th><th>Title</th><th>Type</th><th>Unit</th>"
          f"<th>Description</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _bundle(mimebundle: dict) -> dict:
    return {"output_type": "display_data", "data": mimebundle, "metadata": {}}


def dataset_outputs(name: str) -> tuple[dict, ...]:
    """Everything the widget shows for one dataset, as Jupyter display_data outputs."""
    frame = data.load(name)
    shown = frame if len(frame) <= SMALL else frame.head(10)
    caption = (f"All {len(frame)} rows." if len(frame) <= SMALL
               else f"First 10 of {len(frame)} rows (the whole file is data/{data.metadata(name)['path']}).")
    table_html = shown.to_html(index=False, na_rep="", border=0) + f"<p><i>{html.escape(caption)}</i></p>"
    outputs = [
        _bundle({"text/html": metadata_html(name), "text/plain": f"{name}: {data.metadata(name).get('title', '')}"}),
        _bundle({"text/html": table_html, "text/plain": shown.to_string(index=False) + "\n" + caption}),
    ]
    chart, plan = default_chart(name, frame)
    if chart is None:
        outputs.append(_bundle({"text/html": f"<p><i>{html.escape(plan.reason)}</i></p>",
                                "text/plain": plan.reason}))
    else:
        spec = chart.to_dict()
        outputs.append(_bundle({
            f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.lstrip('v').split('.')[0]}+json": spec,
            "image/svg+xml": vlc.vegalite_to_svg(spec),
            "text/plain": f"<chart of {name}: {plan.kind}>",
        }))
    return tuple(outputs)


def explorer(initial: str | None = None):
    """An ipywidgets explorer: a dropdown of every dataset and an output area.

    Returns a ``VBox`` whose ``dropdown`` and ``output`` attributes are the two parts.
    """
    import ipywidgets as widgets

    names = data.names()
    dropdown = widgets.Dropdown(options=names, value=initial or DEFAULT_DATASET,
                                description="Dataset:", layout=widgets.Layout(width="36em"))
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


def _chart_rows(long: pd.DataFrame, index: dict[str, int]) -> pd.DataFrame:
    """The long table cut down to what the chart needs; datasets as numbers keep it small."""
    rows = pd.DataFrame({
        "d": long["name"].map(index),
        "row": [f"{c} · {x}" if c and x else (c or x or "(value)")
                for c, x in zip(long["category"], long["x"])],
        "value": long["value"],
        "unit": long["unit"],
        "line": long["line"],
    })
    rows["order"] = rows.groupby("d").cumcount()
    return rows


# The notes above the explorer's bars are drawn text that cannot wrap on its own: lines of
# this many characters fit a phone's column (about 300 px at 11 px).
ABOUT_CHARS = 50


def _about_rows(names: list[str], index: dict[str, int]) -> pd.DataFrame:
    """Wrapped lines of title, description, source and measure of each dataset."""
    rows = []
    for name in names:
        meta = data.metadata(name)
        plan = chart_plan(name)
        measure = next(f for f in meta["schema"]["fields"] if f["name"] == plan.value)
        unit = plan.unit or f"per row, from the {plan.unit_column} column"
        labels = ", ".join(plan.labels + ([plan.x] if plan.x else [])) or "none"
        title = textwrap.wrap(meta["title"], ABOUT_CHARS - 6)  # bold, larger
        lines = title + textwrap.wrap(meta.get("description", ""), ABOUT_CHARS)
        lines += textwrap.wrap(f"{source_line([name])}; file data/{meta['path']}.", ABOUT_CHARS)
        lines += textwrap.wrap(f"Bars: {measure.get('title', plan.value)} ({unit}); "
                               f"labelled by {labels}.", ABOUT_CHARS)
        rows += [{"d": index[name], "order": i, "text": t, "title": i < len(title)}
                 for i, t in enumerate(lines)]
    return pd.DataFrame(rows)


LABEL_WIDTH = 220  # fixed room for row labels, so the layout stays put from one dataset to the next
NUMBER_FORMAT = ",.12~g"  # every printed digit, thousands separated, no trailing zeros
MENU_CHARS = 60  # longest dataset title shown in full in the menu
# Axis labels: 250k for large values, 2.5 or 1,500 for the rest (never 500m for one half).
_AXIS_LABEL = "abs(datum.value) >= 10000 ? format(datum.value, '~s') : format(datum.value, ',~r')"


def static_explorer(name: str = "explore-data"):
    """One Altair chart of every dataset with a numeric measure, filtered by a menu."""
    long = long_table()
    names = list(dict.fromkeys(long["name"]))
    index = {n: i for i, n in enumerate(names)}
    titles = [data.metadata(n)["title"] for n in names]
    pick = alt.param(name="pick_dataset", value=index[DEFAULT_DATASET],
                     bind=alt.binding_select(options=list(range(len(names))),
                                             labels=[menu_label(t) for t in titles],
                                             name="Dataset: "))
    selected = alt.datum.d == pick
    lines = alt.Chart(_about_rows(names, index)).transform_filter(selected).encode(
        x=alt.value(-LABEL_WIDTH), y=alt.Y("order:O", axis=None), text="text:N")
    about = alt.layer(
        lines.transform_filter("datum.title").mark_text(
            align="left", baseline="top", fontSize=12, fontWeight="bold", color=theme.INK),
        lines.transform_filter("!datum.title").mark_text(
            align="left", baseline="top", fontSize=11, color=theme.INK),
    ).properties(width=theme.WIDTH - LABEL_WIDTH, height=alt.Step(15))
    tooltip = [alt.Tooltip("row:N", title="Row"),
               alt.Tooltip("value:Q", title="Value", format=NUMBER_FORMAT),
               alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("line:Q", title="Line in report.txt")]
    base = alt.Chart().encode(
        y=alt.Y("row:N", title=None, sort=alt.EncodingSortField("order", op="min"),
                axis=alt.Axis(labelLimit=LABEL_WIDTH - 10, minExtent=LABEL_WIDTH, maxExtent=LABEL_WIDTH)),
        x=alt.X("value:Q", title=None, axis=alt.Axis(labelExpr=_AXIS_LABEL)),
        tooltip=tooltip)
    bars = alt.layer(base.mark_bar(color=theme.PALETTE[0]),
                     base.mark_text(align="left", dx=3, fontSize=10)
                     .encode(text=alt.Text("value:Q", format=NUMBER_FORMAT)),
                     data=_chart_rows(long, index)
                     ).transform_filter(selected).properties(width=240, height=alt.Step(15))
    panels = bars.facet(
        row=alt.Row("unit:N", title=None, header=alt.Header(labelAngle=0, labelAnchor="start",
                                                           labelOrient="top", labelFontWeight="bold")),
        spacing=10,
    ).resolve_scale(x="independent", y="independent")
    chart = alt.vconcat(about.add_params(pick), panels, spacing=12)
    fig = figure(
        chart, name=name, datasets=DEFAULT_DATASET, subtitle="",
        table=long[["name", "category", "x", "value", "unit"]],
        titles={"name": "Dataset", "category": "Row", "x": "Year", "value": "Value", "unit": "Unit"},
        title="Explore the data: one dataset at a time",
        notes=[f"{len(names)} of the {len(data.names())} datasets have a numeric measure with a unit "
               "and appear in the menu. One panel per unit, each with its own scale.",
               "The source of the chosen dataset is named under its title; the source line above "
               "belongs to the dataset shown first (and in print)."],
        description="Horizontal bars of the values of one dataset chosen from a menu, one panel per unit, "
                    "under the dataset's title, description and source; the first one shown is the "
                    "share of oralmans by country of origin.",
        export=False)
    # The height changes with the dataset chosen: let Vega redo the layout on every update.
    fig.spec["autosize"] = {"type": "pad", "resize": True}
    return fig


def menu_label(title: str, limit: int = MENU_CHARS) -> str:
    """A dataset title cut to fit the menu; the full title heads the text above the bars."""
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "…"
