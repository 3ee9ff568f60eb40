"""Maps of the history and Xinjiang chapters: country outlines plus the places the report names.

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
from .theme import legend_selection

GEO_FILE = "geo/countries-50m.json"  # under data/

# ISO 3166-1 numeric codes of the countries drawn (Kazakhstan, China and their neighbours).
COUNTRY_IDS = {"398", "156", "643", "496", "417", "860", "795", "762", "004", "364", "586", "356",
               "031"}
KAZAKHSTAN, CHINA = "Kazakhstan", "China"

# Where the country and region names are written. These are label positions chosen for
# legibility, not data: they mark no place the report names.
COUNTRY_LABELS = {
    "presence": [("KAZAKHSTAN", 48.3, 68.0), ("CHINA", 41.2, 86.0), ("(Xinjiang, XUAR)", 40.5, 86.0),
                 ("RUSSIA", 51.3, 66.5), ("UZBEKISTAN", 41.9, 60.6), ("TURKMENISTAN", 39.6, 56.5),
                 ("KYRGYZSTAN", 41.4, 74.6), ("MONGOLIA", 49.6, 90.6)],
    "border": [("KAZAKHSTAN", 49.6, 76.5), ("CHINA: XINJIANG (XUAR)", 43.2, 86.0),
               ("Almaty region", 43.75, 77.3), ("East Kazakhstan region", 48.9, 81.4),
               ("KYRGYZSTAN", 42.3, 75.5), ("MONGOLIA", 47.4, 91.4), ("RUSSIA", 50.7, 86.8)],
}


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


def _countries() -> alt.Chart:
    source = alt.Data(values=topology(), format=alt.DataFormat(type="topojson", feature="countries"))
    return (alt.Chart(source).mark_geoshape(stroke="#8a8a8a", strokeWidth=0.6, clip=True)
            .transform_calculate(group=f"indexof(['{KAZAKHSTAN}', '{CHINA}'], datum.properties.name) >= 0"
                                       " ? datum.properties.name : 'Other'")
            .encode(color=alt.Color("group:N", legend=None,
                                    scale=alt.Scale(domain=[KAZAKHSTAN, CHINA, "Other"],
                                                    range=["#dbe9f5", "#fbe3cf", "#efefef"])),
                    tooltip=[alt.Tooltip("properties.name:N", title="Country")]))


def _extent(lon0: float, lat0: float, lon1: float, lat1: float) -> dict:
    """A GeoJSON box (two corners) that the projection is fitted to: the map's extent."""
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": [[lon0, lat0], [lon1, lat1]]}}


def _labels(kind: str, size: int = 11) -> alt.Chart:
    frame = pd.DataFrame(COUNTRY_LABELS[kind], columns=["label", "lat", "lon"])
    return alt.Chart(frame).mark_text(fontSize=size, color="#7a7a7a", fontWeight="bold").encode(
        latitude="lat:Q", longitude="lon:Q", text="label:N")


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
    chart = (alt.layer(_countries(), _labels("border"), dots, text)
             .properties(width=560, height=380)
             .project(type="mercator", fit=_extent(73.5, 41.6, 91.0, 51.0))
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


def presence_points() -> pd.DataFrame:
    """Projects with a location, grouped by place so that each place gets one marker."""
    frame = load("history_china_projects").dropna(subset=["lat", "lon"])
    frame["place"] = frame["location"].where(~frame["coordinate_source"].str.contains("Khorgos"),
                                             "Khorgos")
    frame.loc[frame["coordinate_source"].str.contains("Zaisan"), "place"] = "Zaisan"
    frame.loc[frame["coordinate_source"].str.contains("Jeminay"), "place"] = "Maikapchagai"
    frame.loc[frame["name"].str.contains("Alashankou"), "place"] = "Alashankou"
    frame.loc[frame["name"].str.contains("Urumqi"), "place"] = "Urumqi"
    grouped = (frame.groupby(["place", "lat", "lon"], as_index=False)
               .agg(projects=("name", "; ".join), count=("name", "size"),
                    coordinate_source=("coordinate_source", "first")))
    grouped["label"] = [p if n == 1 else f"{p} ({n} projects)" for p, n in zip(grouped["place"], grouped["count"])]
    return grouped


def presence_routes() -> pd.DataFrame:
    routes = load("history_project_routes")
    names = {"China-Kazakhstan oil pipeline": "Oil pipeline (China-Kazakhstan)",
             "Turkmenistan-Uzbekistan-Kazakhstan-West China trunk gas pipeline":
                 "Gas pipeline (Central Asia-China)",
             "Maikapchagai-Zyryanovsk railway": "Railway options (assessed)",
             "Bakhty-Ayagoz railway": "Railway options (assessed)"}
    routes["line"] = routes["project"].map(names)
    return routes


def map_china_presence():
    """Map (b): pipelines, plants and projects with Chinese involvement the report names."""
    points = presence_points()
    routes = presence_routes()
    pick = legend_selection("line")
    lines = alt.Chart(routes).mark_line(strokeWidth=3, point=False).encode(
        latitude="lat:Q", longitude="lon:Q", detail="project:N", order="vertex:Q",
        color=alt.Color("line:N", title=None,
                        scale=alt.Scale(domain=["Oil pipeline (China-Kazakhstan)",
                                                "Gas pipeline (Central Asia-China)",
                                                "Railway options (assessed)"],
                                        range=["#1d1d1d", "#0072B2", "#009E73"]),
                        legend=alt.Legend(orient="top", direction="horizontal")),
        strokeDash=alt.condition(alt.datum.type == "railway", alt.value([5, 3]), alt.value([1, 0])),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.15)),
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("place:N", title="Point"),
                 alt.Tooltip("route_source:N", title="Route from")]).add_params(pick)
    base = alt.Chart(points).encode(
        latitude="lat:Q", longitude="lon:Q",
        tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("projects:N", title="Projects"),
                 alt.Tooltip("coordinate_source:N", title="Coordinates from")])
    dots = base.mark_circle(color="#D55E00", opacity=0.9, stroke="white", strokeWidth=1).encode(
        size=alt.Size("count:Q", scale=alt.Scale(range=[70, 300]), legend=None))
    # Label placement only: to the right of the marker unless a neighbour is in the way.
    left = {"Zaisan"}
    below = {"Almaty", "Urumqi"}
    text = alt.layer(
        base.mark_text(align="left", dx=8, dy=-8, fontSize=11, fontWeight="bold").encode(text="label:N")
        .transform_filter(alt.FieldOneOfPredicate(field="place", oneOf=sorted(set(points["place"]) - left - below))),
        base.mark_text(align="right", dx=-9, dy=-8, fontSize=11, fontWeight="bold").encode(text="label:N")
        .transform_filter(alt.FieldOneOfPredicate(field="place", oneOf=sorted(left))),
        base.mark_text(align="center", dy=15, fontSize=11, fontWeight="bold").encode(text="label:N")
        .transform_filter(alt.FieldOneOfPredicate(field="place", oneOf=sorted(below))))
    chart = (alt.layer(_countries(), _labels("presence", 10), lines, dots, text)
             .properties(width=560, height=340)
             .project(type="mercator", fit=_extent(50.5, 38.6, 92.0, 51.5))
             .resolve_scale(color="independent"))
    table = pd.concat([points.assign(kind="place"),
                       routes[["project", "place", "lat", "lon", "coordinate_source", "route_source"]]
                       .assign(kind="route point")], ignore_index=True)
    return figure(
        chart, name="map-china-presence", datasets=["history_china_projects", "history_project_routes"],
        table=table,
        title="China's economic presence in Kazakhstan: what the report names",
        subtitle="Pipelines, railway options, logistics centres, border zones and plants, 2015",
        notes=["Redrawn from the places the report names; outlines: Natural Earth 1:50m (public domain).",
               "Routes are schematic straight lines between named points, not real alignments. The oil "
               "pipeline's end points are not in the report: drawn Aktobe-Alashankou after public sources.",
               "Initiatives without a single place (Silk Road Economic Belt, AIIB, roads, air routes) are "
               "not drawn. Aktau and Maikapchagai are placed approximately."],
        description="Map of Kazakhstan and western China: an oil pipeline from Aktobe to Alashankou, a gas "
                    "pipeline from Turkmenabat through Shymkent to Khorgos, two assessed railway options in "
                    "East Kazakhstan, and markers at Almaty, Aktobe, Aktau, Khorgos, Alashankou, Urumqi, "
                    "Zaisan and Maikapchagai.")
