"""``client.notifications``: the caller's notifications and @mentions."""

from __future__ import annotations

from collections.abc import Iterable

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation

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


class Notifications(Resource):
    """Notifications and mentions of the calling user."""

    @api_operation(ops.LIST_NOTIFICATIONS)
    def list(
        self,
        *,
        type: models.NotificationType | str | None = None,
        unread_only: bool | None = None,
        sort: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[models.NotificationDto]:
        """Notifications, newest first, page by page."""
        return self._paginate(
            ops.LIST_NOTIFICATIONS,
            {"type": type, "unread_only": unread_only, "sort": sort},
            page_size=page_size,
            limit=limit,
        )

    @api_operation(ops.MARK_NOTIFICATIONS_READ)
    async def mark_read(self, ids: Iterable[int]) -> models.NotificationReadResponseDto:
        """Mark notifications as read."""
        request = models.NotificationReadRequestDto(notification_ids=_ids(ids))
        result: models.NotificationReadResponseDto = await self._call(
            ops.MARK_NOTIFICATIONS_READ, body=request
        )
        return result

    @api_operation(ops.DELETE_NOTIFICATIONS)
    async def delete(self, ids: Iterable[int]) -> models.NotificationDeleteResponseDto:
        """Delete notifications."""
        request = models.NotificationDeleteRequestDto(notification_ids=_ids(ids))
        result: models.NotificationDeleteResponseDto = await self._call(
            ops.DELETE_NOTIFICATIONS, body=request
        )
        return result
