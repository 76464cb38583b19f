"""The API's two body shapes: the success envelope and ``ApiError``.

Handlers raise :class:`ApiProblem` for any non-2xx answer; the pipeline turns it into an
``ApiError`` body so every error the fake produces has the same, spec-conformant shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["ApiProblem", "error_body", "field_error", "not_found", "success_body"]

SUCCESS_MESSAGE = "Operation completed successfully"


def field_error(field: str, message: str, rejected: Any = None) -> dict[str, Any]:
    """One ``FieldError`` (``rejectedValue`` echoes what was sent, null if nothing)."""
    return {"field": field, "message": message, "rejectedValue": rejected}


class ApiProblem(Exception):
    """Stop handling a request and answer ``status`` with an ``ApiError`` body."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: Sequence[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = list(errors)
        self.headers = dict(headers or {})


def not_found(what: str, ident: object) -> ApiProblem:
    """404 for an id that does not exist in the caller's organisation."""
    return ApiProblem(404, f"{what} not found: {ident}")


def success_body(data: Any) -> dict[str, Any]:
    """``ApiSuccessResponse<T>``: code 200 for every success, creates included (as documented)."""
    return {"success": True, "message": SUCCESS_MESSAGE, "code": 200, "data": data}


def error_body(
    status: int, message: str, path: str, timestamp: str, errors: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """An ``ApiError`` body."""
    return {
        "success": False,
        "message": message,
        "code": status,
        "errors": list(errors),
        "timestamp": timestamp,
        "path": path,
    }
