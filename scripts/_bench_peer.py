"""The generated peers of ``scripts/bench.py``: openapi-python-client's client of our spec.

"What would users get for free from the same spec?" The client is generated fresh by
``openapi-python-client`` (httpx + attrs) into a temporary directory at bench time rather than
committed, so it always reflects the current spec and the pinned generator. It runs twice:

* **gen-httpx**: as generated, on httpx's own transport (httpcore's connection pool);
* **gen-aiohttp**: the very same generated functions and models on an aiohttp transport
  (``httpx_aiohttp.AiohttpTransport``, the adapter the openai and anthropic SDKs ship), so
  httpcore's pool is out of the picture. The gap between the two is what httpcore costs; the
  gap between gen-aiohttp and the SDK is the generated code and httpx's request/response
  objects (the report prints both per concurrency level).

If generation fails, the benchmark still runs against a plain ``httpx.AsyncClient`` with JSON
decoding and says so (``PeerInfo.mode`` / ``reason``).

Settings that keep the comparison about code rather than configuration or packaging:

* Pool: the generated ``AuthenticatedClient`` gets the same pool as the SDK (100 connections,
  all kept alive). httpx's default keeps only 20 idle connections, which at concurrency 64
  would make the peer reconnect constantly.
* ``sniffio``: httpcore 1.0.x runs ``import sniffio`` every time it sets up a lock (several
  times per request). Recent anyio (4.16 here) no longer depends on sniffio, so in a fresh
  environment that import fails each time, and a failed import searches every ``sys.path``
  entry again (about 1 ms per request here). :func:`quiet_sniffio_probe` makes that import
  fail instantly, which is exactly httpcore's own fallback ("asyncio") minus the file-system
  search. ``bench.py --peer-as-installed`` measures the peer without it.
* Retries: the generated client has none; the retry workload repeats a 503 that says
  ``Retry-After`` by hand, as its users would.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import attrs
import httpx
from _bench_common import (
    CREATE_DUE,
    CREATE_START,
    MAX_ATTEMPTS,
    ORG_ID,
    POOL,
    TIMEOUT,
    TOKEN,
    BenchClient,
    ClientStatusError,
    retry_delay,
)
from _bench_server import PROJECT_ID, SPACE_ID, create_body

__all__ = [
    "PeerInfo",
    "generate_peer",
    "load_peer",
    "open_peer",
    "peer_decoder",
    "quiet_sniffio_probe",
    "transport_problem",
]

PACKAGE: Final = "peer"
GENERATED: Final = "generated"
FALLBACK: Final = "httpx-fallback"


@attrs.frozen
class PeerInfo:
    """Where the peer lives and which kind it is (serialisable for worker processes)."""

    mode: str
    """``generated`` or ``httpx-fallback``."""
    parent: str | None
    """Directory to put on ``sys.path`` to import the generated package."""
    reason: str
    """Why the fallback is used (empty when generated)."""


class PeerNotFound(ClientStatusError):
    """The peer's 404, raised from the generated ``ApiError`` it parsed."""


def _generator_command(spec: Path, output: Path) -> list[str]:
    exe = Path(sys.executable).parent / "openapi-python-client"
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "openapi_python_client"]
    return [*head, "generate", "--path", str(spec), "--output-path", str(output), "--meta", "none"]


def generate_peer(spec: Path, workdir: Path) -> PeerInfo:
    """Generate the peer into ``workdir/peer`` and check that it imports."""
    output = workdir / PACKAGE
    env = dict(os.environ)
    # The generator's post-hooks run ruff; the venv's ruff is the one on hand.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            _generator_command(spec, output),
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return PeerInfo(FALLBACK, None, f"openapi-python-client did not run: {exc}")
    if done.returncode != 0 or not (output / "__init__.py").exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        reason = f"openapi-python-client exited {done.returncode}: {' | '.join(tail)}"
        shutil.rmtree(output, ignore_errors=True)
        return PeerInfo(FALLBACK, None, reason)
    info = PeerInfo(GENERATED, str(workdir), "")
    try:
        load_peer(info)
    except Exception as exc:  # any import-time failure means "use the fallback"
        return PeerInfo(FALLBACK, None, f"generated peer does not import: {exc!r}")
    return info


@attrs.frozen
class PeerModules:
    """The generated functions and models the benchmark calls."""

    client_cls: Any
    get_task: ModuleType
    create_task: ModuleType
    list_project_tasks: ModuleType
    task_model: Any
    envelope_model: Any
    create_model: Any


def _find_api_module(root: Path, name: str) -> ModuleType:
    """``peer.api.<tag>.<name>``: the tag folder follows the spec's tags, so search it."""
    found = sorted(root.glob(f"api/*/{name}.py"))
    if not found:
        raise ImportError(f"{PACKAGE}.api.*.{name} was not generated")
    return importlib.import_module(f"{PACKAGE}.api.{found[0].parent.name}.{name}")


def load_peer(info: PeerInfo) -> PeerModules | None:
    """Import the generated package (``None`` for the fallback)."""
    if info.mode != GENERATED or info.parent is None:
        return None
    if info.parent not in sys.path:
        sys.path.insert(0, info.parent)
    package = importlib.import_module(PACKAGE)
    root = Path(info.parent) / PACKAGE
    models = importlib.import_module(f"{PACKAGE}.models")
    return PeerModules(
        client_cls=package.AuthenticatedClient,
        get_task=_find_api_module(root, "get_task"),
        create_task=_find_api_module(root, "create_task"),
        list_project_tasks=_find_api_module(root, "list_project_tasks"),
        task_model=models.TaskDto,
        envelope_model=models.ApiSuccessResponseTaskDto,
        create_model=models.TaskCreateRequest,
    )


def transport_problem(info: PeerInfo, transport: str) -> str | None:
    """Why the peer cannot run on ``transport`` here (None: it can)."""
    if transport == "httpx":
        return None
    if info.mode != GENERATED:
        return f"no generated peer ({info.reason})"
    try:
        importlib.import_module("httpx_aiohttp")
    except ImportError:
        return "httpx-aiohttp is not installed (the bench extra)"
    return None


def quiet_sniffio_probe() -> bool:
    """Make httpcore's per-request ``import sniffio`` fail fast when sniffio is absent.

    Returns whether it was needed (False when sniffio is installed: nothing to change).
    """
    if "sniffio" in sys.modules:
        return False
    try:
        importlib.import_module("sniffio")
    except ImportError:
        sys.modules["sniffio"] = None  # type: ignore[assignment]  # "import" raises at once
        return True
    return False


def _limits() -> httpx.Limits:
    return httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)


def _aiohttp_transport() -> httpx.AsyncBaseTransport:
    import aiohttp
    from httpx_aiohttp import AiohttpTransport

    # A factory: the session is created at the first request, inside the running loop.
    def session() -> aiohttp.ClientSession:
        return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=POOL))

    transport: httpx.AsyncBaseTransport = AiohttpTransport(client=session)
    return transport


async def _walk(
    page: Callable[[int, int], Any], page_size: int, limit: int | None
) -> AsyncIterator[Any]:
    """Pages fetched by number until ``last`` (or ``limit`` items): the loop users write."""
    number = seen = 0
    while True:
        items, last = await page(number, page_size)
        if limit is not None and seen + len(items) >= limit:
            for item in items[: limit - seen]:
                yield item
            return
        for item in items:
            yield item
        seen += len(items)
        if last or not items:
            return
        number += 1


class GeneratedPeer:
    """One ``AuthenticatedClient`` shared by every call, through the generated functions."""

    not_found = PeerNotFound

    def __init__(self, modules: PeerModules, base_url: str, transport: str) -> None:
        self._modules = modules
        args: dict[str, Any] = {"limits": _limits()}
        if transport == "aiohttp":
            args["transport"] = _aiohttp_transport()
        self._client = modules.client_cls(
            base_url=base_url, token=TOKEN, timeout=httpx.Timeout(TIMEOUT), httpx_args=args
        )

    async def _get(self, task_id: int, *, retry: bool) -> Any:
        for _ in range(MAX_ATTEMPTS):
            response = await self._modules.get_task.asyncio_detailed(
                task_id, client=self._client, x_org_id=ORG_ID
            )
            if response.status_code == 200:
                return response.parsed.data
            delay = (
                retry_delay(response.status_code, response.headers.get("Retry-After"))
                if retry
                else None
            )
            if delay is None:
                message = getattr(response.parsed, "message", None)
                if response.status_code == 404:
                    raise PeerNotFound(404, message)
                raise ClientStatusError(response.status_code, message)
            await asyncio.sleep(delay)
        raise ClientStatusError(response.status_code, "gave up retrying")

    async def get_task(self, task_id: int) -> int:
        return int((await self._get(task_id, retry=False)).task_id)

    async def get_task_retrying(self, task_id: int) -> int:
        return int((await self._get(task_id, retry=True)).task_id)

    async def create_task(self, title: str) -> str:
        body = create_body(title)
        request = self._modules.create_model(
            task_title=title,
            description=body["description"],
            owners=body["owners"],
            start_date=CREATE_START,
            due_date=CREATE_DUE,
            completion=body["completion"],
            status=body["status"],
            priority=body["priority"],
            tags=body["tags"],
        )
        response = await self._modules.create_task.asyncio_detailed(
            client=self._client, body=request, x_org_id=ORG_ID
        )
        if response.status_code != 200:
            raise ClientStatusError(response.status_code, getattr(response.parsed, "message", None))
        return str(response.parsed.data.task_title)

    async def _page(self, number: int, size: int) -> tuple[list[Any], bool]:
        response = await self._modules.list_project_tasks.asyncio_detailed(
            SPACE_ID, PROJECT_ID, client=self._client, page=number, size=size, x_org_id=ORG_ID
        )
        if response.status_code != 200:
            raise ClientStatusError(response.status_code, getattr(response.parsed, "message", None))
        data = response.parsed.data
        return list(data.content), bool(data.last)

    def stream(self, page_size: int, limit: int | None = None) -> AsyncIterator[Any]:
        return _walk(self._page, page_size, limit)

    def task_id(self, item: Any) -> int:
        return int(item.task_id)

    async def aclose(self) -> None:
        await self._client.get_async_httpx_client().aclose()


class FallbackPeer:
    """``httpx.AsyncClient`` + ``response.json()``: the peer's transport without its models."""

    not_found = PeerNotFound

    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {TOKEN}", "X-Org-Id": str(ORG_ID)},
            timeout=httpx.Timeout(TIMEOUT),
            limits=_limits(),
        )

    async def _get(self, task_id: int, *, retry: bool) -> int:
        for _ in range(MAX_ATTEMPTS):
            response = await self._client.get(f"/tasks/{task_id}")
            if response.status_code == 200:
                return int(response.json()["data"]["taskId"])
            delay = (
                retry_delay(response.status_code, response.headers.get("Retry-After"))
                if retry
                else None
            )
            if delay is None:
                cls = PeerNotFound if response.status_code == 404 else ClientStatusError
                raise cls(response.status_code, response.json().get("message"))
            await asyncio.sleep(delay)
        raise ClientStatusError(response.status_code, "gave up retrying")

    async def get_task(self, task_id: int) -> int:
        return await self._get(task_id, retry=False)

    async def get_task_retrying(self, task_id: int) -> int:
        return await self._get(task_id, retry=True)

    async def create_task(self, title: str) -> str:
        response = await self._client.post("/tasks", json=create_body(title))
        response.raise_for_status()
        return str(response.json()["data"]["taskTitle"])

    async def _page(self, number: int, size: int) -> tuple[list[Any], bool]:
        response = await self._client.get(
            f"/spaces/{SPACE_ID}/projects/{PROJECT_ID}/tasks",
            params={"page": number, "size": size},
        )
        response.raise_for_status()
        data = response.json()["data"]
        return list(data["content"]), bool(data["last"])

    def stream(self, page_size: int, limit: int | None = None) -> AsyncIterator[Any]:
        return _walk(self._page, page_size, limit)

    def task_id(self, item: Any) -> int:
        return int(item["taskId"])

    async def aclose(self) -> None:
        await self._client.aclose()


def open_peer(info: PeerInfo, base_url: str, *, transport: str = "httpx") -> BenchClient:
    """A peer client for ``info`` (call inside the event loop that will use it)."""
    modules = load_peer(info)
    if modules is None:
        return FallbackPeer(base_url)
    return GeneratedPeer(modules, base_url, transport)


def peer_decoder(info: PeerInfo, loads: Callable[[bytes], Any]) -> Callable[[bytes], Any] | None:
    """Envelope bytes → the peer's ``TaskDto``, as its ``get_task`` decodes them.

    ``loads`` is the JSON parser (the peer's own is httpx's ``json.loads``). ``None`` when there
    are no peer models.
    """
    modules = load_peer(info)
    if modules is None:
        return None
    from_dict = modules.envelope_model.from_dict

    def decode(raw: bytes) -> Any:
        return from_dict(loads(raw)).data

    return decode
