"""The "pydantic" client of ``scripts/bench.py``: aiohttp + pydantic v2, written by hand.

Many users would skip an SDK and write this: models generated from the spec by
``datamodel-code-generator`` (``--output-model-type pydantic_v2.BaseModel``, snake_case fields
with the wire names as aliases), one ``aiohttp.ClientSession``, URLs formatted per call,
``model_validate_json`` straight on the response bytes (pydantic parses and validates in one
pass, in Rust), an envelope check, and an exception per status. Retries: a 503 or 429 that
says ``Retry-After`` is repeated by hand, as the SDK does on its own.

The models are generated into a temporary directory at bench time, so they always follow the
current spec; if that fails, the client is reported as not available, with the reason.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import aiohttp
import attrs
from _bench_common import (
    CREATE_DUE,
    CREATE_START,
    HEADERS,
    MAX_ATTEMPTS,
    POOL,
    ClientStatusError,
    retry_delay,
)
from _bench_server import PROJECT_ID, SPACE_ID, create_body

__all__ = ["PydanticClient", "PydanticInfo", "generate_models", "load_models", "pydantic_decoder"]

MODULE: Final = "bench_pydantic_models"
_OPTIONS: Final = (
    "--input-file-type",
    "openapi",
    "--output-model-type",
    "pydantic_v2.BaseModel",
    "--snake-case-field",
    "--allow-population-by-field-name",
    "--target-python-version",
    "3.11",
    "--use-standard-collections",
    "--use-union-operator",
    "--formatters",
    "builtin",
    "--disable-timestamp",
)


@attrs.frozen
class PydanticInfo:
    """Where the generated models are, or why there are none (serialisable for workers)."""

    path: str | None
    problem: str = ""


def generate_models(spec: Path, workdir: Path) -> PydanticInfo:
    """Generate the models of ``spec`` into ``workdir`` and check that they import."""
    try:
        importlib.import_module("pydantic")
    except ImportError:
        return PydanticInfo(None, "pydantic is not installed")
    output = workdir / f"{MODULE}.py"
    exe = Path(sys.executable).parent / "datamodel-codegen"
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "datamodel_code_generator"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [*head, "--input", str(spec), "--output", str(output), *_OPTIONS],
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return PydanticInfo(None, f"datamodel-codegen did not run: {exc}")
    if done.returncode != 0 or not output.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return PydanticInfo(None, f"datamodel-codegen exited {done.returncode}: {' | '.join(tail)}")
    info = PydanticInfo(str(output))
    try:
        load_models(info)
    except Exception as exc:  # any import-time failure: report it, run without this client
        return PydanticInfo(None, f"generated pydantic models do not import: {exc!r}")
    return info


def load_models(info: PydanticInfo) -> ModuleType:
    """The generated models module (imported once per process)."""
    loaded = sys.modules.get(MODULE)
    if loaded is not None:
        return loaded
    if info.path is None:
        raise ImportError(info.problem)
    spec = importlib.util.spec_from_file_location(MODULE, info.path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {info.path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE] = module  # pydantic resolves the forward references through it
    spec.loader.exec_module(module)
    return module


def pydantic_decoder(info: PydanticInfo) -> Callable[[bytes], Any]:
    """Envelope bytes → ``TaskDto``, as :class:`PydanticClient` decodes a get."""
    validate = load_models(info).ApiSuccessResponseTaskDto.model_validate_json

    def decode(raw: bytes) -> Any:
        return validate(raw).data

    return decode


class ApiFailure(ClientStatusError):
    """A 2xx envelope that says ``success: false``, or has no data."""


class BadRequest(ClientStatusError):
    pass


class Unauthorized(ClientStatusError):
    pass


class NotFound(ClientStatusError):
    pass


class RateLimited(ClientStatusError):
    pass


class ServerError(ClientStatusError):
    pass


_ERRORS: Final[dict[int, type[ClientStatusError]]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Unauthorized,
    404: NotFound,
    429: RateLimited,
}


class PydanticClient:
    """The hand-written client (see the module docstring)."""

    not_found = NotFound

    def __init__(self, info: PydanticInfo, base_url: str) -> None:
        models = load_models(info)
        self._task = models.ApiSuccessResponseTaskDto
        self._page = models.ApiSuccessResponseTaskListResponse
        self._error = models.ApiError
        self._create = models.TaskCreateRequest
        self._base = base_url
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=POOL), headers=HEADERS
        )

    def _raise(self, status: int, body: bytes) -> None:
        try:
            message = self._error.model_validate_json(body).message
        except ValueError:  # pydantic's ValidationError: an error page that is not ApiError
            message = None
        cls = _ERRORS.get(status, ServerError if status >= 500 else ClientStatusError)
        raise cls(status, message)

    def _data(self, envelope: Any) -> Any:
        if not envelope.success or envelope.data is None:
            raise ApiFailure(envelope.code or 200, envelope.message)
        return envelope.data

    async def _get(self, url: str, model: Any, params: Any = None, *, retry: bool = False) -> Any:
        for _ in range(MAX_ATTEMPTS):
            async with self._session.get(url, params=params) as response:
                body = await response.read()
                status = response.status
                retry_after = response.headers.get("Retry-After")
            if status == 200:
                return self._data(model.model_validate_json(body))
            delay = retry_delay(status, retry_after) if retry else None
            if delay is None:
                self._raise(status, body)
            else:
                await asyncio.sleep(delay)
        raise ServerError(status, "gave up retrying")

    async def get_task(self, task_id: int) -> int:
        task = await self._get(f"{self._base}/tasks/{task_id}", self._task)
        return int(task.task_id)

    async def get_task_retrying(self, task_id: int) -> int:
        task = await self._get(f"{self._base}/tasks/{task_id}", self._task, retry=True)
        return int(task.task_id)

    async def create_task(self, title: str) -> str:
        body = create_body(title)
        request = self._create(
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
        async with self._session.post(
            f"{self._base}/tasks",
            data=request.model_dump_json(by_alias=True, exclude_none=True),
            headers={"Content-Type": "application/json"},
        ) as response:
            raw = await response.read()
            status = response.status
        if status != 200:
            self._raise(status, raw)
        return str(self._data(self._task.model_validate_json(raw)).task_title)

    async def stream(self, page_size: int, limit: int | None = None) -> AsyncIterator[Any]:
        url = f"{self._base}/spaces/{SPACE_ID}/projects/{PROJECT_ID}/tasks"
        number = seen = 0
        while True:
            page = await self._get(url, self._page, {"page": number, "size": page_size})
            content = page.content or []
            if limit is not None and seen + len(content) >= limit:
                for item in content[: limit - seen]:
                    yield item
                return
            for item in content:
                yield item
            seen += len(content)
            if page.last or not content:
                return
            number += 1

    def task_id(self, item: Any) -> int:
        return int(item.task_id)

    async def aclose(self) -> None:
        await self._session.close()
