"""Errors of the event store, in tocsin's one exception hierarchy."""

from __future__ import annotations

from tocsin.errors import TocsinError


class StoreError(TocsinError):
    """A store that cannot be opened, migrated, read or written."""

    code = "E010"

    def __init__(self, url: str, problem: str, hint: str) -> None:
        super().__init__(f"{url}: {problem}. {hint}")
        self.url = url
        self.problem = problem


class ExportError(TocsinError):
    """An export that cannot be written."""

    code = "E011"

    def __init__(self, path: str, problem: str, hint: str) -> None:
        super().__init__(f"{path}: {problem}. {hint}")
        self.path = path
        self.problem = problem
