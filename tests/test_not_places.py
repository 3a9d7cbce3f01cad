"""Names that look like places but are not, and the names events show for their actors.

The stories are written for these tests in the manner of wire copy: people whose names are
towns somewhere ("Thabo Mbeki", "May", "Bolton"), institutions and titles a gazetteer knows as
villages ("the Court", "Congress", "the Secretary of State"), parts of longer names ("Downing
Street", "the White Helmets"), regions ("the Middle East") and organisations ("the EU", "Nato").
Each test also shows the same mechanism keeping a real place, so that it cannot pass by finding
no place at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tocsin.coding.coder import Coder
from tocsin.coding.geolocate import StoryPlaces
from tocsin.coding.naming import CodeNames, actor_name, is_pronoun
from tocsin.knowledge.dictionaries import check_files
from tocsin.knowledge.gazetteer_build import without_article
from tocsin.records import ActorMention, Story
from tocsin.store import open_store


def places_of(coder: Coder, text: str) -> dict[str, tuple[str, str] | None]:
    """Every place name the coder finds in a story: name -> (place, ISO3), or None when the
    name stays unresolved."""
    found: dict[str, tuple[str, str] | None] = {}
    assert coder.gazetteer is not None
    for _story, sentences in coder.parser.parse([Story("t", text)]):
        actors = [coder.actors.find_mentions(s, None) for s in sentences]
        not_places = coder.dictionaries.tables.not_places
        places = StoryPlaces(coder.gazetteer, sentences, actors, not_places)
        for mentions in places.by_sentence.values():
            for m in mentions:
                found[m.text] = (m.place.name, m.place.country) if m.place else None
    return found


@pytest.mark.parametrize(
    ("text", "not_places", "places"),
    [
        # people whose names the gazetteer knows as towns
        (
            "South Africa's former president Thabo Mbeki met rebel leaders in Juba on Tuesday.",
            {"Thabo Mbeki"},
            {"Juba": "SSD"},
        ),
        (
            "Theresa May met Recep Tayyip Erdoğan in Ankara on Monday. In his talks with May, "
            "Erdoğan pressed Britain to extradite exiles.",
            {"May", "Theresa"},
            {"Ankara": "TUR"},
        ),
        (
            "John Bolton, the US national security adviser, flew to Ankara. Erdoğan refused to "
            "meet Bolton and left for Kabul.",
            {"Bolton"},
            {"Ankara": "TUR", "Kabul": "AFG"},
        ),
        # institutions, titles and parts of longer names
        (
            "The Court rejected the appeal, and Congress voted to extend sanctions on Syria.",
            {"Court", "Congress"},
            {"Syria": "SYR"},
        ),
        (
            "Protesters marched to Downing Street, where the Foreign Secretary met volunteers "
            "of the White Helmets who had fled Idlib province.",
            {"Street", "Secretary", "White"},
            {"Idlib": "SYR"},
        ),
        # regions that are no point of a map, organisations' acronyms
        (
            "The EU and Nato warned that the war in the Middle East could spread to Lebanon.",
            {"EU", "Nato", "Middle East"},
            {"Lebanon": "LBN"},
        ),
    ],
)
def test_people_institutions_and_regions_are_not_places(
    coder: Coder, text: str, not_places: set[str], places: dict[str, str]
) -> None:
    found = places_of(coder, text)
    assert not not_places & set(found), found
    for name, country in places.items():
        assert found.get(name) is not None and found[name][1] == country, (name, found)  # type: ignore[index]


def test_a_surname_is_a_place_when_no_one_in_the_story_bears_it(coder: Coder) -> None:
    found = places_of(coder, "Police arrested three men in Bolton on Saturday.")
    assert found.get("Bolton") == ("Bolton", "GBR")


def test_a_qualifier_that_rules_out_every_candidate_leaves_the_name_unplaced(
    coder: Coder,
) -> None:
    """The gazetteer knows only an Omar in the United States; "in north-eastern Syria" rules
    it out. Without the qualifier the name keeps its candidates."""
    found = places_of(coder, "Fighters shelled the town of Omar in north-eastern Syria.")
    assert found["Omar"] is None and found["Syria"] == ("Syria", "SYR")


def test_famous_cities_are_not_their_american_namesakes(coder: Coder) -> None:
    """A story that names the United States among other countries does not move Geneva or
    Brussels to small American towns of the same name; the capital is not the state."""
    text = (
        "US and Russian diplomats met in Geneva on Syria. Washington and Moscow disagreed, and "
        "Turkey and Iran sent envoys. European ministers later gathered in Brussels."
    )
    found = places_of(coder, text)
    assert found["Geneva"] == ("Geneva", "CHE")
    assert found["Brussels"] == ("Brussels", "BEL")
    washington = places_of(coder, "Protesters marched in Washington on Sunday.")["Washington"]
    assert washington is not None and washington[1] == "USA"
    state = places_of(coder, "Fires spread across Washington state.")["Washington"]
    assert state == ("Washington", "USA")
    assert coder.gazetteer is not None
    capital = coder.gazetteer.lookup("Washington")
    assert any(c.place.precision == "admin1" for c in capital)  # both readings exist


def test_names_of_several_words_and_arabic_articles(coder: Coder) -> None:
    text = "Families from Trinidad and Tobago have been held in al-Hawl since March."
    found = places_of(coder, text)
    assert found["Trinidad and Tobago"] == ("Trinidad and Tobago", "TTO")
    assert found["al-Hawl"] is not None and found["al-Hawl"][1] == "SYR"
    assert without_article("Al Anbar") == "Anbar" and without_article("An Najaf") == "Najaf"
    assert without_article("An Giang") is None and without_article("Alabama") is None


# ---------------------------------------------------------------- the names events show


def test_a_pronoun_shows_the_name_it_stands_for(coder: Coder) -> None:
    text = (
        "Kenyan President William Ruto arrived in Mombasa on Monday. "
        "He accused Somalia of violating the border."
    )
    events = coder.code_text(text, date="2024-03-04")
    accused = [e for e in events if e.source_text == "He"]
    assert accused, [(e.source_text, e.code) for e in events]
    assert {(e.source, e.source_name) for e in accused} == {("KENGOV", "William Ruto")}
    for e in events:
        assert not is_pronoun(e.source_name) and not is_pronoun(e.target_name)


def test_a_role_noun_shows_its_country_and_a_name_stays_itself(coder: Coder) -> None:
    text = "Kenyan police fired tear gas in Nairobi. Police arrested dozens of protesters."
    events = coder.code_text(text, date="2024-03-04")
    names = {(e.source_text, e.source_name) for e in events}
    assert ("Kenyan police", "Kenyan police") in names
    assert ("Police", "Police (Kenya)") in names


def test_a_pronoun_with_no_name_shows_its_code_name(coder: Coder) -> None:
    names = CodeNames.from_dictionaries(coder.dictionaries)
    they = ActorMention(0, 1, 0, "KENCOP", "They", "context", ())
    assert actor_name(they, names) == "Kenya police"
    # "they" standing for "the insurgents" of a Yemeni story: the role noun with its country
    insurgents = ActorMention(0, 1, 0, "YEMINS", "they", "context", (), name="the insurgents")
    assert actor_name(insurgents, names) == "insurgents (Yemen)"
    assert names.of("IGOUNO") != "IGOUNO"
    assert actor_name(ActorMention(0, 1, 0, "USA", "US", "country", ()), names) == "US"
    assert is_pronoun("they") and not is_pronoun("WHO") and not is_pronoun("US")


def test_the_store_keeps_names_not_pronouns(coder: Coder, tmp_path: Path) -> None:
    """The dashboard's actor list reads the names the store keeps for each code."""
    text = (
        "Kenyan President William Ruto arrived in Mombasa on Monday. "
        "He accused Somalia of violating the border. They rejected the charge."
    )
    story = Story("ruto", text, dt.date(2024, 3, 4))
    events = list(coder.code([story]))
    assert {e.source_text for e in events} >= {"He"}  # the words stay the sentence's own
    with open_store(tmp_path / "events.sqlite") as store:
        store.add_story(story, events)
        names = {a.code: a.names for a in store.actors()}
    assert "William Ruto" in names["KENGOV"]
    assert not [n for found in names.values() for n in found if is_pronoun(n)], names


def test_a_users_file_adds_names_that_are_not_places(coder: Coder, tmp_path: Path) -> None:
    """`not_place note` files are checked by `tocsin dict check` and extend the built-in list."""
    mine = tmp_path / "not_places.tsv"
    mine.write_text("not_place\tnote\nKidal\tmy project's own rule\n\tno name\n", "utf-8")
    (problem,) = check_files([mine])
    assert problem.line == 3 and "no name" in problem.message
    mine.write_text("not_place\tnote\nKidal\tmy project's own rule\n", "utf-8")
    text = "Gunmen attacked soldiers near Kidal."
    assert places_of(coder, text)["Kidal"] == ("Kidal", "MLI")
    mine_coder = Coder(parser=coder.parser, ontology=coder.ontology, extra_dictionaries=[mine])
    assert "Kidal" not in places_of(mine_coder, text)


def test_a_province_the_gazetteer_lacks_is_no_town_that_only_shares_its_name(
    coder: Coder,
) -> None:
    """ "Anbar province" is Iraq's province (regions.tsv), not Ambar in Turkey, which only has
    the name as an alternate; "Kirkuk province" may stand for its seat, Kirkuk. "the Old City of
    Raqqa" is Raqqa, not the Old City of Jerusalem."""
    text = (
        "Tribal fighters in Anbar province refused to disarm. Militants attacked Kirkuk province. "
        "Kurdish fighters took the Old City of Raqqa."
    )
    found = places_of(coder, text)
    assert found["Anbar"] is not None and found["Anbar"][1] == "IRQ"
    assert found["Kirkuk"] == ("Kirkuk", "IRQ")
    assert "Old City" not in found and found["Raqqa"] is not None and found["Raqqa"][1] == "SYR"
