"""OAuth 2.0 (authorization-code flow on Keycloak) for the Astravue API.

Astravue access tokens live 30 minutes and refresh tokens may rotate: every refresh can
return a new refresh token and invalidate the old one, so refreshing is single-flight and
the newest refresh token is kept and saved before anything else can lose it. Nothing here
ever puts a token, client secret, authorization code or PKCE verifier into an exception
message, a log record or a ``repr``.

The package holds one module per job:

* :mod:`~astravue_async.auth._token`: :class:`OAuth2Token`, :func:`utcnow`, and the
  tolerant reading of token responses and stored tokens.
* :mod:`~astravue_async.auth._oauth`: :func:`build_authorization_url`,
  :class:`AuthorizationRequest` (state and PKCE), :data:`DEFAULT_AUTHORIZE_URL` and
  :data:`DEFAULT_TOKEN_URL`.
* :mod:`~astravue_async.auth._endpoint`: the token endpoint, :func:`exchange_code` and
  :func:`refresh` (timeouts, safe retries, error mapping), :func:`max_refresh_seconds`.
* :mod:`~astravue_async.auth._store`: the :class:`TokenStore` protocol.
* :mod:`~astravue_async.auth._manager`: :class:`TokenManager`, which hands out access
  tokens and refreshes them single-flight.

The token stores themselves (:class:`MemoryTokenStore`, :class:`JSONFileTokenStore`,
:func:`write_private_file`) live in :mod:`astravue_async.stores` and are re-exported here.
"""

from typing import TYPE_CHECKING, Any

from astravue_async.auth._endpoint import (
    DEFAULT_REFRESH_RETRIES,
    DEFAULT_TOKEN_CONNECT_TIMEOUT,
    DEFAULT_TOKEN_TIMEOUT,
    MAX_REFRESH_SECONDS,
    exchange_code,
    max_refresh_seconds,
    refresh,
)
from astravue_async.auth._manager import DEFAULT_PERSIST_TIMEOUT, TokenManager
from astravue_async.auth._oauth import (
    DEFAULT_AUTHORIZE_URL,
    DEFAULT_TOKEN_URL,
    AuthorizationRequest,
    build_authorization_url,
)
from astravue_async.auth._store import TokenLease, TokenStore
from astravue_async.auth._token import OAuth2Token, utcnow

if TYPE_CHECKING:
    from astravue_async.stores import JSONFileTokenStore, MemoryTokenStore, write_private_file

# Re-exported lazily: the stores import astravue_async.auth._token, so importing them here
# eagerly would tie the two packages' import order together (and load filelock for every
# client, store or not).
_FROM_STORES = frozenset({"JSONFileTokenStore", "MemoryTokenStore", "write_private_file"})


def __getattr__(name: str) -> Any:
    if name in _FROM_STORES:
        from astravue_async import stores

        value = getattr(stores, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _FROM_STORES)


__all__ = [
    "DEFAULT_AUTHORIZE_URL",
    "DEFAULT_PERSIST_TIMEOUT",
    "DEFAULT_REFRESH_RETRIES",
    "DEFAULT_TOKEN_CONNECT_TIMEOUT",
    "DEFAULT_TOKEN_TIMEOUT",
    "DEFAULT_TOKEN_URL",
    "MAX_REFRESH_SECONDS",
    "AuthorizationRequest",
    "JSONFileTokenStore",
    "MemoryTokenStore",
    "OAuth2Token",
    "TokenLease",
    "TokenManager",
    "TokenStore",
    "build_authorization_url",
    "exchange_code",
    "max_refresh_seconds",
    "refresh",
    "utcnow",
    "write_private_file",
]
