"""The embedded backend: one SQLite file in WAL mode.

One process writes while others read: readers see the last committed story, never half of one.
`synchronous=NORMAL` in WAL mode keeps every committed transaction through a crash of the process
(kill -9); only a power cut can lose the last few commits, never corrupt the file.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tocsin.store.base import Store
from tocsin.store.errors import StoreError
from tocsin.store.schema import Migration

BUSY_TIMEOUT_S = 60.0
ANALYSIS_ROWS = 1000  # rows of each index sampled by ANALYZE

log = logging.getLogger(__name__)


class SQLiteStore(Store):
    """A store in one SQLite file."""

    def __init__(self, path: str | Path, create: bool = True, upto: int | None = None) -> None:
        self.path = Path(path)
        self.url = str(path)
        if not create and not self.path.exists():
            raise StoreError(
                self.url, "no such store", "check the path, or create it with `tocsin ingest`"
            )
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S, check_same_thread=False
            )
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(
                self.url, f"cannot open the store ({exc})", "check the path is a tocsin store"
            ) from None
        self._depth = 0
        self._wrote = False
        self._migrate(upto)

    def close(self) -> None:
        if self._wrote:
            self.optimize()
        self.conn.close()

    def optimize(self) -> None:
        """Refresh the query planner's statistics (ANALYZE on a sample: milliseconds even for
        millions of events). Without them SQLite may pick the target index for a dyad query and
        read thousands of rows where the dyad index reads a few dozen."""
        try:
            self.conn.execute(f"PRAGMA analysis_limit={ANALYSIS_ROWS}")
            self.conn.execute("ANALYZE")
        except sqlite3.Error as exc:  # statistics are an optimisation: never fail over them
            log.warning("%s: could not refresh the statistics (%s)", self.url, exc)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._guard("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._fields_seen = None
            self.conn.rollback()
            raise
        else:
            self._guard("COMMIT")
            self._wrote = True
        finally:
            self._depth = 0

    def _guard(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(
                self.url,
                f"the database refused {sql.split()[0]} ({exc})",
                "check the file is a tocsin store and the disk is not full; "
                "a locked store means another process holds a write for over a minute",
            ) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._guard(sql, params).rowcount

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(
                self.url, f"the database refused a write ({exc})", "check the disk is not full"
            ) from exc

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._guard(sql, params).fetchall()

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        cursor = self._guard(sql, params)
        while batch := cursor.fetchmany(2000):
            yield from batch

    def _migration_sql(self, migration: Migration) -> tuple[str, ...]:
        return migration.sqlite

    def _lock_schema(self) -> None:
        """BEGIN IMMEDIATE already holds the write lock."""

    def _applied_version(self) -> int:
        try:
            row = self.conn.execute("SELECT max(version) FROM tocsin_schema").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return 0
            raise StoreError(self.url, f"cannot read the store ({exc})", "check the file") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                self.url, f"not a tocsin store ({exc})", "give the path of a tocsin store"
            ) from exc
        return int(row[0] or 0)

    def _date_param(self, value: Any) -> Any:
        return value.isoformat() if value is not None else None
