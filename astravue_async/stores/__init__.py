"""Token stores: where a :class:`~astravue_async.auth.TokenManager` keeps the latest token.

With rotating refresh tokens every refresh may replace the refresh token, so the newest one
must be kept somewhere that outlives the process if the session is to survive a restart.

* :class:`MemoryTokenStore`: lives as long as the object; for tests and short scripts. Its
  ``lock()`` coordinates the clients of one process sharing the object.
* :class:`JSONFileTokenStore`: one JSON file of ``{profile: token}``, mode 0600, written
  atomically; for CLIs and long-lived services on one machine. OS file locks make it safe
  for several processes: one refresh per expiry between them, no lost profile updates.
* :func:`write_private_file`: the atomic, owner-only file write the file store (and the
  CLI's config) relies on.

Any object with async ``load``/``save``/``clear`` and ``lock()`` satisfies
:class:`~astravue_async.auth.TokenStore`; one without ``lock()`` still works, without the
cross-worker exclusion of refreshes.
"""

from astravue_async.stores._file import JSONFileTokenStore, write_private_file
from astravue_async.stores._memory import MemoryTokenStore

__all__ = ["JSONFileTokenStore", "MemoryTokenStore", "write_private_file"]
