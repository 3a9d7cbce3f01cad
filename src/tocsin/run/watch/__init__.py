"""Live coding: `tocsin watch` follows feeds and folders, codes news as it arrives and pushes
alerts (see docs/watch.md).

>>> from tocsin.run.watch import Watcher, WatchSettings, open_sink      # doctest: +SKIP
>>> with open_store("events.sqlite") as store:                     # doctest: +SKIP
...     watcher = Watcher(store, Coder(), ["https://example.org/rss", "inbox/"],
...                       alert_sinks=[open_sink("alerts.jsonl", sys.stdout)])
...     print(watcher.run_cycle().line())
"""

from __future__ import annotations

from tocsin.run.watch.cycle import CycleReport, Watcher, WatchSettings
from tocsin.run.watch.sinks import Retry, Sink, SinkError, open_sink

__all__ = ["CycleReport", "Retry", "Sink", "SinkError", "WatchSettings", "Watcher", "open_sink"]
