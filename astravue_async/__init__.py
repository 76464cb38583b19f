"""astravue-async: the async-first Python SDK for the Astravue REST API."""

from astravue_async._auth import (
    AuthorizationRequest,
    JSONFileTokenStore,
    MemoryTokenStore,
    OAuth2Token,
    TokenStore,
    build_authorization_url,
    exchange_code,
)
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
from astravue_async._pagination import Page, PaginationError, Paginator
from astravue_async._version import __version__
from astravue_async.client import AstravueClient

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AstravueClient",
    "AstravueError",
    "AuthenticationError",
    "AuthorizationRequest",
    "BadRequestError",
    "ConflictError",
    "DecodeError",
    "FieldError",
    "InternalServerError",
    "JSONFileTokenStore",
    "MemoryTokenStore",
    "NotFoundError",
    "OAuth2Token",
    "Page",
    "PaginationError",
    "Paginator",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "TokenStore",
    "UnprocessableEntityError",
    "__version__",
    "build_authorization_url",
    "exchange_code",
    "models",
]
