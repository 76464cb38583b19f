"""The clients ``scripts/bench.py`` compares, and the registry that names them.

* **floor**: aiohttp + the SDK's own JSON parser (orjson when installed, see
  ``astravue_async._json``), one shared session, every URL built once and reused, no models,
  no policy. Nothing on this stack does less, so ``astravue / floor`` is the SDK's cost. For
  creates it posts the same body, encoded by the same JSON library.
* **astravue**: the public ``AstravueClient`` exactly as users get it (retries on, models on).
* **pydantic**: aiohttp + pydantic v2 models generated from our spec at bench time
  (``_bench_pydantic.py``): what many users would write instead of using the SDK.
* **gen-httpx**: openapi-python-client's client generated from our spec (httpx + attrs).
* **gen-aiohttp**: the same generated code on an aiohttp transport (``httpx-aiohttp``), so
  ``gen-aiohttp / gen-httpx`` is what httpx's own pool (httpcore) costs (``_bench_peer.py``).

A variant is one more :data:`REGISTRY` entry, e.g. the SDK with tracing switched on::

    ClientSpec("astravue+otel", "AstravueClient with OpenTelemetry tracing on",
               lambda ctx: AstravueBenchClient(ctx.base_url, options={...}))

then its name in ``_bench_plan.CALL_CLIENTS`` (the workloads it runs) and, for a verdict, a
``Target`` in ``_bench_plan.targets``; the report picks it up from there.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any, Final

import aiohttp
import attrs
from _bench_common import (
    CREATE_DUE,
    CREATE_START,
    HEADERS,
    MAX_ATTEMPTS,
    ORG_ID,
    POOL,
    TOKEN,
    BenchClient,
    ClientStatusError,
    retry_delay,
)
from _bench_server import PROJECT_ID, SPACE_ID, TASK_POOL, create_body
from yarl import URL

from astravue_async import AstravueClient, NotFoundError
from astravue_async._json import BACKEND as JSON_BACKEND

__all__ = [
    "REGISTRY",
    "AstravueBenchClient",
    "ClientContext",
    "ClientSpec",
    "FloorClient",
    "same_parser",
]

_POST_HEADERS: Final = {"Content-Type": "application/json"}
_CACHED_PAGES: Final = 16


def same_parser() -> tuple[Callable[[bytes], Any], Callable[[Any], bytes]]:
    """The JSON library the SDK parses with (``loads``, ``dumps``), for the floor."""
    if JSON_BACKEND.startswith("orjson"):
        import orjson

        return orjson.loads, orjson.dumps

    def dumps(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode()

    return json.loads, dumps


class FloorClient:
    """aiohttp + the SDK's parser; URLs built once; no models, envelope read by key."""

    not_found = ClientStatusError

    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._loads, self._dumps = same_parser()
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=POOL, limit_per_host=POOL), headers=HEADERS
        )
        # Each URL is built once, as a caller that knows its URLs would: aiohttp takes an
        # encoded URL as it is, without parsing or quoting it again.
        self._tasks: dict[int, URL] = {}
        self._create = URL(f"{base_url}/tasks", encoded=True)
        self._pages: dict[tuple[int, int], URL] = {}

    def _task_url(self, task_id: int) -> URL:
        url = self._tasks.get(task_id)
        if url is None:
            url = URL(f"{self._base}/tasks/{task_id}", encoded=True)
            if task_id <= TASK_POOL:  # the ids the get workloads cycle through
                self._tasks[task_id] = url
        return url

    async def _get(self, url: URL, *, retry: bool = False) -> Any:
        for _ in range(MAX_ATTEMPTS):
            async with self._session.get(url) as response:
                body = await response.read()
                status = response.status
                if status == 200:
                    return self._loads(body)["data"]
                delay = retry_delay(status, response.headers.get("Retry-After")) if retry else None
            if delay is None:
                raise ClientStatusError(status, self._loads(body).get("message"))
            await asyncio.sleep(delay)
        raise ClientStatusError(status, "gave up retrying")

    async def get_task(self, task_id: int) -> int:
        return int((await self._get(self._task_url(task_id)))["taskId"])

    async def get_task_retrying(self, task_id: int) -> int:
        return int((await self._get(self._task_url(task_id), retry=True))["taskId"])

    async def create_task(self, title: str) -> str:
        raw = self._dumps(create_body(title))
        async with self._session.post(self._create, data=raw, headers=_POST_HEADERS) as response:
            body = await response.read()
            status = response.status
        if status != 200:
            raise ClientStatusError(status, self._loads(body).get("message"))
        return str(self._loads(body)["data"]["taskTitle"])

    async def stream(self, page_size: int, limit: int | None = None) -> AsyncIterator[Any]:
        path = f"{self._base}/spaces/{SPACE_ID}/projects/{PROJECT_ID}/tasks"
        number = seen = 0
        while True:
            url = self._pages.get((number, page_size))
            if url is None:
                url = URL(f"{path}?page={number}&size={page_size}", encoded=True)
                if number < _CACHED_PAGES:  # the list workload's; a long stream's would pile up
                    self._pages[number, page_size] = url
            data = await self._get(url)
            content = data["content"]
            if limit is not None and seen + len(content) >= limit:
                for item in content[: limit - seen]:
                    yield item
                return
            for item in content:
                yield item
            seen += len(content)
            if data["last"] or not content:
                return
            number += 1

    def task_id(self, item: Any) -> int:
        return int(item["taskId"])

    async def aclose(self) -> None:
        await self._session.close()


class AstravueBenchClient:
    """The public SDK with its defaults (retries on, models decoded)."""

    not_found = NotFoundError

    def __init__(self, base_url: str, options: Mapping[str, Any] | None = None) -> None:
        self._client = AstravueClient(
            org_id=ORG_ID, access_token=TOKEN, base_url=base_url, **dict(options or {})
        )

    async def get_task(self, task_id: int) -> int:
        task = await self._client.tasks.get(task_id)
        return task.task_id

    async def get_task_retrying(self, task_id: int) -> int:
        return await self.get_task(task_id)  # the SDK retries a 503 with Retry-After itself

    async def create_task(self, title: str) -> str:
        body = create_body(title)
        task = await self._client.tasks.create(
            task_title=body["taskTitle"],
            description=body["description"],
            owners=body["owners"],
            start_date=CREATE_START,
            due_date=CREATE_DUE,
            completion=body["completion"],
            status=body["status"],
            priority=body["priority"],
            tags=body["tags"],
        )
        return str(task.task_title)

    def stream(self, page_size: int, limit: int | None = None) -> AsyncIterator[Any]:
        paginator = self._client.project_tasks.list(
            SPACE_ID, PROJECT_ID, page_size=page_size, limit=limit
        )
        return paginator.__aiter__()

    def task_id(self, item: Any) -> int:
        return int(item.task_id)

    async def aclose(self) -> None:
        await self._client.aclose()


@attrs.frozen
class ClientContext:
    """What opening any client needs: the server, and the peers prepared for this run."""

    base_url: str
    peer: Any = None
    """``_bench_peer.PeerInfo`` when the generated client could be made, else None."""
    pydantic: Any = None
    """``_bench_pydantic.PydanticInfo`` when the pydantic models could be made, else None."""


@attrs.frozen
class ClientSpec:
    """One column of the report: a name, what it is, and how to open it in a running loop."""

    name: str
    label: str
    open: Callable[[ClientContext], BenchClient]
    available: Callable[[ClientContext], str | None] = lambda ctx: None
    """None when it can run here, else why not (shown as n/a in the report)."""


def _open_gen(transport: str) -> Callable[[ClientContext], BenchClient]:
    def open_(ctx: ClientContext) -> BenchClient:
        from _bench_peer import open_peer

        return open_peer(ctx.peer, ctx.base_url, transport=transport)

    return open_


def _gen_available(transport: str) -> Callable[[ClientContext], str | None]:
    def available(ctx: ClientContext) -> str | None:
        if ctx.peer is None:
            return "httpx or openapi-python-client is not installed (the bench extra)"
        from _bench_peer import transport_problem

        return transport_problem(ctx.peer, transport)

    return available


def _open_pydantic(ctx: ClientContext) -> BenchClient:
    from _bench_pydantic import PydanticClient

    return PydanticClient(ctx.pydantic, ctx.base_url)


def _pydantic_available(ctx: ClientContext) -> str | None:
    if ctx.pydantic is None:
        return "pydantic or datamodel-code-generator is not installed"
    return ctx.pydantic.problem or None


def _open_traced(ctx: ClientContext) -> BenchClient:
    # What tracing costs in production: the OpenTelemetry SDK with a batch processor, whose
    # exporter here drops the spans (exporting is the collector's cost, not the SDK's).
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        SpanExporter,
        SpanExportResult,
    )

    class _Drop(SpanExporter):
        def export(self, spans: Any) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(_Drop()))
    return AstravueBenchClient(ctx.base_url, options={"tracer_provider": provider})


def _otel_sdk_available(ctx: ClientContext) -> str | None:
    try:
        import opentelemetry.sdk.trace  # noqa: F401
    except ImportError:
        return "opentelemetry-sdk is not installed"
    return None


REGISTRY: Final[dict[str, ClientSpec]] = {
    spec.name: spec
    for spec in (
        ClientSpec(
            "floor",
            f"aiohttp + {JSON_BACKEND} (the SDK's parser), one session, URLs built once, no models",
            lambda ctx: FloorClient(ctx.base_url),
        ),
        ClientSpec(
            "astravue",
            "AstravueClient as users get it (auth, envelope, retries on, models decoded)",
            lambda ctx: AstravueBenchClient(ctx.base_url),
        ),
        ClientSpec(
            "astravue+otel",
            "AstravueClient with OpenTelemetry tracing on (SDK TracerProvider, batch "
            "processor, spans dropped at export)",
            _open_traced,
            _otel_sdk_available,
        ),
        ClientSpec(
            "pydantic",
            "aiohttp + pydantic v2 models generated from our spec (datamodel-code-generator), "
            "model_validate_json on the bytes, hand-written client",
            _open_pydantic,
            _pydantic_available,
        ),
        ClientSpec(
            "gen-httpx",
            "openapi-python-client's generated client (httpx + attrs)",
            _open_gen("httpx"),
            _gen_available("httpx"),
        ),
        ClientSpec(
            "gen-aiohttp",
            "the same generated client on an aiohttp transport (httpx-aiohttp): no httpcore pool",
            _open_gen("aiohttp"),
            _gen_available("aiohttp"),
        ),
    )
}
