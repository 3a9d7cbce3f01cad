"""Who did it, on parses the small English model gets wrong (hand-built token tables, so the
test does not depend on one model version's mistakes)."""

from __future__ import annotations

from tocsin.coding.grammar.sources import verb_source
from tocsin.records import Token

# word, lemma, pos, tag, dep, head
Row = tuple[str, str, str, str, str, int]


def parse(rows: list[Row]) -> list[Token]:
    tokens, idx = [], 0
    for i, (word, lemma, pos, tag, dep, head) in enumerate(rows):
        children = tuple(j for j, r in enumerate(rows) if r[5] == i and j != i)
        tokens.append(
            Token(i, word, word.lower(), lemma, pos, tag, dep, head, children, "", "O", idx, " ")
        )
        idx += len(word) + 1
    return tokens


# "The Kenyan army carried out strikes, killing fighters": the past tense read as a participle
# of the root noun ("the army [that was] carried out")
MISPARSED = [
    ("The", "the", "DET", "DT", "det", 2),
    ("Kenyan", "kenyan", "ADJ", "JJ", "amod", 2),
    ("army", "army", "NOUN", "NN", "ROOT", 2),
    ("carried", "carry", "VERB", "VBN", "acl", 2),
    ("out", "out", "ADP", "RP", "prt", 3),
    ("strikes", "strike", "NOUN", "NNS", "dobj", 3),
    (",", ",", "PUNCT", ",", "punct", 3),
    ("killing", "kill", "VERB", "VBG", "advcl", 3),
    ("fighters", "fighter", "NOUN", "NNS", "dobj", 7),
]


def test_a_participle_with_an_object_on_the_root_noun_is_the_main_verb() -> None:
    tokens = parse(MISPARSED)
    assert verb_source(tokens, 3) == ([2], ("root-noun-subject",))
    heads, rules = verb_source(tokens, 7)  # "killing" inherits the same doer
    assert heads == [2] and rules[-1] == "root-noun-subject"


def test_a_true_participle_of_a_noun_names_no_doer() -> None:
    # "Fighters captured in Syria": no object, so a real reduced relative clause
    rows: list[Row] = [
        ("Fighters", "fighter", "NOUN", "NNS", "ROOT", 0),
        ("captured", "capture", "VERB", "VBN", "acl", 0),
        ("in", "in", "ADP", "IN", "prep", 1),
        ("Syria", "Syria", "PROPN", "NNP", "pobj", 2),
    ]
    assert verb_source(parse(rows), 1) == ([], ())


def test_a_verb_under_by_takes_the_doer_of_its_clause() -> None:
    # "Police forced them back by firing tear gas"
    rows: list[Row] = [
        ("Police", "police", "NOUN", "NNS", "nsubj", 1),
        ("forced", "force", "VERB", "VBD", "ROOT", 1),
        ("them", "they", "PRON", "PRP", "dobj", 1),
        ("back", "back", "ADV", "RB", "advmod", 1),
        ("by", "by", "ADP", "IN", "prep", 1),
        ("firing", "fire", "VERB", "VBG", "pcomp", 4),
        ("gas", "gas", "NOUN", "NN", "dobj", 5),
    ]
    assert verb_source(parse(rows), 5)[0] == [0]
