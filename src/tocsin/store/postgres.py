"""The shared backend: PostgreSQL through psycopg 3.

Each story is written in one transaction; readers use their own connections and see committed
stories only. Migrations take a transaction-scoped advisory lock so that concurrent first opens
of a new database do not race.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tocsin.store.base import Store
from tocsin.store.errors import StoreError
from tocsin.store.schema import Migration

_LOCK_KEY = 0x70C5_1A  # advisory lock id for schema migrations
_cursor_names = itertools.count()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"


class PostgresStore(Store):
    """A store in a PostgreSQL database (`postgresql://user:password@host:port/dbname`)."""

    def __init__(self, url: str, create: bool = True, upto: int | None = None) -> None:
        import psycopg

        self.url = _redact(url)
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(
                self.url,
                f"cannot connect ({str(exc).strip()})",
                "check the server is running and the URL's user, password and database",
            ) from None
        self._in_transaction = False
        if not create and self._applied_version() == 0:
            self.conn.close()
            raise StoreError(
                self.url, "the database holds no tocsin store", "create it with `tocsin ingest`"
            )
        self._migrate(upto)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._in_transaction:
            yield
            return
        self._in_transaction = True
        try:
            with self.conn.transaction():
                yield
        except BaseException:
            self._fields_seen = None
            raise
        finally:
            self._in_transaction = False

    def _fail(self, exc: Exception) -> StoreError:
        return StoreError(
            self.url,
            f"the database refused a statement ({str(exc).strip()})",
            "check the server is up and the database is a tocsin store",
        )

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            cursor = self.conn.execute(_pg(sql), params)
        except self._psycopg.Error as exc:
            raise self._fail(exc) from exc
        return cursor.rowcount

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with self.conn.cursor() as cursor:
                cursor.executemany(_pg(sql), rows)
        except self._psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(_pg(sql), params).fetchall()
        except self._psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """A server-side cursor, so an export of millions of rows runs in constant memory."""
        try:
            with (
                self.conn.transaction(),
                self.conn.cursor(name=f"tocsin_{next(_cursor_names)}") as cursor,
            ):
                cursor.itersize = 2000
                cursor.execute(_pg(sql), params)
                yield from cursor
        except self._psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _migration_sql(self, migration: Migration) -> tuple[str, ...]:
        return migration.postgres

    def _lock_schema(self) -> None:
        self._execute(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")

    def _applied_version(self) -> int:
        exists = self._rows("SELECT to_regclass('tocsin_schema') IS NOT NULL")[0][0]
        if not exists:
            return 0
        return int(self._rows("SELECT coalesce(max(version), 0) FROM tocsin_schema")[0][0])


def _pg(sql: str) -> str:
    """psycopg's placeholders: the shared statements use `?` and no literal `%`."""
    return sql.replace("?", "%s")
