"""Scrubbing credentials out of text and JSON before they reach an exception or a log.

A server, proxy or debug page may quote back what it received: the bearer token in a 401
message, a refresh token in a field error's ``rejectedValue``, the request headers in an HTML
error page, a token in a ``WWW-Authenticate`` or debug header. Everything the SDK copies from
a response into an error goes through these functions first.

Two kinds of rule apply:

* the exact values the caller knows to be secret (the access and refresh token in use, a
  client secret, an authorization code), together with their JSON-escaped and
  percent-encoded spellings, and their first part (at least :data:`MIN_SECRET_LENGTH`
  characters) where a text ends in it, as a body cut off in transfer does. Values shorter
  than :data:`MIN_SECRET_LENGTH` characters are ignored: no issuer hands out credentials that
  short, and replacing every occurrence of a short word would make messages unreadable;
* patterns that look like credentials whatever their value: ``Bearer <token>``, ``Basic
  <base64 of user:password>``, JWT-shaped ``eyJ...`` strings, ``Authorization: ...`` header
  lines, and credential-named members (``access_token``, ``refreshToken``, ``client_secret``,
  ``code``, ``code_verifier``, ``password`` ...) in JSON, in Python-style dict text and in
  form or query encoding (``refresh_token=...``).

Replaced text becomes :data:`REDACTED`. These run only when an error is being built, never on
the success path.
"""

from __future__ import annotations

import binascii
import functools
import json
import re
from base64 import b64decode
from collections.abc import Iterable, Mapping
from typing import Any, Final
from urllib.parse import quote, quote_plus

__all__ = [
    "MIN_SECRET_LENGTH",
    "REDACTED",
    "is_secret_name",
    "redact_headers",
    "redact_json",
    "redact_text",
]

REDACTED: Final = "<redacted>"
MIN_SECRET_LENGTH: Final = 8

# Member and parameter names whose values are credentials, compared without case, "_" or "-"
# (so access_token, accessToken and ACCESS-TOKEN are one name).
_SECRET_NAMES: Final = frozenset(
    {
        "accesstoken",
        "refreshtoken",
        "idtoken",
        "token",
        "clientsecret",
        "secret",
        "code",
        "codeverifier",
        "password",
        "authorization",
        "proxyauthorization",
        "apikey",
    }
)
# The same names as a regex alternation; separators optional, case ignored by the patterns.
_NAME_RE: Final = (
    r"(?:access[_-]?token|refresh[_-]?token|id[_-]?token|token|client[_-]?secret|secret"
    r"|code[_-]?verifier|code|password|(?:proxy[_-]?)?authorization|api[_-]?key)"
)
# Header names whose whole value is a credential (matched as substrings of the lower-cased
# name without "-" or "_", so X-Debug-Access-Token counts; WWW-Authenticate does not).
_SECRET_HEADER_PARTS: Final = (
    "authorization",
    "token",
    "secret",
    "password",
    "cookie",
    "apikey",
    "credential",
)

# `code` is also the name of status and error codes ({"code": 404}, "code=INVALID_GRANT"):
# numbers and UPPER_SNAKE constants stay readable. Authorization codes are random strings of
# mixed case, so they never look like that.
_SYMBOLIC_CODE: Final = re.compile(r"[0-9]{1,6}|[A-Z][A-Z0-9_.]{0,63}")

# RFC 9110 token68: what follows "Bearer " or "Basic ". The lookahead refuses a match that is
# really an auth-param (`Bearer realm="api"`, `Bearer error=invalid_token`), so
# WWW-Authenticate challenges stay readable.
_TOKEN68: Final = r"[A-Za-z0-9\-._~+/]+=*(?![A-Za-z0-9\-._~+/=]|\s+=|(?<==)\s*\")"
_BEARER: Final = re.compile(r"(?i)\b(bearer\s+)(" + _TOKEN68 + ")")
_BASIC: Final = re.compile(r"(?i)\b(basic\s+)(" + _TOKEN68 + ")")
_JWT: Final = re.compile(r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{2,}(?:\.[A-Za-z0-9_\-]*){1,4}")
# "Authorization: ..." as a header line quoted in an HTML or text page.
_HEADER_LINE: Final = re.compile(
    r"(?i)\b((?:proxy-)?authorization[ \t]*:[ \t]*)([^\r\n<\"\s][^\r\n<\"]*)"
)
# "name": "value" or 'name': 'value' (a Python dict quoted in a debug page); an unterminated
# value (a body cut short) is redacted to the end of the text.
_MEMBER: Final = re.compile(
    r"(?i)([\"'])(" + _NAME_RE + r")\1(\s*[:=]\s*)([\"'])((?:\\.|(?!\4)[^\\])*)"
)
# name=value in form, query or cookie encoding.
_PARAMETER: Final = re.compile(r"(?i)(?<![A-Za-z0-9_\-])(" + _NAME_RE + r")(=\"?)([^&\s\"'<>;,]+)")


def is_secret_name(name: str) -> bool:
    """Whether a JSON member or parameter called ``name`` holds a credential."""
    return name.lower().replace("_", "").replace("-", "") in _SECRET_NAMES


def _keeps(name: str, value: str) -> bool:
    """Whether ``value`` under ``name`` is left alone (a status or error code)."""
    return name.lower() == "code" and _SYMBOLIC_CODE.fullmatch(value) is not None


def _member(match: re.Match[str]) -> str:
    quote_char, name, separator, value = match[1], match[2], match[3], match[5]
    if _keeps(name, value):
        return match[0]
    return f"{quote_char}{name}{quote_char}{separator}{match[4]}{REDACTED}"


def _parameter(match: re.Match[str]) -> str:
    if _keeps(match[1], match[3]):
        return match[0]
    return f"{match[1]}{match[2]}{REDACTED}"


def _bearer(match: re.Match[str]) -> str:
    # "Bearer token expired" is prose; issued tokens are never a short plain word. (The
    # tokens in use are also replaced by value, whatever they look like.)
    word = match[2]
    if len(word) <= 20 and word.isalpha() and (word.islower() or word.istitle()):
        return match[0]
    return f"{match[1]}{REDACTED}"


def _header_line(match: re.Match[str]) -> str:
    if match.string.startswith(REDACTED, match.end()):
        return match[0]  # "Authorization: Bearer <redacted>": already done
    # "Authorization: Bearer x" keeps its scheme, which says what kind of credential it was.
    parts = match[2].split(None, 1)
    if len(parts) == 2 and parts[0].isalpha():
        return f"{match[1]}{parts[0]} {REDACTED}"
    return f"{match[1]}{REDACTED}"


def _basic(match: re.Match[str]) -> str:
    # Only real credentials, base64 of "user:password": "Basic realm" or "basic auth" in a
    # sentence stays as it is.
    candidate = match[2].rstrip("=")
    try:
        decoded = b64decode(candidate + "=" * (-len(candidate) % 4), validate=True)
    except (binascii.Error, ValueError):
        return match[0]
    return f"{match[1]}{REDACTED}" if b":" in decoded else match[0]


@functools.lru_cache(maxsize=32)
def _spellings(secrets: tuple[str, ...]) -> tuple[str, ...]:
    """Every spelling of ``secrets`` a response may carry."""
    forms: set[str] = set()
    for secret in secrets:
        if len(secret) < MIN_SECRET_LENGTH:
            continue
        escaped = json.dumps(secret)[1:-1]
        forms.update(
            (
                secret,
                escaped,
                escaped.replace("/", "\\/"),  # JSON may also escape the solidus
                quote(secret, safe=""),
                quote_plus(secret, safe=""),
            )
        )
    return tuple(sorted(forms))


def _known(secrets: Iterable[str | None]) -> tuple[str, ...]:
    if isinstance(secrets, tuple) and not secrets:
        return ()
    return _spellings(tuple(sorted({s for s in secrets if isinstance(s, str) and s})))


def _replace_known(text: str, spellings: tuple[str, ...]) -> str:
    # Spans rather than str.replace() one secret after another: when two secrets overlap in
    # the text (or one occurs overlapping itself), replacing the first would cut the second
    # so that it no longer matches and its remaining part would stay readable.
    spans: list[tuple[int, int]] = []
    for spelling in spellings:
        start = text.find(spelling)
        while start != -1:
            spans.append((start, start + len(spelling)))
            start = text.find(spelling, start + 1)
        # A body cut off in transfer may end in the first part of a secret.
        start = text.find(spelling[:MIN_SECRET_LENGTH], max(0, len(text) - len(spelling) + 1))
        while start != -1:
            if spelling.startswith(text[start:]):
                spans.append((start, len(text)))
                break
            start = text.find(spelling[:MIN_SECRET_LENGTH], start + 1)
    if not spans:
        return text
    spans.sort()
    pieces: list[str] = []
    kept_until = 0
    span_start, span_end = spans[0]
    for start, end in spans[1:]:
        if start <= span_end:
            span_end = max(span_end, end)
            continue
        pieces += (text[kept_until:span_start], REDACTED)
        kept_until, span_start, span_end = span_end, start, end
    pieces += (text[kept_until:span_start], REDACTED, text[span_end:])
    return "".join(pieces)


def _scrub(text: str, spellings: tuple[str, ...]) -> str:
    if spellings:
        text = _replace_known(text, spellings)
    text = _HEADER_LINE.sub(_header_line, text)
    text = _BEARER.sub(_bearer, text)
    text = _BASIC.sub(_basic, text)
    text = _JWT.sub(REDACTED, text)
    text = _MEMBER.sub(_member, text)
    return _PARAMETER.sub(_parameter, text)


def redact_text(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with every known secret and every credential-shaped part replaced.

    :param text: any text taken from a response (a message, a header value, a page).
    :param secrets: values known to be secret; ``None``, empty and short values are skipped.
    :returns: the scrubbed text (the same text when nothing matched).
    """
    return _scrub(text, _known(secrets))


def redact_json(value: Any, secrets: Iterable[str | None] = (), *, name: str | None = None) -> Any:
    """A scrubbed deep copy of a JSON-shaped value.

    Strings (keys included) are scrubbed as by :func:`redact_text`. A non-empty string under
    a credential-named key (:func:`is_secret_name`), at any depth, becomes :data:`REDACTED`,
    except status-like ``code`` values (``"404"``, ``"INVALID_GRANT"``). So does the
    ``rejectedValue``/``value`` of an object whose ``field``/``name``/``param`` names a
    credential (a validation error about ``password`` quotes the password). Mappings come back
    as ``dict`` and lists and tuples as ``list``; numbers, booleans, ``None`` and other objects
    are kept as they are. Works without recursion, so any nesting a JSON parser accepts is
    fine.

    :param value: the decoded JSON (or any value put into an error's ``body``).
    :param secrets: values known to be secret.
    :param name: the member name ``value`` sits under, if any (e.g. a field error's field).
    """
    spellings = _known(secrets)
    # (source container, copy being filled, whether it sits under a credential-named key)
    pending: list[tuple[Any, Any, bool]] = []

    def copy(item: Any, hidden: bool, key: str | None) -> Any:
        if isinstance(item, str):
            if hidden and item and not (key is not None and _keeps(key, item)):
                return REDACTED
            return _scrub(item, spellings)
        if isinstance(item, Mapping):
            mapping: dict[Any, Any] = {}
            pending.append((item, mapping, hidden))
            return mapping
        if isinstance(item, list | tuple):
            sequence: list[Any] = []
            pending.append((item, sequence, hidden))
            return sequence
        return item

    named = name is not None and _names_secret(name)
    result = copy(value, named, name if named else None)
    while pending:
        source, target, hidden = pending.pop()
        if isinstance(target, list):
            target.extend(copy(item, hidden, None) for item in source)
            continue
        about = _described_name(source)
        for key, item in source.items():
            if isinstance(key, str):
                secret_key = is_secret_name(key) or (about is not None and key in _VALUE_KEYS)
                label = about if key in _VALUE_KEYS and about is not None else key
                target[_scrub(key, spellings)] = copy(
                    item, hidden or secret_key, label if secret_key else None
                )
            else:
                target[key] = copy(item, hidden, None)
    return result


# A validation error names the offending member in one key and quotes its value in another.
_NAMING_KEYS: Final = ("field", "name", "param", "parameter", "key")
_VALUE_KEYS: Final = frozenset({"rejectedValue", "rejected_value", "value"})


def _names_secret(path: str) -> bool:
    """Whether a member path such as ``credentials.password`` or ``token`` ends in a
    credential name."""
    parts = [part for part in re.split(r"[.\[\]/]", path) if part]
    return bool(parts) and is_secret_name(parts[-1])


def _described_name(mapping: Mapping[Any, Any]) -> str | None:
    """The credential name an object reports on (``{"field": "password", ...}``), if any."""
    for key in _NAMING_KEYS:
        described = mapping.get(key)
        if isinstance(described, str) and _names_secret(described):
            return described.rsplit(".", 1)[-1]
    return None


def redact_headers(
    headers: Mapping[str, str] | None, secrets: Iterable[str | None] = ()
) -> dict[str, str]:
    """A scrubbed copy of response headers.

    Values of credential-named headers (``Authorization``, ``Set-Cookie``, ``X-Debug-Token``
    ...) are replaced whole; every other value is scrubbed as by :func:`redact_text`, so
    ``Retry-After``, ``Location`` and a ``WWW-Authenticate`` challenge stay readable. With
    repeated headers the last value is kept.
    """
    if not headers:
        return {}
    spellings = _known(secrets)
    clean: dict[str, str] = {}
    for name, value in headers.items():
        folded = name.lower().replace("-", "").replace("_", "")
        if any(part in folded for part in _SECRET_HEADER_PARTS):
            clean[name] = REDACTED
        else:
            clean[name] = _scrub(str(value), spellings)
    return clean
