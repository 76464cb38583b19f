"""The child process of ``test_shared_budget.py`` (started with the "spawn" method, so it
imports only this module and the SDK): one worker with its own client and its own
RedisRateLimiter on the shared key, making ``calls`` concurrent calls."""

from __future__ import annotations

import asyncio
from typing import Any

from astravue_async import AstravueClient
from astravue_async.redis import RedisRateLimiter


async def _work(api_url: str, redis_url: str, key: str, limit: str, calls: int) -> dict[str, Any]:
    async with (
        RedisRateLimiter(redis_url, key=key, limit=limit) as limiter,
        AstravueClient(
            org_id=1,
            access_token="worker-access-token",
            base_url=api_url,
            rate_limit=limiter,
            # A 429 must show up as a failure here, not be hidden by a retry.
            max_retries=0,
            timeout=60,
        ) as client,
    ):
        outcomes = await asyncio.gather(
            *(client.request("GET", "/ping") for _ in range(calls)), return_exceptions=True
        )
        fallback = limiter.using_fallback
    failures = [repr(o) for o in outcomes if isinstance(o, BaseException)]
    return {"ok": calls - len(failures), "failures": failures, "fallback": fallback}


def run_worker(
    api_url: str, redis_url: str, key: str, limit: str, calls: int, go: Any, results: Any
) -> None:
    """Wait for ``go`` (so every worker starts at once), work, put a summary on ``results``."""
    if not go.wait(60):
        results.put({"ok": 0, "failures": ["the parent never said go"], "fallback": False})
        return
    try:
        summary = asyncio.run(_work(api_url, redis_url, key, limit, calls))
    except BaseException as exc:  # reported to the parent, which fails the test
        summary = {"ok": 0, "failures": [f"worker crashed: {exc!r}"], "fallback": False}
    results.put(summary)
