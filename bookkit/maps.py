"""Base layers of the book's maps (history and Xinjiang chapters): country outlines, the
map's extent and written labels; each chapter draws the places the report names on them.

Outlines come from the public-domain Natural Earth data redistributed by the npm package
``world-atlas`` (``data/geo/countries-50m.json``, see ``data/geo/README.md``). Only the countries
around Kazakhstan and Xinjiang are kept, with just the arcs they use, and the subset is inlined
into each chart so that the maps render offline on the site and export as vector PDF.
No admin-1 outlines are drawn: Xinjiang and the Kazakh regions are labelled, not outlined.
"""
from __future__ import annotations

import functools
import json

import altair as alt
import pandas as pd

from . import data
from .charts import figure
from .data import load

GEO_FILE = "geo/countries-50m.json"  # under data/

# ISO 3166-1 numeric codes of the countries drawn (Kazakhstan, China and their neighbours).
COUNTRY_IDS = {"398", "156", "643", "496", "417", "860", "795", "762", "004", "364", "586", "356",
               "031"}
KAZAKHSTAN, CHINA = "Kazakhstan", "China"

@functools.lru_cache(maxsize=1)
def topology() -> dict:
    """The TopoJSON subset: the countries listed in COUNTRY_IDS and only the arcs they use."""
    full = json.loads(data.read_text(GEO_FILE))
    geometries = [g for g in full["objects"]["countries"]["geometries"] if g.get("id") in COUNTRY_IDS]
    used: dict[int, int] = {}

    def remap(index: int) -> int:
        arc = index if index >= 0 else ~index
        new = used.setdefault(arc, len(used))
        return new if index >= 0 else ~new

    def walk(node):
        if isinstance(node, list) and node and isinstance(node[0], int):
            return [remap(i) for i in node]
        return [walk(n) for n in node]

    kept = [{**g, "arcs": walk(g["arcs"])} for g in geometries]
    arcs = [None] * len(used)
    for old, new in used.items():
        arcs[new] = full["arcs"][old]
    return {"type": "Topology", "transform": full["transform"], "arcs": arcs,
            "objects": {"countries": {"type": "GeometryCollection", "geometries": kept}}}


def countries() -> alt.Chart:
    """The countries of :func:`topology`, Kazakhstan and China tinted, the others grey."""
    source = alt.Data(values=topology(), format=alt.DataFormat(type="topojson", feature="countries"))
    return (alt.Chart(source).mark_geoshape(stroke="#8a8a8a", strokeWidth=0.6, clip=True)
            .transform_calculate(group=f"indexof(['{KAZAKHSTAN}', '{CHINA}'], datum.properties.name) >= 0"
                                       " ? datum.properties.name : 'Other'")
            .encode(color=alt.Color("group:N", legend=None,
                                    scale=alt.Scale(domain=[KAZAKHSTAN, CHINA, "Other"],
                                                    range=["#dbe9f5", "#fbe3cf", "#efefef"])),
                    tooltip=[alt.Tooltip("properties.name:N", title="Country")]))


def extent(lon0: float, lat0: float, lon1: float, lat1: float) -> dict:
    """A GeoJSON box (two corners) that the projection is fitted to: the map's extent."""
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": [[lon0, lat0], [lon1, lat1]]}}


def labels(rows: list[tuple[str, float, float]], size: int = 11) -> alt.Chart:
    """Grey bold names written at (label, lat, lon): positions chosen for legibility, not data."""
    frame = pd.DataFrame(rows, columns=["label", "lat", "lon"])
    return alt.Chart(frame).mark_text(fontSize=size, color="#7a7a7a", fontWeight="bold").encode(
        latitude="lat:Q", longitude="lon:Q", text="label:N")


BORDER_LABELS = [("KAZAKHSTAN", 49.6, 76.5), ("CHINA: XINJIANG (XUAR)", 43.2, 86.0),
                 ("Almaty region", 43.75, 77.3), ("East Kazakhstan region", 48.9, 81.4),
                 ("KYRGYZSTAN", 42.3, 75.5), ("MONGOLIA", 47.4, 91.4), ("RUSSIA", 50.7, 86.8)]


def checkpoint_points() -> pd.DataFrame:
    """The five largest checkpoints the report names, with coordinates where found."""
    frame = load("xinjiang_border_checkpoints")
    frame = frame[frame["listed_as_largest"]]
    return frame[["name", "kazakhstan_side", "china_side", "location", "opened", "lat", "lon",
                  "coordinate_source"]].reset_index(drop=True)


def map_border_checkpoints():
    """Map (a): the China-Kazakhstan border and its largest checkpoints."""
    points = checkpoint_points()
    drawn = points.dropna(subset=["lat", "lon"])
    tooltip = [alt.Tooltip("name:N", title="Checkpoint"),
               alt.Tooltip("kazakhstan_side:N", title="Kazakh side"),
               alt.Tooltip("china_side:N", title="Chinese side"),
               alt.Tooltip("location:N", title="Location (report)"),
               alt.Tooltip("opened:N", title="Opened (report)"),
               alt.Tooltip("coordinate_source:N", title="Coordinates from")]
    base = alt.Chart(drawn).encode(latitude="lat:Q", longitude="lon:Q", tooltip=tooltip)
    dots = base.mark_point(shape="diamond", filled=True, size=140, color="#D55E00",
                           stroke="white", strokeWidth=1)
    text = base.mark_text(align="right", dx=-10, dy=-2, fontSize=12, fontWeight="bold",
                          color="#1d1d1d").encode(text="name:N")
    chart = (alt.layer(countries(), labels(BORDER_LABELS), dots, text)
             .properties(width=560, height=380)
             .project(type="mercator", fit=extent(73.5, 41.6, 91.0, 51.0))
             .resolve_scale(color="independent"))
    missing = ", ".join(points.loc[points["lat"].isna(), "name"])
    return figure(
        chart, name="map-border-checkpoints", datasets="xinjiang_border_checkpoints", table=points,
        title="The largest checkpoints on the China-Kazakhstan border",
        subtitle="Checkpoints the report lists as the largest (section 2.3), placed by town",
        notes=["Redrawn from the places the report names; outlines: Natural Earth 1:50m (public domain).",
               "Points are placed at the coordinates of the named towns (sources in the data); "
               "Maikapchagay-Zimunai is approximate (Jeminay County centre).",
               f"Not drawn, no coordinates found: {missing}." if missing else ""],
        description="Map of eastern Kazakhstan and western China with four checkpoints marked from "
                    "south to north: Khorgos-Korgos, Dostyk-Alashankou, Bakhty-Baktu and "
                    "Maikapchagay-Zimunai; Kolzhat could not be located.")
