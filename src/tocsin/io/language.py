"""The language a story is written in, so that a story tocsin cannot code (it reads English) is
reported instead of silently coding nothing or nonsense.

Detection uses py3langid (a maintained fork of langid.py, from PyPI; its model ships inside the
package, so it works offline). The model is loaded once, when the first story is checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Below this many letters a guess is unreliable: such a story is taken for English.
MIN_LETTERS = 40
# Only a confident guess of another language counts (probabilities normalised to 0-1).
MIN_CONFIDENCE = 0.9
# The first characters are enough to know a story's language.
SAMPLE_CHARS = 2000
# Guesses that are English for tocsin: Nigerian Pidgin is English-based, and formal English
# about Nigeria ("Nigeria summoned the Nigerien ambassador in Abuja") is sometimes taken for it;
# "zxx" is the model's label for text with no language.
ENGLISH = frozenset({"en", "pcm", "zxx"})


@dataclass
class LanguageDetector:
    """Guesses a text's language (ISO 639-1 code, "en" when unsure)."""

    _identifier: Any = field(default=None, repr=False)

    def detect(self, text: str) -> tuple[str, float]:
        """The language of `text` and the confidence of the guess (1.0 when too short to tell,
        then taken for English)."""
        sample = text[:SAMPLE_CHARS]
        if sum(c.isalpha() for c in sample) < MIN_LETTERS:
            return "en", 1.0
        if self._identifier is None:
            from py3langid.langid import (
                MODEL_FILE,
                LanguageIdentifier,
            )

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        language, confidence = self._identifier.classify(sample)
        return str(language), float(confidence)

    def foreign_language(self, text: str) -> str | None:
        """The language of a text confidently not in English, else None."""
        language, confidence = self.detect(text)
        if language not in ENGLISH and confidence >= MIN_CONFIDENCE:
            return language
        return None
