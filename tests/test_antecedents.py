"""Pronouns and definite descriptions resolve to the right earlier actor of the story: by
agreement (a person, a thing, a group), by role (subjects first, never the subject of their own
clause) and by distance; never to an actor inside a quotation or a list (issue 14)."""

from __future__ import annotations

import pytest

from tocsin.coding.coder import Coder


def coded(coder: Coder, text: str, date: str = "2017-06-01") -> set[tuple[int, str, str, str]]:
    events = coder.code_text(text, date=date)
    return {(e.sentence_index, e.source, e.target, e.code) for e in events}


def test_he_is_a_person_not_a_body_named_near_him(coder: Coder) -> None:
    story = "Rex Tillerson praised the US military in a speech. He then criticised Russia."
    assert (1, "USAGOV", "RUS", "111") in coded(coder, story)
    assert not any(s == "USAMIL" for i, s, _, _ in coded(coder, story) if i == 1)


def test_he_prefers_the_subject_of_the_previous_sentence(coder: Coder) -> None:
    story = (
        "Recep Tayyip Erdogan spoke to reporters about the Russian army on Monday. "
        "He condemned Greece."
    )
    events = coded(coder, story, "2019-03-01")
    assert (1, "TURGOV", "GRC", "111") in events
    assert not any(s.startswith("RUS") for i, s, _, _ in events if i == 1)


def test_a_person_no_dictionary_knows_takes_the_pronoun(coder: Coder) -> None:
    """ "He" is the envoy no dictionary names, not Putin two sentences back."""
    story = (
        "Vladimir Putin met a foreign envoy on Monday. Johan Verbeke arrived in Kenya later. "
        "He criticised Uganda."
    )
    assert not any(i == 2 for i, _, _, _ in coded(coder, story, "2019-03-01"))


def test_they_stands_for_unnamed_people_in_the_subject(coder: Coder) -> None:
    story = "Two men were detained by police in Ankara on Monday. They criticised Russia."
    assert not any(i == 1 for i, _, _, _ in coded(coder, story))


def test_the_country_is_not_the_subject_of_its_own_clause(coder: Coder) -> None:
    story = (
        "Turkey sent warships to disputed waters on Monday. "
        "Greece, France and Cyprus imposed sanctions on the country."
    )
    targets = {t for i, _, t, c in coded(coder, story) if i == 1 and c == "163"}
    assert targets == {"TUR"}


def test_the_owner_of_a_noun_of_speech_opens_its_clause(coder: Coder) -> None:
    text = "Russia welcomed a Turkish announcement that it would withdraw troops from Syria."
    events = coded(coder, text)
    assert (0, "TUR", "SYR", "0874") in events
    assert not any(s == "RUS" and t == "SYR" for _, s, t, _ in events)


def test_an_actor_inside_a_quotation_is_passed_over(coder: Coder) -> None:
    story = (
        "Turkey hosted talks in Ankara on Monday. "
        "\u201cRussia has betrayed us,\u201d a minister said. It then condemned Greece."
    )
    assert (2, "TUR", "GRC", "111") in coded(coder, story)


def test_a_pronoun_in_a_fronted_clause_takes_the_subject_that_follows(coder: Coder) -> None:
    events = coded(coder, "Before he flew to Moscow, Erdogan condemned Greece.", "2019-03-01")
    assert (0, "TURGOV", "RUS", "042") in events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject pronoun of a reported clause: the speaker
        (
            "Greece accused Turkey of violating its airspace and said it would complain to NATO.",
            (0, "GRC", "IGOWSTNAT", "114"),
        ),
        # an object pronoun takes up an object first ...
        (
            "Ugandan police detained four Congolese rebels, and a Ugandan court later released"
            " them.",
            (0, "UGAJUD", "CODREB", "0841"),
        ),
        # ... a title is a person of its organisation, never the subject of the clause
        (
            "The Malian president met the ECOWAS chairman in Bamako and praised him.",
            (0, "MLIGOV", "IGOWAFWAS", "051"),
        ),
        # an object pronoun is never the subject of its own clause (nor its controller's)
        (
            "Kenya halted trade with towns held by Somali rebels, accusing them of smuggling.",
            (0, "KEN", "SOMREB", "1121"),
        ),
    ],
)
def test_binding_within_the_sentence(
    coder: Coder, text: str, expected: tuple[int, str, str, str]
) -> None:
    assert expected in coded(coder, text)


def test_the_resolved_pronoun_keeps_its_evidence(coder: Coder) -> None:
    story = "Rex Tillerson praised the US military in a speech. He then criticised Russia."
    (event,) = [e for e in coder.code_text(story, date="2017-06-01") if e.sentence_index == 1]
    assert event.source_text == "He" and "story-context" in event.evidence.rules
    assert event.evidence.source_entries  # Tillerson's dictionary line


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        # a bare definite description takes up the earlier phrase of its noun, not the story's
        # last country
        (
            "Islamic State militants attacked a village in Nigeria on Monday. "
            "The militants later released two hostages.",
            (1, "IMGMEAISI", "0841"),
        ),
        (
            "Russia's foreign ministry criticised Ukraine on Monday. Turkey hosted talks. "
            "The ministry also condemned Poland.",
            (2, "RUSGOV", "111"),
        ),
        # "the group": the organisation the story last named
        (
            "Hamas fired rockets at Israel on Monday. Egypt hosted talks. "
            "The group later rejected a truce.",
            (2, "PSEINSHMS", "12"),
        ),
    ],
)
def test_a_definite_description_takes_up_an_earlier_phrase(
    coder: Coder, story: str, expected: tuple[int, str, str]
) -> None:
    index, source, root = expected
    events = coded(coder, story, "2019-06-01")
    assert any(i == index and s == source and c.startswith(root) for i, s, _, c in events)


def test_a_pronoun_for_the_source_is_no_target_of_another_country(coder: Coder) -> None:
    story = "Hamas fired rockets at Israel. The group said it would continue."
    assert not any(i == 1 and t == "ISR" for i, _, t, _ in coded(coder, story, "2019-06-01"))
