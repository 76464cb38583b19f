"""What a generated create/update method puts on the wire: exactly the keywords given.

A keyword left out is not sent (``NOT_GIVEN``), ``None`` sends JSON ``null`` where the spec
says the field is nullable and is refused (nothing sent) where it is not. Checked against the
recording server for every generated method with a request body, so a new one is covered too.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, Union, get_args, get_origin

import attrs
import pytest

from astravue_async import AstravueClient, NotFoundError, models
from astravue_async._types import NOT_GIVEN, NotGiven
from astravue_async.resources._base import Resource, operations_of

from .conftest import ACCESS_TOKEN, ORG_ID, FakeAPI, task_json

GENERATED = "astravue_async._generated.resources"
WHEN = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def _generated_body_methods() -> list[tuple[str, str, type[Any]]]:
    client = AstravueClient(org_id=ORG_ID, access_token=ACCESS_TOKEN)
    found = []
    for attr, resource in vars(client).items():
        if not isinstance(resource, Resource):
            continue
        for name, fn in inspect.getmembers(type(resource), inspect.isfunction):
            if name.startswith("_") or fn.__module__ != GENERATED:
                continue
            (op,) = operations_of(fn)
            if op.request_body is not None:
                found.append((attr, name, op.request_body))
    return found


BODY_METHODS = _generated_body_methods()
IDS = [f"{attr}.{name}" for attr, name, _ in BODY_METHODS]


def _options(tp: Any) -> list[Any]:
    if get_origin(tp) in (Union, types.UnionType):
        return [t for t in get_args(tp) if t not in (type(None), NotGiven)]
    return [tp]


def sample(tp: Any, meta: typing.Mapping[str, Any]) -> tuple[Any, Any]:
    """A valid value for a field of type ``tp`` and its expected JSON."""
    (concrete, *_) = _options(tp)
    if get_origin(concrete) is list:
        (item,) = get_args(concrete)
        value, wire = sample(item, {})
        return [value], [wire]
    if isinstance(concrete, type) and issubclass(concrete, Enum):
        member = next(iter(concrete))
        return member, member.value
    low = meta.get("ge", 1)
    table: dict[Any, tuple[Any, Any]] = {
        str: ("x", "x"),
        bool: (True, True),
        int: (low, low),
        float: (float(low), float(low)),
        datetime: (WHEN, "2024-05-01T09:00:00Z"),
        timedelta: (timedelta(seconds=2), 2000),
    }
    return table[concrete]


def _required(model: type[Any]) -> dict[str, tuple[Any, Any]]:
    hints = typing.get_type_hints(model)
    return {
        f.name: sample(hints[f.name], f.metadata)
        for f in attrs.fields(model)
        if f.default is attrs.NOTHING
    }


def _wire(model: type[Any], samples: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
    """The JSON expected for ``samples`` (field name → (value, JSON)), by wire name."""
    fields = attrs.fields_dict(model)
    return {fields[name].metadata["wire"]: wire for name, (_, wire) in samples.items()}


async def _send(api: FakeAPI, client: AstravueClient, attr: str, name: str, **kw: Any) -> Any:
    """Call ``client.<attr>.<name>`` with 5 for every id; the body the server saw."""
    method: Callable[..., Any] = getattr(getattr(client, attr), name)
    ids = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_ONLY and p.name != "body"
    ]
    with pytest.raises(NotFoundError):  # no route: the request is still recorded
        await method(*[5] * len(ids), **kw)
    assert api.count == 1
    return api.last.body


def test_generated_body_methods_were_found() -> None:
    names = {f"{attr}.{name}" for attr, name, _ in BODY_METHODS}
    assert {"tasks.update", "tasks.create", "spaces.update", "timers.update"} <= names


@pytest.mark.parametrize(("attr", "name", "model"), BODY_METHODS, ids=IDS)
async def test_each_keyword_alone_is_all_that_is_sent(
    api: FakeAPI, client: AstravueClient, attr: str, name: str, model: type[Any]
) -> None:
    hints = typing.get_type_hints(model)
    required = _required(model)
    for field in attrs.fields(model):
        api.requests.clear()
        value, wire = sample(hints[field.name], field.metadata)
        given = {k: v for k, (v, _) in required.items()} | {field.name: value}
        body = await _send(api, client, attr, name, **given)
        expected = _wire(model, required) | {field.metadata["wire"]: wire}
        assert body == expected, field.name


@pytest.mark.parametrize(("attr", "name", "model"), BODY_METHODS, ids=IDS)
async def test_none_is_null_where_nullable_and_refused_elsewhere(
    api: FakeAPI, client: AstravueClient, attr: str, name: str, model: type[Any]
) -> None:
    required = {k: v for k, (v, _) in _required(model).items()}
    for field in attrs.fields(model):
        if field.default is attrs.NOTHING:
            continue
        api.requests.clear()
        if field.metadata.get("nullable"):
            body = await _send(api, client, attr, name, **required, **{field.name: None})
            assert body == _wire(model, _required(model)) | {field.metadata["wire"]: None}
        else:
            with pytest.raises((TypeError, ValueError), match=field.name):
                await getattr(getattr(client, attr), name)(
                    *[5] * _id_count(client, attr, name), **required, **{field.name: None}
                )
            assert api.count == 0, f"None for {field.name} was sent"


def _id_count(client: AstravueClient, attr: str, name: str) -> int:
    method = getattr(getattr(client, attr), name)
    return sum(
        1
        for p in inspect.signature(method).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_ONLY and p.name != "body"
    )


async def test_update_with_none_sends_null(api: FakeAPI, client: AstravueClient) -> None:
    api.on("PUT", "/tasks/5", task_json(5))
    await client.tasks.update(5, due_date=None)
    assert api.last.body == {"dueDate": None}
    assert api.last.raw_body == b'{"dueDate":null}'


async def test_update_sends_only_what_was_given(api: FakeAPI, client: AstravueClient) -> None:
    api.on("PUT", "/tasks/5", task_json(5))
    await client.tasks.update(5, task_title="x")
    assert api.last.body == {"taskTitle": "x"}
    # NOT_GIVEN passed explicitly is the same as leaving the keyword out.
    await client.tasks.update(5, task_title="y", description=NOT_GIVEN)
    assert api.last.body == {"taskTitle": "y"}


async def test_body_and_keywords_together_are_refused(api: FakeAPI, client: AstravueClient) -> None:
    with pytest.raises(TypeError, match="not both"):
        await client.tasks.update(5, models.TaskUpdateRequest(task_title="a"), completion=5)
    with pytest.raises(TypeError, match="task_title"):
        await client.tasks.create()
    assert api.count == 0


async def test_a_model_is_sent_as_it_is(api: FakeAPI, client: AstravueClient) -> None:
    api.on("PUT", "/tasks/5", task_json(5))
    await client.tasks.update(5, models.TaskUpdateRequest(completion=40))
    assert api.last.body == {"completion": 40}
