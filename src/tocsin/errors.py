"""One exception hierarchy. Every message names the input, the record and what to do."""

from __future__ import annotations


class TocsinError(Exception):
    """Base class of every error tocsin raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(TocsinError):
    """A story file or record that cannot be read."""

    code = "E001"

    def __init__(self, path: str, line: int | None, problem: str, hint: str) -> None:
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {problem}. {hint}")
        self.path = path
        self.line = line
        self.problem = problem


class UnreadableInput(InputError):
    """An input that cannot be read at all: missing, binary, not UTF-8, a URL that fails."""

    def __init__(self, path: str, problem: str, hint: str) -> None:
        super().__init__(path, None, problem, hint)


class ChangedStory(InputError):
    """A story whose id is stored with another text: reported, and left as stored unless the
    ingest runs with --update."""

    def __init__(self, path: str, line: int | None, story_id: str) -> None:
        super().__init__(
            path,
            line,
            f"story {story_id!r} is stored with a different text",
            "give it a new id, or ingest with --update to code it again and replace it",
        )
        self.story_id = story_id


class OutputError(TocsinError):
    """An output file that cannot or must not be written."""

    code = "E005"

    def __init__(self, path: str, problem: str, hint: str) -> None:
        super().__init__(f"{path}: {problem}. {hint}")
        self.path = path


class DictionaryError(TocsinError):
    """A dictionary file with malformed lines."""

    code = "E002"

    def __init__(self, problems: list[DictionaryProblem]) -> None:
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{len(problems)} problem(s) in dictionary files; fix them or run "
            f"`tocsin dict check` for the full list:\n{shown}{more}"
        )
        self.problems = problems


class DictionaryProblem:
    """One problem found in a dictionary file, with its place."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def __repr__(self) -> str:
        return f"DictionaryProblem({self.path!r}, {self.line}, {self.message!r})"


class ModelError(TocsinError):
    """The English language model is missing or broken."""

    code = "E003"


class WorkerError(TocsinError):
    """A worker process (of `tocsin.run.parallel` or a Dask cluster) failed or died: the message
    names the stories or the partition it was coding and the error it met."""

    code = "E004"

    def __init__(self, message: str, remote_traceback: str | None = None) -> None:
        super().__init__(message)
        self.remote_traceback = remote_traceback
