"""Single-flight token refreshing: :class:`TokenManager`.

Astravue access tokens live 30 minutes and refresh tokens may rotate: every refresh can
return a new refresh token and invalidate the old one. Two consequences shape this module:

* Refreshing must be *single-flight*. If two requests refreshed concurrently with the same
  refresh token, the second would present an already-rotated token, Keycloak would answer
  ``invalid_grant`` and the whole login would be lost. :class:`TokenManager` therefore lets
  exactly one refresh run at a time and hands its result to every caller that needed it.
* The newest refresh token must be persisted before anything else can lose it, so the
  manager saves it to a :class:`TokenStore` from inside the refresh itself, where a
  cancelled caller cannot interrupt it. Once the server has answered, nothing the SDK
  dislikes about the answer, the store or the callback may lose the new refresh token:
  the store and the callback are bounded by ``persist_timeout`` and their failures only
  logged (by exception type, never message, which could quote the token).
* Several workers (processes, hosts) sharing one login must refresh *once* between them.
  When the store has ``lock()`` (see :class:`TokenStore`), every refresh runs under the
  store's lock: re-read the store, adopt a token another worker already stored, and only
  otherwise refresh (with the newest refresh token known) and save before releasing.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import logging
import math
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from types import TracebackType
from typing import Any, Final

import attrs

from astravue_async._errors import AuthenticationError, LeaseLostError, TokenStoreError
from astravue_async._log import refresh_fields as _fields_of_refresh
from astravue_async._observability import Observer, RefreshReason
from astravue_async.auth._store import TokenLease, TokenStore
from astravue_async.auth._token import (
    OAuth2Token,
    _expiry_note,
    _salvaged,
    _SalvagedRefreshToken,
    utcnow,
)

_log = logging.getLogger("astravue_async")

DEFAULT_PERSIST_TIMEOUT: Final = 5.0
"""Seconds :class:`TokenManager` waits for ``TokenStore.save`` (and, separately, for an async
``on_token_refresh``) before carrying on with the new token in memory."""

Refresher = Callable[[str], Awaitable[OAuth2Token]]
TokenCallback = Callable[[OAuth2Token], Awaitable[None] | None]

# Where a refresh saves to and re-reads from: the lease it holds, or the lock-less store.
_Target = TokenLease | TokenStore


class TokenManager:
    """Hands out a valid access token for every request and refreshes it single-flight.

    * :meth:`get_access_token` refreshes proactively when the token expires within
      ``skew`` seconds; any number of concurrent callers share one refresh.
    * :meth:`refresh_after_unauthorized` is for a 401: it refreshes only if nobody has
      replaced the rejected token yet.
    * Expiry is tracked on the monotonic ``clock``, so wall-clock jumps (NTP, suspend,
      manual changes) neither cause spurious refreshes nor suppress due ones.
    * A rejected refresh token (:class:`AuthenticationError`) is final: later calls raise
      the same error without contacting the server. Other errors are not final: the next
      call that needs a token refreshes again (after a refresh whose outcome is unknown,
      with the same refresh token; see :func:`refresh`).
    * A refresh runs in its own task: callers that give up (cancelled, or their deadline
      passed) do not stop it, and its result is kept for the next call.
    * Every new refresh token the server hands out is kept, because with rotation the old
      one is spent the moment the server answers: the manager adopts it before saving or
      announcing it, so a failing or hanging ``store.save`` or ``on_token_refresh`` (each
      given ``persist_timeout`` seconds, then abandoned with a warning) cannot lose it.
      Even an answer without a usable access token is mined for its new refresh token,
      which is adopted, saved and announced (with the old access token, marked due for
      refresh) before the :class:`ResponseDecodeError` is raised.
    * With a ``store`` that has ``lock()`` (every store of this package), refreshes are
      single-flight across every worker sharing the store: under the store's lock the
      manager re-reads it and adopts a token another worker stored (newer than its own
      and not expiring within ``skew`` seconds) without a grant, and not
      ``on_token_refresh``, which only announces grants; otherwise it refreshes with the
      newest refresh token known (stored or its own), saves through the lease and
      announces before releasing. If the lock cannot be had (timeout, store down), a
      proactive refresh keeps the still valid access token for now; once it has expired
      (or the API rejected it) the call raises the store's :class:`TokenStoreError`, and
      the next call tries again: refreshing anyway could present a refresh token another
      worker has just rotated away, which may revoke the whole session. A store without
      ``lock()`` is used as before: saved to, no cross-worker exclusion.
    * A refusal of the refresh token (``invalid_grant``) first re-reads the store once:
      if another worker stored a token with a different refresh token, that one is
      adopted (and refreshed with once, if it is expiring) instead of giving up.

    A managed refresh takes at most the refresher's own bound (for :func:`refresh`,
    :func:`max_refresh_seconds`) plus twice ``persist_timeout``; a synchronous
    ``on_token_refresh`` or ``store.save`` that blocks cannot be bounded.

    Args:
        token: The token to start from.
        refresher: Turns a refresh token into a new :class:`OAuth2Token` (usually :func:`refresh`
            bound to a session and client); None for a static token.
        on_token_refresh: Called (sync or async) with every new token.
        store: Where every new token is saved (before ``on_token_refresh`` runs), and, if it has
            ``lock()``, what refreshes are coordinated through.
        skew: Seconds before expiry at which the token is refreshed proactively.
        clock: Monotonic seconds (for tests); ``wall_clock``: aware UTC now.
        observer: The client's event hooks and telemetry (None: nothing observes): each
            refresh is reported once, whichever number of callers waited for it.
        persist_timeout: Seconds to wait for ``store.save`` and, separately, for an async
            ``on_token_refresh``, before carrying on without them (default 5).

    Raises:
        TypeError, ValueError: An argument is invalid.
    """

    def __init__(
        self,
        token: OAuth2Token,
        *,
        refresher: Refresher | None,
        on_token_refresh: TokenCallback | None = None,
        store: TokenStore | None = None,
        skew: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = utcnow,
        persist_timeout: float = DEFAULT_PERSIST_TIMEOUT,
        observer: Observer | None = None,
    ) -> None:
        if not isinstance(token, OAuth2Token):
            raise TypeError(f"token must be an OAuth2Token, not {type(token).__name__}")
        if refresher is not None and not callable(refresher):
            raise TypeError("refresher must be a coroutine function or None")
        if on_token_refresh is not None and not callable(on_token_refresh):
            raise TypeError("on_token_refresh must be callable or None")
        if isinstance(skew, bool) or not isinstance(skew, int | float):
            raise TypeError("skew must be a number of seconds")
        if not skew >= 0:  # also rejects NaN
            raise ValueError("skew must not be negative")
        if isinstance(persist_timeout, bool) or not isinstance(persist_timeout, int | float):
            raise TypeError("persist_timeout must be a number of seconds")
        if not (math.isfinite(persist_timeout) and persist_timeout > 0):
            raise ValueError("persist_timeout must be a positive finite number of seconds")
        self._persist_timeout = float(persist_timeout)
        # Saves/callbacks that outlived persist_timeout: referenced until they finish so
        # they are neither garbage collected mid-flight nor reported as never retrieved.
        self._abandoned: set[asyncio.Task[Any]] = set()
        self._refresher = refresher
        self._on_token_refresh = on_token_refresh
        self._store = store
        self._skew = float(skew)
        self._clock = clock
        self._wall_clock = wall_clock
        self._token = token
        # Whether _token is known to be what the store held when we last wrote or read it.
        # Until then (the token we were given, or one whose save failed) a different stored
        # token is not necessarily newer: the later expiry decides.
        self._synced = False
        self._refresh_at: float | None = None
        # The longest token lifetime seen (seconds): how "about to expire" is judged for a
        # token another worker stored. Unknown until a token with time left is scheduled.
        self._lifetime = 0.0
        self._expires_mono: float | None = None
        # A digest, not the token: managers end up in reprs, debuggers and error trackers.
        self._rejected: bytes | None = None
        self._schedule(token)
        self._inflight: asyncio.Task[OAuth2Token] | None = None
        self._failure: AuthenticationError | None = None
        self._failure_tb: TracebackType | None = None
        # After a refusal: the refused refresh token (a digest), and when the store may next
        # be looked at for a new sign-in (monotonic seconds).
        self._refused: bytes | None = None
        self._next_recovery = 0.0
        self.observer = observer
        # The refresh in flight: why it runs, when it began (perf_counter), and whether the
        # token endpoint granted a token (else one was adopted or kept), for logs and hooks.
        self._reason: RefreshReason = "proactive"
        self._refresh_started = 0.0
        self._granted = False
        self._requesting = False  # the refresh in flight has begun its token request
        self._ever_refreshed = False

    def __repr__(self) -> str:
        state = "failed" if self._failure is not None else "ok"
        return f"TokenManager(token={self._token!r}, state={state})"

    @property
    def token(self) -> OAuth2Token:
        """The current token (after any refreshes)."""
        return self._token

    @property
    def can_refresh(self) -> bool:
        """Whether a refresh is possible at all (refresher and refresh token present)."""
        return self._refresher is not None and self._token.can_refresh

    def usable_access_token(self) -> str | None:
        """The access token, if :meth:`get_access_token` would return it without waiting.

        The transport's per-call fast path: a plain call instead of a coroutine. None means
        "await :meth:`get_access_token`" (a refresh is due, or an earlier one failed).
        """
        if self._failure is None and (
            self._refresh_at is None or self._clock() < self._refresh_at or not self.can_refresh
        ):
            return self._token.access_token
        return None

    async def get_access_token(self) -> str:
        """A usable access token, refreshed first if it expires within ``skew`` seconds.

        Without a refresher (a static token) the token is returned as is, even if expired:
        the API's 401 is then the authoritative answer.
        """
        if self._failure is not None:
            await self._recover_from_store()
            self._raise_if_failed()
        if not self.can_refresh or not self._expiring():
            return self._token.access_token
        token = await self._join_refresh(self._due_reason())
        return token.access_token

    def _due_reason(self) -> RefreshReason:
        # "startup": never refreshed and the token we were given has already expired (a
        # refresh token alone, e.g. ASTRAVUE_REFRESH_TOKEN without an access token).
        expires = self._expires_mono
        if not self._ever_refreshed and expires is not None and self._clock() >= expires:
            return "startup"
        return "proactive"

    async def refresh_after_unauthorized(self, used_access_token: str) -> str:
        """A new access token after the API answered 401 to ``used_access_token``.

        If the token has been replaced meanwhile (another request already refreshed), the
        current one is returned without refreshing again.
        """
        if self._failure is not None:
            await self._recover_from_store()
            self._raise_if_failed()
        if self._token.access_token != used_access_token:
            return await self.get_access_token()
        self._rejected = _digest(used_access_token)
        if not self.can_refresh:
            raise AuthenticationError(
                "the access token was rejected and cannot be refreshed: no refresh token "
                "or client credentials were configured. Provide a new access token, or a "
                "refresh token with the client id, or sign in again (e.g. `astravue login`)",
                status=401,
            )
        token = await self._join_refresh("unauthorized")
        return token.access_token

    async def _recover_from_store(self) -> None:
        """After a refused refresh: adopt a new sign-in someone stored since, if any.

        An operator who signs in again writes a fresh token to the shared store; running
        workers pick it up here instead of failing until restarted. Looked at most every
        ``_RECOVERY_INTERVAL`` seconds, so a failed worker does not hammer the store.
        """
        store = self._store
        now = self._clock()
        if store is None or now < self._next_recovery:
            return
        self._next_recovery = now + _RECOVERY_INTERVAL
        try:
            async with asyncio.timeout(self._persist_timeout):
                stored = await store.load()
        except Exception:  # the store is down: still failed, as before
            return
        if stored is None or stored.refresh_token is None:
            return
        if _digest(stored.refresh_token) == self._refused:
            return
        self._failure = self._failure_tb = None
        self._refused = None
        self._adopt(stored)
        _log.info("found a new sign-in in the token store after a refused refresh; using it")

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            # The stored traceback keeps repeated raises from growing it without bound.
            raise self._failure.with_traceback(self._failure_tb)

    def _schedule(self, token: OAuth2Token) -> None:
        # Translate the wall-clock expiry into a monotonic deadline once, now; from here on
        # only the monotonic clock is consulted.
        if token.expires_at is None:
            self._refresh_at = self._expires_mono = None
            return
        remaining = (token.expires_at - self._wall_clock()).total_seconds()
        # A lifetime shorter than the skew would otherwise be "expiring" from birth and
        # refresh on every call; refresh such tokens at half-life instead.
        margin = min(self._skew, max(remaining, 0.0) / 2)
        if remaining > 0:
            self._lifetime = max(self._lifetime, remaining)
        now = self._clock()
        self._refresh_at = now + remaining - margin
        self._expires_mono = now + remaining

    def _expiring(self) -> bool:
        return self._refresh_at is not None and self._clock() >= self._refresh_at

    async def finish_refresh(self) -> None:
        """End a refresh in flight on this event loop; at once if none is.

        Closing a client calls it before it closes its connections. Once the refresh's
        token request has started, the token endpoint may already have rotated the refresh
        token: the refresh is waited for, so that the new one is adopted, persisted and
        announced, not cut off with the connection (nor with the event loop, for a caller's
        session). Bounded by the token request's timeout and the time to persist and
        announce the token. A refresh that has not sent anything yet (waiting for the
        store's lock, say) is cancelled instead. Its outcome is the refresh's business: a
        failure is left to the calls that awaited it.
        """
        task = self._inflight
        if task is None or task.done() or task.get_loop() is not asyncio.get_running_loop():
            return
        if not self._requesting:
            task.cancel()  # its lock waits give the lock back when cancelled
        current = asyncio.current_task()
        asked = current.cancelling() if current is not None else 0
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            if current is not None and current.cancelling() > asked:
                # This closing was cancelled (not the refresh, cancelled above).
                if not task.done() and self._requesting:
                    _log.warning(
                        "closing was cancelled while a token refresh it waited for was in "
                        "flight; if the refresh is cut off too, its rotated refresh token "
                        "is lost",
                        extra=self._fields(),
                    )
                raise
        except Exception:  # noqa: S110 - the refresh's failure is its callers' to report
            pass

    async def _join_refresh(self, reason: RefreshReason) -> OAuth2Token:
        loop = asyncio.get_running_loop()
        task = self._inflight
        # A task left behind by a loop that has since been closed can never finish.
        if task is None or task.get_loop() is not loop:
            # Started from the caller's context: the refresh's span and log records are
            # attributed to the call that needed it.
            task = loop.create_task(self._run_refresh(reason))
            task.add_done_callback(_consume_exception)
            self._inflight = task
        # shield: a cancelled waiter must not cancel the refresh the others are awaiting
        # (nor lose the rotated refresh token halfway through).
        return await asyncio.shield(task)

    async def _run_refresh(self, reason: RefreshReason) -> OAuth2Token:
        self._reason = reason
        self._refresh_started = time.perf_counter()
        self._granted = False
        self._requesting = False
        observer = self.observer
        observed = observer.start_refresh(reason) if observer is not None else None
        try:
            token = await self._refresh_once()
        except BaseException as exc:
            if observed is not None:
                observed.end(error=exc)
            raise
        finally:
            if self._inflight is asyncio.current_task():
                self._inflight = None
        self._ever_refreshed = True
        if observed is not None:
            observed.end(adopted=not self._granted)
        return token

    def _fields(self, error: BaseException | None = None) -> dict[str, object]:
        """``extra=`` for a record about the refresh in flight (none outside one)."""
        if self._inflight is None:
            return {}
        return _fields_of_refresh(
            self._reason,
            elapsed_ms=(time.perf_counter() - self._refresh_started) * 1000,
            error=error,
        )

    async def _refresh_once(self) -> OAuth2Token:
        store = self._store
        lock = getattr(store, "lock", None)
        if store is None or not callable(lock):
            return await self._refresh_from(self._token, store)
        current = self._token
        entered = False
        outcome: OAuth2Token | None = None
        try:
            async with lock() as lease:
                entered = True
                outcome = await self._refresh_under_lease(lease, current)
        except Exception as exc:
            if not entered:
                return self._without_lock(current, store, exc)
            if outcome is None:
                raise
            # The refresh itself succeeded and its token is adopted: only the release
            # failed, which the store's own lease expiry (or process exit) takes care of.
            _log.warning(
                "could not release the refresh lock of %s (%s)",
                type(store).__name__,
                type(exc).__name__,
            )
        assert outcome is not None
        return outcome

    def _without_lock(self, current: OAuth2Token, store: TokenStore, exc: Exception) -> OAuth2Token:
        _log.warning(
            "could not take the refresh lock of %s (%s)", type(store).__name__, type(exc).__name__
        )
        # Refreshing without the lock could present a refresh token another worker has just
        # rotated away, which a server with reuse detection answers by revoking the whole
        # session: better to use the access token while it lasts and fail after that.
        if (
            self._expires_mono is not None
            and self._clock() < self._expires_mono
            and _digest(current.access_token) != self._rejected
        ):
            return current
        if isinstance(exc, TokenStoreError):
            raise exc
        # Only the type: a user's store could put anything into its message.
        raise TokenStoreError(
            f"could not take the refresh lock of {type(store).__name__} "
            f"({type(exc).__name__}); the token was not refreshed"
        ) from None

    async def _refresh_under_lease(self, lease: TokenLease, current: OAuth2Token) -> OAuth2Token:
        stored = await self._reread(lease)
        base = current
        if stored is not None and _same(stored, current):
            self._synced = True
        elif stored is not None and self._stored_is_newer(stored, current):
            if not self._stored_expiring(stored):
                # Another worker refreshed while we waited for the lock (or before).
                return self._adopt(stored)
            if stored.refresh_token is not None:
                base = stored  # the newest refresh token known; ours may be rotated away
        return await self._refresh_from(base, lease)

    def _stored_is_newer(self, stored: OAuth2Token, current: OAuth2Token) -> bool:
        if self._synced:
            return True  # written after we last wrote or read the store
        # Our token may never have reached the store (the one we started from, or a failed
        # save): a stale stored token must not replace it. The later grant expires later.
        if stored.expires_at is not None and current.expires_at is not None:
            return stored.expires_at > current.expires_at
        return True  # no way to tell: the store is the shared source of truth

    def _stored_expiring(self, stored: OAuth2Token) -> bool:
        # Judged on the wall clock: the token came from another process, whose monotonic
        # clock means nothing here. Unknown expiry: rely on the API's 401, as for our own.
        if stored.expires_at is None:
            return False
        remaining = (stored.expires_at - self._wall_clock()).total_seconds()
        # The same half-life rule as our own tokens (see _schedule): with short-lived tokens
        # (a one-minute realm) a token another worker has just stored would otherwise count
        # as expiring, and every worker would refresh again instead of adopting it.
        half_life = self._lifetime / 2 if self._lifetime > 0 else math.inf
        return remaining <= min(self._skew, half_life)

    def _adopt(self, stored: OAuth2Token) -> OAuth2Token:
        self._token = stored
        self._schedule(stored)
        self._synced = True
        # Not announced through on_token_refresh: no grant happened, and the worker that
        # made it has announced (and saved) it already.
        _log.info(
            "adopted the token another worker stored%s",
            _expiry_note(stored, self._wall_clock()),
            extra=self._fields(),
        )
        return stored

    async def _refresh_from(self, base: OAuth2Token, target: _Target | None) -> OAuth2Token:
        """Refresh with ``base``'s refresh token; on a refusal re-read ``target`` once."""
        try:
            return await self._grant(base, target)
        except AuthenticationError as exc:
            failure = exc
            # Another worker (or a store without lock()) may have rotated the refresh token
            # and stored the new one: use that rather than give up the session.
            stored = None if target is None else await self._reread(target)
            refused = base.refresh_token
            if (
                stored is not None
                and stored.refresh_token is not None
                and stored.refresh_token != base.refresh_token
            ):
                if not self._stored_expiring(stored):
                    return self._adopt(stored)
                try:
                    return await self._grant(stored, target)
                except AuthenticationError as second:
                    failure = second
                    refused = stored.refresh_token
            self._refused = None if refused is None else _digest(refused)
            self._failure = failure
            self._failure_tb = failure.__traceback__
            _log.warning(
                "token refresh was rejected (HTTP %s); sign in again to continue",
                failure.status,
                extra=self._fields(failure),
            )
            raise failure from None

    async def _grant(self, base: OAuth2Token, target: _Target | None) -> OAuth2Token:
        refresher = self._refresher
        assert refresher is not None and base.refresh_token is not None
        self._requesting = True
        try:
            new = await refresher(base.refresh_token)
        except AuthenticationError:
            raise
        except Exception as exc:
            salvaged = _salvaged(exc)
            if salvaged is not None:
                await self._adopt_refresh_token(base, salvaged, target)
            raise
        if not isinstance(new, OAuth2Token):
            raise TypeError(f"refresher returned {type(new).__name__}, not OAuth2Token")
        if new.refresh_token is None:
            # No rotation this time: the old refresh token stays valid.
            new = attrs.evolve(
                new, refresh_token=base.refresh_token, refresh_expires_at=base.refresh_expires_at
            )
        self._token = new
        self._schedule(new)
        self._synced = False
        self._granted = True
        _log.info(
            "refreshed access token%s", _expiry_note(new, self._wall_clock()), extra=self._fields()
        )
        await self._persist(new, target)
        await self._notify(new)
        return new

    async def _adopt_refresh_token(
        self, old: OAuth2Token, salvaged: _SalvagedRefreshToken, target: _Target | None
    ) -> None:
        # The answer had no usable access token, but the server has spent the old refresh
        # token: keep the new one, with the old access token marked due for refresh so the
        # next call that needs a token refreshes (with the new refresh token) first.
        token = attrs.evolve(
            old, refresh_token=salvaged.value, refresh_expires_at=salvaged.expires_at
        )
        self._token = token
        self._synced = False
        self._refresh_at = self._clock()
        _log.warning(
            "the token endpoint's answer had no usable access token; kept the new refresh "
            "token it contained for the next refresh"
        )
        await self._persist(token, target)
        await self._notify(token)

    async def _reread(self, target: _Target) -> OAuth2Token | None:
        """The stored token, or None if there is none or it cannot be read (logged)."""
        try:
            # Typed as async, but a user's store may well return the token directly.
            outcome: object = target.load()
            stored: object = outcome
            if inspect.isawaitable(outcome):
                finished, stored = await self._bounded(
                    outcome, "reading the stored token", "with ours"
                )
                if not finished:
                    return None
        except Exception as exc:
            # Nothing readable means nothing newer than ours (e.g. a store just restarted).
            _log.warning(
                "could not read the stored token from %s (%s); going on with ours",
                type(self._store).__name__,
                type(exc).__name__,
            )
            return None
        return stored if isinstance(stored, OAuth2Token) else None

    async def _persist(self, token: OAuth2Token, target: _Target | None) -> None:
        if target is None:
            return
        try:
            outcome = target.save(token)
            finished = True
            if inspect.isawaitable(outcome):
                finished, _ = await self._bounded(outcome, "saving the refreshed token")
            if finished and self._token is token:
                self._synced = True
        except LeaseLostError:
            # Another worker took over after our lease expired; it may have stored a newer
            # token, which the next refresh reads (and compares by expiry) under the lock.
            _log.warning(
                "the refresh lease on %s expired before the refreshed token was saved "
                "(LeaseLostError); continuing with it in memory",
                type(self._store).__name__,
            )
        except Exception as exc:
            # The request can still proceed with the in-memory token; failing it would not
            # bring the store back. Only the type: a message could quote the token.
            _log.warning(
                "could not save the refreshed token to %s (%s); continuing with it in memory",
                type(self._store).__name__,
                type(exc).__name__,
            )

    async def _notify(self, token: OAuth2Token) -> None:
        callback = self._on_token_refresh
        if callback is None:
            return
        try:
            result = callback(token)
            if inspect.isawaitable(result):
                await self._bounded(result, "the on_token_refresh callback")
        except Exception as exc:
            # Only the type: a user's exception message could contain the token.
            _log.warning("on_token_refresh callback raised %s; ignored", type(exc).__name__)

    async def _bounded(
        self, awaitable: Awaitable[object], what: str, after: str = "with the new token in memory"
    ) -> tuple[bool, object]:
        """Await ``awaitable`` for at most ``persist_timeout`` seconds: (finished, result).

        Past the limit it is cancelled but not waited for (asyncio.wait_for would wait
        for a coroutine that ignores cancellation, which is the hang being bounded).
        """
        task: asyncio.Future[object] = asyncio.ensure_future(awaitable)
        try:
            done, _ = await asyncio.wait({task}, timeout=self._persist_timeout)
        except asyncio.CancelledError:
            task.cancel()  # the refresh itself is being torn down (loop shutdown)
            raise
        if task in done:
            return True, task.result()  # re-raises its exception for the caller's handler
        task.cancel()
        if isinstance(task, asyncio.Task):
            self._abandoned.add(task)
            task.add_done_callback(self._forget_abandoned)
        _log.warning(
            "%s did not finish within %g s; continuing %s",
            what,
            self._persist_timeout,
            after,
        )
        return False, None

    def _forget_abandoned(self, task: asyncio.Task[Any]) -> None:
        self._abandoned.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved, so asyncio does not log it


def _same(a: OAuth2Token, b: OAuth2Token) -> bool:
    return a.access_token == b.access_token and a.refresh_token == b.refresh_token


def _consume_exception(task: asyncio.Task[OAuth2Token]) -> None:
    # Waiters receive the exception through shield(); if every waiter was cancelled nobody
    # would, and asyncio would log "Task exception was never retrieved".
    if not task.cancelled():
        task.exception()


_RECOVERY_INTERVAL: Final = 5.0


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).digest()
