"""Many workers, one login: four processes share a token store and refresh once per expiry.

Runs against the bundled FakeAstravue with refresh-token rotation and reuse detection on (a
rotated-away refresh token presented again revokes the whole session, as Keycloak can). Each
worker process has its own ``AstravueClient``; they share only the token store: a JSON file by
default, or Redis with ``--redis redis://127.0.0.1:6379/0``. All workers start from the same
expired token and call the API at once; the transcript ends with the number of refresh grants
the token endpoint made (1) and the refresh-token reuses it saw (0).

    make demo-workers
    .venv/bin/python scripts/demo_workers.py --workers 8 --calls 50
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from astravue_async import AstravueClient, JSONFileTokenStore, OAuth2Token, TokenStore
from astravue_async.auth import utcnow
from astravue_async.testing import FakeAstravue

WAIT = 30.0  # seconds: the most any step waits for the others


@dataclass(frozen=True)
class Job:
    worker: int
    calls: int
    task_id: int
    token: dict[str, Any]
    store: str  # a file path, or a redis:// URL
    base_url: str
    token_url: str
    client_id: str
    client_secret: str


def make_store(where: str) -> TokenStore:
    if where.startswith(("redis://", "rediss://", "unix://")):
        from astravue_async.redis import RedisTokenStore

        return RedisTokenStore(where, key="astravue:demo-workers:token")
    return JSONFileTokenStore(where)


async def work(job: Job, start: Any) -> Counter[str]:
    """One worker process: its own client, ``calls`` concurrent calls once all are ready."""
    outcomes: Counter[str] = Counter()
    store = make_store(job.store)
    async with AstravueClient(
        org_id=1,
        token=OAuth2Token.from_dict(job.token),
        client_id=job.client_id,
        client_secret=job.client_secret,
        token_store=store,
        base_url=job.base_url,
        token_url=job.token_url,
    ) as client:
        await asyncio.to_thread(start.wait, WAIT)  # every worker at once, at expiry

        async def call() -> None:
            try:
                await client.tasks.get(job.task_id)
                outcomes["ok"] += 1
            except Exception as exc:
                outcomes[type(exc).__name__] += 1

        await asyncio.gather(*(call() for _ in range(job.calls)))
    closing = getattr(store, "aclose", None)
    if closing is not None:
        await closing()
    return outcomes


def worker_main(job: Job, start: Any, results: Any) -> None:
    try:
        results.put((job.worker, dict(asyncio.run(work(job, start)))))
    except BaseException as exc:  # reported, never a silent hang
        results.put((job.worker, {f"crashed: {type(exc).__name__}": 1}))


async def run(workers: int, calls: int, redis_url: str | None) -> int:
    async with FakeAstravue(detect_refresh_token_reuse=True) as fake:
        setup = fake.client()
        task = await setup.tasks.create(task_title="Shared by every worker")
        fake.reset_counters()
        # The token every worker starts from, already expired: each would refresh at once.
        issued = fake.issue_token()
        expired = OAuth2Token(
            access_token=issued.access_token,
            refresh_token=issued.refresh_token,
            expires_at=utcnow() - timedelta(minutes=1),
        )
        with tempfile.TemporaryDirectory(prefix="astravue-demo-") as directory:
            where = redis_url or str(Path(directory) / "tokens.json")
            store = make_store(where)
            await store.save(expired)
            closing = getattr(store, "aclose", None)
            if closing is not None:
                await closing()
            print(f"== {workers} worker processes, {calls} calls each, sharing {where}")
            print("   refresh tokens rotate; presenting a rotated-away one revokes the session")
            context = multiprocessing.get_context("spawn")
            start, results = context.Event(), context.Queue()
            processes = [
                context.Process(
                    target=worker_main,
                    args=(
                        Job(
                            n,
                            calls,
                            task.task_id,
                            expired.to_dict(),
                            where,
                            fake.base_url,
                            fake.token_url,
                            fake.client_id,
                            fake.client_secret,
                        ),
                        start,
                        results,
                    ),
                    daemon=True,
                )
                for n in range(1, workers + 1)
            ]
            for process in processes:
                process.start()
            start.set()
            totals: Counter[str] = Counter()
            try:
                for _ in processes:
                    worker, outcomes = await asyncio.to_thread(results.get, True, WAIT * 2)
                    totals.update(outcomes)
                    print(f"   worker {worker}: {dict(sorted(outcomes.items()))}")
            finally:
                for process in processes:
                    await asyncio.to_thread(process.join, WAIT)
                    if process.is_alive():
                        process.kill()
        grants = fake.token_grants["refresh_token"]
        print(f"== calls: {dict(sorted(totals.items()))}")
        print(f"== refresh grants made by the token endpoint: {grants}")
        print(f"== rotated-away refresh tokens presented: {fake.refresh_token_reuses}")
        await setup.aclose()
    ok = grants == 1 and fake.refresh_token_reuses == 0 and totals == {"ok": workers * calls}
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4, help="worker processes (default 4)")
    parser.add_argument("--calls", type=int, default=25, help="calls per worker (default 25)")
    parser.add_argument(
        "--redis", metavar="URL", help="share the token through Redis instead of a JSON file"
    )
    args = parser.parse_args()
    if args.workers < 1 or args.calls < 1:
        parser.error("--workers and --calls must be at least 1")
    return asyncio.run(run(args.workers, args.calls, args.redis))


if __name__ == "__main__":
    sys.exit(main())
