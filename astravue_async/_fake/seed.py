"""Putting data into the fake that the API has no operation to create.

The spec can list comments, subtasks and checklist items but not create them, so tests seed
them here. Seeding acts as ``user_id`` and triggers the same notifications the product would.
"""

from __future__ import annotations

from datetime import datetime

from astravue_async._fake.notify import find_mentions, notify_assigned, notify_mentioned
from astravue_async._fake.state import ChecklistItem, Comment, Org, Store, Task

__all__ = ["seed_checklist_item", "seed_comment", "seed_subtask"]


def _task(org: Org, task_id: int) -> Task:
    task = org.tasks.get(task_id)
    if task is None:
        raise LookupError(f"organisation {org.org_id} has no task {task_id}")
    return task


def _user(store: Store, user_id: int) -> int:
    if user_id not in store.users:
        raise LookupError(f"no user {user_id}")
    return user_id


def seed_subtask(
    store: Store,
    org: Org,
    parent_id: int,
    title: str,
    *,
    user_id: int,
    owners: list[int],
    now: datetime,
) -> Task:
    """A subtask of ``parent_id`` (it inherits the parent's space and project)."""
    parent = _task(org, parent_id)
    actor = _user(store, user_id)
    for owner in owners:
        _user(store, owner)
    if not title.strip():
        raise ValueError("title must not be blank")
    subtask = Task(
        task_id=store.next_id("task"),
        title=title,
        description=None,
        owner_ids=list(dict.fromkeys(owners)),
        start_date=None,
        due_date=None,
        completion=0,
        status_id=org.default_label(org.statuses).label_id,
        priority_id=org.default_label(org.priorities).label_id,
        tags=[],
        space_id=parent.space_id,
        project_id=parent.project_id,
        parent_task_id=parent.task_id,
        mentioned_ids=[],
        created_by=actor,
        modified_by=actor,
        create_time=now,
        update_time=now,
    )
    org.tasks[subtask.task_id] = subtask
    notify_assigned(store, org, subtask, subtask.owner_ids, actor, now)
    return subtask


def seed_comment(
    store: Store, org: Org, task_id: int, text: str, *, user_id: int, now: datetime
) -> Comment:
    """A comment on a task; ``@<userId>`` mentions in it notify those users."""
    task = _task(org, task_id)
    actor = _user(store, user_id)
    comment = Comment(
        comment_id=store.next_id("comment"),
        task_id=task.task_id,
        text=text,
        mentioned_ids=find_mentions(store, text),
        created_by=actor,
        create_time=now,
        update_time=now,
    )
    org.comments[comment.comment_id] = comment
    notify_mentioned(store, org, task, comment.mentioned_ids, actor, now)
    return comment


def seed_checklist_item(
    store: Store,
    org: Org,
    task_id: int,
    title: str,
    *,
    completed: bool,
    user_id: int,
    now: datetime,
) -> ChecklistItem:
    """A checklist item, appended after the task's existing items."""
    task = _task(org, task_id)
    actor = _user(store, user_id)
    position = sum(1 for item in org.checklists.values() if item.task_id == task.task_id)
    item = ChecklistItem(
        item_id=store.next_id("checklist"),
        task_id=task.task_id,
        title=title,
        completed=completed,
        position=position,
        created_by=actor,
        create_time=now,
        update_time=now,
    )
    org.checklists[item.item_id] = item
    return item
