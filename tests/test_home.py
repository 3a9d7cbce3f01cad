"""A story's home country: dateline first, then the country most of its actors and places share."""

from __future__ import annotations

from tocsin.coding.home import NO_HOME, story_home
from tocsin.coding.places import PlaceMention
from tocsin.knowledge.gazetteer import Place
from tocsin.records import ActorMention


def place(name: str, country: str, start: int = 5, dateline: bool = False) -> PlaceMention:
    where = Place(name, country, "", 0.0, 0.0, None, "city")
    return PlaceMention(start, start + 1, start, name, (), dateline=dateline, place=where)


def actor(code: str, kind: str = "country") -> ActorMention:
    return ActorMention(0, 1, 0, code, code, kind, ())


def test_a_dateline_makes_the_home_whatever_else_the_story_names() -> None:
    places = {
        0: [place("Johannesburg", "ZAF", start=0, dateline=True)],
        1: [place("Berlin", "DEU")],
    }
    home = story_home(places, {1: [actor("DEU"), actor("DEU")]})
    assert (home.country, home.how) == ("ZAF", "dateline")


def test_a_credit_line_at_the_end_is_not_a_dateline() -> None:
    places = {
        0: [place("Nairobi", "KEN"), place("Mombasa", "KEN", 9)],
        3: [place("Dakar", "SEN", start=6, dateline=True)],
    }
    assert story_home(places, {}).country == "KEN"


def test_a_foreign_country_in_passing_does_not_move_the_home() -> None:
    places = {0: [place("Rustenburg", "ZAF")], 2: [place("Pretoria", "ZAF")]}
    home = story_home(
        places, {0: [actor("ZAFGOV", "person")], 1: [actor("DEU")], 2: [actor("ZAF")]}
    )
    assert (home.country, home.how) == ("ZAF", "majority")


def test_no_home_when_two_countries_weigh_the_same() -> None:
    assert story_home({}, {0: [actor("USA"), actor("CHN")]}) == NO_HOME
    assert story_home({}, {}) == NO_HOME
    assert NO_HOME.prefix == "---"


def test_role_nouns_and_international_bodies_do_not_vote() -> None:
    home = story_home(
        {}, {0: [actor("COP", "agent"), actor("IGOUNO", "international"), actor("KEN")] * 2}
    )
    assert home.country == "KEN"


def test_one_place_name_alone_makes_no_home() -> None:
    assert story_home({0: [place("Morena", "IND")]}, {}) == NO_HOME


def test_a_place_that_is_also_an_actor_name_counts_once() -> None:
    kabul = ActorMention(5, 6, 5, "AFG", "Kabul", "country", ())
    assert story_home({0: [place("Kabul", "AFG")]}, {0: [kabul]}) == NO_HOME
