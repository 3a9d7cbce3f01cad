"""Real-news shapes that used to code nothing (issue 15): an amount *in* aid, a report that
speaks for its publisher, a message released, an obligation a speaker puts on another actor.

Sentences in the tests' own words, coded with the built-in dictionaries.
"""

from __future__ import annotations

import pytest

from tocsin.coding.coder import Coder
from tocsin.records import Event


def coded(coder: Coder, sentence: str) -> list[Event]:
    return coder.code_text(sentence, story_id="uncoded", date="2022-03-09")


def dyads_by_root(events: list[Event], root: str) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in events if e.root_code == root}


def test_an_amount_in_aid_is_the_aid_of_the_one_who_announced_it(coder: Coder) -> None:
    (event,) = coded(coder, "The EU announced 50 million euros in aid for Sudanese refugees.")
    assert (event.source, event.target, event.code) == ("IGOEUREEC", "SDNREF", "07")
    assert "nominal-verb-subject" in event.evidence.rules


def test_a_pledged_amount_in_aid_stays_one_pledge(coder: Coder) -> None:
    events = coded(coder, "Japan pledged $10 million in humanitarian aid to Haiti.")
    assert [(e.source, e.target, e.root_code) for e in events] == [("JPN", "HTI", "03")]


def test_a_report_speaks_for_the_one_who_published_it(coder: Coder) -> None:
    relative = coded(
        coder, "Human Rights Watch published a report that accused Ethiopian forces of torture."
    )
    assert ("NGOHRIHRW", "ETHMIL") in dyads_by_root(relative, "11")
    participle = coded(coder, "Amnesty put out a report accusing the Kenyan police of abuses.")
    assert ("NGOHRIAMN", "KENCOP") in dyads_by_root(participle, "11")


def test_a_report_someone_else_rejects_does_not_speak_for_them(coder: Coder) -> None:
    events = coded(coder, "Kenya dismissed a report accusing Somali troops of abuses.")
    assert not any(e.source == "KEN" and e.code.startswith("112") for e in events)


def test_releasing_a_statement_is_no_release_of_prisoners(coder: Coder) -> None:
    events = coded(coder, "Amnesty released a statement accusing Uganda of torturing activists.")
    assert not dyads_by_root(events, "08")
    assert ("NGOHRIAMN", "UGA") in dyads_by_root(events, "11")


def test_what_a_speaker_says_another_must_do_is_a_demand_on_it(coder: Coder) -> None:
    (event,) = coded(coder, "Kenya said Somalia must respect the border.")
    assert (event.source, event.target, event.code) == ("KEN", "SOM", "100")
    assert "reported-demand" in event.evidence.rules
    # a matched act keeps its own, more specific demand
    act = coded(coder, "Kenya said Somalia should stop attacks on Kenyan troops.")
    assert {e.code for e in act} == {"1056"}
    # what should happen, with no actor to do it, is no demand
    assert coded(coder, "The minister said talks should resume next week.") == []


def test_verb_senses_the_codebook_gives_for_whole_families(coder: Coder) -> None:
    # PETRARCH's verb dictionary: SEND OBSERVERS / MEDICAL TEAM 073, GIVE PERMISSION 080,
    # EXPRESS CONDOLENCES 018 (here as a message), and holding people as human shields 184
    cases = {
        "The African Union sent election observers to Malawi.": ("IGOAFRAFU", "MWI", "073"),
        "Cuba sent a medical team to Haiti after the earthquake.": ("CUB", "HTI", "073"),
        "Pakistan gave Washington permission to use its airspace.": ("PAK", "USA", "080"),
        "Algeria sent a condolence message to the Turkish president.": ("DZA", "TURGOV", "018"),
        "Syrian rebels held villagers as human shields.": ("SYRREB", "SYRCVL", "184"),
    }
    found = {text: {(e.source, e.target, e.code) for e in coded(coder, text)} for text in cases}
    assert found == {text: {triple} for text, triple in cases.items()}


def test_a_stance_in_the_passive_is_its_subjects(coder: Coder) -> None:
    events = coded(coder, "Kenya is opposed to the deployment of Ugandan troops.")
    assert {(e.source, e.root_code) for e in events} == {("KEN", "11")}


def test_speeding_up_a_withdrawal_carries_it_out(coder: Coder) -> None:
    events = coded(coder, "Russia speeded up the withdrawal of its troops from Syria.")
    assert ("RUS", "SYR", "0874") in {(e.source, e.target, e.code) for e in events}


def test_accepting_a_plan_is_an_intent_to_cooperate_with_its_author(coder: Coder) -> None:
    # PETRARCH: ACCEPT PLAN / FORMULATION / TREATY / REQUEST 030
    events = coded(coder, "Serbia accepted the peace plan of the European Union.")
    assert {(e.source, e.target, e.code) for e in events} == {("SRB", "IGOEUREEC", "030")}
    alone = coded(coder, "Hamas accepted a formula for settling the dispute.")
    assert {(e.source, e.target, e.code) for e in alone} == {("PSEINSHMS", "", "030")}


# Domestic politics (courts, legislatures, parties, executives, police, unions): the one event
# each sentence must code, as "source target code sentence" ("-": no target). PETRARCH's verb
# dictionary: GRANT BAIL 081, REFUSE BAIL 1243, ACQUIT 081, SUBMIT NO-CONFIDENCE PROPOSAL 160,
# ORDER SACKING / REMOVE FROM OFFICE 160.
DOMESTIC = """
# courts: a court that quashes an order or dismisses a petition rejects its maker's act
KENJUD KENELI    081  The Kenyan High Court granted bail to the former governor.
NGAJUD NGALEG    081  A Nigerian court acquitted the opposition senator of all charges.
NAMJUD NAMHRI    1243 A Namibian magistrate denied bail to the two activists.
NGAJUD NGAOPP    081  Nigerian prosecutors dropped the charges against the opposition leader.
KENJUD KENELI    120  The Kenyan Supreme Court dismissed a petition filed by Raila Odinga.
INDJUD INDLEG    120  The Indian Supreme Court struck down the law passed by the Indian parliament.
INDJUD INDLEG    173  The Indian court sent the legislator to judicial custody.
INDJUD INDELI    173  An Indian court extended the remand of the former minister.
INDJUD INDGOV    116  The Indian court held the minister guilty of contempt.
INDJUD INDGOV    111  The Indian Supreme Court pulled up the Punjab government over the delay.
NGAJUD NGAELI    173  The Nigerian court handed the former governor a five-year jail term.
INDJUD INDLEG    081  An Indian court granted interim protection from arrest to the legislator.
KENJUD KENGOV    081  The Kenyan court stopped the arrest of the governor.
# an order to pay compensation finds the one who must pay liable (116), not the payer
INDJUD INDGOV    116  The Indian Supreme Court directed the state government to pay compensation.
# legislatures and executives: an impeachment brings charges (115), a warning threatens
UGALEG UGAGOV    160  The Ugandan parliament passed a motion of no confidence in the prime minister.
NGALEG NGAGOV    115  Nigerian lawmakers impeached the state governor.
NGAGOV NGACOP    160  The Nigerian president sacked the police inspector general.
INDGOV INDPTY    130  India's election commission issued a warning to political parties.
INDGOV INDCVL    080  The Indian government announced compensation for the families of the victims.
NAMGOV NAMBUS    100  The Namibian minister issued a notice to the mining company over the spill.
KENGOV KENAGR    073  The Kenyan premier announced a relief package for the drought-hit farmers.
KENGOV KENCVL    073  The Kenyan governor distributed relief materials to the flood victims.
INDGOV -         1721 Indian authorities imposed prohibitory orders in the district.
# attacking someone over an issue is a verbal attack; over a weekend it is force
INDOPP INDGOV    111  The Indian opposition attacked the government over the power cuts.
NGAREB NGAMIL    190  The Nigerian rebels attacked the army over the weekend.
ZAFOPP ZAFGOV    115  The South African opposition party laid charges against the mayor.
# police, unions and protesters
NGACOP NGAELI    090  The Nigerian police questioned the former governor over the missing funds.
INDCOP INDLEG    173  Indian police booked the legislator for assault.
INDCOP INDELI    173  Indian police registered a case against the former minister.
INDCOP INDEDU    173  Indian police picked up the student leader from his home.
NGACOP NGACVL    175  The Nigerian police lathicharged the protesters.
ZAFEDU ZAFGOVEDU 114  South African teachers submitted a memorandum to the education minister.
KENEDU KENLEG    141  Thousands of Kenyan teachers marched to parliament.
# parties: a "knock" over a remark is criticism, leaving a party reduces relations (PETRARCH's
# RESIGN FROM PARTY 160), a call for someone's arrest appeals against them (ASK ARREST 020)
NGAGOV NGAOPP    111  The Nigerian ruling party knocked the opposition over its comments.
KENOPP KENGOV    051  The Kenyan opposition threw its weight behind the governor.
INDOPP INDGOVHLH 0241 The Indian opposition sought the resignation of the health minister.
INDLEG INDGOV    160  The Indian legislator resigned from the ruling party.
NGALEG NGAGOV    160  The Nigerian senator defected from the ruling party.
INDOPP INDLEG    020  The Indian opposition called for the arrest of the legislator.
INDCVL INDGOV    141  Indian protesters shouted slogans against the chief minister.
# threatening to go on strike is a threat of dissent, not of a military strike
KENLAB -         133  The Kenyan nurses' union threatened to go on strike.
"""


def domestic_cases() -> list[tuple[str, str, str, str]]:
    rows = [line.split(maxsplit=3) for line in DOMESTIC.splitlines()]
    return [
        (text, source, "" if target == "-" else target, code)
        for source, target, code, text in (r for r in rows if r and not r[0].startswith("#"))
    ]


@pytest.mark.parametrize(("sentence", "source", "target", "code"), domestic_cases())
def test_domestic_politics_codes_its_event(
    coder: Coder, sentence: str, source: str, target: str, code: str
) -> None:
    assert {(e.source, e.target, e.code) for e in coded(coder, sentence)} == {
        (source, target, code)
    }


def test_domestic_senses_that_are_no_event_or_no_act(coder: Coder) -> None:
    # booking a hotel is no charge, and a petition's filer names no act it asks for
    assert coded(coder, "The Indian delegation booked rooms at a hotel near the venue.") == []
    (dismissal,) = coded(
        coder, "The Kenyan Supreme Court dismissed a petition filed by Raila Odinga."
    )
    assert not any(rule.startswith("mood-object") for rule in dismissal.evidence.rules)
