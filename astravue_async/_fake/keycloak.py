"""The Keycloak side of the fake: the authorization and token endpoints of realm astravue.

* ``GET {OIDC}/auth``: no login page; the user is ``login_hint`` (a user id) or the fake's
  default user, and the browser is redirected (302) straight to
  ``redirect_uri?code=...&state=...``. An unknown client or unregistered redirect URI is a
  400 (never a redirect: that would make the fake an open redirector, as it would Keycloak).
* ``POST {OIDC}/token``: form-encoded ``authorization_code`` (PKCE S256 checked) and
  ``refresh_token`` (rotating) grants; errors are RFC 6749 ``{"error", "error_description"}``.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

from aiohttp import web

from astravue_async._fake.journal import Journal
from astravue_async._fake.tokens import RegisteredClient, TokenRegistry, pkce_s256

__all__ = ["OIDC_PATH", "Keycloak"]

OIDC_PATH = "/realms/astravue/protocol/openid-connect"

# Token-endpoint responses are recorded under the operation ids of the spec's x-auth block.
_GRANT_OPERATIONS = {
    "authorization_code": "get_access_token",
    "refresh_token": "refresh_access_token",
}


class _OAuthError(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description


class Keycloak:
    """aiohttp handlers for the two endpoints, over a :class:`TokenRegistry`."""

    def __init__(
        self, tokens: TokenRegistry, journal: Journal, known_user: Callable[[int], bool]
    ) -> None:
        self.tokens = tokens
        self.journal = journal
        self.default_user_id = 1
        self._known_user = known_user

    def add_routes(self, app: web.Application) -> None:
        """Serve the authorization and token endpoints under :data:`OIDC_PATH`."""
        app.router.add_get(f"{OIDC_PATH}/auth", self.authorize)
        app.router.add_post(f"{OIDC_PATH}/token", self.token)

    # ------------------------------------------------------------------ authorize

    async def authorize(self, request: web.Request) -> web.Response:
        """``GET .../auth``: 302 to the redirect URI with a code, or an error."""
        query = request.query
        client = self.tokens.clients.get(query.get("client_id", ""))
        if client is None:
            return _error_response(400, "invalid_request", "Client not found.")
        redirect_uri = query.get("redirect_uri", "")
        if redirect_uri not in client.redirect_uris:
            return _error_response(400, "invalid_request", "Invalid parameter: redirect_uri")
        state = query.get("state")
        # From here on errors go back to the client through the redirect (RFC 6749 4.1.2.1).
        if query.get("response_type") != "code":
            return _redirect(redirect_uri, {"error": "unsupported_response_type"}, state)
        challenge = query.get("code_challenge")
        method = query.get("code_challenge_method")
        if challenge is not None and method != "S256":
            return _redirect(
                redirect_uri,
                {
                    "error": "invalid_request",
                    "error_description": "Invalid parameter: code_challenge_method (only S256)",
                },
                state,
            )
        user_id = self.default_user_id
        hint = query.get("login_hint")
        if hint is not None:
            if not hint.isdigit() or not self._known_user(int(hint)):
                return _redirect(
                    redirect_uri,
                    {"error": "access_denied", "error_description": "Unknown login_hint"},
                    state,
                )
            user_id = int(hint)
        code = self.tokens.issue_code(
            client.client_id, redirect_uri, user_id, query.get("scope", "openid"), challenge
        )
        return _redirect(redirect_uri, {"code": code}, state)

    # ------------------------------------------------------------------ token

    async def token(self, request: web.Request) -> web.Response:
        """``POST .../token``: a token response, or an RFC 6749 error (400/401)."""
        grant_type = ""
        try:
            if request.content_type != "application/x-www-form-urlencoded":
                raise _OAuthError(
                    400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded"
                )
            form = {key: str(value) for key, value in (await request.post()).items()}
            grant_type = form.get("grant_type", "")
            self.journal.token_grants[grant_type] += 1
            client = self._authenticate(request, form)
            if grant_type == "authorization_code":
                body = self._code_grant(client, form)
            elif grant_type == "refresh_token":
                body = self._refresh_grant(client, form)
            elif not grant_type:
                raise _OAuthError(400, "invalid_request", "Missing form parameter: grant_type")
            else:
                raise _OAuthError(400, "unsupported_grant_type", "Unsupported grant_type")
        except _OAuthError as exc:
            response = _error_response(exc.status, exc.error, exc.description)
            self._record(grant_type, exc.status, _error_body(exc.error, exc.description))
            return response
        self._record(grant_type, 200, body)
        return web.json_response(body, headers=_NO_STORE)

    def _record(self, grant_type: str, status: int, body: dict[str, Any]) -> None:
        self.journal.record_token(_GRANT_OPERATIONS.get(grant_type, "token"), status, body)

    def _authenticate(self, request: web.Request, form: dict[str, str]) -> RegisteredClient:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        basic = _basic_credentials(request.headers.get("Authorization", ""))
        if basic is not None:
            client_id, secret = basic
        client = self.tokens.clients.get(client_id or "")
        if client is None or not client.secret_ok(secret):
            raise _OAuthError(401, "invalid_client", "Invalid client or Invalid client credentials")
        return client

    def _code_grant(self, client: RegisteredClient, form: dict[str, str]) -> dict[str, Any]:
        code = form.get("code")
        if not code:
            raise _OAuthError(400, "invalid_request", "Missing parameter: code")
        grant = self.tokens.redeem_code(code)
        if grant is None or grant.client_id != client.client_id:
            raise _OAuthError(400, "invalid_grant", "Code not valid")
        if form.get("redirect_uri") != grant.redirect_uri:
            raise _OAuthError(400, "invalid_grant", "Incorrect redirect_uri")
        if grant.challenge is not None:
            verifier = form.get("code_verifier")
            if not verifier:
                raise _OAuthError(400, "invalid_grant", "PKCE code verifier not specified")
            if not hmac.compare_digest(pkce_s256(verifier), grant.challenge):
                raise _OAuthError(400, "invalid_grant", "PKCE verification failed")
        return self.tokens.issue(grant.user_id, client.client_id, grant.scope)

    def _refresh_grant(self, client: RegisteredClient, form: dict[str, str]) -> dict[str, Any]:
        refresh_token = form.get("refresh_token")
        if not refresh_token:
            raise _OAuthError(400, "invalid_request", "Missing parameter: refresh_token")
        body = self.tokens.rotate(refresh_token, client.client_id)
        if body is None:
            raise _OAuthError(400, "invalid_grant", "Invalid refresh token")
        return body


_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _error_body(error: str, description: str) -> dict[str, Any]:
    return {"error": error, "error_description": description}


def _error_response(status: int, error: str, description: str) -> web.Response:
    return web.json_response(_error_body(error, description), status=status, headers=_NO_STORE)


def _redirect(redirect_uri: str, params: dict[str, str], state: str | None) -> web.Response:
    if state is not None:
        params = {**params, "state": state}
    separator = "&" if urlsplit(redirect_uri).query else "?"
    location = f"{redirect_uri}{separator}{urlencode(params)}"
    return web.Response(status=302, headers={"Location": location})


def _basic_credentials(header: str) -> tuple[str, str] | None:
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, _, secret = decoded.partition(":")
    # RFC 6749 2.3.1: both parts are form-urlencoded before being joined.
    return unquote(client_id.replace("+", " ")), unquote(secret.replace("+", " "))
