"""``AstravueClient`` and the facade as a whole: every operation is reachable, hand-written
signatures fill their request models, every argument is documented; ``with_options``,
``from_env``, ``request`` and the constructor's checks.

The generated methods' signatures need no hand-kept copy here: ``codegen/resources.py``
writes them from the models (``tests/test_codegen_resources.py``)."""

from __future__ import annotations

import asyncio
import inspect
import json
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from resources.conftest import (
    ACCESS_TOKEN,
    ORG_ID,
    FakeAPI,
    Reply,
    make_client,
    running_api,
    task_json,
)

from astravue_async import AstravueClient, NotFoundError, OAuth2Token, _json, models
from astravue_async._generated.operations import OPERATIONS
from astravue_async._types import NOT_GIVEN
from astravue_async.resources._base import Resource, operations_of


@pytest.fixture
async def api() -> AsyncIterator[FakeAPI]:
    async with running_api() as fake:
        yield fake


@pytest.fixture
async def client(api: FakeAPI) -> AsyncIterator[AstravueClient]:
    async with make_client(api) as c:
        yield c


def offline_client() -> AstravueClient:
    """A client that is never used for I/O (no session is ever created)."""
    return AstravueClient(org_id=ORG_ID, access_token=ACCESS_TOKEN)


def resources_of(client: AstravueClient) -> dict[str, Resource]:
    return {name: value for name, value in vars(client).items() if isinstance(value, Resource)}


def public_methods(resource: Resource) -> dict[str, Callable[..., Any]]:
    return {
        name: member
        for name, member in inspect.getmembers(type(resource), inspect.isfunction)
        if not name.startswith("_")
    }


def facade_methods() -> list[tuple[str, str, Callable[..., Any]]]:
    """(resource attribute, method name, function) for every public resource method."""
    return [
        (attr, name, method)
        for attr, resource in resources_of(offline_client()).items()
        for name, method in public_methods(resource).items()
    ]


FACADE = facade_methods()
FACADE_IDS = [f"{attr}.{name}" for attr, name, _ in FACADE]


# --------------------------------------------------------------------------- reachability


def test_client_exposes_the_resource_namespaces() -> None:
    assert set(resources_of(offline_client())) == {
        "spaces",
        "projects",
        "tasks",
        "project_tasks",
        "timers",
        "notifications",
        "comments",
        "subtasks",
        "checklists",
    }


def test_every_operation_is_reachable_through_the_facade() -> None:
    reachable: dict[str, list[str]] = {}
    for attr, name, method in FACADE:
        for op in operations_of(method):
            reachable.setdefault(op.operation_id, []).append(f"{attr}.{name}")
    missing = set(OPERATIONS) - set(reachable)
    assert not missing, f"operations without a facade method: {sorted(missing)}"
    assert set(reachable) == set(OPERATIONS)
    assert {op for _, _, m in FACADE for op in operations_of(m)} == set(OPERATIONS.values())
    seeds = {oid for oid, op in OPERATIONS.items() if op.seed}
    assert seeds <= set(reachable)
    # One way to do each thing: no operation is offered by two methods.
    assert {oid: where for oid, where in reachable.items() if len(where) > 1} == {}


@pytest.mark.parametrize(("attr", "name", "method"), FACADE, ids=FACADE_IDS)
def test_every_public_method_runs_an_operation(
    attr: str, name: str, method: Callable[..., Any]
) -> None:
    assert operations_of(method), f"{attr}.{name} is not marked with @api_operation"


@pytest.mark.parametrize(("attr", "name", "method"), FACADE, ids=FACADE_IDS)
def test_every_path_and_query_parameter_is_a_method_parameter(
    attr: str, name: str, method: Callable[..., Any]
) -> None:
    # Generated methods get this from the generator; the hand-written ones (twin endpoints)
    # must offer every parameter of every operation they may run, under the spec's name.
    params = set(inspect.signature(method).parameters)
    for op in operations_of(method):
        paging = op.pagination
        skip = {"X-Org-Id"} | ({paging.page_param, paging.size_param} if paging else set())
        wanted = {p.python_name for p in op.parameters if p.wire_name not in skip}
        assert wanted <= params, f"{attr}.{name} cannot send {sorted(wanted - params)}"
        if paging is not None:
            assert {"page_size", "limit"} <= params


@pytest.mark.parametrize(("attr", "name", "method"), FACADE, ids=FACADE_IDS)
def test_no_catch_all_parameters(attr: str, name: str, method: Callable[..., Any]) -> None:
    kinds = {p.kind for p in inspect.signature(method).parameters.values()}
    assert inspect.Parameter.VAR_KEYWORD not in kinds, f"{attr}.{name} takes **kwargs"
    assert inspect.Parameter.VAR_POSITIONAL not in kinds, f"{attr}.{name} takes *args"


# --------------------------------------------------------------------------- hand-written bodies

GENERATED = "astravue_async._generated.resources"


def _body_model(method: Callable[..., Any]) -> type[Any] | None:
    bodies = {op.request_body for op in operations_of(method)}
    assert len(bodies) == 1, "all operations of one method take the same body"
    return bodies.pop()


# The signatures of generated methods are the request models' fields by construction (the
# generator writes them; `make generate-check` catches a hand edit). The hand-written methods
# that send a body are listed here: which parameter fills which model field. A new model
# field without a parameter makes the test fail.
BODY_MAPPINGS: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("timers", "start"): {"billable": ("billable",), "notes": ("notes",)},
    ("timers", "add_range"): {
        "start_time": ("start_time",),
        "end_time": ("end_time",),
        "billable": ("billable",),
        "notes": ("notes",),
    },
    ("timers", "add_manual"): {
        "duration": ("hours", "minutes"),
        "start_time": ("start_time",),
        "billable": ("billable",),
        "notes": ("notes",),
    },
    ("notifications", "mark_read"): {"ids": ("notification_ids",)},
    ("notifications", "delete"): {"ids": ("notification_ids",)},
}

HAND_WRITTEN_BODIES = [
    (attr, name, method)
    for attr, name, method in FACADE
    if method.__module__ != GENERATED and _body_model(method) is not None
]
HAND_WRITTEN_IDS = [f"{a}.{n}" for a, n, _ in HAND_WRITTEN_BODIES]


def test_every_hand_written_body_method_has_a_mapping() -> None:
    assert {(attr, name) for attr, name, _ in HAND_WRITTEN_BODIES} == set(BODY_MAPPINGS)


@pytest.mark.parametrize(("attr", "name", "method"), HAND_WRITTEN_BODIES, ids=HAND_WRITTEN_IDS)
def test_hand_written_body_methods_fill_every_model_field(
    attr: str, name: str, method: Callable[..., Any]
) -> None:
    model = _body_model(method)
    assert model is not None
    fields = {f.name for f in attrs.fields(model)}
    mapping = BODY_MAPPINGS[(attr, name)]
    assert set(mapping) <= set(inspect.signature(method).parameters)
    assert {f for targets in mapping.values() for f in targets} == fields
    # One name per concept: a parameter that fills a single field is named like it.
    for param, targets in mapping.items():
        if len(targets) == 1 and (param in fields or targets[0] in fields - {"notification_ids"}):
            assert targets == (param,), f"{attr}.{name}({param}) fills {targets[0]}"


@pytest.mark.parametrize(("attr", "name", "method"), HAND_WRITTEN_BODIES, ids=HAND_WRITTEN_IDS)
def test_hand_written_optional_body_keywords_default_to_not_given(
    attr: str, name: str, method: Callable[..., Any]
) -> None:
    # Same semantics as the generated methods: left out is not sent, None would mean null.
    model = _body_model(method)
    assert model is not None
    optional = {f.name for f in attrs.fields(model) if f.default is not attrs.NOTHING}
    for param in inspect.signature(method).parameters.values():
        if param.name in optional:
            assert param.default is NOT_GIVEN, f"{attr}.{name}({param.name})"


# --------------------------------------------------------------------------- documentation


@pytest.mark.parametrize(("attr", "name", "method"), FACADE, ids=FACADE_IDS)
def test_resource_methods_document_their_operations(
    attr: str, name: str, method: Callable[..., Any]
) -> None:
    doc = method.__doc__ or ""
    summary = doc.split("API:")[0].strip()
    assert summary, f"{attr}.{name} has no docstring of its own"
    for op in operations_of(method):
        assert op.operation_id in doc
        assert op.doc_url in doc
        assert f"{op.method} {op.path}" in doc


@pytest.mark.parametrize(("attr", "name", "method"), FACADE, ids=FACADE_IDS)
def test_every_argument_return_and_error_is_documented(
    attr: str, name: str, method: Callable[..., Any]
) -> None:
    doc = inspect.cleandoc(method.__doc__ or "")
    sections = re.split(r"^\s*(Args|Returns|Raises|API):$", doc, flags=re.MULTILINE)
    by_name = dict(zip(sections[1::2], sections[2::2], strict=True))
    params = [p for p in inspect.signature(method).parameters if p != "self"]
    if params:
        documented = set(re.findall(r"^\s+(\w+):", by_name.get("Args", ""), re.MULTILINE))
        assert set(params) <= documented, f"{attr}.{name}: {set(params) - documented}"
    assert by_name.get("Returns", "").strip(), f"{attr}.{name} does not say what it returns"
    raises = by_name.get("Raises", "")
    for error in ("TypeError", "NotFoundError", "APIConnectionError"):
        assert error in raises, f"{attr}.{name} does not document {error}"


def test_help_lists_every_resource() -> None:
    doc = inspect.getdoc(AstravueClient) or ""
    listed = re.findall(r"^- ``(\w+)``: \S", doc, flags=re.MULTILINE)
    assert sorted(listed) == sorted(resources_of(offline_client()))


def test_resource_classes_have_docstrings() -> None:
    for resource in resources_of(offline_client()).values():
        assert inspect.getdoc(type(resource)), type(resource).__name__


def test_client_public_api_is_documented() -> None:
    assert inspect.getdoc(AstravueClient)
    names = [name for name in dir(AstravueClient) if not name.startswith("_")]
    assert {"aclose", "with_options", "from_env", "request", "gather", "org_id", "token"} <= set(
        names
    )
    for name in names:
        member = inspect.getattr_static(AstravueClient, name)
        target = member.__func__ if isinstance(member, classmethod) else member
        assert inspect.getdoc(target), f"AstravueClient.{name} has no docstring"


# --------------------------------------------------------------------------- with_options


async def test_with_options_switches_the_org_and_shares_the_session(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.on("GET", "/tasks/1", task_json(1))
    other = client.with_options(org_id=7)
    assert (client.org_id, other.org_id) == (ORG_ID, 7)
    assert other._transport is client._transport
    await other.tasks.get(1)
    await client.tasks.get(1)
    assert [r.headers["X-Org-Id"] for r in api.requests] == ["7", str(ORG_ID)]
    assert client._transport.session() is other._transport.session()
    assert "org_id=7" in repr(other)


async def test_interleaved_orgs_and_bodies_each_get_their_own_headers(
    api: FakeAPI, client: AstravueClient
) -> None:
    # Request headers are built once per (token, org, body) and reused: concurrent calls for
    # many tenants, with and without bodies, must never pick up each other's.
    api.on("GET", "/tasks/1", task_json(1))
    api.on("POST", "/tasks", task_json(2))
    orgs = [ORG_ID, *range(100, 120)]  # more tenants than the cache keeps
    tenants = [client.with_options(org_id=org) for org in orgs]
    calls = [tenant.tasks.get(1) for tenant in tenants * 2]
    calls += [tenant.tasks.create(task_title="t") for tenant in tenants]
    await asyncio.gather(*calls)
    seen = sorted(
        (r.method, r.headers["X-Org-Id"], "Content-Type" in r.headers) for r in api.requests
    )
    expected = sorted(
        [("GET", str(org), False) for org in orgs * 2] + [("POST", str(org), True) for org in orgs]
    )
    assert seen == expected
    assert all(r.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}" for r in api.requests)


async def test_with_options_keeps_what_is_not_overridden(client: AstravueClient) -> None:
    slower = client.with_options(timeout=5, max_retries=0)
    assert slower.org_id == ORG_ID
    assert slower._options.timeout == 5
    assert slower._options.max_retries == 0
    assert client._options.timeout != 5


def test_with_options_checks_its_arguments() -> None:
    client = offline_client()
    with pytest.raises(TypeError, match="org_id"):
        client.with_options(org_id="7")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="org_id"):
        client.with_options(org_id=-1)
    with pytest.raises(ValueError, match="timeout"):
        client.with_options(timeout=-1)


async def test_copies_share_the_pool_that_the_original_owns(api: FakeAPI) -> None:
    api.on("GET", "/tasks/1", task_json(1))
    async with make_client(api) as client:
        copy = client.with_options(org_id=7)
        async with copy:  # closing a copy leaves the shared pool to its owner
            await copy.tasks.get(1)
        assert (await client.tasks.get(1)).task_id == 1
    # Closing the original closed the pool under the copy as well.
    with pytest.raises(RuntimeError, match="closed"):
        await copy.tasks.get(1)
    await client.aclose()  # idempotent
    assert [r.headers["X-Org-Id"] for r in api.requests] == ["7", str(ORG_ID)]


# --------------------------------------------------------------------------- from_env


async def test_from_env_with_an_access_token(api: FakeAPI) -> None:
    env = {
        "ASTRAVUE_ORG_ID": "42",
        "ASTRAVUE_ACCESS_TOKEN": "env-token",
        "ASTRAVUE_BASE_URL": api.base_url,
        "UNRELATED": "x",
    }
    api.on("GET", "/tasks/1", task_json(1))
    async with AstravueClient.from_env(env) as client:
        assert client.org_id == 42
        await client.tasks.get(1)
    assert api.last.headers["Authorization"] == "Bearer env-token"
    assert api.last.headers["X-Org-Id"] == "42"


async def test_from_env_keyword_arguments_override(api: FakeAPI) -> None:
    env = {"ASTRAVUE_ORG_ID": "42", "ASTRAVUE_ACCESS_TOKEN": "t"}
    api.on("GET", "/tasks/1", task_json(1))
    async with AstravueClient.from_env(env, org_id=7, base_url=api.base_url) as client:
        await client.tasks.get(1)
    assert api.last.headers["X-Org-Id"] == "7"


async def test_from_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASTRAVUE_ORG_ID", "9")
    monkeypatch.setenv("ASTRAVUE_ACCESS_TOKEN", "t")
    monkeypatch.delenv("ASTRAVUE_REFRESH_TOKEN", raising=False)
    monkeypatch.delenv("ASTRAVUE_BASE_URL", raising=False)
    async with AstravueClient.from_env() as client:
        assert client.org_id == 9


async def test_from_env_with_a_refresh_token_refreshes_first(api: FakeAPI) -> None:
    api.on(
        "POST",
        "/token",
        responder=lambda _: Reply(
            200,
            {
                "access_token": "fresh-access",
                "token_type": "Bearer",
                "expires_in": 1800,
                "refresh_token": "rotated-refresh",
            },
        ),
    )
    api.on("GET", "/tasks/1", task_json(1))
    saved: list[OAuth2Token] = []
    env = {
        "ASTRAVUE_ORG_ID": "42",
        "ASTRAVUE_REFRESH_TOKEN": "old-refresh",
        "ASTRAVUE_CLIENT_ID": "cli",
        "ASTRAVUE_CLIENT_SECRET": "secret",
        "ASTRAVUE_BASE_URL": api.base_url,
        "ASTRAVUE_TOKEN_URL": f"{api.url}/token",
    }
    async with AstravueClient.from_env(env, on_token_refresh=saved.append) as client:
        await client.tasks.get(1)
        assert client.token.access_token == "fresh-access"
    token_request, task_request = api.requests
    assert token_request.path == "/token"
    assert b"refresh_token=old-refresh" in token_request.raw_body
    assert b"client_id=cli" in token_request.raw_body
    assert task_request.headers["Authorization"] == "Bearer fresh-access"
    assert [t.refresh_token for t in saved] == ["rotated-refresh"]


@pytest.mark.parametrize(
    ("env", "error", "message"),
    [
        ({"ASTRAVUE_ACCESS_TOKEN": "t"}, ValueError, "ASTRAVUE_ORG_ID"),
        ({"ASTRAVUE_ORG_ID": "", "ASTRAVUE_ACCESS_TOKEN": "t"}, ValueError, "ASTRAVUE_ORG_ID"),
        ({"ASTRAVUE_ORG_ID": "acme", "ASTRAVUE_ACCESS_TOKEN": "t"}, ValueError, "ASTRAVUE_ORG_ID"),
        ({"ASTRAVUE_ORG_ID": "4.2", "ASTRAVUE_ACCESS_TOKEN": "t"}, ValueError, "ASTRAVUE_ORG_ID"),
        ({"ASTRAVUE_ORG_ID": "0", "ASTRAVUE_ACCESS_TOKEN": "t"}, ValueError, "org_id"),
        ({"ASTRAVUE_ORG_ID": "42"}, ValueError, "ASTRAVUE_ACCESS_TOKEN"),
        (
            {"ASTRAVUE_ORG_ID": "42", "ASTRAVUE_REFRESH_TOKEN": "r"},
            ValueError,
            "ASTRAVUE_CLIENT_ID",
        ),
        (
            {"ASTRAVUE_ORG_ID": "42", "ASTRAVUE_ACCESS_TOKEN": "t", "ASTRAVUE_BASE_URL": "ftp://x"},
            ValueError,
            "base_url",
        ),
    ],
    ids=[
        "no-org",
        "empty-org",
        "word-org",
        "float-org",
        "zero-org",
        "no-token",
        "refresh-without-client",
        "bad-base-url",
    ],
)
def test_from_env_errors_name_the_variable(
    env: dict[str, str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        AstravueClient.from_env(env)


def test_from_env_errors_do_not_leak_tokens() -> None:
    with pytest.raises(ValueError) as info:
        AstravueClient.from_env({"ASTRAVUE_ORG_ID": "x", "ASTRAVUE_ACCESS_TOKEN": "SECRET-AT"})
    assert "SECRET-AT" not in str(info.value)


# --------------------------------------------------------------------------- request()


async def test_request_returns_raw_data_and_encodes_params(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.on("GET", "/custom", {"taskId": 1, "nested": {"a": [1, 2]}})
    data = await client.request("GET", "/custom", params={"a": True, "b": None, "n": 5})
    assert data == {"taskId": 1, "nested": {"a": [1, 2]}}  # plain JSON, not a model
    assert api.last.query == {"a": "true", "n": "5"}
    assert api.last.headers["X-Org-Id"] == str(ORG_ID)
    assert api.last.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert api.last.raw_body == b""


async def test_request_encodes_values_like_the_facade(api: FakeAPI, client: AstravueClient) -> None:
    api.on("POST", "/tasks/1/comments", {"ok": 1})
    when = datetime(2024, 1, 1, tzinfo=UTC)
    await client.request(
        "post",
        "/tasks/1/comments",
        params={"since": when, "type": models.NotificationType.MENTION, "flag": False},
        json=models.TaskCreateRequest(task_title="t", due_date=when),
    )
    seen = api.last
    assert seen.method == "POST"
    assert seen.query == {"since": "2024-01-01T00:00:00Z", "type": "MENTION", "flag": "false"}
    assert seen.body == {"taskTitle": "t", "dueDate": "2024-01-01T00:00:00Z"}


async def test_request_percent_encodes_the_path(api: FakeAPI, client: AstravueClient) -> None:
    # Spaces and non-ASCII must travel encoded; an existing %XX escape is kept as it is.
    api.on("GET", "/labels/a b/\u00e4/x/y", {"ok": 1})  # routes match the decoded path
    assert await client.request("GET", "/labels/a b/\u00e4/x%2Fy") == {"ok": 1}
    assert api.last.raw_path == "/labels/a%20b/%C3%A4/x%2Fy"


async def test_request_maps_errors(api: FakeAPI, client: AstravueClient) -> None:
    with pytest.raises(NotFoundError) as info:
        await client.request("GET", "/nowhere")
    assert info.value.status == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "https://evil.example/v1/tasks"),
        ("GET", "//evil.example/tasks"),
        ("GET", "tasks"),
        ("GET", ""),
        ("GET", "/tasks/../admin"),
        ("GET", "/tasks/./1"),
        ("GET", "/.."),
        ("GET", "/tasks/%2e%2e/%2E%2E/admin"),
        ("GET", "/tasks/.%2e/admin"),
        ("GET", "/tasks?page=1"),
        ("GET", "/tasks#frag"),
        ("GET", "/tasks//1"),
        ("TRACE", "/tasks"),
        ("", "/tasks"),
    ],
)
async def test_request_refuses_paths_outside_the_api(
    api: FakeAPI, client: AstravueClient, method: str, path: str
) -> None:
    with pytest.raises(ValueError):
        await client.request(method, path)
    assert api.count == 0


async def test_request_refuses_nan_in_json(api: FakeAPI, client: AstravueClient) -> None:
    with pytest.raises(ValueError):
        await client.request("POST", "/custom", json={"x": float("nan")})
    with pytest.raises(ValueError, match="naive"):
        await client.request("POST", "/custom", json={"when": datetime(2024, 1, 1)})
    assert api.count == 0


@pytest.mark.parametrize("backend", ["default", "stdlib"])
async def test_lone_surrogates_in_a_body_are_refused_naming_the_field(
    api: FakeAPI, client: AstravueClient, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend == "stdlib":
        monkeypatch.setattr(_json, "dumps", _json.stdlib_dumps)
    with pytest.raises(ValueError, match="'taskTitle' must be valid text"):
        await client.tasks.create(task_title="\ud800")
    with pytest.raises(ValueError, match=re.escape("'items[1].name' must be valid text")):
        await client.request("POST", "/custom", json={"items": [{}, {"name": "x\udc00"}]})
    with pytest.raises(ValueError, match=re.escape("'\\ud800' must be valid text")):
        await client.request("POST", "/custom", json={"\ud800": 1})
    assert api.count == 0
    # Text that merely looks like an escape, and a real pair, are sent as they are.
    api.on("POST", "/custom", {"ok": 1})
    await client.request("POST", "/custom", json={"a": "\\ud800 \U0001f600"})
    assert api.count == 1
    assert json.loads(api.last.raw_body) == {"a": "\\ud800 \U0001f600"}


# --------------------------------------------------------------------------- constructor


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, TypeError, "token"),
        ({"token": OAuth2Token(access_token="a"), "access_token": "b"}, TypeError, "not both"),
        ({"access_token": ""}, TypeError, "access_token"),
        ({"access_token": 5}, TypeError, "access_token"),
        ({"token": "abc"}, TypeError, "OAuth2Token"),
        (
            {"token": OAuth2Token(access_token="a", refresh_token="r")},
            ValueError,
            "client_id",
        ),
        ({"access_token": "a", "client_id": ""}, TypeError, "client_id"),
        ({"access_token": "a", "org_id": "42"}, TypeError, "org_id"),
        ({"access_token": "a", "org_id": 0}, ValueError, "org_id"),
        ({"access_token": "a", "org_id": True}, TypeError, "org_id"),
        ({"access_token": "a", "base_url": "http://api.example.com/v1"}, ValueError, "http"),
        ({"access_token": "a", "timeout": 0}, ValueError, "timeout"),
        ({"access_token": "a", "max_concurrency": 0}, ValueError, "max_concurrency"),
        ({"access_token": "a", "session": object()}, TypeError, "session"),
    ],
    ids=[
        "no-token",
        "both-tokens",
        "empty-access-token",
        "int-access-token",
        "str-token",
        "refresh-without-client-id",
        "empty-client-id",
        "str-org",
        "zero-org",
        "bool-org",
        "plain-http",
        "zero-timeout",
        "zero-concurrency",
        "not-a-session",
    ],
)
def test_constructor_checks(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    kwargs = {"org_id": ORG_ID, **kwargs}
    with pytest.raises(error, match=message):
        AstravueClient(**kwargs)


async def test_refresh_token_with_client_id_is_accepted() -> None:
    token = OAuth2Token(access_token="a", refresh_token="r")
    async with AstravueClient(org_id=1, token=token, client_id="cli") as client:
        assert client.token is token


def test_repr_shows_no_token() -> None:
    client = AstravueClient(org_id=3, access_token="SECRET-TOKEN-VALUE")
    assert "SECRET-TOKEN-VALUE" not in repr(client)
    assert "org_id=3" in repr(client)


async def test_client_is_usable_as_a_context_manager_only_once(api: FakeAPI) -> None:
    api.on("GET", "/tasks/1", task_json(1))
    async with make_client(api) as client:
        task = await client.tasks.get(1)
        assert task.task_id == 1
    with pytest.raises(RuntimeError, match="closed"):
        await client.tasks.get(1)
    assert api.count == 1
