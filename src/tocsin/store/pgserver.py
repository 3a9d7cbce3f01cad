"""A throwaway PostgreSQL server on loopback, for tests, benchmarks and trying the backend out.

It runs the server binaries of the machine's PostgreSQL (Debian's `postgresql` package puts them in
/usr/lib/postgresql/VERSION/bin), in a temporary directory, on a free port of 127.0.0.1, with trust
authentication for the user `tocsin`. As root the server runs as the `postgres` system user, since
PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from tocsin.errors import TocsinError

log = logging.getLogger(__name__)


class ServerError(TocsinError):
    """The temporary PostgreSQL server could not be set up."""

    code = "E013"


def find_bindir() -> Path | None:
    """The directory of initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TemporaryPostgres:
    """Start with `start()` (or `with`), connect to `url`, remove everything with `stop()`.

    `durable=False` turns off fsync and synchronous commits: fast, and fine for data that is
    thrown away (a crash of the machine, not of a client, could lose it).
    """

    def __init__(self, durable: bool = False, bindir: Path | None = None) -> None:
        self.durable = durable
        self.bindir = bindir or find_bindir()
        self.port = 0
        self.root: Path | None = None

    @property
    def url(self) -> str:
        return f"postgresql://tocsin@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ServerError(
                f"{' '.join(args[:1])} failed ({result.returncode}): "
                f"{(result.stderr or result.stdout).strip()[-800:]}. "
                "Check the postgresql package is installed (apt-get install postgresql)"
            )

    def start(self) -> TemporaryPostgres:
        if self.bindir is None:
            raise ServerError(
                "PostgreSQL's initdb was not found. Install it: apt-get install postgresql"
            )
        self.root = Path(tempfile.mkdtemp(prefix="tocsin-pg-"))
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        data = self.root / "data"
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "tocsin",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        self.port = _free_port()
        options = f"-p {self.port} -h 127.0.0.1 -k {self.root} -c max_connections=50"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        log.info("temporary PostgreSQL at %s (%s)", self.url, self.root)
        return self

    def stop(self) -> None:
        if self.root is None or self.bindir is None:
            return
        try:
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop"
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> TemporaryPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
