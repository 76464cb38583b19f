"""Every body FakeAstravue produces must match the spec (openapi/astravue.openapi.yaml).

One scenario drives every operation through the public ``AstravueClient`` (plus error
answers) with response recording on; then each recorded body is validated with jsonschema
against the schema the spec gives for that operation and status. Object schemas are checked
strictly (no undeclared members), so the fake cannot drift from the documented shapes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from importlib.metadata import entry_points
from typing import Any

import jsonschema
import pytest
import yaml

from astravue_async import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    build_authorization_url,
    exchange_code,
    models,
)
from astravue_async._generated.operations import OPERATIONS
from astravue_async.auth import refresh
from astravue_async.testing import FakeAstravue, RecordedResponse
from codegen.spec import SPEC_PATH, apply_override, load_overrides

# The fixture plugin may already be installed as the package's pytest11 entry point; the same
# module registered a second time under another name would make pytest refuse to start.
if not any(ep.value == "astravue_async.testing" for ep in entry_points(group="pytest11")):
    pytest_plugins = ["astravue_async.testing"]

# Statuses the fake answers that the spec does not declare for the operation, and why the
# generic ApiError schema is the right check for them. Anything else undeclared fails.
# (409 for a second running timer used to be one; openapi/overrides.yaml now declares it.)
UNDECLARED_ERRORS: dict[int, str] = {}
# OpenAPI keywords without a JSON Schema meaning (or that we choose not to enforce).
_DROPPED = {"nullable", "format", "example", "examples", "description", "discriminator"}

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- schema checks


def to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema 2020-12 (refs stay ``#/components/schemas/...``)."""
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-") or key in _DROPPED:
            continue
        if key == "properties":
            # Member names ("type", "default", "description", ...) are not keywords here.
            out[key] = {name: to_json_schema(schema) for name, schema in value.items()}
        else:
            out[key] = to_json_schema(value)
    if node.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        elif "$ref" in out:
            out = {"anyOf": [out, {"type": "null"}]}
    if out.get("type") == "object" and "properties" in out:
        out.setdefault("additionalProperties", False)
    return out


@cache
def _spec() -> dict[str, Any]:
    # codegen.spec.load_spec does the same with the pure-Python parser, which takes seconds
    # for this file; libyaml's loader (when present) takes a fraction of that.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load(SPEC_PATH.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    for entry in load_overrides():
        apply_override(spec, entry)
    return spec


@cache
def _components() -> dict[str, Any]:
    return {"schemas": to_json_schema(_spec()["components"]["schemas"])}


def _operation(operation_id: str) -> dict[str, Any]:
    for item in _spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return operation
    raise AssertionError(f"operation {operation_id!r} is not in the spec")


def _schema_name(operation_id: str, status: int) -> str:
    """The ``components.schemas`` name the spec gives for this operation's ``status`` body."""
    responses = _operation(operation_id)["responses"]
    response = responses.get(str(status))
    if response is None:
        assert status in UNDECLARED_ERRORS, f"{operation_id} answered undeclared HTTP {status}"
        return "ApiError"
    if "$ref" in response:
        response = _spec()["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    ref: str = response["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[1]


@cache
def _validator(schema_name: str) -> jsonschema.Draft202012Validator:
    document = {"$ref": f"#/components/schemas/{schema_name}", "components": _components()}
    return jsonschema.Draft202012Validator(document)


def _problems(recorded: RecordedResponse, schema_name: str) -> list[str]:
    return [
        f"{recorded.operation_id} {recorded.status} at {'/'.join(map(str, e.absolute_path))}: "
        f"{e.message}"
        for e in _validator(schema_name).iter_errors(recorded.body)
    ]


def test_schema_conversion_handles_nullable_refs_and_strictness() -> None:
    converted = to_json_schema(
        {
            "type": "object",
            "x-evidence": "seen",
            "properties": {
                "type": {"type": "string", "nullable": True, "enum": ["A"]},
                "user": {"$ref": "#/components/schemas/UserDto", "nullable": True},
                "data": {"nullable": True, "description": "anything"},
            },
        }
    )
    assert converted == {
        "type": "object",
        "properties": {
            "type": {"type": ["string", "null"], "enum": ["A", None]},
            "user": {"anyOf": [{"$ref": "#/components/schemas/UserDto"}, {"type": "null"}]},
            "data": {},
        },
        "additionalProperties": False,
    }


# --------------------------------------------------------------------------- the scenario


async def _drive_every_operation(fake: FakeAstravue) -> None:
    ava, ben = fake.client(), fake.client(user_id=2)

    space = await ava.spaces.create(space_name="Engineering", color="#4F46E5", is_private=False)
    await ava.spaces.list()
    await ava.spaces.get(space.space_id)
    await ava.spaces.update(space.space_id, description="Backend and platform")
    project = await ava.projects.create(
        space.space_id,
        project_name="Auth rewrite",
        status=models.ProjectStatus.IN_PROGRESS,
        health=models.ProjectHealth.AT_RISK,
        priority="High",
        start_date=T0,
        end_date=T0 + timedelta(days=30),
        budget=1200.5,
        currency="EUR",
        member_ids=[1, 2],
    )
    await ava.projects.list(space.space_id)
    await ava.projects.get(space.space_id, project.project_id)
    await ava.projects.update(space.space_id, project.project_id, health="ON_TRACK")

    task = await ava.tasks.create(
        task_title="Write the login page",
        description="Pair with @2 on this",
        owners=[1, 2],
        start_date=T0,
        due_date=T0 + timedelta(days=3),
        completion=10,
        status="In Progress",
        priority="High",
        tags=["frontend"],
    )
    await ava.tasks.list(status="In Progress", search="login", owner_id=2).to_list()
    await ava.tasks.get(task.task_id)
    await ava.tasks.update(task.task_id, completion=50)
    ptask = await ava.project_tasks.create(
        space.space_id, project.project_id, task_title="Token endpoint", owners=[3]
    )
    await ava.project_tasks.list(space.space_id, project.project_id, priority="Medium")
    await ava.project_tasks.get(space.space_id, project.project_id, ptask.task_id)
    await ava.project_tasks.update(space.space_id, project.project_id, ptask.task_id, tags=["api"])

    subtask = fake.add_subtask(task.task_id, "Form validation", owners=[2])
    project_subtask = fake.add_subtask(ptask.task_id, "PKCE")
    fake.add_comment(task.task_id, "Looks good, @2")
    fake.add_checklist_item(task.task_id, "Design review", completed=True)
    fake.add_checklist_item(subtask, "Unit tests")
    await ava.comments.list(task.task_id)
    await ava.subtasks.list(task.task_id)
    await ava.subtasks.list(ptask.task_id, space_id=space.space_id, project_id=project.project_id)
    await ava.checklists.list(task.task_id)
    await ava.checklists.list(task.task_id, subtask_id=subtask)
    assert project_subtask

    await ava.timers.start(task.task_id, notes="focus")
    await ava.timers.active()
    with pytest.raises(ConflictError):
        await ava.timers.start(ptask.task_id, project_id=project.project_id)
    fake.advance(600)
    await ava.timers.stop(task.task_id, billable=True)
    await ava.timers.start(ptask.task_id, project_id=project.project_id)
    fake.advance(60)
    await ava.timers.stop(ptask.task_id)
    ranged = await ava.timers.add_range(
        task.task_id, start_time=T0, end_time=T0 + timedelta(hours=2)
    )
    await ava.timers.add_range(
        ptask.task_id,
        project_id=project.project_id,
        start_time=T0,
        end_time=T0 + timedelta(hours=1),
    )
    await ava.timers.add_manual(task.task_id, duration=timedelta(minutes=45), start_time=T0)
    await ava.timers.add_manual(
        ptask.task_id, project_id=project.project_id, duration=timedelta(hours=1)
    )
    await ava.timers.list_for_task(task.task_id)
    await ava.timers.update(ranged.time_tracker_id, notes="edited", duration=timedelta(hours=3))
    await ava.timers.delete(ranged.time_tracker_id)

    notes = await ben.notifications.list(unread_only=True).to_list()
    assert notes, "Ben was assigned and mentioned"
    await ben.notifications.mark_read([notes[0].notification_id])
    await ben.notifications.delete([notes[-1].notification_id])

    await ava.project_tasks.delete(space.space_id, project.project_id, ptask.task_id)
    await ava.tasks.delete(task.task_id)
    await ava.projects.delete(space.space_id, project.project_id)
    await ava.spaces.delete(space.space_id)


async def _drive_errors(fake: FakeAstravue) -> None:
    ava = fake.client()
    with pytest.raises(BadRequestError):
        await ava.request("POST", "/tasks", json={"description": "no title"})
    with pytest.raises(BadRequestError):
        await ava.request("GET", "/tasks", params={"size": 101})
    with pytest.raises(BadRequestError):
        await ava.tasks.create(task_title="x", owners=[999])
    with pytest.raises(NotFoundError):
        await ava.tasks.get(987654)
    with pytest.raises(NotFoundError):
        await ava.spaces.get(987654)
    stranger = fake.client(access_token="not-a-token")
    with pytest.raises(AuthenticationError):
        await stranger.spaces.list()
    # Declared transient answers, retried by the client until the real answer comes.
    fake.fail_next(1, status=429, retry_after=0, path="/spaces")
    fake.fail_next(1, status=500, retry_after=0, path="/spaces")
    await ava.spaces.list()


async def _drive_token_endpoint(fake: FakeAstravue) -> None:
    client = fake.client()
    session = client._transport.session()
    auth = build_authorization_url(
        fake.client_id, fake.redirect_uri, authorize_url=fake.authorize_url
    )
    async with session.get(auth.url, allow_redirects=False) as response:
        location = response.headers["Location"]
    code = location.split("code=", 1)[1].split("&", 1)[0]
    token = await exchange_code(
        session,
        code=code,
        redirect_uri=fake.redirect_uri,
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        code_verifier=auth.code_verifier,
        token_url=fake.token_url,
    )
    assert token.refresh_token is not None
    await refresh(
        session,
        refresh_token=token.refresh_token,
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        token_url=fake.token_url,
    )
    with pytest.raises(AuthenticationError):  # rotated: the old one is dead
        await refresh(
            session,
            refresh_token=token.refresh_token,
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            token_url=fake.token_url,
        )


async def test_every_response_body_conforms_to_the_spec() -> None:
    async with FakeAstravue(clock=lambda: T0.timestamp()) as fake:
        fake.record_responses = True
        await _drive_every_operation(fake)
        await _drive_errors(fake)
        await _drive_token_endpoint(fake)

    recorded = fake.responses
    assert {r.operation_id for r in recorded} == set(OPERATIONS)
    statuses = {r.status for r in recorded}
    assert {200, 400, 401, 404, 409, 429, 500} <= statuses, statuses
    problems = [p for r in recorded for p in _problems(r, _schema_name(r.operation_id, r.status))]
    assert not problems, "\n".join(problems[:20])

    assert {r.operation_id for r in fake.token_responses} == {
        "get_access_token",
        "refresh_access_token",
    }
    problems = [
        p
        for r in fake.token_responses
        for p in _problems(r, "TokenResponse" if r.status == 200 else "OAuthErrorResponse")
    ]
    assert not problems, "\n".join(problems)


async def test_fixture_fake_records_conforming_bodies(astravue_fake: FakeAstravue) -> None:
    # The pytest fixture yields the same fake; a quick pass keeps it honest too.
    astravue_fake.record_responses = True
    client = astravue_fake.client()
    await client.tasks.create(task_title="from the fixture")
    await client.tasks.list()
    for recorded in astravue_fake.responses:
        assert not _problems(recorded, _schema_name(recorded.operation_id, recorded.status))
