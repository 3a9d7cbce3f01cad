"""tocsin: political event data from news text: who did what to whom, when and where, and why."""

from tocsin.coding.coder import Coder
from tocsin.errors import DictionaryError, InputError, ModelError, TocsinError
from tocsin.io.frames import read_events
from tocsin.records import ActorMention, Event, Evidence, Sentence, Story, Token

__all__ = [
    "ActorMention",
    "Coder",
    "DictionaryError",
    "Event",
    "Evidence",
    "InputError",
    "ModelError",
    "Sentence",
    "Story",
    "TocsinError",
    "Token",
    "read_events",
]
__version__ = "0.1.0"
