"""The web app: `create_app(db_url, token=None, ...)` builds the FastAPI application that serves
the JSON API under /api, its OpenAPI document (/openapi.json, read at /docs) and the dashboard
(/ and /static), all from one store.

The app holds no coding logic: it calls `tocsin.store`, `tocsin.store.analytics`,
`tocsin.run.ingest` and `tocsin.web.highlight`, as a user of the library would. Heavy things
(the coder for POST /api/stories, the tokenizer for highlighting a sentence, the map's outlines)
are loaded on first use, once per app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tocsin.store import FilterError, StoreError
from tocsin.web.api import router, writer
from tocsin.web.security import BodyLimit, InternalErrors, SecurityHeaders
from tocsin.web.state import AppState, Services, StorePool

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_MAX_STORIES = 500


def create_app(
    db_url: str,
    token: str | None = None,
    *,
    protect_reads: bool = False,
    cors_origins: tuple[str, ...] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY,
    max_stories: int = DEFAULT_MAX_STORIES,
    pool_size: int = 8,
    coder: Coder | None = None,
    tokenize: Callable[[str], list[str]] | None = None,
    preload: bool = False,
) -> FastAPI:
    """The API and dashboard on the store at `db_url` (which must exist).

    `token` (the CLI takes it from $TOCSIN_API_TOKEN) enables POST /api/stories for requests
    that send `Authorization: Bearer <token>`; without one, writing is refused. With
    `protect_reads` every /api read needs the token too. `cors_origins` lists the origins other
    sites' pages may call the API from (none by default). `coder` and `tokenize` may be given to
    share already loaded ones; otherwise they are loaded on first use, or, with `preload`, in a
    background thread as the app starts (the first event page then opens at once).
    """
    if protect_reads and not token:
        raise StoreError(db_url, "protected reads need a token", "set TOCSIN_API_TOKEN")
    pool = StorePool(db_url, pool_size)
    pool.open_one()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    from tocsin import __version__

    app = FastAPI(
        title="tocsin",
        version=__version__,
        description=(
            "Political events coded from news text: who did what to whom, when and where, "
            "with the evidence. Read endpoints take the filters of `tocsin query`; "
            "POST /api/stories needs `Authorization: Bearer <TOCSIN_API_TOKEN>`."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    services = Services(coder_instance=coder, tokenize_function=tokenize)
    if preload:
        threading.Thread(target=services.preload, name="tocsin-preload", daemon=True).start()
    app.state.tocsin = AppState(
        pool=pool,
        services=services,
        token=token or None,
        protect_reads=protect_reads,
        max_stories=max_stories,
    )
    app.include_router(router)
    app.include_router(writer)
    _add_error_handlers(app)
    _add_pages(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(InternalErrors)
    return app


def _add_pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


ERROR_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    422: "invalid-parameter",
    503: "unavailable",
}


def _add_error_handlers(app: FastAPI) -> None:
    """Every error is JSON with a stable `error` code and a `detail` message; what went wrong
    inside (paths, URLs, exception texts) goes to the server log only."""

    @app.exception_handler(StarletteHTTPException)
    async def http_problem(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        content = dict(exc.detail) if isinstance(exc.detail, dict) else {"detail": exc.detail}
        content.setdefault("error", ERROR_CODES.get(exc.status_code, "error"))
        return JSONResponse(status_code=exc.status_code, content=content, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        parameter, message = describe_validation(errors)
        return JSONResponse(
            status_code=422,
            content={
                "error": "invalid-parameter",
                "detail": message,
                "parameter": parameter,
                "errors": _plain(errors),
            },
        )

    @app.exception_handler(FilterError)
    async def bad_filter(_request: Request, exc: FilterError) -> JSONResponse:
        parameter = exc.option.lstrip("-")
        return JSONResponse(
            status_code=422,
            content={
                "error": "invalid-parameter",
                "detail": f"parameter '{parameter}': {exc}",
                "parameter": parameter,
            },
        )

    @app.exception_handler(StoreError)
    async def unavailable(request: Request, exc: StoreError) -> JSONResponse:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse(
            status_code=503,
            content={
                "error": "store-unavailable",
                "detail": "the store cannot be reached; try again in a moment",
            },
        )


def describe_validation(errors: list[Any]) -> tuple[str | None, str]:
    """The parameter named by the first validation error, and a message naming it."""
    if not errors:
        return None, "invalid request"
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ())]
    where = loc[0] if loc else "request"
    message = str(first.get("msg", "invalid value"))
    if where == "body":
        name = "body" + "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in loc[1:])
        return name, f"{name}: {message}"
    name = loc[1] if len(loc) > 1 else where
    value = first.get("input")
    shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
    return name, f"{where} parameter '{name}': {message}{shown}"


def _plain(errors: list[Any]) -> list[dict[str, Any]]:
    """Validation errors as plain JSON (no exception objects in their context)."""
    return [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
        for e in errors
    ]
