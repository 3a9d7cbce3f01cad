"""tocsin's HTTP API and dashboard: `create_app(db_url, token=None, ...)` (see docs/web.md).

>>> from tocsin.web import create_app                                   # doctest: +SKIP
>>> app = create_app("events.sqlite", token=os.environ.get("TOCSIN_API_TOKEN"))
"""

from __future__ import annotations

from tocsin.web.app import create_app

__all__ = ["create_app"]
