"""Scoring the coder against gold-standard files.

Four gold formats, recognised by their fields:

- **events** (PETRARCH style): `{"id", "text", "date"?, "codings": [{"sourcecode",
  "targetcode", "eventcode"} | {"noevents": "True"}]}`, or tocsin's golden format `{"id",
  "text", "date", "events": [[source, target, code], ...]}`. Precision, recall and F1 at three
  levels: exact (source, target, code), root (source, target, root code) and country (first
  three letters of each actor, root code); the share of records coded exactly right and extra
  events per record.
- **quad**: `{"id", "text", "quad"}` with a Phoenix quad class 0-4; scores the quad class of each
  record's first event. A record with no full event (its actors unknown to the dictionaries) is
  classified by its first act (`Coder.main_action`); `quad_events_only` counts such records as
  wrong, and `quad_on_coded_records` scores only the records that coded an event.
- **code**: `{"id", "text", "code"}` (one CAMEO code per sentence, no actors); code and root
  accuracy of the first event and of any event.
- **plover**: `{"id", "text", "event_plover08"}`; PLOVER type accuracy of the first typed event.
- **dyads**: `{"id", "text", "dyads": [{"source", "target", "plover"}], "main_event"?}`; who did
  what to whom by the words of source and target (`tocsin.dyad_scoring`, the rule of
  ../shared/README.md), scored by `evaluate_dyads`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tocsin.coding.coder import Coder
from tocsin.errors import InputError
from tocsin.records import Event, Story, parse_date
from tocsin.run.dyad_scoring import DyadReport, dyad_record, score_dyads, span_codes

Triple = tuple[str, str, str]
LEVELS = ("exact", "root", "country")


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: dt.date | None
    raw: dict[str, Any]


@dataclass(slots=True)
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(slots=True)
class RecordResult:
    record: GoldRecord
    events: list[Event]
    gold: list[Triple]
    misses: list[Triple] = field(default_factory=list)
    false_alarms: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    mode: str
    records: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    results: list[RecordResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mode": self.mode, "records": self.records}
        if self.scores:
            out["levels"] = {level: s.as_dict() for level, s in self.scores.items()}
        n = max(self.records, 1)
        if self.mode == "events":
            out["records_exactly_right"] = round(self.counts["exact_records"] / n, 4)
            out["extra_events_per_record"] = round(self.counts["extra_events"] / n, 4)
        else:
            accuracy = {
                k.removesuffix("_right"): round(v / n, 4)
                for k, v in sorted(self.counts.items())
                if k.endswith("_right") and not k.startswith("quad")
            }
            if self.mode == "quad":
                events_only = self.counts["quad_events_only_right"]
                by_act = self.counts["quad_by_act_right"]
                coded = self.records - self.counts["uncoded"]
                accuracy["quad"] = round((events_only + by_act) / n, 4)
                accuracy["quad_events_only"] = round(events_only / n, 4)
                accuracy["quad_on_coded_records"] = round(events_only / max(coded, 1), 4)
                out["unclassified"] = self.counts["unclassified"]
            out["accuracy"] = accuracy
            out["uncoded"] = self.counts["uncoded"]
        return out


def read_gold(path: Path) -> Iterator[GoldRecord]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    str(path), number, f"malformed JSON ({exc.msg})", "fix the line"
                ) from None
            if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
                raise InputError(
                    str(path), number, "record has no 'text'", "each gold record needs text"
                )
            date = parse_date(raw["date"]) if raw.get("date") else None
            yield GoldRecord(str(raw.get("id", number)), raw["text"], date, raw)


def detect_mode(record: GoldRecord) -> str:
    raw = record.raw
    if "dyads" in raw or "main_event" in raw:
        return "dyads"
    if "codings" in raw or "events" in raw:
        return "events"
    if "quad" in raw:
        return "quad"
    if "event_plover08" in raw:
        return "plover"
    if "code" in raw:
        return "code"
    raise ValueError(
        f"record {record.id}: cannot tell the gold format (expected 'codings', 'dyads', 'quad', "
        "'event_plover08' or 'code')"
    )


def gold_triples(record: GoldRecord) -> list[Triple]:
    """Expected events: PETRARCH-style `codings`, or the golden suite's `events` triples."""
    if "events" in record.raw:
        return [(str(s), str(t or ""), str(c)) for s, t, c in record.raw["events"]]
    triples: list[Triple] = []
    for coding in record.raw.get("codings", []):
        if str(coding.get("noevents", "")).lower() == "true":
            continue
        triples.append(
            (
                str(coding.get("sourcecode", "")),
                str(coding.get("targetcode", "") or ""),
                str(coding.get("eventcode", "")),
            )
        )
    return triples


def project(triple: Triple, level: str) -> Triple:
    source, target, code = triple
    if level == "exact":
        return triple
    if level == "root":
        return source, target, code[:2]
    return source[:3], target[:3], code[:2]


def evaluate(coder: Coder, records: Iterable[GoldRecord], mode: str | None = None) -> Report:
    """Code every record as one story and score it against its gold annotation."""
    items = list(records)
    if not items:
        return Report(mode or "events")
    mode = mode or detect_mode(items[0])
    report = Report(mode)
    stories = [Story(r.id, r.text, r.date) for r in items]
    by_story: dict[str, list[Event]] = {r.id: [] for r in items}
    for event in coder.code(stories):
        by_story[event.story_id].append(event)
    if mode == "events":
        report.scores = {level: Score() for level in LEVELS}
    for record in items:
        events = by_story[record.id]
        report.records += 1
        if mode == "events":
            report.results.append(_score_events(report, record, events))
        else:
            _score_single(report, mode, record, events)
            if mode == "quad" and not events:
                _classify_uncoded(coder, report, record)
    return report


def evaluate_dyads(coder: Coder, records: Iterable[GoldRecord]) -> DyadReport:
    """Code every record as one story and score its events against its gold dyads; a pronoun's
    code is compared with the code the coder gives the gold span on its own."""
    items = list(records)
    gold = [dyad_record(r.id, r.raw, f"gold record {r.id}") for r in items]
    by_story: dict[str, list[Event]] = {r.id: [] for r in items}
    for event in coder.code(Story(r.id, r.text, r.date) for r in items):
        by_story[event.story_id].append(event)

    def resolve(span: str) -> str | None:
        found = coder.resolve_actor(span)
        return found.code if found else None

    return score_dyads(gold, by_story, span_codes(gold, resolve))


def _classify_uncoded(coder: Coder, report: Report, record: GoldRecord) -> None:
    """A story with no full event (its actors are unknown) is classified by its first act."""
    code = coder.main_action(Story(record.id, record.text, record.date))
    if code is None:
        report.counts["unclassified"] += 1
        return
    if coder.ontology[code].phoenix_quad == int(record.raw["quad"]):
        report.counts["quad_by_act_right"] += 1


def _score_events(report: Report, record: GoldRecord, events: list[Event]) -> RecordResult:
    gold = gold_triples(record)
    predicted = [(e.source, e.target, e.code) for e in events]
    result = RecordResult(record, events, gold)
    for level in LEVELS:
        g = Counter(project(t, level) for t in gold)
        p = Counter(project(t, level) for t in predicted)
        score = report.scores[level]
        score.true_positives += sum((g & p).values())
        score.predicted += sum(p.values())
        score.gold += sum(g.values())
    g_exact, p_exact = Counter(gold), Counter(predicted)
    if g_exact == p_exact:
        report.counts["exact_records"] += 1
    report.counts["extra_events"] += sum((p_exact - g_exact).values())
    result.misses = list((g_exact - p_exact).elements())
    extra = p_exact - g_exact
    for event in events:
        key = (event.source, event.target, event.code)
        if extra[key] > 0:
            extra[key] -= 1
            result.false_alarms.append(event)
    return result


def _score_single(report: Report, mode: str, record: GoldRecord, events: list[Event]) -> None:
    before = sum(report.counts[k] for k in report.counts if k.startswith(("first", "quad_events")))
    _count_single(report, mode, record, events)
    after = sum(report.counts[k] for k in report.counts if k.startswith(("first", "quad_events")))
    if after == before:
        report.results.append(RecordResult(record, events, []))


def _count_single(report: Report, mode: str, record: GoldRecord, events: list[Event]) -> None:
    if not events:
        report.counts["uncoded"] += 1
        return
    first = events[0]
    if mode == "quad":
        if first.phoenix_quad == int(record.raw["quad"]):
            report.counts["quad_events_only_right"] += 1
    elif mode == "code":
        code = str(record.raw["code"])
        report.counts["first_code_right"] += first.code == code
        report.counts["first_root_right"] += first.root_code == code[:2]
        report.counts["any_code_right"] += any(e.code == code for e in events)
        report.counts["any_root_right"] += any(e.root_code == code[:2] for e in events)
    elif mode == "plover":
        gold_type = str(record.raw["event_plover08"]).upper()
        typed = [e for e in events if e.plover]
        report.counts["first_type_right"] += bool(typed) and typed[0].plover == gold_type
        report.counts["any_type_right"] += any(e.plover == gold_type for e in typed)


def format_report(report: Report, show_errors: bool = False) -> str:
    data = report.as_dict()
    lines = [f"{report.records} records ({report.mode} gold)"]
    if report.mode == "events":
        lines.append(f"{'level':8} {'precision':>9} {'recall':>7} {'F1':>6}")
        for level, s in report.scores.items():
            lines.append(f"{level:8} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}")
        lines.append(f"records coded exactly right: {data['records_exactly_right']:.3f}")
        lines.append(f"extra events per record: {data['extra_events_per_record']:.3f}")
    else:
        for name, value in data["accuracy"].items():
            lines.append(f"{name.replace('_', ' ')} accuracy: {value:.3f}")
        lines.append(f"records with no event: {data['uncoded']}")
    if show_errors and report.mode != "events":
        lines.append("")
        expected_key = {"quad": "quad", "code": "code", "plover": "event_plover08"}[report.mode]
        for result in report.results:
            got = ", ".join(
                f"{e.source}->{e.target or '-'} {e.code} ({e.evidence.pattern_id})"
                for e in result.events
            )
            lines.append(
                f"[{result.record.id}] expected {result.record.raw[expected_key]}, got "
                f"{got or 'nothing'}: {result.record.text}"
            )
    if show_errors and report.mode == "events":
        lines.append("")
        for result in report.results:
            if not result.misses and not result.false_alarms:
                continue
            lines.append(f"[{result.record.id}] {result.record.text}")
            for source, target, code in result.misses:
                lines.append(f"  missed      {source} -> {target or '-'} {code}")
            for e in result.false_alarms:
                lines.append(
                    f"  false alarm {e.source} -> {e.target or '-'} {e.code}  "
                    f"(verb '{e.evidence.verb_text}', pattern {e.evidence.pattern_id} "
                    f"{e.evidence.pattern_ref}, sentence {e.sentence_index})"
                )
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ActorGold:
    """One gold actor mention: its text, date and code (role may be given apart, as PLOVER does)."""

    text: str
    date: dt.date | None
    code: str


@dataclass(slots=True)
class ActorReport:
    total: int = 0
    country_right: int = 0
    role_right: int = 0
    misses: list[tuple[ActorGold, str | None]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        n = max(self.total, 1)
        return {
            "mentions": self.total,
            "country_accuracy": round(self.country_right / n, 4),
            "country_and_role_accuracy": round(self.role_right / n, 4),
        }


def actor_parts(code: str | None) -> tuple[str, str]:
    """(country, primary role) of a code; international codes compare on their prefix only."""
    if not code:
        return "", ""
    prefix = code[:3]
    if prefix in ("IGO", "IMG", "NGO", "NGM", "MNC"):
        return prefix, ""
    return prefix, code[3:6]


def score_actors(coder: Coder, mentions: Iterable[ActorGold]) -> ActorReport:
    """Country and country+role accuracy of `Coder.resolve_actor` on gold mentions."""
    report = ActorReport()
    for gold in mentions:
        found = coder.resolve_actor(gold.text, gold.date)
        got = found.code if found else None
        want_country, want_role = actor_parts(gold.code)
        got_country, got_role = actor_parts(got)
        report.total += 1
        if got_country == want_country:
            report.country_right += 1
            if got_role == want_role:
                report.role_right += 1
                continue
        report.misses.append((gold, got))
    return report


def read_actor_table(path: Path) -> list[ActorGold]:
    """A tab-separated table with columns text, date, code (see tests/data/actor_mentions.tsv)."""
    out: list[ActorGold] = []
    rows = [
        line for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")
    ]
    for number, line in enumerate(rows[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 3:
            raise InputError(
                str(path), number, "expected 3 tab-separated columns", "text, date, code"
            )
        text, date, code = cells
        out.append(ActorGold(text, parse_date(date) if date else None, code))
    return out


def plover_actors(path: Path) -> list[ActorGold]:
    """The actor and recipient annotations of a PLOVER gold file, code joined with sector."""
    out: list[ActorGold] = []
    for record in read_gold(path):
        for entity in [*record.raw.get("actor", []), *record.raw.get("recipient", [])]:
            sector = entity.get("sector") or ""
            sector = sector[:3].upper() if sector and sector != "***" else ""
            out.append(ActorGold(entity["text"], record.date, f"{entity['code']}{sector}"))
    return out


@dataclass(slots=True)
class PlaceReport:
    """How well events are placed: the share of gold sentences whose first event is in the right
    country, and whose point lies within `radius_km` of the true place (uncoded counts wrong)."""

    total: int = 0
    coded: int = 0
    country_right: int = 0
    near: int = 0
    radius_km: float = 50.0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        n = max(self.total, 1)
        return {
            "sentences": self.total,
            "coded": self.coded,
            "country_accuracy": round(self.country_right / n, 4),
            f"within_{self.radius_km:g}_km": round(self.near / n, 4),
        }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def score_places(coder: Coder, path: Path, radius_km: float = 50.0) -> PlaceReport:
    """Score event places on a JSONL file of {"text", "date", "country", "lat", "lon"}."""
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    stories = [Story(str(n), r["text"], parse_date(r["date"])) for n, r in enumerate(records)]
    first: dict[str, Event] = {}
    for event in coder.code(stories):
        first.setdefault(event.story_id, event)
    report = PlaceReport(radius_km=radius_km)
    for n, record in enumerate(records):
        report.total += 1
        placed = first.get(str(n))
        loc = placed.location if placed else None
        if placed is not None:
            report.coded += 1
        if loc is not None and loc.country == record["country"]:
            report.country_right += 1
        if (
            loc is not None
            and distance_km(loc.lat, loc.lon, record["lat"], record["lon"]) <= radius_km
        ):
            report.near += 1
        else:
            got = f"{loc.name} ({loc.country}, {loc.source})" if loc else "no place"
            report.misses.append((record["text"], record["country"], got if placed else "no event"))
    return report
