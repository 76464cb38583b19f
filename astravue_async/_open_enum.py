"""A ``StrEnum`` that tolerates values it does not know.

The Astravue spec is reconstructed, and servers add enum values over time. Decoding must not
fail on a new value, and the value must not be lost: ``Model.status`` then holds a pseudo
member whose ``value`` is the raw string, ``is_known`` is False and equality with the string
still works.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

__all__ = ["OpenStrEnum"]


class OpenStrEnum(StrEnum):
    """Base class of every generated enum."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        # Not cached in _value2member_map_: a hostile server could otherwise grow it forever.
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """Whether the value is one the spec documents."""
        return self._value_ in type(self)._value2member_map_

    def __repr__(self) -> str:
        if self.is_known:
            return super().__repr__()
        return f"<{type(self).__name__} unknown value {self._value_!r}>"

    def __reduce_ex__(self, protocol: Any) -> Any:
        return type(self), (self._value_,)
