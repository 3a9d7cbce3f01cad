"""Reading and checking the knowledge files: actors, agents, named word sets and verb patterns.

Formats are documented in docs/dictionaries.md. Each file is tab-separated with a header row; the
header tells which kind of file it is, so users' own files need no naming convention.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path

from tocsin.errors import DictionaryError, DictionaryProblem
from tocsin.knowledge.ontology import EVENT_HEADER, parse_event_rows
from tocsin.knowledge.people import PERSON_HEADER, BlockProblem, read_blocks
from tocsin.knowledge.side_tables import (
    COUNTRY_NAME_HEADER,
    IRREGULAR_HEADER,
    MISSION_HEADER,
    MOOD_HEADER,
    NONPOLITICAL_HEADER,
    NOT_PLACE_HEADER,
    REGION_HEADER,
    STATEMENT_CUE_HEADER,
    WEAPON_HEADER,
    SideTables,
)
from tocsin.knowledge.tables import read_table
from tocsin.knowledge.topics import TOPIC_HEADER
from tocsin.records import INTERNATIONAL_PREFIXES

ACTOR_HEADER = ("code", "names", "from", "until", "note")
AGENT_HEADER = ("role", "names", "note")
VERB_HEADER = ("id", "code", "verbs", "object", "modifier", "prep", "target", "flags", "example")
SET_HEADER = ("set", "words", "note")
SET_MARK = "&"  # "&appeal" in a verb-pattern cell stands for the words of the set named appeal
SET_NAME_RE = re.compile(r"^&[a-z][a-z0-9-]*$")
KNOWN_HEADERS = {
    "an actor file": ACTOR_HEADER,
    "a people file": PERSON_HEADER,
    "an agents file": AGENT_HEADER,
    "a verb-pattern file": VERB_HEADER,
    "a word-set file": SET_HEADER,
    "a mood table": MOOD_HEADER,
    "a weapons table": WEAPON_HEADER,
    "a mission table": MISSION_HEADER,
    "a statement cue table": STATEMENT_CUE_HEADER,
    "a topic cue table": TOPIC_HEADER,
    "a non-political cue table": NONPOLITICAL_HEADER,
    "an irregular verb table": IRREGULAR_HEADER,
    "the CAMEO event table": EVENT_HEADER,
    "a country name table": COUNTRY_NAME_HEADER,
    "a region table": REGION_HEADER,
    "a table of names that are not places": NOT_PLACE_HEADER,
}

CODE_RE = re.compile(r"^(?:[A-Z0-9]{3})+$")
EVENT_CODE_RE = re.compile(r"^\d{2,4}$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class Slot(StrEnum):
    """Where a verb pattern's target is found (the `target` column)."""

    OBJ = "obj"  # the verb's object (the subject of a passive)
    PREP = "prep"  # the object of one of the pattern's prepositions
    POSS = "poss"  # the owner of the object ("suspended *Mali's* membership")
    NONE = "none"  # the act has no target


class Flag(StrEnum):
    """How a verb pattern behaves (the `flags` column); an unknown flag is a `dict check`
    error, and code names flags only through this enum, so a typo cannot disable a rule."""

    NOUN = "noun"  # an event noun ("the suspension of"), not a verb
    RECIPROCAL = "reciprocal"  # both sides act on each other ("met", "negotiations")
    GOVERNS = "governs"  # takes the act of its complement clause ("threatened to impose")
    STATEMENT = "statement"  # a bare statement, coded only when nothing else is
    PASSIVE_ONLY = "passive-only"
    ACTIVE_ONLY = "active-only"
    NO_TARGET_OK = "no-target-ok"  # codes even when no target is found
    TRANSITIVE = "transitive"  # needs a direct object


SLOTS = frozenset(s.value for s in Slot)
FLAGS = frozenset(f.value for f in Flag)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One line of an actor file: a code, the names that stand for it, and when."""

    code: str
    names: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    note: str
    file: str
    line: int
    kind: str  # country | international | person | actor (see _kind_of)
    user: bool = False

    def active(self, date: dt.date | None) -> bool:
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    def ref(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One line of an agents file: role nouns and the role code they add to a country."""

    role: str
    names: tuple[str, ...]
    note: str
    file: str
    line: int
    user: bool = False

    def ref(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One line of a verb-pattern file. See docs/dictionaries.md for the matching rules."""

    id: str
    code: str  # CAMEO code, or "discard"
    verbs: tuple[tuple[str, ...], ...]
    objects: frozenset[str]
    modifiers: frozenset[str]
    preps: frozenset[str]
    targets: tuple[Slot, ...]
    flags: frozenset[Flag]
    example: str
    file: str
    line: int
    user: bool = False

    def ref(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(slots=True)
class Dictionaries:
    """Every dictionary entry loaded for one coder, built-in first, users' files after."""

    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)
    tables: SideTables = field(default_factory=SideTables)
    sets: dict[str, tuple[str, ...]] = field(default_factory=dict)


def builtin_paths() -> list[Path]:
    """The knowledge files shipped with tocsin, in load order: actors, verb patterns, then the
    side tables (and the CAMEO table, which `Ontology.load` reads)."""
    root = Path(str(resources.files("tocsin").joinpath("data")))
    paths: list[Path] = []
    for folder in ("actors", "verbs"):
        sub = root / folder
        if sub.is_dir():
            paths.extend(sorted(sub.glob("*.tsv")))
    places = [
        root / "places" / name for name in ("country_names.tsv", "regions.tsv", "not_places.tsv")
    ]
    return [*paths, *sorted(root.glob("*.tsv")), *places]


def load_dictionaries(
    extra: Sequence[Path | str] = (), builtin: bool = True, known_codes: Iterable[str] = ()
) -> Dictionaries:
    """Load built-in and users' knowledge files; raise DictionaryError listing every problem.
    With `builtin` off, only the users' actors, agents and verb patterns are used (the built-in
    side tables still are)."""
    result = Dictionaries()
    problems: list[DictionaryProblem] = []
    # without the built-in dictionaries, the built-in side tables (moods, weapons, cues,
    # irregular verbs, names that are not places) still apply: they are grammar and gazetteer
    # knowledge, not actors or verb patterns
    shipped = (
        builtin_paths()
        if builtin
        else [p for p in builtin_paths() if p.parent.name in ("data", "places")]
    )
    paths: list[tuple[Path, bool]] = [(p, False) for p in shipped]
    paths += [(Path(p), True) for p in _expand(extra)]
    codes = frozenset(known_codes)
    for path, user in paths:
        _read_file(path, user, result, problems, codes)
    if problems:
        raise DictionaryError(problems)
    return result


def check_files(
    paths: Sequence[Path | str], known_codes: Iterable[str] = ()
) -> list[DictionaryProblem]:
    """All problems in the given files (or in the built-in files when none are given)."""
    result = Dictionaries()
    problems: list[DictionaryProblem] = []
    files = _expand(paths) if paths else builtin_paths()
    codes = frozenset(known_codes)
    if paths:  # users' patterns may use the built-in word sets
        for path in builtin_paths():
            if path.parent.name == "verbs" and path.stem.endswith("sets"):
                _read_file(path, False, result, [], codes)
    for path in files:
        _read_file(path, bool(paths), result, problems, codes)
    problems += _overlaps(result.actors)
    problems += _duplicate_pattern_ids(result.patterns)
    return problems


def _expand(paths: Sequence[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.tsv")) if p.is_dir() else [p])
    return out


def _read_file(
    path: Path,
    user: bool,
    result: Dictionaries,
    problems: list[DictionaryProblem],
    codes: frozenset[str],
) -> None:
    name = path.name if not user else str(path)
    table = read_table(path, name, problems)
    if table is None:
        return
    header = table.header
    if header == EVENT_HEADER:  # the CAMEO table: read by `Ontology.load`, checked here
        parse_event_rows(table, problems)
        return
    if header not in KNOWN_HEADERS.values():
        expected = "; ".join(f"{kind} ({' '.join(cols)})" for kind, cols in KNOWN_HEADERS.items())
        problems.append(
            DictionaryProblem(
                name,
                table.rows[0].line - 1 if table.rows else 1,
                f"unknown header; expected {expected}",
            )
        )
        return
    if header == PERSON_HEADER:
        _person_blocks(
            [(row.line, list(row.cells)) for row in table.rows], name, user, result, problems
        )
        return
    for row in table.rows:
        cells = list(row.cells)
        if header == ACTOR_HEADER:
            _actor_line(cells, name, row.line, user, path.stem, result, problems)
        elif header == AGENT_HEADER:
            _agent_line(cells, name, row.line, user, result, problems)
        elif header == VERB_HEADER:
            _verb_line(cells, name, row.line, user, result, problems, codes)
        elif header == SET_HEADER:
            problem = _set_line(cells, result.sets, user)
            if problem:
                problems.append(DictionaryProblem(name, row.line, problem))
        else:
            result.tables.add(header, row, problems, codes)


def _person_blocks(
    rows: list[tuple[int, list[str]]],
    file: str,
    user: bool,
    result: Dictionaries,
    problems: list[DictionaryProblem],
) -> None:
    """A people file: each person's names once, their dated roles below (`tocsin.knowledge.
    people`). Each role becomes one actor entry; two people may share a name (a surname) only
    over periods that do not overlap, as on any actor lines."""
    for block in read_blocks(rows):
        if isinstance(block, BlockProblem):
            problems.append(DictionaryProblem(file, block.line, block.message))
            continue
        for role in block.roles:
            cells = [role.code, block.names, role.start, role.end, role.note]
            _actor_line(cells, file, role.line, user, "people", result, problems)


def _kind_of(code: str, stem: str, dated: bool) -> str:
    """person (a people file, or a dated line in a user's file), country (a bare country code),
    international (an IGO/NGO/... code), or actor (a country code with a role: metonyms, groups)."""
    builtin_stems = ("countr", "international", "agents")
    if stem.startswith("people") or (dated and not stem.startswith(builtin_stems)):
        return "person"
    if code[:3] in INTERNATIONAL_PREFIXES:
        return "international"
    return "country" if len(code) == 3 else "actor"


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split("|") if n.strip() and n.strip() != "-")


def _date(cell: str, end: bool) -> dt.date | None:
    if cell in ("", "-"):
        return None
    m = DATE_RE.match(cell)
    if not m:
        raise ValueError(f"malformed date {cell!r}; write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2) or (12 if end else 1))
    last_day = calendar.monthrange(year, month)[1] if end else 1
    day = int(m.group(3)) if m.group(3) else last_day
    return dt.date(year, month, day)


def _actor_line(
    cells: list[str],
    file: str,
    line: int,
    user: bool,
    stem: str,
    result: Dictionaries,
    problems: list[DictionaryProblem],
) -> None:
    code, names, start, end, note = cells
    if not CODE_RE.match(code):
        problems.append(
            DictionaryProblem(file, line, f"malformed actor code {code!r}: use 3-letter groups")
        )
        return
    if not _names(names):
        problems.append(DictionaryProblem(file, line, "no names given"))
        return
    try:
        first, last = _date(start, end=False), _date(end, end=True)
    except ValueError as exc:
        problems.append(DictionaryProblem(file, line, str(exc)))
        return
    if first and last and first > last:
        problems.append(DictionaryProblem(file, line, f"'from' {start} is after 'until' {end}"))
        return
    kind = _kind_of(code, stem, dated=bool(first or last))
    result.actors.append(ActorEntry(code, _names(names), first, last, note, file, line, kind, user))


def _agent_line(
    cells: list[str],
    file: str,
    line: int,
    user: bool,
    result: Dictionaries,
    problems: list[DictionaryProblem],
) -> None:
    role, names, note = cells
    if not CODE_RE.match(role):
        problems.append(DictionaryProblem(file, line, f"malformed role code {role!r}"))
        return
    if not _names(names):
        problems.append(DictionaryProblem(file, line, "no names given"))
        return
    result.agents.append(AgentEntry(role, _names(names), note, file, line, user))


def _set_line(cells: list[str], sets: dict[str, tuple[str, ...]], user: bool) -> str | None:
    """Read a named word set (used as `&name` in the verb patterns read after it) into `sets`;
    the problem with the line, if any."""
    name, words, _note = cells
    members = _names(words)
    if not SET_NAME_RE.match(name):
        return f"malformed set name {name!r}: write & and lower-case letters, digits, -"
    if name in sets and not user:
        return f"set {name!r} is defined twice"
    if not members:
        return f"set {name!r} has no words"
    if any(m.startswith(SET_MARK) for m in members):
        return f"set {name!r}: a set lists words, not other sets"
    sets[name] = members
    return None


def _expand_sets(cell: str, sets: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The alternatives of a cell with every `&set` replaced by its words (KeyError: unknown)."""
    out: list[str] = []
    for word in _names(cell):
        out.extend(sets[word] if word.startswith(SET_MARK) else (word,))
    return tuple(dict.fromkeys(out))


def _verb_line(
    cells: list[str],
    file: str,
    line: int,
    user: bool,
    result: Dictionaries,
    problems: list[DictionaryProblem],
    codes: frozenset[str],
) -> None:
    pid, code, verbs, objects, modifiers, preps, target, flags, example = cells
    where = f"pattern {pid!r}"
    if not pid:
        problems.append(DictionaryProblem(file, line, "pattern has no id"))
        return
    try:
        verb_cell, object_cell, modifier_cell, prep_cell = (
            _expand_sets(c, result.sets) for c in (verbs, objects, modifiers, preps)
        )
    except KeyError as exc:
        problems.append(
            DictionaryProblem(
                file, line, f"{where}: unknown set {exc.args[0]!r}; define it in a set file first"
            )
        )
        return
    if code != "discard" and not EVENT_CODE_RE.match(code):
        problems.append(DictionaryProblem(file, line, f"{where}: malformed event code {code!r}"))
        return
    if codes and code != "discard" and code not in codes:
        problems.append(DictionaryProblem(file, line, f"{where}: unknown CAMEO code {code!r}"))
        return
    verb_words = tuple(tuple(v.lower().split()) for v in verb_cell)
    if not verb_words:
        problems.append(DictionaryProblem(file, line, f"{where}: no verbs given"))
        return
    words = [t for t in target.split("|") if t and t != "-"] or ["obj"]
    bad_targets = [t for t in words if t not in SLOTS]
    if bad_targets:
        problems.append(
            DictionaryProblem(file, line, f"{where}: unknown target {bad_targets[0]!r}")
        )
        return
    targets = tuple(Slot(t) for t in words)
    flag_words = {f for f in flags.split("|") if f and f != "-"}
    if flag_words - FLAGS:
        problems.append(
            DictionaryProblem(
                file, line, f"{where}: unknown flag {sorted(flag_words - FLAGS)[0]!r}"
            )
        )
        return
    flag_set = frozenset(Flag(f) for f in flag_words)
    result.patterns.append(
        VerbPattern(
            id=pid,
            code=code,
            verbs=verb_words,
            objects=frozenset(w.lower() for w in object_cell),
            modifiers=frozenset(w.lower() for w in modifier_cell),
            preps=frozenset(w.lower() for w in prep_cell),
            targets=targets,
            flags=flag_set,
            example=example,
            file=file,
            line=line,
            user=user,
        )
    )


def _overlaps(actors: list[ActorEntry]) -> list[DictionaryProblem]:
    """Lines that give the same name different codes over overlapping dates, within one origin."""
    by_name: dict[tuple[bool, str], list[ActorEntry]] = {}
    for entry in actors:
        for n in entry.names:
            by_name.setdefault((entry.user, n.lower() if not _is_acronym(n) else n), []).append(
                entry
            )
    problems: list[DictionaryProblem] = []
    seen: set[tuple[str, int, str, int]] = set()
    for (_, name), entries in by_name.items():
        if len(entries) < 2:
            continue
        for a_index, a in enumerate(entries):
            for b in entries[a_index + 1 :]:
                if _ranges_overlap(a, b) and (a.file, a.line, b.file, b.line) not in seen:
                    seen.add((a.file, a.line, b.file, b.line))
                    problems.append(DictionaryProblem(b.file, b.line, _overlap_message(name, a, b)))
    return problems


def _overlap_message(name: str, a: ActorEntry, b: ActorEntry) -> str:
    if a.code == b.code:
        return f"name {name!r} duplicates {a.ref()} ({a.code}); remove one of the two"
    return (
        f"name {name!r} is also on {a.ref()} ({a.code}) for an overlapping period; give the "
        "lines non-overlapping from/until dates or remove the name from one"
    )


def _ranges_overlap(a: ActorEntry, b: ActorEntry) -> bool:
    lo = dt.date.min
    hi = dt.date.max
    return (a.start or lo) <= (b.end or hi) and (b.start or lo) <= (a.end or hi)


def _duplicate_pattern_ids(patterns: list[VerbPattern]) -> list[DictionaryProblem]:
    first: dict[str, VerbPattern] = {}
    problems: list[DictionaryProblem] = []
    for p in patterns:
        if p.id in first and first[p.id].user == p.user:
            problems.append(
                DictionaryProblem(
                    p.file, p.line, f"pattern id {p.id!r} is already used on {first[p.id].ref()}"
                )
            )
        first.setdefault(p.id, p)
    return problems


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 5 and " " not in name
