"""Events in real-news shapes (issue 15): reported speech, unknown actors, relevance.

Sentences in the tests' own words, coded with the built-in dictionaries.
"""

from __future__ import annotations

import pytest

from tocsin.coding.coder import Coder
from tocsin.records import Event


def code(coder: Coder, text: str) -> list[Event]:
    return coder.code_text(text, date="2021-06-04")


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.code) for e in events}


def test_a_claim_of_responsibility_is_015_next_to_the_act(coder: Coder) -> None:
    events = code(coder, "The Islamic State said it attacked the Iraqi army near Mosul.")
    assert ("IMGMEAISI", "IRQMIL", "015") in triples(events)
    assert {e.root_code for e in events} == {"01", "19"}
    assert all(e.evidence.speaker == "IMGMEAISI" for e in events)


def test_a_victim_reporting_an_attack_accuses_the_attacker(coder: Coder) -> None:
    events = code(coder, "Russia said Ukraine shelled Russian villages.")
    assert ("RUS", "UKR", "112") in triples(events)
    act = next(e for e in events if e.root_code == "19")
    assert (act.source, act.target) == ("UKR", "RUS")
    assert "accusation-by-victim" not in act.evidence.rules


def test_a_neutral_reporter_is_only_evidence(coder: Coder) -> None:
    (event,) = code(coder, "Congolese rebels attacked a Rwandan border post, Reuters reported.")
    assert (event.source, event.root_code) == ("CODREB", "19")
    assert event.evidence.speaker.startswith("GBRMED")
    assert "reported-by-speaker" in event.evidence.rules


def test_a_bare_statement_without_target_codes_nothing(coder: Coder) -> None:
    assert code(coder, "The foreign minister said talks would resume next week.") == []


def test_a_statement_about_another_actor_is_directed_at_it(coder: Coder) -> None:
    events = code(coder, "Ghana's foreign minister said Togo had a new government.")
    assert {(e.source[:3], e.target[:3], e.code) for e in events} == {("GHA", "TGO", "010")}


def test_a_target_no_dictionary_knows_is_kept_as_unknown(coder: Coder) -> None:
    (event,) = code(coder, "Kenyan troops launched an attack on the Dadaab camp.")
    assert (event.source, event.target, event.target_text) == ("KENMIL", "---", "the Dadaab camp")
    assert "unknown-target" in event.evidence.rules


def test_a_date_is_not_a_target(coder: Coder) -> None:
    events = code(coder, "In November, Kenyan troops launched an offensive.")
    assert [(e.source, e.target) for e in events] == [("KENMIL", "")]


def test_an_unknown_perpetrator_of_violence_is_unknown(coder: Coder) -> None:
    events = code(coder, "Gunmen killed three farmers in a village in the north.")
    assert events and all(e.source.startswith("---") for e in events)
    assert any(e.source_text == "Gunmen" and e.root_code in ("18", "19") for e in events)


def test_an_agentless_arrest_reported_by_police_is_by_the_police(coder: Coder) -> None:
    (event,) = code(coder, "Two men were arrested on Monday, police said.")
    assert (event.source, event.target, event.code) == ("---COP", "---", "173")
    assert event.target_text == "Two men"


def test_a_titled_police_spokesperson_implies_the_police(coder: Coder) -> None:
    text = "Police spokesperson Colonel Amos Dube said four suspects had been arrested."
    (event,) = code(coder, text)
    assert (event.source, event.code, event.target_text) == ("---COP", "173", "four suspects")


def test_a_non_violent_act_between_unknown_actors_codes_nothing(coder: Coder) -> None:
    assert code(coder, "The committee approved the plan after a long debate.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Striker Diallo scored a hat-trick as the hosts beat Mali in the semi-final.",
        "Shares in the bank fell sharply after its quarterly results.",
        "BIRTHS: 1944 - a singer who defeated cancer twice.",
    ],
)
def test_sport_market_and_almanac_items_code_nothing(coder: Coder, text: str) -> None:
    assert code(coder, text) == []


def test_a_war_named_as_a_topic_is_not_an_act(coder: Coder) -> None:
    assert code(coder, "The envoy ignored efforts to end Syria's civil war.") == []
    (event,) = code(coder, "Syria's war against the rebels intensified.")
    assert event.root_code == "19"


def test_a_refusal_with_its_condition_is_still_a_refusal(coder: Coder) -> None:
    text = "Uganda says it will not accept refugees from South Sudan unless it is paid."
    events = code(coder, text)
    assert {(e.source, e.target, e.root_code) for e in events} == {("UGA", "SSD", "12")}
    # the refusal that is itself the condition states nothing
    assert not any(
        e.root_code == "12" for e in code(coder, "If Britain will not accept the plan, Spain will.")
    )


def test_an_appeal_is_a_plover_request_like_the_demand_it_parallels(coder: Coder) -> None:
    text = "The Malian government called for humanitarian aid from the European Union."
    (event,) = code(coder, text)
    assert (event.code, event.plover) == ("0233", "REQUEST")
    assert coder.ontology["0233"].plover_context == coder.ontology["1033"].plover_context


def test_agreeing_to_a_truce_is_an_intent_declaring_one_is_the_truce(coder: Coder) -> None:
    agreed = code(coder, "Ethiopia and the Tigray rebels agreed to a truce on Friday.")
    assert {e.code for e in agreed} == {"0356"}
    declared = code(coder, "The Tigray rebels declared a truce with Ethiopia on Friday.")
    assert "0871" in {e.code for e in declared}


def test_in_an_undated_story_a_dated_name_is_not_its_own_target(coder: Coder) -> None:
    # undated, "the Taliban" would be today's government; beside "the Afghan government" in the
    # same event they are the insurgency they were before 2021
    events = coder.code_text("The Taliban refused direct talks with the Afghan government.")
    assert {(e.source, e.target) for e in events} == {("AFGINSTAL", "AFGGOV")}
    # a dated story keeps the date's role
    text = "The Taliban government arrested two journalists in Kabul."
    (dated,) = coder.code_text(text, date="2023-05-02")
    assert dated.source == "AFGGOV"


def test_a_target_that_is_the_source_itself_gives_way_to_an_unknown_one(coder: Coder) -> None:
    text = "Erdogan accused Gulen of trying to overthrow the Turkish government."
    (event,) = code(coder, text)
    # an unknown name, placed in the story's home country (Turkey, from "Turkish")
    assert (event.source, event.target, event.target_text) == ("TURGOV", "TUR", "Gulen")
    assert "target-inside-object" not in event.evidence.rules


def test_prepositions_of_the_support_verb_and_of_the_objects_participle(coder: Coder) -> None:
    text = "Israeli jets carried out raids overnight against Hezbollah positions."
    assert "LBNINSHZB" in {e.target for e in code(coder, text)}
    lifted = code(coder, "Kenya lifted the sanctions imposed on Somalia in 2019.")
    assert {(e.source, e.target, e.code) for e in lifted} == {("KEN", "SOM", "085")}


def test_aid_goes_where_its_purpose_clause_says(coder: Coder) -> None:
    text = "Japan gave 40 million dollars to rebuild schools and clinics in Malawi."
    events = code(coder, text)
    assert {(e.source, e.target[:3], e.root_code) for e in events} == {("JPN", "MWI", "07")}
    assert "target-aid-destination" in events[0].evidence.rules


def test_the_one_extradited_stands_for_a_destination_not_named(coder: Coder) -> None:
    (event,) = code(coder, "Spain extradited a Russian businessman.")
    assert (event.source, event.target[:3], event.code) == ("ESP", "RUS", "063")


def test_opening_borders_to_refugees_shelters_them(coder: Coder) -> None:
    events = code(coder, "Poland opened its borders to refugees from Ukraine.")
    assert {(e.source, e.target, e.code) for e in events} == {("POL", "UKRREF", "073")}


def test_a_strike_with_no_target_is_addressed_to_the_home_government(coder: Coder) -> None:
    (event,) = code(coder, "Thousands of Kenyan workers went on strike on Monday.")
    assert (event.source, event.target, event.root_code) == ("KENLAB", "KENGOV", "14")
    assert event.target_text == "" and "target-implied-government" in event.evidence.rules
    (unplaced,) = code(coder, "Teachers went on strike for better pay.")
    assert (unplaced.source, unplaced.target) == ("---EDU", "---GOV")


def test_repression_acts_on_whom_its_purpose_clause_names(coder: Coder) -> None:
    events = code(coder, "Riot police fired tear gas to disperse the crowd on Monday.")
    assert ("---COP", "---CVL", "175") in triples(events)
    assert "target-of-purpose" in events[0].evidence.rules


def test_the_object_of_prompt_or_force_does_the_infinitives_act(coder: Coder) -> None:
    text = "Stones were thrown at the convoy, prompting police to fire tear gas at the crowd."
    assert ("---COP", "---CVL", "175") in triples(code(coder, text))


def test_a_relative_clause_tells_background_not_news(coder: Coder) -> None:
    events = code(coder, "Kenyan police arrested two Somali men who had attacked a police post.")
    assert {e.root_code for e in events} == {"17"}
    assert all(e.evidence.verb_text != "attacked" for e in events)


def test_a_relative_clause_on_an_event_word_tells_that_event(coder: Coder) -> None:
    events = code(coder, "Nigerian troops repelled an attack that killed twelve Nigerian soldiers.")
    killed = [e for e in events if e.evidence.verb_text == "killed"]
    assert [(e.target, e.root_code) for e in killed] == [("NGAMIL", "19")]
    assert "relative-clause" in killed[0].evidence.rules


def test_an_act_below_a_possibility_is_no_event(coder: Coder) -> None:
    assert code(coder, "Washington may decide to impose sanctions on Caracas.") == []
    (event,) = code(coder, "Washington decided to impose sanctions on Caracas.")
    assert (event.source, event.target, event.root_code) == ("USA", "VEN", "16")


@pytest.mark.parametrize(
    ("text", "said", "target"),
    [
        ("“Kenya will pay the price,” Somalia's foreign minister said on Monday.", "130", "KEN"),
        ("Iran's president said the presence of American troops was unacceptable.", "111", "USA"),
        ("Serbia's foreign ministry said Croatia's claims were lies.", "112", "HRV"),
        ("Amnesty said Chile should be given credit for the inquiry.", "051", "CHL"),
    ],
)
def test_a_statement_takes_the_code_of_what_it_says(
    coder: Coder, text: str, said: str, target: str
) -> None:
    events = code(coder, text)
    assert [(e.code, e.target[:3]) for e in events] == [(said, target)]
    (event,) = events
    assert any(r.startswith("statement-content:") for r in event.evidence.rules)


def test_a_negated_cue_leaves_a_bare_statement(coder: Coder) -> None:
    events = code(coder, "Ghana's foreign minister said the vote in Togo was not unacceptable.")
    assert {e.code for e in events} <= {"010"}


def test_two_joined_names_are_two_sources_and_discuss_each_other_not_the_topic(
    coder: Coder,
) -> None:
    events = code(
        coder, "Joe Biden and Boris Johnson discussed the need for a response to Iran's programme."
    )
    assert triples(events) == {("USAGOV", "GBRGOV", "046"), ("GBRGOV", "USAGOV", "046")}


def test_a_thing_belonging_to_an_actor_is_that_actors(coder: Coder) -> None:
    events = code(coder, "Israeli jets attacked positions belonging to Hezbollah in Lebanon.")
    assert ("ISR", "LBNINSHZB") in {(e.source, e.target) for e in events}


def test_an_object_the_tagger_lemmatises_wrongly_still_matches(coder: Coder) -> None:
    # the tagger's lemma of "bases" is "basis"
    events = code(coder, "Turkish jets hit three bases of the PKK in northern Iraq.")
    assert {e.root_code for e in events} == {"19"}


def test_the_act_of_a_purpose_clause_is_done_to_the_enclosing_acts_object(coder: Coder) -> None:
    events = code(
        coder, "Kenya's president called Ethiopia's prime minister to discuss the dispute."
    )
    assert ("KENGOV", "ETHGOV", "046") in triples(events)


def test_the_place_of_the_act_is_the_last_resort_target(coder: Coder) -> None:
    (event,) = code(coder, "Turkey agreed to a ceasefire in Syria.")
    assert (event.source, event.target) == ("TUR", "SYR")
    assert "target-place-of-event" in event.evidence.rules
    # a place of the source's own country, when nothing else is the target
    (home,) = code(coder, "The Thai government extended the curfew in Bangkok.")
    assert (home.source, home.target) == ("THAGOV", "THA")
    assert "target-place-of-event" in home.evidence.rules
    # ... but never before whom the act was done to
    (own,) = code(coder, "Ugandan police arrested dozens of protesters in Kampala.")
    assert own.target == "UGACVL"


def test_a_town_only_the_gazetteer_knows_is_the_place_of_the_act(coder: Coder) -> None:
    (event,) = code(coder, "Nigerian authorities imposed a curfew in parts of Kaduna.")
    assert (event.source, event.target, event.target_text) == ("NGAGOV", "NGA", "Kaduna")
    assert "target-place-of-event" in event.evidence.rules


def test_the_owner_of_a_demand_may_be_named_by_a_preposition(coder: Coder) -> None:
    # the demands *from* a role the source's country places, a request *by* a country
    (event,) = code(coder, "The Malian government rejected demands from armed rebels.")
    assert (event.source, event.target) == ("MLIGOV", "MLIREB")
    assert "target-poss" in event.evidence.rules
    events = code(coder, "Peru's president turned down a request from striking miners.")
    assert ("PERGOV", "PERLAB") in {(e.source, e.target) for e in events}


def test_the_sources_own_nationality_on_the_object_is_not_the_target(coder: Coder) -> None:
    # "the Japanese ban" is Japan's own: the act is done to Vietnam
    events = code(coder, "Japan eased the Japanese ban on rice imports to Vietnam.")
    assert ("JPN", "VNM") in {(e.source, e.target) for e in events}
    # ... but what is spoken about is Germany's ("defended German energy policy")
    events = code(coder, "Chancellor Angela Merkel defended German energy policy.")
    assert ("DEUGOV", "DEU") in {(e.source, e.target) for e in events}


def test_an_object_naming_the_act_is_no_unknown_target(coder: Coder) -> None:
    (event,) = code(coder, "The Thai government declared a state of siege in Chiang Mai.")
    assert (event.source, event.target, event.root_code) == ("THAGOV", "THA", "19")
    assert "target-place-of-event" in event.evidence.rules


def test_a_home_place_is_no_target_of_a_ceremony_held_there(coder: Coder) -> None:
    (event,) = code(coder, "The Nigerian president laid a wreath in Kaduna.")
    assert (event.source, event.target) == ("NGAGOV", "")


def test_force_acts_on_whom_its_weapon_was_aimed_at(coder: Coder) -> None:
    (event,) = code(coder, "Rebels detonated a bomb under a Malian army truck.")
    assert (event.source, event.target) == ("MLIREB", "MLIMIL")
    assert "target-of-the-weapon" in event.evidence.rules


def test_a_thing_acts_on_whom_its_participle_names(coder: Coder) -> None:
    events = code(coder, "Uganda lifted a ban barring Kenyan traders from its markets.")
    assert ("UGA", "KENBUS") in {(e.source, e.target) for e in events}


def test_force_on_persons_named_by_a_role_is_done_to_them(coder: Coder) -> None:
    # not to the country of a place deeper in the object's phrase
    events = code(
        coder, "Malian soldiers clashed with jihadist fighters near the border with Niger."
    )
    assert ("MLIMIL", "MLIINS") in {(e.source, e.target) for e in events}


def test_force_on_a_town_is_done_to_its_country(coder: Coder) -> None:
    events = code(coder, "The rebels shelled Kaduna overnight.")
    assert ("NGA", "Kaduna") in {(e.target, e.target_text) for e in events}


def test_a_demand_noun_is_made_of_the_subject_of_its_clause(coder: Coder) -> None:
    events = code(coder, "Iran repeated its demand that the United States lift sanctions.")
    assert ("IRN", "USA") in {(e.source, e.target) for e in events if e.root_code == "10"}


def test_a_relative_clause_says_what_the_object_was_done_to(coder: Coder) -> None:
    events = code(coder, "Chad lifted the ban which it had imposed on Sudanese traders.")
    assert ("TCD", "SDNBUS") in {(e.source, e.target) for e in events}
    # ... not where the object goes
    events = code(coder, "Rebels seized a pipeline which runs from Iraq to Syria.")
    assert all(e.target not in {"IRQ", "SYR"} for e in events)


def test_a_message_is_addressed_to_whom_it_was_sent(coder: Coder) -> None:
    events = code(
        coder, "Ghana's president sent a letter to the Togolese government, threatening sanctions."
    )
    assert ("GHAGOV", "TGOGOV") in {(e.source, e.target) for e in events if e.root_code == "13"}


def test_a_call_for_someone_to_act_is_made_of_them(coder: Coder) -> None:
    events = code(coder, "Kenya called for Somalia to withdraw its troops.")
    assert ("KEN", "SOM") in {(e.source, e.target) for e in events}


def test_force_acts_on_whom_its_participle_clause_names(coder: Coder) -> None:
    events = code(
        coder, "Kenyan warplanes carried out air strikes, targeting al-Shabaab commanders."
    )
    assert ("KENMIL", "SOMINSSHB") in {(e.source, e.target) for e in events}


def test_the_objects_own_phrase_is_searched_first(coder: Coder) -> None:
    (event,) = code(
        coder, "Japan lifted its ban on rice imports from Vietnam in the interest of its farmers."
    )
    assert (event.source, event.target, event.root_code) == ("JPN", "VNM", "08")


def test_an_act_that_is_only_wanted_is_no_event(coder: Coder) -> None:
    events = code(coder, "Washington's demand that Britain prosecute its citizens met resistance.")
    assert all(e.root_code != "17" for e in events)
    assert code(coder, "Ankara's aim is to return Afrin to Syria.") == []


def test_talking_to_a_news_medium_is_no_consultation(coder: Coder) -> None:
    assert code(coder, "Kenya's foreign minister spoke to the BBC on Monday.") == []


def test_two_actors_of_unknown_country_with_one_role_are_two_actors(coder: Coder) -> None:
    (event,) = code(coder, "The interior minister criticised the central bank.")
    assert (event.source, event.target, event.root_code) == ("---GOV", "---GOV", "11")
    assert (event.source_text, event.target_text) == ("interior minister", "the central bank")


def test_an_it_that_stands_for_a_clause_is_no_actor(coder: Coder) -> None:
    events = code(coder, "Iran's president said it was unacceptable for American troops to stay.")
    assert [(e.source, e.target, e.code) for e in events] == [("IRNGOV", "USA", "111")]


def test_aid_goes_where_the_purpose_of_its_support_verb_says(coder: Coder) -> None:
    events = code(coder, "Norway announced new humanitarian assistance to help families in Sudan.")
    assert ("NOR", "SDN") in {(e.source, e.target[:3]) for e in events if e.root_code == "07"}
    (helped,) = code(coder, "Canada has earmarked two million dollars to help Nepal rebuild.")
    assert (helped.source, helped.target) == ("CAN", "NPL")
    (benefit,) = code(
        coder, "Sweden gave ten million kronor to schools which serve Afghan refugees."
    )
    assert benefit.target == "AFGREF"


def test_who_made_the_thing_rejected_is_the_target(coder: Coder) -> None:
    (event,) = code(coder, "Egypt rejected the proposals put forward by Ethiopia.")
    assert (event.source, event.target, event.root_code) == ("EGY", "ETH", "12")


def test_the_enclosing_acts_object_comes_before_the_topic(coder: Coder) -> None:
    events = code(
        coder, "Kenya's president called Uganda's president to discuss Somalia-related matters."
    )
    assert ("KENGOV", "UGAGOV") in {(e.source, e.target) for e in events}


def test_whom_a_condition_is_put_on_is_the_target(coder: Coder) -> None:
    (refusal,) = [
        e
        for e in code(coder, "Japan will not lift the ban until Russia returns the islands.")
        if e.source == "JPN"
    ]
    assert (refusal.target, refusal.root_code) == ("RUS", "12")
    assert "target-condition-subject" in refusal.evidence.rules
    (threat,) = code(coder, "Hungary threatened to block the budget if the EU cuts its funds.")
    assert (threat.target, threat.root_code) == ("IGOEUREEC", "13")
    (strike,) = code(
        coder, "Kenyan nurses will not end their strike unless their demands are met by Nairobi."
    )
    assert (strike.target, strike.root_code) == ("KEN", "12")


def test_forces_on_a_peace_mission_provide_protection(coder: Coder) -> None:
    (arrival,) = code(coder, "Nepalese peacekeepers arrived in Lebanon on Monday.")
    assert (arrival.source[:3], arrival.target, arrival.code) == ("NPL", "LBN", "074")
    assert "mission:074" in arrival.evidence.rules
    (sent,) = code(coder, "Ghana deployed 800 soldiers to the UN peacekeeping mission in Mali.")
    assert sent.code == "074"
    # a minister who travels to talk about the mission visits
    visits = code(
        coder, "Ghana's defence minister arrived in Mali to discuss the peacekeeping mission."
    )
    assert "042" in {e.code for e in visits} and "074" not in {e.code for e in visits}


def test_an_act_predicted_needed_or_to_come_is_no_event(coder: Coder) -> None:
    assert code(coder, "The rebels are hardly likely to attack the Kenyan embassy.") == []
    assert code(coder, "Ethiopian troops need first to capture the airport.") == []
    feared = code(coder, "Egypt fears the expected spring offensive by Sudanese forces.")
    assert all(e.root_code != "19" for e in feared)
    assert code(coder, "An assault on Tripoli by Libyan forces would be a disaster.") == []
    # an embedded question asks whether it happened
    assert code(coder, "Nigeria would not confirm whether its army had attacked the camp.") == []
    # a predicted act is no event, the attack that happened is
    (attack,) = code(coder, "Sudanese forces attacked the town.")
    assert attack.root_code == "19"


def test_an_agentless_act_done_in_a_named_attack_was_done_by_the_attacker(coder: Coder) -> None:
    events = code(coder, "Dozens of civilians were killed in Saudi air strikes on Tuesday.")
    assert {(e.source, e.code) for e in events} == {("SAU", "195")}
    assert "doer-of-the-means" in events[0].evidence.rules
    (raid,) = code(coder, "Two soldiers were wounded in a Turkish raid near the border.")
    # the soldiers are not the attacker's own: their country is unknown
    assert (raid.source, raid.target) == ("TUR", "---MIL")


def test_teargas_canisters_fired_at_a_crowd(coder: Coder) -> None:
    (event,) = code(coder, "Ugandan police fired teargas canisters at the protesters.")
    assert (event.source, event.code) == ("UGACOP", "175")


def test_the_participle_of_an_event_noun_names_its_target(coder: Coder) -> None:
    events = code(coder, "The EU sanctions imposed on Belarus last year hurt its exports.")
    assert ("IGOEUREEC", "BLR", "16") in {(e.source, e.target, e.root_code) for e in events}


def test_joined_verbs_share_their_object(coder: Coder) -> None:
    events = code(coder, "Nigerian police arrested and later released two Kenyan journalists.")
    assert {(e.target, e.root_code) for e in events} == {("KENMED", "17"), ("KENMED", "08")}


def test_a_show_of_force_acts_on_whom_its_purpose_names(coder: Coder) -> None:
    events = code(coder, "China deployed troops to intimidate Taiwanese islanders.")
    (posture,) = [e for e in events if e.root_code == "15"]
    assert (posture.source, posture.target) == ("CHN", "TWN")
    assert "target-of-purpose" in posture.evidence.rules


def test_a_call_for_sanctions_threatens_their_target(coder: Coder) -> None:
    (call,) = code(coder, "Kenya called for sanctions against South Sudan.")
    assert (call.source, call.target, call.code) == ("KEN", "SSD", "1312")
    (urged,) = code(coder, "Britain urged the EU to impose sanctions on Iran.")
    assert (urged.source, urged.target, urged.code) == ("GBR", "IRN", "1312")
    assert "target-of-the-threat" in urged.evidence.rules


def test_things_received_or_met_are_no_visit_or_meeting(coder: Coder) -> None:
    assert code(coder, "The Kenyan ministry received the report on Monday.") == []
    assert code(coder, "Ghana's proposal met a mixed response in Accra.") == []
    (host,) = code(coder, "The Emir of Qatar received the Iranian president in Doha.")
    assert host.code == "043"
    (rebuke,) = code(coder, "Nigeria's president delivered a sharp rebuke to Ghana.")
    assert (rebuke.target, rebuke.code) == ("GHA", "111")


def test_an_unknown_doer_of_a_named_attack_is_kept(coder: Coder) -> None:
    (event,) = [
        e
        for e in code(coder, "The group engaged in clashes with the Sudanese army on Monday.")
        if e.source == "---"
    ]
    assert (event.source_text, event.target, event.root_code) == ("The group", "SDNMIL", "19")
    assert "unknown-source" in event.evidence.rules


def test_a_spokesman_for_a_body_speaks_for_it(coder: Coder) -> None:
    (event,) = code(coder, "A spokesman for the Nigerian army declined to comment on the report.")
    assert (event.source, event.code) == ("NGAMIL", "011")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belgian troops attacked rebels in eastern Congo on Monday.", ("BELMIL", "CODREB", "190")),
        ("Ugandan soldiers killed militants in Somalia.", ("UGAMIL", "SOMINS", "190")),
        ("Kenyan police arrested protesters in Nairobi.", ("KENCOP", "KENCVL", "173")),
    ],
)
def test_a_role_acted_on_abroad_takes_the_country_where_it_was_done(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(code(coder, text))


def test_a_role_object_is_a_target_even_with_the_charge_hanging_from_it(coder: Coder) -> None:
    (event,) = code(coder, "The Patriotic Renewal Front accused the ruling party of fraud.")
    assert (event.source, event.target[3:], event.root_code) == ("---", "GOV", "11")
    assert event.source_text == "The Patriotic Renewal Front"


@pytest.mark.parametrize(
    ("text", "target_text"),
    [
        ("Militiamen freed prisoners from a jail near the border.", "prisoners"),
        ("The junta released 150 detainees on Sunday.", "150 detainees"),
    ],
)
def test_the_persons_released_are_the_target(coder: Coder, text: str, target_text: str) -> None:
    (event,) = code(coder, text)
    assert (event.code, event.target, event.target_text) == ("0841", "---", target_text)


def test_a_released_statement_is_no_release_of_persons(coder: Coder) -> None:
    assert not [e for e in code(coder, "The army released a statement.") if e.root_code == "08"]


def test_persons_held_by_someone_are_not_theirs(coder: Coder) -> None:
    (event,) = code(coder, "The Tamil rebels said they would free two soldiers held by them.")
    assert (event.source, event.target, event.root_code) == ("LKAREB", "LKAMIL", "03")


def test_persons_employed_by_a_body_belong_to_it(coder: Coder) -> None:
    events = code(coder, "Khartoum expelled 20 aid workers employed by the United Nations.")
    assert ("SDN", "IGOUNO", "1663") in triples(events)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The former governor of Lagos criticised the Nigerian government.", "NGAELI"),
        ("Britain's shadow foreign secretary criticised the Saudi government.", "GBROPP"),
        ("The Kenyan electoral body's commission rejected the opposition's petition.", "KENGOV"),
        ("The Nigerian state assembly criticised the police.", "NGALEG"),
        ("Zambian party general secretary Davies Mwila criticised the bishops.", "ZMBPTY"),
        ("Kenya's anti-corruption agency arrested the governor of Nairobi.", "KENCOP"),
    ],
)
def test_roles_of_former_and_shadow_office_holders_and_state_bodies(
    coder: Coder, text: str, source: str
) -> None:
    assert source in {e.source for e in code(coder, text)}


def test_a_titled_person_is_not_placed_by_the_country_he_acts_on(coder: Coder) -> None:
    (event,) = code(coder, "Senator Tom Walsh criticised Turkey on Monday.")
    assert (event.source, event.target) == ("---LEG", "TUR")


@pytest.mark.parametrize(
    "text",
    [
        "Speaking from a refugee camp in northern Iraq, the Yazidi leader criticised the press.",
        "Erdogan held talks in Moscow on Friday.",
    ],
)
def test_where_a_consultation_was_held_is_no_partner(coder: Coder, text: str) -> None:
    assert not [e for e in code(coder, text) if e.root_code == "04" and e.target]


def test_a_visit_is_to_a_place(coder: Coder) -> None:
    assert ("DEUGOV", "AFG", "042") in triples(
        code(coder, "The German foreign minister arrived in Kabul on Monday.")
    )


def test_a_news_agency_reporting_is_no_statement_of_its_own(coder: Coder) -> None:
    events = code(coder, "The army will leave the city, the Chadian government said, AFP reported.")
    assert not [e for e in events if e.source.startswith("FRAMED")]
    assert ("QATMEDAJZ", "EGYGOV", "111") in triples(
        code(coder, "Al Jazeera criticised the Egyptian government.")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Greek police detained 40 Albanians near the border.", ("GRCCOP", "ALBCVL", "173")),
        ("Hundreds of Kenyans protested against the tax bill.", ("KENCVL", None, "141")),
    ],
)
def test_counted_nationals_are_people_not_their_state(
    coder: Coder, text: str, expected: tuple[str, str | None, str]
) -> None:
    events = code(coder, text)
    source, target, root = expected
    assert any(
        e.source == source and (target is None or e.target == target) and e.code.startswith(root)
        for e in events
    ), triples(events)


def test_who_made_the_object_by_its_participle_is_the_target(coder: Coder) -> None:
    events = code(coder, "The high court dismissed petitions filed by the opposition party.")
    assert {(e.target_text, e.root_code) for e in events} == {("the opposition party", "12")}


def test_captured_persons_are_detained_not_territory(coder: Coder) -> None:
    events = code(coder, "Kurdish fighters captured two British men on Saturday.")
    assert {e.root_code for e in events} == {"17"}


@pytest.mark.parametrize(
    ("text", "source", "source_text"),
    [
        ("An army convoy was hit by a rocket fired by the rebels.", "---REB", "the rebels"),
        ("The patrol was struck by a mortar round, fired by Houthi fighters.", "YEMREBHTH", None),
        ("Three guards were killed by a bomb, planted by the Taliban.", "AFGINSTAL", "Taliban"),
    ],
)
def test_a_weapon_as_agent_gives_whoever_used_it(
    coder: Coder, text: str, source: str, source_text: str | None
) -> None:
    (event,) = [e for e in code(coder, text) if e.root_code in ("18", "19")]
    assert event.source == source
    if source_text is not None:
        assert event.source_text == source_text


def test_a_participle_of_support_is_no_user_of_the_weapon(coder: Coder) -> None:
    events = code(coder, "The convoy was attacked by gunmen, backed by the army.")
    assert {(e.source, e.root_code) for e in events} == {("---UAF", "19")}


@pytest.mark.parametrize(
    "text",
    [
        "Kenya's parliament met on Tuesday to debate the budget.",
        "The Ghanaian cabinet met for three hours on Monday.",
        "Nigeria's president held talks in Abuja on Friday.",
    ],
)
def test_a_consultation_with_no_one_is_no_event(coder: Coder, text: str) -> None:
    assert [e for e in code(coder, text) if e.root_code == "04"] == []


def test_a_consultation_with_a_partner_is_kept(coder: Coder) -> None:
    events = code(coder, "Kenya's president met the Ugandan president in Nairobi.")
    assert ("KENGOV", "UGAGOV", "040") in triples(events)


def test_positions_attacked_are_military_targets_not_stances(coder: Coder) -> None:
    events = code(coder, "Rebels attacked army positions overnight, the Malian army said.")
    assert any(e.code == "190" and e.target == "MLIMIL" for e in events)
    events = code(coder, "The opposition leader slammed the president's position on the tariffs.")
    assert {e.root_code for e in events} == {"11"}


@pytest.mark.parametrize(
    ("text", "target", "target_text"),
    [
        ('"Gunmen attacked our positions," the Nigerien army said.', "NERMIL", "our positions"),
        ('Sudan\'s minister said: "Rebels shelled our soldiers."', "SDNMIL", "our soldiers"),
        ('"The militia attacked us again," Chad\'s government said.', "TCDGOV", "us"),
    ],
)
def test_first_person_words_in_a_quotation_stand_for_the_speaker(
    coder: Coder, text: str, target: str, target_text: str
) -> None:
    acts = [e for e in code(coder, text) if e.root_code == "19"]
    assert [(e.target, e.target_text) for e in acts] == [(target, target_text)]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Beijing welcomed the American pullout from the region.", "USA"),
        ("Moscow welcomed the French withdrawal from Mali.", "FRA"),
        ("Nairobi welcomed the Ugandan proposal for talks with the rebels.", "UGA"),
    ],
)
def test_welcoming_a_withdrawal_endorses_whoever_withdrew(
    coder: Coder, text: str, target: str
) -> None:
    assert {(e.target, e.code) for e in code(coder, text)} == {(target, "051")}


@pytest.mark.parametrize(
    ("text", "target_text"),
    [
        ("The opposition called on the Ghanaian president to sack the police chief.", "president"),
        ("Bishops appealed to the Ugandan government to free the journalists.", "government"),
    ],
)
def test_the_one_called_on_is_the_target_not_the_object_of_the_request(
    coder: Coder, text: str, target_text: str
) -> None:
    (event,) = [e for e in code(coder, text) if e.root_code == "02"]
    assert event.target_text.split()[-1] == target_text


def test_a_body_marched_to_is_the_protest_target(coder: Coder) -> None:
    (event,) = code(coder, "Striking teachers marched to the education ministry.")
    assert (event.root_code, event.target, event.target_text) == (
        "14",
        "---GOVEDU",
        "the education ministry",
    )


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The interior ministry banned the opposition rally.", "---OPP"),
        ("Riot police broke up the union march.", "---LAB"),
    ],
)
def test_the_role_before_a_banned_or_dispersed_gathering_is_its_target(
    coder: Coder, text: str, target: str
) -> None:
    assert [e.target for e in code(coder, text) if e.root_code == "17"] == [target]


def test_a_reimposed_blockade_is_imposed_by_the_subject(coder: Coder) -> None:
    events = code(coder, "Ethiopia reimposed blockades in Tigray on Friday.")
    assert [(e.source, e.root_code) for e in events] == [("ETH", "19")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Three Iranian diplomats were expelled from Albania on Monday.", "ALB"),
        ("Two Kenyan journalists were deported from Tanzania.", "TZA"),
    ],
)
def test_an_agentless_expulsion_is_by_the_state_expelled_from(
    coder: Coder, text: str, source: str
) -> None:
    (event,) = code(coder, text)
    assert event.source == source
    assert "expelled-from" in event.evidence.rules


def test_a_place_expelled_from_is_no_doer(coder: Coder) -> None:
    events = code(coder, "Two Kenyan journalists were expelled from the camp.")
    assert all("expelled-from" not in e.evidence.rules for e in events)


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("EU sanctions against Belarus were lifted on Monday.", ("IGOEUREEC", "BLR", "085")),
        ("Japanese aid to Myanmar was suspended after the coup.", ("JPN", "MMR", "162")),
    ],
)
def test_the_owner_of_a_thing_acted_on_in_an_agentless_passive_is_the_doer(
    coder: Coder, text: str, triple: tuple[str, str, str]
) -> None:
    assert triple in triples(code(coder, text))


def test_persons_in_an_agentless_passive_are_not_their_own_doers(coder: Coder) -> None:
    events = code(coder, "Two Kenyan journalists were released on Monday.")
    assert all(not e.source.startswith("KEN") for e in events)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Opposition leaders accused the ward councillor of corruption.", "---GOV"),
        ("The opposition criticised the three MLAs for defecting.", "---LEG"),
        ("Protesters accused the sheriff of brutality.", "---COP"),
        ("Teachers blamed civil servants for the delays.", "---GOV"),
    ],
)
def test_local_officials_and_state_legislators_are_roles(
    coder: Coder, text: str, target: str
) -> None:
    assert target in {e.target for e in code(coder, text)}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Sen. Mary Jones criticised Iran on Tuesday.", "---LEG"),
        ("Gov. Mary Jones criticised Iran on Tuesday.", "---GOV"),
        ("Gen. Ali Mahdi criticised Iran on Tuesday.", "---MIL"),
        ("Lt. Gen. Ali Mahdi criticised Iran on Tuesday.", "---MIL"),
    ],
)
def test_an_abbreviated_title_gives_the_role(coder: Coder, text: str, source: str) -> None:
    (event,) = code(coder, text)
    assert (event.source, event.target) == (source, "IRN")


def test_a_body_named_by_a_proper_name_before_its_noun_is_someone(coder: Coder) -> None:
    events = code(coder, "The Zapatista movement accused the Mexican government of betrayal.")
    assert [(e.source, e.source_text, e.target) for e in events] == [
        ("---", "The Zapatista movement", "MEXGOV")
    ]


def test_a_role_of_unknown_country_is_coded_without_a_target(coder: Coder) -> None:
    events = code(coder, '"This is unacceptable," the union\'s general secretary said.')
    assert [(e.source[:3], e.code) for e in events] == [("---", "111")]


def test_a_thing_a_role_only_modifies_codes_nothing_without_a_target(coder: Coder) -> None:
    events = code(
        coder, "Students marched to demand that the state make university education free."
    )
    assert [(e.source, e.source_text, e.code) for e in events] == [("---EDU", "Students", "100")]


@pytest.mark.parametrize(
    ("text", "date", "source", "target"),
    [
        ("The DA accused the ANC of corruption.", "2019-03-01", "ZAFOPP", "ZAFGOV"),
        ("Cosatu threatened a national strike.", "2021-05-01", "ZAFLAB", ""),
        ("Swapo criticised the Popular Democratic Movement.", "2021-05-01", "NAMGOV", "NAMOPP"),
        ("The Congress party accused the CBI of bias.", "2020-02-01", "INDOPP", "INDCOP"),
    ],
)
def test_parties_unions_and_agencies_of_regional_politics(
    coder: Coder, text: str, date: str, source: str, target: str
) -> None:
    events = coder.code_text(text, date=date)
    assert (source, target) in {(e.source, e.target) for e in events}


def test_a_partys_mps_are_the_countrys_legislators(coder: Coder) -> None:
    events = coder.code_text("ANC MPs criticised the Public Protector.", date="2021-05-01")
    assert [(e.source, e.target) for e in events] == [("ZAFLEG", "ZAFGOV")]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Talks between Ghana and Togo resumed on Monday.", "04"),
        ("Clashes between Chadian troops and Sudanese soldiers broke out at dawn.", "19"),
    ],
)
def test_the_sides_an_event_noun_names_with_between_act_on_each_other(
    coder: Coder, text: str, root: str
) -> None:
    events = [e for e in code(coder, text) if e.root_code == root]
    pairs = {(e.source[:3], e.target[:3]) for e in events}
    assert len(pairs) == 2 and all(a != b for a, b in pairs)
    assert all("between" in e.evidence.rules for e in events)


def test_a_lower_case_word_is_not_part_of_a_capitalised_name(coder: Coder) -> None:
    events = code(coder, "Taiwan's foreign minister visited Russia today.")
    assert [(e.source, e.target, e.code) for e in events] == [("TWNGOV", "RUS", "042")]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Kenyan MPs clashed with the finance minister over the budget.", "11"),
        ("Sudanese troops clashed with rebels near El Fasher.", "19"),
        ("Kenyan police clashed with protesters in Nairobi.", "19"),
    ],
)
def test_a_clash_between_political_roles_is_a_quarrel(coder: Coder, text: str, root: str) -> None:
    assert {e.root_code for e in code(coder, text)} == {root}


def test_sanctioned_meaning_approved_is_no_embargo(coder: Coder) -> None:
    events = code(coder, "The offensive was quietly sanctioned by Moscow.")
    assert [(e.source, e.code) for e in events] == [("RUS", "051")]


def test_recognising_a_voice_is_no_diplomatic_recognition(coder: Coder) -> None:
    assert code(coder, "The Ghanaian guard recognised the voice of the minister.") == []


def test_charged_with_a_task_is_no_legal_charge(coder: Coder) -> None:
    assert code(coder, "Kenyan police are charged with guarding the border crossings.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian jets carried out 2000 air strikes in Syria last month.", ("RUS", "SYR", "195")),
        ("Kenyan police made 1850 arrests in Nairobi on Monday.", ("KENCOP", "KEN", "173")),
    ],
)
def test_a_count_before_an_event_noun_is_no_year(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(code(coder, text))


def test_a_titled_surname_is_the_known_person_whoever_else_shares_it(coder: Coder) -> None:
    text = "Hunter Biden visited a school in Delaware. President Biden criticised China."
    assert ("USAGOV", "CHN", "111") in triples(code(coder, text))


def test_the_first_person_of_a_reported_quote_is_not_the_writer(coder: Coder) -> None:
    text = "'Kenyan police arrested me at the border,' the activist told reporters."
    assert [(e.source, e.code) for e in code(coder, text)] == [("KENCOP", "173")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Beijing trade negotiators criticised Washington.", "CHN"),
        ("The Vienna talks were praised by Washington.", "USA"),
    ],
)
def test_a_capital_is_a_venue_only_before_what_happens_there(
    coder: Coder, text: str, source: str
) -> None:
    assert {e.source for e in code(coder, text)} == {source}


def test_troops_that_deployed_somewhere_are_the_doers(coder: Coder) -> None:
    events = code(coder, "Rwandan troops deployed to Mozambique last week.")
    assert [(e.source, e.target, e.code) for e in events] == [("RWAMIL", "MOZ", "154")]
