"""``NOT_GIVEN``: the default that means "leave this field as it is".

Update requests distinguish three things a caller may mean for a field: leave it unchanged
(the argument is not given: nothing is sent), clear it (``None``: JSON ``null`` is sent, where
the spec allows null), or set it (a value). ``None`` cannot mean "not given" as well, so an
argument that was not given defaults to this sentinel, as in OpenAI's and other generated
SDKs.
"""

from __future__ import annotations

from typing import Final, Literal, TypeVar, final

__all__ = ["NOT_GIVEN", "NotGiven", "is_given"]

T = TypeVar("T")


@final
class NotGiven:
    """The type of :data:`NOT_GIVEN`; false in a boolean context."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:  # one instance, so `is NOT_GIVEN` always works
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"  # pickles (e.g. to worker processes) as the same object


NOT_GIVEN: Final = NotGiven()
"""The default of optional request arguments: nothing is sent for the field."""


def is_given(value: T | NotGiven) -> bool:
    """Whether an argument was given (``None`` counts: it means "send null")."""
    return value is not NOT_GIVEN
