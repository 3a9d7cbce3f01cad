"""When an event happened: date expressions found in a sentence, attached to the event they
govern in the parse, and resolved against the story's publication date.

"France, which suspended ties on May 2, attacked Mali on Friday": the attack's date is Friday,
because "on Friday" hangs on "attacked" while "on May 2" hangs on the relative clause. Relative
expressions ("late Thursday", "three days ago", "last year") are resolved against the story date;
explicit ones ("on Feb. 27, 2022") stay as written. Without a date in the text the event gets the
story date, and says so (`source="story"`); a story without a date gives undated events
(`source="none"`) unless the sentence dates them: a date is never invented.

Each resolution has a precision: "day", "week" (the Monday of that week: "last week"), "month"
(the first of the month: "in May", "earlier this month") or "year" (January 1: "in 2013").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tocsin.coding.attachment import attach, span_head
from tocsin.records import Sentence, Token

Precision = Literal["day", "week", "month", "year"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
}
# Prepositions that make a date a bound of the event ("until last year"), not its date.
BOUND_PREPOSITIONS = frozenset({"since", "until", "till", "by", "before", "after", "from", "to"})
# How far after the story date an undated "May 24" may fall before it is taken as last year's.
FUTURE_SLACK = dt.timedelta(days=31)
# Words opening a clause of time, which is dated where the clause it times is
TEMPORAL_MARKS = frozenset({"after", "before", "when", "while", "as"})
# Verbs saying that an event happened, began or ended: their subject event is dated where they
# are ("the war *began* in 2011", "the uprising *broke out* in March 2011")
HAPPENING_VERBS = frozenset(
    {"begin", "start", "erupt", "break", "end", "happen", "occur", "take", "unfold", "finish"}
)
# An act the sentence dates to a time that ended more than this long before the story is history
# told as background ("in 1980 launched the invasion of Iran", "in May 2017"); "last year" is not.
HISTORY = dt.timedelta(days=366)

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = (
    r"(?:\d{1,3}|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)"
)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_LATE = r"(?:(?i:late|early|earlier|later)\s+(?:on\s+)?)?"
# A month or a year alone is a date only after one of these ("in May", "since 2013").
_BEFORE_MONTH = r"(?:[Ii]n|since|during|until|by|of)"
_MONTH_MOD = r"(?:(?:early|late|[Mm]id|last|next|this)[\s-]+)"
_BEFORE_YEAR = r"(?:[Ii]n|since|during|until|by|of|early|late|[Mm]id-?)"

# One alternative per kind of expression, most specific first; the group name is the kind.
DATE_PATTERN = re.compile(
    "|".join(
        [
            rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)",
            rf"(?P<month_day>\b{_LATE}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*[:%]))",
            rf"(?P<day_month>\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b)",
            rf"(?P<month_year>\b{_LATE}{_MONTH}\s+(?:of\s+)?{_YEAR}\b)",
            r"(?P<nth>\b(?i:the)\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b)",
            rf"(?P<weekday>\b{_LATE}(?:(?i:last|next|this past|this coming|this)\s+)?"
            rf"{_WEEKDAY}(?:'s)?{_PART_OF_DAY}\b)",
            r"(?P<deictic>\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|"
            r"last\s+night|this\s+(?:morning|afternoon|evening))\b)",
            rf"(?P<ago>\b(?i:{_NUMBER})\s+(?i:days?|weeks?|months?|years?)\s+(?i:ago)\b)",
            r"(?P<period>\b(?i:(?:earlier|later)\s+this|this|last|next)\s+"
            r"(?i:week|month|year)\b)",
            rf"(?P<month>(?:\b{_BEFORE_MONTH}\s+(?P<month_body>{_MONTH_MOD}?{_FULL_MONTH})|"
            rf"(?P<month_mod>\b{_MONTH_MOD}{_FULL_MONTH}))\b(?!\s+\d))",
            rf"(?P<year>\b{_BEFORE_YEAR}\s+(?P<year_body>{_YEAR})\b(?!\s*[-/]\d))",
        ]
    )
)
_BARE_YEAR = re.compile(rf"^(?:the\s+)?{_YEAR}$")


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression in a sentence: its words, tokens and the date it stands for."""

    text: str
    start: int  # first token
    end: int  # one past the last token
    kind: str
    date: dt.date | None
    precision: Precision


@dataclass(frozen=True, slots=True)
class DateResolution:
    """The date of one event and where it came from.

    `source` is "text" when the sentence gave it (`text` and `tokens` are the words), "story"
    when the story's publication date stands in for it, and "none" when neither dates it (an
    undated story): then `date` and `precision` are None.
    """

    date: dt.date | None
    source: Literal["text", "story", "none"]
    text: str
    tokens: tuple[int, ...]
    precision: Precision | None = "day"


def resolve_event_date(sentence: Sentence, verb: int, story_date: dt.date | None) -> DateResolution:
    """The date of the event whose verb is token `verb`, else the story date."""
    own = _own_year(sentence, verb)
    if own is not None:  # "the 2011 uprising", "revisited the 1998 invasion"
        return DateResolution(dt.date(int(own.text), 1, 1), "text", own.text, (own.i,), "year")
    return _resolve(sentence, verb, story_date)


def _resolve(sentence: Sentence, verb: int, story_date: dt.date | None) -> DateResolution:
    future = is_future(sentence, verb)
    ranked: list[tuple[tuple[int, int], DateExpression]] = []
    bounded = False  # "held it until last year": the event's own clause bounds its time
    for expression in find_date_expressions(sentence, story_date, future):
        head = span_head(sentence, expression.start, expression.end)
        attachment = attach(sentence, head, verb)
        if attachment is None:
            continue
        if _is_bound(sentence, attachment.path):
            bounded = bounded or attachment.kind == "verb"
            continue
        if expression.date is not None:
            rank = 0 if attachment.kind == "verb" else 1
            ranked.append(((rank, attachment.depth), expression))
    if bounded:
        ranked = [pair for pair in ranked if pair[0][0] == 0]
    token = sentence.tokens[verb]
    if not ranked and not bounded:
        ranked = [((2, 0), e) for e in _when_clause_dates(sentence, verb, story_date, future)]
    if not ranked and not bounded and _temporal_clause(sentence, token):
        # "the attack in May 2017 killed 22 people *after* a bomber *detonated* a device": a
        # clause of time is dated where the clause it times is
        return _resolve(sentence, token.head, story_date)
    if not ranked and not bounded and _dated_by_head(sentence, token):
        # an event noun is dated where its verb is ("in 1980 launched *the invasion*", "the war
        # began in 2011"), a relative clause on it where it is ("the invasion ... *that
        # started* a war"), and a purpose where its act is ("intervened in 2015 *to prop up*
        # Assad")
        return _resolve(sentence, token.head, story_date)
    if not ranked:
        if story_date is None:  # never invented: an undated story's event is undated
            return DateResolution(None, "none", "", (), None)
        return DateResolution(story_date, "story", "", ())
    best = min(ranked, key=lambda pair: pair[0])[1]
    return DateResolution(
        best.date, "text", best.text, tuple(range(best.start, best.end)), best.precision
    )


def _own_year(sentence: Sentence, verb: int) -> Token | None:
    """The year an event noun names before it, read as a number or a date: "the *2011*
    uprising", "the *1998* Ethiopian invasion"; not a count ("carried out *2000* air strikes":
    a number right before a plural noun with no determiner before it)."""
    tokens = sentence.tokens
    token = tokens[verb]
    if token.pos != "NOUN":
        return None
    for c in token.children:
        year = tokens[c]
        if not (
            c < verb
            and year.dep in ("nummod", "compound", "amod", "npadvmod")
            and re.fullmatch(_YEAR, year.text)
        ):
            continue
        determined = any(tokens[d].dep in ("det", "poss") and d < c for d in token.children)
        if token.tag in ("NNS", "NNPS") and not determined:
            continue  # a count of acts, not the year of one
        return year
    return None


def _temporal_clause(sentence: Sentence, token: Token) -> bool:
    return (
        token.dep == "advcl"
        and token.head != token.i
        and any(sentence.tokens[c].lower in TEMPORAL_MARKS for c in token.children)
    )


def _dated_by_head(sentence: Sentence, token: Token) -> bool:
    if token.head == token.i:
        return False
    head = sentence.tokens[token.head]
    if token.pos == "NOUN" and token.dep == "nsubj" and head.lemma in HAPPENING_VERBS:
        return True  # "the civil war *began* seven years ago, in 2011"
    if token.dep in ("advcl", "xcomp") and head.pos == "VERB":
        # a purpose infinitive: "intervened in 2015 *to prop up* Assad"
        return any(
            sentence.tokens[c].tag == "TO" and sentence.tokens[c].dep == "aux"
            for c in token.children
        )
    return (token.pos == "NOUN" and token.dep == "dobj") or token.dep == "relcl"


def _when_clause_dates(
    sentence: Sentence, verb: int, story_date: dt.date | None, future: bool
) -> list[DateExpression]:
    """Dates of a "when" clause on the verb: "*When* the US ceased arming the rebels *in March
    1975*, Talabani fled" dates the flight too."""
    tokens = sentence.tokens
    clauses = [
        c
        for c in tokens[verb].children
        if tokens[c].dep == "advcl" and any(tokens[g].lower == "when" for g in tokens[c].children)
    ]
    found = []
    for clause in clauses:
        for expression in find_date_expressions(sentence, story_date, future):
            head = span_head(sentence, expression.start, expression.end)
            if expression.date is not None and attach(sentence, head, clause) is not None:
                found.append(expression)
    return found


def is_history(when: DateResolution, story_date: dt.date | None) -> bool:
    """Whether the sentence dates the event to a time that ended more than a year before the
    story: background history, not the story's news (see HISTORY)."""
    if when.source != "text" or when.date is None or story_date is None:
        return False
    return period_end(when.date, when.precision) < story_date - HISTORY


def period_end(start: dt.date, precision: Precision | None) -> dt.date:
    """The last day of the period a resolved date stands for."""
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        return _add_months(start, 1) - dt.timedelta(days=1)
    if precision == "week":
        return start + dt.timedelta(days=6)
    return start


def find_date_expressions(
    sentence: Sentence, story_date: dt.date | None, future: bool = False
) -> list[DateExpression]:
    """Every date expression in the sentence, resolved (`date` None when it cannot be)."""
    found: list[DateExpression] = []
    taken: set[int] = set()
    for kind, start_char, end_char in _matches(sentence.text):
        tokens = _tokens_between(sentence, start_char, end_char)
        if not tokens or taken & set(tokens):
            continue
        text = sentence.text[start_char:end_char]
        date, precision = resolve_expression(kind, text, story_date, future)
        found.append(DateExpression(text, tokens[0], tokens[-1] + 1, kind, date, precision))
        taken.update(tokens)
    # Years the patterns need a preposition for, but the tagger marks as dates ("the 2013 coup").
    for start, end in _entity_spans(sentence, "DATE"):
        text = sentence.span_text(start, end)
        if taken & set(range(start, end)) or not _BARE_YEAR.match(text):
            continue
        if _in_passing(sentence, span_head(sentence, start, end)):
            continue
        date, precision = resolve_expression("year", text, story_date, future)
        found.append(DateExpression(text, start, end, "year", date, precision))
    return sorted(found, key=lambda e: e.start)


def _in_passing(sentence: Sentence, year: int) -> bool:
    """A bare year naming a thing other than the one that acts ("condemned Poland over the 2015
    law", "cited the 1933 treaty") dates that thing, not an event; "the 2019 coup toppled the
    president" names the act in its subject."""
    token = sentence.tokens[year]
    noun = sentence.tokens[token.head]
    if token.head == year or noun.pos not in ("NOUN", "PROPN"):
        return False
    return noun.dep not in ("nsubj", "nsubjpass")


def resolve_expression(
    kind: str, text: str, story_date: dt.date | None, future: bool = False
) -> tuple[dt.date | None, Precision]:
    """The date one expression stands for, given the story date and the verb's tense."""
    words = text.lower().replace(",", " ").replace(".", " ").replace("-", " ").split()
    year = next((int(w) for w in words if re.fullmatch(_YEAR, w)), None)
    if kind == "iso":
        return _safe_date(*map(int, text.split("-"))), "day"
    if kind in ("month_day", "day_month"):
        month = next(MONTHS[w] for w in words if w in MONTHS)
        day = next(int(re.sub(r"\D", "", w)) for w in words if re.fullmatch(_DAY, w))
        return _month_day(year, month, day, story_date, future), "day"
    if kind == "month_year":
        month = next(MONTHS[w] for w in words if w in MONTHS)
        return _safe_date(year or 0, month, 1), "month"
    if kind == "year":
        return (dt.date(year, 1, 1) if year else None), "year"
    if story_date is None:
        return None, "day"
    if kind == "nth":
        return _nth(int(re.sub(r"\D", "", words[-1])), story_date, future), "day"
    if kind == "weekday":
        weekday = next(WEEKDAYS.index(w.removesuffix("'s")) for w in words if w[:6] in _WD6)
        return _weekday(weekday, words, story_date, future), "day"
    if kind == "deictic":
        back = 2 if "before" in words else 1 if words[0] in ("yesterday", "last") else 0
        return story_date - dt.timedelta(days=back), "day"
    if kind == "ago":
        return _ago(" ".join(words), story_date)
    if kind == "period":
        return _period(words, story_date)
    if kind == "month":
        return _month(next(MONTHS[w] for w in words if w in MONTHS), words, story_date, future)
    return None, "day"


_WD6 = {w[:6] for w in WEEKDAYS}


def is_future(sentence: Sentence, verb: int) -> bool:
    """Whether the event is announced rather than reported ("will meet", "is due to visit")."""
    token = sentence.tokens[verb]
    for child in token.children:
        c = sentence.tokens[child]
        if c.dep == "aux" and c.lower in ("will", "shall", "'ll", "wo"):
            return True
    if token.dep == "xcomp":
        governor = sentence.tokens[token.head]
        if governor.lemma in ("due", "schedule", "set", "plan", "expect", "go"):
            return governor.lemma != "go" or governor.tag == "VBG"
        return is_future(sentence, token.head)
    return False


# ---------------------------------------------------------------- resolution helpers


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(
    year: int | None, month: int, day: int, story: dt.date | None, future: bool
) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if story is None:
        return None
    found = _safe_date(story.year, month, day)
    if found is None:
        return None
    if not future and found > story + FUTURE_SLACK:
        return _safe_date(story.year - 1, month, day)
    if future and found < story - FUTURE_SLACK:
        return _safe_date(story.year + 1, month, day)
    return found


def _nth(day: int, story: dt.date, future: bool) -> dt.date | None:
    """ "On the 24th": that day of the story's month, or of the month before (after) it."""
    found = _safe_date(story.year, story.month, day)
    if not future and (found is None or found > story + dt.timedelta(days=3)):
        prev = _add_months(story, -1)
        return _safe_date(prev.year, prev.month, day)
    if future and (found is None or found < story - dt.timedelta(days=3)):
        nxt = _add_months(story, 1)
        return _safe_date(nxt.year, nxt.month, day)
    return found


def _weekday(weekday: int, words: list[str], story: dt.date, future: bool) -> dt.date:
    """The most recent such day on or before the story date; for announced events ("will meet
    on Monday", "next Monday"), the first on or after it."""
    if "next" in words or "coming" in words or (future and "last" not in words):
        ahead = (weekday - story.weekday()) % 7
        if ahead == 0 and "next" in words:
            ahead = 7
        return story + dt.timedelta(days=ahead)
    back = (story.weekday() - weekday) % 7
    if back == 0 and "last" in words and "past" not in words:
        back = 7
    return story - dt.timedelta(days=back)


def _ago(phrase: str, story: dt.date) -> tuple[dt.date | None, Precision]:
    match = re.match(rf"({_NUMBER.lower()})\s+(day|week|month|year)s?\s+ago", phrase)
    if not match:
        return None, "day"
    count_text, unit = match.groups()
    count = int(count_text) if count_text.isdigit() else NUMBER_WORDS[count_text]
    if unit == "day":
        return story - dt.timedelta(days=count), "day"
    if unit == "week":
        return _monday(story - dt.timedelta(weeks=count)), "week"
    if unit == "month":
        return _add_months(story.replace(day=1), -count), "month"
    return dt.date(story.year - count, 1, 1), "year"


def _period(words: list[str], story: dt.date) -> tuple[dt.date, Precision]:
    step = -1 if words[0] in ("last", "past") else 1 if words[0] == "next" else 0
    unit = words[-1]
    if unit == "week":
        return _monday(story + dt.timedelta(weeks=step)), "week"
    if unit == "month":
        return _add_months(story.replace(day=1), step), "month"
    return dt.date(story.year + step, 1, 1), "year"


def _month(month: int, words: list[str], story: dt.date, future: bool) -> tuple[dt.date, Precision]:
    found = dt.date(story.year, month, 1)
    if "last" in words:
        found = found if found < story.replace(day=1) else found.replace(year=story.year - 1)
    elif "next" in words:
        found = found if found > story else found.replace(year=story.year + 1)
    elif not future and found > story + FUTURE_SLACK:
        found = found.replace(year=story.year - 1)
    return found, "month"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


# ---------------------------------------------------------------- finding expressions


def _matches(text: str) -> Iterator[tuple[str, int, int]]:
    for match in DATE_PATTERN.finditer(text):
        kind = match.lastgroup or ""
        # A month or year alone: the expression is the month or year, not the word before it.
        start, end = match.span(kind)
        for body in (f"{kind}_body", f"{kind}_mod"):
            if body in DATE_PATTERN.groupindex and match.start(body) >= 0:
                start, end = match.span(body)
        yield kind, start, end


def _tokens_between(sentence: Sentence, start: int, end: int) -> list[int]:
    return [
        t.i
        for t in sentence.tokens
        if t.idx < end and t.idx + len(t.text) > start and not t.text.isspace()
    ]


def _entity_spans(sentence: Sentence, label: str) -> Iterator[tuple[int, int]]:
    start = None
    for t in sentence.tokens:
        inside = t.ent_type == label and t.ent_iob in ("B", "I")
        if start is not None and (not inside or t.ent_iob == "B"):
            yield start, t.i
            start = None
        if inside and start is None:
            start = t.i
    if start is not None:
        yield start, len(sentence.tokens)


def _is_bound(sentence: Sentence, path: tuple[int, ...]) -> bool:
    """Whether the date is a bound of the event ("until last year", "since 2013")."""
    for i in path[1:]:
        token = sentence.tokens[i]
        if token.dep == "prep":
            return token.lower in BOUND_PREPOSITIONS
    return False
