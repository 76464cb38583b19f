"""The "peer" of ``scripts/bench.py``: a client generated from our spec at bench time.

Comparing against a generated client answers "what would users get for free from the same
spec?". It is generated fresh by ``openapi-python-client`` (httpx + attrs) into a temporary
directory rather than committed, so it always reflects the current spec and the pinned
generator. If generation or import fails, the benchmark still runs against a plain
``httpx.AsyncClient`` with JSON decoding and says so (``PeerInfo.mode`` / ``reason``).

Two settings keep the comparison about code rather than configuration or packaging:

* Pool: the generated ``AuthenticatedClient`` gets the same pool as the SDK (100 connections,
  all kept alive). httpx's default keeps only 20 idle connections, which at concurrency 64
  would make the peer reconnect constantly.
* ``sniffio``: httpcore 1.0.x runs ``import sniffio`` every time it sets up a lock (several
  times per request). Recent anyio (4.16 here) no longer depends on sniffio, so in a fresh
  environment that import fails each time, and a failed import searches every ``sys.path``
  entry again (about 1 ms per request here). :func:`quiet_sniffio_probe` makes that import
  fail instantly, which is exactly httpcore's own fallback ("asyncio") minus the file-system
  search.
  ``bench.py --peer-as-installed`` measures the peer without it.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Final, Protocol

import attrs
import httpx

__all__ = [
    "PeerClient",
    "PeerInfo",
    "generate_peer",
    "load_peer",
    "open_peer",
    "peer_decoder",
    "quiet_sniffio_probe",
]

PACKAGE: Final = "peer"
GENERATED: Final = "generated"
FALLBACK: Final = "httpx-fallback"
POOL: Final = 100
TIMEOUT: Final = 60.0


@attrs.frozen
class PeerInfo:
    """Where the peer lives and which kind it is (serialisable for worker processes)."""

    mode: str
    """``generated`` or ``httpx-fallback``."""
    parent: str | None
    """Directory to put on ``sys.path`` to import the generated package."""
    reason: str
    """Why the fallback is used (empty when generated)."""


class PeerClient(Protocol):
    """What the benchmark needs from the peer, whichever kind it is."""

    async def get_task(self, task_id: int) -> int: ...

    async def page(
        self, space_id: int, project_id: int, number: int, size: int
    ) -> tuple[list[Any], bool]: ...

    def task_id(self, item: Any) -> int: ...

    async def aclose(self) -> None: ...


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
    """The generated functions and model the benchmark calls."""

    client_cls: Any
    get_task: ModuleType
    list_project_tasks: ModuleType
    task_model: Any


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
        list_project_tasks=_find_api_module(root, "list_project_tasks"),
        task_model=models.TaskDto,
    )


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


class GeneratedPeer:
    """One ``AuthenticatedClient`` shared by every call, through the generated functions."""

    def __init__(self, modules: PeerModules, base_url: str, token: str, org_id: int) -> None:
        self._modules = modules
        self._org_id = org_id
        self._client = modules.client_cls(
            base_url=base_url,
            token=token,
            timeout=httpx.Timeout(TIMEOUT),
            httpx_args={"limits": _limits()},
        )

    async def get_task(self, task_id: int) -> int:
        response = await self._modules.get_task.asyncio_detailed(
            task_id, client=self._client, x_org_id=self._org_id
        )
        if response.status_code != 200:
            raise RuntimeError(f"peer get_task: HTTP {response.status_code}")
        return int(response.parsed.data.task_id)

    async def page(
        self, space_id: int, project_id: int, number: int, size: int
    ) -> tuple[list[Any], bool]:
        response = await self._modules.list_project_tasks.asyncio_detailed(
            space_id, project_id, client=self._client, page=number, size=size, x_org_id=self._org_id
        )
        if response.status_code != 200:
            raise RuntimeError(f"peer list_project_tasks: HTTP {response.status_code}")
        data = response.parsed.data
        return list(data.content), bool(data.last)

    def task_id(self, item: Any) -> int:
        return int(item.task_id)

    async def aclose(self) -> None:
        await self._client.get_async_httpx_client().aclose()


class FallbackPeer:
    """``httpx.AsyncClient`` + ``response.json()``: the peer's transport without its models."""

    def __init__(self, base_url: str, token: str, org_id: int) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}", "X-Org-Id": str(org_id)},
            timeout=httpx.Timeout(TIMEOUT),
            limits=_limits(),
        )

    async def get_task(self, task_id: int) -> int:
        response = await self._client.get(f"/tasks/{task_id}")
        response.raise_for_status()
        return int(response.json()["data"]["taskId"])

    async def page(
        self, space_id: int, project_id: int, number: int, size: int
    ) -> tuple[list[Any], bool]:
        response = await self._client.get(
            f"/spaces/{space_id}/projects/{project_id}/tasks",
            params={"page": number, "size": size},
        )
        response.raise_for_status()
        data = response.json()["data"]
        return list(data["content"]), bool(data["last"])

    def task_id(self, item: Any) -> int:
        return int(item["taskId"])

    async def aclose(self) -> None:
        await self._client.aclose()


def open_peer(info: PeerInfo, base_url: str, *, token: str, org_id: int) -> PeerClient:
    """A peer client for ``info`` (call inside the event loop that will use it)."""
    modules = load_peer(info)
    if modules is None:
        return FallbackPeer(base_url, token, org_id)
    return GeneratedPeer(modules, base_url, token, org_id)


def peer_decoder(info: PeerInfo) -> Callable[[dict[str, Any]], Any] | None:
    """The peer's ``TaskDto.from_dict`` (``None`` when there are no peer models)."""
    modules = load_peer(info)
    return None if modules is None else modules.task_model.from_dict
