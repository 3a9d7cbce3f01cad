"""The words around place names: the prepositions, nouns and directions that say a name is a
place, and the entity types the tagger gives places. Shared by `places` (finding a name and the
event it belongs to) and `not_places` (names that are something else)."""

from __future__ import annotations

PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# Population from which a town's name is trusted against the tagger ("Kharkiv" as a PERSON) and
# names a facility beside it ("Kabul Airport").
BIG_TOWN = 100_000
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "into",
        "within",
        "along",
        "off",
        "towards",
        "toward",
        "through",
    }
)
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "region",
        "province",
        "district",
        "state",
        "capital",
        "area",
        "county",
        "governorate",
        "department",
        "port",
        "outskirts",
        "suburb",
        "border",
        "municipality",
    }
)
# Nouns of what happens or is agreed somewhere, which a capital before them places ("the *Vienna*
# talks", "the *Paris* attacks", "the *Minsk* agreement"): there the capital is a venue, not a doer.
VENUE_NOUNS = frozenset(
    {"talks", "summit", "conference", "meeting", "negotiations", "dialogue", "process", "format"}
    | {"agreement", "agreements", "accord", "accords", "deal", "declaration", "protocol"}
    | {"treaty", "convention", "memorandum", "communique", "framework", "initiative", "plan"}
    | {"attack", "attacks", "bombing", "bombings", "blast", "blasts", "massacre", "shooting"}
    | {"shootings", "riots", "protests", "siege", "trial", "trials", "ceasefire", "truce"}
    | {"round", "forum", "congress", "session", "consultations", "group", "club", "embassy"}
)
# Nouns that name a first-level subdivision after its name ("Kano state", "Idlib province").
REGION_NOUNS = frozenset(
    {"state", "province", "region", "governorate", "county", "oblast", "prefecture", "territory"}
)
# Nouns of a place's own longer name ("Mount Sinjar", "Idlib Province", "Lake Chad").
FEATURE_NOUNS = frozenset(
    {
        "oblast",
        "prefecture",
        "territory",
        "mount",
        "mountains",
        "lake",
        "river",
        "valley",
        "island",
        "islands",
        "plain",
        "plains",
        "desert",
        "bay",
        "coast",
        "countryside",
    }
)
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "greater",
    }
)
