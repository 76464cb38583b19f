"""Response parsing: orjson and the standard library held to one contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astravue_async import _json

_orjson = _json._orjson_loads()
assert _orjson is not None, "the dev extra installs orjson; the suite runs both parsers"
PARSERS: dict[str, Callable[[bytes], Any]] = {"stdlib": _json.stdlib_loads, "orjson": _orjson[0]}

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
