"""``import astravue_async``: every public name still there, the rest imported only when used.

Import state is process-wide, so what a fresh interpreter imports is checked in one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import astravue_async

# Never needed by a program that imports the SDK and makes a call that succeeds.
NOT_FOR_A_PLAIN_CALL = [
    "tenacity",  # until the first retry
    "redis",
    "limits",
    "yaml",
    "hypothesis",
    "astravue_async.testing",
    "astravue_async._fake",
    "astravue_async.cli",
    "astravue_async.redis",
    "astravue_async.sync",
]


def run_fresh(code: str) -> dict[str, object]:
    """Run ``code`` in a new interpreter; it prints one JSON document, returned here."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def test_every_public_name_is_importable_and_listed() -> None:
    for name in astravue_async.__all__:
        assert getattr(astravue_async, name) is not None, name
    assert set(astravue_async.__all__) <= set(dir(astravue_async))
    namespace: dict[str, object] = {}
    exec("from astravue_async import *", namespace)  # noqa: S102 - the star import itself
    assert set(astravue_async.__all__) <= set(namespace)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        astravue_async.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def test_names_resolve_lazily_and_submodules_stay_reachable() -> None:
    result = run_fresh(
        """
        import json, sys
        import astravue_async
        before = sorted(m for m in sys.modules if m.startswith("astravue_async.client"))
        from astravue_async import AstravueClient, NotFoundError
        print(json.dumps({
            "client_before": before,
            "client_after": "astravue_async.client" in sys.modules,
            "same": AstravueClient is astravue_async.client.AstravueClient,
            "models": astravue_async.models.TaskDto.__name__,
            "token": astravue_async.auth.OAuth2Token.__name__,
            "dir": sorted(set(astravue_async.__all__) - set(dir(astravue_async))),
        }))
        """
    )
    assert result == {
        "client_before": [],
        "client_after": True,
        "same": True,
        "models": "TaskDto",
        "token": "OAuth2Token",
        "dir": [],
    }


def test_a_plain_call_imports_nothing_it_does_not_need() -> None:
    # A tiny aiohttp server of its own: FakeAstravue would itself import what is checked.
    result = run_fresh(
        f"""
        import asyncio, json, sys
        from aiohttp import web
        from astravue_async import AstravueClient

        TASK = {{"success": True, "message": "", "code": 200,
                 "data": {{"taskId": 1, "taskTitle": "t"}}}}
        answers = iter([web.json_response(TASK), web.json_response({{}}, status=503)])

        async def handle(request):
            try:
                return next(answers)
            except StopIteration:
                return web.json_response(TASK)

        async def main():
            app = web.Application()
            app.router.add_get("/v1/tasks/{{task_id}}", handle)
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = site._server.sockets[0].getsockname()[1]
            try:
                async with AstravueClient(
                    org_id=1, access_token="t", base_url=f"http://127.0.0.1:{{port}}/v1"
                ) as client:
                    client._transport._sleep = lambda seconds: asyncio.sleep(0)
                    await client.tasks.get(1)
                    plain = sorted(m for m in {NOT_FOR_A_PLAIN_CALL!r} if m in sys.modules)
                    await client.tasks.get(1)  # 503, then retried
                    retried = "tenacity" in sys.modules
            finally:
                await runner.cleanup()
            print(json.dumps({{"plain": plain, "retried": retried}}))

        asyncio.run(main())
        """
    )
    assert result == {"plain": [], "retried": True}
