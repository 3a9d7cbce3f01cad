"""Country outlines for the dashboard's map, from the GeoJSON the `countryinfo` package ships
(the same package the gazetteer is built from): no tiles, no network.

The projection is equirectangular: x = longitude + 180, y = TOP_LAT - latitude, so a point of the
map is placed with the same two additions in the browser. Antarctica is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 360.0
TOP_LAT = 84.0
BOTTOM_LAT = -58.0
HEIGHT = TOP_LAT - BOTTOM_LAT
LEFT_OUT = frozenset({"ATA"})


@dataclass(frozen=True, slots=True)
class Outline:
    iso3: str
    name: str
    path: str  # SVG path data in map coordinates


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map coordinates of a point."""
    return lon + 180.0, TOP_LAT - lat


def ring_path(ring: Sequence[Sequence[float]]) -> str:
    """SVG path data of one GeoJSON ring ([lon, lat] points), to a tenth of a degree."""
    parts: list[str] = []
    last: tuple[float, float] | None = None
    for point in ring:
        x, y = project(float(point[1]), float(point[0]))
        here = (round(x, 1), round(y, 1))
        if here == last:
            continue
        parts.append(f"{'M' if last is None else 'L'}{here[0]:g} {here[1]:g}")
        last = here
    return "".join(parts) + "Z" if len(parts) > 2 else ""


def geometry_path(geometry: dict[str, Any]) -> str:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    return "".join(ring_path(ring) for polygon in polygons for ring in polygon)


def outlines(records: dict[str, dict[str, Any]] | None = None) -> list[Outline]:
    """The outline of every country with one, by ISO3 code."""
    if records is None:
        from tocsin.knowledge.gazetteer_build import countryinfo_records

        records = countryinfo_records()
    found = []
    for iso3, record in sorted(records.items()):
        if iso3 in LEFT_OUT:
            continue
        features: Iterable[dict[str, Any]] = (record.get("geoJSON") or {}).get("features") or []
        path = "".join(geometry_path(f.get("geometry") or {}) for f in features)
        if path:
            found.append(Outline(iso3, str(record.get("name") or iso3), path))
    return found
