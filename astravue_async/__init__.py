"""astravue-async: the async-first Python SDK for the Astravue REST API."""

from astravue_async._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AstravueError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DecodeError,
    FieldError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseDecodeError,
    UnprocessableEntityError,
)
from astravue_async._generated import models
from astravue_async._version import __version__

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AstravueError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DecodeError",
    "FieldError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "UnprocessableEntityError",
    "__version__",
    "models",
]
