"""The option types the command line and ``astravue fake`` share."""

from __future__ import annotations

import argparse

import pytest

from astravue_async import _argtypes as argtypes


@pytest.mark.parametrize("text", ["0", "8765", "65535"])
def test_ports_in_range(text: str) -> None:
    assert argtypes.port(text) == int(text)


@pytest.mark.parametrize(("text", "words"), [("65536", "0-65535"), ("-1", "0-65535"),
                                             ("http", "port number")])  # fmt: skip
def test_ports_out_of_range_say_why(text: str, words: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=words):
        argtypes.port(text)


def test_whole_numbers_name_their_minimum() -> None:
    assert argtypes.whole_number(0)("0") == 0
    with pytest.raises(argparse.ArgumentTypeError, match="at least 1, got 0"):
        argtypes.whole_number(1)("0")
    with pytest.raises(argparse.ArgumentTypeError, match="whole number"):
        argtypes.whole_number(1)("1.5")


@pytest.mark.parametrize("text", ["nan", "inf", "-1", "x"])
def test_seconds_refuse_what_is_not_a_finite_duration(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        argtypes.seconds(allow_zero=True)(text)


def test_zero_seconds_only_where_allowed() -> None:
    assert argtypes.seconds(allow_zero=True)("0") == 0.0
    with pytest.raises(argparse.ArgumentTypeError, match="> 0"):
        argtypes.seconds(allow_zero=False)("0")
    assert argtypes.seconds(allow_zero=False)("0.5") == 0.5
