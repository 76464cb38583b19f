"""``client.notifications``: the caller's notifications and @mentions."""

from __future__ import annotations

from collections.abc import Iterable

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._generated.resources import NotificationsBase
from astravue_async.resources._base import api_operation

__all__ = ["Notifications"]


def _ids(ids: Iterable[int]) -> list[int]:
    """Checked here so errors name ``ids``, the argument, not the model's field."""
    if isinstance(ids, int | str | bytes) or not isinstance(ids, Iterable):
        raise TypeError("ids must be an iterable of ints, e.g. [1, 2]")
    values = list(ids)
    if not values:
        raise ValueError("ids must contain at least one notification id")
    for index, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"ids[{index}] must be an int, not {type(value).__name__}")
    return values


class Notifications(NotificationsBase):
    """Notifications and mentions of the calling user.

    ``list`` is generated from the spec; ``mark_read`` and ``delete`` take the ids as one
    positional iterable (``mark_read([1, 2])``), checked here so errors name ``ids``.
    """

    @api_operation(ops.MARK_NOTIFICATIONS_READ)
    async def mark_read(self, ids: Iterable[int]) -> models.NotificationReadResponseDto:
        """Mark notifications as read.

        Args:
            ids: Ids of the notifications to mark as read: a non-empty iterable of ints (sent
                as ``notificationIds``).

        Returns:
            The :class:`~astravue_async.models.NotificationReadResponseDto`: how many were
            marked and their ids.

        Raises:
            TypeError: ``ids`` is not an iterable of ints; nothing is sent.
            ValueError: ``ids`` is empty; nothing is sent.
            NotFoundError, PermissionDeniedError, AuthenticationError, RateLimitError,
                InternalServerError: the API refused the call (HTTP 404, 403, 401, 429, 5xx).
            APIConnectionError: The API could not be reached or did not answer in time.
        """
        request = models.NotificationReadRequestDto(notification_ids=_ids(ids))
        result: models.NotificationReadResponseDto = await self._call(
            ops.MARK_NOTIFICATIONS_READ, body=request
        )
        return result

    @api_operation(ops.DELETE_NOTIFICATIONS)
    async def delete(self, ids: Iterable[int]) -> models.NotificationDeleteResponseDto:
        """Delete notifications.

        Args:
            ids: Ids of the notifications to delete: a non-empty iterable of ints (sent as
                ``notificationIds``).

        Returns:
            The :class:`~astravue_async.models.NotificationDeleteResponseDto`: how many were
            deleted and their ids.

        Raises:
            TypeError: ``ids`` is not an iterable of ints; nothing is sent.
            ValueError: ``ids`` is empty; nothing is sent.
            NotFoundError, PermissionDeniedError, AuthenticationError, RateLimitError,
                InternalServerError: the API refused the call (HTTP 404, 403, 401, 429, 5xx).
            APIConnectionError: The API could not be reached or did not answer in time.
        """
        request = models.NotificationDeleteRequestDto(notification_ids=_ids(ids))
        result: models.NotificationDeleteResponseDto = await self._call(
            ops.DELETE_NOTIFICATIONS, body=request
        )
        return result
