"""The coding mechanism on the tests' own small dictionaries: who did what to whom."""

from __future__ import annotations

import pytest

from tocsin.coding.coder import Coder


def triples(coder: Coder, text: str, date: str = "2021-06-04") -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.code) for e in coder.code_text(text, date=date)}


CASES = [
    # plain subject -> object, with the most specific pattern winning
    ("ECOWAS suspended Mali.", {("IGOWAFWAS", "MLI", "160")}),
    ("France suspended military cooperation with Mali.", {("FRA", "MLI", "1622")}),
    (
        "France has called off joint military operations with the Malian army.",
        {("FRA", "MLIMIL", "1622")},
    ),
    # passive voice: the "by" phrase is the source, the subject the target
    ("Mali was suspended by the African Union.", {("IGOAFRAFU", "MLI", "160")}),
    # conjoined actors: one event per pair
    (
        "ECOWAS and the African Union suspended Mali and Niger.",
        {
            ("IGOWAFWAS", "MLI", "160"),
            ("IGOAFRAFU", "MLI", "160"),
            ("IGOWAFWAS", "NER", "160"),
            ("IGOAFRAFU", "NER", "160"),
        },
    ),
    # conjoined verbs share their subject
    (
        "France condemned Mali and suspended the Malian government.",
        {("FRA", "MLI", "111"), ("FRA", "MLIGOV", "160")},
    ),
    # relative clause: background about the actor, not the story's news
    (
        "The AU, which suspended Mali last year, met with France.",
        {
            ("IGOAFRAFU", "FRA", "040"),
            ("FRA", "IGOAFRAFU", "040"),
        },
    ),
    # governing verb: the threat is coded, not the sanctions themselves
    ("France threatened to impose sanctions on Mali.", {("FRA", "MLI", "1312")}),
    ("France imposed sanctions on Mali.", {("FRA", "MLI", "163")}),
    # reported speech: the reported event is coded, the bare statement is not
    # the victim reporting an attack also accuses the attacker (CAMEO 112)
    (
        "Mali said that France attacked Malian troops.",
        {("FRA", "MLIMIL", "190"), ("MLI", "FRA", "112")},
    ),
    # a statement codes 010 only when nothing more specific applies
    ("Mali said it was ready.", set()),  # a bare statement without a target codes nothing
    # role nouns combine with the country of their phrase
    ("The Malian army attacked Nigerien soldiers.", {("MLIMIL", "NERMIL", "190")}),
    ("The government of Mali condemned France.", {("MLIGOV", "FRA", "111")}),
    ("France's defence ministry condemned Mali.", {("FRAGOVMIL", "MLI", "111")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_who_did_what_to_whom(
    small_coder: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(small_coder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "France did not suspend cooperation with Mali.",
        "France never attacked Mali.",
        "France avoided attacking Mali.",
        "France could suspend cooperation with Mali.",
        "If France attacks Mali, ECOWAS will respond.",
        "Did France attack Mali?",
        "Should Mali refuse, France would attack Mali.",
        "French batsmen attacked the Malian bowling in the test match.",
    ],
)
def test_negation_questions_and_conditionals_code_nothing(small_coder: Coder, text: str) -> None:
    assert triples(small_coder, text) == set()


def test_negation_blocks_only_the_negated_verb(small_coder: Coder) -> None:
    assert triples(small_coder, "France did not attack Mali but condemned ECOWAS.") == {
        ("FRA", "IGOWAFWAS", "111")
    }


def test_people_take_the_role_of_the_story_date(small_coder: Coder) -> None:
    before = triples(small_coder, "Jean Exemple condemned Mali.", date="2018-03-01")
    after = triples(small_coder, "Jean Exemple condemned Mali.", date="2021-03-01")
    assert before == {("FRAELI", "MLI", "111")}
    assert after == {("FRAGOV", "MLI", "111")}


def test_event_carries_its_evidence(small_coder: Coder) -> None:
    (event,) = small_coder.code_text("Mali was suspended by the African Union.", date="2021-06-04")
    assert event.sentence == "Mali was suspended by the African Union."
    assert event.source_text == "African Union" and event.target_text == "Mali"
    assert event.evidence.verb_text == "suspended"
    assert event.evidence.pattern_id == "t-suspend"
    assert event.evidence.pattern_ref.endswith("verbs.tsv:2")
    assert any(ref.endswith("actors.tsv:7") for ref in event.evidence.source_entries)
    assert "passive" in event.evidence.rules
    assert event.quad_class == 4 and event.phoenix_quad == 3 and event.goldstein == -4.0
    assert event.plover == "SANCTION" and event.root_code == "16"


def test_event_ids_are_stable(small_coder: Coder) -> None:
    first = small_coder.code_text("ECOWAS suspended Mali.", story_id="a")
    second = small_coder.code_text("ECOWAS suspended Mali.", story_id="a")
    other = small_coder.code_text("ECOWAS suspended Mali.", story_id="b")
    assert [e.id for e in first] == [e.id for e in second]
    assert first[0].id != other[0].id


def test_empty_text_gives_no_events(small_coder: Coder) -> None:
    assert small_coder.code_text("") == []
    assert small_coder.code_text("   \n ") == []


def test_pronouns_and_bare_roles_take_their_actor_from_the_story(small_coder: Coder) -> None:
    story = (
        "Jean Exemple arrived in Bamako on Monday. He condemned Mali. "
        "ECOWAS met with France on Tuesday. It suspended Mali. "
        "Mali faces pressure. The army attacked Nigerien soldiers."
    )
    events = small_coder.code_text(story, date="2021-06-04")
    found = {(e.sentence_index, e.source, e.target, e.code) for e in events}
    assert (1, "FRAGOV", "MLI", "111") in found
    assert (3, "IGOWAFWAS", "MLI", "160") in found
    assert (5, "MLIMIL", "NERMIL", "190") in found
    (pronoun_event,) = [e for e in events if e.sentence_index == 1]
    assert pronoun_event.source_text == "He" and "story-context" in pronoun_event.evidence.rules
    assert pronoun_event.evidence.source_entries  # the antecedent's dictionary line


def test_a_pronoun_inside_a_quotation_is_the_speakers_not_the_storys(small_coder: Coder) -> None:
    told = "ECOWAS met with France on Tuesday. It condemned Mali."
    quoted = "ECOWAS met with France on Tuesday. \u201cIt condemned Mali,\u201d a witness said."
    assert ("IGOWAFWAS", "MLI", "111") in triples(small_coder, told)
    assert ("IGOWAFWAS", "MLI", "111") not in triples(small_coder, quoted)


def test_a_role_without_any_country_in_the_story_has_an_unknown_country(
    small_coder: Coder,
) -> None:
    """PETRARCH's way (issue 15): the role is kept, its country is `---`."""
    assert {(s, c) for s, _, c in triples(small_coder, "The army attacked the rebels.")} == {
        ("---MIL", "190")
    }


def test_former_office_holders_are_elites(small_coder: Coder) -> None:
    assert triples(small_coder, "The former Malian government condemned France.") == {
        ("MLIELI", "FRA", "111")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a future act is an intent to act (CAMEO 03x); a conflictual one a threat (13x)
        # ... stated by its subject only: Mali has said nothing
        ("France will meet with Mali.", {("FRA", "MLI", "036")}),
        ("France and Mali will meet in Dakar.", {("FRA", "MLI", "036"), ("MLI", "FRA", "036")}),
        ("France will suspend military cooperation with Mali.", {("FRA", "MLI", "1311")}),
        ("France suspended military cooperation with Mali.", {("FRA", "MLI", "1622")}),
        # joined subjects of a reciprocal event act on each other
        ("France and Mali met on Tuesday.", {("FRA", "MLI", "040"), ("MLI", "FRA", "040")}),
    ],
)
def test_mood_and_reciprocity(
    small_coder: Coder, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(small_coder, text) == expected


def test_a_titled_name_is_remembered_for_later_mentions(small_coder: Coder) -> None:
    story = "Malian government minister Amadou Toure condemned France. Toure later attacked Niger."
    found = {(e.sentence_index, e.source, e.target, e.code) for e in small_coder.code_text(story)}
    assert found == {(0, "MLIGOV", "FRA", "111"), (1, "MLIGOV", "NER", "190")}


def test_an_implicit_target_comes_from_the_previous_sentence(small_coder: Coder) -> None:
    story = "ECOWAS suspended Mali on Sunday. France condemned the coup."
    found = {(e.sentence_index, e.source, e.target, e.code) for e in small_coder.code_text(story)}
    assert found == {(0, "IGOWAFWAS", "MLI", "160"), (1, "FRA", "MLI", "111")}
    # a sentence on its own keeps its missing target
    assert triples(small_coder, "France condemned the coup.") == {("FRA", "", "111")}
