"""Who did it to whom: source and target of each verb match, found on the dependency parse.

Handles subjects and objects, passive voice ("Mali was suspended by the AU"), negation, questions
and conditionals, conjoined actors and verbs, relative clauses (background, unless on an event
word: "an attack that killed 17"),
complement clauses of governing verbs ("threatened to impose sanctions") and reciprocal events.

The stages, one module each: `blocking` (acts stated but not done), `sources` (the doer's
words), `targets` (the target strategies), `phrases` (the actors of those words), `dyads`
(source-target pairs of one match), `mood` (intent, threat, demand), `events` (the sentence).
"""

from tocsin.coding.grammar.candidates import EventCandidate
from tocsin.coding.grammar.events import find_actions, find_events
from tocsin.coding.grammar.phrases import phrase_actors

__all__ = ["EventCandidate", "find_actions", "find_events", "phrase_actors"]
