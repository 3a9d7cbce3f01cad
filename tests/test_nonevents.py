"""Acts a sentence names without reporting them as news (issue 15): capabilities, predictions,
suppositions, what ought to be done, hypothetical "would", acts of no particular occasion, and
history told as background.

Sentences in the tests' own words, coded with the built-in dictionaries.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tocsin.coding.coder import Coder
from tocsin.coding.dates import is_history, period_end, resolve_event_date
from tocsin.records import Event


def code(coder: Coder, text: str, date: str = "2021-06-04") -> list[Event]:
    return coder.code_text(text, date=date)


def roots(events: list[Event]) -> set[str]:
    return {e.root_code for e in events}


def assert_only_the_first_codes(coder: Coder, root: str, reported: str, not_reported: str) -> None:
    """The act of `root` is coded in the sentence that reports it, not in the one that does not."""
    assert root in roots(code(coder, reported))
    assert root not in roots(code(coder, not_reported))


@pytest.mark.parametrize(
    ("root", "stated", "not_stated"),
    [
        # a capability is no act
        ("19", "Ethiopian jets bombed the rebels.", "Ethiopian jets can bomb the rebels at will."),
        # a prediction governed by an adjective of likelihood
        (
            "05",
            "Kenya sided with Uganda in the dispute.",
            "It is likely that Kenya will side with Uganda in the dispute.",
        ),
        # a supposition
        (
            "19",
            "Witnesses said the rebels attacked the Malian convoy.",
            "The minister assumed the rebels attacked the Malian convoy.",
        ),
        # "too ADJ to" denies its infinitive
        (
            "19",
            "Officials said Malian troops attacked the militia.",
            "It is far too early to say that Malian troops attacked the militia.",
        ),
    ],
)
def test_a_possible_predicted_or_supposed_act_is_no_event(
    coder: Coder, root: str, stated: str, not_stated: str
) -> None:
    assert_only_the_first_codes(coder, root, stated, not_stated)


def test_what_a_clause_above_says_ought_to_be_done_has_not_been_done(coder: Coder) -> None:
    text = "Ghana should press Togo to ensure that its police release the detained students."
    assert "084" not in {e.code[:3] for e in code(coder, text)}
    (release,) = [e for e in code(coder, "Togolese police released the students.")]
    assert release.code.startswith("084")


def test_a_would_no_speaker_reports_is_hypothetical(coder: Coder) -> None:
    # in the clause of a copula or a relative clause: an option, not an act
    option = "One option is that Nigeria would ask Chad to withdraw its troops."
    assert code(coder, option) == []
    # reported by a speaker: the speaker's intent
    (intent,) = code(coder, "Nigeria said it would ask Chad to withdraw its troops.")
    assert (intent.source, intent.root_code) == ("NGA", "02")


def test_an_act_of_no_particular_occasion_is_no_event(coder: Coder) -> None:
    text = "Senegalese MPs want a vote before the government launches any military operation."
    assert "19" not in roots(code(coder, text))
    (operation,) = code(coder, "The Senegalese army launched a military operation in Mali.")
    assert operation.root_code == "19"


def test_an_impending_act_is_no_event(coder: Coder) -> None:
    text = "Villagers fled amid reports of an impending Sudanese army offensive."
    assert "19" not in roots(code(coder, text))


def test_history_told_as_background_is_not_the_storys_news(coder: Coder) -> None:
    story_day = "2021-06-04"
    assert code(coder, "In 1994 Rwandan troops attacked Zaire.", story_day) == []
    assert code(coder, "In March 2015 Rwandan troops attacked Zaire.", story_day) == []
    # the event noun of a support verb is dated with it
    assert code(coder, "In 1990 Iraq launched an invasion of Kuwait.", story_day) == []
    # a "when" clause dates the clause it hangs on
    assert code(coder, "When the ceasefire collapsed in 2012, Malian troops attacked Kidal.") == []
    # last year is recent news, and a story without a date keeps every event
    (recent,) = code(coder, "Last year Rwandan troops attacked Zaire.", story_day)
    assert recent.root_code == "19"
    (undated,) = coder.code_text("In 1994 Rwandan troops attacked Zaire.")
    assert undated.date is not None and undated.date.year == 1994


def test_the_end_of_a_dated_period_decides_what_is_history(coder: Coder) -> None:
    story = dt.date(2021, 6, 4)
    assert period_end(dt.date(2020, 1, 1), "year") == dt.date(2020, 12, 31)
    assert period_end(dt.date(2020, 2, 1), "month") == dt.date(2020, 2, 29)
    sentence = coder.parser.parse_text("In 2019 Rwanda attacked Zaire.", "s")[0]
    verb = next(t.i for t in sentence.tokens if t.text == "attacked")
    assert is_history(resolve_event_date(sentence, verb, story), story)
    sentence = coder.parser.parse_text("In 2020 Rwanda attacked Zaire.", "s")[0]
    assert not is_history(resolve_event_date(sentence, verb, story), story)


@pytest.mark.parametrize(
    ("root", "literal", "figurative"),
    [
        (
            "02",
            "Ghana pressed Togo to release the students.",
            "Ghana pressed the issue.",
        ),
        (
            "04",
            "Kenya's president received the Ugandan president in Nairobi.",
            "Kenya's president received fresh information about the raid.",
        ),
        ("13", "Turkey threatened Greece.", "Turkey threatens Greek interests in the Aegean."),
        (
            "04",
            "Kenya's president received the Ugandan president in Nairobi.",
            "Kenya's government said it had received a request from Uganda to hand them over.",
        ),
    ],
)
def test_a_verb_on_an_object_that_names_no_one_is_not_its_act(
    coder: Coder, root: str, literal: str, figurative: str
) -> None:
    assert_only_the_first_codes(coder, root, literal, figurative)


def test_an_act_prevented_feared_or_not_to_be_watched_did_not_happen(coder: Coder) -> None:
    assert "19" not in roots(code(coder, "Malian troops prevented the rebels from attacking Gao."))
    assert "19" not in roots(code(coder, "Fears that Ethiopian troops will attack Mekele grew."))
    for verb in ("will not", "can't"):
        text = f"Kenya said it {verb} stand by and watch an Ethiopian attack on Somalia."
        assert "19" not in roots(code(coder, text))
    done = code(coder, "Kenya watched an Ethiopian attack on Somalia.")
    assert ("ETH", "SOM", "19") in {(e.source, e.target, e.root_code) for e in done}


def test_much_too_soon_to_say_denies_what_is_said(coder: Coder) -> None:
    text = "It is much too soon to say that Malian troops attacked the militia."
    assert "19" not in roots(code(coder, text))


def test_a_war_is_no_doer(coder: Coder) -> None:
    assert code(coder, "The war has displaced half the population of Yemen.") == []
    (driven,) = code(coder, "Houthi rebels displaced half the population of Yemen.")
    assert driven.root_code == "20"


def test_what_an_actor_once_did_is_background(coder: Coder) -> None:
    assert "05" not in roots(code(coder, "Turkey once backed the Nusra Front."))
    assert "05" in roots(code(coder, "Turkey backed the Nusra Front."))


def test_an_embedded_question_or_a_concern_states_no_act(coder: Coder) -> None:
    text = (
        "Officials gave conflicting remarks over whether Chad has withdrawn its troops from Mali."
    )
    assert "08" not in roots(code(coder, text))
    assert "08" in roots(code(coder, "Chad has withdrawn its troops from Mali."))
    text = "There are concerns that Ethiopian troops will attack the town."
    assert not {"13", "19"} & roots(code(coder, text))


def test_a_clause_of_time_is_dated_where_the_clause_it_times_is(coder: Coder) -> None:
    text = "Kenyan troops entered Somalia in 2011 after Somali gunmen attacked a Kenyan town."
    sentence = coder.parser.parse_text(text, "s")[0]
    verb = next(t.i for t in sentence.tokens if t.text == "attacked")
    assert resolve_event_date(sentence, verb, dt.date(2021, 6, 4)).date == dt.date(2011, 1, 1)
    assert code(coder, text) == []  # history, both acts


def test_welcoming_a_decision_endorses_it_and_hosts_no_one(coder: Coder) -> None:
    events = code(coder, "Ankara and Moscow welcomed the withdrawal of the American troops.")
    assert "04" not in roots(events)
    assert "043" in {e.code for e in code(coder, "The president welcomed the Chinese delegation.")}


def test_a_rate_of_acts_is_no_event(coder: Coder) -> None:
    assert "18" in roots(code(coder, "Militias abducted five farmers in the province."))
    assert "18" not in roots(code(coder, "Militias abduct five farmers a day in the province."))
    assert "17" in roots(code(coder, "Soldiers arrested dissidents on Monday."))
    assert "17" not in roots(code(coder, "Soldiers arrested dissidents on a daily basis."))
    # a span of time is no rate
    text = "The Kenyan minister resigned on Sunday, less than a week into his new term."
    assert "08" in roots(code(coder, text))


def test_an_act_judged_by_an_extraposed_it_is_not_reported(coder: Coder) -> None:
    assert_only_the_first_codes(
        coder,
        "16",
        "Kenya says it expelled the Somali diplomats.",
        "Kenya says it would be a mistake to expel the Somali diplomats.",
    )


def test_a_guess_is_no_report(coder: Coder) -> None:
    reported = "Malian troops shelled the town."
    assert_only_the_first_codes(coder, "19", reported, "Malian troops probably shelled the town.")


def test_the_writer_is_no_actor(coder: Coder) -> None:
    assert_only_the_first_codes(
        coder,
        "12",
        "Their request to meet the minister was rejected by the Kenyan government.",
        "My request to meet the minister was rejected by the Kenyan government.",
    )


def test_a_life_told_is_background(coder: Coder) -> None:
    assert_only_the_first_codes(
        coder,
        "04",
        "The Kenyan army was a peacekeeper, arriving in Somalia in a hurry.",
        "The Kenyan army was once a peacekeeper, arriving in Somalia in a hurry.",
    )
    assert_only_the_first_codes(
        coder,
        "02",
        "The Ugandan minister fled to Kenya.",
        "The Ugandan minister fled to Kenya at the age of ten.",
    )


def test_an_event_is_dated_by_its_happening_verb_its_year_or_its_purpose(coder: Coder) -> None:
    story_day = "2021-06-04"
    assert code(coder, "The Ethiopian civil war began in 1998.", story_day) == []
    assert code(coder, "Critics revisited the 1998 Ethiopian invasion.", story_day) == []
    text = "Russia intervened in Chad in 2015 to prop up the Chadian government."
    assert "07" not in roots(code(coder, text, story_day))
    text = "Russia intervened in Chad last month to prop up the Chadian government."
    assert "07" in roots(code(coder, text, story_day))


def test_a_verbs_word_used_as_an_adjective_names_a_state(coder: Coder) -> None:
    assert "08" not in roots(code(coder, "Ugandan women who are free were arrested."))
    assert "06" not in roots(code(coder, "The Kenyan system is very informed."))
    # a participle still names the stance
    events = code(coder, "The Kenyan president is opposed to the Ugandan decision.")
    assert "11" in roots(events)


def test_a_question_is_no_appeal(coder: Coder) -> None:
    assert_only_the_first_codes(
        coder,
        "02",
        "The Kenyan president asked Uganda to withdraw its troops.",
        "The Kenyan president asked Uganda why its troops had stayed.",
    )
    text = "“Why are we fighting for Uganda?,” the Kenyan president asked on Twitter."
    assert "02" not in roots(code(coder, text))


def test_an_act_on_no_object_is_no_act(coder: Coder) -> None:
    assert_only_the_first_codes(
        coder, "07", "Kenya gave assistance to Uganda.", "Kenya gave no assistance to Uganda."
    )


def test_an_act_at_an_earlier_time_is_background(coder: Coder) -> None:
    assert "13" in roots(code(coder, "Russia threatened Ukraine in the past week."))
    assert "13" not in roots(code(coder, "Russia threatened Ukraine in the past."))
    assert "13" not in roots(code(coder, "At the time, Russia threatened Ukraine."))


def test_a_hope_to_act_is_an_aim_not_a_comment(coder: Coder) -> None:
    assert_only_the_first_codes(
        coder,
        "01",
        "Kenya hoped for a deal with Uganda.",
        "Hoping to sign a deal, the Kenyan president visited Uganda.",
    )
