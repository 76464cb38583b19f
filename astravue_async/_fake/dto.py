"""Records → the JSON shapes of the spec (``TaskDto``, ``SpaceDto``, ...).

Keys the spec does not mark ``nullable`` are left out when there is no value rather than sent
as null; ``tests/test_conformance.py`` validates every body built here against the spec.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from astravue_async._fake.clock import milliseconds, to_iso
from astravue_async._fake.state import (
    ChecklistItem,
    Comment,
    Label,
    Notification,
    Org,
    Project,
    Space,
    Store,
    Task,
    TimeEntry,
    User,
)

__all__ = [
    "checklist_dto",
    "comment_dto",
    "entry_dto",
    "notification_dto",
    "priority_dto",
    "project_dto",
    "space_dto",
    "status_dto",
    "task_dto",
    "timer_data",
    "user_dto",
]


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    # Optional, non-nullable members: absent rather than null.
    if value is not None:
        target[key] = to_iso(value) if isinstance(value, datetime) else value


def user_dto(user: User) -> dict[str, Any]:
    """``UserDto``."""
    return {
        "userId": user.user_id,
        "firstName": user.first_name,
        "lastName": user.last_name,
        "email": user.email,
        "profilePicColor": user.color,
        "provider": "local",
        "newUser": False,
        "isTourCompleted": True,
        "status": "ACTIVE",
        "role": {"orgRoleId": user.role_id, "roleName": user.role_name},
    }


def status_dto(org: Org, label: Label) -> dict[str, Any]:
    """``TaskStatusDto`` (statuses are organisation-wide: no project or space)."""
    return {
        "tenantId": org.org_id,
        "taskStatusId": label.label_id,
        "statusName": label.name,
        "color": label.color,
        "statusCategory": label.category,
        "projectId": None,
        "spaceId": None,
        "default": label.default,
    }


def priority_dto(org: Org, label: Label) -> dict[str, Any]:
    """``TaskPriorityDto``."""
    return {
        "tenantId": org.org_id,
        "taskPriorityId": label.label_id,
        "priorityLabel": label.name,
        "color": label.color,
        "default": label.default,
        "primary": label.primary,
    }


def space_dto(store: Store, org: Org, space: Space) -> dict[str, Any]:
    """``SpaceDto``."""
    body: dict[str, Any] = {
        "spaceId": space.space_id,
        "tenantId": org.org_id,
        "spaceName": space.name,
        "isPrivate": space.is_private,
        "createdBy": user_dto(store.users[space.created_by]),
        "createTime": to_iso(space.create_time),
        "updateTime": to_iso(space.update_time),
    }
    _put(body, "description", space.description)
    _put(body, "color", space.color)
    return body


def project_dto(store: Store, org: Org, project: Project) -> dict[str, Any]:
    """``ProjectDto``."""
    body: dict[str, Any] = {
        "projectId": project.project_id,
        "tenantId": org.org_id,
        "spaceId": project.space_id,
        "projectName": project.name,
        "status": project.status,
        "health": project.health,
        "members": [user_dto(store.users[uid]) for uid in project.member_ids],
        "createdBy": user_dto(store.users[project.created_by]),
        "modifiedBy": user_dto(store.users[project.modified_by]),
        "createTime": to_iso(project.create_time),
        "updateTime": to_iso(project.update_time),
    }
    for key, value in (
        ("description", project.description),
        ("priority", project.priority),
        ("startDate", project.start_date),
        ("endDate", project.end_date),
        ("budget", project.budget),
        ("currency", project.currency),
    ):
        _put(body, key, value)
    return body


def task_dto(store: Store, org: Org, task: Task) -> dict[str, Any]:
    """``TaskDto`` with its status, priority and owners expanded."""
    body: dict[str, Any] = {
        "tenantId": org.org_id,
        "taskId": task.task_id,
        "taskTitle": task.title,
        "descriptionMentionedUserIds": list(task.mentioned_ids),
        "completion": task.completion,
        "priority": priority_dto(org, org.priorities[task.priority_id]),
        "status": status_dto(org, org.statuses[task.status_id]),
        "owners": [user_dto(store.users[uid]) for uid in task.owner_ids],
        "tags": list(task.tags),
        "spaceId": task.space_id,
        "projectId": task.project_id,
        "parentTaskId": task.parent_task_id,
        "totalTime": org.total_ms(task.task_id),
        "createdBy": user_dto(store.users[task.created_by]),
        "modifiedBy": user_dto(store.users[task.modified_by]),
        "createTime": to_iso(task.create_time),
        "updateTime": to_iso(task.update_time),
    }
    _put(body, "description", task.description)
    _put(body, "startDate", task.start_date)
    _put(body, "dueDate", task.due_date)
    return body


def entry_dto(store: Store, org: Org, entry: TimeEntry) -> dict[str, Any]:
    """``TimeTrackerDto``."""
    return {
        "timeTrackerId": entry.entry_id,
        "tenantId": org.org_id,
        "taskId": entry.task_id,
        "projectId": org.tasks[entry.task_id].project_id,
        "user": user_dto(store.users[entry.user_id]),
        "entryType": entry.entry_type,
        "startTime": to_iso(entry.start),
        "endTime": None if entry.end is None else to_iso(entry.end),
        "duration": entry.duration_ms,
        "running": entry.running,
        "billable": entry.billable,
        "notes": entry.notes,
        "createTime": to_iso(entry.create_time),
        "updateTime": to_iso(entry.update_time),
    }


def timer_data(org: Org, entry: TimeEntry, now: datetime) -> dict[str, Any]:
    """``TimerData``: a running timer with the time elapsed so far."""
    task = org.tasks[entry.task_id]
    return {
        "timeTrackerId": entry.entry_id,
        "taskId": task.task_id,
        "taskTitle": task.title,
        "projectId": task.project_id,
        "spaceId": task.space_id,
        "userId": entry.user_id,
        "startTime": to_iso(entry.start),
        "duration": max(0, milliseconds(now - entry.start)),
        "billable": entry.billable,
        "notes": entry.notes,
    }


def notification_dto(store: Store, org: Org, note: Notification) -> dict[str, Any]:
    """``NotificationDto``."""
    body: dict[str, Any] = {
        "notificationId": note.notification_id,
        "tenantId": org.org_id,
        "type": note.type,
        "title": note.title,
        "message": note.message,
        "isRead": note.is_read,
        "taskId": note.task_id,
        "projectId": note.project_id,
        "spaceId": note.space_id,
        "triggeredBy": user_dto(store.users[note.triggered_by]),
        "createTime": to_iso(note.create_time),
    }
    return body


def comment_dto(store: Store, org: Org, comment: Comment) -> dict[str, Any]:
    """``TaskCommentDto``."""
    return {
        "taskCommentId": comment.comment_id,
        "tenantId": org.org_id,
        "taskId": comment.task_id,
        "comment": comment.text,
        "mentionedUserIds": list(comment.mentioned_ids),
        "createdBy": user_dto(store.users[comment.created_by]),
        "createTime": to_iso(comment.create_time),
        "updateTime": to_iso(comment.update_time),
    }


def checklist_dto(store: Store, org: Org, item: ChecklistItem) -> dict[str, Any]:
    """``TaskCheckListDto``."""
    return {
        "taskCheckListId": item.item_id,
        "tenantId": org.org_id,
        "taskId": item.task_id,
        "checkListTitle": item.title,
        "isCompleted": item.completed,
        "position": item.position,
        "createdBy": user_dto(store.users[item.created_by]),
        "createTime": to_iso(item.create_time),
        "updateTime": to_iso(item.update_time),
    }
