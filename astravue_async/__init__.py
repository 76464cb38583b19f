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
    TLSError,
    UnprocessableEntityError,
)
from astravue_async._generated import models
from astravue_async._pagination import (
    CollectionChange,
    CollectionChangedError,
    CollectionChangedWarning,
    OnChange,
    Page,
    PaginationError,
    Paginator,
)
from astravue_async._version import __version__
from astravue_async.auth import (
    AuthorizationRequest,
    OAuth2Token,
    TokenStore,
    build_authorization_url,
    exchange_code,
)
from astravue_async.client import AstravueClient
from astravue_async.stores import JSONFileTokenStore, MemoryTokenStore

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AstravueClient",
    "AstravueError",
    "AuthenticationError",
    "AuthorizationRequest",
    "BadRequestError",
    "CollectionChange",
    "CollectionChangedError",
    "CollectionChangedWarning",
    "ConflictError",
    "DecodeError",
    "FieldError",
    "InternalServerError",
    "JSONFileTokenStore",
    "MemoryTokenStore",
    "NotFoundError",
    "OAuth2Token",
    "OnChange",
    "Page",
    "PaginationError",
    "Paginator",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "TLSError",
    "TokenStore",
    "UnprocessableEntityError",
    "__version__",
    "build_authorization_url",
    "exchange_code",
    "models",
]
