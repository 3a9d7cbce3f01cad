# ruff: noqa: E501  (the hand-written stories are long lines)
"""Write the bundled demo sample: a few hundred short, dated political news stories written for
tocsin, and the events a careful CAMEO coder gives each of them.

    python tools/make_sample.py            # writes src/tocsin/data/sample/stories.jsonl
                                           # and tests/data/sample_expected.jsonl

The stories are fiction in the style of wire copy: real countries, cities and institutions,
invented incidents. They are built from scenes (a meeting, sanctions, a clash, a protest ...)
whose sentences name the actors and the place plainly, arranged in story lines over 2019-2024
so that every dashboard view has something to show: long dyad timelines, a relationship that
turns for the worse at the end (an alert), a network of many dyads and places on every continent.
The choice is seeded: running the script twice writes the same files.

`tests/data/sample_expected.jsonl` is in the golden format (`tocsin eval` reads it): each story
with the (source, target, code) events its sentences state and the ISO3 country of the place of
each story's first event; `tests/test_sample.py` checks the coder against it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "src/tocsin/data/sample/stories.jsonl"
EXPECTED = ROOT / "tests/data/sample_expected.jsonl"
SOURCES = ("tocsin demo wire", "tocsin demo daily", "tocsin demo radio")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]  # other cities where things happen


C = {
    c.code: c
    for c in (
        Country("AFG", "Afghanistan", "Afghan", "Kabul", ("Kandahar", "Herat")),
        Country("ARM", "Armenia", "Armenian", "Yerevan", ("Kapan",)),
        Country("AZE", "Azerbaijan", "Azerbaijani", "Baku", ("Tovuz",)),
        Country("BRA", "Brazil", "Brazilian", "Brasilia", ("Sao Paulo", "Manaus")),
        Country("BGD", "Bangladesh", "Bangladeshi", "Dhaka", ("Chittagong",)),
        Country("BFA", "Burkina Faso", "Burkinabe", "Ouagadougou", ("Djibo",)),
        Country("CHN", "China", "Chinese", "Beijing", ("Shanghai",)),
        Country("COL", "Colombia", "Colombian", "Bogota", ("Medellin", "Cali")),
        Country("COD", "the Democratic Republic of Congo", "Congolese", "Kinshasa", ("Goma",)),
        Country("DEU", "Germany", "German", "Berlin", ("Munich",)),
        Country("EGY", "Egypt", "Egyptian", "Cairo", ("Alexandria",)),
        Country("ETH", "Ethiopia", "Ethiopian", "Addis Ababa", ("Mekele", "Gondar")),
        Country("FRA", "France", "French", "Paris", ("Marseille",)),
        Country("GBR", "Britain", "British", "London", ("Manchester",)),
        Country("GHA", "Ghana", "Ghanaian", "Accra", ("Kumasi",)),
        Country("IDN", "Indonesia", "Indonesian", "Jakarta", ("Surabaya",)),
        Country("IND", "India", "Indian", "New Delhi", ("Jammu", "Srinagar")),
        Country("IRN", "Iran", "Iranian", "Tehran", ("Isfahan",)),
        Country("IRQ", "Iraq", "Iraqi", "Baghdad", ("Basra", "Mosul")),
        Country("JPN", "Japan", "Japanese", "Tokyo", ("Osaka",)),
        Country("KEN", "Kenya", "Kenyan", "Nairobi", ("Mombasa",)),
        Country("KOR", "South Korea", "South Korean", "Seoul", ("Paju",)),
        Country("MEX", "Mexico", "Mexican", "Mexico City", ("Guadalajara",)),
        Country("MLI", "Mali", "Malian", "Bamako", ("Gao", "Timbuktu")),
        Country("MMR", "Myanmar", "Myanmar", "Naypyidaw", ("Yangon", "Mandalay")),
        Country("NER", "Niger", "Nigerien", "Niamey", ("Agadez",)),
        Country("NGA", "Nigeria", "Nigerian", "Abuja", ("Lagos", "Maiduguri")),
        Country("PAK", "Pakistan", "Pakistani", "Islamabad", ("Sialkot", "Lahore")),
        Country("PER", "Peru", "Peruvian", "Lima", ("Cusco",)),
        Country("PHL", "the Philippines", "Philippine", "Manila", ("Davao",)),
        Country("POL", "Poland", "Polish", "Warsaw", ("Krakow",)),
        Country("PRK", "North Korea", "North Korean", "Pyongyang", ("Kaesong",)),
        Country("RUS", "Russia", "Russian", "Moscow", ("St Petersburg",)),
        Country("SAU", "Saudi Arabia", "Saudi", "Riyadh", ("Jeddah",)),
        Country("SDN", "Sudan", "Sudanese", "Khartoum", ("Port Sudan", "El Fasher")),
        Country("SOM", "Somalia", "Somali", "Mogadishu", ("Kismayo", "Baidoa")),
        Country("SRB", "Serbia", "Serbian", "Belgrade", ("Novi Sad",)),
        Country("THA", "Thailand", "Thai", "Bangkok", ("Chiang Mai",)),
        Country("TUR", "Turkey", "Turkish", "Ankara", ("Istanbul",)),
        Country("UKR", "Ukraine", "Ukrainian", "Kyiv", ("Kharkiv", "Bakhmut", "Kherson", "Sumy")),
        Country("USA", "the United States", "US", "Washington", ("New York",)),
        Country("VEN", "Venezuela", "Venezuelan", "Caracas", ("Maracaibo",)),
        Country("ZAF", "South Africa", "South African", "Pretoria", ("Johannesburg", "Durban")),
        Country("ZWE", "Zimbabwe", "Zimbabwean", "Harare", ("Bulawayo",)),
    )
}

Expected = tuple[str, str, str]  # source, target, CAMEO code


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- scenes ------------------------------------------------------------------------------------
# A scene is a lead sentence that names the event's place and up to two follow-up sentences,
# each with the events it states. In the events, A and B stand for the two countries' codes
# ("AGOV" is A's government), and "A>B 057" reads: A signs a formal agreement with B.
# {A}/{B} are the countries' names (capitalised), {a}/{b} as within a sentence, {Aj}/{Bj} their
# adjectives, {acap}/{bcap} their capitals, {acity} a city of A, {atown} one that is not its
# capital (a capital also names a government), {bcity} a city of B, {wd} a weekday, {n} a number.

Line = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Kind:
    lead: Line
    place: str  # the slot that names the lead event's place: acap, bcap, acity, bcity
    follow: tuple[Line, ...] = ()


KINDS: dict[str, Kind] = {
    "visit": Kind(
        ("The {Aj} {leader} visited {bcap} on {wd}.", ("AGOV>B 042",)),
        "bcap",
        (
            ("{A} and {b} agreed to boost trade.", ("A>B 0311", "B>A 0311")),
            ("{A} and {b} agreed to expand cooperation in mining.", ("A>B 031", "B>A 031")),
            ("It was the first such visit in {years} years.", ()),
            ("Both governments said the visit would strengthen ties.", ()),
        ),
    ),
    "deal": Kind(
        ("{A} and {b} signed {deal} agreement in {acap}.", ("A>B 057", "B>A 057")),
        "acap",
        (
            ("{B} welcomed the agreement.", ("B> 051",)),
            ("Trade between the two countries has doubled over the past decade.", ()),
        ),
    ),
    "talks": Kind(
        (
            "{A} and {b} held talks in {bcap} on {topic}.",
            ("A>B 046", "B>A 046"),
        ),
        "bcap",
        (
            ("{A} and {b} agreed to boost trade.", ("A>B 0311", "B>A 0311")),
            ("The talks lasted two days.", ()),
        ),
    ),
    "border_deal": Kind(
        ("{A} and {b} agreed to reopen their border at talks in {bcap}.", ("A>B 036", "B>A 036")),
        "bcap",
        (("The talks lasted two days.", ()),),
    ),
    "relations": Kind(
        (
            "{A} and {b} agreed to restore diplomatic relations at talks in {acap}.",
            ("A>B 032", "B>A 032"),
        ),
        "acap",
        (("It was the first such meeting in {years} years.", ()),),
    ),
    "aid": Kind(
        (
            "{A} pledged ${n} million in economic aid to {b} at a donors' meeting in {bcap}.",
            ("A>B 0331",),
        ),
        "bcap",
        (("The {Bj} government welcomed the pledge.", ("BGOV> 051",)),),
    ),
    "loan": Kind(
        ("{A} announced a ${n} million loan to {b} during a visit to {bcap}.", ("A>B 071",)),
        "bcap",
        (("{B} welcomed the agreement.", ("B> 051",)),),
    ),
    "summon": Kind(
        ("{A} summoned the {Bj} ambassador in {acap} on {wd}.", ("A>BGOV 114",)),
        "acap",
        (
            ("{A} accused {b} of {charge}.", ("A>B 112",)),
            ("{B} denied the accusation.", ("B> 016",)),
            ("{A} imposed new sanctions on {b}.", ("A>B 163",)),
        ),
    ),
    "accuse": Kind(
        ("{A} accused {b} of {charge} at a news conference in {acap}.", ("A>B 112",)),
        "acap",
        (
            ("{B} denied the accusation.", ("B> 016",)),
            ("{A} expelled the {Bj} ambassador.", ("A>BGOV 161",)),
        ),
    ),
    "warn": Kind(
        ("{A} accused {b} of {charge} at a news conference in {acap}.", ("A>B 112",)),
        "acap",
        (
            ("{B} denied the accusation.", ("B> 016",)),
            ("{A} threatened to attack {b}.", ("A>B 1384",)),
        ),
    ),
    "assault": Kind(
        ("{Aj} troops attacked {Bj} positions near {bcity}.", ("AMIL>B 190",)),
        "bcity",
        (
            ("{B} accused {a} of war crimes.", ("B>A 1124",)),
            ("Local officials said the shelling damaged several houses.", ()),
            ("No casualties were reported.", ()),
        ),
    ),
    "border_fire": Kind(
        (
            "{Aj} and {Bj} troops exchanged fire along the border near {bcity}.",
            ("AMIL>BMIL 193", "BMIL>AMIL 193"),
        ),
        "bcity",
        (
            ("{B} accused {a} of violating the ceasefire.", ("B>A 1123",)),
            ("{A} threatened to attack {b}.", ("A>B 1384",)),
            ("Both sides reported casualties.", ()),
        ),
    ),
    "arrests": Kind(
        ("{Aj} police arrested {crowd} protesters in {acity}.", ("ACOP>ACVL 173",)),
        "acity",
        (
            (
                "The {Aj} government accused the opposition of inciting violence.",
                ("AGOV>AOPP 112",),
            ),
            ("The protests were the largest since the election.", ()),
        ),
    ),
    "tear_gas": Kind(
        ("{Aj} police fired tear gas at protesters in {acity}.", ("ACOP>ACVL 175",)),
        "acity",
        (
            ("{A}'s opposition called for a general strike.", ("AOPP>AGOV 143",)),
            ("Witnesses said the police used batons to disperse the crowd.", ("ACOP>ACVL 175",)),
        ),
    ),
    "opposition_protest": Kind(
        (
            "Opposition supporters protested against the {Aj} government in {atown}.",
            ("AOPP>AGOV 141",),
        ),
        "atown",
        (("{Aj} police arrested {crowd} protesters in {atown}.", ("ACOP>ACVL 173",)),),
    ),
    "detentions": Kind(
        ("{Aj} security forces detained opposition activists in {acity}.", ("ACOP>AOPP 173",)),
        "acity",
        (("{A}'s opposition called for a general strike.", ("AOPP>AGOV 143",)),),
    ),
    "student_protest": Kind(
        ("{Aj} students protested against the government in {acity}.", ("AEDU>AGOV 141",)),
        "acity",
        (("The protests were the largest since the election.", ()),),
    ),
}
COOPERATION = ("visit", "deal", "talks", "border_deal", "relations", "aid", "loan")
CONFLICT = ("summon", "accuse")
FIGHTING = ("assault", "border_fire")
KOREAS = ("warn", "border_fire")  # no embassies: no ambassador to summon or expel
DOMESTIC = ("arrests", "tear_gas", "opposition_protest", "detentions", "student_protest")
WORDS = {
    "wd": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "deal": ("a trade", "a defence", "an energy", "a security", "an investment"),
    "leader": ("foreign minister", "president", "prime minister"),
    "years": ("three", "five", "six", "ten"),
    "topic": ("border security", "trade", "energy supplies", "migration", "counter-terrorism"),
    "charge": (
        "sponsoring terrorism",
        "sheltering rebels",
        "harbouring militants",
        "interfering in its internal affairs",
    ),
    "crowd": ("dozens of", "more than 100", "scores of", "hundreds of"),
    "n": ("20", "35", "50", "120", "200"),
}


@dataclass
class Scene:
    """A story's sentences, the events they state and the place of the first one."""

    sentences: list[str]
    events: list[Expected]
    place: str  # the lead event's place, as named in the text
    country: str  # ISO3 of that place
    record: dict[str, str] | None = None  # a hand-written story as it stands


def _code(slot: str, a: Country, b: Country) -> str:
    if not slot:
        return ""
    return (a if slot[0] == "A" else b).code + slot[1:]


def _events(specs: tuple[str, ...], a: Country, b: Country) -> list[Expected]:
    events = []
    for spec in specs:
        dyad, code = spec.split()
        source, target = dyad.split(">")
        events.append((_code(source, a, b), _code(target, a, b), code))
    return events


def make_scene(kind: str, a: Country, b: Country, rng: random.Random) -> Scene:
    """One story of a kind between a and b, its words drawn by rng."""
    spec = KINDS[kind]
    slots = {name: rng.choice(choices) for name, choices in WORDS.items()}
    slots.update(
        A=_cap(a.name),
        a=a.name,
        Aj=a.adjective,
        B=_cap(b.name),
        b=b.name,
        Bj=b.adjective,
        acap=a.capital,
        bcap=b.capital,
        acity=rng.choice((a.capital, *a.cities)),
        atown=rng.choice(a.cities or (a.capital,)),
        bcity=rng.choice(b.cities or (b.capital,)),
    )
    lines = [spec.lead]
    follow = list(spec.follow)
    rng.shuffle(follow)
    lines += follow[: rng.randint(min(1, len(follow)), len(follow))]
    sentences = [_cap(text.format(**slots)) for text, _ in lines]
    events = [e for _, specs in lines for e in _events(specs, a, b)]
    place_country = (a if spec.place.startswith("a") else b).code
    return Scene(sentences, events, slots[spec.place], place_country)


@dataclass(frozen=True)
class StoryLine:
    """A dyad's stories over a period, drawn from scene kinds with weights."""

    a: str
    b: str
    start: dt.date
    end: dt.date
    count: int
    kinds: tuple[tuple[tuple[str, ...], int], ...]  # groups of scene kinds, with weights


LINES = (
    # long timelines
    StoryLine(
        "RUS", "UKR", dt.date(2021, 3, 1), dt.date(2024, 11, 30), 40, ((CONFLICT, 3), (FIGHTING, 5))
    ),
    StoryLine("UKR", "RUS", dt.date(2021, 3, 1), dt.date(2024, 11, 30), 14, ((CONFLICT, 1),)),
    StoryLine(
        "USA",
        "CHN",
        dt.date(2019, 2, 1),
        dt.date(2024, 10, 30),
        18,
        ((CONFLICT, 2), (COOPERATION, 1)),
    ),
    StoryLine(
        "FRA",
        "MLI",
        dt.date(2019, 5, 1),
        dt.date(2022, 8, 15),
        14,
        ((COOPERATION, 2), (CONFLICT, 1)),
    ),
    StoryLine("KOR", "PRK", dt.date(2019, 1, 10), dt.date(2024, 9, 30), 10, ((KOREAS, 1),)),
    StoryLine("PRK", "KOR", dt.date(2019, 1, 10), dt.date(2024, 9, 30), 10, ((KOREAS, 1),)),
    StoryLine(
        "ARM", "AZE", dt.date(2020, 6, 1), dt.date(2023, 10, 30), 10, ((CONFLICT, 2), (FIGHTING, 1))
    ),
    StoryLine(
        "AZE", "ARM", dt.date(2020, 6, 1), dt.date(2023, 10, 30), 10, ((CONFLICT, 2), (FIGHTING, 1))
    ),
    StoryLine("IND", "PAK", dt.date(2019, 2, 1), dt.date(2024, 6, 30), 12, ((CONFLICT, 1),)),
    StoryLine("PAK", "IND", dt.date(2019, 2, 1), dt.date(2024, 6, 30), 8, ((CONFLICT, 1),)),
    StoryLine("CHN", "PHL", dt.date(2021, 1, 1), dt.date(2024, 10, 30), 8, ((CONFLICT, 1),)),
    StoryLine(
        "SAU",
        "IRN",
        dt.date(2019, 3, 1),
        dt.date(2024, 6, 30),
        8,
        ((CONFLICT, 1), (COOPERATION, 1)),
    ),
    StoryLine("TUR", "SRB", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 6, ((COOPERATION, 1),)),
    StoryLine("JPN", "IDN", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 6, ((COOPERATION, 1),)),
    StoryLine("DEU", "POL", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 6, ((COOPERATION, 1),)),
    StoryLine("CHN", "ZWE", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 6, ((COOPERATION, 1),)),
    StoryLine("BRA", "PER", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 5, ((COOPERATION, 1),)),
    StoryLine(
        "USA",
        "MEX",
        dt.date(2019, 3, 1),
        dt.date(2024, 6, 30),
        8,
        ((COOPERATION, 2), (CONFLICT, 1)),
    ),
    StoryLine(
        "COL",
        "VEN",
        dt.date(2019, 3, 1),
        dt.date(2024, 6, 30),
        8,
        ((COOPERATION, 1), (CONFLICT, 1)),
    ),
    StoryLine("GBR", "KEN", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 5, ((COOPERATION, 1),)),
    StoryLine("ZAF", "GHA", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 5, ((COOPERATION, 1),)),
    StoryLine("EGY", "SDN", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 6, ((COOPERATION, 1),)),
    StoryLine(
        "NGA",
        "NER",
        dt.date(2021, 3, 1),
        dt.date(2024, 6, 30),
        6,
        ((COOPERATION, 1), (CONFLICT, 1)),
    ),
    StoryLine("IRQ", "TUR", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 5, ((CONFLICT, 1),)),
    StoryLine("THA", "MMR", dt.date(2021, 3, 1), dt.date(2024, 6, 30), 5, ((COOPERATION, 1),)),
    StoryLine("BGD", "IND", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 5, ((COOPERATION, 1),)),
    StoryLine("AFG", "PAK", dt.date(2021, 9, 1), dt.date(2024, 6, 30), 5, ((CONFLICT, 1),)),
    StoryLine("COD", "KEN", dt.date(2019, 3, 1), dt.date(2024, 6, 30), 4, ((COOPERATION, 1),)),
    StoryLine("BFA", "MLI", dt.date(2021, 3, 1), dt.date(2024, 6, 30), 4, ((COOPERATION, 1),)),
    # a relationship that turns for the worse at the end of the sample: an alert
    StoryLine("ETH", "SOM", dt.date(2023, 11, 1), dt.date(2024, 10, 31), 14, ((COOPERATION, 1),)),
    StoryLine("ETH", "SOM", dt.date(2024, 11, 20), dt.date(2024, 12, 15), 5, ((CONFLICT, 1),)),
)
# The first five stories of the sample, written by hand, with their events and first place.
HAND_WRITTEN: tuple[tuple[dict[str, str], list[Expected], str, str], ...] = (
    (
        {
            "id": "demo-mali-1",
            "date": "2021-06-04",
            "source": "tocsin demo",
            "title": "France has called off joint military operations with the Malian army after a second coup in nine months",
            "text": "France has called off joint military operations with the Malian army after a second coup in nine months. ECOWAS and the African Union suspended Mali. President Emmanuel Macron called the coup unacceptable and threatened sanctions against the junta. Mali was suspended by the African Union on Tuesday.",
        },
        [
            ("FRA", "MLIMIL", "1622"),
            ("IGOWAFWAS", "MLI", "160"),
            ("IGOAFRAFU", "MLI", "160"),
            ("FRAGOV", "MLI", "111"),
            ("FRAGOV", "MLIMIL", "1312"),
            ("IGOAFRAFU", "MLI", "160"),
        ],
        "France",
        "FRA",
    ),
    (
        {
            "id": "demo-sahel-2",
            "date": "2022-02-17",
            "source": "tocsin demo",
            "title": "France and its European allies announced the withdrawal of their troops from Mali on Thursday",
            "text": "France and its European allies announced the withdrawal of their troops from Mali on Thursday. Malian soldiers clashed with jihadist fighters near the border with Niger. The United Nations urged Mali to hold elections. Russia sent military instructors to Bamako.",
        },
        [
            ("FRA", "MLI", "0874"),
            ("EUR", "MLI", "0874"),
            ("MLIMIL", "MLIINS", "190"),
            ("MLIINS", "MLIMIL", "190"),
            ("IGOUNO", "MLI", "0241"),
            ("RUS", "MLI", "072"),
        ],
        "Mali",
        "MLI",
    ),
    (
        {
            "id": "demo-ukraine-3",
            "date": "2022-03-01",
            "source": "tocsin demo",
            "title": "Russian troops attacked Ukrainian positions near Kharkiv overnight",
            "text": "Russian troops attacked Ukrainian positions near Kharkiv overnight. Ukraine accused Russia of war crimes. The European Union imposed new sanctions on Russia. German Chancellor Olaf Scholz met with Ukrainian President Volodymyr Zelensky in Kyiv. Turkey offered to mediate between Moscow and Kyiv.",
        },
        [
            ("RUSMIL", "UKR", "190"),
            ("UKR", "RUS", "1124"),
            ("IGOEUREEC", "RUS", "163"),
            ("DEUGOV", "UKRGOV", "040"),
            ("UKRGOV", "DEUGOV", "040"),
            ("TUR", "RUS", "039"),
            ("TUR", "UKR", "039"),
        ],
        "Kharkiv",
        "UKR",
    ),
    (
        {
            "id": "demo-horn-4",
            "date": "2023-05-06",
            "source": "tocsin demo",
            "title": "Sudan's army and the Rapid Support Forces agreed to talks in Jeddah",
            "text": "Sudan's army and the Rapid Support Forces agreed to talks in Jeddah. Saudi Arabia and the United States hosted the negotiations. Kenyan police arrested dozens of protesters in Nairobi. Ethiopia did not attack Eritrea, officials said.",
        },
        [
            ("SDNMIL", "SDNREBRSF", "036"),
            ("SDNREBRSF", "SDNMIL", "036"),
            ("SAU", "", "043"),
            ("USA", "", "043"),
            ("KENCOP", "KENCVL", "173"),
        ],
        "Jeddah",
        "SAU",
    ),
    (
        {
            "id": "demo-asia-5",
            "date": "2024-08-20",
            "source": "tocsin demo",
            "title": "China condemned the Philippines after a collision near a disputed shoal",
            "text": "China condemned the Philippines after a collision near a disputed shoal. Japan and South Korea signed a defence agreement. India praised Bangladesh for the release of detained fishermen. North Korea threatened to attack South Korea.",
        },
        [
            ("CHN", "PHL", "111"),
            ("JPN", "KOR", "057"),
            ("KOR", "JPN", "057"),
            ("IND", "BGD", "051"),
            ("PRK", "KOR", "1384"),
        ],
        "Philippines",
        "PHL",
    ),
)
# domestic unrest: protests and arrests
UNREST = ("KEN", "NGA", "PER", "COL", "SRB", "BGD", "PAK", "THA", "GHA", "VEN", "FRA", "IRN")


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def build(seed: int = 16) -> list[tuple[dict[str, object], Scene]]:
    """The stories and their scenes, in date order."""
    rng = random.Random(seed)
    drafts: list[tuple[dt.date, Scene]] = []
    texts: set[str] = set()

    def add(day: dt.date, kinds: tuple[str, ...], a: Country, b: Country) -> None:
        """A story of one of the kinds, drawn again until its text is new (a store takes the
        same text under another id for a copy)."""
        for _ in range(50):
            drawn = make_scene(rng.choice(kinds), a, b, rng)
            if " ".join(drawn.sentences) not in texts:
                texts.add(" ".join(drawn.sentences))
                drafts.append((day, drawn))
                return

    for line in LINES:
        for _ in range(line.count):
            group = rng.choices([g for g, _ in line.kinds], [w for _, w in line.kinds])[0]
            add(_date(rng, line.start, line.end), group, C[line.a], C[line.b])
    for code in UNREST:
        for _ in range(5):
            add(_date(rng, dt.date(2019, 1, 1), dt.date(2024, 11, 30)), DOMESTIC, C[code], C[code])
    for record, events, place, country in HAND_WRITTEN:
        sentences = [record["text"]]  # kept whole: its own id, title and source
        day = dt.date.fromisoformat(record["date"])
        drafts.append((day, Scene(sentences, list(events), place, country, dict(record))))
    drafts.sort(key=lambda d: d[0])
    stories = []
    number = 0
    for day, scene in drafts:
        if scene.record is not None:
            stories.append((dict(scene.record), scene))
            continue
        number += 1
        record: dict[str, object] = {
            "id": f"demo-{number:03d}",
            "date": day.isoformat(),
            "source": rng.choice(SOURCES),
            "title": scene.sentences[0].rstrip("."),
            "text": " ".join(scene.sentences),
        }
        stories.append((record, scene))
    return stories


def main() -> None:
    stories = build()
    STORIES.parent.mkdir(parents=True, exist_ok=True)
    EXPECTED.parent.mkdir(parents=True, exist_ok=True)
    with STORIES.open("w", encoding="utf-8") as out:
        for record, _ in stories:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with EXPECTED.open("w", encoding="utf-8") as out:
        for record, scene in stories:
            gold = {
                "id": record["id"],
                "text": record["text"],
                "date": record["date"],
                "events": [list(e) for e in scene.events],
                "place": scene.place,
                "place_country": scene.country,
            }
            out.write(json.dumps(gold, ensure_ascii=False) + "\n")
    print(f"{len(stories)} stories written to {STORIES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
