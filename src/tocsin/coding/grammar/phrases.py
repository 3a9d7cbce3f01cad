"""The actors of phrase heads: a lookup that returns what the words (or the story context) name
and changes nothing. Remembering what was found is the coder's separate step
(`StoryContext.note_event`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tocsin.coding.actors import compose, group_head, phrase_tokens, resolve_phrase
from tocsin.coding.context import SPEAKER_NOUNS, StoryContext
from tocsin.coding.grammar.speech import speaker_of_first_person
from tocsin.records import ActorMention, Sentence, Token

OBJECT_TARGET_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "obj"})
# Where a phrase stands when it names a doer or a target (subject, object, preposition object,
# owner, or joined to one of these): the phrases a reader keeps in mind for "they" or "him".
ACTOR_SLOT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "dobj", "dative", "attr", "oprd", "obj", "pobj", "poss"}
    | {"conj", "appos"}
)
# Words that stay inside the noun phrase of their head ("*British* journalists").
PHRASE_INTERNAL_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "flat"})
# The most words a name and its title in apposition show together.
NAMED_TITLE_WORDS = 10
FALLBACK_PREPS = frozenset(
    {"with", "against", "on", "to", "toward", "towards", "into", "at", "under", "upon"}
)


def actors_at(
    sentence: Sentence,
    heads: Sequence[int],
    mentions: Sequence[ActorMention],
    context: StoryContext | None = None,
) -> list[ActorMention]:
    """The actors of each phrase head and of the heads joined to it by "and" or apposition."""
    tokens = sentence.tokens
    out: list[ActorMention] = []
    queue = list(heads)
    seen: set[int] = set()
    apposed_to: dict[int, int] = {}
    while queue:
        h = queue.pop(0)
        if h in seen:
            continue
        seen.add(h)
        found = resolve_phrase(sentence, h, mentions)
        if h in apposed_to:  # "Ahmet Sahin, deputy mayor of Istanbul": the name with its title
            found = [with_name(sentence, apposed_to[h], m) for m in found]
        group = group_head(tokens, h)
        if not found and group != h and any(m.start <= group < m.end for m in mentions):
            # "dozens of protesters": the protesters (not "a number of *Syria-related* topics")
            queue.insert(0, group)
            continue
        if not found:
            # "the missiles fired by the Israeli military": the one who used the weapon;
            # "positions belonging to Hamas": their owner; "a spokesman for the army": the army
            queue.extend(
                owners(tokens, h, persons=any(m.kind == "agent" and m.head == h for m in mentions))
            )
            queue.extend(spoken_for(tokens, h))
        if not found:  # "Presidents Vladimir Putin and Hassan Rouhani": the names in apposition
            appositions = [c for c in tokens[h].children if tokens[c].dep == "appos"]
            if any(resolve_phrase(sentence, a, mentions) for a in appositions):
                apposed_to.update((a, h) for a in appositions)
                queue.extend(appositions)
                continue
        if not found:  # "'They attacked *our* positions,' the army said": the speaker's
            found = _first_person(sentence, h, mentions, context)
        if not found and context is not None:
            resolved = context.resolve(sentence, h, list(mentions))
            found = [resolved] if resolved is not None else []
        out.extend(m for m in found if all(m.code != o.code for o in out))
        queue.extend(c for c in tokens[h].children if tokens[c].dep == "conj")
        queue.extend(_joined_modifiers(tokens, h, found))
    return out


def _first_person(
    sentence: Sentence, head: int, mentions: Sequence[ActorMention], context: StoryContext | None
) -> list[ActorMention]:
    """What a first-person phrase of reported speech names: the speaker ("attack *us*"), the
    speaker's things ("*our* positions"), or a role of the speaker's country ("*our* soldiers":
    the speaking minister's country's military), with the phrase's own words."""
    speaker = speaker_of_first_person(sentence.tokens, head)
    if speaker is None or speaker == head:
        return []
    words = phrase_tokens(sentence, head)
    start, end = min(words), max(words) + 1
    text = sentence.span_text(start, end)
    role = next((m for m in mentions if m.kind == "agent" and m.head == head), None)
    out = []
    for actor in actors_at(sentence, [speaker], mentions, context):
        if role is not None and actor.country:
            actor = compose(sentence, actor.country, role)
        out.append(replace(actor, start=start, end=end, head=head, text=text))
    return out


def with_name(sentence: Sentence, name: int, actor: ActorMention) -> ActorMention:
    """An actor found in the apposition to a name ("Kenzo Oshima, the UN relief coordinator"),
    its words widened to the name, so that the event shows whom it was about."""
    words = phrase_tokens(sentence, name)
    start, end = min(actor.start, min(words)), max(actor.end, max(words) + 1)
    if end - start > NAMED_TITLE_WORDS:
        return actor
    return replace(actor, start=start, end=end, text=sentence.span_text(start, end))


# Participles by which persons belong to someone: "workers *employed by* the UN", "rebels *backed
# by* Turkey"; not "soldiers *held by* them" or "civilians *killed by* the army".
BELONGING_PARTICIPLES = frozenset(
    {
        "employ",
        "hire",
        "send",
        "dispatch",
        "deploy",
        "train",
        "arm",
        "back",
        "support",
        "fund",
        "finance",
        "sponsor",
        "lead",
        "command",
        "recruit",
        "appoint",
        "contract",
        "belong",
        "affiliate",
    }
)


def owners(tokens: Sequence[Token], head: int, persons: bool = False) -> list[int]:
    """Who a thing belongs to, by a participle on it: "the missiles fired *by the Israeli
    military*", "bases used *by Hezbollah*", "positions belonging *to Hamas*"; persons named by a
    role only by a participle of belonging ("workers employed *by the UN*")."""
    out: list[int] = []
    for c in [*tokens[head].children, *_loose_participles(tokens, head)]:
        if tokens[c].dep not in ("acl", "advcl") or (
            persons and tokens[c].lemma not in BELONGING_PARTICIPLES
        ):
            continue
        for a in tokens[c].children:
            owner = tokens[a].dep == "agent" or (
                tokens[c].lemma == "belong" and tokens[a].dep == "prep" and tokens[a].lower == "to"
            )
            if owner:
                out.extend(g for g in tokens[a].children if tokens[g].dep == "pobj")
    return out


# participles of using a weapon or a thing: "a rocket *fired* by", "a bomb *planted* by"
USING_PARTICIPLES = frozenset(
    {"fire", "launch", "drop", "plant", "detonate", "throw", "shoot", "lay", "drive", "fly", "use"}
)


def _loose_participles(tokens: Sequence[Token], head: int) -> list[int]:
    """ "were hit by an RPG round, *fired by Isis militants*": the tagger hangs the participle on
    the passive verb, but a verb has one agent, so a participle of use with an agent of its own
    that follows the verb's agent phrase describes that agent's noun."""
    link = tokens[head].head
    if tokens[head].dep != "pobj" or tokens[link].dep != "agent":
        return []
    verb = tokens[link].head
    return [
        c
        for c in tokens[verb].children
        if tokens[c].dep == "advcl"
        and tokens[c].tag == "VBN"
        and tokens[c].lemma in USING_PARTICIPLES
        and c > head
        and any(tokens[g].dep == "agent" for g in tokens[c].children)
    ]


def spoken_for(tokens: Sequence[Token], head: int) -> list[int]:
    """The body a speaker speaks for: "a spokesman *for the Malian army*", "a representative
    *of the union*"."""
    if tokens[head].lemma.lower() not in SPEAKER_NOUNS and tokens[head].lower not in SPEAKER_NOUNS:
        return []
    return prep_objects(tokens, [head], frozenset({"for", "of"}))


def _joined_modifiers(
    tokens: Sequence[Token], head: int, found: Sequence[ActorMention]
) -> list[int]:
    """ "Donald Trump and Theresa May discussed": the tagger often hangs the first name on the
    second as a modifier with the "and" below it; that name is an actor of its own."""
    return [
        c
        for c in tokens[head].children
        if tokens[c].dep in ("nmod", "compound")
        and any(tokens[g].dep == "cc" and tokens[g].lower == "and" for g in tokens[c].children)
        and not any(m.start <= c < m.end for m in found)
    ]


def prep_objects(tokens: Sequence[Token], heads: Sequence[int], preps: frozenset[str]) -> list[int]:
    return [
        g
        for h in heads
        for p in tokens[h].children
        if tokens[p].dep == "prep" and tokens[p].lower in preps
        for g in tokens[p].children
        if tokens[g].dep == "pobj"
    ]


CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj"})


def nouns_below(
    tokens: Sequence[Token], roots: Sequence[int], crossing: frozenset[str] = frozenset()
) -> list[int]:
    """The nouns below `roots`, nearest first, not crossing into clauses (but for those whose
    dependency `crossing` names)."""
    barred = CLAUSE_DEPS - crossing
    out: list[int] = []
    queue = list(roots)
    seen = set(queue)
    while queue:
        t = tokens[queue.pop(0)]
        if t.pos in ("NOUN", "PROPN") and t.i not in roots:
            out.append(t.i)
        for c in t.children:
            if c not in seen and tokens[c].dep not in barred:
                seen.add(c)
                queue.append(c)
    return out


def phrase_actors(
    sentence: Sentence, mentions: Sequence[ActorMention]
) -> list[tuple[int, ActorMention]]:
    """The actor of every noun phrase that holds a mention ("two British journalists" ->
    GBRMED), by phrase head: what a reader learns from the sentence's phrases, for the story
    context to remember before the sentence's events are found."""
    tokens = sentence.tokens
    heads: list[int] = []
    for m in mentions:
        node = tokens[m.head]
        for _ in range(4):  # climb to the head of the phrase the mention sits in
            if node.dep not in PHRASE_INTERNAL_DEPS or node.head == node.i:
                break
            node = tokens[node.head]
        if node.dep in ACTOR_SLOT_DEPS and node.i not in heads:
            heads.append(node.i)
    out: list[tuple[int, ActorMention]] = []
    for head in sorted(heads):
        found = resolve_phrase(sentence, head, mentions)
        if found:
            out.append((head, found[0]))
    return out
