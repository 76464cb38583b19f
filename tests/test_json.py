"""JSON in and out: orjson and the standard library held to one contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astravue_async import _json

_orjson = _json._orjson()
assert _orjson is not None, "the dev extra installs orjson; the suite runs both parsers"
PARSERS: dict[str, Callable[[bytes], Any]] = {"stdlib": _json.stdlib_loads, "orjson": _orjson[0]}
WRITERS: dict[str, Callable[[Any], bytes]] = {"stdlib": _json.stdlib_dumps, "orjson": _orjson[1]}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def test_the_installed_parser_is_orjson_unless_forced() -> None:
    assert _json.BACKEND.startswith("orjson") or os.environ.get("ASTRAVUE_JSON_BACKEND")
    forced = subprocess.run(
        [sys.executable, "-c", "from astravue_async import _json; print(_json.BACKEND)"],
        env={**os.environ, "ASTRAVUE_JSON_BACKEND": "stdlib"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert forced.stdout.strip() == "json (standard library)"


@pytest.mark.parametrize(
    ("setting", "backend", "msgspec"),
    [("stdlib", "json", False), ("orjson", "orjson", False), ("", "orjson", True)],
)
def test_the_backend_setting(setting: str, backend: str, msgspec: bool) -> None:
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from astravue_async import _json; print(_json.BACKEND, _json.MSGSPEC_ALLOWED)",
        ],
        env={**os.environ, "ASTRAVUE_JSON_BACKEND": setting},
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.split()[0] == backend and shown.stdout.split()[-1] == str(msgspec)


@pytest.mark.parametrize("name", PARSERS)
@given(value=json_values)
def test_both_parsers_read_standard_json_alike(name: str, value: Any) -> None:
    raw = json.dumps(value, ensure_ascii=False).encode()
    assert PARSERS[name](raw) == json.loads(raw)


@pytest.mark.parametrize("name", PARSERS)
def test_a_byte_order_mark_is_skipped(name: str) -> None:
    assert PARSERS[name](b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


@pytest.mark.parametrize("name", PARSERS)
@pytest.mark.parametrize(
    "raw",
    [
        b'{"data": NaN}',
        b"Infinity",
        b"[-Infinity]",
        b'{"a": 1',
        b"<html>502</html>",
        b'{"a": "\xff"}',  # not UTF-8
        b"\xff\xfe{\x00}\x00",  # UTF-16: the API speaks UTF-8 only
        b"",
    ],
)
def test_what_is_not_standard_utf8_json_is_a_value_error(name: str, raw: bytes) -> None:
    with pytest.raises(ValueError):
        PARSERS[name](raw)


@pytest.mark.parametrize("name", PARSERS)
def test_deep_nesting_fails_cleanly(name: str) -> None:
    # decode_response turns either into a ResponseDecodeError.
    with pytest.raises((ValueError, RecursionError)):
        PARSERS[name](b"[" * 100_000 + b"]" * 100_000)


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("name", WRITERS)
@given(value=json_values | st.text())  # lone surrogates too
def test_both_writers_write_the_same_json_values(name: str, value: Any) -> None:
    written = WRITERS[name](value)
    assert isinstance(written, bytes)
    assert json.loads(written) == value
    assert len(written) <= len(json.dumps(value, separators=(",", ":")).encode())  # compact


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize(
    "value",
    [
        2**70,  # beyond 64 bits: orjson refuses, json.dumps writes it
        -(2**70),
        "\ud800",  # a lone surrogate: escaped
        {1: "a", 2.5: "b", False: "c", None: "d"},  # keys json.dumps turns into text
        {"a": None, "b": [None]},  # nulls: json.dumps decides (orjson's form of NaN is null)
        "a string that says null",
        1e16,
        -0.0,
        "Zürich ☃ \u2028",
    ],
)
def test_what_orjson_cannot_write_is_written_as_json_dumps_did(name: str, value: Any) -> None:
    expected = json.dumps(value, allow_nan=False, separators=(",", ":"))
    assert json.loads(WRITERS[name](value)) == json.loads(expected)


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), {"a": [float("-inf")]}, (1.0, float("nan"))]
)
def test_nan_and_infinity_are_refused(name: str, value: Any) -> None:
    with pytest.raises(ValueError):
        WRITERS[name](value)


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize("value", [b"bytes", {1, 2}, object(), datetime(2024, 1, 1, tzinfo=UTC)])
def test_values_json_has_no_form_for_are_type_errors(name: str, value: Any) -> None:
    with pytest.raises(TypeError):
        WRITERS[name](value)
