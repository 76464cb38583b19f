"""What the fake saw: request counters, a request log and (opt-in) every response body."""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

__all__ = ["Journal", "LoggedRequest", "RecordedResponse"]


class LoggedRequest(NamedTuple):
    """One API request as the fake answered it (``status`` None: connection dropped)."""

    method: str
    path: str
    org_id: int | None
    operation_id: str | None
    status: int | None


class RecordedResponse(NamedTuple):
    """One JSON response body the fake produced, for conformance checks."""

    operation_id: str
    status: int
    body: Any


class Journal:
    """Counters and logs shared by the API and the token endpoint."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        self.token_grants: Counter[str] = Counter()
        self.log: list[LoggedRequest] = []
        self.record_responses = False
        self.responses: list[RecordedResponse] = []
        self.token_responses: list[RecordedResponse] = []

    def record(self, operation_id: str, status: int, body: Any) -> None:
        """Keep an API response body if recording is on."""
        if self.record_responses:
            self.responses.append(RecordedResponse(operation_id, status, body))

    def record_token(self, operation_id: str, status: int, body: Any) -> None:
        """Keep a token-endpoint response body if recording is on."""
        if self.record_responses:
            self.token_responses.append(RecordedResponse(operation_id, status, body))

    def reset(self) -> None:
        """Forget everything counted and recorded so far (recording stays as it is)."""
        self.requests.clear()
        self.token_grants.clear()
        self.log.clear()
        self.responses.clear()
        self.token_responses.clear()
