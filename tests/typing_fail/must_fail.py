"""Lines a user could write that ``mypy --strict`` must reject (see test_typing_rejects.py).

Each line that must fail ends with an "expect" comment quoting mypy's message. This file is
never run, only type-checked; it lives outside tests/typing/, which must pass.
"""

from __future__ import annotations

import astravue_async
from astravue_async import AstravueClient
from astravue_async.sync import AstravueSyncClient
from astravue_async.testing import FakeAstravue


async def misuse(client: AstravueClient, fake: FakeAstravue) -> None:
    await client.tasks.create(task_titel="x")  # expect: Unexpected keyword argument "task_titel"
    await client.tasks.create()  # expect: require at least one argument
    await client.tasks.update(5, task_title=None)  # expect: Argument "task_title"
    await client.timers.add_manual(1, duration=90)  # expect: Argument "duration"
    AstravueClient.from_env(timout=3)  # expect: Unexpected keyword argument "timout"
    AstravueClient.from_env(max_retries="3")  # expect: Argument "max_retries"
    fake.client(max_retry=0)  # expect: Unexpected keyword argument "max_retry"
    task = await client.tasks.get(1)
    task.task_title.upper()
    seconds: int = task.total_time  # expect: Incompatible types in assignment
    del seconds


def sync_misuse(client: AstravueSyncClient) -> None:
    client.tasks.create()  # expect: require at least one argument
    client.tasks.create(task_titel="x")  # expect: Unexpected keyword argument "task_titel"
    client.tasks.create(description="no title")  # expect: No overload variant of "create"
    client.tasks.update(5, task_title=None)  # expect: Argument "task_title"
    client.timers.add_manual(1, duration=90)  # expect: Argument "duration"
    AstravueSyncClient.from_env(session=None)  # expect: Unexpected keyword argument "session"
    AstravueSyncClient.from_env(timout=3)  # expect: Unexpected keyword argument "timout"
    page: list[int] = client.tasks.list()  # expect: Incompatible types in assignment
    del page


def misspelt_names() -> object:
    from astravue_async import NotFoundEror  # expect: has no attribute "NotFoundEror"

    return NotFoundEror, astravue_async.AstravueClinet  # expect: has no attribute "AstravueClinet"
