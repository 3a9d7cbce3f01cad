"""The name an event shows for its source and target (`source_name`, `target_name`).

`source_text` and `target_text` are evidence: the sentence's own words, "he" included. A reader
of a table, a map or a network wants to know who: a pronoun or surname resolved through the story
shows the name it stands for ("he" -> "Benjamin Netanyahu"), a role noun placed by the story
shows its country ("police" -> "police (Kenya)"), and a pronoun left with no name shows the name
of its code ("Kenya police"). A pronoun is never a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tocsin.knowledge.dictionaries import Dictionaries
from tocsin.records import UNKNOWN_COUNTRY, ActorMention, country_of, role_of

# Words that name no one on their own.
PRONOUNS = frozenset(
    {
        "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them",
        "his", "its", "our", "their", "this", "that", "these", "those", "who", "which",
    }
)  # fmt: skip
COUNTRY_NOUNS = frozenset({"country", "nation", "state"})


def is_pronoun(words: str) -> bool:
    """ "he", "They"; not "US" or "WHO", which are names written in capitals."""
    text = words.strip()
    return text.lower() in PRONOUNS and not (len(text) > 1 and text.isupper())


@dataclass(frozen=True, slots=True)
class CodeNames:
    """Names of codes, from the dictionaries: a country's first name ("Kenya"), a role's first
    role noun ("police"), an international organisation's first name ("United Nations"); and
    every role noun, to tell a role ("Police", "striking miners") from a name."""

    countries: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)
    organisations: Mapping[str, str] = field(default_factory=dict)
    role_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_dictionaries(cls, dictionaries: Dictionaries) -> CodeNames:
        countries: dict[str, str] = {}
        organisations: dict[str, str] = {}
        for entry in dictionaries.actors:
            if not entry.names:
                continue
            if entry.kind == "country" and len(entry.code) == 3:
                countries.setdefault(entry.code, entry.names[0])
            elif entry.kind == "international":
                organisations.setdefault(entry.code, entry.names[0])
        roles: dict[str, str] = {}
        nouns: set[str] = set(COUNTRY_NOUNS)
        for agent in dictionaries.agents:
            if agent.names:
                roles.setdefault(agent.role, agent.names[0])
                nouns.update(n.lower() for n in agent.names)
        return cls(countries, roles, organisations, frozenset(nouns))

    def bare_role(self, words: str) -> bool:
        """The words are a role noun and nothing that names whose ("the police", "Police",
        "striking miners"; not "Kenyan police", "Senator Castañeda")."""
        tokens = words.split()
        if tokens[:1] and tokens[0].lower() == "the":
            tokens = tokens[1:]
        if not tokens or any(t[:1].isupper() for t in tokens[1:]):
            return False
        lower = [t.lower() for t in tokens]
        if tokens[0][:1].isupper() and not any(lower[0] in n.split() for n in self.role_nouns):
            return False  # "Kenyan police"
        return any(" ".join(lower[k:]) in self.role_nouns for k in range(len(lower)))

    def country(self, code: str) -> str:
        """The name of the code's country, or "" (none, unknown or international)."""
        iso3 = country_of(code)
        return self.countries.get(iso3, iso3) if iso3 else ""

    def of(self, code: str) -> str:
        """A name for a code: "Kenya police", "United Nations", "Syria"."""
        if code in self.organisations:
            return self.organisations[code]
        role = role_of(code) if code[:3] != UNKNOWN_COUNTRY else code[3:]
        words = [self.country(code), self.roles.get(role, role.lower())]
        return " ".join(w for w in words if w) or code


def actor_name(mention: ActorMention, names: CodeNames) -> str:
    """The name to show for an actor mention (see the module's docstring)."""
    named = mention.name and not is_pronoun(mention.name)
    words = (mention.name if named else mention.text).strip()
    if not words or is_pronoun(words):
        return names.of(mention.code)
    if names.bare_role(words):
        bare = words.removeprefix("the ").removeprefix("The ")
        country = names.country(mention.code)
        if bare.lower() in COUNTRY_NOUNS:
            return country or bare
        return f"{bare} ({country})" if country else bare
    return words


def record_name(record: Mapping[str, Any], role: str) -> str:
    """The name an event record shows for its `role` ("source" or "target"): its
    `source_name`/`target_name`, or for a record coded before events had names, its words
    unless they are a pronoun."""
    name = str(record.get(f"{role}_name") or "")
    text = str(record.get(f"{role}_text") or "")
    return name or ("" if is_pronoun(text) else text)
