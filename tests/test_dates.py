"""Event dates: each kind of expression, resolved against the story date, attached to its verb."""

from __future__ import annotations

import datetime as dt

import pytest

from tocsin.coding.dates import DateResolution, find_date_expressions, resolve_event_date
from tocsin.coding.nlp import Parser
from tocsin.records import Sentence

# A Friday. Every relative expression below is counted back (or on) from it.
STORY_DAY = dt.date(2024, 3, 15)


def one_sentence(parser: Parser, text: str) -> Sentence:
    sentences = parser.parse_text(text)
    assert len(sentences) == 1, [s.text for s in sentences]
    return sentences[0]


def verb_index(sentence: Sentence, word: str) -> int:
    return next(t.i for t in sentence.tokens if t.text == word)


def date_of(parser: Parser, text: str, verb: str, story: dt.date | None = STORY_DAY):
    sentence = one_sentence(parser, text)
    return resolve_event_date(sentence, verb_index(sentence, verb), story)


@pytest.mark.parametrize(
    ("text", "verb", "words", "expected", "precision"),
    [
        # weekday names: the latest such day on or before a Friday story
        (
            "Militants ambushed a patrol late Thursday.",
            "ambushed",
            "late Thursday",
            dt.date(2024, 3, 14),
            "day",
        ),
        (
            "Soldiers stormed the building on Friday.",
            "stormed",
            "Friday",
            dt.date(2024, 3, 15),
            "day",
        ),
        (
            "Rebels shelled the airport on Sunday night.",
            "shelled",
            "Sunday night",
            dt.date(2024, 3, 10),
            "day",
        ),
        (
            "Police detained the editor last Friday.",
            "detained",
            "last Friday",
            dt.date(2024, 3, 8),
            "day",
        ),
        # a month and day without a year: the story's year
        (
            "The junta expelled the ambassador on May 24.",
            "expelled",
            "May 24",
            dt.date(2023, 5, 24),
            "day",
        ),
        (
            "The junta expelled the ambassador on March 2.",
            "expelled",
            "March 2",
            dt.date(2024, 3, 2),
            "day",
        ),
        ("Officials met on 4 March.", "met", "4 March", dt.date(2024, 3, 4), "day"),
        # a full date stays as written, even after the story date
        (
            "Protesters blocked the road on Feb. 27, 2022.",
            "blocked",
            "Feb. 27, 2022",
            dt.date(2022, 2, 27),
            "day",
        ),
        (
            "The parties signed the accord on Feb. 27, 2025.",
            "signed",
            "Feb. 27, 2025",
            dt.date(2025, 2, 27),
            "day",
        ),
        (
            "The army shelled the city on 2023-12-18.",
            "shelled",
            "2023-12-18",
            dt.date(2023, 12, 18),
            "day",
        ),
        # days counted from the story
        (
            "Gunmen kidnapped two engineers yesterday.",
            "kidnapped",
            "yesterday",
            dt.date(2024, 3, 14),
            "day",
        ),
        (
            "Police arrested the activists three days ago.",
            "arrested",
            "three days ago",
            dt.date(2024, 3, 12),
            "day",
        ),
        (
            "Troops shelled the village on the 24th.",
            "shelled",
            "the 24th",
            dt.date(2024, 2, 24),
            "day",
        ),
        (
            "Troops shelled the village on the 11th.",
            "shelled",
            "the 11th",
            dt.date(2024, 3, 11),
            "day",
        ),
        # weeks, months and years
        (
            "The president met rebel leaders last week.",
            "met",
            "last week",
            dt.date(2024, 3, 4),
            "week",
        ),
        (
            "Police fired tear gas earlier this month.",
            "fired",
            "earlier this month",
            dt.date(2024, 3, 1),
            "month",
        ),
        ("The army withdrew in May.", "withdrew", "May", dt.date(2023, 5, 1), "month"),
        (
            "Rebels seized the town in March 2021.",
            "seized",
            "March 2021",
            dt.date(2021, 3, 1),
            "month",
        ),
        ("Rebels seized the town last year.", "seized", "last year", dt.date(2023, 1, 1), "year"),
        ("Rebels seized the town in 2013.", "seized", "2013", dt.date(2013, 1, 1), "year"),
        ("The 2019 coup toppled the president.", "toppled", "2019", dt.date(2019, 1, 1), "year"),
    ],
)
def test_each_kind_of_date_expression(parser, text, verb, words, expected, precision):
    found = date_of(parser, text, verb)
    assert (found.text, found.date, found.precision, found.source) == (
        words,
        expected,
        precision,
        "text",
    )


def test_a_date_in_a_relative_clause_belongs_to_that_clause(parser):
    text = "France, which suspended ties on May 2, attacked Mali on Friday."
    attack = date_of(parser, text, "attacked")
    suspension = date_of(parser, text, "suspended")
    assert (attack.text, attack.date) == ("Friday", dt.date(2024, 3, 15))
    assert (suspension.text, suspension.date) == ("May 2", dt.date(2023, 5, 2))


def test_each_of_two_joined_clauses_keeps_its_own_date(parser):
    text = "Protesters marched yesterday, and police fired tear gas earlier this month."
    assert date_of(parser, text, "marched").text == "yesterday"
    assert date_of(parser, text, "fired").text == "earlier this month"


def test_the_reported_event_prefers_its_own_date_to_the_reporting_date(parser):
    text = "Officials said on Tuesday that troops had shelled the village on the 24th."
    assert date_of(parser, text, "shelled").text == "the 24th"
    assert date_of(parser, text, "said").text == "Tuesday"


def test_a_reported_event_without_a_date_takes_the_reporting_clause_date(parser):
    found = date_of(parser, "Officials said on Tuesday that troops shelled the village.", "shelled")
    assert (found.text, found.date, found.source) == ("Tuesday", dt.date(2024, 3, 12), "text")


def test_a_date_in_the_reported_clause_is_not_the_reporting_date(parser):
    text = "Gunmen killed 12 soldiers on Feb. 27, 2022, officials said."
    assert date_of(parser, text, "killed").date == dt.date(2022, 2, 27)
    said = date_of(parser, text, "said")
    assert (said.source, said.date) == ("story", STORY_DAY)


def test_a_bound_is_not_the_event_date(parser):
    text = "Rebels seized the town in 2013 and held it until last year."
    assert date_of(parser, text, "seized").date == dt.date(2013, 1, 1)
    held = date_of(parser, text, "held")
    assert held.source == "story"


def test_without_a_date_the_story_date_stands_in_and_says_so(parser):
    found = date_of(parser, "Rebels attacked a convoy near Gao.", "attacked")
    assert found == DateResolution(STORY_DAY, "story", "", (), "day")


def test_an_announced_event_looks_forward(parser):
    found = date_of(parser, "The minister will visit Moscow on Monday.", "visit")
    assert found.date == dt.date(2024, 3, 18)


def test_a_month_and_day_just_ahead_of_the_story_stays_in_its_year(parser):
    # Reported on Dec. 30: "Jan. 2" is months away in that year, so it was last January...
    early = date_of(
        parser, "The court sentenced him on Jan. 2.", "sentenced", dt.date(2023, 12, 30)
    )
    assert early.date == dt.date(2023, 1, 2)
    # ...while a story of Jan. 3 about "Dec. 28" means the December just gone.
    late = date_of(parser, "The court sentenced him on Dec. 28.", "sentenced", dt.date(2024, 1, 3))
    assert late.date == dt.date(2023, 12, 28)


def test_relative_expressions_need_a_story_date_but_full_dates_do_not(parser):
    relative = date_of(parser, "Gunmen kidnapped two engineers yesterday.", "kidnapped", None)
    assert (relative.date, relative.source, relative.precision) == (None, "none", None)
    full = date_of(parser, "Protesters blocked the road on Feb. 27, 2022.", "blocked", None)
    assert (full.date, full.source) == (dt.date(2022, 2, 27), "text")


def test_may_the_verb_is_not_a_month(parser):
    sentence = one_sentence(parser, "The army may withdraw, officials said on Monday.")
    found = find_date_expressions(sentence, STORY_DAY)
    assert [e.text for e in found] == ["Monday"]


def test_tokens_point_at_the_date_words(parser):
    sentence = one_sentence(parser, "Protesters blocked the road on Feb. 27, 2022.")
    found = resolve_event_date(sentence, verb_index(sentence, "blocked"), STORY_DAY)
    assert sentence.span_text(found.tokens[0], found.tokens[-1] + 1) == "Feb. 27, 2022"


def test_an_undated_story_gives_undated_events_unless_the_sentence_dates_them(parser):
    """A date is never invented: no story date and no date in the sentence leave the event
    undated and say so; a year the sentence gives dates it with year precision."""
    undated = date_of(parser, "France suspended military cooperation with Mali.", "suspended", None)
    assert (undated.date, undated.source, undated.precision) == (None, "none", None)
    dated = date_of(parser, "In 2013 France attacked militants in Mali.", "attacked", None)
    assert (dated.date, dated.source, dated.precision) == (dt.date(2013, 1, 1), "text", "year")


@pytest.mark.parametrize(
    "text, verb",
    [
        ("Germany condemned Poland over the 2015 law.", "condemned"),
        ("Officials cited the 1933 treaty as Germany condemned Poland.", "condemned"),
    ],
)
def test_a_year_in_passing_does_not_date_the_event(parser, text, verb):
    found = date_of(parser, text, verb, None)
    assert (found.date, found.source) == (None, "none")
    with_story = date_of(parser, text, verb, STORY_DAY)
    assert (with_story.date, with_story.source) == (STORY_DAY, "story")
