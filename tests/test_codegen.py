"""The generated descriptors against the spec, and the override mechanism."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import attrs
import pytest

from astravue_async._descriptors import Operation
from astravue_async._generated import models
from astravue_async._generated.operations import OPERATIONS
from codegen.operations import SpecError, collect_operations, snake_case
from codegen.spec import OverrideError, apply_override, load_overrides, load_spec, split_pointer

SPEC = load_spec()
SPEC_OPERATIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
    op["operationId"]: (method.upper(), path, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if isinstance(op, dict) and "operationId" in op
}


def test_every_spec_operation_has_a_descriptor_and_nothing_else() -> None:
    assert set(OPERATIONS) == set(SPEC_OPERATIONS)


def test_seed_list_matches_the_spec() -> None:
    seeded_in_spec = {oid for oid, (_, _, op) in SPEC_OPERATIONS.items() if op.get("x-seed")}
    assert seeded_in_spec, "the spec marks seed operations"
    assert {oid for oid, op in OPERATIONS.items() if op.seed} == seeded_in_spec


@pytest.mark.parametrize("operation_id", sorted(SPEC_OPERATIONS))
def test_descriptor_matches_spec_operation(operation_id: str) -> None:
    method, path, raw = SPEC_OPERATIONS[operation_id]
    op = OPERATIONS[operation_id]
    assert isinstance(op, Operation)
    assert (op.method, op.path) == (method, path)
    assert op.tag == raw["tags"][0]
    assert op.doc_url == raw["x-doc-url"]
    assert op.summary == raw["summary"]
    assert {p.wire_name for p in op.path_parameters} == {
        seg[1:-1] for seg in path.split("/") if seg.startswith("{")
    }
    assert (op.pagination is not None) == ("x-pagination" in raw)
    assert op.idempotent is raw["x-idempotent"]
    assert (op.request_body is not None) == ("requestBody" in raw)
    if op.request_body is not None:
        assert attrs.has(op.request_body)


def test_paginated_descriptor_carries_the_spec_paging_rules() -> None:
    paging = OPERATIONS["list_tasks"].pagination
    assert paging is not None
    assert (paging.page_param, paging.size_param, paging.items_field) == ("page", "size", "content")
    assert paging.last_field == "last"
    assert paging.max_size == 100


def test_response_types_come_from_the_envelope_data() -> None:
    assert OPERATIONS["create_task"].response is models.TaskDto
    assert OPERATIONS["list_spaces"].response == list[models.SpaceDto]
    assert OPERATIONS["delete_task"].response is None
    assert OPERATIONS["list_tasks"].response is models.TaskListResponse


def test_models_keep_wire_names_and_are_keyword_only() -> None:
    field = attrs.fields_dict(models.TaskDto)["description_mentioned_user_ids"]
    assert field.metadata["wire"] == "descriptionMentionedUserIds"
    assert all(f.kw_only for f in attrs.fields(models.TaskDto))
    token_fields = {f.metadata["wire"] for f in attrs.fields(models.TokenResponse)}
    assert "not-before-policy" in token_fields


def test_generated_files_carry_the_do_not_edit_banner() -> None:
    generated = Path(models.__file__).parent
    for name in ("models.py", "operations.py", "__init__.py"):
        assert "do not edit" in (generated / name).read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize(
    ("wire", "python"),
    [("spaceId", "space_id"), ("X-Org-Id", "org_id"), ("unreadOnly", "unread_only"),
     ("dueDateFrom", "due_date_from"), ("page", "page")],
)  # fmt: skip
def test_snake_case(wire: str, python: str) -> None:
    assert snake_case(wire) == python


def test_overrides_set_replace_and_remove() -> None:
    spec: dict[str, Any] = {"paths": {"/a/{b}": {"get": {"summary": "old"}}}, "list": [1, 2]}
    apply_override(spec, {"pointer": "/paths/~1a~1{b}/get/summary", "value": "new", "reason": "r"})
    apply_override(spec, {"pointer": "/paths/~1a~1{b}/get/x-new", "value": {"k": 1}, "reason": "r"})
    apply_override(spec, {"pointer": "/list/0", "remove": True, "reason": "r"})
    assert spec == {
        "paths": {"/a/{b}": {"get": {"summary": "new", "x-new": {"k": 1}}}},
        "list": [2],
    }


@pytest.mark.parametrize(
    "entry",
    [
        {"pointer": "/paths/x", "value": 1},  # no reason
        {"pointer": "/paths/x", "value": 1, "reason": "  "},
        {"pointer": "paths/x", "value": 1, "reason": "r"},  # not a pointer
        {"pointer": "/nope/x", "value": 1, "reason": "r"},  # missing parent
        {"pointer": "/paths/missing", "remove": True, "reason": "r"},
        {"pointer": "/paths/x", "reason": "r"},  # no value
    ],
)
def test_bad_overrides_are_rejected(entry: dict[str, Any]) -> None:
    spec: dict[str, Any] = {"paths": {}}
    before = copy.deepcopy(spec)
    with pytest.raises(OverrideError):
        apply_override(spec, entry)
    assert spec == before


def test_split_pointer_unescapes() -> None:
    assert split_pointer("/a~1b/c~0d") == ["a/b", "c~d"]


def test_component_parameters_are_rendered_once_and_shared() -> None:
    def org_parameter(operation_id: str) -> object:
        (org,) = [p for p in OPERATIONS[operation_id].parameters if p.wire_name == "X-Org-Id"]
        return org

    # The spec defines X-Org-Id once (components.parameters.OrgId); so does the generated code.
    assert org_parameter("list_tasks") is org_parameter("delete_timer")


# Operations whose replay after a possibly received request changes the outcome (issue #12):
# creates, timer start/stop, time-entry adds, and the notification batch calls whose answers
# count what that one call changed.
NOT_REPEATABLE = {
    "create_task", "create_space", "create_project", "create_project_task",
    "start_personal_task_timer", "start_project_task_timer", "stop_timer",
    "add_personal_task_range", "add_personal_task_manual",
    "add_project_task_range", "add_project_task_manual",
    "mark_notifications_read", "delete_notifications",
}  # fmt: skip


def test_every_operation_and_token_grant_decides_idempotency() -> None:
    for operation_id, (_, _, raw) in SPEC_OPERATIONS.items():
        assert isinstance(raw.get("x-idempotent"), bool), operation_id
    grants = SPEC["x-auth"]["grants"]
    assert {g["operationId"]: g["x-idempotent"] for g in grants.values()} == {
        "get_access_token": False,
        "refresh_access_token": False,
    }


def test_each_idempotency_decision_is_one_override_with_a_reason() -> None:
    decided = [e for e in load_overrides() if e["pointer"].endswith("/x-idempotent")]
    assert len(decided) == len(SPEC_OPERATIONS) + len(SPEC["x-auth"]["grants"])
    assert all(isinstance(e["value"], bool) and e["reason"].strip() for e in decided)


def test_documented_non_repeatable_operations_are_not_idempotent() -> None:
    assert {oid for oid, op in OPERATIONS.items() if not op.idempotent} == NOT_REPEATABLE


def test_idempotency_is_not_derived_from_the_method() -> None:
    # stop_timer is a PUT, mark-read a PUT and the batch delete a DELETE, yet none repeat
    # safely; a method table would get all three wrong.
    assert OPERATIONS["stop_timer"].method == "PUT"
    assert not OPERATIONS["stop_timer"].idempotent
    assert OPERATIONS["delete_notifications"].method == "DELETE"
    assert not OPERATIONS["delete_notifications"].idempotent
    assert not hasattr(Operation, "is_idempotent")


def test_descriptor_cannot_be_built_without_an_idempotency_decision() -> None:
    with pytest.raises(TypeError, match="idempotent"):
        Operation(  # type: ignore[call-arg]
            operation_id="x", method="GET", path="/x", tag="", summary="", doc_url="", seed=False
        )


def _tiny_spec(**extensions: Any) -> dict[str, Any]:
    ok = {"200": {"description": "ok"}}
    return {
        "paths": {
            "/things": {
                "get": {"operationId": "list_things", "responses": ok, **extensions},
                "post": {"operationId": "create_thing", "responses": ok, "x-idempotent": False},
            }
        }
    }


def test_tiny_spec_with_every_decision_generates() -> None:
    ops = collect_operations(_tiny_spec(**{"x-idempotent": True}))
    assert {op["operation_id"]: op["idempotent"] for op in ops} == {
        "list_things": True,
        "create_thing": False,
    }


@pytest.mark.parametrize("extensions", [{}, {"x-idempotent": "yes"}, {"x-idempotent": None},
                                        {"x-idempotent": 1}, {"x-idempotant": True}])  # fmt: skip
def test_codegen_refuses_an_operation_without_a_boolean_decision(
    extensions: dict[str, Any],
) -> None:
    with pytest.raises(SpecError, match=r"list_things \(GET /things\)") as info:
        collect_operations(_tiny_spec(**extensions))
    assert "create_thing" not in str(info.value)


def test_codegen_refuses_the_real_spec_missing_one_decision() -> None:
    spec = copy.deepcopy(SPEC)
    del spec["paths"]["/time-track/tasks/{taskId}/stop"]["put"]["x-idempotent"]
    del spec["x-auth"]["grants"]["refresh_token"]["x-idempotent"]
    with pytest.raises(SpecError) as info:
        collect_operations(spec)
    message = str(info.value)
    assert "stop_timer (PUT /time-track/tasks/{taskId}/stop)" in message
    assert "refresh_access_token" in message
    assert "start_personal_task_timer" not in message


def test_codegen_refuses_operations_it_would_drop() -> None:
    spec = _tiny_spec(**{"x-idempotent": True})
    spec["paths"]["/things"]["head"] = {"operationId": "head_things", "x-idempotent": True}
    with pytest.raises(SpecError, match="'head'"):
        collect_operations(spec)


@pytest.mark.parametrize(
    "text",
    [
        # A second decision for the same place would silently win over the first.
        "overrides:\n"
        "  - {pointer: /paths/~1a/get/x-idempotent, value: true, reason: r}\n"
        "  - {pointer: /paths/~1a/get/x-idempotent, value: false, reason: r}\n",
        "overrides:\n  - just a string\n",
        "overrides: {pointer: /a, value: 1, reason: r}\n",
    ],
)
def test_malformed_override_files_are_rejected(text: str, tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OverrideError):
        load_overrides(path)


def test_repeated_list_appends_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(
        "overrides:\n"
        "  - {pointer: /list/-, value: 1, reason: r}\n"
        "  - {pointer: /list/-, value: 2, reason: r}\n",
        encoding="utf-8",
    )
    assert len(load_overrides(path)) == 2


def test_codegen_command_names_the_undecided_operation_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import codegen.generate
    from codegen.__main__ import main

    spec = copy.deepcopy(SPEC)
    del spec["paths"]["/tasks"]["post"]["x-idempotent"]
    monkeypatch.setattr(codegen.generate, "load_spec", lambda: spec)
    out = tmp_path / "generated"
    assert main(["--output-dir", str(out)]) == 2
    assert "create_task (POST /tasks)" in capsys.readouterr().err
    assert not out.exists()


# --------------------------------------------------------------------------- the models step


def _model_spec(**schemas: Any) -> dict[str, Any]:
    """A tiny spec: ``Thing`` is returned, ``ThingUpdate`` is sent, plus ``schemas``."""
    ref = "#/components/schemas/"
    json_body = {"application/json": {"schema": {"$ref": ref + "ThingUpdate"}}}
    answer = {"200": {"description": "ok", "content": {
        "application/json": {"schema": {"$ref": ref + "Thing"}}}}}  # fmt: skip
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "put": {
                    "operationId": "update_thing",
                    "x-idempotent": True,
                    "requestBody": {"content": json_body},
                    "responses": answer,
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["id", "name", "spent"],
                    "properties": {
                        "id": {"type": "integer", "format": "int64"},
                        "name": {"type": "string", "description": "The  name,\n spread."},
                        "spent": {"type": "integer", "x-unit": "milliseconds"},
                        "note": {"type": "string", "nullable": True},
                        "size": {"type": "integer"},
                    },
                },
                "ThingUpdate": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "minLength": 1},
                        "note": {"type": "string", "nullable": True},
                        "spent": {"type": "integer", "x-unit": "milliseconds", "minimum": 0},
                    },
                },
                **schemas,
            }
        },
    }


def test_the_models_step_turns_the_spec_into_types_and_metadata(tmp_path: Path) -> None:
    import json

    from codegen.generate import _models_source

    spec_json = tmp_path / "spec.json"
    spec_json.write_text(json.dumps(_model_spec()), encoding="utf-8")
    out = tmp_path / "models.py"
    _models_source(spec_json, out)
    source = out.read_text(encoding="utf-8")
    assert "id: int = attrs.field(" in source
    assert "name: str = attrs.field(" in source
    assert "spent: timedelta = attrs.field(" in source
    assert "note: str | None = attrs.field(default=None" in source
    assert "size: int | None = attrs.field(default=None" in source
    # The request side: NOT_GIVEN by default, None only where nullable.
    update = source[source.index("class ThingUpdate") :]
    assert "name: str | NotGiven = attrs.field(default=NOT_GIVEN" in update
    assert "note: str | NotGiven | None = attrs.field(default=NOT_GIVEN" in update
    assert "spent: timedelta | NotGiven = attrs.field(default=NOT_GIVEN" in update
    assert '"description": "The name, spread."' in source
    assert '"unit": "milliseconds"' in source and '"nullable": True' in source
    assert '"ge": 0' in update


@pytest.mark.parametrize(
    ("prop", "match"),
    [
        ({"type": "integer", "x-unit": "fortnights"}, r"Thing\.spent: x-unit 'fortnights'"),
        ({"type": "number", "x-unit": "milliseconds"}, r"Thing\.spent: x-unit needs an integer"),
        ({"type": "string", "x-unit": "milliseconds"}, r"Thing\.spent: x-unit needs an integer"),
    ],
)
def test_a_unit_the_converter_cannot_read_is_refused(prop: dict[str, Any], match: str) -> None:
    from codegen.generate import model_template_data

    spec = _model_spec()
    spec["components"]["schemas"]["Thing"]["properties"]["spent"] = prop
    with pytest.raises(SpecError, match=match):
        model_template_data(spec)


def test_a_schema_both_sent_and_received_is_refused() -> None:
    from codegen.generate import request_schemas

    spec = _model_spec()
    # The request embeds the response object: its optional fields would need two meanings.
    spec["components"]["schemas"]["ThingUpdate"]["properties"]["thing"] = {
        "$ref": "#/components/schemas/Thing"
    }
    with pytest.raises(SpecError, match="both as a request body and in a response: Thing"):
        request_schemas(spec)


def test_request_schemas_of_the_real_spec() -> None:
    from codegen.generate import request_schemas

    assert request_schemas(SPEC) == {
        "AuthorizationCodeTokenRequest",
        "ManualTimeRequest",
        "NotificationDeleteRequestDto",
        "NotificationReadRequestDto",
        "ProjectRequest",
        "ProjectUpdateRequest",
        "RefreshTokenRequest",
        "SpaceRequest",
        "SpaceUpdateRequest",
        "TaskCreateRequest",
        "TaskUpdateRequest",
        "TimeRangeRequest",
        "TimerRequest",
        "TimerUpdateRequest",
    }


def test_every_model_override_carries_a_reason_and_targets_a_schema_property() -> None:
    entries = [e for e in load_overrides() if e["pointer"].startswith("/components/schemas/")]
    assert len(entries) >= 20
    for entry in entries:
        assert entry["reason"].strip()
        parts = split_pointer(entry["pointer"])
        last = parts[-1]
        assert last in {"x-unit", "nullable", "minimum", "required", "description"}, entry[
            "pointer"
        ]
        if last == "required":
            props = SPEC["components"]["schemas"][parts[2]]["properties"]
            assert set(entry["value"]) <= set(props), entry["pointer"]
