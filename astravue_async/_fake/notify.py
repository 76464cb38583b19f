"""Mentions and the notifications they (and assignments) create.

Convention: ``@<userId>`` in a task description or a comment mentions that user, e.g.
``"please review, @2"``. Only ids of existing users count, and nobody is notified about their
own action. Assigning a task (a user id newly in ``owners``) sends a ``NOTIFICATION``; a new
mention sends a ``MENTION``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from astravue_async._fake.state import Notification, Org, Store, Task

__all__ = ["find_mentions", "notify_assigned", "notify_mentioned"]

# "@" not preceded by a word character, so e-mail addresses (ava@2x.io) are not mentions.
_MENTION = re.compile(r"(?<![\w@])@(\d{1,18})\b")


def find_mentions(store: Store, text: str | None) -> list[int]:
    """User ids mentioned as ``@<userId>`` in ``text``, in order of first appearance."""
    found: list[int] = []
    for match in _MENTION.finditer(text or ""):
        user_id = int(match.group(1))
        if user_id in store.users and user_id not in found:
            found.append(user_id)
    return found


def _send(
    store: Store,
    org: Org,
    task: Task,
    *,
    recipients: Iterable[int],
    actor: int,
    kind: str,
    title: str,
    message: str,
    now: datetime,
) -> None:
    for recipient in recipients:
        if recipient == actor:
            continue
        note = Notification(
            notification_id=store.next_id("notification"),
            recipient_id=recipient,
            type=kind,
            title=title,
            message=message,
            task_id=task.task_id,
            project_id=task.project_id,
            space_id=task.space_id,
            triggered_by=actor,
            create_time=now,
        )
        org.notifications[note.notification_id] = note


def notify_assigned(
    store: Store, org: Org, task: Task, new_owners: Iterable[int], actor: int, now: datetime
) -> None:
    """A ``NOTIFICATION`` to every user newly added to a task's owners."""
    name = store.users[actor].full_name
    _send(
        store,
        org,
        task,
        recipients=new_owners,
        actor=actor,
        kind="NOTIFICATION",
        title="Task assigned",
        message=f'{name} assigned you to "{task.title}"',
        now=now,
    )


def notify_mentioned(
    store: Store, org: Org, task: Task, mentioned: Iterable[int], actor: int, now: datetime
) -> None:
    """A ``MENTION`` to every user newly mentioned in a task's description or comments."""
    name = store.users[actor].full_name
    _send(
        store,
        org,
        task,
        recipients=mentioned,
        actor=actor,
        kind="MENTION",
        title="You were mentioned",
        message=f'{name} mentioned you in "{task.title}"',
        now=now,
    )
