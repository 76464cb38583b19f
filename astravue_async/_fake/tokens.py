"""The fake authorization server's memory: clients, codes, access and refresh tokens.

Behaves like Keycloak with refresh-token rotation on: every refresh issues a new refresh
token and invalidates the one presented, so presenting an old one again fails
(``invalid_grant``), which is exactly what a client that refreshes twice concurrently hits.
With ``detect_reuse`` on it behaves like Keycloak's "Revoke Refresh Token" with a maximum
reuse of 0: presenting a rotated-away refresh token also revokes its whole session (every
access and refresh token of that sign-in), so the client that rotated first is logged out
too. Token strings are opaque random values, not JWTs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from astravue_async._fake.clock import FakeClock

__all__ = ["AuthCode", "RegisteredClient", "TokenRegistry", "pkce_s256"]

CODE_LIFETIME = 60.0  # seconds; Keycloak's default for authorization codes


def pkce_s256(verifier: str) -> str:
    """RFC 7636 S256 challenge of a code verifier."""
    digest = hashlib.sha256(verifier.encode("ascii", errors="replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class RegisteredClient:
    """An OAuth client; ``client_secret`` None means a public client."""

    client_id: str
    client_secret: str | None
    redirect_uris: frozenset[str]

    def secret_ok(self, secret: str | None) -> bool:
        """Confidential clients must present their secret; public clients need none."""
        if self.client_secret is None:
            return True
        return secret is not None and hmac.compare_digest(secret, self.client_secret)


@dataclass(frozen=True)
class AuthCode:
    client_id: str
    redirect_uri: str
    user_id: int
    scope: str
    challenge: str | None
    expires_at: float


@dataclass(frozen=True)
class _Access:
    user_id: int
    client_id: str
    expires_at: float
    session: str


@dataclass(frozen=True)
class _Refresh:
    user_id: int
    client_id: str
    scope: str
    session: str


class TokenRegistry:
    """Issues, checks, rotates and revokes tokens on the fake clock."""

    def __init__(self, clock: FakeClock, access_token_lifetime: int) -> None:
        if isinstance(access_token_lifetime, bool) or not isinstance(access_token_lifetime, int):
            raise TypeError("access_token_lifetime must be an int (seconds)")
        if access_token_lifetime < 1:
            raise ValueError("access_token_lifetime must be >= 1 second")
        self._clock = clock
        self.access_token_lifetime = access_token_lifetime
        self.clients: dict[str, RegisteredClient] = {}
        self._codes: dict[str, AuthCode] = {}
        self._access: dict[str, _Access] = {}
        self._refresh: dict[str, _Refresh] = {}
        self.detect_reuse = False
        """Revoke a session when one of its rotated-away refresh tokens is presented."""
        self.reuse_events = 0
        """Rotated-away refresh tokens presented (counted whether or not detection is on)."""
        # Rotated-away refresh token -> its session; kept so that reuse can be recognised.
        self._rotated: dict[str, str] = {}

    def register_client(
        self, client_id: str, client_secret: str | None, redirect_uris: Iterable[str]
    ) -> RegisteredClient:
        """Add (or replace) a client."""
        if not isinstance(client_id, str) or not client_id:
            raise ValueError("client_id must be a non-empty string")
        if client_secret is not None and (not isinstance(client_secret, str) or not client_secret):
            raise ValueError("client_secret must be a non-empty string or None")
        if isinstance(redirect_uris, str):
            redirect_uris = (redirect_uris,)
        client = RegisteredClient(client_id, client_secret, frozenset(redirect_uris))
        self.clients[client_id] = client
        return client

    # ------------------------------------------------------------------ codes

    def issue_code(
        self,
        client_id: str,
        redirect_uri: str,
        user_id: int,
        scope: str,
        challenge: str | None,
    ) -> str:
        """A single-use authorization code (valid for 60 s on the fake clock)."""
        code = secrets.token_urlsafe(24)
        self._codes[code] = AuthCode(
            client_id, redirect_uri, user_id, scope, challenge, self._clock() + CODE_LIFETIME
        )
        return code

    def redeem_code(self, code: str) -> AuthCode | None:
        """The code's grant, at most once (codes are single-use); None if unknown/expired."""
        grant = self._codes.pop(code, None)
        if grant is None or self._clock() >= grant.expires_at:
            return None
        return grant

    # ------------------------------------------------------------------ tokens

    def issue(
        self, user_id: int, client_id: str, scope: str = "openid", session: str = ""
    ) -> dict[str, Any]:
        """A new access + refresh token pair, as a Keycloak token response body."""
        access = "fake-at-" + secrets.token_urlsafe(24)
        refresh = "fake-rt-" + secrets.token_urlsafe(24)
        session = session or secrets.token_hex(16)
        self._access[access] = _Access(
            user_id, client_id, self._clock() + self.access_token_lifetime, session
        )
        self._refresh[refresh] = _Refresh(user_id, client_id, scope, session)
        body: dict[str, Any] = {
            "access_token": access,
            "expires_in": self.access_token_lifetime,
            # 0: the refresh token does not expire by itself (the spec: "long-lived").
            "refresh_expires_in": 0,
            "refresh_token": refresh,
            "token_type": "Bearer",
            "not-before-policy": 0,
            "session_state": session,
            "scope": scope,
        }
        if "openid" in scope.split():
            body["id_token"] = "fake-id-" + secrets.token_urlsafe(24)
        return body

    def rotate(self, refresh_token: str, client_id: str) -> dict[str, Any] | None:
        """Exchange a refresh token for a new pair; None (invalid_grant) if it is not valid.

        The presented token stops working (rotation, as Keycloak's "revoke refresh token"
        setting does); a token of another client is refused and left alone. A rotated-away
        token presented again is a reuse event; with :attr:`detect_reuse` on it also revokes
        every token of its session.
        """
        grant = self._refresh.get(refresh_token)
        if grant is None:
            session = self._rotated.get(refresh_token)
            if session is not None:
                self.reuse_events += 1
                if self.detect_reuse:
                    self.revoke_session(session)
            return None
        if grant.client_id != client_id:
            return None
        del self._refresh[refresh_token]
        self._rotated[refresh_token] = grant.session
        return self.issue(grant.user_id, client_id, grant.scope, grant.session)

    def revoke_session(self, session: str) -> None:
        """Invalidate every access and refresh token of one sign-in."""
        for table in (self._access, self._refresh):
            for token in [token for token, grant in table.items() if grant.session == session]:
                del table[token]

    def user_of(self, access_token: str) -> int | None:
        """The user an access token was issued to; None if unknown or expired."""
        grant = self._access.get(access_token)
        if grant is None:
            return None
        if self._clock() >= grant.expires_at:
            del self._access[access_token]
            return None
        return grant.user_id

    def expire_access_tokens(self) -> None:
        """Invalidate every access token issued so far."""
        self._access.clear()

    def revoke_refresh_tokens(self) -> None:
        """Invalidate every refresh token issued so far."""
        self._refresh.clear()
