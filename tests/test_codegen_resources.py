"""The generated facade bases follow the spec: a changed request field in a scratch copy of
the spec changes the generated signature and docs, with no hand edit anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import codegen.generate
from codegen.__main__ import main
from codegen.generate import GENERATED_DIR
from codegen.operations import SpecError, collect_operations
from codegen.resources import FACADE, qualify
from codegen.spec import OVERRIDES_PATH, ROOT, SPEC_PATH, load_spec

# Imports a generated directory's resources module in a fresh interpreter, with
# ``astravue_async._generated`` pointing there (the committed models must not be picked up).
SHOW_SIGNATURE = """
import inspect, json, sys, types
package = types.ModuleType("astravue_async")
package.__path__ = [sys.argv[2] + "/astravue_async"]
generated = types.ModuleType("astravue_async._generated")
generated.__path__ = [sys.argv[1]]
sys.modules["astravue_async"] = package
sys.modules["astravue_async._generated"] = generated
import importlib
import astravue_async.resources
resources = importlib.import_module("astravue_async._generated." + sys.argv[5])
method = getattr(getattr(resources, sys.argv[3]), sys.argv[4])
params = {
    name: [str(p.annotation), repr(p.default), p.kind.name]
    for name, p in inspect.signature(method).parameters.items()
}
returns = str(inspect.signature(method).return_annotation)
print(json.dumps({"params": params, "doc": method.__doc__, "returns": returns}))
"""


def signature_in(out: Path, cls: str, method: str, module: str = "resources") -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
        [sys.executable, "-c", SHOW_SIGNATURE, str(out), str(ROOT), cls, method, module],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator run on a copy of the spec where TaskUpdateRequest changed: ``completion``
    is a number now and a new optional ``estimateMinutes`` (integer, >= 0) was added."""
    tmp = tmp_path_factory.mktemp("scratch-spec")
    spec_path = tmp / "astravue.openapi.yaml"
    overrides_path = tmp / "overrides.yaml"
    shutil.copy(OVERRIDES_PATH, overrides_path)
    raw = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    props = raw["components"]["schemas"]["TaskUpdateRequest"]["properties"]
    props["completion"]["type"] = "number"
    props["estimateMinutes"] = {
        "type": "integer",
        "minimum": 0,
        "description": "Estimated effort left.",
    }
    spec_path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    spec = load_spec(spec_path, overrides_path)
    out = tmp / "generated"
    patch = pytest.MonkeyPatch()
    patch.setattr(codegen.generate, "load_spec", lambda: spec)
    try:
        written = codegen.generate.generate(out)
    finally:
        patch.undo()
    assert out / "resources.py" in written
    assert out / "sync_resources.py" in written
    return out


def test_a_changed_request_field_changes_the_facade_signature(scratch: Path) -> None:
    before = signature_in(GENERATED_DIR, "TasksBase", "update")
    after = signature_in(scratch, "TasksBase", "update")
    assert "estimate_minutes" not in before["params"]
    assert after["params"]["estimate_minutes"] == ["int | NotGiven", "NOT_GIVEN", "KEYWORD_ONLY"]
    assert before["params"]["completion"][0] == "int | NotGiven"
    assert after["params"]["completion"][0] == "float | NotGiven"
    # The docs come along: the new field's description and bound.
    assert "estimate_minutes: Estimated effort left. Minimum: 0." in " ".join(after["doc"].split())
    # The project-task twin uses the same model, so it changed too; create did not.
    assert "estimate_minutes" in signature_in(scratch, "ProjectTasksBase", "update")["params"]
    assert "estimate_minutes" not in signature_in(scratch, "TasksBase", "create")["params"]


def test_the_sync_twins_follow_the_same_spec_change(scratch: Path) -> None:
    async_after = signature_in(scratch, "TasksBase", "update")
    sync_before = signature_in(GENERATED_DIR, "SyncTasksBase", "update", "sync_resources")
    sync_after = signature_in(scratch, "SyncTasksBase", "update", "sync_resources")
    assert "estimate_minutes" not in sync_before["params"]
    assert sync_after["params"] == async_after["params"]
    assert sync_after["returns"] == async_after["returns"] == "models.TaskDto"
    assert "estimate_minutes: Estimated effort left. Minimum: 0." in " ".join(
        sync_after["doc"].split()
    )
    project = signature_in(scratch, "SyncProjectTasksBase", "update", "sync_resources")
    assert "estimate_minutes" in project["params"]


def test_the_committed_facade_is_what_the_generator_writes() -> None:
    assert main(["--check"]) == 0


def test_generate_check_catches_a_hand_edit_of_the_facade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "generated"
    shutil.copytree(GENERATED_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    resources = copy / "resources.py"
    text = resources.read_text(encoding="utf-8")
    resources.write_text(text.replace("task_title:", "title:", 1), encoding="utf-8")
    assert main(["--check", "--output-dir", str(copy)]) == 1
    assert "regenerated/resources.py" in capsys.readouterr().out


def test_generate_check_catches_a_hand_edit_of_the_sync_twins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "generated"
    shutil.copytree(GENERATED_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    twins = copy / "sync_resources.py"
    text = twins.read_text(encoding="utf-8")
    # The kind of edit that hides a drift: one forwarded argument dropped.
    edited = text.replace(", notes=notes)", ")", 1)
    assert edited != text
    twins.write_text(edited, encoding="utf-8")
    assert main(["--check", "--output-dir", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "regenerated/sync_resources.py" in out
    assert "regenerated/resources.py" not in out


def test_generate_check_catches_a_missing_sync_twins_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "generated"
    shutil.copytree(GENERATED_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "sync_resources.py").unlink()
    assert main(["--check", "--output-dir", str(copy)]) == 1
    assert "regenerated/sync_resources.py" in capsys.readouterr().out


def test_every_facade_entry_names_an_operation_of_the_spec() -> None:
    operation_ids = {op["operation_id"] for op in collect_operations(load_spec())}
    named = [op for methods in FACADE.values() for op in methods.values()]
    assert set(named) <= operation_ids
    assert len(named) == len(set(named)), "an operation generated twice"


def test_a_field_that_would_shadow_a_facade_argument_is_refused(tmp_path: Path) -> None:
    spec = load_spec()
    props = spec["components"]["schemas"]["TaskUpdateRequest"]["properties"]
    props["body"] = {"type": "string"}
    patch = pytest.MonkeyPatch()
    patch.setattr(codegen.generate, "load_spec", lambda: spec)
    try:
        with pytest.raises(SpecError, match="'body'"):
            codegen.generate.generate(tmp_path / "out")
    finally:
        patch.undo()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("str | NotGiven", "str | NotGiven"),
        ("list[int] | None | NotGiven", "builtins.list[int] | None | NotGiven"),
        ("ProjectStatus | NotGiven", "models.ProjectStatus | str | NotGiven"),
        ("models.NotificationType", "models.NotificationType | str"),
        ("TaskDto", "models.TaskDto"),
    ],
)
def test_annotations_are_qualified(text: str, expected: str) -> None:
    found = {"models": {"TaskDto": []}, "enums": {"ProjectStatus": [], "NotificationType": []}}
    assert qualify(text, found) == expected


def test_an_annotation_the_facade_cannot_name_is_refused() -> None:
    with pytest.raises(SpecError, match="Decimal"):
        qualify("Decimal | None", {"models": {}, "enums": {}})
