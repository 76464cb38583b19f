"""A realistic workflow through the public client, printed as a transcript.

By default it runs against the bundled :class:`~astravue_async.testing.FakeAstravue` (no
credentials, no network): sign in with the authorization-code flow and PKCE, build a space, a
project and a dozen tasks, page through them, track time, handle notifications, and watch a
retried 503 and a transparent token refresh happen.

``--live`` runs read-only steps against the real API with ``ASTRAVUE_*`` variables (see
``AstravueClient.from_env``).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import aiohttp

from astravue_async import (
    NOT_GIVEN,
    AstravueClient,
    ConflictError,
    OAuth2Token,
    build_authorization_url,
    exchange_code,
)
from astravue_async.testing import FakeAstravue

COLLEAGUE = 2  # Ben Okafor in the fake's seed data


def step(title: str) -> None:
    print(f"\n== {title}")


def show(text: str) -> None:
    print(f"   {text}")


async def sign_in(fake: FakeAstravue) -> OAuth2Token:
    """The authorization-code flow with PKCE, following the redirect programmatically."""
    step("Sign in: authorization code + PKCE (S256)")
    request = build_authorization_url(
        fake.client_id, fake.redirect_uri, authorize_url=fake.authorize_url
    )
    show(f"authorize URL: {request.url.split('?')[0]}?response_type=code&... (state, challenge)")
    async with aiohttp.ClientSession() as session:
        async with session.get(request.url, allow_redirects=False) as response:
            location = response.headers["Location"]
        query = parse_qs(urlsplit(location).query)
        if query["state"] != [request.state]:
            raise SystemExit("state mismatch: refusing the redirect")
        show("redirected back with a code; state matches")
        token = await exchange_code(
            session,
            code=query["code"][0],
            redirect_uri=fake.redirect_uri,
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            code_verifier=request.code_verifier,
            token_url=fake.token_url,
        )
    show(f"got {token!r}")
    return token


async def workflow(fake: FakeAstravue, client: AstravueClient) -> None:
    step("Create a space, a project and a dozen tasks")
    space = await client.spaces.create(space_name="Product", color="#3366ff")
    show(f"space {space.space_id}: {space.space_name}")
    project = await client.projects.create(
        space.space_id, project_name="Website relaunch", status="IN_PROGRESS"
    )
    show(f"project {project.project_id}: {project.project_name} ({project.status})")
    due = datetime.now(UTC) + timedelta(days=7)
    tasks = await client.gather(
        [
            client.project_tasks.create(
                space.space_id,
                project.project_id,
                task_title=f"Page {n}: write copy",
                priority="High" if n % 3 == 0 else "Medium",
                due_date=due + timedelta(days=n),
                owners=[COLLEAGUE] if n == 1 else NOT_GIVEN,
                description="@2 can you review the tone?" if n == 2 else NOT_GIVEN,
            )
            for n in range(1, 13)
        ],
        concurrency=4,
    )
    show(f"created {len(tasks)} tasks with bounded concurrency (4 in flight)")

    step("List them with pagination (page_size=5)")
    paginator = client.project_tasks.list(space.space_id, project.project_id, page_size=5)
    async for page in paginator.pages():
        titles = ", ".join(t.task_title or "" for t in page.items)
        show(f"page {page.page}: {len(page)} of {page.total_elements} - {titles[:60]}...")
    high = [
        t.task_id
        async for t in client.project_tasks.list(
            space.space_id, project.project_id, priority="High"
        )
    ]
    show(f"filtered priority=High: tasks {high}")

    step("Update and complete one task")
    first = tasks[0]
    assert not isinstance(first, BaseException)
    done = await client.project_tasks.update(
        space.space_id, project.project_id, first.task_id, status="Done", completion=100
    )
    status = done.status.status_name if done.status else "?"
    show(f"task {done.task_id}: status {status}, {done.completion}% complete")

    step("Track time")
    personal = await client.tasks.create(task_title="Prepare the launch checklist")
    timer = await client.timers.start(personal.task_id, notes="focus block")
    show(f"timer {timer.time_tracker_id} running on task {personal.task_id}")
    try:
        await client.timers.start(first.task_id, project_id=project.project_id)
    except ConflictError as exc:
        show(f"a second timer is refused: {exc}")
    fake.advance(25 * 60)
    stopped = await client.timers.stop(personal.task_id)
    show(f"stopped after {(stopped.duration or timedelta(0)) // timedelta(minutes=1)} min")
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    await client.timers.add_range(
        personal.task_id, start_time=start, end_time=start + timedelta(hours=1)
    )
    await client.timers.add_manual(personal.task_id, duration=timedelta(hours=1, minutes=30))
    async for entry in client.timers.list_for_task(personal.task_id):
        show(f"entry {entry.time_tracker_id}: {entry.entry_type} {entry.duration} ms")

    step("Notifications: a colleague assigns and mentions us")
    async with fake.client(org_id=client.org_id, user_id=COLLEAGUE) as colleague:
        await colleague.tasks.create(
            task_title="Sign off the copy", owners=[1], description="@1 over to you"
        )
    inbox = await client.notifications.list(unread_only=True)
    for note in inbox.items:
        show(f"#{note.notification_id} {note.type}: {note.title}")
    ids = [note.notification_id for note in inbox.items]
    read = await client.notifications.mark_read(ids)
    deleted = await client.notifications.delete(ids)
    show(f"marked {read.updated_count} read, deleted {deleted.deleted_count}")

    step("A flaky server: one 503, retried transparently")
    fake.fail_next(1, status=503, method="GET")
    again = await client.tasks.get(personal.task_id)
    show(f"got task {again.task_id} after {fake.requests['get_task']} attempts (see the log)")

    step("Time passes: the access token expires and is refreshed once")
    fake.advance(31 * 60)
    results = await client.gather([client.spaces.get(space.space_id) for _ in range(20)])
    ok = all(not isinstance(r, BaseException) for r in results)
    show(f"20 concurrent calls succeeded: {ok}; the server answered 401 to the old token,")
    show(f"so each was replayed once after ONE refresh-token grant "
         f"(grants: {fake.token_grants['refresh_token']})")  # fmt: skip


async def run_fake() -> None:
    async with FakeAstravue() as fake:
        token = await sign_in(fake)

        def persist(new_token: OAuth2Token) -> None:
            show(f"on_token_refresh: would persist {new_token!r}")

        async with AstravueClient(
            org_id=1,
            token=token,
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            on_token_refresh=persist,
            base_url=fake.base_url,
            token_url=fake.token_url,
        ) as client:
            await workflow(fake, client)
        step("Done")
        show(f"requests per operation: {dict(sorted(fake.requests.items()))}")


async def run_live() -> None:
    """Read-only steps against the real API (needs ASTRAVUE_* variables)."""
    async with AstravueClient.from_env() as client:
        step(f"Live API, organisation {client.org_id} (read-only)")
        spaces = await client.spaces.list()
        show(f"{len(spaces)} spaces: {', '.join(s.space_name or '?' for s in spaces.items)}")
        page = await client.tasks.list(page_size=5)
        show(f"personal tasks: {page.total_elements} (first page {len(page)})")
        active = await client.timers.active()
        show(f"running timers: {len(active)}")
        notes = await client.notifications.list(limit=5)
        show(f"latest notifications: {len(notes)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--live", action="store_true", help="read-only run against the real API")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="   [log] %(message)s", stream=sys.stdout)
    logging.getLogger("astravue_async").setLevel(logging.INFO)
    asyncio.run(run_live() if args.live else run_fake())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
