"""Relevance (issue 15): a story that is not political news (sport, markets, company results,
entertainment, weather, almanac items) codes no events, except a violent or coercive act with a
political actor; every event carries its story's topic. Stories in the tests' own words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.coding.nlp import Parser
from tocsin.coding.relevance import MARGIN
from tocsin.knowledge.dictionaries import check_files, load_dictionaries
from tocsin.knowledge.ontology import Ontology
from tocsin.records import EVENT_FIELDS, Story

CODES = frozenset(t.code for t in Ontology.load())

MATCH = (
    "Rovers came from behind to beat City 3-1 on Saturday and climb to the top of the table. "
    "City's striker opened the scoring after 12 minutes, but the hosts levelled before half-time "
    "when their captain headed in a corner. The substitute winger then scored twice in the second "
    "half, and the visiting goalkeeper was sent off in stoppage time. Rovers face United in the "
    "cup final next month."
)
MARKETS = (
    "Shares in London closed lower on Tuesday as investors weighed weak factory data. The FTSE "
    "100 fell 1.2% to 7,410 points, with miners and banks leading the losses. Bond yields rose "
    "for a third day. Traders said the sell-off deepened after Wall Street opened lower, and "
    "brent crude futures dropped 2% to $81 a barrel."
)
RESULTS = (
    "The supermarket chain reported a pre-tax profit of £1.2bn for the year, up 8%, as sales "
    "rose at its stores and online. Revenue climbed to £45bn and the company raised its dividend. "
    "The chief executive said customers were returning to its own-brand ranges, and shareholders "
    "welcomed the full-year results."
)
FILM = (
    "The director's new film took $90m at the box office on its opening weekend. The movie, "
    "starring two Oscar winners, premiered at a film festival in May, and its soundtrack album "
    "topped the charts. The singer who wrote the theme song said she was thrilled."
)
WEATHER = (
    "Heavy rain and strong winds will sweep across the north on Thursday, with gusts of up to "
    "70mph on the coast. The Met Office has issued a yellow warning for rain. Temperatures will "
    "fall to 3C overnight, with frost and snow on the hills, before sunshine and showers return."
)
ALMANAC = (
    "Today in History\n"
    "Today is Monday, March 4, the 64th day of 2024. There are 302 days left in the year.\n"
    "On this date:\n"
    "In 1991, Iraqi troops attacked Kuwaiti oil fields.\n"
    "Ten years ago: Russian forces seized the Crimean peninsula.\n"
    "Today's Birthdays: A singer is 80.\n"
)
HISTORY_LIST = (
    "On this day\n"
    "1962: The Soviet Union agreed to remove its missiles from Cuba after the United States "
    "imposed a naval blockade and President Kennedy warned Moscow.\n"
    "1973: Egyptian and Syrian troops attacked Israeli positions in Sinai and the Golan "
    "Heights, and the Israeli government mobilised its reserves.\n"
)
ANNIVERSARY = (
    "The president of Germany opened a memorial in Berlin on Monday, and the chancellor urged "
    "parliament to fund the government's plan for the border museum. Opposition lawmakers "
    "criticised the cost of the ministry's project.\n"
    "On this day in 1989, East German border guards opened the crossings.\n"
    "Police said thousands of protesters had gathered outside the embassy."
)
RIOT = (
    "Rovers beat City 2-0 in the cup final at the national stadium on Saturday. The striker "
    "scored twice in the second half and the goalkeeper saved a penalty. After the match, "
    "police fired tear gas at fans who threw bottles outside the ground, and the club's manager "
    "praised the supporters who travelled."
)
SPORT_AS_POLITICS = (
    "FIFA suspended Russia from international football after its invasion of Ukraine, and the "
    "government in Moscow condemned the decision. Ukraine's foreign minister welcomed the ban. "
    "The Kremlin said the sanctions were political, as Russian troops shelled Kyiv."
)


def story(text: str, story_id: str = "s", **kw: str) -> Story:
    return Story(story_id, text, dt.date(2024, 3, 4), **kw)


@pytest.fixture(scope="module")
def keeping_coder(parser: Parser, ontology: Ontology, coder: Coder) -> Coder:
    """The built-in coder that also keeps the events of non-political stories."""
    return Coder(
        parser=parser, ontology=ontology, dictionaries=coder.dictionaries, keep_nonpolitical=True
    )


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (MATCH, "sports"),
        (MARKETS, "markets"),
        (RESULTS, "business"),
        (FILM, "entertainment"),
        (WEATHER, "weather"),
        (ALMANAC, "almanac"),
        (SPORT_AS_POLITICS, "political"),
    ],
)
def test_a_story_is_classified_by_its_cues(coder: Coder, text: str, topic: str) -> None:
    decision = coder.classify(story(text))
    assert decision.topic == topic
    assert decision.scores[0][0] == topic  # the winning topic scores highest
    assert any(f"({topic} " in cue for cue in decision.cues)  # and says which cues counted
    assert all(cue.startswith(("topics.tsv:", "actor ")) for cue in decision.cues)


def test_a_history_list_under_an_almanac_heading_is_almanac_whatever_it_lists(
    coder: Coder,
) -> None:
    decision = coder.classify(story(HISTORY_LIST))
    scores = dict(decision.scores)
    assert scores["almanac"] < MARGIN * scores["political"]  # its lines are political history
    assert decision.topic == "almanac"  # ... but the heading that opens it decides
    assert "opens the story" in decision.cues[0]
    assert list(coder.code([story(HISTORY_LIST)])) == []


def test_an_almanac_phrase_inside_a_political_story_does_not_decide(coder: Coder) -> None:
    assert coder.classify(story(ANNIVERSARY)).topic == "political"


def test_an_almanac_item_codes_nothing_and_its_history_keeps_its_years(
    coder: Coder, keeping_coder: Coder
) -> None:
    assert list(coder.code([story(ALMANAC)])) == []
    kept = list(keeping_coder.code([story(ALMANAC)]))
    assert {(e.source, e.target, e.root_code) for e in kept} >= {("IRQMIL", "KWT", "19")}
    assert {e.topic for e in kept} == {"almanac"}
    years = {e.date.year for e in kept if e.date is not None}
    assert 1991 in years and 2024 not in years  # history is not today's news


def test_a_markets_report_codes_nothing_unless_kept(coder: Coder, keeping_coder: Coder) -> None:
    kept = list(keeping_coder.code([story(MARKETS)]))
    assert kept and {e.topic for e in kept} == {"markets"}
    assert list(coder.code([story(MARKETS)])) == []


def test_violence_with_a_political_actor_in_a_sports_story_is_coded(coder: Coder) -> None:
    events = list(coder.code([story(RIOT)]))
    assert [(e.source[3:], e.root_code, e.topic) for e in events] == [("COP", "17", "sports")]


def test_political_news_that_mentions_sport_is_coded(coder: Coder) -> None:
    events = list(coder.code([story(SPORT_AS_POLITICS)]))
    assert ("RUSMIL", "UKR", "19") in {(e.source, e.target, e.root_code) for e in events}
    assert {e.topic for e in events} == {"political"}


def test_one_sport_word_does_not_make_a_sentence_non_political(coder: Coder) -> None:
    (event,) = coder.code_text("Police fired tear gas at protesters outside the stadium.")
    assert (event.root_code, event.topic) == ("17", "political")


def test_the_address_and_headline_weigh_more_than_a_word(coder: Coder) -> None:
    text = "Rovers thrashed City on a cold night."
    assert coder.classify(story(text)).topic == "political"  # too little to set it aside
    at = "https://news.example/sport/2024/mar/04/rovers-city"
    assert coder.classify(story(text, url=at)).topic == "sports"
    assert coder.classify(story(text, title="Premier League: Rovers v City")).topic == "political"
    more = " The striker scored twice before half-time."
    titled = story(text + more, title="Premier League: Rovers v City")
    assert coder.classify(titled).topic == "sports"


def test_the_topic_is_a_record_field(coder: Coder) -> None:
    (event,) = coder.code_text("France suspended military cooperation with Mali.")
    assert event.to_dict()["topic"] == "political"
    # added at the end of the fields of its time: earlier columns keep their places
    assert EVENT_FIELDS[EVENT_FIELDS.index("target_resolution") + 1] == "topic"


# --- the knowledge file -------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.tsv"
    path.write_text("cue\ttopic\tscope\tnote\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("world cup\tsport\tsentence\t-\n", "unknown topic 'sport'"),
        ("world cup\tsports\theadline\t-\n", "unknown scope 'headline'"),
        ("GOV\tsports\trole\t-\n", "a role cue is political"),
        ("government\tpolitical\trole\t-\n", "three-letter code"),
        ("derby\tsports\ttext\t-\nderby\tbusiness\ttext\t-\n", "is on line 3 too"),
    ],
)
def test_a_bad_topic_row_is_a_problem_with_its_line(tmp_path: Path, row: str, message: str) -> None:
    path = _write(tmp_path, "# a comment\n" + row)
    problems = check_files([path], known_codes=CODES)
    last = 2 + row.count("\n")  # the header is line 1, the comment line 2
    assert [(p.line, message in p.message) for p in problems] == [(last, True)]


def test_a_user_row_replaces_the_builtin_cue_of_the_same_scope(tmp_path: Path) -> None:
    builtin = load_dictionaries(known_codes=CODES).tables
    assert ("world", "cup") in builtin.sentence_cues()
    path = _write(
        tmp_path, "world cup\tpolitical\tsentence\tnot sport here\nderby\tsports\ttitle\t-\n"
    )
    tables = load_dictionaries([path], known_codes=CODES).tables
    assert ("world", "cup") not in tables.sentence_cues()
    assert ("derby",) in {cue.words for cue in tables.topics.values()}


def test_the_older_cue_note_table_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("cue\tnote\nbake-off\tentertainment\n", encoding="utf-8")
    tables = load_dictionaries([path], known_codes=CODES).tables
    assert ("bake", "-", "off") in tables.sentence_cues()


# --- the command line ---------------------------------------------------------------------


def test_code_keeps_nonpolitical_events_only_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "stories.jsonl"
    source.write_text(json.dumps({"id": "a", "date": "2024-03-04", "text": ALMANAC}) + "\n")
    runner = CliRunner()
    default = runner.invoke(main, ["code", str(source), "--quiet"])
    assert default.exit_code == 0, default.stderr
    assert default.stdout.strip() == ""
    kept = runner.invoke(main, ["code", str(source), "--quiet", "--keep-nonpolitical"])
    assert kept.exit_code == 0, kept.stderr
    events = [json.loads(line) for line in kept.stdout.splitlines()]
    assert events and {e["topic"] for e in events} == {"almanac"}


def test_ingest_keeps_them_when_asked_and_query_filters_by_topic(tmp_path: Path) -> None:
    source = tmp_path / "stories.jsonl"
    lines = [{"id": "almanac", "date": "2024-03-04", "text": ALMANAC}]
    lines.append({"id": "news", "date": "2024-03-04", "text": SPORT_AS_POLITICS})
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = str(tmp_path / "events.sqlite")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(source), "--db", db, "--keep-nonpolitical"])
    assert ingested.exit_code == 0, ingested.stderr

    def query(*args: str) -> list[dict[str, object]]:
        result = runner.invoke(main, ["query", "--db", db, "--format", "jsonl", *args])
        assert result.exit_code == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    almanac = query("--topic", "almanac")
    assert almanac and {e["story_id"] for e in almanac} == {"almanac"}
    political = query("--topic", "political")
    assert political and {e["story_id"] for e in political} == {"news"}
    assert len(query()) == len(almanac) + len(political)
    refused = runner.invoke(main, ["query", "--db", db, "--topic", "sport"])
    assert refused.exit_code == 2 and "sport" in refused.stderr
