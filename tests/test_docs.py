"""The docs stay true (as sqlite-utils' tests/test_docs.py): every `tocsin` command and option and
every file of the repository that README.md and docs/*.md name exists.

What counts as named:
- a command: `tocsin WORD ...` in code (inline, fenced or indented), checked against the click
  command tree, with each option after it checked against that command's options;
- an option: an inline `--name` in prose, which some command (or a benchmark script) must take;
- a file: a link target (and its #anchor), and a path in inline code or a repository path
  (`benchmarks/...`, `src/...`) in a command line; examples of the user's own files are not ours
  to check (events.sqlite, stories.jsonl, OUT/part-NNNNN.parquet).
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from tocsin.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Not walked for the file index: tools' caches and the virtual environment.
SKIPPED_DIRS = {".git", ".venv", "node_modules", "__pycache__", "build", "dist"}
# Where a path written in the docs may be relative to: the repository and the package.
PATH_BASES = (ROOT, ROOT / "src", ROOT / "src" / "tocsin")
# Suffixes of the user's own files in examples (a store, an export, stories): not checked.
USER_FILE_SUFFIXES = {".sqlite", ".db", ".parquet", ".csv", ".jsonl", ".json", ".rss", ".html"}
# Named in the docs but not files of the repository, with the reason.
NOT_FILES = {
    "2024/05/report": "an example story id",
    "test-artifacts/": "made by the browser tests when they run",
}


@dataclass(frozen=True)
class Mention:
    """Something a doc names, with where it says it."""

    doc: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.doc.relative_to(ROOT)}, line {self.line}: {self.text}"


def code_lines(doc: Path) -> Iterator[Mention]:
    """Each line of code in a doc: fenced and indented blocks (a trailing backslash joins the next
    line), and each inline code span on its own."""
    fenced = False
    pending = ""
    start = 0
    for number, line in enumerate(doc.read_text("utf-8").splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        block = fenced or (line.startswith("    ") and not line.lstrip().startswith(("-", "|")))
        if block:
            start = start or number
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            yield Mention(doc, start, pending + line.strip())
            pending, start = "", 0
            continue
        for span in re.findall(r"`([^`]+)`", line):
            yield Mention(doc, number, span)


def prose_spans(doc: Path) -> Iterator[Mention]:
    """The inline code spans outside code blocks."""
    fenced = False
    for number, line in enumerate(doc.read_text("utf-8").splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and not line.startswith("    "):
            for span in re.findall(r"`([^`]+)`", line):
                yield Mention(doc, number, span)


# --- commands and options ----------------------------------------------------------------------

INVOCATION = re.compile(r"(?:^|\|\s*|\$\(\s*|^(?:\w+=\S+\s+)+|\.venv/bin/)tocsin\s+(.*)$")
SCRIPT = re.compile(r"(?:^|\s)(benchmarks/\w+\.py)((?:\s+[^#|]*)?)")


def words(command_line: str) -> list[str]:
    """The words of a shell command line without its comment; [--optional] brackets dropped."""
    line = re.sub(r"\s#.*$", "", command_line)
    try:
        tokens = shlex.split(line)
    except ValueError:
        tokens = line.split()
    return [t.strip("[]") for t in tokens]


def option_names(command: click.Command) -> set[str]:
    return {
        name
        for param in command.params
        if isinstance(param, click.Option)
        for name in (*param.opts, *param.secondary_opts)
    } | {"--help"}


def resolve(tokens: list[str]) -> tuple[click.Command, list[str]]:
    """The command the words name, down the group tree, and the words after it."""
    command: click.Command = main
    path = ["tocsin"]
    while isinstance(command, click.Group) and tokens and not tokens[0].startswith("-"):
        name = tokens.pop(0)
        sub = command.commands.get(name)
        if sub is None:
            raise LookupError(f"`{' '.join(path)}` has no command {name!r}")
        command, path = sub, [*path, name]
    return command, tokens


def invocations() -> Iterator[tuple[Mention, str]]:
    for doc in DOCS:
        for mention in code_lines(doc):
            for part in re.split(r"\s*(?:&&|;)\s*", mention.text):
                found = INVOCATION.search(part.strip())
                if found and re.match(r"[a-z-]", found.group(1)):
                    yield mention, found.group(1)


def script_options(script: Path) -> set[str]:
    """The --options a benchmark script's argparse parser takes."""
    return set(re.findall(r"add_argument\(\s*\"(--[\w-]+)\"", script.read_text("utf-8"))) | {
        "--help"
    }


def all_cli_options(command: click.Command = main) -> set[str]:
    names = option_names(command)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            names |= all_cli_options(sub)
    return names


def test_the_docs_show_commands_at_all() -> None:
    """The checks below read what they should: the README shows `tocsin code` and `ingest`."""
    named = {rest.split()[0] for _, rest in invocations()}
    assert {"code", "ingest", "query", "actors", "dict"} <= named


def test_every_command_and_its_options_exist() -> None:
    problems = []
    for mention, rest in invocations():
        try:
            command, tokens = resolve(words(rest))
        except LookupError as exc:
            problems.append(f"{mention}: {exc}")
            continue
        known = option_names(command)
        for token in tokens:
            option = token.split("=", 1)[0]
            if re.fullmatch(r"--?[a-zA-Z][\w-]*", option) and option not in known:
                problems.append(f"{mention}: `{command.name}` has no option {option}")
    assert not problems, "\n".join(problems)


def test_every_benchmark_command_and_its_options_exist() -> None:
    problems = []
    for doc in DOCS:
        for mention in code_lines(doc):
            for script, rest in SCRIPT.findall(mention.text):
                path = ROOT / script
                if not path.is_file():
                    problems.append(f"{mention}: no {script}")
                    continue
                for option in re.findall(r"(?:^|\s)\[?(--[\w-]+)", rest):
                    if option not in script_options(path):
                        problems.append(f"{mention}: {script} has no option {option}")
    assert not problems, "\n".join(problems)


def test_every_option_named_in_prose_exists() -> None:
    known = all_cli_options().union(
        *(script_options(p) for p in (ROOT / "benchmarks").glob("*.py"))
    )
    problems = [
        f"{mention}: no command takes {option}"
        for doc in DOCS
        for mention in prose_spans(doc)
        if mention.text.startswith("-")
        for option in re.findall(r"(?:^|\s)(--[a-z][\w-]*|-[a-zA-Z])(?=$|[\s=])", mention.text)
        if option not in known
    ]
    assert not problems, "\n".join(problems)


def test_the_option_checks_catch_a_wrong_name() -> None:
    """The resolver refuses what does not exist (else the tests above could not fail)."""
    with pytest.raises(LookupError, match="no command 'encode'"):
        resolve(["encode", "x.jsonl"])
    command, _ = resolve(["actors", "resolve", "Mali", "--jsn"])
    assert command.name == "resolve" and "--jsn" not in option_names(command)
    assert "--no-builtin-dicts" in option_names(resolve(["ingest"])[0])


# --- files -------------------------------------------------------------------------------------


def repository_paths() -> set[str]:
    """Every file and folder of the repository (as it is on disk), relative, with '/'."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.endswith("_cache")]
        base = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if base == "." else base + "/"
        found.update(prefix + d + "/" for d in dirs)
        found.update(prefix + f for f in files)
    return found


def exists(name: str, paths: set[str], here: Path) -> bool:
    """Whether a path named in a doc exists: from the doc's folder, the repository or the package,
    or as the end of a repository path (`coder.py`, `grammar/`)."""
    name = name.removeprefix("./")
    wanted = name if not name.endswith("/") else name.rstrip("/") + "/"
    for base in (here, *PATH_BASES):
        prefix = base.relative_to(ROOT).as_posix()
        full = wanted if prefix == "." else f"{prefix}/{wanted}"
        if any(fnmatch.fnmatchcase(p, full) or p == full + "/" for p in paths):
            return True
    return any(
        fnmatch.fnmatchcase(p, "*/" + wanted) or p.endswith("/" + wanted.rstrip("/") + "/")
        for p in paths
    )


def looks_like_our_path(span: str) -> bool:
    """A code span that names a file or folder of the repository (not a URL, an API route, a
    shell command or an example of the user's own files)."""
    if not re.fullmatch(r"[\w.*/-]+", span) or span in NOT_FILES or span.startswith(("/", "-")):
        return False
    if span.startswith("../"):  # ../shared: the evaluation data beside the repository
        return False
    if not re.search(r"[A-Za-z]", span):  # a date (04/06/2021) or a number
        return False
    suffix = Path(span).suffix
    if suffix in USER_FILE_SUFFIXES:
        return False
    return "/" in span or suffix in {".py", ".md", ".tsv", ".toml", ".txt", ".cfg"}


def test_every_file_named_in_the_docs_exists() -> None:
    paths = repository_paths()
    problems = []
    for doc in DOCS:
        for mention in prose_spans(doc):
            if looks_like_our_path(mention.text) and not exists(mention.text, paths, doc.parent):
                problems.append(f"{mention}: no such file or folder in the repository")
        for mention in code_lines(doc):
            for word in words(mention.text):
                top = word.split("/", 1)[0]
                ours = "/" in word and top in {"src", "tests", "benchmarks", "docs", ".ci"}
                if ours and not exists(word, paths, doc.parent):
                    problems.append(f"{mention}: {word} is not in the repository")
    assert not problems, "\n".join(problems)


def heading_anchors(doc: Path) -> set[str]:
    """The #anchors of a doc's headings, as GitHub makes them."""
    anchors = set()
    for line in doc.read_text("utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


def test_every_link_between_the_docs_leads_somewhere() -> None:
    problems = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text("utf-8").splitlines(), start=1):
            for target in re.findall(r"\]\(([^)\s]+)\)", line):
                if re.match(r"[a-z]+:", target):
                    continue  # a web address
                file, _, anchor = target.partition("#")
                linked = (doc.parent / file).resolve() if file else doc
                where = f"{doc.relative_to(ROOT)}, line {number}: {target}"
                if not linked.exists():
                    problems.append(f"{where}: no such file")
                elif anchor and anchor not in heading_anchors(linked):
                    problems.append(f"{where}: no heading #{anchor} in {linked.name}")
    assert not problems, "\n".join(problems)


def test_the_file_check_catches_a_missing_file() -> None:
    paths = repository_paths()
    here = ROOT / "docs"
    assert exists("data/verbs/*.tsv", paths, here) and exists("coder.py", paths, here)
    assert exists("benchmarks/throughput.py", paths, here)
    assert not exists("data/verbs/*.yaml", paths, here) and not exists("cli_store.py", paths, here)
    assert looks_like_our_path("data/modality.tsv") and not looks_like_our_path("events.sqlite")
