"""Fixtures of the store tests: a coder on the tests' own small dictionaries, a real PostgreSQL
server on loopback, and a fresh store of each backend per test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tocsin.coding.coder import Coder
from tocsin.coding.nlp import Parser
from tocsin.knowledge.dictionaries import load_dictionaries
from tocsin.knowledge.ontology import Ontology
from tocsin.store.pgserver import TemporaryPostgres, find_bindir

from .helpers import STORE_DICT


@pytest.fixture(scope="session")
def store_coder(parser: Parser, ontology: Ontology) -> Coder:
    """A coder that knows only tests/store/fixtures/dict."""
    dictionaries = load_dictionaries(
        [STORE_DICT], builtin=False, known_codes=(t.code for t in ontology)
    )
    return Coder(parser=parser, ontology=ontology, dictionaries=dictionaries)


@pytest.fixture(scope="session")
def postgres() -> Iterator[TemporaryPostgres]:
    if find_bindir() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    with TemporaryPostgres() as server:
        yield server


_databases = itertools.count()


def new_postgres_database(server: TemporaryPostgres) -> str:
    import psycopg

    name = f"t{os.getpid()}_{next(_databases)}"
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store of each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "events.sqlite")
    return new_postgres_database(request.getfixturevalue("postgres"))
