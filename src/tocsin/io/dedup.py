"""Counting an event once: near-duplicate stories and merged event records.

Two mechanisms, each optional (see docs/dedup.md):

(a) Near-duplicate stories. Syndicated copies and updated versions of a story repeat its text
    with small changes (a new dateline, a corrected figure, an added paragraph). Each story is cut
    into overlapping word 5-grams ("shingles"); a MinHash signature estimates how much two stories'
    shingle sets overlap, and locality-sensitive hashing over signature bands finds candidate
    pairs without comparing every story with every other. Candidates are confirmed on the exact
    Jaccard similarity of their shingle sets. A story whose similarity to an earlier story reaches
    the threshold is linked to it, and need not be coded again.

(b) Event merging, after GDELT and Phoenix: events with the same (date, source, target, code,
    location) coded from several stories become one record that counts its mentions (events),
    its distinct news sources, and lists the story ids, URLs and event ids behind it.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tocsin.records import Story

SHINGLE_WORDS = 5
NUM_PERMUTATIONS = 64
# 32 bands of 2 rows: a pair at Jaccard 0.5 shares a band with probability 1 - (1 - 0.5**2)**32
# > 0.9999, at 0.3 about 0.95; candidates are then checked on their exact Jaccard similarity.
BANDS = 32
# Copies and updates of one story overlap by 0.6 to 1.0 in 5-word shingles; two stories written
# independently about the same event rarely pass 0.1.
DEFAULT_THRESHOLD = 0.5
_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1

DEFAULT_MERGE_KEY: tuple[str, ...] = ("date", "source", "target", "code", "location")


# ---------------------------------------------------------------- (a) near-duplicate stories


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """`story_id` copies `original_id`: their shingle sets have Jaccard `similarity`."""

    story_id: str
    original_id: str
    similarity: float


def normalize_text(text: str) -> list[str]:
    """The words of a story, without case, accents or punctuation; datelines and agency
    credits are kept (a copy usually repeats them, and one word changes little)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", text)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """The story's overlapping `size`-word sequences, each as a 64-bit hash."""
    words = normalize_text(text)
    if len(words) < size:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
    return frozenset(
        struct.unpack("<Q", hashlib.blake2b(g.encode(), digest_size=8).digest())[0] for g in grams
    )


def _permutations(count: int) -> list[tuple[int, int]]:
    """Fixed (a, b) pairs for the hash family h(x) = (a*x + b) mod p, derived from a seed so
    that signatures are comparable across runs and processes."""
    pairs = []
    for k in range(count):
        digest = hashlib.blake2b(f"tocsin-minhash-{k}".encode(), digest_size=16).digest()
        a, b = struct.unpack("<QQ", digest)
        pairs.append((a % (_PRIME - 1) + 1, b % _PRIME))
    return pairs


def minhash(features: Iterable[int], permutations: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """The MinHash signature of a set of hashed features."""
    values = list(features)
    if not values:
        return tuple(_MAX_HASH for _ in permutations)
    return tuple(min(((a * x + b) % _PRIME) & _MAX_HASH for x in values) for a, b in permutations)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass
class NearDuplicateIndex:
    """Stories seen so far, for finding the one a new story copies.

    Add stories in the order they should win: the first version of a text is the original, later
    copies link to it. Holds per story its shingle set and band keys; one index per corpus run.
    """

    threshold: float = DEFAULT_THRESHOLD
    num_permutations: int = NUM_PERMUTATIONS
    bands: int = BANDS
    shingle_words: int = SHINGLE_WORDS
    _permutations: list[tuple[int, int]] = field(init=False, repr=False)
    _exact: dict[str, str] = field(init=False, repr=False, default_factory=dict)
    _buckets: dict[tuple[int, tuple[int, ...]], list[str]] = field(
        init=False, repr=False, default_factory=dict
    )
    _shingles: dict[str, frozenset[int]] = field(init=False, repr=False, default_factory=dict)
    _originals: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.num_permutations % self.bands:
            raise ValueError(
                f"num_permutations ({self.num_permutations}) must be a multiple of bands "
                f"({self.bands})"
            )
        self._permutations = _permutations(self.num_permutations)

    def __len__(self) -> int:
        return len(self._shingles)

    def add(self, story_id: str, text: str) -> DuplicateLink | None:
        """Index a story; return the link to the earlier story it copies, if any. A copy of a
        copy links to the first original."""
        fingerprint = hashlib.sha1(" ".join(normalize_text(text)).encode()).hexdigest()
        features = shingles(text, self.shingle_words)
        self._shingles[story_id] = features
        link: DuplicateLink | None = None
        if fingerprint in self._exact:
            link = DuplicateLink(story_id, self._exact[fingerprint], 1.0)
        else:
            self._exact[fingerprint] = story_id
        signature = minhash(features, self._permutations)
        rows = self.num_permutations // self.bands
        keys = [(b, signature[b * rows : (b + 1) * rows]) for b in range(self.bands)]
        if link is None:
            link = self._best_match(story_id, features, keys)
        for key in keys:
            self._buckets.setdefault(key, []).append(story_id)
        if link is not None:
            original = self._originals.get(link.original_id, link.original_id)
            link = DuplicateLink(story_id, original, link.similarity)
            self._originals[story_id] = original
        return link

    def _best_match(
        self, story_id: str, features: frozenset[int], keys: list[tuple[int, tuple[int, ...]]]
    ) -> DuplicateLink | None:
        candidates: OrderedDict[str, None] = OrderedDict()
        for key in keys:
            for other in self._buckets.get(key, ()):
                candidates[other] = None
        best: DuplicateLink | None = None
        for other in candidates:
            similarity = jaccard(features, self._shingles[other])
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = DuplicateLink(story_id, other, similarity)
        return best


def find_near_duplicates(
    stories: Iterable[Story], threshold: float = DEFAULT_THRESHOLD
) -> Iterator[DuplicateLink]:
    """Links from each story to the earlier story (in input order) it copies."""
    index = NearDuplicateIndex(threshold=threshold)
    for story in stories:
        text = f"{story.title}\n{story.text}" if story.title else story.text
        link = index.add(story.id, text)
        if link is not None:
            yield link


def skip_near_duplicates(
    stories: Iterable[Story],
    index: NearDuplicateIndex,
    on_link: Callable[[DuplicateLink], None] | None = None,
) -> Iterator[Story]:
    """The stories that copy no earlier one; each copy is reported to `on_link` and not coded."""
    for story in stories:
        text = f"{story.title}\n{story.text}" if story.title else story.text
        link = index.add(story.id, text)
        if link is None:
            yield story
        elif on_link is not None:
            on_link(link)


# ---------------------------------------------------------------- (b) merging events


def location_key(event: Mapping[str, Any]) -> str:
    """The location part of the merge key: the GeoNames id, else country and place name."""
    if event.get("geonameid"):
        return str(event["geonameid"])
    country = event.get("location_country") or ""
    name = event.get("location_name") or ""
    return f"{country}:{name}" if country or name else ""


def merge_key(
    event: Mapping[str, Any], fields: Sequence[str] = DEFAULT_MERGE_KEY
) -> tuple[str, ...]:
    """The identity of an event for merging; "location" stands for `location_key`."""
    return tuple(
        location_key(event) if f == "location" else str(event.get(f) or "") for f in fields
    )


def news_source(story: Story | None, story_id: str, url: str | None = None) -> str:
    """Who published a story: its source, else its URL's host, else the story itself."""
    if story is not None and story.source:
        return story.source.strip().lower()
    url = (story.url if story is not None else None) or url
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or story_id
    return story_id


def merge_events(
    events: Iterable[Mapping[str, Any]],
    stories: Mapping[str, Story] | None = None,
    fields: Sequence[str] = DEFAULT_MERGE_KEY,
) -> list[dict[str, Any]]:
    """One record per distinct (date, source, target, code, location), in first-seen order.

    Each record is the first event's fields plus `num_mentions` (events merged),
    `num_sources` (distinct publishers: `Story.source`, else the URL's host), `num_stories`,
    `story_ids`, `urls` and `event_ids`. Events are plain dicts, as `Event.to_dict()` gives.
    """
    stories = stories or {}
    merged: dict[tuple[str, ...], dict[str, Any]] = {}
    publishers: dict[tuple[str, ...], set[str]] = {}
    for event in events:
        key = merge_key(event, fields)
        story_id = str(event.get("story_id", ""))
        story = stories.get(story_id)
        record = merged.get(key)
        if record is None:
            record = dict(event)
            record.update(num_mentions=0, story_ids=[], urls=[], event_ids=[])
            merged[key] = record
            publishers[key] = set()
        record["num_mentions"] += 1
        if event.get("id") is not None:
            record["event_ids"].append(event["id"])
        if story_id not in record["story_ids"]:
            record["story_ids"].append(story_id)
        url = (story.url if story else None) or event.get("url")
        if url and url not in record["urls"]:
            record["urls"].append(url)
        publishers[key].add(news_source(story, story_id, url))
    for key, record in merged.items():
        record["num_sources"] = len(publishers[key])
        record["num_stories"] = len(record["story_ids"])
    return list(merged.values())
