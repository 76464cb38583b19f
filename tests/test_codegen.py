"""The generated descriptors against the spec, and the override mechanism."""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest

from astravue_async._descriptors import Operation
from astravue_async._generated import models
from astravue_async._generated.operations import OPERATIONS
from codegen.operations import snake_case
from codegen.spec import OverrideError, apply_override, load_spec, split_pointer

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
    from pathlib import Path

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
