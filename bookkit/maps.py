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
import math

import altair as alt
import pandas as pd

from . import data

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


# Light land under dark names, 4.5:1 or more (their dark variants are in theme.DARK_COLOURS).
LAND = {KAZAKHSTAN: "#dbe9f5", CHINA: "#fbe3cf", "Other": "#efefef"}
BORDER = "#8a8a8a"
NAME_COLOUR = "#555555"
WIDE_ONLY = "wide-only"  # a mark style (no settings of its own) that static/chart-init.js reads


def countries() -> alt.Chart:
    """The countries of :func:`topology`, Kazakhstan and China tinted, the others grey."""
    source = alt.Data(values=topology(), format=alt.DataFormat(type="topojson", feature="countries"))
    return (alt.Chart(source).mark_geoshape(stroke=BORDER, strokeWidth=0.6, clip=True)
            .transform_calculate(group=f"indexof(['{KAZAKHSTAN}', '{CHINA}'], datum.properties.name) >= 0"
                                       " ? datum.properties.name : 'Other'")
            .encode(color=alt.Color("group:N", legend=None,
                                    scale=alt.Scale(domain=[KAZAKHSTAN, CHINA, "Other"],
                                                    range=[LAND[KAZAKHSTAN], LAND[CHINA], LAND["Other"]])),
                    tooltip=[alt.Tooltip("properties.name:N", title="Country")]))


def extent(lon0: float, lat0: float, lon1: float, lat1: float) -> dict:
    """A GeoJSON box (two corners) that the projection is fitted to: the map's extent."""
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": [[lon0, lat0], [lon1, lat1]]}}


def labels(rows: list[tuple[str, float, float]], size: int = 11) -> alt.Chart:
    """Bold names written at (label, lat, lon): positions chosen for legibility, not data.
    Context for wide screens: on a phone (``static/chart-init.js``) they would be written
    over the places, so they are left out there (a tap on the land names its country)."""
    frame = pd.DataFrame(rows, columns=["label", "lat", "lon"])
    return alt.Chart(frame).mark_text(fontSize=size, color=NAME_COLOUR, fontWeight="bold",
                                      style=WIDE_ONLY).encode(
        latitude="lat:Q", longitude="lon:Q", text="label:N")


TAP_TARGET_PX = 28  # across: a finger's target, above WCAG 2.5.8's 24 px


def tap_targets(points: alt.Chart) -> alt.Chart:
    """An invisible disc around each point of ``points`` that carries its tooltip, layered on
    top, so that a small marker answers a finger (the drawn marker keeps its size)."""
    return points.mark_point(shape="circle", filled=True, opacity=0,
                             size=round(math.pi * (TAP_TARGET_PX / 2) ** 2))
