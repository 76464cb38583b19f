"""What an operation handler gets: the caller, its organisation and the parsed request."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from astravue_async._fake.state import Org, Store, User
from astravue_async._fake.validate import BodyReader, QueryReader

__all__ = ["Call", "Handler"]


@dataclass
class Call:
    """One authenticated API request, ready for its operation handler."""

    store: Store
    org: Org
    user: User
    params: Mapping[str, int]
    query: Mapping[str, str]
    body: Mapping[str, Any]
    now: datetime

    def reader(self) -> BodyReader:
        """A reader for the JSON body's fields."""
        return BodyReader(self.body)

    def query_reader(self) -> QueryReader:
        """A reader for the query parameters."""
        return QueryReader(self.query)


#: An operation handler returns the envelope's ``data`` (None for "no payload").
Handler = Callable[[Call], Any]
