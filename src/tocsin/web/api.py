"""The JSON API under /api. Each endpoint validates its parameters, calls the library and shapes
the answer; the filters are those of `tocsin query` (repeat a parameter, or separate values with
commas, to OR them)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path as FsPath
from typing import Annotated, Any, Literal

from fastapi import (
    APIRouter,
    Body,
    Depends,
    HTTPException,
    Path,
    Query,
    Request,
    Response,
    Security,
)
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from pydantic import Field
from starlette.background import BackgroundTask

from tocsin.errors import InputError
from tocsin.io.exports import export
from tocsin.knowledge.topics import Topic
from tocsin.run.ingest import Incoming, ingest
from tocsin.store import DyadLevel, EventFilter, Store, analytics
from tocsin.web import world as geo
from tocsin.web.highlight import event_highlights, segments
from tocsin.web.schemas import (
    ActorOut,
    AlertsOut,
    BalanceOut,
    CountryOutline,
    DyadOut,
    EventDetail,
    EventPage,
    EventSummary,
    HighlightOut,
    IngestOut,
    PlaceOut,
    PointOut,
    Problem,
    SegmentOut,
    SeriesOut,
    StoryIn,
    StoryOut,
    SummaryOut,
    WatchAlertOut,
    WatchAlertsOut,
    WorldOut,
)
from tocsin.web.security import bearer_token, token_matches
from tocsin.web.state import AppState, state_of

_CODE_DOC = "Actor code: FRA matches FRA, FRAGOV ...; * and ? are wildcards."
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "A token is needed and was not given, or is wrong."},
    422: {"model": Problem, "description": "A parameter is invalid; `parameter` names it."},
}


def _known_query_names(dependant: Any) -> set[str]:
    names = {getattr(p, "alias", p.name) for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _known_query_names(sub)
    return names


def guard(request: Request) -> None:
    """Before anything else: the token of protected reads, then unknown parameters (a misspelt
    filter, `?sorce=FRA`, would silently match everything)."""
    state = state_of(request)
    if state.protect_reads and request.method in ("GET", "HEAD"):
        check_token(request, state)
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _known_query_names(dependant)
    for name in request.query_params:
        if name not in known:
            raise HTTPException(
                422,
                {
                    "detail": f"query parameter '{name}' is not known here; "
                    f"known: {', '.join(sorted(known)) or 'none'}",
                    "parameter": name,
                },
            )


def check_token(request: Request, state: AppState) -> None:
    """401 unless the request carries `Authorization: Bearer <the app's token>`."""
    if not state.token:
        raise HTTPException(
            401,
            "writing is disabled: start the server with TOCSIN_API_TOKEN set",
            headers={"WWW-Authenticate": "Bearer"},
        )
    given = bearer_token(request.headers.get("authorization"))
    if not token_matches(given, state.token):
        problem = "no bearer token given" if given is None else "the bearer token is wrong"
        raise HTTPException(
            401,
            f"{problem}: send 'Authorization: Bearer <TOCSIN_API_TOKEN>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


class TokenFirstRoute(APIRoute):
    """A route that checks the token before its body is read or validated: a caller without
    the token learns nothing about what the endpoint would accept."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            check_token(request, state_of(request))
            return await handler(request)

        return checked


router = APIRouter(prefix="/api", dependencies=[Depends(guard)], responses=_ERRORS)
writer = APIRouter(
    prefix="/api",
    dependencies=[Depends(guard), Security(HTTPBearer(auto_error=False))],
    responses=_ERRORS,
    route_class=TokenFirstRoute,
)


MAX_VALUES = 100  # values of one list parameter (repeated or comma-separated)
MAX_SERIES_POINTS = 5_000  # periods of one time series
FIRST_DATE = dt.date(1000, 1, 1)
LAST_DATE = dt.date(2999, 12, 31)


def invalid(parameter: str, detail: str) -> HTTPException:
    """A 422 naming the parameter."""
    return HTTPException(
        422,
        {"error": "invalid-parameter", "detail": f"parameter '{parameter}': {detail}",
         "parameter": parameter},
    )  # fmt: skip


def _values(name: str, values: list[str], upper: bool = True) -> tuple[str, ...]:
    """The values of a list parameter, repeated or comma-separated. A parameter given empty
    (`code=`) is left out; an empty item of a list (`FRA,,RUS`, `,,,`) is an error, as are more
    than MAX_VALUES values."""
    found: list[str] = []
    for value in values:
        if not value.strip():
            continue
        items = [v.strip() for v in value.split(",")]
        if not all(items):
            raise invalid(name, f"an empty item in the list {value[:60]!r}")
        found += items
    if len(found) > MAX_VALUES:
        raise invalid(name, f"at most {MAX_VALUES} values, got {len(found)}")
    return tuple(v.upper() for v in found) if upper else tuple(found)


def _date(name: str, value: dt.date | None) -> dt.date | None:
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise invalid(name, f"give a date from {FIRST_DATE} to {LAST_DATE}, got {value}")
    return value


Quad = Annotated[int, Field(ge=1, le=4)]
Codes = Annotated[list[str], Query(description=_CODE_DOC)]


def dated_filter(
    code: Annotated[
        list[str], Query(description="CAMEO event code, exact (040) or a pattern (16*, 1?2).")
    ] = [],  # noqa: B006 - FastAPI copies defaults
    root: Annotated[list[str], Query(description="CAMEO root code, two digits.")] = [],  # noqa: B006
    quad: Annotated[list[Quad], Query(description="GDELT quad class 1-4.")] = [],  # noqa: B006
    since: Annotated[dt.date | None, Query(description="First event date (inclusive).")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date (inclusive).")] = None,
    country: Annotated[
        list[str], Query(description="ISO3: located there, or source or target of it.")
    ] = [],  # noqa: B006
    topic: Annotated[
        list[Topic], Query(description="The topic of the event's story (political, sports ...).")
    ] = [],  # noqa: B006
) -> EventFilter:
    """The filters other than the actors."""
    if len(quad) > MAX_VALUES:
        raise invalid("quad", f"at most {MAX_VALUES} values, got {len(quad)}")
    return EventFilter(
        code=_values("code", code),
        root=_values("root", root),
        quad=tuple(quad),
        since=_date("since", since),
        until=_date("until", until),
        country=_values("country", country),
        topic=tuple(t.value for t in dict.fromkeys(topic)),
    )


def event_filter(
    dated: Annotated[EventFilter, Depends(dated_filter)],
    source: Codes = [],  # noqa: B006
    target: Codes = [],  # noqa: B006
    actor: Annotated[list[str], Query(description="Source or target actor code.")] = [],  # noqa: B006
    story: Annotated[list[str], Query(description="Only the events of this story id.")] = [],  # noqa: B006
) -> EventFilter:
    """The filters of `tocsin query`."""
    return EventFilter(
        source=_values("source", source),
        target=_values("target", target),
        actor=_values("actor", actor),
        code=dated.code,
        root=dated.root,
        quad=dated.quad,
        since=dated.since,
        until=dated.until,
        country=dated.country,
        story_id=_values("story", story, upper=False),
        topic=dated.topic,
    )


_SHIFTS = analytics.ShiftSettings()  # the defaults
Filters = Annotated[EventFilter, Depends(event_filter)]
DatedFilters = Annotated[EventFilter, Depends(dated_filter)]
EventOrder = Literal[
    "date",
    "-date",
    "source",
    "-source",
    "target",
    "-target",
    "code",
    "-code",
    "quad",
    "-quad",
    "goldstein",
    "-goldstein",
]
Level = Annotated[
    DyadLevel,
    Query(description="Dyads of full actor codes, or of countries (FRAGOV and FRAMIL are FRA)."),
]


@router.get("/summary", response_model=SummaryOut)
def summary(request: Request) -> SummaryOut:
    """How many stories and events the store holds, and their first and last dates."""
    state = state_of(request)
    with state.store() as store:
        first, last = store.date_range()
        return SummaryOut(
            stories=store.count_stories(),
            events=store.count_events(),
            first_date=first,
            last_date=last,
            writable=state.token is not None,
            last_update=store.last_update(),
            last_alert_id=store.last_alert_id(),
        )


@router.get("/watch/alerts", response_model=WatchAlertsOut)
def watch_alerts(
    request: Request,
    after: Annotated[int, Query(ge=0, description="Only alerts with a larger id.")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> WatchAlertsOut:
    """Alerts raised by `tocsin watch` as news arrived, oldest first (poll with `after` set to
    the last `last_id` for the new ones)."""
    with state_of(request).store() as store:
        raised = store.raised_alerts(after, limit)
        last = raised[-1].id if raised else max(after, 0)
    return WatchAlertsOut(
        last_id=last,
        alerts=[
            WatchAlertOut(
                id=a.id, raised_at=a.raised_at, closed_at=a.closed_at, record=dict(a.record)
            )
            for a in raised
        ],
    )


@router.get("/events", response_model=EventPage)
def events(
    request: Request,
    where: Filters,
    limit: Annotated[int, Query(ge=1, le=1000, description="Events per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Events to skip.")] = 0,
    order: Annotated[
        EventOrder,
        Query(
            description="date: oldest first; -date: newest first; source, target, code, quad, "
            "goldstein (- for descending): by that column, then newest first."
        ),
    ] = "-date",
    count: Annotated[bool, Query(description="Count the matching events (`total`).")] = True,
    count_limit: Annotated[
        int, Query(ge=1, le=1_000_000, description="Count no further than this.")
    ] = 10_000,
) -> EventPage:
    """Events matching the filters, a page at a time (undated events last). `total` counts them
    up to `count_limit`; `total_exact` is false when there are more."""
    with state_of(request).store() as store:
        sort = None if order in ("date", "-date") else order
        page = list(store.events(where, limit, offset, order != "date", sort))
        if count:
            counted = store.count_events_upto(where, count_limit)
            total, exact = min(counted, count_limit), counted <= count_limit
        else:
            total, exact = offset + len(page), len(page) < limit
    return EventPage(
        total=total,
        total_exact=exact,
        limit=limit,
        offset=offset,
        order=order,
        events=[EventSummary.of(e) for e in page],
    )


DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "jsonl": "application/x-ndjson; charset=utf-8",
}


@router.get(
    "/events/download",
    response_class=FileResponse,
    responses={200: {"content": {t.split(";")[0]: {} for t in DOWNLOADS.values()}}},
)
def download_events(
    request: Request,
    where: Filters,
    format: Annotated[
        Literal["csv", "parquet", "jsonl"],
        Query(description="csv or jsonl (the event records), parquet (typed columns)."),
    ] = "csv",
) -> FileResponse:
    """Every event matching the filters (not a page) as a file to download, written as
    `tocsin export` writes it: codes as strings, the evidence as JSON text in csv."""
    folder = tempfile.mkdtemp(prefix="tocsin-download-")
    path = FsPath(folder) / f"events.{format}"
    with state_of(request).store() as store:
        export(store, format, path, where)
    return FileResponse(
        path,
        media_type=DOWNLOADS[format],
        filename=f"tocsin-events.{format}",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


@router.get("/events/{event_id}", response_model=EventDetail)
def event(
    request: Request,
    event_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,128}$")],
) -> EventDetail:
    """One event with its evidence, its story, and the sentence with the words of the source,
    target and verb located."""
    state = state_of(request)
    with state.store() as store:
        found = store.event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in the store")
    record = dict(found.record)
    highlights = event_highlights(record, state.services.tokenize)
    sentence = str(record.get("sentence") or "")
    return EventDetail(
        event=EventSummary.of(found),
        record=record,
        story=StoryOut(
            id=found.story_id,
            date=found.story_date,
            title=found.story_title,
            url=found.story_url,
            source=found.story_source,
        ),
        highlights=[HighlightOut.of(h) for h in highlights],
        segments=[SegmentOut.of(s) for s in segments(sentence, highlights)],
    )


@router.get("/actors", response_model=list[ActorOut])
def search_actors(
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=100, description="Code prefix or words of a name.")
    ],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[ActorOut]:
    """Actors whose code starts with `q` or whose name contains it, most events first."""
    with state_of(request).store() as store:
        return [ActorOut.of(a) for a in store.search_actors(q, limit)]


@router.get("/actors/top", response_model=list[ActorOut])
def top_actors(
    request: Request, where: Filters, limit: Annotated[int, Query(ge=1, le=200)] = 20
) -> list[ActorOut]:
    """The actors in the most events (as source or target) matching the filters."""
    with state_of(request).store() as store:
        return [ActorOut.of(a) for a in store.top_actors(where, limit)]


@router.get("/dyads", response_model=list[DyadOut])
def top_dyads(
    request: Request,
    where: Filters,
    level: Level = "country",
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> list[DyadOut]:
    """The dyads with the most events matching the filters, with their balance."""
    with state_of(request).store() as store:
        return [DyadOut.of(d) for d in store.top_dyads(where, limit, level)]


@router.get("/dyads/series", response_model=SeriesOut)
def dyad_series(
    request: Request,
    source: Annotated[str, Query(min_length=1, max_length=40, description=_CODE_DOC)],
    target: Annotated[str, Query(min_length=1, max_length=40, description=_CODE_DOC)],
    where: DatedFilters,
    by: Annotated[analytics.Period, Query(description="day, week (from Monday) or month.")] = (
        "week"
    ),
    fill: Annotated[bool, Query(description="Include the periods without events.")] = True,
) -> SeriesOut:
    """A dyad's events per day, week or month: counts by quad class, Goldstein sum and mean."""
    dyad = EventFilter(
        source=_one("source", source),
        target=_one("target", target),
        code=where.code,
        root=where.root,
        quad=where.quad,
        since=where.since,
        until=where.until,
        country=where.country,
        topic=where.topic,
    )
    with state_of(request).store() as store:
        if fill:
            _check_points(store, dyad, by)
        points = analytics.dyad_series(store, dyad, by, fill)
    return SeriesOut(
        source=dyad.source[0],
        target=dyad.target[0],
        by=by,
        points=[PointOut.of(p) for p in points],
        balance=BalanceOut.of(analytics.total_balance(points)),
    )


def _one(name: str, value: str) -> tuple[str]:
    values = _values(name, [value])
    if len(values) != 1:
        raise invalid(name, "give one actor code")
    return (values[0],)


def _check_points(store: Store, where: EventFilter, by: str) -> None:
    """422 when a filled series would have more than MAX_SERIES_POINTS periods."""
    first, last = where.since, where.until
    if first is None or last is None:
        stored_first, stored_last = store.date_range()
        first, last = first or stored_first, last or stored_last
    if first is None or last is None or last < first:
        return
    days = (last - first).days + 1
    periods = {"day": days, "week": days // 7 + 2}.get(
        by, (last.year - first.year) * 12 + last.month - first.month + 1
    )
    if periods > MAX_SERIES_POINTS:
        raise invalid(
            "by",
            f"at most {MAX_SERIES_POINTS} points per series, and {first} to {last} by {by} "
            f"gives {periods}: narrow since/until or count by a longer period",
        )


@router.get("/places", response_model=list[PlaceOut])
def places(
    request: Request, where: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> list[PlaceOut]:
    """Places events were located at, with how many events matching the filters."""
    with state_of(request).store() as store:
        return [PlaceOut.of(p) for p in store.place_totals(where, limit)]


@router.get("/alerts", response_model=AlertsOut)
def alerts(
    request: Request,
    where: DatedFilters,
    as_of: Annotated[
        dt.date | None, Query(description="End of the recent window (default: latest event).")
    ] = None,
    recent_days: Annotated[int, Query(ge=1, le=3650)] = _SHIFTS.recent_days,
    baseline_days: Annotated[int, Query(ge=1, le=36500)] = _SHIFTS.baseline_days,
    min_recent: Annotated[int, Query(ge=1, le=1_000_000)] = _SHIFTS.min_recent,
    min_baseline: Annotated[int, Query(ge=1, le=1_000_000)] = (_SHIFTS.min_baseline),
    z: Annotated[float, Query(ge=0, le=100)] = _SHIFTS.z_threshold,
    level: Level = "country",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> AlertsOut:
    """Dyads whose recent Goldstein mean or conflict share departs sharply from their own
    history (method and thresholds: docs/analytics.md)."""
    settings = analytics.ShiftSettings(
        recent_days=recent_days,
        baseline_days=baseline_days,
        min_recent=min_recent,
        min_baseline=min_baseline,
        z_threshold=z,
        level=level,
    )
    with state_of(request).store() as store:
        report = analytics.detect_shifts(store, settings, _date("as_of", as_of), where)
    return AlertsOut.of(report, limit)


@router.get("/world", response_model=WorldOut)
def world(request: Request) -> WorldOut:
    """Country outlines for the map (equirectangular; see `top_lat`)."""
    outlines = state_of(request).services.outlines()
    return WorldOut(
        width=geo.WIDTH,
        height=geo.HEIGHT,
        top_lat=geo.TOP_LAT,
        countries=[CountryOutline(iso3=o.iso3, name=o.name, d=o.path) for o in outlines],
    )


@writer.post(
    "/stories",
    response_model=IngestOut,
    responses={413: {"model": Problem, "description": "The body is too large."}},
)
async def post_stories(
    request: Request,
    stories: Annotated[list[StoryIn], Body(min_length=1, description="Stories to code.")],
) -> IngestOut:
    """Code the stories and store them with their events (stories already stored are skipped).
    Needs `Authorization: Bearer <TOCSIN_API_TOKEN>`."""
    state = state_of(request)
    if len(stories) > state.max_stories:
        raise HTTPException(
            422,
            {
                "detail": f"body: at most {state.max_stories} stories per request",
                "parameter": "body",
            },
        )
    return await run_in_threadpool(_ingest, state, stories)


def _ingest(state: AppState, stories: list[StoryIn]) -> IngestOut:
    rejected: list[str] = []

    def reject(error: InputError) -> None:
        rejected.append(str(error))

    coder = state.services.coder()
    items = [Incoming(s.story(), "api", n) for n, s in enumerate(stories, start=1)]
    with state.services.coding_lock, state.store() as store:
        result = ingest(store, coder, items, reject)
    return IngestOut(
        stories=result.stories,
        events=result.events,
        known=result.known,
        rejected=rejected,
        seconds=round(result.seconds, 3),
    )
