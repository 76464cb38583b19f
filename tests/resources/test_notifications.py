"""``client.notifications`` against the recording server."""

from __future__ import annotations

import re
from typing import Any

import pytest

from astravue_async import AstravueClient, models
from astravue_async._generated import operations as ops
from astravue_async.resources import Notifications

from .conftest import Case, FakeAPI, PageOf, assert_cases_cover, case_ids, page_json, run_case


def notification_json(notification_id: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "notificationId": notification_id,
        "type": "MENTION",
        "title": "You were mentioned",
        "isRead": False,
        "taskId": 7,
        "createTime": "2024-05-01T09:00:00Z",
        **extra,
    }


CASES = [
    Case(
        name="list",
        call=lambda c: c.notifications.list(),
        operation=ops.LIST_NOTIFICATIONS,
        method="GET",
        path="/notifications",
        query={"page": "0", "size": "20"},
        response=page_json([notification_json(1), notification_json(2)]),
        returns=PageOf(models.NotificationDto),
    ),
    Case(
        name="list-filtered-enum",
        call=lambda c: c.notifications.list(
            type=models.NotificationType.MENTION,
            unread_only=True,
            sort="createTime,desc",
            page_size=5,
        ),
        operation=ops.LIST_NOTIFICATIONS,
        method="GET",
        path="/notifications",
        query={
            "page": "0",
            "size": "5",
            "sort": "createTime,desc",
            "type": "MENTION",
            "unreadOnly": "true",
        },
        response=page_json([notification_json()], size=5),
        returns=PageOf(models.NotificationDto),
    ),
    Case(
        name="list-filtered-str",
        call=lambda c: c.notifications.list(type="NOTIFICATION", unread_only=False),
        operation=ops.LIST_NOTIFICATIONS,
        method="GET",
        path="/notifications",
        query={"page": "0", "size": "20", "type": "NOTIFICATION", "unreadOnly": "false"},
        response=page_json([notification_json(type="NOTIFICATION")]),
        returns=PageOf(models.NotificationDto),
    ),
    Case(
        name="mark-read",
        call=lambda c: c.notifications.mark_read([1, 2]),
        operation=ops.MARK_NOTIFICATIONS_READ,
        method="PUT",
        path="/notifications/read",
        body={"notificationIds": [1, 2]},
        response={"updatedCount": 2, "notificationIds": [1, 2]},
        returns=models.NotificationReadResponseDto,
    ),
    Case(
        name="mark-read-generator",
        call=lambda c: c.notifications.mark_read(i for i in (3, 4)),
        operation=ops.MARK_NOTIFICATIONS_READ,
        method="PUT",
        path="/notifications/read",
        body={"notificationIds": [3, 4]},
        response={"updatedCount": 2},
        returns=models.NotificationReadResponseDto,
    ),
    Case(
        name="delete",
        call=lambda c: c.notifications.delete([1, 2]),
        operation=ops.DELETE_NOTIFICATIONS,
        method="DELETE",
        path="/notifications",
        body={"notificationIds": [1, 2]},
        response={"deletedCount": 2, "notificationIds": [1, 2]},
        returns=models.NotificationDeleteResponseDto,
    ),
]


def test_cases_call_every_operation() -> None:
    assert_cases_cover(Notifications, CASES)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
async def test_call(api: FakeAPI, client: AstravueClient, case: Case) -> None:
    await run_case(api, client, case)


async def test_decoded_results(api: FakeAPI, client: AstravueClient) -> None:
    api.on("PUT", "/notifications/read", {"updatedCount": 2, "notificationIds": [1, 2]})
    api.on("DELETE", "/notifications", {"deletedCount": 1, "notificationIds": [5]})
    api.on("GET", "/notifications", page_json([notification_json(9, type="DIGEST")]))
    read = await client.notifications.mark_read([1, 2])
    assert (read.updated_count, read.notification_ids) == (2, [1, 2])
    deleted = await client.notifications.delete((5,))
    assert (deleted.deleted_count, deleted.notification_ids) == (1, [5])
    page = await client.notifications.list()
    (item,) = page.items
    assert item.type == "DIGEST"  # an unknown kind is kept, not an error
    assert item.type is not None and not item.type.is_known


BAD_CALLS: list[tuple[str, Any, type[Exception], str]] = [
    ("mark-read-int", lambda c: c.notifications.mark_read(5), TypeError, "ids"),
    ("mark-read-str", lambda c: c.notifications.mark_read("12"), TypeError, "ids"),
    (
        "mark-read-str-item",
        lambda c: c.notifications.mark_read([1, "2"]),
        TypeError,
        "ids[1]",
    ),
    ("mark-read-empty", lambda c: c.notifications.mark_read([]), ValueError, "at least one"),
    ("delete-empty", lambda c: c.notifications.delete([]), ValueError, "at least one"),
    ("delete-int", lambda c: c.notifications.delete(5), TypeError, "ids"),
    (
        "delete-bool-item",
        lambda c: c.notifications.delete([True]),
        TypeError,
        "ids[0]",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "name"), [b[1:] for b in BAD_CALLS], ids=[b[0] for b in BAD_CALLS]
)
async def test_bad_arguments_fail_before_any_request(
    api: FakeAPI, client: AstravueClient, call: Any, error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=re.escape(name)):
        await call(client)
    assert api.count == 0


def test_list_arguments_are_checked_when_called(api: FakeAPI, client: AstravueClient) -> None:
    with pytest.raises(TypeError, match="type"):
        client.notifications.list(type=5)
    with pytest.raises(TypeError, match="unread_only"):
        client.notifications.list(unread_only="yes")
    with pytest.raises(ValueError, match="page_size"):
        client.notifications.list(page_size=101)
    assert api.count == 0
