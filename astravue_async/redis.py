"""What the optional ``redis`` extra (``pip install 'astravue-async[redis]'``) provides:
state shared by every worker on every host through Redis.

* :class:`RedisTokenStore`: one OAuth2 token, refreshed by one worker at a time.
* :class:`RedisRateLimiter`: one request budget (the API allows about 100 requests per
  user per minute).

redis-py (and ``limits``, for the rate limiter) are imported when a class is instantiated,
which raises :class:`ImportError` naming the extra if they are missing.
"""

from astravue_async._ratelimit_redis import RedisRateLimiter
from astravue_async.stores._redis import RedisTokenStore

__all__ = ["RedisRateLimiter", "RedisTokenStore"]
