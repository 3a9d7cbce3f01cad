"""Finding actors in a parsed sentence and resolving noun phrases to CAMEO actor codes.

Names are matched through an index keyed by their first word (the equivalent of spaCy's
PhraseMatcher, without importing spaCy here): each sentence position looks up only the names that
can start there. Noun phrases are then resolved on the parse: a country with a role noun becomes a
domestic actor ("the Malian army" -> MLIMIL), a person's dated role comes from the story date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from tocsin.coding.place_words import FEATURE_NOUNS, PLACE_NOUNS, REGION_NOUNS, VENUE_NOUNS
from tocsin.knowledge.dictionaries import ActorEntry, AgentEntry, Dictionaries, _is_acronym
from tocsin.records import ActorMention, DictEntry, Sentence, Token

Tokenize = Callable[[str], list[str]]
_SIMPLE = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")

# Dependency labels that stay inside a noun phrase when collecting its words.
_NP_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "det", "nummod", "case", "flat", "npadvmod"}
)
# Lower-case particles that can open a proper name ("al-Shabaab", "el-Sisi", "de Gaulle").
_LOWER_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "an",
        "ash",
        "ar",
        "at",
        "az",
        "de",
        "da",
        "di",
        "van",
        "von",
        "bin",
        "ibn",
        "anti",
    }
)
PLACE_PREPS = frozenset({"in", "from", "throughout", "across", "of"})
# Words of address before a surname ("Mr Lavrov", "General Burhan"); office titles come from the
# agents dictionary.
HONORIFICS = frozenset(
    {
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Dr",
        "Dr.",
        "Sir",
        "Dame",
        "General",
        "Gen.",
        "Colonel",
        "Col.",
        "Lieutenant",
        "Lt.",
        "Major",
        "Maj.",
        "Marshal",
        "Admiral",
        "Adm.",
        "Sheikh",
        "Senator",
        "Sen.",
        "Rep.",
        "Ayatollah",
        "Imam",
        "Judge",
        "Justice",
        "Captain",
        "Capt.",
        "Commander",
        "Brigadier",
        "Monsieur",
        "Madame",
        "Herr",
        "Frau",
        "Señor",
    }
)
# How the words for a country's people end ("Malian", "Sudanese", "Kurdish", "Iraqi").
DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "ic", "ch")
STATE_BODIES = frozenset({"GOV", "MIL", "COP", "SPY"})
LOYALTY_WORDS = frozenset({"loyal", "allied", "faithful", "close", "linked", "affiliated"})
FORMER_WORDS = frozenset({"former", "ex", "ousted", "deposed", "onetime", "one-time", "erstwhile"})
BACKER_WORDS = frozenset(
    {
        "backed",
        "sponsored",
        "supported",
        "funded",
        "aligned",
        "allied",
        "armed",
        "trained",
        "financed",
        "affiliated",
        "linked",
        "friendly",
        "leaning",
        "influenced",
        "installed",
    }
)
# "the Turkey-based Syrian opposition": where a group sits is not whose it is, when its phrase
# names whose it is ("Pakistan-based groups" are still Pakistan's)
BASE_WORDS = frozenset({"based", "headquartered"})
# How alike two spellings of a given name are at least ("Nicos"/"Nikos" 0.8, "Nasr"/"Saad" 0.25)
SAME_NAME = 0.7
# The note of a capital's line in countries.tsv ("capital", "capital of Greenland", "administrative
# capital"; not a country's line that says its capital is left out: "capital 'Sofia' not listed")
CAPITAL_NOTE = re.compile(r"^(?:[\w/() -]+ )?capitals?\b(?!\s*'|\s+has)")
_KIND_RANK = {"person": 0, "international": 1, "actor": 1, "country": 2}
# Words that count, gather or head the people of their "of" phrase: "dozens of protesters",
# "a group of students", "members of the union", "some of the soldiers", "the head of the
# army". The phrase stands for the people the "of" phrase names.
GROUP_WORDS = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions"}
    | {"score", "scores", "tens", "number", "numbers", "handful", "couple", "lot", "lots"}
    | {"group", "groups", "band", "bands", "batch", "contingent", "team", "teams", "unit"}
    | {"member", "members", "majority", "minority", "rest", "half", "part", "section", "wing"}
    | {"some", "many", "most", "several", "all", "few", "each", "both", "none", "any"}
    | {"head", "heads", "chief", "chiefs", "representative", "representatives"}
)
# Counting words that do not make a nation's name a group of its people ("the rest of Afghans"
# is still counted; "members of", "head of", "representatives of" are not counts)
NOT_COUNTING = frozenset(
    {"member", "members", "head", "heads", "chief", "chiefs", "representative", "representatives"}
    | {"group", "groups", "wing", "section", "part", "unit", "team", "teams", "contingent"}
)
CIVILIANS = "CVL"
# Heads of an organisation's name that say nothing of its role ("the Employers' *Association*"):
# the members its name gives do.
ORGANISATION_WORDS = frozenset(
    {"association", "associations", "federation", "confederation", "council", "committee"}
    | {"league", "alliance", "front", "society", "coalition", "syndicate", "organisation"}
    | {"organization", "forum", "network", "guild", "collective", "body", "group", "bloc"}
)
# The state bodies a leader's surname names ("the Bush administration", "the Assad regime").
RULED_BODIES = frozenset({"administration", "government", "regime", "cabinet", "presidency"})
# Titles that speak for the body their phrase names: "the Senate President" is the senate's
# (LEG), "leaders of the teachers' union" the union's (LAB).
BODY_TITLES = frozenset(
    {"leader", "leaders", "leadership", "president", "presidents", "chairman", "chairmen"}
    | {"chairwoman", "chairperson", "chair", "head", "chief", "speaker", "official", "officials"}
)


@dataclass(frozen=True, slots=True)
class _Name:
    words: tuple[str, ...]  # lower-cased, or exact for acronyms
    exact: bool  # acronym: compare case-sensitively
    proper: bool  # must start with a capitalised word in the text
    lemma_last: bool  # the last word may match the token's lemma (agents)
    entries: tuple[ActorEntry | AgentEntry, ...]
    # words every spelling of a proper name capitalises: "Russia *Today*" is not "Russia today"
    capitals: tuple[bool, ...] = ()


# what a name matched at a token gives: its length, the line that applies, and all the name's lines
_Found = tuple[int, ActorEntry | AgentEntry, tuple[ActorEntry | AgentEntry, ...]]


def simple_tokenize(text: str) -> list[str]:
    """Split on spaces; used when no parser tokenizer is supplied (tests, plain names)."""
    return text.split()


class ActorIndex:
    """Every actor and agent name, indexed by first word. Built once per coder."""

    def __init__(self, dictionaries: Dictionaries, tokenize: Tokenize = simple_tokenize) -> None:
        self._index: dict[str, list[_Name]] = {}
        grouped: dict[tuple[tuple[str, ...], bool, bool], list[ActorEntry | AgentEntry]] = {}
        capitals: dict[tuple[tuple[str, ...], bool, bool], tuple[bool, ...]] = {}
        cache: dict[str, list[str]] = {}

        def words_of(name: str) -> list[str]:
            if _SIMPLE.match(name):
                return name.split()
            if name not in cache:
                cache[name] = tokenize(name)
            return cache[name]

        entries: Iterable[ActorEntry | AgentEntry] = [*dictionaries.actors, *dictionaries.agents]
        for entry in entries:
            proper = isinstance(entry, ActorEntry)
            for name in entry.names:
                exact = proper and _is_acronym(name)
                words = tuple(w if exact else w.lower() for w in words_of(name))
                if words and words[0].lower() == "the" and len(words) > 1:
                    words = words[1:]
                grouped.setdefault((words, exact, proper), []).append(entry)
                if proper:
                    written = tuple(w[:1].isupper() for w in words_of(name))[-len(words) :]
                    seen = capitals.get((words, exact, proper), written)
                    capitals[(words, exact, proper)] = tuple(
                        a and b for a, b in zip(seen, written, strict=True)
                    )
                if not proper and name.endswith(".") and words[-1:] == (".",):
                    # an abbreviated title ("Sen.", "Gen."): before a name the tagger keeps
                    # the period on the word, alone it splits it off
                    kept = (*words[:-2], words[-2] + ".")
                    grouped.setdefault((kept, exact, proper), []).append(entry)
        for (words, exact, proper), group in grouped.items():
            users = [e for e in group if e.user]
            chosen = tuple(users) if users else tuple(group)  # users' entries override
            caps = capitals.get((words, exact, proper), ())
            entry_name = _Name(words, exact, proper, not proper, chosen, caps)
            self._index.setdefault(words[0].lower(), []).append(entry_name)
        for names in self._index.values():
            names.sort(key=lambda n: -len(n.words))
        self._surnames = self._person_surnames(dictionaries, words_of)
        # the last words of role nouns ("officials", "forces"): a capital that modifies one is
        # an actor ("Moscow officials"), one that modifies any other noun a place
        self._role_heads = frozenset(
            name.words[-1] for names in self._index.values() for name in names if not name.proper
        )

    def _person_surnames(
        self, dictionaries: Dictionaries, words_of: Callable[[str], list[str]]
    ) -> dict[str, tuple[ActorEntry, ...]]:
        """People's surnames that name nothing else in the dictionaries ("Maduro"), so that
        "President Maduro" finds Nicolás Maduro without a surname line of its own."""
        lines: dict[str, list[ActorEntry]] = {}
        for entry in dictionaries.actors:
            words = words_of(entry.names[0])
            if entry.kind == "person" and len(words) > 1:
                lines.setdefault(words[-1], []).append(entry)
        return {
            surname: tuple(found)
            for surname, found in lines.items()
            if len(surname) > 3 and surname[:1].isupper() and surname.lower() not in self._index
        }

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def find_story_mentions(
        self, sentences: Sequence[Sentence], date: dt.date | None
    ) -> list[list[ActorMention]]:
        """The dictionary names of each sentence of one story (`find_mentions`), less a known
        person's bare surname where the story gives that surname to someone else ("Nasr
        al-Hariri ... Hariri said" is not Saad Hariri) and never names the known person in full."""
        strangers: set[str] = set()
        found = [self._find(s, date, strangers) for s in sentences]
        if not strangers:
            return found
        known = {
            m.text.split()[-1]
            for mentions in found
            for m in mentions
            if m.kind == "person" and m.end - m.start > 1
        }
        others = strangers - known
        return [
            [
                m
                for m in mentions
                # "President Trump": an office title names the known person as surely as a
                # full name does, whoever else of that surname the story names
                if not (
                    m.kind == "person"
                    and m.text in others
                    and not (m.start and self._after_office_title(s.tokens, m.start))
                )
            ]
            for s, mentions in zip(sentences, found, strict=True)
        ]

    def find_mentions(self, sentence: Sentence, date: dt.date | None) -> list[ActorMention]:
        """All dictionary names in the sentence, longest first, without overlaps."""
        return self._find(sentence, date, set())

    def _find(
        self, sentence: Sentence, date: dt.date | None, strangers: set[str]
    ) -> list[ActorMention]:
        """`find_mentions`; adds to `strangers` the surnames of people the sentence names in
        full who are not the dictionary's people of that surname."""
        tokens = sentence.tokens
        mentions: list[ActorMention] = []
        based: list[int] = []  # the mentions before "-based"
        i = 0
        while i < len(tokens):
            found = (
                self._match_at(tokens, i, date)
                or self._titled_surname(tokens, i, date)
                or self._ruler_surname(tokens, i, date)
            )
            if found is None:
                i += 1
                continue
            length, entry, alternatives = found
            previous_end = mentions[-1].end if mentions else -1
            if _inside_longer_name(tokens, i, length, entry, previous_end):
                i += 1  # "Kurdistan Region *Security Council*": part of another name
                continue
            if _another_person(tokens, i, length, alternatives):
                strangers.add(sentence.span_text(i, i + length))
                i += length  # "Nasr al-*Hariri*": someone else of the surname
                continue
            if (
                not _backer(tokens, i + length)
                and not _in_person_name(tokens, i, length, entry)
                and not self._venue(tokens, i, length, entry)
            ):
                mention = _mention(sentence, i, i + length, entry)
                if date is None:
                    others = _other_dates(alternatives, entry, mention.text)
                    mention = replace(mention, other_dates=others)
                if _based(tokens, i + length):
                    based.append(len(mentions))
                mentions.append(mention)
            i += length
        if based:
            mentions = [
                m for k, m in enumerate(mentions) if k not in based or _alone(tokens, m, mentions)
            ]
        return mentions

    def _match_at(self, tokens: Sequence[Token], i: int, date: dt.date | None) -> _Found | None:
        candidates = self._index.get(tokens[i].lower)
        if not candidates:
            return None
        for name in candidates:
            n = len(name.words)
            if i + n > len(tokens) or not _words_match(name, tokens, i):
                continue
            entry = _pick_entry(name.entries, date)
            if entry is not None and date is None and self._after_office_title(tokens, i):
                entry = _latest_office(name.entries) or entry
            if entry is not None:
                return n, entry, name.entries
        return None

    def _titled_surname(
        self, tokens: Sequence[Token], i: int, date: dt.date | None
    ) -> _Found | None:
        """A known person's surname right after a title ("President Maduro", "Mr Lavrov")."""
        lines = self._surnames.get(tokens[i].text)
        if not lines or i == 0:
            return None
        office = self._after_office_title(tokens, i)
        if not office and tokens[i - 1].text not in HONORIFICS:
            return None
        people = {e.names[0] for e in lines}
        if len(people) > 1:
            # several people share the surname: the one in office at the story's date
            if date is None:
                return None
            lines = tuple(e for e in lines if e.active(date) and e.code[3:6] != "ELI")
            if len({e.names[0] for e in lines}) != 1:
                return None
        entry = _pick_entry(lines, date)
        if date is None and office:
            entry = _latest_office(lines) or entry
        return (1, entry, ()) if entry is not None else None

    def _ruler_surname(
        self, tokens: Sequence[Token], i: int, date: dt.date | None
    ) -> _Found | None:
        """A known leader's surname before the state body they led ("the Bush administration",
        "the Assad regime"): the leader in office at the story's date, else, when every person
        of that surname led the same country, the latest of them (the body is that country's
        whichever one led it)."""
        lines = self._surnames.get(tokens[i].text)
        if not lines or i + 1 >= len(tokens) or tokens[i + 1].lower not in RULED_BODIES:
            return None
        offices = [e for e in lines if e.code[3:6] == "GOV"]
        if date is not None:
            offices = [e for e in offices if e.active(date)] or offices
        if len({e.code[:3] for e in offices}) != 1:
            return None
        entry = max(offices, key=lambda e: e.end or dt.date.max)
        return 1, entry, ()

    def _venue(
        self, tokens: Sequence[Token], start: int, length: int, entry: ActorEntry | AgentEntry
    ) -> bool:
        """A capital that modifies a noun other than a role noun names where something happened,
        not who did it: "the Paris attacks", "the Vienna talks", "the Minsk agreement" (but
        "Moscow officials", "the Damascus government" are those governments)."""
        if not isinstance(entry, ActorEntry) or not CAPITAL_NOTE.match(entry.note):
            return False
        last = tokens[start + length - 1]
        if last.dep != "compound" or not start + length <= last.head < len(tokens):
            return False
        noun = tokens[last.head]
        # a common noun: an institution's name holds its city ("the Tokyo Stock Exchange"); a
        # place noun is the country's ground ("the Kyiv region")
        if noun.lower in PLACE_NOUNS | REGION_NOUNS | FEATURE_NOUNS:
            return False
        # only nouns of what happens or is agreed there: "Beijing trade negotiators" are
        # China's, though no role noun names them
        return (
            noun.pos == "NOUN"
            and not noun.ent_type
            and (noun.lower in VENUE_NOUNS or noun.lemma.lower() in VENUE_NOUNS)
            and not (noun.lower in self._role_heads or noun.lemma.lower() in self._role_heads)
        )

    def _after_office_title(self, tokens: Sequence[Token], i: int) -> bool:
        """A government title right before the name ("President", "Foreign Minister")."""
        for start in range(max(0, i - 3), i):
            for name in self._index.get(tokens[start].lower, []):
                if start + len(name.words) != i or not _words_match(name, tokens, start):
                    continue
                if any(isinstance(e, AgentEntry) and e.role == "GOV" for e in name.entries):
                    return True
        return False


def is_proper_name(token: Token) -> bool:
    """A word of a proper name: tagged PROPN, or a capitalised word of a named person the tagger
    took for a common noun ("Britta *Nielsen*", "Gul *Rahman*")."""
    if token.pos == "PROPN":
        return True
    return token.pos == "NOUN" and token.ent_type == "PERSON" and token.text[:1].isupper()


def _in_person_name(
    tokens: Sequence[Token], start: int, length: int, entry: ActorEntry | AgentEntry
) -> bool:
    """A country's name inside a longer PERSON entity is a person's name ("Jordan Henderson",
    "Chad Smith", "Georgia Harrison"), not the country."""
    if not isinstance(entry, ActorEntry) or entry.kind != "country":
        return False
    if _demonym(tokens[start + length - 1].text, entry):
        return False  # "Sri Lankan Tamil rebels": a people's adjective is no one's given name
    end = start + length
    if end >= len(tokens) or not all(t.ent_type == "PERSON" for t in tokens[start:end]):
        return False
    # the name opens the entity and a surname follows in it
    following = tokens[end]
    return tokens[start].ent_iob == "B" and following.ent_iob == "I" and following.pos == "PROPN"


def _another_person(
    tokens: Sequence[Token], start: int, length: int, entries: tuple[ActorEntry | AgentEntry, ...]
) -> bool:
    """A known person's surname that ends a longer personal name whose given names are none of
    that person's ("*Nasr al-Hariri*" is not Saad Hariri, "*Ivanka Trump*" not Donald Trump):
    someone the dictionaries do not know."""
    people = [e for e in entries if isinstance(e, ActorEntry) and e.kind == "person"]
    if not people or length != 1 or tokens[start].ent_type != "PERSON":
        return False
    if tokens[start].ent_iob != "I":
        return False
    given: list[str] = []
    for k in range(start - 1, -1, -1):
        token = tokens[k]
        if token.ent_type != "PERSON":
            break
        word = token.text
        # not a title nor a particle ("Ayman *Al* Safadi")
        proper = word[:1].isupper() and word.isalpha() and word not in HONORIFICS
        if proper and word.lower() not in _LOWER_PARTICLES:
            given.append(word.lower())
        if token.ent_iob == "B":
            break
    if not given:
        return False
    known = {w.lower() for e in people for name in e.names for w in re.split(r"[\s-]+", name)}
    # a spelling of the same given name counts ("Nicos"/"Nikos", "Muhammad"/"Mohammed")
    return not any(_spelling_of(word, known) for word in given)


def _spelling_of(word: str, names: Iterable[str]) -> bool:
    return any(SequenceMatcher(None, word, name).ratio() >= SAME_NAME for name in names)


def _demonym(word: str, entry: ActorEntry) -> bool:
    """A word that names a country's people ("Lankan", "Malians", "Pakistani"), not the country
    itself ("Jordan", "Chad", "Georgia" are given names too)."""
    return word.lower() != entry.names[0].lower() and word.lower().endswith(DEMONYM_ENDINGS)


def _inside_longer_name(
    tokens: Sequence[Token], start: int, length: int, entry: ActorEntry | AgentEntry, previous: int
) -> bool:
    """An organisation's name continuing a longer proper name that no dictionary knows is not
    that organisation: "the Kurdistan Region Security Council" or "the National Security
    Council" is not the UN Security Council. The longer name opens with a capitalised proper
    noun of the same entity that modifies the match; a known name before it ("UN", "Russian")
    was matched on its own and does not count."""
    if not isinstance(entry, ActorEntry) or entry.kind in ("country", "person") or length < 2:
        return False
    if start == 0 or previous == start:
        return False
    before, first = tokens[start - 1], tokens[start]
    return (
        before.pos == "PROPN"
        and before.text[:1].isupper()
        and before.dep == "compound"
        and start <= before.head < start + length
        and first.ent_iob == "I"
    )


def _backer(tokens: Sequence[Token], end: int) -> bool:
    """ "Turkish-backed rebels", "Iran-aligned militias": the backer is not the actor's country."""
    return (
        end + 1 < len(tokens) and tokens[end].text == "-" and tokens[end + 1].lower in BACKER_WORDS
    )


def _based(tokens: Sequence[Token], end: int) -> bool:
    """ "Turkey-based", "London-headquartered": a place where a group sits."""
    return end + 1 < len(tokens) and tokens[end].text == "-" and tokens[end + 1].lower in BASE_WORDS


def _alone(tokens: Sequence[Token], place: ActorMention, mentions: Sequence[ActorMention]) -> bool:
    """The place a group is based in is the only name of its phrase ("Pakistan-based groups"),
    not one before the group's own name ("the Turkey-based *Syrian National Coalition*")."""
    noun = tokens[place.end + 1].head  # what "based" describes
    return not any(
        m.kind != "agent" and place.end < m.start and m.end - 1 <= noun for m in mentions
    )


def _words_match(name: _Name, tokens: Sequence[Token], i: int) -> bool:
    if name.proper and not _capitalised(tokens, i, len(name.words)):
        return False
    last = len(name.words) - 1
    for k, word in enumerate(name.words):
        tok = tokens[i + k]
        if k and name.capitals and name.capitals[k] and tok.text[:1].islower():
            return False  # "Russia today" is not the broadcaster Russia Today
        if name.exact:
            if tok.text != word:
                return False
        elif tok.lower != word and not (k == last and name.lemma_last and _noun_lemma(tok, word)):
            return False
    return True


def _noun_lemma(token: Token, word: str) -> bool:
    """A role noun's last word matched on its lemma ("troops" for "troop"), never a verb's:
    "police *forced* the crowd back" is no "police force"."""
    return token.lemma == word and token.pos not in ("VERB", "AUX")


def _capitalised(tokens: Sequence[Token], i: int, n: int) -> bool:
    """A proper name in running text: its first letter-initial word is capitalised ("al-Qaeda"
    counts by its "Qaeda"), so "turkey" or "chad" in lower case never match."""
    first = tokens[i].text
    if first[:1].isupper() or not first[:1].isalpha():
        return True
    return first in _LOWER_PARTICLES and any(t.text[:1].isupper() for t in tokens[i + 1 : i + n])


def _other_dates(
    entries: tuple[ActorEntry | AgentEntry, ...], chosen: ActorEntry | AgentEntry, text: str
) -> tuple[DictEntry, ...]:
    """The lines that give a dated name (`entries`, of which `chosen` applies) other codes, most
    recent first."""
    if not isinstance(chosen, ActorEntry) or (chosen.start is None and chosen.end is None):
        return ()
    dated = [e for e in entries if isinstance(e, ActorEntry) and e.code != chosen.code]
    dated.sort(key=lambda e: e.end or dt.date.max, reverse=True)
    seen: dict[str, DictEntry] = {}
    for e in dated:
        seen.setdefault(e.code, DictEntry(e.file, e.line, e.code, text))
    return tuple(seen.values())


def _pick_entry(
    entries: tuple[ActorEntry | AgentEntry, ...], date: dt.date | None
) -> ActorEntry | AgentEntry | None:
    """The entry that applies at `date`: dated lines are chosen by date, others always apply."""
    best: ActorEntry | AgentEntry | None = None
    for entry in entries:
        if isinstance(entry, AgentEntry):
            return entry
        if entry.active(date) and (best is None or _rank(entry) < _rank(best)):
            best = entry
    if best is None and date is None:
        # No story date: fall back to the most recent line of a dated name.
        dated = [e for e in entries if isinstance(e, ActorEntry)]
        if dated:
            best = max(dated, key=lambda e: e.end or dt.date.max)
    return best


def _latest_office(entries: tuple[ActorEntry | AgentEntry, ...]) -> ActorEntry | None:
    """With no story date, a person the text titles "President" is taken in the most recent
    government office the dictionary gives them, not in their latest role."""
    offices = [e for e in entries if isinstance(e, ActorEntry) and e.code[3:6] == "GOV" and e.start]
    return max(offices, key=lambda e: e.end or dt.date.max) if offices else None


def _rank(entry: ActorEntry | AgentEntry) -> int:
    return _KIND_RANK.get(entry.kind, 1) if isinstance(entry, ActorEntry) else 3


def _mention(
    sentence: Sentence, start: int, end: int, entry: ActorEntry | AgentEntry
) -> ActorMention:
    head = _span_head(sentence, start, end)
    text = sentence.span_text(start, end)
    if isinstance(entry, AgentEntry):
        ref = DictEntry(entry.file, entry.line, entry.role, text)
        return ActorMention(start, end, head, entry.role, text, "agent", (ref,))
    ref = DictEntry(entry.file, entry.line, entry.code, text)
    return ActorMention(start, end, head, entry.code, text, entry.kind, (ref,))


def _span_head(sentence: Sentence, start: int, end: int) -> int:
    """The token of the span whose head lies outside the span."""
    for k in range(end - 1, start - 1, -1):
        head = sentence.tokens[k].head
        if not start <= head < end or head == k:
            return k
    return end - 1


def phrase_tokens(sentence: Sentence, head: int) -> set[int]:
    """The words of the noun phrase headed by `head`: modifiers, possessors and "of" phrases."""
    tokens = sentence.tokens
    out = {head}
    stack = [head]
    while stack:
        t = tokens[stack.pop()]
        for c in t.children:
            child = tokens[c]
            keep = (
                child.dep in _NP_DEPS
                # "Russian and US", "Thai and Cambodian troops", "presidents of Kenya and Tanzania"
                # (not the phrase's own head: "between Israel and Hamas" names two actors)
                or (
                    child.dep == "conj"
                    and t.i != head
                    and t.dep in ("amod", "compound", "nmod", "pobj")
                )
                or (child.dep == "prep" and child.lower == "of")
                or (child.dep == "pobj" and t.dep == "prep" and t.lower == "of")
            )
            if keep and c not in out:
                out.add(c)
                stack.append(c)
    return out


def resolve_phrase(
    sentence: Sentence, head: int, mentions: Sequence[ActorMention]
) -> list[ActorMention]:
    """The actors a noun phrase stands for: a person, an organisation, or country + role(s).
    "Former", "ex-" or "ousted" makes a domestic office holder an elite (ELI)."""
    words = phrase_tokens(sentence, head)
    found = _resolve_words(sentence, head, words, mentions)
    owned = any(sentence.tokens[c].dep == "poss" for c in sentence.tokens[head].children)
    roles = [m.head for m in mentions if m.kind == "agent" and m.head in words]
    if not found and not owned and roles:
        # "protesters in the Kosovan town of Gjilan", "thousands of students throughout
        # Indonesia": a role placed by a phrase of place
        for word in {head, *roles}:
            for c in sentence.tokens[word].children:
                if sentence.tokens[c].dep == "prep" and sentence.tokens[c].lower in PLACE_PREPS:
                    words |= subtree(sentence.tokens, c)
        found = _resolve_words(sentence, head, words, mentions)
    if not found and not owned and roles:
        found = _loyal_to(sentence, head, roles, mentions)
    if found and any(sentence.tokens[w].lower in FORMER_WORDS for w in words):
        return [_former(m) for m in found]
    people = group_head(sentence.tokens, head)
    if found and _counted(sentence.tokens, people):
        # "more than 100 Palestinians", "dozens of Liberians": people of a nation, not its state
        return [
            replace(m, code=m.code + CIVILIANS) if m.kind == "country" and m.head == people else m
            for m in found
        ]
    return found


def _counted(tokens: Sequence[Token], head: int) -> bool:
    """A plural noun counted by a number or a counting word ("168 Liberians", "hundreds of
    Afghans")."""
    token = tokens[head]
    if token.tag not in ("NNS", "NNPS"):
        return False
    if any(tokens[c].dep == "nummod" for c in token.children):
        return True
    governor = tokens[token.head]
    if token.dep != "pobj" or governor.lower != "of" or governor.head == governor.i:
        return False
    counter = tokens[governor.head]
    return counter.lower in GROUP_WORDS - NOT_COUNTING or counter.pos == "NUM"


def _loyal_to(
    sentence: Sentence, head: int, roles: Sequence[int], mentions: Sequence[ActorMention]
) -> list[ActorMention]:
    """ "Rebels loyal to Riek Machar", "militias allied with the government", "fighters led by
    a former colonel": the role in the country of the one they follow."""
    tokens = sentence.tokens
    for c in tokens[head].children:
        word = tokens[c]
        follows = (word.dep == "amod" and word.lower in LOYALTY_WORDS) or (
            word.dep == "acl" and word.lower == "led"
        )
        if not follows:
            continue
        inside = subtree(sentence.tokens, c)
        named = [
            m
            for m in mentions
            if m.kind not in ("agent", "place") and m.head in inside and m.country
        ]
        agents = [m for m in mentions if m.kind == "agent" and m.head in roles]
        if named and agents:
            agent = min(agents, key=lambda m: abs(m.head - head))
            return [compose(sentence, named[0].country or "", agent)]
    return []


def group_head(tokens: Sequence[Token], head: int) -> int:
    """The noun a counting or gathering head stands for: "*Dozens* of protesters" are
    protesters, "*About 1,100* of the workers" workers, "*members* of a rebel group" the group;
    any other head is itself."""
    for _ in range(3):  # "dozens of members of the union"
        token = tokens[head]
        counting = token.lower in GROUP_WORDS or token.pos == "NUM" or token.ent_type == "CARDINAL"
        if not counting:
            return head
        inner = [
            g
            for c in token.children
            if tokens[c].dep == "prep" and tokens[c].lower == "of"
            for g in tokens[c].children
            if tokens[g].dep == "pobj"
        ]
        if not inner:
            return head
        head = inner[0]
    return head


def subtree(tokens: Sequence[Token], root: int) -> set[int]:
    """The word `root` and every word below it in the parse."""
    out, stack = {root}, [root]
    while stack:
        for c in tokens[stack.pop()].children:
            if c not in out:
                out.add(c)
                stack.append(c)
    return out


def _titled(
    sentence: Sentence,
    person: ActorMention,
    named: Sequence[ActorMention],
    agents: Sequence[ActorMention],
    words: set[int],
) -> ActorMention:
    """An organisation in a person's title speaks through them: "European Council President
    Donald Tusk" is the EU, "NATO chief Jens Stoltenberg" NATO, whatever else they were."""
    if any(sentence.tokens[w].lower in FORMER_WORDS for w in words):
        return person
    titles = [a for a in agents if a.end <= person.start]
    organisations = [m for m in named if m.kind == "international" and m.end <= person.start]
    between = range(organisations[-1].end, person.start) if organisations else range(0)
    if (
        organisations
        and (
            titles
            or all(w in words and sentence.tokens[w].pos in ("NOUN", "PROPN") for w in between)
        )
        and len(between) <= 3
    ):
        # the organisation with its title ("NATO chief", "European Council President")
        return replace(organisations[-1], head=person.head, end=person.end, kind="composed")
    return person


def _former(mention: ActorMention) -> ActorMention:
    country = mention.country
    if country is None or mention.role[:3] not in ("GOV", "MIL", "LEG", "JUD", ""):
        return mention
    return replace(mention, code=country + "ELI")


def _resolve_words(
    sentence: Sentence, head: int, words: set[int], mentions: Sequence[ActorMention]
) -> list[ActorMention]:
    inside = [m for m in mentions if m.head in words or (m.start <= head < m.end)]
    if not inside:
        return []
    named = [m for m in inside if m.kind not in ("agent", "place")]
    agents = [m for m in inside if m.kind == "agent"]
    places = [m for m in inside if m.kind == "place"]
    people = [m for m in named if m.kind == "person"]
    if people:
        person = _titled(
            sentence, min(people, key=lambda m: abs(m.head - head)), named, agents, words
        )
        body = next((a for a in agents if a.head == head), None)
        if body is not None and person.kind == "person":
            # "the Assad regime", "the Trump administration", "Putin's army": the state body
            # they led, which "it" can refer to, whatever the person's role at the story's date
            state = body.code in STATE_BODIES
            code = person.country + body.code if person.country and state else None
            person = replace(person, kind="composed", code=code or person.code)
        return [person]
    organisations = [m for m in named if m.kind != "country" or m.role]
    countries = [m for m in named if m.kind == "country" and not m.role]
    if not agents:
        if organisations:
            return [min(organisations, key=lambda m: abs(m.head - head))]
        at_head = [m for m in countries if m.start <= head < m.end]
        return at_head[:1] or countries
    # "the opposition Move Forward Party": a party's more specific role wins over PTY
    specific = [a for a in agents if a.code != "PTY"] or agents
    agent = speaking_role(sentence, min(specific, key=lambda m: abs(m.head - head)), mentions)
    # a country named in the phrase, else an organisation, else a city or region in it ("the
    # Kabul police chief", "Nairobi's governor")
    bases = [m for m in named if m.kind == "country"] or organisations or places[:1]
    if not bases:
        return []
    return [_compose(sentence, base, agent) for base in bases]


def speaking_role(
    sentence: Sentence, title: ActorMention, mentions: Sequence[ActorMention]
) -> ActorMention:
    """A title that heads a body its phrase names takes the body's role: "Senate President"
    is LEG, "leaders of the teachers' union" LAB, "army officials" MIL. Any other role noun is
    itself."""
    tokens = sentence.tokens
    if tokens[title.head].lower not in BODY_TITLES:  # "a senior official of ..."
        return title
    apposed = [c for c in tokens[title.head].children if tokens[c].dep == "appos"]
    if any(m.kind == "person" and m.head in apposed for m in mentions):
        return title  # "the junta leader, Ibrahim Traore": the person's own dated role decides
    words = phrase_tokens(sentence, title.head)
    bodies = [
        a
        for a in mentions
        if a.kind == "agent" and a.head in words and tokens[a.head].lower not in BODY_TITLES
    ]
    if not bodies:
        return title
    body = min(bodies, key=lambda a: abs(a.head - title.head))
    return replace(title, code=body.code, entries=(*title.entries, *body.entries))


def members_role(
    sentence: Sentence, head: int, mentions: Sequence[ActorMention]
) -> ActorMention | None:
    """An organisation no dictionary names takes the role of the members its name gives: "the
    Road Freight Employers' Association" BUS, "the Junior Doctors Association" HLH, "the Cocoa
    Farmers' Federation" AGR. None for any other head."""
    tokens = sentence.tokens
    if tokens[head].lower not in ORGANISATION_WORDS:
        return None
    words = phrase_tokens(sentence, head)
    members = [m for m in mentions if m.kind == "agent" and m.head in words and m.head < head]
    if not members:
        return None
    member = max(members, key=lambda m: m.head)  # the nearest modifier names the members
    return replace(member, start=min(member.start, head), end=head + 1, head=head)


def compose(sentence: Sentence, country: str, agent: ActorMention) -> ActorMention:
    """A role noun placed in a country known from elsewhere in the sentence."""
    return ActorMention(
        agent.start,
        agent.end,
        agent.head,
        country + agent.code,
        agent.text,
        "composed",
        agent.entries,
    )


LEGISLATOR = "LEG"
PARTY_ROLES = frozenset({"GOV", "OPP", "PTY"})  # how the actor files code parties


def _compose(sentence: Sentence, base: ActorMention, agent: ActorMention) -> ActorMention:
    """A country (or organisation) plus a role noun: MLI + MIL -> MLIMIL."""
    if base.kind in ("country", "place"):
        code = base.code[:3] + agent.code if not base.role else base.code
    elif agent.code == LEGISLATOR and base.country and base.role in PARTY_ROLES:
        code = base.country + LEGISLATOR  # "BJP MP", "ANC MPs": legislators of the country
    else:
        code = base.code
    start, end = min(base.start, agent.start), max(base.end, agent.end)
    return ActorMention(
        start,
        end,
        agent.head,
        code,
        sentence.span_text(start, end),
        "composed",
        base.entries + agent.entries,
    )
