"""Shared fixtures: the parser is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tocsin.coding.coder import Coder
from tocsin.coding.nlp import Parser
from tocsin.knowledge.dictionaries import load_dictionaries
from tocsin.knowledge.ontology import Ontology

HERE = Path(__file__).parent
FIXTURE_DICT = HERE / "fixtures" / "dict"
SHARED = HERE.parent.parent / "shared"


@pytest.fixture(scope="session")
def parser() -> Parser:
    return Parser()


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return Ontology.load()


@pytest.fixture(scope="session")
def coder(parser: Parser, ontology: Ontology) -> Coder:
    """The coder with the built-in dictionaries."""
    return Coder(parser=parser, ontology=ontology)


@pytest.fixture(scope="session")
def small_coder(parser: Parser, ontology: Ontology) -> Coder:
    """A coder that knows only the tests' own small dictionaries, to test the mechanism."""
    dictionaries = load_dictionaries(
        [FIXTURE_DICT], builtin=False, known_codes=(t.code for t in ontology)
    )
    return Coder(parser=parser, ontology=ontology, dictionaries=dictionaries)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is missing)")
    return path


@pytest.fixture(scope="session")
def shared() -> Callable[..., Path]:
    """`shared("gold", "x.jsonl")`: a file of ../shared, or the test skips, saying it is absent."""
    return shared_path
