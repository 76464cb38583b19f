"""Handlers of the Notifications and Mentions operations (always the caller's own)."""

from __future__ import annotations

from typing import Any

from astravue_async._fake.call import Call, Handler
from astravue_async._fake.dto import notification_dto
from astravue_async._fake.state import Notification
from astravue_async._fake.validate import page_response, sort_items

__all__ = ["HANDLERS"]

NOTIFICATION_TYPES = frozenset({"NOTIFICATION", "MENTION"})

_SORT = {
    "notificationId": lambda n: n.notification_id,
    "createTime": lambda n: (n.create_time, n.notification_id),
    "type": lambda n: n.type,
    "isRead": lambda n: n.is_read,
}


def _mine(call: Call) -> list[Notification]:
    return [n for n in call.org.notifications.values() if n.recipient_id == call.user.user_id]


def list_notifications(call: Call) -> dict[str, Any]:
    query = call.query_reader()
    page, size = query.paging()
    kind = query.choice("type", NOTIFICATION_TYPES)
    unread_only = query.boolean("unreadOnly")
    query.check()
    notes = [
        n
        for n in _mine(call)
        if (kind is None or n.type == kind) and not (unread_only and n.is_read)
    ]
    orders = query.sort_orders() or ["createTime,desc"]  # newest first, as documented
    notes = sort_items(notes, orders, _SORT)
    return page_response(notes, page, size, lambda n: notification_dto(call.store, call.org, n))


def _selected(call: Call) -> list[Notification]:
    reader = call.reader()
    ids = reader.int_list("notificationIds", required=True, min_items=1)
    reader.check()
    assert ids is not None
    wanted = set(ids)
    # Ids that are unknown or belong to someone else are skipped, not an error: the
    # response's count says how many were affected.
    return [n for n in _mine(call) if n.notification_id in wanted]


def mark_notifications_read(call: Call) -> dict[str, Any]:
    notes = _selected(call)
    for note in notes:
        note.is_read = True
    ids = [n.notification_id for n in notes]
    return {"updatedCount": len(ids), "notificationIds": ids}


def delete_notifications(call: Call) -> dict[str, Any]:
    notes = _selected(call)
    for note in notes:
        del call.org.notifications[note.notification_id]
    ids = [n.notification_id for n in notes]
    return {"deletedCount": len(ids), "notificationIds": ids}


HANDLERS: dict[str, Handler] = {
    "list_notifications": list_notifications,
    "mark_notifications_read": mark_notifications_read,
    "delete_notifications": delete_notifications,
}
