"""Where `tocsin watch` sends new alerts and events: a JSONL file, standard output, or an HTTP
webhook (one POST of JSON per message, retried with back-off).

Messages wait in the store's outbox until a sink has taken them, so a watch that is stopped or
killed delivers them after its restart: delivery is at least once, and each message carries a
stable key (`Idempotency-Key` header of a webhook POST) for a receiver that must act only once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import time
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tocsin.errors import TocsinError
from tocsin.store import Message, Store, utc_text

log = logging.getLogger(__name__)

SECRET_ENV = "TOCSIN_WEBHOOK_SECRET"


class SinkError(TocsinError):
    """A sink that did not take a message (the message stays queued and is retried)."""

    code = "E020"

    def __init__(self, sink: str, problem: str) -> None:
        super().__init__(f"{sink}: {problem}")
        self.sink = sink
        self.problem = problem


class Sink(ABC):
    """A destination of messages; `name` (as the user gave it) keys its outbox."""

    name: str

    @abstractmethod
    def send(self, messages: Sequence[Message]) -> int:
        """Deliver messages in order; the number delivered before the first failure (which is
        raised as SinkError when nothing was delivered)."""


class StreamSink(Sink):
    """One JSON object a line on a stream (standard output)."""

    def __init__(self, name: str, stream: IO[str]) -> None:
        self.name = name
        self.stream = stream

    def send(self, messages: Sequence[Message]) -> int:
        for message in messages:
            self.stream.write(json.dumps(message.payload, ensure_ascii=False) + "\n")
        self.stream.flush()
        return len(messages)


class JsonlSink(Sink):
    """One JSON object a line, appended to a file (flushed to disk after each batch)."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self.path = path

    def send(self, messages: Sequence[Message]) -> int:
        try:
            with self.path.open("a", encoding="utf-8") as handle:
                for message in messages:
                    handle.write(json.dumps(message.payload, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise SinkError(self.name, f"cannot append ({exc.strerror})") from None
        return len(messages)


@dataclass(frozen=True, slots=True)
class Retry:
    """How hard a webhook POST is tried within one delivery: `tries` attempts, waiting `first`
    seconds after the first failure and twice as long after each further one."""

    tries: int = 3
    first: float = 1.0
    timeout: float = 10.0


class WebhookSink(Sink):
    """POST each message as JSON to a URL. A 2xx answer delivers it; a network error, a timeout,
    a 429 or a 5xx is retried with back-off; any other answer is an error. With
    $TOCSIN_WEBHOOK_SECRET set, `X-Tocsin-Signature: sha256=<HMAC of the body>` signs each POST."""

    def __init__(self, url: str, retry: Retry | None = None, secret: str | None = None) -> None:
        self.name = url
        self.url = url
        self.retry = retry or Retry()
        self.secret = secret if secret is not None else os.environ.get(SECRET_ENV)

    def send(self, messages: Sequence[Message]) -> int:
        for done, message in enumerate(messages):
            try:
                self._post(message)
            except SinkError:
                if done == 0:
                    raise
                return done
        return len(messages)

    def _post(self, message: Message) -> None:
        body = json.dumps(message.payload, ensure_ascii=False).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "tocsin watch",
            "Idempotency-Key": message.key,
        }
        if self.secret:
            digest = hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
            headers["X-Tocsin-Signature"] = f"sha256={digest}"
        wait = self.retry.first
        problem = ""
        for attempt in range(1, self.retry.tries + 1):
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.retry.timeout) as response:
                    response.read(65536)
                return
            except urllib.error.HTTPError as exc:
                problem = f"HTTP {exc.code}"
                if exc.code != 429 and exc.code < 500:
                    raise SinkError(self.name, f"refused the message ({problem})") from None
            except (urllib.error.URLError, OSError) as exc:
                problem = str(getattr(exc, "reason", exc))
            if attempt < self.retry.tries:
                log.info("%s: %s; retrying in %.1f s", self.name, problem, wait)
                time.sleep(wait)
                wait *= 2
        raise SinkError(self.name, f"not delivered after {self.retry.tries} tries ({problem})")


def open_sink(spec: str, stdout: IO[str], retry: Retry | None = None) -> Sink:
    """A sink from what the user wrote: `-` (standard output), an http(s) URL (webhook), or a
    file path (JSONL, appended)."""
    if spec == "-":
        return StreamSink("-", stdout)
    if spec.startswith(("http://", "https://")):
        return WebhookSink(spec, retry)
    return JsonlSink(Path(spec))


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one round of delivery did."""

    delivered: int
    failed: tuple[str, ...]  # the sinks that refused, with why


def deliver(store: Store, sinks: Sequence[Sink], retry_after: float, batch: int = 200) -> Delivery:
    """Hand each sink the messages its outbox holds, oldest first. A sink that fails keeps its
    messages (in order) for a later round, after `retry_after` seconds doubled per attempt."""
    delivered = 0
    failed: list[str] = []
    for sink in sinks:
        while messages := store.due_messages(sink.name, batch):
            try:
                done = sink.send(messages)
            except SinkError as exc:
                first = messages[0]
                delay = min(retry_after * 2 ** min(first.attempts, 10), 6 * 3600)
                retry_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
                store.mark_undelivered(first.id, exc.problem, utc_text(retry_at))
                failed.append(f"{sink.name} ({exc.problem})")
                break
            store.mark_delivered([m.id for m in messages[:done]])
            delivered += done
            if done < len(messages):
                break
    return Delivery(delivered, tuple(failed))


def event_payload(record: Mapping[str, Any], story_url: str | None) -> dict[str, Any]:
    """The message of a new event: its record, marked as an event, with its story's URL."""
    return {"type": "event", **record, "story_url": story_url}
