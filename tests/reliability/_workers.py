"""Bodies of the child processes of ``test_many_workers.py`` (started with "spawn").

Kept apart from the test module so that a child imports only this and the SDK, not pytest's
plugins; every wait here is bounded, and the parent kills a child that still hangs.
"""

from __future__ import annotations

import asyncio
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

WAIT = 20.0  # seconds any child waits for the others to be ready, or for the server


def refresh_at_expiry(options: dict[str, Any], start: Any, results: Any) -> None:
    """One worker: its own client on the shared token file, ``calls`` calls at expiry."""
    try:
        report = asyncio.run(_refresh_at_expiry(options, start))
    except BaseException:
        report = {"crash": traceback.format_exc()}
    results.put(report)


async def _refresh_at_expiry(options: dict[str, Any], start: Any) -> dict[str, Any]:
    from astravue_async import AstravueClient, JSONFileTokenStore, OAuth2Token

    store = JSONFileTokenStore(options["path"])
    initial = OAuth2Token.from_dict(options["token"])
    outcomes: Counter[str] = Counter()
    async with AstravueClient(
        org_id=1,
        token=initial,
        client_id=options["client_id"],
        client_secret=options["client_secret"],
        base_url=options["base_url"],
        token_url=options["token_url"],
        token_store=store,
        max_retries=0,
        timeout=WAIT,
    ) as client:
        # Everything is imported and set up: wait until every worker is, then all at once.
        await asyncio.to_thread(start.wait, WAIT)

        async def call() -> None:
            try:
                await client.tasks.get(options["task_id"])
                outcomes["ok"] += 1
            except Exception as exc:
                outcomes[type(exc).__name__] += 1

        await asyncio.gather(*(call() for _ in range(options["calls"])))
    return {"outcomes": dict(outcomes)}


def save_profiles(path: str, profile: str, count: int, start: Any, results: Any) -> None:
    """Save ``count`` successive tokens to ``profile`` of the shared file."""
    try:
        asyncio.run(_save_profiles(Path(path), profile, count, start))
        report: dict[str, Any] = {"ok": True}
    except BaseException:
        report = {"crash": traceback.format_exc()}
    results.put(report)


async def _save_profiles(path: Path, profile: str, count: int, start: Any) -> None:
    from astravue_async import JSONFileTokenStore, OAuth2Token

    store = JSONFileTokenStore(path, profile=profile)
    await asyncio.to_thread(start.wait, WAIT)
    for n in range(count):
        await store.save(OAuth2Token(access_token=f"{profile}-{n}", refresh_token=f"r-{n}"))
