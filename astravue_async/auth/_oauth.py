"""The start of the authorization-code flow: the authorize URL, ``state`` and PKCE.

The Astravue API only offers Keycloak's authorization-code flow. :func:`build_authorization_url`
adds a random CSRF ``state`` and (by default) an RFC 7636 S256 challenge; the PKCE verifier
is a secret and is hidden from the ``repr`` of :class:`AuthorizationRequest`.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Final
from urllib.parse import urlencode, urlsplit

import attrs

from astravue_async.auth._token import _REDACTED, _require_text, _require_url

_KEYCLOAK_OIDC: Final = "https://auth.astravue.com/realms/astravue/protocol/openid-connect"
DEFAULT_AUTHORIZE_URL: Final = f"{_KEYCLOAK_OIDC}/auth"
DEFAULT_TOKEN_URL: Final = f"{_KEYCLOAK_OIDC}/token"


@attrs.frozen(repr=False)
class AuthorizationRequest:
    """Where to send the user, and what to keep until the redirect comes back.

    Compare the callback's ``state`` with :attr:`state`, then pass :attr:`code_verifier`
    to :func:`exchange_code`. The verifier is a secret and is hidden from ``repr()``.
    """

    url: str
    state: str
    code_verifier: str | None = None

    def __repr__(self) -> str:
        verifier = "None" if self.code_verifier is None else _REDACTED
        return (
            f"AuthorizationRequest(url={self.url!r}, state={self.state!r}, "
            f"code_verifier={verifier})"
        )

    __str__ = __repr__


def _pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def build_authorization_url(
    client_id: str,
    redirect_uri: str,
    scope: str = "openid",
    state: str | None = None,
    pkce: bool = True,
    *,
    authorize_url: str = DEFAULT_AUTHORIZE_URL,
) -> AuthorizationRequest:
    """The URL that starts the authorization-code flow, with a CSRF ``state``.

    With ``pkce`` (the default) an RFC 7636 S256 challenge is added; the matching verifier
    is returned in the :class:`AuthorizationRequest` and must go to :func:`exchange_code`.
    """
    _require_text("client_id", client_id)
    _require_text("redirect_uri", redirect_uri)
    _require_text("scope", scope)
    _require_url("authorize_url", authorize_url)
    if state is None:
        state = secrets.token_urlsafe(32)
    else:
        _require_text("state", state)
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": state,
    }
    verifier: str | None = None
    if pkce:
        # 64 random bytes give 86 characters of [A-Za-z0-9_-], inside RFC 7636's 43-128.
        verifier = secrets.token_urlsafe(64)
        params["code_challenge"] = _pkce_challenge(verifier)
        params["code_challenge_method"] = "S256"
    separator = "&" if urlsplit(authorize_url).query else "?"
    return AuthorizationRequest(
        url=f"{authorize_url}{separator}{urlencode(params)}",
        state=state,
        code_verifier=verifier,
    )
